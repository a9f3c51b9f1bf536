import type { Source } from '../../domain/schema';
import { VERDICT_LABEL, VERDICTS } from '../../domain/verdicts';
import { leftOutSentence, whoLine } from './html';
import { describeDifference, differencesOf, formatDate, quoteStatus } from './format';
import { correctionsOf, type ScopedReport } from './scope';

/**
 * Escapes what CommonMark (and the HTML it lets through) would treat as markup, so an article
 * sentence can never turn into a link, an image, emphasis, code, a tag or a block, and nothing
 * else: a CMS shows "(about 4%)!" as typed, not "\(about 4%\)\!". Brackets are escaped, so "(" and
 * "!" can never start a link or an image; a leading "#", ">", "-", "+", "=" or "1." is escaped so
 * a sentence cannot become a heading or a list wherever it lands at the start of a block.
 */
export function escapeMarkdown(text: string): string {
  return text
    // CommonMark ends a line at \r as at \n, so a note with a bare CR could start a heading or a
    // list; U+2028/U+2029 end lines in other readers. Every one becomes a space.
    .replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ')
    .replace(/[\\`*_[\]<~]/g, (c) => `\\${c}`)
    .replace(/&(?=[#\w]+;)/g, '&amp;')
    .replace(/^(\s*)([#>+=-])/, '$1\\$2')
    .replace(/^(\s*\d{1,9})([.)])/, '$1\\$2');
}

export function renderMarkdown(report: ScopedReport, generatedAt: Date): string {
  const { article, summary, listed, scope } = report;
  const e = escapeMarkdown;
  const lines: string[] = [];
  lines.push(`# ${scope.internal ? 'Internal fact-check' : 'Fact-check'}: ${e(article.title)}`, '');
  if (scope.internal) lines.push('**For the desk only:** carries internal notes, history and who checked what. Do not publish.', '');
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
  );
  const leftOut = leftOutSentence(summary);
  if (leftOut) lines.push(leftOut, '');
  lines.push('| Verdict | Statements |', '| --- | ---: |');
  for (const verdict of VERDICTS) lines.push(`| ${VERDICT_LABEL[verdict]} | ${summary.counts[verdict]} |`);
  if (summary.leftOutAwaitingSignOff) lines.push(`| Awaiting sign-off, not in this report | ${summary.leftOutAwaitingSignOff} |`);
  lines.push('', '## Statements', '');
  for (const { statement: s, number } of listed) {
    lines.push(`### ${number}. ${VERDICT_LABEL[s.verdict]}${s.corrections.length ? ' (corrected)' : ''}`, '');
    if (s.claimant) lines.push(`Claim by ${e(s.claimant)}:`, '');
    lines.push(`> ${e(s.text)}`, '');
    const who = whoLine(s, e, (t) => t, scope.internal);
    if (who.length) lines.push(`*${who.join(' · ')}*`, '');
    if (s.explanation) lines.push(e(s.explanation), '');
    for (const source of s.sources) lines.push(...sourceLines(source), '');
    if (scope.internal && s.note) lines.push(`**Internal note:** ${e(s.note)}`, '');
    if (scope.internal && s.history.length) {
      lines.push('**History:**', '');
      for (const h of s.history) {
        lines.push(`- ${h.at.slice(0, 16).replace('T', ' ')} · ${e(h.by || 'someone')} · ${h.field}: ${h.before ? `${e(h.before)} → ` : ''}${e(h.after || '(cleared)')}`);
      }
      lines.push('');
    }
  }
  const corrections = correctionsOf(report);
  if (corrections.length) {
    lines.push('## Corrections', '');
    for (const { correction: c, number } of corrections) {
      const verdict = c.verdict !== c.verdictBefore ? ` Verdict changed from ${VERDICT_LABEL[c.verdictBefore]} to ${VERDICT_LABEL[c.verdict]}.` : '';
      lines.push(`- **${formatDate(c.date)}, statement ${number}.** ${e(c.change)} Why: ${e(c.reason)}${verdict}`);
    }
    lines.push('');
  }
  if (scope.includeUnchecked) {
    const unchecked = listed.filter((l) => l.statement.verdict === 'unchecked');
    lines.push('## Still unchecked', '');
    if (unchecked.length) for (const { statement: s, number } of unchecked) lines.push(`- **${number}.** ${e(s.text)}`);
    else lines.push('Every statement has a verdict.');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function sourceLines(source: Source): string[] {
  const e = escapeMarkdown;
  const lines: string[] = [];
  if (source.quote) {
    lines.push(`**Quote (${source.role}):** “${e(source.quote)}” (${quoteStatus(source)})`, '');
    const differences = differencesOf(source);
    if (differences.length) lines.push(...differences.map((d) => `- ${describeDifference(d, e)}`), '');
  }
  const title = source.title || source.url || source.file;
  const cite = [
    // In <…> a backslash escapes the next character: a URL ending in \ would swallow the closing >.
    source.url ? `[${e(title)}](<${source.url.replace(/[<>\s\\]/g, encodeURIComponent)}>)` : e(title),
    e(source.publisher),
    e(source.publishedAt),
  ].filter(Boolean);
  if (cite.length) lines.push(`**Source:** ${cite.join(', ')}`);
  return lines;
}
