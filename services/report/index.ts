/**
 * The fact-check report, in every format the editor can export. Each renderer takes the
 * stored article and returns the file's text; article and source text is always escaped for
 * the format it lands in. PDF is the HTML report printed by Chromium: whoever calls
 * produceReport brings the printer (Electron in the app, headless Chromium on the command line).
 */
import type { ReportFormat } from '../../api/contract';
import type { Article } from '../../store/schema';
import { renderClaimReview, type Publisher } from './claimreview';
import { renderCsv } from './csv';
import { renderHtml } from './html';
import { renderJson } from './json';
import { renderMarkdown } from './markdown';

export interface ReportOptions {
  /** When the report was made; fixed in tests so output can be compared. */
  generatedAt?: Date;
  /** The newsroom publishing the check (Settings): the ClaimReview author, the HTML/PDF kicker. */
  publisher?: Partial<Publisher>;
}

/** Prints report HTML to PDF bytes. */
export type PdfPrinter = (html: string) => Promise<Uint8Array>;

export type TextReportFormat = Exclude<ReportFormat, 'pdf'>;

/** The file extension of each format. */
export const REPORT_EXTENSION: Record<ReportFormat, string> = {
  md: 'md',
  html: 'html',
  pdf: 'pdf',
  csv: 'csv',
  json: 'json',
  claimreview: 'jsonld',
};

export function renderReport(article: Article, format: TextReportFormat, options: ReportOptions = {}): string {
  const generatedAt = options.generatedAt ?? new Date();
  const publisher = { newsroomName: options.publisher?.newsroomName ?? '', newsroomUrl: options.publisher?.newsroomUrl ?? '' };
  switch (format) {
    case 'md':
      return renderMarkdown(article, generatedAt);
    case 'html':
      return renderHtml(article, generatedAt, { newsroomName: publisher.newsroomName });
    case 'csv':
      return renderCsv(article);
    case 'json':
      return renderJson(article, generatedAt);
    case 'claimreview':
      return renderClaimReview(article, publisher, generatedAt);
  }
}

/** Any format, as the bytes or text to write; PDF needs a printer. */
export async function produceReport(
  article: Article,
  format: ReportFormat,
  options: ReportOptions & { printPdf?: PdfPrinter } = {},
): Promise<string | Uint8Array> {
  if (format !== 'pdf') return renderReport(article, format, options);
  if (!options.printPdf) throw new Error('PDF export needs a printer.');
  return options.printPdf(renderReport(article, 'html', options));
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
  const suffix = format === 'claimreview' ? '-claimreview' : '';
  return `fact-check-${slug || article.id}${suffix}.${REPORT_EXTENSION[format]}`;
}

export { summarise } from './summary';
export { escapeHtml } from './html';
export { parseReportJson, importReport, MAX_REPORT_BYTES } from './import';
export { CHROMIUM_MISSING, findChromium, printPdfWithChromium } from './pdf';
