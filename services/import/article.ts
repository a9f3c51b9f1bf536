/**
 * A web page (a saved .html file or a fetched URL) as an article: Mozilla Readability finds
 * the main content, as Firefox's Reader View does, so menus, ads, comments and "related
 * stories" stay out of the text the editor checks.
 */
import { Readability } from '@mozilla/readability';
import type { DraftMeta } from './draft';
import { importError } from './draft';
import { domToText } from './dom-text';
import { parseHtml, sanitise } from './html';
import { normaliseDate, readPageMetadata } from './metadata';

/**
 * Less prose than this is a page without an article (a login wall, an index page, a cookie
 * banner): characters outside links, in blocks that are not mostly links nor boilerplate.
 */
export const MIN_ARTICLE_CHARS = 100;

/**
 * Elements that hold no article text. <form> stays, since some sites wrap the whole page in one;
 * JSON-LD stays, since Readability reads the headline, author and publisher from it.
 */
const NEVER_TEXT = 'script:not([type="application/ld+json" i]), noscript, style, template, iframe, frame, object, embed, applet, svg, math, canvas, input, button, select, textarea';

/**
 * The most elements a page may have. Parsing and Readability run in the main process, and their
 * work grows faster than the page (quadratically where thousands of elements share a parent):
 * a 10 MB page would freeze the app for minutes. Large news pages have 3,000–8,000 elements.
 */
export const MAX_PAGE_ELEMENTS = 20_000;

/**
 * The deepest nesting of elements a page may have. Readability's work grows with the square of
 * the depth (100 nested <div>s take seconds, 1,000 take half a minute, 5,000 overflow the stack).
 * Browsers' audits flag pages deeper than 32; the deepest news pages go to about 60.
 */
export const MAX_PAGE_DEPTH = 128;

export interface ExtractedArticle extends DraftMeta {
  text: string;
}

/**
 * `name` is what messages call the page (its file name or URL); `pageUrl` is where it came
 * from, for resolving relative links, and the URL to fall back on when the page names none.
 */
export function extractArticle(name: string, html: string, pageUrl?: string): ExtractedArticle {
  const tooComplex = (elements: number) =>
    importError(
      `${name} is too large a page to find its article in (about ${elements.toLocaleString('en')} elements; Factdesk reads pages of up to ${MAX_PAGE_ELEMENTS.toLocaleString('en')}). Copy the article text from your browser and paste it instead.`,
    );
  // A cheap count first, so an absurd page is refused before jsdom spends seconds and memory on it.
  const estimate = countTags(html);
  if (estimate > MAX_PAGE_ELEMENTS) throw tooComplex(estimate);
  const dom = parseHtml(html, pageUrl);
  try {
    const doc = dom.window.document;
    const meta = readPageMetadata(doc); // before Readability, which rewrites the document
    // Also before Readability: it rewrites links inside <svg> as HTML <span>s, which then escape
    // the <svg> when its output is parsed again. What is never text is removed up front.
    for (const element of doc.querySelectorAll(NEVER_TEXT)) element.remove();
    const elements = doc.getElementsByTagName('*').length;
    if (elements > MAX_PAGE_ELEMENTS) throw tooComplex(elements);
    if (nestedDeeperThan(doc.documentElement, MAX_PAGE_DEPTH)) {
      throw importError(
        `${name} is nested too deeply to find its article in (more than ${MAX_PAGE_DEPTH} levels of elements inside each other). Copy the article text from your browser and paste it instead.`,
      );
    }
    const { headline, standfirst } = readHeadline(doc);
    const article = new Readability(doc).parse();
    const content = article?.content ? sanitise(dom.window, article.content) : null;
    if (!content || proseChars(content) < MIN_ARTICLE_CHARS) {
      throw importError(`No article text found in ${name}: the page has no article Factdesk can read. Copy the text from your browser and paste it instead.`);
    }
    return {
      text: withHeadline(domToText(content), headline, standfirst),
      title: article?.title ?? '',
      author: cleanByline(article?.byline ?? '') || meta.author,
      outlet: meta.outlet || (article?.siteName ?? ''),
      publishedAt: meta.publishedAt || normaliseDate(article?.publishedTime ?? ''),
      url: meta.url || (pageUrl ?? ''),
    };
  } finally {
    dom.window.close();
  }
}

/** Whether any element under `root` is more than `limit` levels down; a loop, not recursion, so depth cannot overflow the stack. */
function nestedDeeperThan(root: Element, limit: number): boolean {
  const stack: Array<[Element, number]> = [[root, 1]];
  while (stack.length) {
    const [element, depth] = stack.pop()!;
    if (depth > limit) return true;
    for (let child = element.firstElementChild; child; child = child.nextElementSibling) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Start tags outside scripts, styles and SVG (which are removed before Readability runs), in one
 * pass. It replaced `/<(script|style|svg|template)\b[^]*?<\/\1\s*>/gi`, which searched the
 * rest of the page for a closing tag from every unclosed "<script": 2.7 MB of them took minutes.
 */
export function countTags(html: string): number {
  const lower = html.toLowerCase();
  /** Where each block's next closing tag is, from the last place looked (-1: none left). */
  const closers = new Map<string, { from: number; at: number; end: number }>();
  const closingTag = (name: string, from: number): { at: number; end: number } => {
    const known = closers.get(name);
    if (known && from >= known.from && (known.at === -1 || known.at >= from)) return known;
    let at = lower.indexOf(`</${name}`, from);
    let end = -1;
    while (at >= 0) {
      end = at + name.length + 2;
      while (end < lower.length && /\s/.test(lower[end]!)) end++;
      if (lower[end] === '>') break;
      at = lower.indexOf(`</${name}`, at + 1);
    }
    const found = { from, at, end: at >= 0 ? end + 1 : -1 };
    closers.set(name, found);
    return found;
  };
  let count = 0;
  for (let i = lower.indexOf('<'); i >= 0 && i < lower.length; i = lower.indexOf('<', i)) {
    const name = /^(script|style|svg|template)\b/.exec(lower.slice(i + 1, i + 10))?.[1];
    if (name) {
      const close = closingTag(name, i + 1 + name.length);
      if (close.at >= 0) {
        i = close.end;
        continue;
      }
    }
    if (/[a-z]/.test(lower[i + 1] ?? '')) count++;
    i++;
  }
  return count;
}

// ---- What counts as an article ----

/** Blocks of text as Readability's output holds them. */
const BLOCKS = 'p, li, h1, h2, h3, h4, h5, h6, blockquote, pre, td, th, dd, dt, figcaption, div';
/** A page's small print: a copyright line, the company register, the legal links. */
const BOILERPLATE = /©|\bcopyright\b|all rights reserved|registered in |company (?:number|no\.)|privacy (?:policy|notice)|terms (?:of|and) (?:use|service|conditions)|cookie/i;

/**
 * How much of the extracted content is prose: when a page has no article, Readability falls
 * back to whatever text it finds, which is navigation, lists of links and the footer. A block
 * more than half of whose text is links, or that reads as small print, is not counted, nor is
 * the text of links anywhere.
 */
function proseChars(content: DocumentFragment): number {
  const length = (node: Node) => (node.textContent ?? '').replace(/\s+/g, ' ').trim().length;
  let prose = 0;
  for (const block of content.querySelectorAll(BLOCKS)) {
    // Only the text that is this block's own, not that of the blocks inside it.
    if (block.querySelector(BLOCKS)) {
      const own = [...block.childNodes].filter((n) => n.nodeType === 3).reduce((sum, n) => sum + length(n), 0);
      prose += own;
      continue;
    }
    const text = length(block);
    const links = [...block.querySelectorAll('a')].reduce((sum, a) => sum + length(a), 0);
    if (text === 0 || links * 2 > text || BOILERPLATE.test(block.textContent ?? '')) continue;
    prose += text - links;
  }
  return prose;
}

// ---- The headline and standfirst ----

/** Class names newsrooms give the summary under the headline. */
const STANDFIRST_CLASS = /(?:^|[-_\s])(?:standfirst|dek|deck|subtitle|sub-?headline|subhead|strapline|summary)(?:$|[-_\s])/i;
const MAX_STANDFIRST_CHARS = 400;

/**
 * The page's headline (its first <h1>, in the article if there is one) and standfirst (an
 * element named as one near the headline, or the paragraph or subheading that directly follows
 * the headline in its header). The <title> is not a headline: it is the browser tab's label,
 * often with the site's name. Read before Readability, which drops both from its content.
 */
function readHeadline(doc: Document): { headline: string; standfirst: string } {
  const clean = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const h1 = doc.querySelector('article h1, main h1') ?? doc.querySelector('h1');
  const headline = clean(h1);
  if (!h1 || !headline) return { headline: '', standfirst: '' };
  const scope = h1.closest('article, main, header') ?? doc.body;
  let standfirst = '';
  for (const element of scope?.querySelectorAll('[class]') ?? []) {
    if (element === h1 || element.contains(h1) || !STANDFIRST_CLASS.test(element.getAttribute('class') ?? '')) continue;
    standfirst = clean(element);
    if (standfirst) break;
  }
  if (!standfirst && h1.parentElement?.localName === 'header') {
    const next = h1.nextElementSibling;
    if (next && /^(?:p|h2)$/.test(next.localName)) standfirst = clean(next);
  }
  if (standfirst.length > MAX_STANDFIRST_CHARS || standfirst === headline) standfirst = '';
  return { headline, standfirst };
}

/**
 * The article text with its headline and standfirst as its first paragraphs, so each is a
 * statement of its own, first, as in a .txt file; where the content already opens with either,
 * it is not repeated.
 */
function withHeadline(text: string, headline: string, standfirst: string): string {
  const lead = [headline, standfirst].filter(Boolean);
  const paragraphs = text.split('\n\n');
  const isLead = (p: string | undefined) => p !== undefined && lead.includes(p.replace(/\s+/g, ' ').trim());
  while (isLead(paragraphs[0])) paragraphs.shift();
  return [...lead, ...paragraphs].join('\n\n');
}

/** "By Jane Doe" -> "Jane Doe": bylines found in the page text carry the word, metadata does not. */
function cleanByline(byline: string): string {
  return byline.replace(/\s+/g, ' ').trim().replace(/^by\s+/i, '');
}
