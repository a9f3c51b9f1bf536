/**
 * The fact-check report, in every format the editor can export. Each renderer takes the
 * stored article and returns the file's text; article and source text is always escaped for
 * the format it lands in.
 */
import type { ReportFormat } from '../../api/contract';
import type { Article } from '../../store/schema';
import { renderHtml } from './html';
import { renderJson } from './json';
import { renderMarkdown } from './markdown';

export interface ReportOptions {
  /** When the report was made; fixed in tests so output can be compared. */
  generatedAt?: Date;
}

export function renderReport(article: Article, format: ReportFormat, options: ReportOptions = {}): string {
  const generatedAt = options.generatedAt ?? new Date();
  switch (format) {
    case 'md':
      return renderMarkdown(article, generatedAt);
    case 'html':
      return renderHtml(article, generatedAt);
    case 'json':
      return renderJson(article, generatedAt);
  }
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
  return `fact-check-${slug || article.id}.${format}`;
}

export { summarise } from './summary';
