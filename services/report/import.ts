/**
 * Reading a JSON report back (`factdesk import report.json`, the app's Import report). The file is
 * checked against the store's own schemas, with limits on its counts; every statement must have
 * start < end, come after the one before, and slice the article text exactly at its offsets. Its
 * text is then normalised as any imported article is (line ends, control characters), and each
 * statement found again in the normalised text. The article is created in one write.
 *
 * Kept: the text, every verdict, explanation, note, claimant, correction and source, who checked
 * (as the report says) and the report's history, followed by an entry saying it was imported
 * and by whom. New: the ids, and the facts check
 * (numbers, dates and names no supporting quote mentions), recomputed here. Not this desk's:
 * a report's sign-offs. Anyone can edit a JSON file, so a sign-off in it is recorded in the
 * statement's history as imported and never counts as a sign-off here (the statement awaits one,
 * and the article is not ready to publish until an editor of this desk gives it). Not brought
 * back: attached source documents (the report only names them), so sources lose their document
 * link and the quote check made against it.
 */
import * as v from 'valibot';
import { UserError } from '../../store/errors';
import {
  ArticleMetaSchema,
  MAX_ARTICLE_CHARS,
  SourceInputSchema,
  StatementSchema,
  type Article,
  type HistoryEntry,
  type Source,
} from '../../domain/schema';
import type { Store } from '../../store/store';
import { unsupportedFacts } from '../evidence/check-sources';
import { normaliseText } from '../import';
import { REPORT_JSON_FORMAT, REPORT_JSON_VERSION } from './json';

/** The largest JSON report read: the longest article plus generous room for evidence. */
export const MAX_REPORT_BYTES = 64 * 1024 * 1024;
export const READABLE_REPORT_VERSIONS: readonly number[] = [1, 2, REPORT_JSON_VERSION];
/** More statements than the longest article has sentences; more history than years of work on one. */
export const MAX_REPORT_STATEMENTS = 50_000;
export const MAX_REPORT_HISTORY = 2_000;

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
  history: v.optional(
    v.pipe(statement.history, v.maxLength(MAX_REPORT_HISTORY, `has more than ${MAX_REPORT_HISTORY.toLocaleString('en')} entries`)),
    [],
  ),
});

export const ReportJsonSchema = v.object({
  format: v.literal(REPORT_JSON_FORMAT),
  version: v.picklist(READABLE_REPORT_VERSIONS as number[]),
  article: v.object({
    ...ArticleMetaSchema.entries,
    factCheckUrl: v.optional(ArticleMetaSchema.entries.factCheckUrl, ''),
    text: v.pipe(v.string(), v.maxLength(MAX_ARTICLE_CHARS)),
  }),
  statements: v.pipe(
    v.array(ReportStatementSchema),
    v.maxLength(MAX_REPORT_STATEMENTS, `has more than ${MAX_REPORT_STATEMENTS.toLocaleString('en')} statements`),
  ),
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
  // Counted before the schema reads every statement: 300,000 of them take seconds to check.
  const listed = (raw as { statements?: unknown }).statements;
  if (Array.isArray(listed) && listed.length > MAX_REPORT_STATEMENTS) {
    throw new UserError('import-failed', `${fileName} is damaged: statements has more than ${MAX_REPORT_STATEMENTS.toLocaleString('en')} statements.`);
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
  const damaged = (i: number, what: string) => new UserError('import-failed', `${fileName} is damaged: statement ${i + 1} ${what}.`);
  let previousEnd = 0;
  report.statements.forEach((s, i) => {
    if (s.end <= s.start) throw damaged(i, 'is empty (its end is not after its start)');
    if (s.start < previousEnd) throw damaged(i, 'overlaps the statement before it');
    if (s.end > articleText.length || articleText.slice(s.start, s.end) !== s.text) {
      throw damaged(i, 'does not match the article text at its offsets');
    }
    previousEnd = s.end;
  });
  // Normalised as any imported article (line ends, control characters, blank runs), then each
  // statement found again, in order, in the normalised text.
  const normalised = normaliseText(articleText);
  let cursor = 0;
  const statements = report.statements.map((s, i) => {
    const sentence = normaliseText(s.text);
    const start = sentence ? normalised.indexOf(sentence, cursor) : -1;
    if (start < 0) throw damaged(i, 'has no text once control characters and blank runs are removed');
    cursor = start + sentence.length;
    return { ...s, start, end: cursor, text: sentence };
  });
  return { ...report, article: { ...report.article, text: normalised }, statements };
}

/** One line of text, as a form field holds it: no control characters, no line breaks. */
const line = (value: string) => value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();

/**
 * Creates the article of a parsed report in the store in one write (see the header for what is
 * kept, recomputed and not counted). `importedBy` is the editor importing it, named in the
 * history entry that marks where the report's own history ends.
 */
export async function importReport(store: Store, report: ReportJson, importedBy = ''): Promise<Article> {
  const { title, outlet, author, url, publishedAt, factCheckUrl, text } = report.article;
  const now = new Date().toISOString();
  const by = line(importedBy) || 'Unnamed editor';
  return store.create(
    { title: line(title), outlet: line(outlet), author: line(author), url, publishedAt, factCheckUrl, text },
    report.statements.map((s) => {
      const sources = s.sources.map(
        (src): Source => ({
          ...src,
          quote: normaliseText(src.quote),
          title: line(src.title),
          file: line(src.file),
          publisher: line(src.publisher),
          author: line(src.author),
          documentId: '',
        }),
      );
      const note = normaliseText(s.note);
      const checkedBy = line(s.checkedBy);
      const history: HistoryEntry[] = s.history.map((h) => ({ ...h, by: line(h.by), before: normaliseText(h.before), after: normaliseText(h.after) }));
      if (s.review) {
        const reviewer = line(s.review.by);
        history.push({ at: s.review.at, by: reviewer, field: 'review', before: '', after: `Signed off by ${reviewer} in the imported report; not a sign-off on this desk` });
      }
      if (history.length || s.verdict !== 'unchecked' || note || sources.length) {
        history.push({ at: now, by, field: 'statement', before: '', after: 'Imported from a JSON report: the verdict, evidence and history above come from the file' });
      }
      return {
        start: s.start,
        end: s.end,
        text: s.text,
        evidence: {
          verdict: s.verdict,
          explanation: normaliseText(s.explanation),
          note,
          claimant: line(s.claimant),
          corrections: s.corrections.map((c) => ({ ...c, by: line(c.by), change: normaliseText(c.change), reason: normaliseText(c.reason) })),
          sources,
          checkedBy,
          checkedAt: s.checkedAt ?? (s.verdict !== 'unchecked' ? s.updatedAt : null),
          updatedAt: s.updatedAt,
          review: null,
          unsupported: unsupportedFacts(s.text, sources),
          history,
        },
      };
    }),
  );
}
