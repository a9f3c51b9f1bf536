/**
 * Reads other publishers' fact-checks from schema.org ClaimReview JSON-LD, as fact-checkers
 * publish them for search engines: a single item, an array, a `@graph`, or an HTML page that
 * carries them in `<script type="application/ld+json">`. Only what Factdesk shows is kept: the
 * claim, who made it, the publisher, its rating in its own words, the page and the date.
 *
 * The page is parsed by jsdom with scripts off (nothing in it runs or loads), and only the
 * JSON-LD blocks are read: a hostile page can at most give us strange text, which is shown as text.
 */
import { UserError } from '../../store/errors';
import type { NewPublishedCheck } from '../../store/store';

export const MAX_CLAIMREVIEW_BYTES = 10 * 1024 * 1024;
/** ClaimReview nests an item or two deep; anything far deeper is not a fact-check. */
const MAX_DEPTH = 12;

type Json = Record<string, unknown>;

/** The fact-checks in a ClaimReview file's text; a clear error when there are none. */
export async function parseClaimReviews(text: string, fileName: string): Promise<NewPublishedCheck[]> {
  const blocks = looksLikeHtml(text) ? await jsonLdBlocks(text) : [text];
  if (!blocks.length) throw new UserError('import-failed', `${fileName} has no JSON-LD (no <script type="application/ld+json"> in the page).`);
  const items: Json[] = [];
  let readable = 0;
  for (const block of blocks) {
    let data: unknown;
    try {
      data = JSON.parse(block);
    } catch (err) {
      if (blocks.length === 1) throw new UserError('import-failed', `${fileName} is not valid JSON-LD: ${(err as Error).message}.`);
      continue; // one broken block on a page does not spoil the others
    }
    readable++;
    collectClaimReviews(data, items, 0);
  }
  if (!readable) throw new UserError('import-failed', `None of the JSON-LD blocks in ${fileName} could be read.`);
  const checks = items.map((item) => toCheck(item, fileName)).filter((c): c is NewPublishedCheck => c !== null);
  if (!checks.length) {
    throw new UserError(
      'import-failed',
      items.length
        ? `${fileName} has ClaimReview items, but none with both the claim (claimReviewed) and a rating.`
        : `${fileName} has no ClaimReview: nothing to import.`,
    );
  }
  return checks;
}

function looksLikeHtml(text: string): boolean {
  return /^\s*</.test(text);
}

async function jsonLdBlocks(html: string): Promise<string[]> {
  // jsdom takes about half a second to load: only a page needs it (see services/import/index.ts).
  const { JSDOM } = await import('jsdom');
  const { document } = new JSDOM(html).window; // scripts are not run: jsdom's default
  return [...document.querySelectorAll('script[type="application/ld+json" i]')].map((s) => s.textContent ?? '');
}

/** Every object typed ClaimReview, wherever it sits: top level, arrays, @graph, or nested (a WebPage's review). */
function collectClaimReviews(node: unknown, found: Json[], depth: number): void {
  if (depth > MAX_DEPTH || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) collectClaimReviews(item, found, depth + 1);
    return;
  }
  const object = node as Json;
  if (types(object).includes('claimreview')) {
    found.push(object);
    return;
  }
  for (const value of Object.values(object)) collectClaimReviews(value, found, depth + 1);
}

function types(object: Json): string[] {
  const type = object['@type'];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string').map((t) => t.toLowerCase());
}

function toCheck(item: Json, fileName: string): NewPublishedCheck | null {
  const claim = text(item.claimReviewed) || text(first(item.itemReviewed)?.name);
  const rating = first(item.reviewRating);
  const ratingText =
    text(rating?.alternateName) ||
    text(rating?.name) ||
    (rating?.ratingValue !== undefined ? `${text(rating.ratingValue)}${rating.bestRating !== undefined ? ` of ${text(rating.bestRating)}` : ''}` : '');
  if (!claim || !ratingText) return null;
  const url = link(item.url);
  const publisher = name(item.author) || name(item.publisher) || (url ? new URL(url).hostname : '');
  return {
    claim: clip(claim, 20_000),
    claimant: clip(name(first(item.itemReviewed)?.author), 500),
    publisher: clip(publisher || 'Unknown publisher', 500),
    rating: clip(ratingText, 500),
    url,
    reviewedAt: day(item.datePublished),
    importedFrom: clip(fileName, 500),
  };
}

function first(value: unknown): Json | undefined {
  const one = Array.isArray(value) ? value[0] : value;
  return one && typeof one === 'object' ? (one as Json) : undefined;
}

function name(value: unknown): string {
  if (typeof value === 'string') return text(value);
  return text(first(value)?.name);
}

function text(value: unknown): string {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';
}

/** An http(s) link, or '' (a javascript: or file: "url" is dropped, never stored). */
function link(value: unknown): string {
  const raw = text(value);
  if (!/^https?:\/\//i.test(raw) || raw.length > 2048) return '';
  try {
    return new URL(raw).href;
  } catch {
    return '';
  }
}

/** "2024-03-05T10:00:00Z" → "2024-03-05"; anything that is not a date → ''. */
function day(value: unknown): string {
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(text(value));
  return match && !Number.isNaN(Date.parse(match[1]!)) ? match[1]! : '';
}

function clip(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}
