/**
 * The fact-check report, in every format the editor can export. Each renderer takes the
 * stored article and returns the file's text; article and source text is always escaped for
 * the format it lands in. PDF is the HTML report printed by Chromium: whoever calls
 * produceReport brings the printer (Electron in the app, headless Chromium on the command line).
 */
import type { ReportFormat } from '../../api/contract';
import type { Article, ReportScope } from '../../domain/schema';
import { renderAnnotatedHtml } from './annotated';
import { renderClaimReview, type Publisher } from './claimreview';
import { renderCsv } from './csv';
import { renderHtml } from './html';
import { renderJson } from './json';
import { renderMarkdown } from './markdown';
import { scopeReport } from './scope';

export interface ReportOptions {
  /** When the report was made; fixed in tests so output can be compared. */
  generatedAt?: Date;
  /** The newsroom publishing the check (Settings): the ClaimReview author, the HTML/PDF kicker. */
  publisher?: Partial<Publisher>;
  /** What the report includes; a public report when absent (see scope.ts). */
  scope?: Partial<ReportScope>;
  /** Told what the report had to fall back on or leave out (ClaimReview's url, unsigned verdicts). */
  warn?: (message: string) => void;
}

/** Prints report HTML to PDF bytes. */
export type PdfPrinter = (html: string) => Promise<Uint8Array>;

export type TextReportFormat = Exclude<ReportFormat, 'pdf' | 'annotated-pdf'>;

/** The file extension of each format. */
export const REPORT_EXTENSION: Record<ReportFormat, string> = {
  md: 'md',
  html: 'html',
  pdf: 'pdf',
  csv: 'csv',
  json: 'json',
  claimreview: 'jsonld',
  annotated: 'html',
  'annotated-pdf': 'pdf',
};

export function renderReport(article: Article, format: TextReportFormat, options: ReportOptions = {}): string {
  const generatedAt = options.generatedAt ?? new Date();
  const publisher = { newsroomName: options.publisher?.newsroomName ?? '', newsroomUrl: options.publisher?.newsroomUrl ?? '' };
  const scoped = scopeReport(article, options.scope);
  switch (format) {
    case 'md':
      return renderMarkdown(scoped, generatedAt);
    case 'html':
      return renderHtml(scoped, generatedAt, { newsroomName: publisher.newsroomName });
    case 'annotated':
      return renderAnnotatedHtml(scoped, generatedAt, { newsroomName: publisher.newsroomName });
    case 'csv':
      return renderCsv(scoped, (id) => article.documents.find((d) => d.id === id)?.name ?? '');
    case 'json':
      // The JSON report is the complete record (it is what re-import reads): every statement, both texts.
      return renderJson(article, generatedAt);
    case 'claimreview':
      return renderClaimReview(article, publisher, generatedAt, { includeUnsigned: options.scope?.includeUnsigned ?? false }, options.warn);
  }
}

/** Any format, as the bytes or text to write; PDF needs a printer. */
export async function produceReport(
  article: Article,
  format: ReportFormat,
  options: ReportOptions & { printPdf?: PdfPrinter } = {},
): Promise<string | Uint8Array> {
  if (format !== 'pdf' && format !== 'annotated-pdf') return renderReport(article, format, options);
  if (!options.printPdf) throw new Error('PDF export needs a printer.');
  return options.printPdf(renderReport(article, format === 'pdf' ? 'html' : 'annotated', options));
}

/** "fact-check-hit-run-will-not-be-getting.md": safe on every file system. */
export function reportFileName(article: Article, format: ReportFormat): string {
  const slug = article.title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  const suffix = format === 'claimreview' ? '-claimreview' : format.startsWith('annotated') ? '-annotated' : '';
  return `fact-check-${slug || article.id}${suffix}.${REPORT_EXTENSION[format]}`;
}

export { summarise } from './summary';
export { scopeReport, PUBLIC_SCOPE } from './scope';
export { escapeHtml } from './html';
export { parseReportJson, importReport, MAX_REPORT_BYTES } from './import';
