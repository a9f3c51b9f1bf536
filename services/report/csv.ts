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
 *   the cell, in the same order in each column (the quote check columns too).
 * - The CSV is for the desk: it carries both the public explanation and the internal note, in
 *   columns that say which is which, whatever the report options.
 */
import type { Source } from '../../domain/schema';
import { VERDICT_LABEL } from '../../domain/verdicts';
import { describeDifference, differencesOf, quoteStatus } from './format';
import { accountability } from './people';
import type { ScopedReport } from './scope';

export const CSV_COLUMNS = [
  'Index',
  'Statement',
  'Claimant',
  'Verdict',
  'Awaiting sign-off',
  'Public explanation',
  'Quote',
  'Quote check',
  'Checked against',
  'Differences',
  'Source title',
  'Source URL',
  'Checker',
  'Reviewer',
  'Checked at',
  'Internal note',
  'Corrections',
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

export function renderCsv(report: ScopedReport, documentName: (documentId: string) => string = () => ''): string {
  const rows: string[] = [CSV_COLUMNS.join(',')];
  for (const { statement: s, number, awaitingSignOff } of report.listed) {
    const { checker, reviewer, checkedAt } = accountability(s);
    const sources = s.sources;
    const lines = (pick: (source: Source) => string) => (sources.some((source) => pick(source)) ? sources.map(pick).join('\n') : '');
    const quoted = (pick: (source: Source) => string) => lines((source) => (source.quote ? pick(source) : ''));
    rows.push(
      [
        String(number),
        textCell(s.text),
        textCell(s.claimant),
        csvField(VERDICT_LABEL[s.verdict]),
        awaitingSignOff ? 'yes' : '',
        textCell(s.explanation),
        textCell(lines((source) => source.quote)),
        textCell(quoted((source) => quoteStatus(source))),
        textCell(quoted((source) => (source.documentId ? documentName(source.documentId) || source.title || source.file : ''))),
        textCell(quoted((source) => differencesOf(source).map((d) => describeDifference(d)).join('; '))),
        textCell(lines((source) => source.title || source.file)),
        textCell(lines((source) => source.url)),
        textCell(checker),
        textCell(reviewer),
        csvField(checkedAt),
        textCell(s.note),
        textCell(s.corrections.map((c) => `${c.date}: ${c.change} (why: ${c.reason}; ${VERDICT_LABEL[c.verdictBefore]} → ${VERDICT_LABEL[c.verdict]})`).join('\n')),
      ].join(','),
    );
  }
  return `${BOM}${rows.join(CRLF)}${CRLF}`;
}
