/**
 * Reading a JSON report back (`factdesk import report.json`, the app's Import report): the
 * file is checked against the store's own schemas, every statement must slice the article
 * text exactly at its offsets, and the article is created through the store's public methods:
 * create, then mark for each statement with a verdict, a note or sources (recorded as given by
 * the statement's checker), then signOff where the report has a sign-off.
 *
 * Kept: the text, the offsets, every verdict, note and source, who checked and who signed off.
 * New: the ids, and the times (a verdict and a sign-off are dated when imported; the report's
 * own history is not replayed). Not brought back: attached source documents (the report only
 * names them), so sources lose their document link and the quote check made against it.
 */
import * as v from 'valibot';
import { UserError } from '../../store/errors';
import {
  ArticleMetaSchema,
  MAX_ARTICLE_CHARS,
  SourceInputSchema,
  StatementSchema,
  type Article,
  type Source,
} from '../../store/schema';
import type { Store } from '../../store/store';
import { needsSignOff } from '../../store/verdicts';
import { REPORT_JSON_FORMAT, REPORT_JSON_VERSION } from './json';

/** The largest JSON report read: the longest article plus generous room for evidence. */
export const MAX_REPORT_BYTES = 64 * 1024 * 1024;
export const READABLE_REPORT_VERSIONS: readonly number[] = [1, 2, REPORT_JSON_VERSION];

const source = SourceInputSchema.entries;
const statement = StatementSchema.entries;

/** A source as any readable version wrote it; fields added since version 1 default to empty. */
const ReportSourceSchema = v.object({
  role: source.role,
  quote: source.quote,
  title: source.title,
  url: source.url,
  file: source.file,
  publisher: source.publisher,
  author: v.optional(source.author, ''),
  publishedAt: source.publishedAt,
  accessedAt: v.optional(source.accessedAt, ''),
});

const ReportStatementSchema = v.object({
  index: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  start: statement.start,
  end: statement.end,
  text: statement.text,
  verdict: statement.verdict,
  note: statement.note,
  // Version 3: the public explanation, the claimant and corrections; older reports had none.
  explanation: v.optional(statement.explanation, ''),
  claimant: v.optional(statement.claimant, ''),
  corrections: v.optional(statement.corrections, []),
  sources: v.pipe(v.array(ReportSourceSchema), v.maxLength(50)),
  checkedBy: v.optional(statement.checkedBy, ''),
  checkedAt: v.optional(statement.checkedAt, null),
  updatedAt: v.optional(statement.updatedAt, null),
  review: v.optional(statement.review, null),
  unsupported: v.optional(statement.unsupported, []),
  history: v.optional(statement.history, []),
});

export const ReportJsonSchema = v.object({
  format: v.literal(REPORT_JSON_FORMAT),
  version: v.picklist(READABLE_REPORT_VERSIONS as number[]),
  article: v.object({
    ...ArticleMetaSchema.entries,
    factCheckUrl: v.optional(ArticleMetaSchema.entries.factCheckUrl, ''),
    text: v.pipe(v.string(), v.maxLength(MAX_ARTICLE_CHARS)),
  }),
  statements: v.array(ReportStatementSchema),
});
export type ReportJson = v.InferOutput<typeof ReportJsonSchema>;

/** Parses and checks a JSON report; the error names the file and what is wrong with it. */
export function parseReportJson(text: string, fileName = 'The report'): ReportJson {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new UserError('import-failed', `${fileName} is not valid JSON (${(err as Error).message}).`);
  }
  if (!raw || typeof raw !== 'object' || (raw as { format?: unknown }).format !== REPORT_JSON_FORMAT) {
    throw new UserError('import-failed', `${fileName} is not a Factdesk JSON report.`);
  }
  const version = (raw as { version?: unknown }).version;
  if (!READABLE_REPORT_VERSIONS.includes(version as number)) {
    throw new UserError(
      'import-failed',
      `${fileName} is a version ${String(version).slice(0, 20)} report; this Factdesk reads versions ${READABLE_REPORT_VERSIONS.slice(0, -1).join(', ')} and ${READABLE_REPORT_VERSIONS.at(-1)}.`,
    );
  }
  const result = v.safeParse(ReportJsonSchema, raw);
  if (!result.success) {
    const issue = result.issues[0];
    const where = issue ? v.getDotPath(issue) : null;
    throw new UserError('import-failed', `${fileName} is damaged: ${where ? `${where} ` : ''}${issue?.message ?? 'is invalid'}.`);
  }
  const report = result.output;
  const articleText = report.article.text;
  if (!articleText.trim()) throw new UserError('import-failed', `${fileName} has no article text.`);
  let previousEnd = 0;
  report.statements.forEach((s, i) => {
    if (s.start < previousEnd || s.end < s.start || s.end > articleText.length || articleText.slice(s.start, s.end) !== s.text) {
      throw new UserError(
        'import-failed',
        `${fileName} is damaged: statement ${i + 1} does not match the article text at its offsets.`,
      );
    }
    previousEnd = s.end;
  });
  return report;
}

/**
 * Creates the article of a parsed report in the store in one write, with every verdict, note,
 * source, sign-off and history entry as the report has them (dates included). Source documents
 * do not travel in a report, so no source is linked to one.
 */
export async function importReport(store: Store, report: ReportJson): Promise<Article> {
  const { title, outlet, author, url, publishedAt, factCheckUrl, text } = report.article;
  return store.create(
    { title, outlet, author, url, publishedAt, factCheckUrl, text },
    report.statements.map((s) => ({
      start: s.start,
      end: s.end,
      text: s.text,
      evidence: {
        verdict: s.verdict,
        explanation: s.explanation,
        note: s.note,
        claimant: s.claimant,
        corrections: s.corrections,
        sources: s.sources.map((src): Source => ({ ...src, documentId: '' })),
        checkedBy: s.checkedBy,
        checkedAt: s.checkedAt ?? (s.verdict !== 'unchecked' ? s.updatedAt : null),
        updatedAt: s.updatedAt,
        // A sign-off only counts from a second editor, on a verdict that needs one.
        review: s.review && needsSignOff(s.verdict) && s.review.by !== s.checkedBy ? s.review : null,
        unsupported: s.unsupported,
        history: s.history,
      },
    })),
  );
}
