/**
 * The library's search index (issue 16): one MiniSearch index over every statement's text,
 * quotes, sources, note and explanation, and over the fact-checks imported from other
 * publishers. Library search and earlier checks both answer from it, so neither reads the
 * article files on a query.
 *
 * Kept in step with the store through its change hook (each change is indexed once it is on
 * disk) and stored beside the library as search-index.json, written when the store closes.
 * The file records each article's `updatedAt`: on opening, articles changed since (a session
 * that ended without closing, a file restored from backup) are read again and only those; a
 * missing or damaged file is rebuilt from the articles. It is a cache: deleting it loses nothing.
 *
 * Why MiniSearch (see docs/search-index.md for the figures): BM25 ranking built in, per-field
 * tokenizers (so one index serves both readings of services/library-index/terms.ts), documents
 * removed and added in place, one JSON file to store, no dependencies.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import MiniSearch, { type SearchResult } from 'minisearch';
import type { SearchField, SearchHit, SearchQuery } from '../../api/contract';
import type { Article, PublishedCheck, Statement } from '../../domain/schema';
import type { Store, StoreChange } from '../../store/store';
import type { Verdict } from '../../domain/verdicts';
import { claimTerms, fold, isNumberTerm, searchTerms } from './terms';

export const INDEX_FILE = 'search-index.json';
const FORMAT = 'factdesk-search-index';
/** Bumped when what is indexed or how it is read changes: an older file is rebuilt. */
const FORMAT_VERSION = 2;
export const MAX_HITS = 200;

/**
 * How similar (0 to 1) an earlier claim must be to be shown: the share of the two claims'
 * weighted words they have in common, numbers aside. Chosen on bench/corpus/similar.json
 * (`npm run bench:similar`): at 0.3 an unrelated claim from the same beat matches, at 0.5
 * restatements with a changed number and new words start to be missed.
 */
export const SIMILAR_THRESHOLD = 0.4;

/** How many of BM25's best candidates the overlap score reads, and how many words ask for them. */
const CANDIDATES = 30;
const QUERY_TERMS = 10;
/** A word in more than this share of the library finds too many candidates to be worth asking. */
const COMMON_SHARE = 0.02;

interface StatementRecord {
  id: string;
  kind: 'statement';
  articleId: string;
  articleTitle: string;
  statementId: string;
  /** From 1. */
  index: number;
  text: string;
  verdict: Verdict;
  checkedBy: string;
  checkedAt: string | null;
  reviewBy: string;
  /** Everyone who changed the statement, one per line, for the editor filter. */
  editors: string;
  updatedAt: string;
  quote: string;
  source: string;
  note: string;
  explanation: string;
}

interface PublishedRecord {
  id: string;
  kind: 'published';
  checkId: string;
  text: string;
  claimant: string;
  publisher: string;
  rating: string;
  url: string;
  reviewedAt: string;
}

type IndexedRecord = StatementRecord | PublishedRecord;

/** Fields the editor's search looks in, in the order a hit names the first that matched. */
const SEARCH_FIELDS = ['text', 'quote', 'source', 'note', 'explanation'] as const;
const FIELD_NAMES: Record<(typeof SEARCH_FIELDS)[number], SearchField> = {
  text: 'statement',
  quote: 'quote',
  source: 'source',
  note: 'note',
  explanation: 'explanation',
};

const STORED: (keyof StatementRecord | keyof PublishedRecord)[] = [
  'kind', 'articleId', 'articleTitle', 'statementId', 'index', 'text', 'verdict', 'checkedBy', 'checkedAt',
  'reviewBy', 'editors', 'updatedAt', 'quote', 'source', 'note', 'explanation',
  'checkId', 'claimant', 'publisher', 'rating', 'url', 'reviewedAt',
];

const OPTIONS = {
  fields: ['claim', ...SEARCH_FIELDS],
  storeFields: STORED,
  // The claim field is the statement's text read as a claim (stemmed, numbers as values).
  extractField: (record: IndexedRecord, field: string) =>
    field === 'claim' ? record.text : ((record as unknown as Record<string, unknown>)[field] ?? ''),
  tokenize: (text: string, field?: string) => (field === 'claim' ? claimTerms(text) : searchTerms(text)),
  // The tokenizers return terms as they are compared.
  processTerm: (term: string) => term,
};

export interface SimilarMatch {
  record: IndexedRecord;
  /** 0 to 1; see SIMILAR_THRESHOLD. */
  score: number;
}
export type { IndexedRecord, PublishedRecord, StatementRecord };

/** What opening found, for the tests and the benchmark. */
export interface IndexOpening {
  from: 'file' | 'rebuilt';
  /** Why the file was not used, when it was rebuilt. */
  reason: string;
  /** Articles read again because they changed after the file was written. */
  reread: number;
  ms: number;
}

interface ArticleEntry {
  updatedAt: string;
  statements: string[];
}

interface Header {
  format: string;
  version: number;
  articles: Record<string, ArticleEntry>;
  published: string[];
  /** For each claim term, how many records have it (the matcher's word weights). */
  df: Record<string, number>;
  /** For each word library search reads, how many statements have it. */
  sdf: Record<string, number>;
}

export class LibraryIndex {
  private mini = new MiniSearch<IndexedRecord>(OPTIONS);
  private articles = new Map<string, ArticleEntry>();
  private published = new Set<string>();
  private df = new Map<string, number>();
  private sdf = new Map<string, number>();
  private opening: Promise<IndexOpening> | null = null;
  private loaded = false;
  /** Changes told while the index was opening, applied once it is. */
  private readonly pending = new Set<string>();
  private publishedPending = false;
  private dirty = false;
  private saving: Promise<void> = Promise.resolve();
  private readonly file: string;

  constructor(private readonly store: Store) {
    this.file = path.join(store.dir, INDEX_FILE);
    store.onChange((change) => this.changed(change));
    store.beforeClose(() => this.save());
  }

  /** Loads the stored index (or builds it) and catches up with the articles; once. */
  open(): Promise<IndexOpening> {
    this.opening ??= this.load();
    return this.opening;
  }

  /** Library search: every word of the query (the last as a prefix), best first, then the filters. */
  async search(query: SearchQuery): Promise<SearchHit[]> {
    await this.open();
    const pass = (r: IndexedRecord) => r.kind === 'statement' && passesFilters(r, query);
    const words = searchTerms(query.text);
    let results: SearchResult[];
    if (!words.length) {
      const order = new Map(this.store.list().map((a, i) => [a.id, i]));
      results = this.mini
        .search(MiniSearch.wildcard, { filter: (r) => pass(r as unknown as IndexedRecord) })
        .sort((a, b) => (order.get(a.articleId) ?? 0) - (order.get(b.articleId) ?? 0) || a.index - b.index);
    } else {
      // Every word must be there. The index is asked for the rarest one only, and each of its
      // statements is checked for the others: the cost follows the rarest word's statements,
      // not the most common one's ("the", "council"), however large the library.
      // The last word may be the start of a longer one ("episod", "Netfl"): the editor may
      // still be typing it. One or two letters would match half the library.
      const last = words.length - 1;
      const typing = words[last]!.length >= 3;
      const complete = typing ? words.slice(0, last) : words;
      const anchor = complete.length
        ? complete.reduce((a, b) => ((this.sdf.get(b) ?? 0) < (this.sdf.get(a) ?? 0) ? b : a))
        : words[last]!;
      const others = complete.filter((w) => w !== anchor);
      const partial = typing && anchor !== words[last] ? words[last]! : null;
      results = this.mini.search(anchor, {
        fields: [...SEARCH_FIELDS],
        tokenize: (t) => [t],
        processTerm: (t) => t,
        prefix: typing && anchor === words[last],
        filter: (r) => {
          const record = r as unknown as StatementRecord;
          if (!pass(record)) return false;
          if (!others.length && !partial) return true;
          // Most statements of a common anchor lack another word: a substring test rejects them
          // before the words are read out one by one.
          const folded = fold(SEARCH_FIELDS.map((f) => record[f]).join('\n'));
          if (!others.every((w) => folded.includes(w)) || (partial && !folded.includes(partial))) return false;
          const has = new Set(wordsOf(record));
          return others.every((w) => has.has(w)) && (!partial || [...has].some((w) => w.startsWith(partial)));
        },
      });
    }
    return results.slice(0, MAX_HITS).map((r) => toHit(r as unknown as StatementRecord & SearchResult, query.text));
  }

  /**
   * Earlier checks of the claim in `text`: checked statements of other articles and other
   * publishers' checks, best first, only those at or above the threshold.
   */
  async similar(text: string, exceptArticleId: string, limit: number, threshold = SIMILAR_THRESHOLD): Promise<SimilarMatch[]> {
    await this.open();
    const terms = claimTerms(text);
    if (!terms.length) return [];
    const candidates = this.mini.search(this.rarest(terms).join(' '), {
      fields: ['claim'],
      tokenize: (t) => t.split(' '),
      processTerm: (t) => t,
      combineWith: 'OR',
      filter: (r) => isEarlierCheck(r as unknown as IndexedRecord, exceptArticleId),
    });
    const query = new Set(terms.filter((t) => !isNumberTerm(t)));
    const matches: SimilarMatch[] = [];
    // BM25 finds the candidates; the overlap score decides which are the same claim.
    for (const candidate of candidates.slice(0, CANDIDATES)) {
      const record = candidate as unknown as IndexedRecord;
      const score = this.overlap(query, new Set(claimTerms(record.text).filter((t) => !isNumberTerm(t))));
      if (score >= threshold) matches.push({ record: stored(record), score: round(score) });
    }
    return matches.sort((a, b) => b.score - a.score).slice(0, limit);
  }

  /** Plain BM25 with no threshold: the baseline `npm run bench:similar` compares against. */
  async bm25(text: string, exceptArticleId: string, limit: number): Promise<SimilarMatch[]> {
    await this.open();
    return this.mini
      .search(claimTerms(text).join(' '), {
        fields: ['claim'],
        tokenize: (t) => t.split(' '),
        processTerm: (t) => t,
        combineWith: 'OR',
        filter: (r) => isEarlierCheck(r as unknown as IndexedRecord, exceptArticleId),
      })
      .slice(0, limit)
      .map((r) => ({ record: stored(r as unknown as IndexedRecord), score: r.score }));
  }

  /** Writes the index beside the library (when it changed and the store may be written). */
  save(): Promise<void> {
    this.saving = this.saving.then(async () => {
      if (!this.loaded || !this.dirty || this.store.readOnly) return;
      this.dirty = false;
      const header: Header = {
        format: FORMAT,
        version: FORMAT_VERSION,
        articles: Object.fromEntries(this.articles),
        published: [...this.published],
        df: Object.fromEntries(this.df),
        sdf: Object.fromEntries(this.sdf),
      };
      // A header line, then MiniSearch's own JSON: loadJSON reads the second part as it is.
      const tmp = `${this.file}.${process.pid}.tmp`;
      try {
        await fs.writeFile(tmp, `${JSON.stringify(header)}\n${JSON.stringify(this.mini)}`);
        await fs.rename(tmp, this.file);
      } catch (err) {
        this.dirty = true;
        await fs.rm(tmp, { force: true }).catch(() => undefined);
        throw err;
      }
    });
    return this.saving;
  }

  get size(): number {
    return this.mini.documentCount;
  }

  // ---- Keeping up ----

  private changed(change: StoreChange): void {
    if (!this.loaded) {
      if (change.kind === 'published') this.publishedPending = true;
      else this.pending.add(change.articleId);
      return;
    }
    this.dirty = true;
    if (change.kind === 'article') this.indexArticle(change.article);
    else if (change.kind === 'removed') this.removeArticle(change.articleId);
    else if (change.kind === 'published') this.indexPublished(this.store.publishedChecks());
    else {
      // A restored article is read back from its file.
      this.pending.add(change.articleId);
      void this.catchUp().catch(() => undefined);
    }
  }

  private async load(): Promise<IndexOpening> {
    const started = performance.now();
    const problem = await this.readFile();
    const reread = await this.catchUp(true);
    this.loaded = true;
    // Changes told while reading are applied now, from the store (they are on disk).
    if (this.pending.size || this.publishedPending) await this.catchUp();
    if (problem !== null || reread) {
      this.dirty = true;
      // So that the next opening reads the file instead of doing this again.
      void this.save().catch(() => undefined);
    }
    return { from: problem === null ? 'file' : 'rebuilt', reason: problem ?? '', reread, ms: performance.now() - started };
  }

  /** Reads search-index.json; returns why it could not be used, or null when it was. */
  private async readFile(): Promise<string | null> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch {
      return 'missing';
    }
    try {
      const newline = text.indexOf('\n');
      const header = JSON.parse(text.slice(0, newline)) as Header;
      if (header.format !== FORMAT || header.version !== FORMAT_VERSION) return 'written by another version';
      const mini = MiniSearch.loadJSON<IndexedRecord>(text.slice(newline + 1), OPTIONS);
      this.mini = mini;
      this.articles = new Map(Object.entries(header.articles));
      this.published = new Set(header.published);
      this.df = new Map(Object.entries(header.df));
      this.sdf = new Map(Object.entries(header.sdf));
      return null;
    } catch (err) {
      this.mini = new MiniSearch<IndexedRecord>(OPTIONS);
      this.articles = new Map();
      this.published = new Set();
      this.df = new Map();
      this.sdf = new Map();
      return `damaged (${(err as Error).message.slice(0, 120)})`;
    }
  }

  /**
   * Indexes again the articles whose file changed since they were indexed (all of them after a
   * rebuild) and those told while opening; drops articles no longer in the library.
   */
  private async catchUp(all = false): Promise<number> {
    const listed = new Map(this.store.list().map((a) => [a.id, a.updatedAt]));
    for (const id of [...this.articles.keys()]) if (!listed.has(id)) this.removeArticle(id);
    const stale = new Set(this.pending);
    this.pending.clear();
    if (all) for (const [id, updatedAt] of listed) if (this.articles.get(id)?.updatedAt !== updatedAt) stale.add(id);
    let reread = 0;
    for await (const article of this.store.eachArticle((a) => stale.has(a.id))) {
      this.indexArticle(article);
      reread++;
    }
    const checks = this.store.publishedChecks();
    if (this.publishedPending || checks.length !== this.published.size || checks.some((c) => !this.published.has(c.id))) {
      this.publishedPending = false;
      this.indexPublished(checks);
    }
    return reread;
  }

  private indexArticle(article: Article): void {
    this.removeArticle(article.id);
    const ids: string[] = [];
    article.statements.forEach((s, i) => {
      const record = statementRecord(article, s, i);
      this.add(record);
      ids.push(s.id);
    });
    this.articles.set(article.id, { updatedAt: article.updatedAt, statements: ids });
  }

  private removeArticle(articleId: string): void {
    const entry = this.articles.get(articleId);
    if (!entry) return;
    for (const statementId of entry.statements) this.remove(`${articleId}/${statementId}`);
    this.articles.delete(articleId);
  }

  private indexPublished(checks: PublishedCheck[]): void {
    for (const id of this.published) this.remove(`published/${id}`);
    this.published = new Set(checks.map((c) => c.id));
    for (const c of checks) {
      this.add({
        id: `published/${c.id}`,
        kind: 'published',
        checkId: c.id,
        text: c.claim,
        claimant: c.claimant,
        publisher: c.publisher,
        rating: c.rating,
        url: c.url,
        reviewedAt: c.reviewedAt,
      });
    }
  }

  private add(record: IndexedRecord): void {
    this.mini.add(record);
    count(this.df, claimTerms(record.text), 1);
    if (record.kind === 'statement') count(this.sdf, wordsOf(record), 1);
  }

  private remove(id: string): void {
    if (!this.mini.has(id)) return;
    const record = this.mini.getStoredFields(id) as unknown as IndexedRecord | undefined;
    if (record) {
      count(this.df, claimTerms(record.text), -1);
      if (record.kind === 'statement') count(this.sdf, wordsOf(record), -1);
    }
    this.mini.discard(id);
  }

  /**
   * The claim's words that say most about it, for finding candidates: a word in a tenth of the
   * library ("council", "percent") scores every one of them and finds nothing the rarer words
   * would not. Numbers stay (an unchanged number is a strong sign).
   */
  private rarest(terms: string[]): string[] {
    const df = (t: string) => this.df.get(t) ?? 0;
    const sorted = [...new Set(terms)].sort((a, b) => df(a) - df(b));
    const common = Math.max(50, this.mini.documentCount * COMMON_SHARE);
    const telling = sorted.filter((t) => df(t) <= common);
    return (telling.length ? telling : sorted.slice(0, 3)).slice(0, QUERY_TERMS);
  }

  /** How much of the two claims' weight (BM25's idf) is in words they share: 0 to 1. */
  private overlap(a: Set<string>, b: Set<string>): number {
    const total = Math.max(1, this.mini.documentCount);
    const idf = (term: string) => {
      const n = this.df.get(term) ?? 0;
      return Math.log(1 + (total - n + 0.5) / (n + 0.5));
    };
    let shared = 0;
    let sumA = 0;
    let sumB = 0;
    for (const t of a) {
      const w = idf(t);
      sumA += w;
      if (b.has(t)) shared += w;
    }
    for (const t of b) sumB += idf(t);
    return sumA + sumB === 0 ? 0 : (2 * shared) / (sumA + sumB);
  }
}

function statementRecord(article: Article, s: Statement, i: number): StatementRecord {
  return {
    id: `${article.id}/${s.id}`,
    kind: 'statement',
    articleId: article.id,
    articleTitle: article.title,
    statementId: s.id,
    index: i + 1,
    text: s.text,
    verdict: s.verdict,
    checkedBy: s.checkedBy,
    checkedAt: s.checkedAt,
    reviewBy: s.review?.by ?? '',
    editors: [...new Set([s.checkedBy, s.review?.by ?? '', ...s.history.map((h) => h.by)].filter(Boolean))].join('\n'),
    updatedAt: s.updatedAt ?? '',
    quote: s.sources.map((src) => src.quote).filter(Boolean).join('\n'),
    source: s.sources
      .map((src) => [src.title, src.publisher, src.author, src.url, src.file].filter(Boolean).join(' · '))
      .filter(Boolean)
      .join('\n'),
    note: s.note,
    explanation: s.explanation,
  };
}

/** The words library search reads in a statement, each once. */
function wordsOf(r: IndexedRecord): Set<string> {
  if (r.kind !== 'statement') return new Set();
  return new Set(SEARCH_FIELDS.flatMap((f) => searchTerms(r[f])));
}

function count(counts: Map<string, number>, terms: Iterable<string>, by: 1 | -1): void {
  for (const term of new Set(terms)) {
    const n = (counts.get(term) ?? 0) + by;
    if (n > 0) counts.set(term, n);
    else counts.delete(term);
  }
}

function isEarlierCheck(r: IndexedRecord, exceptArticleId: string): boolean {
  return r.kind === 'published' || (r.verdict !== 'unchecked' && r.articleId !== exceptArticleId);
}

/** A search result's stored fields, without MiniSearch's scoring details. */
function stored(r: IndexedRecord): IndexedRecord {
  const { score: _s, terms: _t, queryTerms: _q, match: _m, ...record } = r as IndexedRecord & Partial<SearchResult>;
  return record as IndexedRecord;
}

function passesFilters(r: StatementRecord, q: SearchQuery): boolean {
  if (q.verdict && r.verdict !== q.verdict) return false;
  if (q.review === 'signed-off' && !r.reviewBy) return false;
  if (q.review === 'awaiting' && (r.reviewBy || r.verdict === 'unchecked' || r.verdict === 'opinion')) return false;
  if (q.editor) {
    const who = fold(q.editor.trim());
    if (!r.editors.split('\n').some((name) => fold(name).includes(who))) return false;
  }
  const day = r.updatedAt.slice(0, 10);
  if (q.from && (!day || day < q.from)) return false;
  if (q.to && (!day || day > q.to)) return false;
  return true;
}

function toHit(r: StatementRecord & SearchResult, typed: string): SearchHit {
  const needle = fold(typed.trim());
  // The field that holds the whole query as typed, else the first that matched a word of it.
  const matched = new Set(Object.values(r.match ?? {}).flat());
  const field =
    SEARCH_FIELDS.find((f) => needle && fold(r[f]).includes(needle)) ?? SEARCH_FIELDS.find((f) => matched.has(f)) ?? 'text';
  const text = r[field];
  const at = needle && fold(text).includes(needle) ? fold(text).indexOf(needle) : firstTermAt(text, r.terms ?? []);
  return {
    articleId: r.articleId,
    articleTitle: r.articleTitle,
    statementId: r.statementId,
    index: r.index,
    text: r.text,
    verdict: r.verdict,
    field: FIELD_NAMES[field],
    snippet: snippet(text, at, needle.length),
  };
}

function firstTermAt(text: string, terms: string[]): number {
  const folded = fold(text);
  const found = terms.map((t) => folded.indexOf(t)).filter((i) => i >= 0);
  return found.length ? Math.min(...found) : 0;
}

function snippet(text: string, at: number, length: number): string {
  const start = Math.max(0, at - 60);
  const end = Math.min(text.length, at + length + 60);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
