import { describe, expect, it } from 'vitest';
import type { Article, Source } from '../../domain/schema';
import { blankStatement } from '../../domain/statement';
import { emptySource } from '../../domain/verdicts';
import { renderReport, reportFileName, summarise } from '.';
import { escapeMarkdown } from './markdown';

const AT = new Date('2026-11-25T10:30:00Z');

function article(overrides: Partial<Article> = {}): Article {
  const text = 'Mayor <b>Smith</b> says taxes fell 4%. The [budget](javascript:alert(1)) passed.';
  return {
    id: 'a1',
    title: 'Taxes & <the> "budget"',
    outlet: 'Daily <i>Bugle</i>',
    author: 'Ann Lee',
    url: 'https://bugle.example/taxes',
    publishedAt: '2026-11-20',
    text,
    createdAt: AT.toISOString(),
    updatedAt: AT.toISOString(),
    factCheckUrl: '',
    documents: [],
    orphaned: [],
    statements: [
      {
        ...blankStatement(0, 38, 'Mayor <b>Smith</b> says taxes fell 4%.'),
        id: 's1',
        verdict: 'false',
        sources: [
          {
            ...emptySource(),
            quote: 'Taxes rose 2% <img src=x onerror=alert(1)>',
            title: 'City accounts',
            url: 'https://city.example/accounts',
            publisher: 'City Hall',
            publishedAt: '2026-10-01',
          },
        ],
        note: 'Checked with the finance office.',
        updatedAt: AT.toISOString(),
        checkedAt: AT.toISOString(),
      },
      {
        ...blankStatement(39, text.length, 'The [budget](javascript:alert(1)) passed.'),
        id: 's2',
        sources: [{ ...emptySource(), title: 'Bad link', url: '' }],
      },
    ],
    ...overrides,
  };
}

describe('summary', () => {
  it('counts statements per verdict and the share checked', () => {
    const s = summarise(article());
    expect(s).toMatchObject({ total: 2, checked: 1, percentChecked: 50 });
    expect(s.counts.false).toBe(1);
    expect(s.counts.unchecked).toBe(1);
    expect(s.counts.verified).toBe(0);
  });
});

describe('Markdown report', () => {
  const md = renderReport(article(), 'md', { generatedAt: AT });

  it('has the metadata, the summary and every statement in order with its evidence', () => {
    expect(md).toContain('# Fact-check: Taxes & \\<the> "budget"');
    expect(md).toContain('- **Checked:** 1 of 2 statements (50%)');
    expect(md).toContain('| False | 1 |');
    expect(md.indexOf('### 1. False')).toBeLessThan(md.indexOf('### 2. Unchecked'));
    expect(md).toContain('**Quote (supports):** “Taxes rose 2% \\<img src=x onerror=alert(1)>”');
    expect(md).toContain('**Source:** [City accounts](<https://city.example/accounts>), City Hall, 2026-10-01');
    // A public report: the internal note and who checked stay inside; an unsigned verdict says so.
    expect(md).not.toContain('Checked with the finance office.');
    expect(md).toContain('*Awaiting sign-off*');
    expect(md).toMatch(/## Still unchecked\n\n- \*\*2\.\*\* The \\\[budget/);
  });

  it('escapes article text so it cannot become a link, a tag or a heading', () => {
    expect(md).toContain('> The \\[budget\\](javascript:alert(1)) passed.');
    expect(md).not.toMatch(/(?<!\\)<b>/);
    expect(escapeMarkdown('# not a heading | cell\nnext')).toBe('\\# not a heading | cell next');
    expect(escapeMarkdown('AT&amp;T &copy;')).toBe('AT&amp;amp;T &amp;copy;');
  });
});

describe('HTML report', () => {
  const html = renderReport(article(), 'html', { generatedAt: AT });

  it('escapes every piece of article and source text', () => {
    expect(html).toContain('Mayor &lt;b&gt;Smith&lt;/b&gt; says taxes fell 4%.');
    expect(html).toContain('<title>Fact-check: Taxes &amp; &lt;the&gt; &quot;budget&quot;</title>');
    expect(html).toContain('Taxes rose 2% &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Daily &lt;i&gt;Bugle&lt;/i&gt;');
    expect(html).not.toMatch(/<(script|img|iframe|b|i)[\s>]/);
  });

  it('is self-contained: no scripts, no remote resources, a CSP that forbids both', () => {
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).toContain('@page');
    expect(html).toContain('@media print');
  });

  it('links only http(s) sources, in numbered footnotes', () => {
    expect(html).toContain('<a href="https://city.example/accounts">https://city.example/accounts</a>');
    expect(html).not.toContain('href="javascript');
    expect(html).toMatch(/<q><bdi>Taxes rose 2% &lt;img src=x onerror=alert\(1\)&gt;<\/bdi><\/q><sup class="fn">\[1\]<\/sup>/);
    expect(html).toContain('<li><cite><bdi>City accounts</bdi></cite>. <bdi>City Hall</bdi>, <bdi>1 October 2026</bdi>. <span class="url">');
    expect(html).toContain('<li><cite><bdi>Bad link</bdi></cite>.</li>');
  });

  it('lists what is still unchecked, by statement number', () => {
    const section = html.slice(html.indexOf('id="h-unchecked"'));
    expect(section).toContain('<li value="2"><bdi>The [budget](javascript:alert(1)) passed.</bdi></li>');
    expect(section).not.toContain('Mayor');
  });
});

describe('JSON report', () => {
  it('carries the article, the summary and every statement with its index', () => {
    const json = JSON.parse(renderReport(article(), 'json', { generatedAt: AT }));
    expect(json).toMatchObject({ format: 'factdesk-report', version: 3, generatedAt: AT.toISOString() });
    expect(json.article.title).toBe('Taxes & <the> "budget"');
    expect(json.summary.checked).toBe(1);
    expect(json.statements.map((s: { index: number; verdict: string }) => [s.index, s.verdict])).toEqual([
      [1, 'false'],
      [2, 'unchecked'],
    ]);
    expect(json.statements[0].sources[0].quote).toBe('Taxes rose 2% <img src=x onerror=alert(1)>');
  });
});

describe('report file name', () => {
  it('is a safe slug of the title', () => {
    expect(reportFileName(article({ title: 'Hit & Run: “no second season” / Netflix' }), 'md')).toBe(
      'fact-check-hit-run-no-second-season-netflix.md',
    );
    expect(reportFileName(article({ title: 'מבצע צוק איתן' }), 'html')).toBe('fact-check-מבצע-צוק-איתן.html');
    expect(reportFileName(article({ title: '???' }), 'json')).toBe('fact-check-a1.json');
    expect(reportFileName(article({ title: 'Budget' }), 'pdf')).toBe('fact-check-budget.pdf');
    expect(reportFileName(article({ title: 'Budget' }), 'claimreview')).toBe('fact-check-budget-claimreview.jsonld');
  });
});

describe('what a report says about a quote', () => {
  const check = (match: 'exact' | 'normalised' | 'fuzzy' | 'none') => ({
    match,
    start: 0,
    end: 5,
    passage: 'Taxes',
    differences: [],
    checkedAt: AT.toISOString(),
  });
  const withSource = (source: Partial<Source>) => {
    const a = article();
    a.statements[0]!.sources = [{ ...emptySource(), quote: 'Taxes rose 2%', ...source }];
    return a;
  };

  it('says "found in the source" only when Factdesk found it in the attached document', () => {
    const cases: [Partial<Source>, string][] = [
      [{ documentId: 'doc1', check: check('exact') }, 'found in the source'],
      [{ documentId: 'doc1', check: check('normalised') }, 'found in the source'],
      [{ documentId: 'doc1', check: check('fuzzy') }, 'found in the source with differences'],
      [{ documentId: 'doc1', check: check('none') }, 'not found in the source'],
      [{ documentId: '' }, 'not checked against a source document'],
      // A check without its document (e.g. the document was removed) proves nothing.
      [{ documentId: '', check: check('exact') }, 'not checked against a source document'],
    ];
    for (const [source, said] of cases) {
      const a = withSource(source);
      expect(renderReport(a, 'md', { generatedAt: AT })).toContain(`“Taxes rose 2%” (${said})`);
      expect(renderReport(a, 'html', { generatedAt: AT })).toMatch(new RegExp(`<q><bdi>Taxes rose 2%</bdi></q> <span class="found[^"]*">\\(${said}\\)</span>`));
    }
  });
});
