/**
 * Sources as numbered footnotes: every distinct source gets one number, in the order it is
 * first cited in reading order, so a source cited by five statements is listed once. Only the
 * statements the report lists are cited, so a report never ends with footnotes nobody points to.
 */
import type { Source, Statement } from '../../domain/schema';

export interface Citation {
  /** 1-based footnote number. */
  number: number;
  source: Source;
}

export interface Citations {
  /** The footnotes, in number order. */
  list: Citation[];
  /** The footnote number of one source of one statement. */
  numberOf(source: Source): number;
}

/**
 * A source is the same source when it is the same document; the quote is what differs. The
 * attached source file decides first (two quotes from one PDF are one footnote however their
 * titles were typed), then the web address, then the file name, then what the editor typed.
 */
function key(source: Source): string {
  if (source.documentId) return `document:${source.documentId}`;
  if (source.url) return `url:${sameUrl(source.url)}`;
  if (source.file) return `file:${source.file.trim().toLowerCase()}`;
  return JSON.stringify([source.title, source.publisher, source.author, source.publishedAt]);
}

/** True when a source names a document at all (a quote alone is not a citation). */
export function isCitable(source: Source): boolean {
  return Boolean(source.url || source.title || source.file || source.publisher || source.author);
}

export function collectCitations(statements: readonly Statement[]): Citations {
  const numbers = new Map<string, number>();
  const list: Citation[] = [];
  for (const statement of statements) {
    for (const source of statement.sources) {
      if (!isCitable(source)) continue;
      const k = key(source);
      if (numbers.has(k)) continue;
      numbers.set(k, list.length + 1);
      list.push({ number: list.length + 1, source });
    }
  }
  return { list, numberOf: (source) => numbers.get(key(source)) ?? 0 };
}

/** "HTTPS://Stats.example.org/a/#top" and "https://stats.example.org/a" are one address (the path keeps its case). */
function sameUrl(url: string): string {
  try {
    const u = new URL(url.trim());
    u.hash = '';
    return u.href.replace(/\/+$/, '');
  } catch {
    return url.trim();
  }
}
