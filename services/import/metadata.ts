/**
 * Article metadata from a page's <head> and markup: what Readability does not report, or
 * reports in a form the store does not keep (dates must be YYYY-MM-DD, links http(s)).
 * Read before Readability runs, because Readability rewrites the document it is given.
 */

export interface PageMetadata {
  author: string;
  outlet: string;
  publishedAt: string;
  url: string;
}

/** <meta> names, after article:published_time and JSON-LD, that carry a publication date. */
const DATE_KEYS = [
  'datepublished',
  'date',
  'dc.date.issued',
  'dc.date',
  'dcterms.issued',
  'pubdate',
  'publish-date',
  'parsely-pub-date',
  'sailthru.date',
];

export function readPageMetadata(doc: Document): PageMetadata {
  const meta = metaValues(doc);
  const first = (...keys: string[]) => keys.map((k) => meta.get(k)).find((v) => v) ?? '';
  const articleAuthor = meta.get('article:author') ?? '';
  // Most reliable first; a <time> element last, since the first one may belong to a sidebar.
  const dates = [
    meta.get('article:published_time'),
    jsonLdDatePublished(doc),
    ...DATE_KEYS.map((key) => meta.get(key)),
    doc.querySelector('article time[datetime], time[pubdate][datetime], time[datetime]')?.getAttribute('datetime'),
  ];
  const canonical = doc.querySelector('link[rel~="canonical" i][href]')?.getAttribute('href') ?? '';
  return {
    // article:author is often a link to the writer's profile page, not a name.
    author: first('author', 'dc.creator', 'parsely-author') || (isLink(articleAuthor) ? '' : articleAuthor),
    outlet: first('og:site_name', 'application-name'),
    publishedAt: dates.map((value) => normaliseDate(value ?? '')).find((date) => date) ?? '',
    url: webUrl(canonical, doc.baseURI) || webUrl(first('og:url'), doc.baseURI),
  };
}

/** <meta name|property|itemprop=… content=…>, keyed in lower case; the first of each name wins. */
function metaValues(doc: Document): Map<string, string> {
  const values = new Map<string, string>();
  for (const element of doc.querySelectorAll('meta[content]')) {
    const content = element.getAttribute('content')?.trim();
    if (!content) continue;
    for (const attr of ['name', 'property', 'itemprop']) {
      const key = element.getAttribute(attr)?.trim().toLowerCase();
      if (key && !values.has(key)) values.set(key, content);
    }
  }
  return values;
}

/** The first datePublished in the page's JSON-LD blocks; broken JSON is skipped, not fatal. */
function jsonLdDatePublished(doc: Document): string {
  for (const script of doc.querySelectorAll('script[type="application/ld+json" i]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const found = findKey(data, 'datePublished', 0);
    if (found) return found;
  }
  return '';
}

function findKey(value: unknown, key: string, depth: number): string {
  if (depth > 6 || value === null || typeof value !== 'object') return '';
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findKey(item, key, depth + 1);
      if (found) return found;
    }
    return '';
  }
  const own = (value as Record<string, unknown>)[key];
  if (typeof own === 'string' && own.trim()) return own;
  for (const child of Object.values(value)) {
    const found = findKey(child, key, depth + 1);
    if (found) return found;
  }
  return '';
}

/**
 * A date as the store keeps it (YYYY-MM-DD), or '' when the value is not a real date.
 * A timestamp keeps the calendar day it was written with: "2024-03-05T23:30:00-05:00" is the
 * 5th where it was published, even though it is already the 6th in UTC.
 */
export function normaliseDate(value: string): string {
  const text = value.trim();
  const written = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:$|[T\s])/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (written) return calendarDate(Number(written[1]), Number(written[2]), Number(written[3]));
  // Anything else a browser understands ("Tue, 05 Mar 2024 10:00:00 GMT", "March 5, 2024"), as long
  // as it names a year and a month: V8 also "parses" bare numbers and stray words into dates.
  if (!/\b\d{4}\b/.test(text) || !/[a-z]{3}/i.test(text)) return '';
  const parsed = new Date(text);
  if (Number.isNaN(parsed.getTime())) return '';
  const zoned = /(?:GMT|UTC|Z|[+-]\d{2}:?\d{2})\s*$/i.test(text);
  return zoned
    ? calendarDate(parsed.getUTCFullYear(), parsed.getUTCMonth() + 1, parsed.getUTCDate())
    : calendarDate(parsed.getFullYear(), parsed.getMonth() + 1, parsed.getDate());
}

function calendarDate(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1000 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return ''; // 2024-02-30
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** An absolute http(s) link the store accepts, or ''. javascript:, data: and file: links are dropped. */
export function webUrl(value: string, base?: string): string {
  if (!value.trim()) return '';
  let url: URL;
  try {
    url = new URL(value.trim(), base && /^https?:/i.test(base) ? base : undefined);
  } catch {
    return '';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return '';
  return url.href.length <= 2048 ? url.href : '';
}

function isLink(value: string): boolean {
  return /^(https?:)?\/\//i.test(value.trim());
}
