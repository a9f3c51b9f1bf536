/** Finding things across the library: search, earlier checks of the same claim, published fact-checks. */
import * as v from 'valibot';
import { SourceInputSchema, VerdictSchema } from '../domain/schema';
import { articleId, method, statementId } from './method';

const day = v.union([v.literal(''), v.pipe(v.string(), v.isoDate())]);

/** Search across the library: text in statements, quotes, sources and notes, plus filters. */
export const SearchQuerySchema = v.strictObject({
  text: v.pipe(v.string(), v.maxLength(500)),
  verdict: v.optional(v.union([v.literal(''), VerdictSchema])),
  review: v.optional(v.picklist(['', 'signed-off', 'awaiting'])),
  /** Who checked or signed off, case-insensitive. */
  editor: v.optional(v.pipe(v.string(), v.maxLength(200))),
  /** Last change on or after / before this day (YYYY-MM-DD). */
  from: v.optional(day),
  to: v.optional(day),
});
export type SearchQuery = v.InferInput<typeof SearchQuerySchema>;

export const SEARCH_FIELDS = ['statement', 'quote', 'source', 'note', 'explanation'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

export const SearchHitSchema = v.object({
  articleId: v.string(),
  articleTitle: v.string(),
  statementId: v.string(),
  /** From 1, as reports number statements. */
  index: v.number(),
  text: v.string(),
  verdict: VerdictSchema,
  field: v.picklist(SEARCH_FIELDS),
  snippet: v.string(),
});
export type SearchHit = v.InferOutput<typeof SearchHitSchema>;

/** A number, date or name that an earlier check of the same claim gives differently. */
export const ClaimDifferenceSchema = v.object({
  kind: v.picklist(['number', 'date', 'name']),
  /** As the earlier check's statement wrote it. */
  earlier: v.string(),
  /** As this statement writes it. */
  here: v.string(),
});
export type ClaimDifference = v.InferOutput<typeof ClaimDifferenceSchema>;

/**
 * An earlier check of the same (or a similar) claim: one of the newsroom's own checked
 * statements in another article, or a fact-check another publisher published (imported
 * ClaimReview), which is never presented as the newsroom's own.
 */
export const EarlierCheckSchema = v.object({
  origin: v.picklist(['newsroom', 'published']),
  /** The newsroom's article and statement; '' and 0 for a published check. */
  articleId: v.string(),
  articleTitle: v.string(),
  statementId: v.string(),
  index: v.number(),
  text: v.string(),
  /** The newsroom's verdict; null for a published check (see rating). */
  verdict: v.nullable(VerdictSchema),
  /** A published check's publisher and its rating in its own words; '' for the newsroom's. */
  publisher: v.string(),
  rating: v.string(),
  /** A published check's page; '' for the newsroom's. */
  url: v.string(),
  /** When and by whom: the verdict's editor, or the publisher and its date of publication. */
  checkedAt: v.nullable(v.string()),
  checkedBy: v.string(),
  explanation: v.string(),
  /** How similar the claims are, 0 to 1; only those above the matcher's threshold are listed. */
  score: v.number(),
  differences: v.array(ClaimDifferenceSchema),
  /** Its sources, ready to be copied into the statement being checked. */
  sources: v.array(SourceInputSchema),
});
export type EarlierCheck = v.InferOutput<typeof EarlierCheckSchema>;

/** What File > Import published fact-checks… added. */
export const PublishedChecksImportSchema = v.object({
  file: v.string(),
  added: v.number(),
  /** Already imported before (same page and claim): not added twice. */
  alreadyKept: v.number(),
});
export type PublishedChecksImport = v.InferOutput<typeof PublishedChecksImportSchema>;

export const SEARCH_METHODS = {
  /** Statements, quotes, sources, notes and explanations across the library that match the query. */
  search: method('factdesk:library:search', [SearchQuerySchema], v.array(SearchHitSchema)),
  /** Earlier checks of the statement's claim, best first, at most `limit`. */
  earlierChecks: method(
    'factdesk:statement:earlier-checks',
    [articleId, statementId, v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50))],
    v.array(EarlierCheckSchema),
  ),
  /** The statements of the article that have at least one earlier check. */
  statementsWithEarlierChecks: method('factdesk:article:earlier-checks', [articleId], v.array(v.string())),
  /** Native open dialog for ClaimReview JSON-LD (.json, .jsonld, .html); null when the editor cancels. */
  importPublishedChecks: method('factdesk:published:import', [], v.nullable(PublishedChecksImportSchema)),
};
