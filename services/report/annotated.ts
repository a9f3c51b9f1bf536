/**
 * The annotated article: the whole article as a reader reads it, each statement the report
 * lists highlighted in its verdict's colour with a numbered note in the margin beside its
 * paragraph (verdict, explanation, sources). What an editor-in-chief reads before publishing.
 * Same rules as the HTML report: one self-contained file, every piece of text escaped, public
 * unless the report is internal (then the note shows the internal note and who checked it).
 * Printed to PDF by the same printer as the report.
 */
import type { Source } from '../../domain/schema';
import { VERDICT_LABEL } from '../../domain/verdicts';
import { describeDifference, differencesOf, formatDate, formatDateTime, quoteStatus } from './format';
import { cssString, escapeHtml, bidiIsolate, leftOutSentence, VERDICT_COLOUR, whoLine } from './html';
import type { ListedStatement, ScopedReport } from './scope';

const SERIF = `Charter, 'Bitstream Charter', 'Iowan Old Style', Georgia, 'Noto Serif', 'Noto Serif Hebrew', 'Noto Naskh Arabic', Cambria, 'Times New Roman', serif`;
const SANS = `'Helvetica Neue', 'Segoe UI', 'Noto Sans', 'Noto Sans Hebrew', 'Noto Sans Arabic', Arial, sans-serif`;

const STYLE = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #5c5f66; --rule: #d9d6cf; }
* { box-sizing: border-box; }
body { font: 11pt/1.6 ${SERIF}; color: var(--ink); max-width: 62rem; margin: 2rem auto 4rem; padding: 0 1.5rem; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
header { border-top: 3px solid var(--ink); padding-top: .6rem; margin-bottom: 1.4rem; }
.kicker, .byline, .legend, aside, footer, .left-out { font-family: ${SANS}; }
.kicker { font-size: 7.5pt; font-weight: 700; letter-spacing: .12em; text-transform: uppercase; color: #b3261e; margin: 0 0 .4rem; }
h1 { font: 700 20pt/1.15 ${SERIF}; margin: 0 0 .4rem; overflow-wrap: anywhere; }
.byline { font-size: 8.5pt; color: var(--muted); margin: 0; }
.legend { display: flex; flex-wrap: wrap; gap: .3rem .9rem; font-size: 7.5pt; color: var(--muted); margin: .8rem 0 0; padding: 0; list-style: none; }
.legend span { display: inline-block; width: .7rem; height: .7rem; border-radius: 2px; margin-right: .3rem; vertical-align: -.05rem; }
.left-out { font-size: 8pt; color: #7a4b00; margin: .5rem 0 0; }
.row { display: grid; grid-template-columns: minmax(0, 1fr) 17rem; gap: 1.6rem; margin: 0 0 .9rem; break-inside: auto; }
.row p.text { margin: 0; overflow-wrap: anywhere; white-space: pre-wrap; }
mark { color: inherit; background: color-mix(in srgb, var(--c) 16%, white); border-bottom: 2px solid var(--c); padding: 0 .05em; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
mark sup { font: 700 6.5pt ${SANS}; color: var(--c); margin-left: .12em; }
aside { font-size: 7.8pt; line-height: 1.45; }
aside .note { border-left: 3px solid var(--c); padding: .1rem 0 .1rem .5rem; margin: 0 0 .6rem; break-inside: avoid; page-break-inside: avoid; }
aside .n { font-weight: 700; color: var(--c); margin-right: .3rem; }
aside .v { font-weight: 700; font-size: 6.8pt; letter-spacing: .06em; text-transform: uppercase; color: var(--c); }
aside .awaiting, aside .corrected { color: #b26a00; font-weight: 600; }
aside p { margin: .15rem 0 0; overflow-wrap: anywhere; }
aside .src { color: var(--muted); }
aside .internal { color: #7a1f1a; }
aside ul { margin: .1rem 0 0 .9rem; padding: 0; color: #7a4b00; }
footer { margin-top: 2rem; font-size: 7.5pt; color: var(--muted); border-top: 1px solid var(--rule); padding-top: .4rem; }
@page { size: A4; margin: 18mm 14mm 18mm 16mm; }
@media print { body { margin: 0; max-width: none; padding: 0; font-size: 10pt; } .row { grid-template-columns: minmax(0, 1fr) 58mm; gap: 6mm; } }
`;

function pageBoxes(title: string, generatedAt: Date): string {
  const box = `font: 7pt ${SANS}; color: #6b6e75;`;
  return `
@page {
  @top-left { content: "ANNOTATED ARTICLE"; ${box} letter-spacing: .08em; vertical-align: bottom; padding-bottom: 4mm; }
  @top-right { content: ${cssString(title, 70)}; ${box} vertical-align: bottom; padding-bottom: 4mm; }
  @bottom-left { content: ${cssString(`Factdesk · ${formatDate(generatedAt.toISOString())}`)}; ${box} vertical-align: top; padding-top: 4mm; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); ${box} vertical-align: top; padding-top: 4mm; }
}
@page :first { @top-left { content: none; } @top-right { content: none; } }`;
}

/** The article's paragraphs, as offsets into its text (blank lines or single newlines separate them). */
function paragraphs(text: string): [start: number, end: number][] {
  const out: [number, number][] = [];
  const re = /[^\n]+/g;
  for (const m of text.matchAll(re)) if (m[0].trim()) out.push([m.index!, m.index! + m[0].length]);
  return out;
}

export function renderAnnotatedHtml(report: ScopedReport, generatedAt: Date, options: { newsroomName?: string } = {}): string {
  const { article, listed, scope, summary } = report;
  const e = escapeHtml;
  const newsroom = options.newsroomName?.trim() ?? '';
  const rows: string[] = [];
  for (const [start, end] of paragraphs(article.text)) {
    const inside = listed.filter((l) => l.statement.end > start && l.statement.start < end);
    let html = '';
    let at = start;
    for (const l of inside) {
      const s = l.statement;
      const from = Math.max(s.start, start);
      const to = Math.min(s.end, end);
      if (from > at) html += e(article.text.slice(at, from));
      const number = s.start >= start ? `<sup>${l.number}</sup>` : '';
      html += `<mark style="--c:${VERDICT_COLOUR[s.verdict]}" title="${e(VERDICT_LABEL[s.verdict])}">${e(article.text.slice(from, to))}${to === s.end ? number : ''}</mark>`;
      at = to;
    }
    html += e(article.text.slice(at, end));
    // A statement's note sits beside the paragraph where the statement begins.
    const notes = inside.filter((l) => l.statement.start >= start).map((l) => noteHtml(l, scope.internal));
    rows.push(`<div class="row"><p class="text" dir="auto">${html}</p><aside>${notes.join('')}</aside></div>`);
  }
  const used = [...new Set(listed.map((l) => l.statement.verdict))];
  const leftOut = leftOutSentence(summary);
  const byline = [article.author ? `By ${bidiIsolate(article.author)}` : '', article.outlet ? bidiIsolate(article.outlet) : '', article.publishedAt ? e(formatDate(article.publishedAt)) : '']
    .filter(Boolean)
    .join(' · ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Factdesk">
<title>Annotated: ${e(article.title)}</title>
<style>${STYLE}${pageBoxes(article.title, generatedAt)}</style>
</head>
<body>
<header>
<p class="kicker">${scope.internal ? 'Internal · ' : ''}Annotated article${newsroom ? ` · ${bidiIsolate(newsroom)}` : ''}</p>
<h1 dir="auto">${e(article.title)}</h1>
${byline ? `<p class="byline">${byline}</p>` : ''}
<ul class="legend">${used.map((v) => `<li><span style="background:${VERDICT_COLOUR[v]}"></span>${VERDICT_LABEL[v]}</li>`).join('')}</ul>
${leftOut ? `<p class="left-out">${e(leftOut)}</p>` : ''}
</header>
<main>
${rows.join('\n')}
</main>
<footer>${summary.checked.toLocaleString('en')} of ${summary.total.toLocaleString('en')} statements checked. Generated by Factdesk on ${formatDateTime(generatedAt)}.</footer>
</body>
</html>
`;
}

function noteHtml({ statement: s, number, awaitingSignOff }: ListedStatement, internal: boolean): string {
  const parts: string[] = [];
  const flags = [awaitingSignOff ? '<span class="awaiting">Awaiting sign-off</span>' : '', s.corrections.length ? '<span class="corrected">Corrected</span>' : '']
    .filter(Boolean)
    .join(' · ');
  parts.push(`<span class="n">${number}</span><span class="v">${VERDICT_LABEL[s.verdict]}</span>${flags ? ` · ${flags}` : ''}`);
  if (s.claimant) parts.push(`<p class="src">Claim by ${bidiIsolate(s.claimant)}</p>`);
  if (s.explanation) parts.push(`<p dir="auto">${escapeHtml(s.explanation)}</p>`);
  for (const source of s.sources) parts.push(sourceHtml(source));
  for (const c of s.corrections) {
    parts.push(`<p class="corrected">Corrected ${escapeHtml(formatDate(c.date))}: ${bidiIsolate(c.change)} (${VERDICT_LABEL[c.verdictBefore]} → ${VERDICT_LABEL[c.verdict]})</p>`);
  }
  if (internal) {
    const who = whoLine(s, bidiIsolate, escapeHtml, true);
    if (who.length) parts.push(`<p class="src">${who.join(' · ')}</p>`);
    if (s.note) parts.push(`<p class="internal">Internal note: ${bidiIsolate(s.note)}</p>`);
  }
  return `<div class="note" style="--c:${VERDICT_COLOUR[s.verdict]}">${parts.join('')}</div>`;
}

function sourceHtml(source: Source): string {
  const name = source.title || source.publisher || source.url || source.file;
  const quote = source.quote ? `<q>${bidiIsolate(source.quote)}</q> (${quoteStatus(source)})` : '';
  const differences = differencesOf(source);
  const diffs = differences.length ? `<ul>${differences.map((d) => `<li>${describeDifference(d, bidiIsolate)}</li>`).join('')}</ul>` : '';
  if (!quote && !name) return '';
  return `<p class="src">${quote}${quote && name ? ' — ' : ''}${name ? bidiIsolate(name) : ''}</p>${diffs}`;
}
