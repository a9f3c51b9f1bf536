import type { Article, Source } from '../../store/schema';
import { VERDICT_LABEL, VERDICTS } from '../../store/verdicts';
import { whoLine } from './html';
import { quoteStatus } from './format';
import { summarise } from './summary';

/**
 * Escapes what Markdown (and the HTML it lets through) would treat as markup, so an article
 * sentence can never turn into a link, a heading, a table cell or a script tag.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()<>|#!~]/g, (c) => `\\${c}`)
    .replace(/&(?=[#\w]+;)/g, '&amp;')
    .replace(/\n+/g, ' ');
}

export function renderMarkdown(article: Article, generatedAt: Date): string {
  const summary = summarise(article);
  const e = escapeMarkdown;
  const lines: string[] = [];
  lines.push(`# Fact-check: ${e(article.title)}`, '');
  const meta: [string, string][] = [
    ['Outlet', article.outlet],
    ['Author', article.author],
    ['Published', article.publishedAt],
    ['URL', article.url],
  ];
  for (const [label, value] of meta) if (value) lines.push(`- **${label}:** ${e(value)}`);
  lines.push(
    `- **Checked:** ${summary.checked} of ${summary.total} statements (${summary.percentChecked}%)`,
    `- **Report generated:** ${generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    '## Summary',
    '',
    '| Verdict | Statements |',
    '| --- | ---: |',
  );
  for (const verdict of VERDICTS) lines.push(`| ${VERDICT_LABEL[verdict]} | ${summary.counts[verdict]} |`);
  lines.push('', '## Statements', '');
  article.statements.forEach((s, i) => {
    lines.push(`### ${i + 1}. ${VERDICT_LABEL[s.verdict]}`, '', `> ${e(s.text)}`, '');
    const who = whoLine(s, e, (t) => t);
    if (who.length) lines.push(`*${who.join(' · ')}*`, '');
    for (const source of s.sources) lines.push(...sourceLines(source), '');
    if (s.note) lines.push(`**Note:** ${e(s.note)}`, '');
  });
  const unchecked = article.statements.map((s, i) => [s, i] as const).filter(([s]) => s.verdict === 'unchecked');
  lines.push('## Still unchecked', '');
  if (unchecked.length) for (const [s, i] of unchecked) lines.push(`- **${i + 1}.** ${e(s.text)}`);
  else lines.push('Every statement has a verdict.');
  return `${lines.join('\n').trimEnd()}\n`;
}

function sourceLines(source: Source): string[] {
  const e = escapeMarkdown;
  const lines: string[] = [];
  if (source.quote) lines.push(`**Quote (${source.role}):** “${e(source.quote)}” (${quoteStatus(source)})`, '');
  const title = source.title || source.url || source.file;
  const cite = [
    source.url ? `[${e(title)}](<${source.url.replace(/[<>\s]/g, encodeURIComponent)}>)` : e(title),
    e(source.publisher),
    e(source.publishedAt),
  ].filter(Boolean);
  if (cite.length) lines.push(`**Source:** ${cite.join(', ')}`);
  return lines;
}
