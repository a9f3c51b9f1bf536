import type { Article, Source, Statement } from '../../store/schema';
import { VERDICT_LABEL, VERDICTS, type Verdict } from '../../store/verdicts';
import { summarise } from './summary';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every piece of article or source text goes through this before it touches the HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Only http(s) links become anchors; anything else (javascript:, data:) is shown as text. */
function link(url: string, label: string): string {
  return /^https?:\/\//i.test(url) ? `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>` : escapeHtml(label);
}

export const VERDICT_COLOUR: Record<Verdict, string> = {
  unchecked: '#8a8f98',
  verified: '#1f7a3a',
  'mostly-accurate': '#5b8c1f',
  misleading: '#b26a00',
  false: '#b3261e',
  unverifiable: '#5a5f8c',
  opinion: '#7a4f9a',
};

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 11pt/1.5 Georgia, 'Noto Serif', 'Times New Roman', serif; color: #1b1b1b; max-width: 46rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.7rem; line-height: 1.2; margin: 0 0 .4rem; }
h2 { font: 600 .8rem/1.2 system-ui, 'Noto Sans', sans-serif; text-transform: uppercase; letter-spacing: .08em; color: #555; border-bottom: 1px solid #ddd; padding-bottom: .3rem; margin-top: 2rem; }
.kicker { font: 600 .75rem system-ui, 'Noto Sans', sans-serif; letter-spacing: .1em; text-transform: uppercase; color: #b3261e; margin: 0; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; font: .85rem/1.4 system-ui, 'Noto Sans', sans-serif; margin: 1rem 0; }
dl.meta dt { color: #666; } dl.meta dd { margin: 0; overflow-wrap: anywhere; }
table.summary { border-collapse: collapse; font: .85rem system-ui, 'Noto Sans', sans-serif; width: 100%; }
table.summary td { padding: .2rem .4rem; border-bottom: 1px solid #eee; }
table.summary td.n { text-align: right; width: 3rem; font-variant-numeric: tabular-nums; }
table.summary td:first-child { width: 10rem; } table.summary td:last-child { width: 60%; }
.bar { height: .6rem; border-radius: 2px; min-width: 1px; }
.verdict { display: inline-block; font: 600 .7rem/1 system-ui, 'Noto Sans', sans-serif; letter-spacing: .04em; text-transform: uppercase; color: #fff; padding: .25rem .45rem; border-radius: 3px; }
ol.statements { padding: 0; list-style: none; counter-reset: s; }
ol.statements > li { break-inside: avoid; page-break-inside: avoid; border-left: 4px solid var(--c); padding: .2rem 0 .2rem .9rem; margin: 0 0 1.1rem; }
ol.statements > li .no { font: .75rem system-ui, 'Noto Sans', sans-serif; color: #777; margin-right: .4rem; }
blockquote.statement { margin: .35rem 0; font-size: 1.02rem; }
.evidence { font-size: .92rem; margin: .35rem 0 0; }
.evidence q { font-style: italic; }
.cite { font: .8rem/1.4 system-ui, 'Noto Sans', sans-serif; color: #444; }
.note { font: .85rem/1.4 system-ui, 'Noto Sans', sans-serif; color: #333; margin-top: .3rem; }
a { color: #0b57d0; overflow-wrap: anywhere; }
footer { margin-top: 2.5rem; font: .75rem system-ui, 'Noto Sans', sans-serif; color: #777; border-top: 1px solid #ddd; padding-top: .5rem; }
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  a[href]::after { content: " (" attr(href) ")"; font-size: .75em; color: #555; }
  .verdict, .bar { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}`;

export function renderHtml(article: Article, generatedAt: Date): string {
  const summary = summarise(article);
  const e = escapeHtml;
  const meta: [string, string][] = [
    ['Outlet', e(article.outlet)],
    ['Author', e(article.author)],
    ['Published', e(article.publishedAt)],
    ['URL', article.url ? link(article.url, article.url) : ''],
    ['Checked', `${summary.checked} of ${summary.total} statements (${summary.percentChecked}%)`],
  ];
  const max = Math.max(1, ...Object.values(summary.counts));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fact-check: ${e(article.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<p class="kicker">Fact-check report</p>
<h1 dir="auto">${e(article.title)}</h1>
<dl class="meta">
${meta
  .filter(([, value]) => value)
  .map(([label, value]) => `<dt>${label}</dt><dd dir="auto">${value}</dd>`)
  .join('\n')}
</dl>
</header>
<section>
<h2>Summary</h2>
<table class="summary">
${VERDICTS.map(
  (v) =>
    `<tr><td>${VERDICT_LABEL[v]}</td><td class="n">${summary.counts[v]}</td><td><div class="bar" style="width:${Math.round(
      (summary.counts[v] / max) * 100,
    )}%;background:${VERDICT_COLOUR[v]}"></div></td></tr>`,
).join('\n')}
</table>
</section>
<section>
<h2>Statements</h2>
<ol class="statements">
${article.statements.map((s, i) => statementHtml(s, i)).join('\n')}
</ol>
</section>
<footer>Generated by Factdesk on ${generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.</footer>
</body>
</html>
`;
}

function statementHtml(s: Statement, i: number): string {
  const colour = VERDICT_COLOUR[s.verdict];
  return `<li style="--c:${colour}">
<div><span class="no">${i + 1}</span><span class="verdict" style="background:${colour}">${VERDICT_LABEL[s.verdict]}</span></div>
<blockquote class="statement" dir="auto">${escapeHtml(s.text)}</blockquote>
${s.sources.map(sourceHtml).join('\n')}
${s.note ? `<p class="note" dir="auto"><strong>Note:</strong> ${escapeHtml(s.note)}</p>` : ''}
</li>`;
}

function sourceHtml(source: Source): string {
  const title = source.title || source.url || source.file;
  const cite = [
    source.url ? link(source.url, title) : escapeHtml(title),
    escapeHtml(source.publisher),
    escapeHtml(source.publishedAt),
  ].filter(Boolean);
  return `<p class="evidence" dir="auto">${source.quote ? `<q>${escapeHtml(source.quote)}</q> ` : ''}<span class="cite">(${source.role}${
    cite.length ? `: ${cite.join(', ')}` : ''
  })</span></p>`;
}
