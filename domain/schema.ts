/**
 * The newsroom's documents as valibot schemas: articles, statements, sources, source documents,
 * settings, other publishers' checks, and what arrives from the editor (drafts, patches, inputs).
 * The store checks every file it reads against these (store/file-schemas.ts wraps them in
 * versioned files), and main checks every IPC payload against the draft/patch schemas before it
 * reaches the store. Types are inferred from the schemas so the two can never drift apart.
 */
import * as v from 'valibot';
import { SOURCE_ROLES, VERDICTS } from './verdicts';

// Limits keep one hostile or mistaken payload from filling memory or the disk.
export const MAX_ARTICLE_CHARS = 2_000_000;
const SHORT = 500;
const LONG = 20_000;

const shortText = v.pipe(v.string(), v.maxLength(SHORT));
const longText = v.pipe(v.string(), v.maxLength(LONG));
const id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not a valid id'));
const isoDateTime = v.pipe(v.string(), v.isoTimestamp());
/** Dates as editors type them: empty, or YYYY-MM-DD. */
const calendarDate = v.union([v.literal(''), v.pipe(v.string(), v.isoDate())]);
/** A link the editor typed: empty, or an http(s) URL. Anything else (javascript:, file:) is refused. */
export const webUrl = v.union([
  v.literal(''),
  v.pipe(v.string(), v.maxLength(2048), v.url(), v.regex(/^https?:\/\//i, 'must start with http:// or https://')),
]);

export const VerdictSchema = v.picklist(VERDICTS);
export const SourceRoleSchema = v.picklist(SOURCE_ROLES);

export const QUOTE_MATCHES = ['exact', 'normalised', 'fuzzy', 'none'] as const;
export const DIFFERENCE_KINDS = ['negation', 'number', 'name', 'wording', 'elision'] as const;

/**
 * Where Factdesk found the quote in its attached source document. Computed by the main process
 * when the source is saved, never taken from the renderer: a report may only say a quote is in
 * its source when this says so.
 */
export const QuoteCheckSchema = v.object({
  match: v.picklist(QUOTE_MATCHES),
  start: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0))),
  end: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0))),
  passage: v.nullable(v.string()),
  differences: v.array(v.object({ quote: v.string(), source: v.string(), kind: v.picklist(DIFFERENCE_KINDS) })),
  checkedAt: isoDateTime,
});
export type QuoteCheck = v.InferOutput<typeof QuoteCheckSchema>;

const sourceEntries = {
  role: SourceRoleSchema,
  /** The exact words in the source. */
  quote: longText,
  title: shortText,
  url: webUrl,
  /** A file the source came from, by name, when it is not on the web. */
  file: shortText,
  publisher: shortText,
  author: shortText,
  publishedAt: calendarDate,
  accessedAt: calendarDate,
  /** The attached source document the quote is checked against, or ''. */
  documentId: v.union([v.literal(''), id]),
};

/** A source as the editor sends it: the check is the main process's to compute. */
export const SourceInputSchema = v.object(sourceEntries);
export type SourceInput = v.InferOutput<typeof SourceInputSchema>;

export const SourceSchema = v.object({ ...sourceEntries, check: v.optional(QuoteCheckSchema) });
export type Source = v.InferOutput<typeof SourceSchema>;

export const HISTORY_FIELDS = ['verdict', 'note', 'sources', 'review', 'statement', 'explanation', 'claimant', 'correction', 'conflict'] as const;

/** One change to a statement, as the timeline shows it. */
export const HistoryEntrySchema = v.object({
  at: isoDateTime,
  by: shortText,
  field: v.picklist(HISTORY_FIELDS),
  before: longText,
  after: longText,
});
export type HistoryEntry = v.InferOutput<typeof HistoryEntrySchema>;

export const SignOffSchema = v.object({ by: shortText, at: isoDateTime });

/**
 * A correction recorded after the report was published (IFCN: corrections are published):
 * when, what changed and why, and the verdict before and after it.
 */
export const CorrectionSchema = v.object({
  /** The day the correction was made, as the published correction notice gives it. */
  date: v.pipe(v.string(), v.isoDate()),
  /** What changed, in words a reader understands. */
  change: v.pipe(longText, v.check((t) => t.trim().length > 0, 'is empty')),
  /** Why it changed. */
  reason: v.pipe(longText, v.check((t) => t.trim().length > 0, 'is empty')),
  verdictBefore: VerdictSchema,
  verdict: VerdictSchema,
  by: shortText,
  at: isoDateTime,
});
export type Correction = v.InferOutput<typeof CorrectionSchema>;

/** A correction as the editor sends it; who and when are the main process's to record. */
export const CorrectionInputSchema = v.object({
  date: CorrectionSchema.entries.date,
  change: CorrectionSchema.entries.change,
  reason: CorrectionSchema.entries.reason,
  /** The corrected verdict; the same verdict when only the explanation or evidence changed. */
  verdict: VerdictSchema,
});
export type CorrectionInput = v.InferOutput<typeof CorrectionInputSchema>;

/**
 * Work given to an editor on the desk: an article, or one statement of it, to check by a day.
 * Names are desk user names. Absent (older files) and null both mean unassigned.
 */
export const AssignmentInputSchema = v.object({
  /** Who is to check it. */
  to: v.pipe(shortText, v.minLength(1, 'needs the name of the editor')),
  /** Who is to sign it off; '' for any second editor. */
  reviewer: v.optional(shortText, ''),
  /** The deadline, YYYY-MM-DD, or ''. */
  due: v.optional(calendarDate, ''),
});
export type AssignmentInput = v.InferInput<typeof AssignmentInputSchema>;
export const AssignmentSchema = v.object({
  to: shortText,
  reviewer: shortText,
  due: calendarDate,
  by: shortText,
  at: isoDateTime,
});
export type Assignment = v.InferOutput<typeof AssignmentSchema>;

export const StatementSchema = v.object({
  id,
  start: v.pipe(v.number(), v.integer(), v.minValue(0)),
  end: v.pipe(v.number(), v.integer(), v.minValue(0)),
  text: v.string(),
  verdict: VerdictSchema,
  sources: v.pipe(v.array(SourceSchema), v.maxLength(50)),
  /** The public explanation: why this verdict, in words a reader sees in every published report. */
  explanation: longText,
  /** The internal note: for the desk only, never in a public report (CSV, JSON and internal reports only). */
  note: longText,
  /** Who made the claim ("Nicole Yorkin"), or the article's outlet or author for its own claims; '' when not recorded. */
  claimant: shortText,
  /** Corrections made after publication, oldest first; the verdict is the corrected one. */
  corrections: v.pipe(v.array(CorrectionSchema), v.maxLength(100)),
  updatedAt: v.nullable(isoDateTime),
  /** Who gave the current verdict, and when; '' and null while unchecked. */
  checkedBy: shortText,
  checkedAt: v.nullable(isoDateTime),
  /** A second editor's sign-off of the current verdict; a new verdict clears it. */
  review: v.nullable(SignOffSchema),
  /** Numbers, dates and names in the statement that no supporting quote mentions. */
  unsupported: v.array(shortText),
  history: v.array(HistoryEntrySchema),
  /**
   * Set while the desk holds two versions of this statement, changed by two editors while apart
   * (services/desk): the statement shows the winning side with the history of both, until an
   * editor changes it again. Only in this store; never written to the desk.
   */
  deskConflict: v.optional(v.object({ editors: v.array(shortText), message: shortText })),
  /** This statement given to an editor (services/desk/assignments.ts); the article's otherwise. */
  assignment: v.optional(v.nullable(AssignmentSchema)),
});
export type Statement = v.InferOutput<typeof StatementSchema>;

export const DOCUMENT_KINDS = ['pdf', 'docx', 'html', 'txt', 'md', 'url'] as const;

/** A source document attached to an article; its text lives in documents/<article>/<id>.json. */
export const DocumentRefSchema = v.object({
  id,
  name: shortText,
  kind: v.picklist(DOCUMENT_KINDS),
  url: webUrl,
  chars: v.pipe(v.number(), v.integer(), v.minValue(0)),
  attachedAt: isoDateTime,
  attachedBy: shortText,
});
export type DocumentRef = v.InferOutput<typeof DocumentRefSchema>;

export const MAX_DOCUMENT_CHARS = 20_000_000;

export const SourceDocumentSchema = v.object({
  ...DocumentRefSchema.entries,
  text: v.pipe(v.string(), v.maxLength(MAX_DOCUMENT_CHARS)),
  /** Where each page starts in text (PDFs), so the viewer can say "page 4". */
  pageStarts: v.array(v.pipe(v.number(), v.integer(), v.minValue(0))),
});
export type SourceDocument = v.InferOutput<typeof SourceDocumentSchema>;

const articleMetaEntries = {
  title: shortText,
  outlet: shortText,
  author: shortText,
  url: webUrl,
  publishedAt: calendarDate,
  /** Where the desk's fact-check of this article is published (ClaimReview's url); '' until it is. */
  factCheckUrl: webUrl,
};

export const ArticleMetaSchema = v.object(articleMetaEntries);

export const ArticleSchema = v.object({
  id,
  ...articleMetaEntries,
  text: v.pipe(v.string(), v.maxLength(MAX_ARTICLE_CHARS)),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  statements: v.array(StatementSchema),
  documents: v.array(DocumentRefSchema),
  /** Statements whose sentence was edited out of the text: kept with their verdicts, never dropped. */
  orphaned: v.array(StatementSchema),
  /** The article given to an editor on the desk, with a deadline. */
  assignment: v.optional(v.nullable(AssignmentSchema)),
  /**
   * Set while the desk holds two versions of the article's own fields (title, text, outlet…),
   * changed by two editors while apart: the winning side is shown, the other kept on the desk,
   * until an editor changes the article again. Only in this store; never written to the desk.
   */
  deskConflict: v.optional(v.object({ editors: v.array(shortText), message: shortText })),
});
export type Article = v.InferOutput<typeof ArticleSchema>;

/** What the library lists, kept in the index so that opening the app never reads every article. */
export const ArticleSummarySchema = v.object({
  id,
  title: shortText,
  outlet: shortText,
  publishedAt: calendarDate,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  statementCount: v.pipe(v.number(), v.integer(), v.minValue(0)),
  checkedCount: v.pipe(v.number(), v.integer(), v.minValue(0)),
  reviewedCount: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** Every statement checked, and every verdict other than opinion signed off by a second editor. */
  readyToPublish: v.boolean(),
});
export type ArticleSummary = v.InferOutput<typeof ArticleSummarySchema>;

export const TrashEntrySchema = v.object({
  ...ArticleSummarySchema.entries,
  deletedAt: isoDateTime,
});
export type TrashEntry = v.InferOutput<typeof TrashEntrySchema>;

// ---- What arrives from the editor (IPC and the command line) ----

/** A new article before it is split into statements. Every field but the text may be empty. */
export const ArticleDraftSchema = v.object({
  text: v.pipe(
    v.string(),
    v.maxLength(MAX_ARTICLE_CHARS, `is longer than ${MAX_ARTICLE_CHARS.toLocaleString('en')} characters`),
    v.check((t) => t.trim().length > 0, 'is empty'),
  ),
  title: v.optional(shortText, ''),
  outlet: v.optional(shortText, ''),
  author: v.optional(shortText, ''),
  url: v.optional(webUrl, ''),
  publishedAt: v.optional(calendarDate, ''),
});
export type ArticleDraft = v.InferInput<typeof ArticleDraftSchema>;

export const ArticleMetaPatchSchema = v.partial(ArticleMetaSchema);
export type ArticleMetaPatch = v.InferOutput<typeof ArticleMetaPatchSchema>;

/** One change to a statement's verdict and evidence; absent fields are left as they are. */
export const StatementPatchSchema = v.object({
  verdict: v.optional(VerdictSchema),
  explanation: v.optional(longText),
  note: v.optional(longText),
  claimant: v.optional(shortText),
  sources: v.optional(v.pipe(v.array(SourceInputSchema), v.maxLength(50))),
});
export type StatementPatch = v.InferOutput<typeof StatementPatchSchema>;

/** Something the store had to do about a damaged file, told to the editor in plain words. */
export interface StoreNotice {
  file: string;
  problem: string;
  movedTo: string | null;
  restoredFrom: string | null;
  at: string;
}

export const SettingsSchema = v.object({
  /** Who is checking: recorded with every change, shown to reviewers. */
  editorName: shortText,
  /** The organisation that publishes the fact-checks (ClaimReview author). */
  newsroomName: shortText,
  newsroomUrl: webUrl,
});
export type Settings = v.InferOutput<typeof SettingsSchema>;
export const SettingsPatchSchema = v.partial(SettingsSchema);
export type SettingsPatch = v.InferOutput<typeof SettingsPatchSchema>;

/**
 * A fact-check another publisher published (ClaimReview), imported so that earlier checks of
 * the same claim include theirs. Kept in its own file, apart from the newsroom's own checks,
 * and never shown as one of them.
 */
export const PublishedCheckSchema = v.object({
  id,
  /** The claim as the publisher worded it (claimReviewed). */
  claim: longText,
  /** Who made the claim (itemReviewed.author.name), or ''. */
  claimant: shortText,
  publisher: shortText,
  /** The publisher's rating in its own words (reviewRating.alternateName). */
  rating: shortText,
  /** The fact-check's page. */
  url: webUrl,
  reviewedAt: calendarDate,
  importedAt: isoDateTime,
  /** The file it was imported from, by name. */
  importedFrom: shortText,
});
export type PublishedCheck = v.InferOutput<typeof PublishedCheckSchema>;

export const ArticleIdSchema = id;
export const StatementIdSchema = id;

/**
 * What an exported report includes: the export dialog's options and `factdesk export`'s flags.
 * signedOffOnly: only verdicts a second editor signed off. includeUnchecked: list unchecked
 * statements (they are counted either way). internal: internal notes, history and who checked
 * what. includeUnsigned: ClaimReview publishes verdicts nobody signed off.
 */
export const ReportScopeSchema = v.object({
  signedOffOnly: v.boolean(),
  includeUnchecked: v.boolean(),
  internal: v.boolean(),
  includeUnsigned: v.boolean(),
});
export type ReportScope = v.InferOutput<typeof ReportScopeSchema>;
