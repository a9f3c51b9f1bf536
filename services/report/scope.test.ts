/**
 * Issue 14: a report says exactly what the desk decided to publish, and no more. Report content
 * per option and per format, on one article with every kind of decision (deskArticle).
 */
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { renderReport } from '.';
import { CSV_COLUMNS } from './csv';
import { escapeMarkdown } from './markdown';
import { AT, deskArticle, articleOf, source } from './fixtures/test-articles';

const NOTE = 'Ask the desk whether to correct';
const PUBLIC_FORMATS = ['html', 'md', 'annotated'] as const;
const NEWSROOM = { newsroomName: 'Bugle Fact Desk', newsroomUrl: 'https://bugle.example/' };
const render = (format: Parameters<typeof renderReport>[1], scope = {}) =>
  renderReport(deskArticle(), format, { generatedAt: AT, publisher: NEWSROOM, scope });
/** The text a reader sees: tags and the <style> removed, entities decoded. */
const visible = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<\/?(bdi|q|sup|mark)\b[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');

describe('a public report (the default)', () => {
  it.each(PUBLIC_FORMATS)('%s carries the public explanation and never the internal note, history or names', (format) => {
    const text = format === 'md' ? render(format) : visible(render(format));
    expect(text).toContain('three weeks in the top ten');
    expect(text).not.toContain(NOTE);
    expect(text).not.toContain('Waiting for Sam');
    expect(text).not.toContain('Dana Cohen');
    expect(text).not.toContain('Sam Ortiz');
    expect(text).not.toContain('History');
  });

  it('lists unchecked statements marked as such and unsigned verdicts marked "awaiting sign-off"', () => {
    const html = visible(render('html'));
    expect(html).toContain('Nicole Yorkin, the show’s co-creator');
    expect(html).toMatch(/3 False Awaiting sign-off Viewing rose 40%/);
    expect(render('md')).toMatch(/### 3\. False\n\n> Viewing rose 40% in its second week\.\n\n\*Awaiting sign-off\*/);
    expect(html).toMatch(/Still unchecked 1 Nicole Yorkin/);
  });

  it('says who made the claim', () => {
    expect(visible(render('html'))).toContain('Claim by Nicole Yorkin');
    expect(render('md')).toContain('Claim by Nicole Yorkin:');
  });

  it('lists the differences between a quote and its source', () => {
    const said = 'quote says “two”, source says “three” (number changed)';
    expect(visible(render('html'))).toContain(said);
    expect(render('md')).toContain(`- ${said}`);
    expect(visible(render('annotated'))).toContain(said);
  });

  it('has a Corrections section and the corrected verdict', () => {
    const html = visible(render('html'));
    expect(html).toContain(
      'Corrections 1 27 November 2026, statement 5. Rated Verified, not False: filming began in 2019. Why: The studio sent the production notes. Verdict changed from False to Verified.',
    );
    expect(html).toMatch(/5 Verified Corrected/);
    expect(render('md')).toContain('### 5. Verified (corrected)');
    expect(render('md')).toContain('## Corrections\n\n- **27 November 2026, statement 5.** Rated Verified, not False: filming began in 2019. Why: The studio sent the production notes. Verdict changed from False to Verified.');
  });

  it('cites one source file once, however many quotes come from it', () => {
    const html = render('html');
    const sources = html.slice(html.indexOf('id="h-sources"'));
    expect(sources.match(/<li>/g)).toHaveLength(1);
    expect(html.match(/<sup class="fn">\[1\]<\/sup>/g)).toHaveLength(2);
  });
});

describe('--signed-off-only', () => {
  it.each(['html', 'md'] as const)('%s lists only signed-off verdicts and says how many were left out', (format) => {
    const text = format === 'md' ? render(format, { signedOffOnly: true }) : visible(render(format, { signedOffOnly: true }));
    expect(text).not.toContain('Viewing rose 40%');
    expect(text).toContain('1 verdict awaiting sign-off is left out of this report.');
    expect(text).toContain('The show spent two weeks');
    // Unchecked and opinion statements need no sign-off and stay.
    expect(text).toContain('Critics called it');
  });

  it('leaves the unsigned verdict out of the counts per verdict, in a row of its own', () => {
    expect(render('md', { signedOffOnly: true })).toMatch(/\| False \| 0 \|[\s\S]*\| Awaiting sign-off, not in this report \| 1 \|/);
    expect(render('md')).toContain('| False | 1 |');
  });

  it('leaves the statement out of the CSV and the annotated article too', () => {
    expect(render('csv', { signedOffOnly: true })).not.toContain('Viewing rose');
    expect(visible(render('annotated', { signedOffOnly: true }))).toContain('1 verdict awaiting sign-off is left out');
    expect(render('annotated', { signedOffOnly: true })).not.toMatch(/<mark[^>]*>Viewing rose/);
  });
});

describe('--no-unchecked', () => {
  it.each(['html', 'md'] as const)('%s leaves unchecked statements out of the list and still counts them', (format) => {
    const text = format === 'md' ? render(format, { includeUnchecked: false }) : visible(render(format, { includeUnchecked: false }));
    expect(text).not.toContain('spoke to Variety');
    expect(text).not.toContain('Still unchecked');
    expect(text).toContain('1 unchecked statement is counted but not listed.');
    expect(text).toMatch(/Unchecked \| 1 \||Unchecked 1 /);
  });
});

describe('--internal', () => {
  it.each(['html', 'md', 'annotated'] as const)('%s carries the internal note, who checked what and (reports) the history', (format) => {
    const text = format === 'md' ? render(format, { internal: true }) : visible(render(format, { internal: true }));
    expect(text).toContain('Nielsen charts show two weeks, not three. Ask the desk whether to correct.');
    expect(text).toContain('Checked by Dana Cohen');
    expect(text).toContain('Signed off by Sam Ortiz');
    expect(text).toMatch(/For the desk only|Internal/);
    if (format !== 'annotated') expect(text).toMatch(/History/);
  });
});

describe('CSV and JSON carry both texts, labelled', () => {
  const rows = render('csv').replace(/^\uFEFF/, '').split('\r\n');
  it('has the public explanation, the internal note and the quote check in columns of their own', () => {
    expect(rows[0]!.split(',')).toEqual([...CSV_COLUMNS]);
    expect(CSV_COLUMNS).toEqual(expect.arrayContaining(['Claimant', 'Public explanation', 'Internal note', 'Quote check', 'Checked against', 'Differences', 'Corrections']));
    const csv = render('csv');
    expect(csv).toContain('Nicole Yorkin,Misleading,,');
    expect(csv).toContain('found in the source with differences,nielsen-charts.pdf,"quote says “two”, source says “three” (number changed)"');
    expect(csv).toContain(NOTE);
    expect(csv).toContain('2026-11-27: Rated Verified, not False: filming began in 2019. (why: The studio sent the production notes.; False → Verified)');
  });

  it('JSON keeps the explanation, the note, the claimant, corrections and the fact-check URL', () => {
    const json = JSON.parse(render('json'));
    expect(json.article.factCheckUrl).toBe('https://bugle.example/fact-checks/hit-run');
    expect(json.statements[1]).toMatchObject({ claimant: 'Nicole Yorkin', explanation: expect.stringContaining('three weeks'), note: expect.stringContaining(NOTE) });
    expect(json.statements[4].corrections).toHaveLength(1);
  });
});

describe('the annotated article', () => {
  const html = render('annotated');
  it('is the whole article, every listed statement highlighted in its verdict colour with its number', () => {
    const text = visible(html);
    for (const s of deskArticle().statements) expect(text).toContain(s.text);
    expect(html).toMatch(/<mark style="--c:#b26a00" title="Misleading">The show spent two weeks in the top ten, said Yorkin\.<sup>2<\/sup><\/mark>/);
    expect(html).toMatch(/<mark style="--c:#b3261e" title="False">Viewing rose 40% in its second week\.<sup>3<\/sup><\/mark>/);
  });

  it('has a numbered margin note per statement: verdict, explanation, source', () => {
    expect(visible(html)).toMatch(/2 Misleading Claim by Nicole Yorkin Nielsen’s charts show three weeks in the top ten \(about 4m viewers\)! in the top ten for two weeks \(found in the source with differences\) — Nielsen streaming charts/);
    expect(visible(html)).toMatch(/3 False · Awaiting sign-off/);
  });

  it('is self-contained and escapes the article', () => {
    const hostile = renderReport(articleOf([['<img src=x onerror=alert(1)> said Bob.', 'false']]), 'annotated', { generatedAt: AT });
    expect(hostile).not.toMatch(/<img|<script|<link|url\(/i);
    expect(hostile).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(hostile).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });
});

describe('Markdown renders as intended in a CMS (markdown-it, CommonMark)', () => {
  const md = new MarkdownIt();
  it('has no needless escapes', () => {
    const text = render('md');
    expect(text).toContain('(about 4m viewers)!');
    expect(text).not.toMatch(/\\[(!)#.|-]/);
  });

  it('shows every hostile sentence as text: no link, image, emphasis, tag, heading or list made from it', () => {
    const sentences = [
      'The [budget](javascript:alert(1)) passed!',
      '![x](http://evil.example/x.png) was shown.',
      '<img src=x onerror=alert(1)> and <b>bold</b>',
      '*stars* and _underscores_ and `code` and ~~struck~~',
      '# not a heading',
      '1. not a list',
      '- not a list',
      '> not a quote',
      'AT&amp;T & co; 4 < 5 > 3 (roughly) | pipes |',
      'A back\\slash and trailing \\',
    ];
    for (const sentence of sentences) {
      const html = md.render(`> ${escapeMarkdown(sentence)}\n`);
      expect(html).not.toMatch(/<(a|img|em|strong|code|s|del|h\d|ol|ul|b)[\s>]/);
      const shown = html
        .replace(/<\/?(blockquote|p)>/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&')
        .trim();
      expect(shown).toBe(sentence);
    }
  });

  it('renders the whole report to the intended structure', () => {
    const html = md.render(render('md'));
    expect(html).toContain('<h1>Fact-check: Hit &amp; Run will not be getting a second season</h1>');
    expect(html).toContain('<h3>2. Misleading</h3>');
    expect(html).toContain('<blockquote>\n<p>The show spent two weeks in the top ten, said Yorkin.</p>\n</blockquote>');
    expect(html).toContain('<p>Nielsen’s charts show three weeks in the top ten (about 4m viewers)!</p>');
    expect(html).toContain('<td>Misleading</td>');
  });
});

describe('sources', () => {
  it('are one footnote per attached file or web address, even when their titles were typed differently', () => {
    const a = articleOf([
      ['One.', 'false', { sources: [source({ quote: 'a', title: 'Budget', documentId: 'd1' }), source({ title: 'Site', url: 'https://x.example/a' })] }],
      ['Two.', 'false', { sources: [source({ quote: 'b', title: 'Budget 2026 (PDF)', documentId: 'd1' }), source({ title: 'Site, again', url: 'https://x.example/a/' })] }],
    ]);
    const html = renderReport(a, 'html', { generatedAt: AT });
    expect(html.slice(html.indexOf('id="h-sources"')).match(/<li>/g)).toHaveLength(2);
  });

  it('are only the ones the listed statements cite: no footnotes left over from statements left out', () => {
    const a = articleOf([
      ['Signed.', 'false', { review: { by: 'Sam', at: AT.toISOString() }, sources: [source({ title: 'Kept' })] }],
      ['Unsigned.', 'false', { sources: [source({ title: 'Left out' })] }],
    ]);
    const html = renderReport(a, 'html', { generatedAt: AT, scope: { signedOffOnly: true } });
    expect(html).toContain('Kept');
    expect(html).not.toContain('Left out');
  });
});
