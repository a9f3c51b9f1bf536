import { readFileSync } from 'node:fs';
import path from 'node:path';
import { segment } from '../segment';
import { describe, expect, it } from 'vitest';
import { extractArticle } from './article';
import { htmlToText } from './html';
import { importArticleBytes } from './index';
import { normaliseDate, webUrl } from './metadata';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', name));
const utf8 = (text: string) => new TextEncoder().encode(text);
/** Enough words for Readability to call it an article. */
const BODY = '<p>The harbour authority said the dredging of the inner basin would take two years and cost 12 million euros in total.</p>';

describe('htmlToText', () => {
  it('keeps paragraphs, line breaks, list items and headings, and decodes entities', () => {
    expect(
      htmlToText(
        '<h1>Budget &amp; harbour</h1><p>One <b>bold</b>  word,\n  wrapped.<br>Next line</p>' +
          '<ul><li>first</li><li>second<ol><li>nested</li></ol></li></ul><h2>Then</h2><p>&ldquo;Quoted&rdquo; &euro;5&hellip;</p>',
      ),
    ).toBe('Budget & harbour\n\nOne bold word, wrapped.\nNext line\n\nfirst\nsecond\nnested\n\nThen\n\n“Quoted” €5…');
  });

  it('gives one blank line between nested blocks and invents no spaces between inline elements', () => {
    expect(htmlToText('<div><div><p>a<i>b</i>c</p></div></div><section><div>  <p> d </p></div></section>')).toBe('abc\n\nd');
  });

  it('turns two <br> into a paragraph break and more into no more than that', () => {
    expect(htmlToText('one<br>two<br><br>three<br><br><br><br>four')).toBe('one\ntwo\n\nthree\n\nfour');
  });

  it('puts table rows on their own lines with cells separated by tabs', () => {
    expect(htmlToText('<table><tr><th>Year</th><th>Budget</th></tr><tr><td>2023</td><td>€9m</td></tr></table>')).toBe('Year\tBudget\n2023\t€9m');
  });

  it('keeps the whitespace of <pre>', () => {
    expect(htmlToText('<p>Code:</p><pre>  a  b\n    c</pre>')).toBe('Code:\n\n  a  b\n    c');
  });

  it('leaves right-to-left and CJK text, and non-ASCII spaces, exactly as they were', () => {
    const hebrew = 'ראש העיר אמר כי התקציב גדל ב־12 אחוזים.';
    const arabic = 'قال رئيس البلدية إن الميزانية ارتفعت بنسبة ١٢٪.';
    const japanese = '市長は、予算が１２％増加したと述べた。　野党は異議を唱えている。';
    expect(htmlToText(`<p dir="rtl">${hebrew}</p><p dir="rtl">${arabic}</p><p>${japanese}</p><p>12&nbsp;km</p>`)).toBe(
      `${hebrew}\n\n${arabic}\n\n${japanese}\n\n12\u00a0km`,
    );
  });

  it('returns nothing of scripts, styles, SVG, iframes, forms or event handlers', () => {
    const text = htmlToText(fixture('hostile.html').toString('utf8'));
    expect(text).toBe(
      'The first paragraph of a perfectly ordinary article about the harbour budget, which the council approved on Tuesday.\n\n' +
        'A link that would run code: click here for details.\n\n' +
        'The second paragraph says the mayor expects the dredging to pay for itself within five years.',
    );
  });
});

describe('.html files', () => {
  it('extracts the article and its metadata, leaving out navigation and footer', async () => {
    expect(await importArticleBytes('harbour.html', fixture('article.html'))).toEqual({
      text:
        'Council approves harbour budget\n\n' +
        'The city council approved a harbour budget of €12.4\u00a0million on Tuesday, the largest in the port’s history.\n\n' +
        'The mayor said the dredging work would “pay for itself within five years”, a claim the opposition disputes.\n' +
        'Councillors voted 9 to 4.\n\n' +
        'What the money buys\n\n' +
        'Dredging of the inner basin\nA new ferry terminal\nRepairs to the north pier\n\n' +
        'Work is due to begin in June, according to the harbour authority, which has not published a timetable.',
      title: 'Council approves harbour budget',
      author: 'Marta Quist',
      outlet: 'The Coastal Courier',
      // The canonical link is relative and a file has no address to resolve it against: og:url is next.
      url: 'https://courier.example/og-url-is-second-choice',
      // The day as published (UTC-5), not the UTC day (the 6th); article:published_time beats JSON-LD.
      publishedAt: '2024-03-05',
      fileName: 'harbour.html',
    });
  });

  it('drops hostile markup: the text is only the article paragraphs', async () => {
    const draft = await importArticleBytes('hostile.html', fixture('hostile.html'));
    expect(draft.text).toBe(
      'The first paragraph of a perfectly ordinary article about the harbour budget, which the council approved on Tuesday.\n\n' +
        'A link that would run code: click here for details.\n\n' +
        'The second paragraph says the mayor expects the dredging to pay for itself within five years.',
    );
    expect(draft.title).toBe('Hostile page'); // the inline script that would have renamed the page never ran
  });

  it('passes Hebrew, Arabic, Japanese and Korean through unchanged', async () => {
    const draft = await importArticleBytes('rtl-cjk.html', fixture('rtl-cjk.html'));
    expect(draft.text).toBe(
      'ראש העיר אמר כי התקציב גדל ב־12 אחוזים בשנה שעברה, אך האופוזיציה חולקת על הנתון ודורשת פרסום מלא של החשבונות.\n\n' +
        'قال رئيس البلدية إن الميزانية ارتفعت بنسبة ١٢٪ في العام الماضي، لكن المعارضة تشكك في هذا الرقم.\n\n' +
        '市長は昨年、予算が１２％増加したと述べたが、野党はこの数字に異議を唱えている。\n\n' +
        '시장은 작년에 예산이 12% 증가했다고 말했지만, 야당은 이 수치에 이의를 제기하고 있다.',
    );
    expect(draft.title).toBe('שלום');
  });

  it('refuses a page without an article', async () => {
    await expect(importArticleBytes('login.html', fixture('no-article.html'))).rejects.toThrow(
      'No article text found in login.html: the page has no article Factdesk can read. Copy the text from your browser and paste it instead.',
    );
    await expect(importArticleBytes('blank.htm', utf8('<html><body><p>Too short.</p></body></html>'))).rejects.toThrow(
      'No article text found in blank.htm',
    );
  });

  it('refuses a page of navigation, link lists and a footer, naming it', async () => {
    await expect(importArticleBytes('courier-home.html', fixture('nav-only.html'))).rejects.toThrow(
      'No article text found in courier-home.html: the page has no article Factdesk can read. Copy the text from your browser and paste it instead.',
    );
    // The same words as prose are an article: it is the links and the small print that do not count.
    const prose = fixture('nav-only.html').toString('utf8').replace(/<a href="[^"]*">|<\/a>|<\/?(?:nav|ul|li|footer)>/g, '').replace(/©[^<]*/g, '');
    expect((await importArticleBytes('sections.html', utf8(prose))).text).toContain('Business news from the port');
  });

  it('makes the headline and the standfirst the first statements', async () => {
    const page = (header: string) =>
      utf8(`<html><head><title>Budget | Courier</title></head><body><nav><a href="/">Home</a></nav><article>${header}
        <p>The council approved the harbour budget on Tuesday by nine votes to four, after a debate of three hours.</p>
        <p>Work on the inner basin is due to start in June, the harbour authority said in a statement.</p></article></body></html>`);
    const expected = [
      'Harbour budget passes after three-hour debate',
      'Councillors back €12.4 million plan for the port',
      'The council approved the harbour budget on Tuesday by nine votes to four, after a debate of three hours.',
    ];
    for (const header of [
      '<h1>Harbour budget passes after three-hour debate</h1><p class="article-standfirst">Councillors back €12.4 million plan for the port</p>',
      '<header><h1>Harbour budget passes after three-hour debate</h1><h2>Councillors back €12.4 million plan for the port</h2></header>',
      '<div class="headline"><h1>Harbour budget passes after three-hour debate</h1></div><div class="c-dek">Councillors back €12.4 million plan for the port</div>',
    ]) {
      const draft = await importArticleBytes('budget.html', page(header));
      expect(segment(draft.text).slice(0, 3).map((s) => s.text), header).toEqual(expected);
      // Each once, whether or not Readability kept it in the content.
      expect(draft.text.split('Harbour budget passes').length, header).toBe(2);
      expect(draft.text.split('Councillors back').length, header).toBe(2);
    }
    // No standfirst: the headline alone; no <h1>: no headline (the <title> labels a tab, it is not one).
    const plain = await importArticleBytes('plain.html', page('<h1>Harbour budget passes after three-hour debate</h1>'));
    expect(segment(plain.text).slice(0, 2).map((s) => s.text)).toEqual([expected[0], expected[2]]);
    expect((await importArticleBytes('untitled.html', page(''))).text).toMatch(/^The council approved/);
  });

  it('refuses a page too large to extract from, before parsing it', async () => {
    const page = `<html><body><article>${BODY}${'<div><p>x</p></div>'.repeat(10_001)}</article></body></html>`;
    const started = Date.now();
    await expect(importArticleBytes('huge.html', utf8(page))).rejects.toThrow(
      'huge.html is too large a page to find its article in (about 20,006 elements; Factdesk reads pages of up to 20,000). Copy the article text from your browser and paste it instead.',
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('does not count scripts, styles and SVG icons towards that limit', async () => {
    const icons = `<svg>${'<path d="M0 0"/>'.repeat(25_000)}</svg>`;
    const script = `<script>${'document.write("<p>");'.repeat(25_000)}</script>`;
    const draft = await importArticleBytes('icons.html', utf8(`<html><head>${script}</head><body>${icons}<article>${BODY}</article></body></html>`));
    expect(draft.text).toBe('The harbour authority said the dredging of the inner basin would take two years and cost 12 million euros in total.');
  });

  it('decodes a page in the encoding its <meta> declares', async () => {
    const latin1 = Buffer.from(`<html><head><meta charset="windows-1252"></head><body><article>${BODY}<p>Caf\xe9 cr\xe8me, \x93quoted\x94.</p></article></body></html>`, 'latin1');
    const draft = await importArticleBytes('old.html', latin1);
    expect(draft.text.split('\n\n')[1]).toBe('Café crème, “quoted”.');
  });

  it('refuses a page that says UTF-8 but is not', async () => {
    const bytes = Buffer.concat([Buffer.from(`<html><body>${BODY}<p>caf`), Buffer.from([0xe9]), Buffer.from('</p></body></html>')]);
    await expect(importArticleBytes('bad.html', bytes)).rejects.toThrow(
      'bad.html is not UTF-8 text: it may be a binary file, or saved in another encoding. Save it as UTF-8 and try again.',
    );
  });
});

describe('page metadata', () => {
  const page = (head: string, body = `<article>${BODY}</article>`) => `<html><head>${head}</head><body>${body}</body></html>`;

  it('resolves a relative canonical link against the page address, and prefers it to og:url', () => {
    const article = extractArticle('page', page('<link rel="Canonical" href="/story?id=7"><meta property="og:url" content="https://other.example/">'), 'https://news.example/a/b?utm=x');
    expect(article.url).toBe('https://news.example/story?id=7');
  });

  it('keeps only http(s) links, falling back to the page address', () => {
    const article = extractArticle('page', page('<link rel="canonical" href="javascript:alert(1)"><meta property="og:url" content="file:///etc/passwd">'), 'https://news.example/a');
    expect(article.url).toBe('https://news.example/a');
    expect(extractArticle('page', page('<link rel="canonical" href="data:text/html,x">')).url).toBe('');
  });

  it('finds the date in JSON-LD, then meta name=date, then <time datetime>', () => {
    const jsonLd = '<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2023-11-02T08:00:00+01:00"}]}</script>';
    expect(extractArticle('p', page(`${jsonLd}<meta name="date" content="2001-01-01">`)).publishedAt).toBe('2023-11-02');
    expect(extractArticle('p', page('<script type="application/ld+json">{broken</script><meta name="date" content="2022/7/4">')).publishedAt).toBe('2022-07-04');
    expect(extractArticle('p', page('', `<article><time datetime="2021-12-31T22:00:00Z">New Year's Eve</time>${BODY}</article>`)).publishedAt).toBe('2021-12-31');
    expect(extractArticle('p', page('<meta name="date" content="2024-02-30">')).publishedAt).toBe('');
  });

  it('takes the author from the byline or meta author, ignoring article:author profile links', () => {
    expect(extractArticle('p', page('<meta property="article:author" content="https://facebook.com/someone">')).author).toBe('');
    expect(extractArticle('p', page('<meta property="article:author" content="Ana Lima">')).author).toBe('Ana Lima');
    expect(extractArticle('p', page('', `<article><p class="byline">By Sam Okafor</p>${BODY}</article>`)).author).toBe('Sam Okafor');
  });

  it('takes the outlet from og:site_name before the JSON-LD publisher', () => {
    const publisher = '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"H","publisher":{"@type":"Organization","name":"Publisher Ltd"}}</script>';
    expect(extractArticle('p', page(publisher)).outlet).toBe('Publisher Ltd');
    expect(extractArticle('p', page(`${publisher}<meta property="og:site_name" content="The Courier">`)).outlet).toBe('The Courier');
  });

  it('cuts over-long metadata to what the store keeps', async () => {
    const draft = await importArticleBytes('long.html', utf8(page(`<meta name="author" content="${'A'.repeat(600)}">`)));
    expect(draft.author).toBe(`${'A'.repeat(499)}…`);
  });
});

describe('normaliseDate', () => {
  it.each([
    ['2024-03-05', '2024-03-05'],
    ['2024-03-05T23:30:00-05:00', '2024-03-05'],
    ['2024-3-5', '2024-03-05'],
    ['20240305', '2024-03-05'],
    ['Tue, 05 Mar 2024 23:30:00 GMT', '2024-03-05'],
    ['March 5, 2024', '2024-03-05'],
    ['2024-13-01', ''],
    ['2023-02-29', ''],
    ['5', ''],
    ['yesterday', ''],
    ['', ''],
  ])('%j -> %j', (input, expected) => {
    expect(normaliseDate(input)).toBe(expected);
  });
});

describe('webUrl', () => {
  it('accepts absolute http(s) links and resolves relative ones', () => {
    expect(webUrl('https://a.example/x')).toBe('https://a.example/x');
    expect(webUrl('../y', 'http://a.example/b/c')).toBe('http://a.example/y');
    expect(webUrl('/y', 'about:blank')).toBe('');
    expect(webUrl('javascript:alert(1)')).toBe('');
    expect(webUrl('ftp://a.example/')).toBe('');
    expect(webUrl(`https://a.example/${'x'.repeat(2100)}`)).toBe('');
  });
});
