/**
 * The CSV report: one row per statement, for spreadsheets.
 *
 * - RFC 4180: comma-separated, CRLF between records, a field that holds a comma, a double
 *   quote, CR or LF is wrapped in double quotes with its quotes doubled.
 * - UTF-8 with a byte-order mark, so Excel reads Hebrew, Arabic and accents as UTF-8.
 * - No formula injection (OWASP "CSV Injection"): a cell of article, source or editor text
 *   that begins with = + - @, a tab or a carriage return (also after leading spaces, and in
 *   the full-width forms some spreadsheets accept) is prefixed with a single quote, so a
 *   spreadsheet shows it as text and never runs it.
 * - A statement with several sources lists their quotes, titles and URLs one per line inside
 *   the cell, in the same order in each column.
 */
import type { Article } from '../../store/schema';
import { VERDICT_LABEL } from '../../store/verdicts';
import { accountability } from './people';

export const CSV_COLUMNS = [
  'Index',
  'Statement',
  'Verdict',
  'Quote',
  'Source title',
  'Source URL',
  'Checker',
  'Reviewer',
  'Checked at',
  'Note',
] as const;

const BOM = '\uFEFF';
const CRLF = '\r\n';

/** Characters that make a spreadsheet treat a cell as a formula (or DDE) when they come first. */
const FORMULA_START = /^[\s\u00a0]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]/;

/** OWASP: a text cell that a spreadsheet would read as a formula gets a leading single quote. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180 quoting. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A cell of untrusted text: neutralised, then quoted. */
const textCell = (text: string) => csvField(neutraliseFormula(text));

export function renderCsv(article: Article): string {
  const rows: string[] = [CSV_COLUMNS.join(',')];
  article.statements.forEach((s, i) => {
    const { checker, reviewer, checkedAt } = accountability(s);
    const sources = s.sources;
    const lines = (pick: (source: (typeof sources)[number]) => string) =>
      sources.some((source) => pick(source)) ? sources.map(pick).join('\n') : '';
    rows.push(
      [
        String(i + 1),
        textCell(s.text),
        csvField(VERDICT_LABEL[s.verdict]),
        textCell(lines((source) => source.quote)),
        textCell(lines((source) => source.title || source.file)),
        textCell(lines((source) => source.url)),
        textCell(checker),
        textCell(reviewer),
        csvField(checkedAt),
        textCell(s.note),
      ].join(','),
    );
  });
  return `${BOM}${rows.join(CRLF)}${CRLF}`;
}
