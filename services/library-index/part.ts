/**
 * One part of the library index: the articles whose id falls to it (`partNumber` in
 * library-index.ts), or the other publishers' checks. The index is split so that a save
 * writes only the parts whose articles changed, and opening reads one part at a time, letting
 * the process answer between them, instead of one file of the whole library.
 *
 * A part keeps, per statement, what a hit shows and the filters read (a record), and two
 * indexes over its records:
 * - `words`: for library search, each folded word (services/library-index/terms.ts
 *   `searchTerms`) with the ascending numbers of the records holding it, and the words in
 *   order, so a word being typed finds every word it starts. Asking for every word is an
 *   intersection of number lists, so a query costs little even when its words are in
 *   thousands of statements; MiniSearch's own search builds a scored result object for each
 *   of them, which was most of the time at 100,000 statements.
 * - `claims`: MiniSearch (BM25) over the claim reading (`claimTerms`) of the records that can
 *   be earlier checks only (a verdict other than unchecked, or a published check), for `similar`.
 *
 * Records are numbered in the order they were added; a removed record leaves a gap (null) so
 * the numbers in both indexes stay valid, and a part with many gaps is renumbered when it is saved.
 */
import MiniSearch from 'minisearch';
import type { Verdict } from '../../domain/verdicts';
import { claimTerms, searchTerms } from './terms';

export interface StatementRecord {
  kind: 'statement';
  articleId: string;
  articleTitle: string;
  statementId: string;
  /** From 1. */
  index: number;
  text: string;
  verdict: Verdict;
  reviewBy: string;
  /** Everyone who changed the statement, one per line, for the editor filter. */
  editors: string;
  updatedAt: string;
  quote: string;
  source: string;
  note: string;
  explanation: string;
}

export interface PublishedRecord {
  kind: 'published';
  checkId: string;
  text: string;
  claimant: string;
  publisher: string;
  rating: string;
  url: string;
  reviewedAt: string;
}

export type IndexedRecord = StatementRecord | PublishedRecord;

/** Fields the editor's search looks in, in the order a hit names the first that matched. */
export const SEARCH_FIELDS = ['text', 'quote', 'source', 'note', 'explanation'] as const;

// Written as rows of values in this order: field names repeated 100,000 times were a third of the file.
const STATEMENT_COLUMNS = [
  'statementId', 'index', 'text', 'verdict', 'reviewBy', 'editors', 'updatedAt',
  'quote', 'source', 'note', 'explanation',
] as const;
const PUBLISHED_COLUMNS = ['checkId', 'text', 'claimant', 'publisher', 'rating', 'url', 'reviewedAt'] as const;

const CLAIM_OPTIONS = {
  fields: ['claim'],
  storeFields: [],
  extractField: (doc: { id: number; claim: string }, field: string) => (field === 'id' ? doc.id : doc.claim),
  tokenize: (text: string) => claimTerms(text),
  // claimTerms returns terms as they are compared.
  processTerm: (term: string) => term,
};

/** A part is renumbered on saving once this share of its record numbers are gaps. */
const GAPS_TO_REBUILD = 0.3;
/**
 * Record numbers stay below this (a part is renumbered when it gets there), so a search can
 * make one sort key of an article's place and a record's number.
 */
export const RECORD_NUMBERS = 2 ** 22;

interface ArticleEntry {
  title: string;
  updatedAt: string;
  /** Its statements' record numbers. */
  records: number[];
  /** Its position in `slots`. */
  slot: number;
}

/** What a part file holds (JSON). */
export interface PartFile {
  articles: [id: string, title: string, updatedAt: string][];
  /**
   * Every record number in order: 0 for a gap, else the record's values: a statement's
   * after the position of its article in `articles`, a published check's after "published".
   */
  records: (0 | unknown[])[];
  /** Each word, in order, and its record numbers, written as the differences between them. */
  words: [string, number[]][];
  claims: unknown;
  /** For each claim term, how many of the part's records have it. */
  df: Record<string, number>;
}

export class IndexPart {
  records: (IndexedRecord | null)[] = [];
  words = new Map<string, number[]>();
  /** `words`' keys in order, for words being typed; rebuilt when a new word arrives. */
  private sorted: string[] | null = [];
  /** For each claim term, how many of the part's records have it (summed into the library's weights). */
  readonly df = new Map<string, number>();
  claims = new MiniSearch<{ id: number; claim: string }>(CLAIM_OPTIONS);
  articles = new Map<string, ArticleEntry>();
  /** Article ids in the order their entries were made (an article indexed again takes a new slot). */
  slots: string[] = [];
  /** For each record number, its article's slot; -1 for a gap or a published check. */
  slotOf: number[] = [];
  private places: { version: number; of: number[] } = { version: -1, of: [] };
  /** Changed since it was last written. */
  dirty = false;
  private gaps = 0;

  get liveCount(): number {
    return this.records.length - this.gaps;
  }

  /** Adds a record; returns its claim terms, each once (the caller keeps the library's word weights). */
  add(record: IndexedRecord): Set<string> {
    // A long session re-indexing a very long article again and again, with no save between.
    if (this.records.length >= RECORD_NUMBERS) this.renumber();
    const n = this.records.length;
    this.records.push(record);
    this.slotOf.push(record.kind === 'statement' ? (this.articles.get(record.articleId)?.slot ?? -1) : -1);
    this.dirty = true;
    if (record.kind === 'statement') {
      for (const word of wordsOf(record)) {
        const list = this.words.get(word);
        if (list) list.push(n);
        else {
          this.words.set(word, [n]);
          this.sorted = null;
        }
      }
      const entry = this.articles.get(record.articleId);
      if (entry) entry.records.push(n);
    }
    if (isEarlierCheck(record)) this.claims.add({ id: n, claim: record.text });
    const terms = new Set(claimTerms(record.text));
    count(this.df, terms, 1);
    return terms;
  }

  /** The record numbers of every word that starts with `prefix`, one list per word. */
  startingWith(prefix: string): number[][] {
    this.sorted ??= [...this.words.keys()].sort();
    const lists: number[][] = [];
    for (let i = firstAtOrAfter(this.sorted, prefix); i < this.sorted.length && this.sorted[i]!.startsWith(prefix); i++) {
      lists.push(this.words.get(this.sorted[i]!)!);
    }
    return lists;
  }

  /** Starts an article's entry; its statements follow with `add`. */
  startArticle(id: string, title: string, updatedAt: string): void {
    this.articles.set(id, { title, updatedAt, records: [], slot: this.slots.length });
    this.slots.push(id);
  }

  /**
   * Each slot's article's place in the library's list (`at`, numbered `version`), or -1 for
   * an article no longer there; worked out again only when the list or the slots changed.
   */
  placesOfSlots(at: Map<string, number>, version: number): number[] {
    if (this.places.version !== version || this.places.of.length !== this.slots.length) {
      this.places = { version, of: this.slots.map((id) => at.get(id) ?? -1) };
    }
    return this.places.of;
  }

  /** Removes an article's statements; returns the claim terms of each (each once). */
  removeArticle(id: string): Set<string>[] {
    const entry = this.articles.get(id);
    if (!entry) return [];
    this.articles.delete(id);
    return entry.records.map((n) => this.removeRecord(n));
  }

  /** Removes every published check; returns the claim terms of each (each once). */
  removePublished(): Set<string>[] {
    const removed: Set<string>[] = [];
    this.records.forEach((r, n) => {
      if (r?.kind === 'published') removed.push(this.removeRecord(n));
    });
    return removed;
  }

  private removeRecord(n: number): Set<string> {
    const record = this.records[n];
    if (!record) return new Set();
    this.records[n] = null;
    this.slotOf[n] = -1;
    this.gaps++;
    this.dirty = true;
    // The words' lists keep the number: a search skips gaps. They go when the part is renumbered.
    if (this.claims.has(n)) this.claims.discard(n);
    const terms = new Set(claimTerms(record.text));
    count(this.df, terms, -1);
    return terms;
  }

  /** The part as written to its file; a part with many gaps is renumbered first. */
  toFile(): PartFile {
    if (this.gaps > GAPS_TO_REBUILD * this.records.length) this.renumber();
    const articles = [...this.articles];
    const at = new Map(articles.map(([id], i) => [id, i]));
    this.sorted ??= [...this.words.keys()].sort();
    const words = this.sorted.map((word): [string, number[]] => [word, differences(this.words.get(word)!)]);
    return {
      articles: articles.map(([id, a]) => [id, a.title, a.updatedAt]),
      records: this.records.map((r) => {
        if (!r) return 0;
        if (r.kind === 'published') return ['published', ...PUBLISHED_COLUMNS.map((c) => r[c])];
        return [at.get(r.articleId)!, ...STATEMENT_COLUMNS.map((c) => r[c])];
      }),
      words,
      claims: this.claims.toJSON(),
      df: Object.fromEntries(this.df),
    };
  }

  static fromFile(file: PartFile): IndexPart {
    const part = new IndexPart();
    for (const [id, title, updatedAt] of file.articles) part.startArticle(id, title, updatedAt);
    file.records.forEach((row, n) => {
      if (row === 0) {
        part.records.push(null);
        part.slotOf.push(-1);
        part.gaps++;
        return;
      }
      const [first, ...values] = row;
      if (first === 'published') {
        part.records.push(publishedFromRow(values));
        part.slotOf.push(-1);
        return;
      }
      const articleId = part.slots[first as number];
      if (articleId === undefined) throw new Error(`record ${n} names no article`);
      const entry = part.articles.get(articleId)!;
      part.records.push(statementFromRow(values, articleId, entry.title));
      part.slotOf.push(entry.slot);
      entry.records.push(n);
    });
    let previous = '';
    for (const [word, diffs] of file.words) {
      part.words.set(word, numbersFrom(diffs));
      if (word < previous) part.sorted = null;
      previous = word;
    }
    if (part.sorted) part.sorted = file.words.map(([word]) => word);
    for (const [term, n] of Object.entries(file.df)) part.df.set(term, n);
    part.claims = MiniSearch.loadJS(file.claims as Parameters<typeof MiniSearch.loadJS>[0], CLAIM_OPTIONS);
    return part;
  }

  /** Adds the live records again from number 0, dropping the gaps from both indexes. */
  private renumber(): void {
    const fresh = new IndexPart();
    for (const [id, a] of this.articles) {
      fresh.startArticle(id, a.title, a.updatedAt);
      for (const n of a.records) fresh.add(this.records[n]!);
    }
    for (const r of this.records) if (r?.kind === 'published') fresh.add(r);
    // Taken over whole (not copied element by element: a part may hold millions of numbers).
    this.records = fresh.records;
    this.slotOf = fresh.slotOf;
    this.slots = fresh.slots;
    this.articles = fresh.articles;
    this.words = fresh.words;
    this.sorted = fresh.sorted;
    this.claims = fresh.claims;
    this.places = { version: -1, of: [] };
    this.gaps = 0;
  }

}

/** The words library search reads in a statement, each once. */
export function wordsOf(r: StatementRecord): Set<string> {
  const words = new Set<string>();
  for (const f of SEARCH_FIELDS) if (r[f]) for (const w of searchTerms(r[f])) words.add(w);
  return words;
}

/** An earlier check can be a statement given a verdict, or another publisher's check. */
export function isEarlierCheck(r: IndexedRecord): boolean {
  return r.kind === 'published' || r.verdict !== 'unchecked';
}

export function count(counts: Map<string, number>, terms: Iterable<string>, by: number): void {
  for (const term of terms) {
    const n = (counts.get(term) ?? 0) + by;
    if (n > 0) counts.set(term, n);
    else counts.delete(term);
  }
}

// Read back by position: building each record from (column, value) pairs took half a second at 100,000.
function statementFromRow(values: unknown[], articleId: string, articleTitle: string): StatementRecord {
  if (values.length !== STATEMENT_COLUMNS.length) throw new Error('a statement record of the wrong shape');
  const [statementId, index, text, verdict, reviewBy, editors, updatedAt, quote, source, note, explanation] =
    values as [string, number, string, Verdict, string, string, string, string, string, string, string];
  return { kind: 'statement', articleId, articleTitle, statementId, index, text, verdict, reviewBy, editors, updatedAt, quote, source, note, explanation };
}

function publishedFromRow(values: unknown[]): PublishedRecord {
  if (values.length !== PUBLISHED_COLUMNS.length) throw new Error('a published record of the wrong shape');
  const [checkId, text, claimant, publisher, rating, url, reviewedAt] = values as string[];
  return { kind: 'published', checkId: checkId!, text: text!, claimant: claimant!, publisher: publisher!, rating: rating!, url: url!, reviewedAt: reviewedAt! };
}

/** The first position in an ordered list whose word is not before `prefix`. */
function firstAtOrAfter(sorted: string[], prefix: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function differences(list: number[]): number[] {
  return list.map((n, i) => (i ? n - list[i - 1]! : n));
}

function numbersFrom(diffs: number[]): number[] {
  let n = 0;
  return diffs.map((d) => (n += d));
}
