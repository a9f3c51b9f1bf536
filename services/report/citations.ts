/**
 * Sources as numbered footnotes: every distinct source gets one number, in the order it is
 * first cited in reading order, so a source cited by five statements is listed once.
 */
import type { Article, Source } from '../../store/schema';

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

/** A source is the same source when it names the same document; the quote is what differs. */
function key(source: Source): string {
  return JSON.stringify([source.url, source.title, source.file, source.publisher, source.author, source.publishedAt]);
}

/** True when a source names a document at all (a quote alone is not a citation). */
export function isCitable(source: Source): boolean {
  return Boolean(source.url || source.title || source.file || source.publisher || source.author);
}

export function collectCitations(article: Article): Citations {
  const numbers = new Map<string, number>();
  const list: Citation[] = [];
  for (const statement of article.statements) {
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
