/**
 * The HTML report: one self-contained file (inline CSS, no scripts, no remote resources, a CSP
 * that forbids both) that reads well on screen and prints well; the PDF is this file printed by
 * Chromium. Every piece of article and source text goes through escapeHtml; the page header
 * and footer of the printed pages are CSS @page margin boxes, whose title goes through
 * cssString.
 */
import type { Source, Statement } from '../../domain/schema';
import { VERDICT_LABEL, VERDICTS, type Verdict } from '../../domain/verdicts';
import { collectCitations, type Citations } from './citations';
import { describeDifference, differencesOf, formatDate, formatDateTime, plural, quoteStatus } from './format';
import { accountability } from './people';
import { correctionsOf, type ListedStatement, type ScopedReport, type ScopedSummary } from './scope';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every piece of article or source text goes through this before it touches the HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * Text as a CSS string literal, for the printed page header: every character that is not a
 * letter, digit or space becomes a CSS escape, so nothing in it can end the string, the rule
 * or the <style> element. Whitespace is collapsed and long titles are shortened to one line.
 */
export function cssString(text: string, max = 90): string {
  const flat = text.replace(/[\p{Cc}\p{Zl}\p{Zp}\s]+/gu, ' ').trim();
  const chars = [...flat];
  const short = chars.length > max ? `${chars.slice(0, max - 1).join('').trimEnd()}…` : flat;
  const body = [...short]
    .map((c) => (/^[\p{L}\p{N} ]$/u.test(c) ? c : `\\${c.codePointAt(0)!.toString(16)} `))
    .join('');
  return `"${body}"`;
}

/**
 * Editor or source text inside an English sentence or list, escaped and bidi-isolated: a Hebrew
 * or Arabic name or quote keeps its own direction without reordering the words around it
 * (a date after a Hebrew name stays after it).
 */
export function bidiIsolate(text: string): string {
  return `<bdi>${escapeHtml(text)}</bdi>`;
}

/** Only http(s) links become anchors; anything else (javascript:, data:) is shown as text. */
function link(url: string, label: string): string {
  return isWebUrl(url) ? `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>` : escapeHtml(label);
}

const isWebUrl = (url: string) => /^https?:\/\//i.test(url);

export const VERDICT_COLOUR: Record<Verdict, string> = {
  unchecked: '#8a8f98',
  verified: '#1f7a3a',
  'mostly-accurate': '#5b8c1f',
  misleading: '#b26a00',
  false: '#b3261e',
  unverifiable: '#5a5f8c',
  opinion: '#7a4f9a',
};

const ROLE_LABEL: Record<Source['role'], string> = {
  supports: 'Supports',
  contradicts: 'Contradicts',
  context: 'Context',
};

export interface HtmlOptions {
  /** The newsroom publishing the check, shown in the kicker and the printed page header. */
  newsroomName?: string;
}

const SERIF = `Charter, 'Bitstream Charter', 'Iowan Old Style', Georgia, 'Noto Serif', 'Noto Serif Hebrew', 'Noto Naskh Arabic', Cambria, 'Times New Roman', serif`;
const SANS = `'Helvetica Neue', 'Segoe UI', 'Noto Sans', 'Noto Sans Hebrew', 'Noto Sans Arabic', Arial, sans-serif`;

const STYLE = `
:root { color-scheme: light; --serif: ${SERIF}; --sans: ${SANS}; --ink: #1a1a1a; --muted: #5c5f66; --rule: #d9d6cf; --faint: #efede8; --accent: #b3261e; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { font: 10.5pt/1.5 var(--serif); color: var(--ink); max-width: 46rem; margin: 2.5rem auto 4rem; padding: 0 1.5rem; font-kerning: normal; font-variant-ligatures: common-ligatures; hyphens: manual; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
a { color: #0b57d0; overflow-wrap: anywhere; text-decoration-thickness: 1px; text-underline-offset: 2px; }
.sans, .kicker, .byline, h2, table, .head, .role, .who, .note .label, .sources, footer, .empty { font-family: var(--sans); }
.masthead { border-top: 3px solid var(--ink); padding-top: .7rem; margin-bottom: 1.6rem; }
.kicker { font-size: 7.5pt; font-weight: 700; letter-spacing: .12em; text-transform: uppercase; color: var(--accent); margin: 0 0 .5rem; }
.kicker .newsroom { color: var(--muted); }
h1 { font: 700 22pt/1.15 var(--serif); letter-spacing: -.01em; margin: 0 0 .55rem; text-wrap: balance; overflow-wrap: anywhere; }
.byline { font-size: 8.5pt; color: var(--muted); margin: 0; line-height: 1.6; }
.byline strong { color: var(--ink); font-weight: 600; }
.byline .sep { margin: 0 .4em; color: #b5b2ab; }
.byline a { color: var(--muted); }
h2 { font-size: 7.5pt; font-weight: 700; letter-spacing: .12em; text-transform: uppercase; color: var(--muted); border-bottom: 1px solid var(--rule); padding-bottom: .3rem; margin: 2rem 0 .9rem; break-after: avoid; page-break-after: avoid; }
h2 .count { font-weight: 400; letter-spacing: .04em; margin-left: .4em; }
.score { display: flex; align-items: baseline; gap: .6rem; margin: 0 0 .8rem; }
.score .big { font: 700 20pt/1 var(--serif); font-variant-numeric: lining-nums tabular-nums; }
.score .of { font: 9pt var(--sans); color: var(--muted); }
.lede { font-size: 10.5pt; margin: 0 0 1rem; }
.meter { height: 5px; background: var(--faint); border-radius: 3px; overflow: hidden; margin-bottom: .7rem; }
.meter span { display: block; height: 100%; background: var(--ink); }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th { text-align: left; font-weight: 600; font-size: 7pt; letter-spacing: .08em; text-transform: uppercase; color: var(--muted); padding: 0 .5rem .3rem 0; border-bottom: 1px solid var(--rule); }
td { padding: .28rem .5rem .28rem 0; border-bottom: 1px solid var(--faint); vertical-align: middle; }
th.n, td.n { text-align: right; width: 4.5rem; font-variant-numeric: tabular-nums; }
td.label { width: 9.5rem; white-space: nowrap; }
td.chart { padding-left: .9rem; }
.swatch { display: inline-block; width: .6rem; height: .6rem; border-radius: 2px; margin-right: .45rem; vertical-align: -.02rem; }
.bar { height: .55rem; border-radius: 2px; min-width: 2px; }
.bar.zero { background: var(--faint) !important; min-width: 2px; width: 2px !important; }
ol.statements { padding: 0; margin: 0; list-style: none; }
li.statement { break-inside: avoid; page-break-inside: avoid; border-left: 3px solid var(--c); padding: .1rem 0 .15rem .9rem; margin: 0 0 1.05rem; }
.head { display: flex; flex-wrap: wrap; align-items: center; gap: .2rem .55rem; font-size: 7.5pt; margin-bottom: .2rem; }
.no { color: var(--muted); font-variant-numeric: tabular-nums; min-width: 1.2rem; }
.verdict { display: inline-block; font-weight: 700; font-size: 6.8pt; line-height: 1; letter-spacing: .07em; text-transform: uppercase; color: #fff; padding: .22rem .42rem .2rem; border-radius: 2px; }
.who { color: var(--muted); }
.awaiting { color: #b26a00; font-weight: 600; }
blockquote.claim { margin: .15rem 0 .3rem; font-size: 11pt; line-height: 1.45; overflow-wrap: anywhere; }
ul.evidence { list-style: none; padding: 0; margin: .25rem 0 0; }
ul.evidence li { font-size: 9.5pt; line-height: 1.45; margin: .18rem 0; overflow-wrap: anywhere; }
.role { font-size: 6.8pt; font-weight: 700; letter-spacing: .07em; text-transform: uppercase; color: var(--muted); margin-right: .35rem; }
.role.contradicts { color: #b3261e; } .role.supports { color: #1f7a3a; }
.found { font-family: var(--sans); font-size: 7.5pt; color: var(--muted); } .found.yes { color: #1f7a3a; }
q { font-style: italic; quotes: '“' '”' '‘' '’'; }
sup.fn { font: 600 6.5pt var(--sans); color: var(--accent); margin-left: .1em; }
.note { font-size: 9pt; color: #33353a; margin: .3rem 0 0; overflow-wrap: anywhere; }
.explanation { font-size: 9.5pt; margin: .3rem 0 0; overflow-wrap: anywhere; }
.claimant { font-family: var(--sans); font-size: 7.5pt; color: var(--muted); margin: .1rem 0 0; }
.corrected { font-family: var(--sans); font-size: 6.8pt; font-weight: 700; letter-spacing: .07em; text-transform: uppercase; color: var(--accent); }
ul.differences { margin: .1rem 0 0 1rem; padding: 0; font-family: var(--sans); font-size: 7.5pt; color: #7a4b00; list-style: square; }
.left-out { font-family: var(--sans); font-size: 8.5pt; color: #7a4b00; margin: 0 0 .8rem; }
.internal-banner { font-family: var(--sans); font-size: 8pt; font-weight: 700; color: #fff; background: var(--accent); padding: .3rem .5rem; margin: .6rem 0 0; }
ol.corrections { margin: 0; padding-left: 1.2rem; font-size: 9.5pt; }
ol.corrections li { margin: .25rem 0; break-inside: avoid; }
ol.corrections .why, ol.corrections .was { color: var(--muted); }
details.history { font-family: var(--sans); font-size: 7.5pt; color: var(--muted); margin: .3rem 0 0; }
details.history ol { margin: .2rem 0 0; padding-left: 1.2rem; }
.note .label { font-size: 6.8pt; font-weight: 700; letter-spacing: .07em; text-transform: uppercase; color: var(--muted); margin-right: .35rem; }
ol.unchecked { margin: 0; padding-left: 2.4rem; font-size: 9.5pt; }
ol.unchecked li { margin: .12rem 0; break-inside: avoid; overflow-wrap: anywhere; }
ol.unchecked li::marker { font: 8pt var(--sans); color: var(--muted); }
.empty { font-size: 9pt; color: var(--muted); margin: 0; }
ol.footnotes { margin: 0; padding-left: 2rem; font-size: 8.5pt; line-height: 1.45; }
ol.footnotes li { margin: .15rem 0; break-inside: avoid; overflow-wrap: anywhere; }
ol.footnotes li::marker { color: var(--accent); font-weight: 600; }
ol.footnotes cite { font-style: normal; font-weight: 600; }
ol.footnotes .url { color: var(--muted); }
footer { break-before: avoid; page-break-before: avoid; margin-top: 2.5rem; font-size: 7.5pt; color: var(--muted); border-top: 1px solid var(--rule); padding-top: .45rem; }
p, li, blockquote { orphans: 3; widows: 3; }
@page { size: A4; margin: 20mm 18mm 20mm 20mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10pt; }
  a { color: inherit; text-decoration: none; }
  ol.footnotes a { color: var(--muted); }
}`;

/** The running header and footer of the printed pages; none on the first page, which has the masthead. */
function pageBoxes(title: string, newsroom: string, generatedAt: Date): string {
  const box = `font: 7pt ${SANS}; color: #6b6e75;`;
  const left = newsroom ? `Fact-check · ${newsroom}` : 'Fact-check report';
  return `
@page {
  @top-left { content: ${cssString(left, 40)}; ${box} letter-spacing: .08em; text-transform: uppercase; vertical-align: bottom; padding-bottom: 4mm; }
  @top-right { content: ${cssString(title, 70)}; ${box} vertical-align: bottom; padding-bottom: 4mm; }
  @bottom-left { content: ${cssString(`Factdesk · ${formatDate(generatedAt.toISOString())}`)}; ${box} vertical-align: top; padding-top: 4mm; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); ${box} vertical-align: top; padding-top: 4mm; }
}
@page :first { @top-left { content: none; } @top-right { content: none; } }`;
}

export function renderHtml(report: ScopedReport, generatedAt: Date, options: HtmlOptions = {}): string {
  const { article, summary, listed, scope } = report;
  const citations = collectCitations(listed.map((l) => l.statement));
  const e = escapeHtml;
  const newsroom = options.newsroomName?.trim() ?? '';
  const byline = [
    article.author ? `By <strong>${bidiIsolate(article.author)}</strong>` : '',
    article.outlet ? bidiIsolate(article.outlet) : '',
    article.publishedAt ? `Published ${e(formatDate(article.publishedAt))}` : '',
  ].filter(Boolean);
  const rows: [label: string, colour: string, count: number][] = VERDICTS.map((v) => [VERDICT_LABEL[v], VERDICT_COLOUR[v], summary.counts[v]]);
  if (summary.leftOutAwaitingSignOff) rows.push(['Awaiting sign-off, not in this report', VERDICT_COLOUR.unchecked, summary.leftOutAwaitingSignOff]);
  const max = Math.max(1, ...rows.map((r) => r[2]));
  const unchecked = listed.filter((l) => l.statement.verdict === 'unchecked');
  const corrections = correctionsOf(report);
  const kind = scope.internal ? 'Internal fact-check report' : 'Fact-check report';
  const parts: string[] = [];
  parts.push(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Factdesk">
<title>Fact-check: ${e(article.title)}</title>
<style>${STYLE}${pageBoxes(article.title, newsroom, generatedAt)}</style>
</head>
<body>
<header class="masthead">
<p class="kicker">${kind}${newsroom ? ` <span class="newsroom">· ${bidiIsolate(newsroom)}</span>` : ''}</p>
<h1 dir="auto">${e(article.title)}</h1>
${byline.length ? `<p class="byline">${byline.join('<span class="sep">·</span>')}</p>` : ''}
${article.url ? `<p class="byline">${link(article.url, article.url)}</p>` : ''}
${scope.internal ? '<p class="internal-banner">For the desk only: carries internal notes, history and who checked what. Do not publish.</p>' : ''}
</header>
<section aria-labelledby="h-summary">
<h2 id="h-summary">Summary</h2>
<div class="score"><span class="big">${summary.percentChecked}%</span><span class="of">checked: ${summary.checked.toLocaleString('en')} of ${plural(summary.total, 'statement')}${signOffs(summary)}</span></div>
<div class="meter"><span style="width:${summary.percentChecked}%"></span></div>
${lede(summary.counts)}
${leftOutHtml(summary)}
<table class="summary">
<thead><tr><th scope="col">Verdict</th><th scope="col" class="n">Statements</th><th scope="col" class="n">Share</th><th scope="col"><span hidden>Chart</span></th></tr></thead>
<tbody>
${rows.map(([label, colour, n]) => {
  const share = summary.total ? Math.round((n / summary.total) * 100) : 0;
  return `<tr><td class="label"><span class="swatch" style="background:${colour}"></span>${label}</td><td class="n">${n.toLocaleString('en')}</td><td class="n">${share}%</td><td class="chart"><div class="bar${n ? '' : ' zero'}" style="width:${Math.round((n / max) * 100)}%;background:${colour}"></div></td></tr>`;
}).join('\n')}
</tbody>
</table>
</section>
<section aria-labelledby="h-statements">
<h2 id="h-statements">Statements<span class="count">${listed.length === summary.total ? `${summary.total.toLocaleString('en')} in reading order` : `${listed.length.toLocaleString('en')} of ${summary.total.toLocaleString('en')}, in reading order`}</span></h2>
<ol class="statements">
`);
  for (const entry of listed) parts.push(statementHtml(entry, citations, scope.internal));
  parts.push(`</ol>
</section>
`);
  if (corrections.length) {
    parts.push(`<section aria-labelledby="h-corrections">
<h2 id="h-corrections">Corrections<span class="count">${corrections.length.toLocaleString('en')}</span></h2>
<ol class="corrections">
${corrections.map(({ correction: c, number }) => `<li><strong>${e(formatDate(c.date))}, statement ${number}.</strong> ${bidiIsolate(c.change)} <span class="why">Why: ${bidiIsolate(c.reason)}</span>${
  c.verdict !== c.verdictBefore ? ` <span class="was">Verdict changed from ${VERDICT_LABEL[c.verdictBefore]} to ${VERDICT_LABEL[c.verdict]}.</span>` : ''
}</li>`).join('\n')}
</ol>
</section>
`);
  }
  if (scope.includeUnchecked) {
    parts.push(`<section aria-labelledby="h-unchecked">
<h2 id="h-unchecked">Still unchecked<span class="count">${summary.counts.unchecked.toLocaleString('en')}</span></h2>
${
  unchecked.length
    ? `<ol class="unchecked">\n${unchecked.map(({ statement: s, number }) => `<li value="${number}">${bidiIsolate(s.text)}</li>`).join('\n')}\n</ol>`
    : '<p class="empty">Every statement has a verdict.</p>'
}
</section>
`);
  }
  if (citations.list.length) {
    parts.push(`<section class="sources" aria-labelledby="h-sources">
<h2 id="h-sources">Sources</h2>
<ol class="footnotes">
${citations.list.map((c) => footnoteHtml(c.source)).join('\n')}
</ol>
</section>
`);
  }
  parts.push(`<footer>Generated by Factdesk on ${formatDateTime(generatedAt)}.</footer>
</body>
</html>
`);
  return parts.join('');
}

const AWAITING = 'Awaiting sign-off';

/** " · 3 of 12 verdicts signed off", when any verdict needs a second editor's sign-off. */
function signOffs(summary: ScopedSummary): string {
  return summary.needingSignOff
    ? ` · ${summary.signedOff.toLocaleString('en')} of ${plural(summary.needingSignOff, 'verdict')} signed off`
    : '';
}

/** What this report leaves out, in one sentence, so its counts never read as the whole check. */
export function leftOutSentence(summary: ScopedSummary): string {
  const parts = [
    summary.leftOutAwaitingSignOff
      ? `${plural(summary.leftOutAwaitingSignOff, 'verdict')} awaiting sign-off ${summary.leftOutAwaitingSignOff === 1 ? 'is' : 'are'} left out of this report`
      : '',
    summary.leftOutUnchecked
      ? `${plural(summary.leftOutUnchecked, 'unchecked statement')} ${summary.leftOutUnchecked === 1 ? 'is' : 'are'} counted but not listed`
      : '',
  ].filter(Boolean);
  return parts.length ? `${parts.join('; ')}.`.replace(/^./, (c) => c.toUpperCase()) : '';
}

function leftOutHtml(summary: ScopedSummary): string {
  const sentence = leftOutSentence(summary);
  return sentence ? `<p class="left-out">${escapeHtml(sentence)}</p>` : '';
}

/**
 * "Checked by Dana, 24 November 2026", "Signed off by Sam" or "Awaiting sign-off", for any
 * format: `name` escapes (and isolates) a person's name, `text` escapes the words around it.
 * A public report names nobody: it only says when a verdict still awaits its sign-off.
 */
export function whoLine(s: Statement, name: (text: string) => string, text: (text: string) => string, internal = true): string[] {
  const { checker, reviewer, checkedAt, awaitingSignOff } = accountability(s);
  if (!internal) return awaitingSignOff ? [text(AWAITING)] : [];
  const when = checkedAt ? formatDate(checkedAt) : '';
  return [
    checker ? `${text('Checked by ')}${name(checker)}${when ? text(`, ${when}`) : ''}` : when ? text(`Checked ${when}`) : '',
    reviewer ? `${text('Signed off by ')}${name(reviewer)}` : awaitingSignOff ? text(AWAITING) : '',
  ].filter(Boolean);
}

/** One sentence a reader takes away: the verdicts that matter most first, then what is left to do. */
function lede(counts: Record<Verdict, number>): string {
  const order: Verdict[] = ['false', 'misleading', 'mostly-accurate', 'verified', 'unverifiable', 'opinion'];
  const found = order.filter((v) => counts[v]).map((v) => `${counts[v].toLocaleString('en')} ${VERDICT_LABEL[v].toLowerCase()}`);
  const verdicts = found.length > 1 ? `${found.slice(0, -1).join(', ')} and ${found.at(-1)}` : (found[0] ?? '');
  const todo = counts.unchecked ? `${plural(counts.unchecked, 'statement')} still to check.` : 'Nothing left to check.';
  return `<p class="lede">${verdicts ? `Verdicts: ${verdicts}. ` : 'No verdicts yet. '}${todo}</p>`;
}

function statementHtml({ statement: s, number }: ListedStatement, citations: Citations, internal: boolean): string {
  const colour = VERDICT_COLOUR[s.verdict];
  const who = whoLine(s, bidiIsolate, escapeHtml, internal).map((part) => (part === AWAITING ? `<span class="awaiting">${part}</span>` : part));
  const corrected = s.corrections.length ? '<span class="corrected">Corrected</span>' : '';
  const evidence = s.sources.map((source) => evidenceHtml(source, citations)).filter(Boolean);
  const history = internal && s.history.length ? historyHtml(s) : '';
  return `<li class="statement" style="--c:${colour}">
<div class="head"><span class="no">${number}</span><span class="verdict" style="background:${colour}">${VERDICT_LABEL[s.verdict]}</span>${corrected}${
    who.length ? `<span class="who">${who.join(' · ')}</span>` : ''
  }</div>
${s.claimant ? `<p class="claimant">Claim by ${bidiIsolate(s.claimant)}</p>\n` : ''}<blockquote class="claim" dir="auto">${escapeHtml(s.text)}</blockquote>
${s.explanation ? `<p class="explanation" dir="auto">${escapeHtml(s.explanation)}</p>\n` : ''}${evidence.length ? `<ul class="evidence">\n${evidence.join('\n')}\n</ul>\n` : ''}${
    internal && s.note ? `<p class="note"><span class="label">Internal note</span>${bidiIsolate(s.note)}</p>\n` : ''
  }${history}</li>
`;
}

function historyHtml(s: Statement): string {
  const items = s.history.map(
    (h) => `<li>${escapeHtml(formatDateTime(h.at))} · ${h.by ? bidiIsolate(h.by) : 'someone'} · ${escapeHtml(h.field)}: ${h.before ? `${bidiIsolate(h.before)} → ` : ''}${bidiIsolate(h.after || '(cleared)')}</li>`,
  );
  return `<details class="history" open><summary>History</summary><ol>\n${items.join('\n')}\n</ol></details>\n`;
}

function evidenceHtml(source: Source, citations: Citations): string {
  const n = citations.numberOf(source);
  const mark = n ? `<sup class="fn">[${n}]</sup>` : '';
  const role = `<span class="role ${source.role}">${ROLE_LABEL[source.role]}</span>`;
  if (source.quote) {
    const status = quoteStatus(source);
    const found = source.check?.match === 'exact' || source.check?.match === 'normalised';
    const differences = differencesOf(source);
    const diffs = differences.length
      ? `<ul class="differences">${differences.map((d) => `<li>${describeDifference(d, bidiIsolate)}</li>`).join('')}</ul>`
      : '';
    return `<li>${role}<q>${bidiIsolate(source.quote)}</q>${mark} <span class="found${found ? ' yes' : ''}">(${status})</span>${diffs}</li>`;
  }
  if (!n) return '';
  const name = source.title || source.publisher || source.url || source.file;
  return `<li>${role}${bidiIsolate(name)}${mark}</li>`;
}

function footnoteHtml(source: Source): string {
  const parts: string[] = [];
  const title = source.title || (source.url ? '' : source.file);
  if (source.author) parts.push(bidiIsolate(source.author));
  if (title) parts.push(`<cite>${bidiIsolate(title)}</cite>`);
  const where = [source.publisher, source.publishedAt ? formatDate(source.publishedAt) : ''].filter(Boolean);
  if (where.length) parts.push(where.map(bidiIsolate).join(', '));
  if (source.file && source.title) parts.push(`File: ${bidiIsolate(source.file)}`);
  let text = parts.join('. ');
  if (text && !/[.!?]$/.test(text)) text += '.';
  if (source.url) text += `${text ? ' ' : ''}<span class="url">${link(source.url, source.url)}</span>`;
  if (source.accessedAt) text += ` <span class="url">(accessed ${formatDate(source.accessedAt)})</span>`;
  return `<li>${text}</li>`;
}
