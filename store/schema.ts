/**
 * What the store keeps, as valibot schemas. Every file is checked against these when it is
 * read, and every IPC payload against the draft/patch schemas before it reaches the store.
 * Types are inferred from the schemas so the two can never drift apart.
 */
import * as v from 'valibot';
import { SOURCE_ROLES, VERDICTS } from './verdicts';

/** Bumped whenever the shape of a file changes; see migrations.ts. */
export const SCHEMA_VERSION = 1;

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

export const SourceSchema = v.object({
  role: SourceRoleSchema,
  /** The exact words in the source. */
  quote: longText,
  title: shortText,
  url: webUrl,
  /** A file the source came from, by name, when it is not on the web. */
  file: shortText,
  publisher: shortText,
  publishedAt: calendarDate,
});
export type Source = v.InferOutput<typeof SourceSchema>;

export const StatementSchema = v.object({
  id,
  start: v.pipe(v.number(), v.integer(), v.minValue(0)),
  end: v.pipe(v.number(), v.integer(), v.minValue(0)),
  text: v.string(),
  verdict: VerdictSchema,
  sources: v.pipe(v.array(SourceSchema), v.maxLength(50)),
  note: longText,
  updatedAt: v.nullable(isoDateTime),
});
export type Statement = v.InferOutput<typeof StatementSchema>;

const articleMetaEntries = {
  title: shortText,
  outlet: shortText,
  author: shortText,
  url: webUrl,
  publishedAt: calendarDate,
};

export const ArticleMetaSchema = v.object(articleMetaEntries);
export type ArticleMeta = v.InferOutput<typeof ArticleMetaSchema>;

export const ArticleSchema = v.object({
  id,
  ...articleMetaEntries,
  text: v.pipe(v.string(), v.maxLength(MAX_ARTICLE_CHARS)),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  statements: v.array(StatementSchema),
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
});
export type ArticleSummary = v.InferOutput<typeof ArticleSummarySchema>;

export const TrashEntrySchema = v.object({
  ...ArticleSummarySchema.entries,
  deletedAt: isoDateTime,
});
export type TrashEntry = v.InferOutput<typeof TrashEntrySchema>;

export const ArticleFileSchema = v.object({
  version: v.literal(SCHEMA_VERSION),
  article: ArticleSchema,
});
export type ArticleFile = v.InferOutput<typeof ArticleFileSchema>;

export const LibraryFileSchema = v.object({
  version: v.literal(SCHEMA_VERSION),
  articles: v.array(ArticleSummarySchema),
  trash: v.array(TrashEntrySchema),
});
export type LibraryFile = v.InferOutput<typeof LibraryFileSchema>;

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
  note: v.optional(longText),
  sources: v.optional(v.pipe(v.array(SourceSchema), v.maxLength(50))),
});
export type StatementPatch = v.InferOutput<typeof StatementPatchSchema>;

export { emptySource } from './verdicts';

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

export const ArticleIdSchema = id;
export const StatementIdSchema = id;
