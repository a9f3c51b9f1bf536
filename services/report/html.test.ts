import { describe, expect, it } from 'vitest';
import { renderReport } from '.';
import { cssString, escapeHtml } from './html';
import { AT, articleOf, hostileArticle, source } from './fixtures/test-articles';

const NEWSROOM = { newsroomName: 'Bugle </style> Desk', newsroomUrl: 'https://bugle.example/' };

describe('HTML report with hostile text', () => {
  // Internal, so the editors' names are in it too (a public report names nobody).
  const html = renderReport(hostileArticle(), 'html', { generatedAt: AT, publisher: NEWSROOM, scope: { internal: true } });
  const style = html.slice(html.indexOf('<style>'), html.indexOf('</style>') + '</style>'.length);
  const body = html.slice(html.indexOf('<body>'));

  it('never lets article, source or settings text become markup', () => {
    expect(html.match(/<script/gi)).toBeNull();
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    expect(body).not.toMatch(/<(img|b|i|iframe|style)[\s>]/);
    expect(body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; was never said.');
    expect(body).toContain('Checked by <bdi>Dana &quot;DC&quot; Cohen</bdi>, 25 November 2026');
    expect(body).toContain('Signed off by <bdi>Sam &lt;i&gt;Ortiz&lt;/i&gt;</bdi>');
    expect(body).toContain('By <strong><bdi>Ann &quot;Nan&quot; Lee</bdi></strong>');
    expect(body).toContain('Internal fact-check report <span class="newsroom">· <bdi>Bugle &lt;/style&gt; Desk</bdi></span>');
    expect(body).not.toContain('href="javascript');
  });

  it('puts the title and newsroom in the printed page header as escaped CSS strings', () => {
    expect(style).toContain('@top-right { content: "Taxes \\26  \\3c the\\3e  \\22 budget\\22  \\3c \\2f style\\3e \\3c script\\3e alert\\28 1\\29 \\3c \\2f script\\3e "');
    expect(style).toContain('counter(page) " of " counter(pages)');
    expect(style).toContain('@page :first');
    expect(style.slice('<style>'.length, -'</style>'.length)).not.toMatch(/<|\/\*/);
  });

  it('lays right-to-left text out right to left, isolated inside English lines so nothing around it moves', () => {
    expect(body).toContain('<blockquote class="claim" dir="auto">ראש העירייה אמר כי המסים ירדו ב-4%.</blockquote>');
    expect(body).toContain('<q><bdi>המסים עלו ב-2%</bdi></q><sup class="fn">[4]</sup>');
    expect(body).toContain('<li><cite><bdi>דו״ח העירייה</bdi></cite>.</li>');
    expect(body).toContain('<h1 dir="auto">');
    // List items stay left to right, so their numbers show; the text inside keeps its direction.
    expect(body).not.toMatch(/<li[^>]* dir=/);
  });

  it('has the summary with a bar per verdict, every statement in reading order, and what is unchecked', () => {
    expect(body.match(/<div class="bar/g)).toHaveLength(7);
    expect(body).toContain('<span class="big">86%</span><span class="of">checked: 6 of 7 statements · 1 of 5 verdicts signed off</span>');
    expect(body).toContain(
      '<p class="lede">Verdicts: 1 false, 1 misleading, 1 mostly accurate, 1 verified, 1 unverifiable and 1 opinion. 1 statement still to check.</p>',
    );
    const order = ['Mayor', 'The [budget]', '=HYPERLINK', '-2+3', 'ראש', '&lt;script&gt;', 'The turnout'].map((t) =>
      body.indexOf(`<blockquote class="claim" dir="auto">${t}`),
    );
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect(body).toContain('<li value="2"><bdi>The [budget](javascript:alert(1)) passed.</bdi></li>');
  });

  it('keeps tables, statements and footnotes whole across pages', () => {
    expect(style).toMatch(/table \{[^}]*break-inside: avoid/);
    expect(style).toMatch(/thead \{ display: table-header-group; \}/);
    expect(style).toMatch(/li\.statement \{[^}]*break-inside: avoid/);
    expect(style).toMatch(/h2 \{[^}]*break-after: avoid/);
  });
});

describe('HTML footnotes', () => {
  it('number each distinct source once, in order of first citation', () => {
    const shared = { title: 'Budget book', url: 'https://city.example/book', publisher: 'City Hall' };
    const html = renderReport(
      articleOf([
        ['One.', 'verified', { sources: [source({ ...shared, quote: 'first' })] }],
        ['Two.', 'false', { sources: [source({ title: 'Other', url: 'https://other.example/' }), source({ ...shared, quote: 'again' })] }],
        ['Three.', 'verified', { sources: [source({ quote: 'a quote without a source' })] }],
      ]),
      'html',
      { generatedAt: AT },
    );
    expect(html).toContain('<q><bdi>first</bdi></q><sup class="fn">[1]</sup>');
    expect(html).toContain('<bdi>Other</bdi><sup class="fn">[2]</sup>');
    expect(html).toContain('<q><bdi>again</bdi></q><sup class="fn">[1]</sup>');
    expect(html).toContain('<q><bdi>a quote without a source</bdi></q> <span class="found">(not checked against a source document)</span></li>');
    expect(html.match(/<li><cite>/g)).toHaveLength(2);
  });

  it('says so when everything is checked, and has no Sources section without sources', () => {
    const html = renderReport(articleOf([['One.', 'verified']]), 'html', { generatedAt: AT });
    expect(html).toContain('Every statement has a verdict.');
    expect(html).not.toContain('h-sources');
  });
});

describe('helpers', () => {
  it('escapeHtml escapes the five characters that matter', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('cssString escapes everything but letters, digits and spaces, flattens and shortens', () => {
    expect(cssString('a"b\\c')).toBe('"a\\22 b\\5c c"');
    expect(cssString('line\nbreak\u2028here')).toBe('"line break here"');
    expect(cssString('שלום עולם')).toBe('"שלום עולם"');
    expect(cssString('x'.repeat(200), 10)).toBe(`"${'x'.repeat(9)}\\2026 "`);
  });
});
