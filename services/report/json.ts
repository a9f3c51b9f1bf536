import type { Article } from '../../domain/schema';
import { summarise } from './summary';

export const REPORT_JSON_FORMAT = 'factdesk-report';
/**
 * 2: statements carry checkedBy/checkedAt, review, unsupported and history, sources their
 * author, access date and quote check, and the article its source documents (by reference).
 * 3: statements carry their public explanation (beside the internal note), claimant and
 * corrections, and the article the URL of its published fact-check.
 * Version 1 and 2 reports (without those) are still imported.
 */
export const REPORT_JSON_VERSION = 3;

/** Everything about the check, so a report can be read by scripts (and imported again). */
export function renderJson(article: Article, generatedAt: Date): string {
  const { statements, ...meta } = article;
  return `${JSON.stringify(
    {
      format: REPORT_JSON_FORMAT,
      version: REPORT_JSON_VERSION,
      generatedAt: generatedAt.toISOString(),
      article: meta,
      summary: summarise(article),
      statements: statements.map((s, index) => ({ index: index + 1, ...s })),
    },
    null,
    2,
  )}\n`;
}
