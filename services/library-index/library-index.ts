/**
 * The library's search index (issue 16): statements' text, quotes, sources, notes and
 * explanations, and the fact-checks imported from other publishers. Library search and earlier
 * checks both answer from it, so neither reads the article files on a query.
 *
 * Kept in step with the store through its change hook (each change is indexed once it is on
 * disk) and stored beside the library in search-index/, in parts (services/library-index/part.ts):
 * the articles are shared among PARTS parts by their id, the published checks are one more,
 * and a save writes only the parts that changed. Each part records its articles' `updatedAt`:
 * on opening, articles changed since (a session that ended without closing, a file restored
 * from backup) are read again and only those; a missing or damaged part is rebuilt from its
 * articles. It is a cache: deleting it loses nothing.
 *
 * Opening reads one part at a time and lets the process answer between them. Where waiting
 * would hold up the editor (the app's library search), `waitWhileOpening: false` makes a
 * search during opening answer at once that the index is loading, and how far it has got.
 *
 * Why MiniSearch for earlier checks (see docs/search-index.md for the figures): BM25 ranking
 * built in, tokenizers of our own (the claim reading of services/library-index/terms.ts),
 * documents removed and added in place, a plain object to store, no dependencies. Library
 * search reads each part's own word lists instead (part.ts says why).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { SearchField, SearchHit, SearchQuery } from '../../api/contract';
import type { Article, PublishedCheck, Statement } from '../../domain/schema';
import type { Store, StoreChange } from '../../store/store';
import { writeTextAtomically } from '../../store/durable-file';
import { UserError } from '../../store/errors';
import { claimTerms, fold, isNumberTerm, searchTerms } from './terms';
import {
  count,
  IndexPart,
  RECORD_NUMBERS,
  SEARCH_FIELDS,
  type IndexedRecord,
  type PartFile,
  type PublishedRecord,
  type StatementRecord,
} from './part';

/** The folder beside the library that holds the index. */
export const INDEX_DIR = 'search-index';
/** The single file of earlier versions, removed when found. */
const OLD_INDEX_FILE = 'search-index.json';
const FORMAT = 'factdesk-search-index';
/** Bumped when what is indexed or how it is read changes: older parts are rebuilt. */
const FORMAT_VERSION = 4;
/** Articles are shared among this many parts: at 5,000 articles a part holds about 150. */
const PARTS = 32;
export const MAX_HITS = 200;
/** A hit's sort key is its article's place times this plus its record number, below 2^53. */
const RECORDS_PER_PLACE = RECORD_NUMBERS;

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

const FIELD_NAMES: Record<(typeof SEARCH_FIELDS)[number], SearchField> = {
  text: 'statement',
  quote: 'quote',
  source: 'source',
  note: 'note',
  explanation: 'explanation',
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
  /** Why (some of) the stored index was not used, when it was rebuilt. */
  reason: string;
  /** Articles read again because they changed after their part was written (or it was not usable). */
  reread: number;
  ms: number;
}

interface Manifest {
  format: string;
  version: number;
  parts: number;
}

export interface LibraryIndexOptions {
  /**
   * Whether a library search while the index opens waits for it (the command line, tests) or
   * is answered at once with a "loading" error (the app, which starts opening at launch).
   */
  waitWhileOpening?: boolean;
}

export class LibraryIndex {
  private parts: IndexPart[] = freshParts();
  private publishedPart = new IndexPart();
  /** For each claim term, how many records have it (the matcher's word weights). */
  private df = new Map<string, number>();
  private opening: Promise<IndexOpening> | null = null;
  private loaded = false;
  /** Opening failed: searches then give its error, not "loading". */
  private failed = false;
  /** How far opening has got, for the "loading" answer. */
  private progress = 'starting';
  /** Changes told while the index was opening, applied once it is. */
  private readonly pending = new Set<string>();
  private publishedPending = false;
  /** Changes that must reach the file even if no part changed (a rebuilt index, a new format). */
  private manifestDirty = false;
  private saving: Promise<void> = Promise.resolve();
  private readonly dir: string;
  private order: { at: Map<string, number>; version: number } | null = null;
  private orderVersion = 0;

  constructor(
    private readonly store: Store,
    private readonly options: LibraryIndexOptions = {},
  ) {
    this.dir = path.join(store.dir, INDEX_DIR);
    store.onChange((change) => this.changed(change));
    store.beforeClose(() => this.save());
  }

  /** Loads the stored index (or builds it) and catches up with the articles; once. */
  open(): Promise<IndexOpening> {
    this.opening ??= this.load().catch((err: unknown) => {
      this.failed = true;
      throw err;
    });
    return this.opening;
  }

  /** Whether opening has finished: searches are answered from the whole library. */
  get ready(): boolean {
    return this.loaded;
  }

  /**
   * Library search: every word of the query (the last may be the start of a word still being
   * typed), in the library's order (as the article list, then statement by statement), at most
   * MAX_HITS, then the filters.
   */
  async search(query: SearchQuery): Promise<SearchHit[]> {
    if (!this.loaded && !this.failed && this.options.waitWhileOpening === false) {
      void this.open();
      throw new UserError('loading', `The search index is still loading (${this.progress}); the search runs as soon as it is ready.`);
    }
    await this.open();
    const words = searchTerms(query.text);
    // The last word may be the start of a longer one ("episod", "Netfl"): the editor may still
    // be typing it. One or two letters would match half the library: then it must be whole.
    const last = words.length - 1;
    const typing = last >= 0 && words[last]!.length >= 3;
    const complete = typing ? words.slice(0, last) : words;
    const partial = typing ? words[last]! : null;
    const { at, version } = this.articleOrder();
    const filtered = hasFilters(query);
    // Hits in the library's order: each article's place in its list, then its statements in
    // order (an article's records are numbered in statement order). The key is both, as one
    // number, so each part's hits sort natively and only the best of each part are compared.
    const best: { key: number; part: IndexPart; n: number }[] = [];
    for (const part of this.parts) {
      const places = part.placesOfSlots(at, version);
      const numbers = words.length ? matching(part, complete, partial) : allNumbers(part);
      const keys = new Float64Array(numbers.length);
      let k = 0;
      for (const n of numbers) {
        const slot = part.slotOf[n]!;
        const place = slot < 0 ? -1 : places[slot]!;
        if (place < 0 || (filtered && !passesFilters(part.records[n] as StatementRecord, query))) continue;
        keys[k++] = place * RECORDS_PER_PLACE + n;
      }
      for (const key of keys.subarray(0, k).sort().subarray(0, MAX_HITS)) best.push({ key, part, n: key % RECORDS_PER_PLACE });
    }
    return best
      .sort((a, b) => a.key - b.key)
      .slice(0, MAX_HITS)
      .map(({ part, n }) => toHit(part.records[n] as StatementRecord, query.text, complete, partial));
  }

  /**
   * Earlier checks of the claim in `text`: checked statements of other articles and other
   * publishers' checks, best first, only those at or above the threshold.
   */
  async similar(text: string, exceptArticleId: string, limit: number, threshold = SIMILAR_THRESHOLD): Promise<SimilarMatch[]> {
    await this.open();
    const terms = claimTerms(text);
    if (!terms.length) return [];
    const query = new Set(terms.filter((t) => !isNumberTerm(t)));
    const matches: SimilarMatch[] = [];
    // BM25 finds the candidates; the overlap score decides which are the same claim.
    for (const { record } of this.candidates(this.rarest(terms), exceptArticleId, CANDIDATES)) {
      const score = this.overlap(query, new Set(claimTerms(record.text).filter((t) => !isNumberTerm(t))));
      if (score >= threshold) matches.push({ record, score: round(score) });
    }
    return matches.sort((a, b) => b.score - a.score).slice(0, limit);
  }

  /** Plain BM25 with no threshold: the baseline `npm run bench:similar` compares against. */
  async bm25(text: string, exceptArticleId: string, limit: number): Promise<SimilarMatch[]> {
    await this.open();
    return this.candidates(claimTerms(text), exceptArticleId, limit);
  }

  /** Writes the parts that changed beside the library (when the store may be written). */
  save(): Promise<void> {
    this.saving = this.saving.then(async () => {
      if (!this.loaded || this.store.readOnly) return;
      const dirty = [...this.parts.entries(), [PARTS, this.publishedPart] as const].filter(([, part]) => part.dirty);
      if (!dirty.length && !this.manifestDirty) return;
      await fs.mkdir(this.dir, { recursive: true });
      for (const [i, part] of dirty) {
        part.dirty = false;
        try {
          await writeTextAtomically(path.join(this.dir, partFile(i)), JSON.stringify({ format: FORMAT, version: FORMAT_VERSION, ...part.toFile() }));
        } catch (err) {
          part.dirty = true;
          throw err;
        }
        // Let the process answer between parts.
        await nextTurn();
      }
      if (this.manifestDirty) {
        const manifest: Manifest = { format: FORMAT, version: FORMAT_VERSION, parts: PARTS };
        await writeTextAtomically(path.join(this.dir, 'index.json'), JSON.stringify(manifest));
        this.manifestDirty = false;
        await fs.rm(path.join(this.store.dir, OLD_INDEX_FILE), { force: true });
      }
    });
    return this.saving;
  }

  get size(): number {
    return this.parts.reduce((sum, p) => sum + p.liveCount, this.publishedPart.liveCount);
  }

  // ---- Keeping up ----

  private changed(change: StoreChange): void {
    this.order = null;
    if (!this.loaded) {
      if (change.kind === 'published') this.publishedPending = true;
      else this.pending.add(change.articleId);
      return;
    }
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
    const problem = await this.readParts();
    const reread = await this.catchUp(true);
    this.loaded = true;
    // Changes told while reading are applied now, from the store (they are on disk).
    if (this.pending.size || this.publishedPending) await this.catchUp();
    if (problem !== null) this.manifestDirty = true;
    // So that the next opening reads the parts instead of doing this again.
    if (problem !== null || reread) void this.save().catch(() => undefined);
    return { from: problem === null ? 'file' : 'rebuilt', reason: problem ?? '', reread, ms: performance.now() - started };
  }

  /**
   * Reads the parts, one at a time, letting the process answer between them. Returns why the
   * index (or a part of it) could not be used, or null when all of it was. A part that cannot be
   * used stays empty: catching up then reads its articles again.
   */
  private async readParts(): Promise<string | null> {
    let manifest: Manifest;
    try {
      manifest = JSON.parse(await fs.readFile(path.join(this.dir, 'index.json'), 'utf8')) as Manifest;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : `damaged (index.json: ${message(err)})`;
    }
    if (manifest.format !== FORMAT || manifest.version !== FORMAT_VERSION || manifest.parts !== PARTS) return 'written by another version';
    let problem: string | null = null;
    for (let i = 0; i <= PARTS; i++) {
      const file = partFile(i);
      let text: string;
      try {
        text = await fs.readFile(path.join(this.dir, file), 'utf8');
      } catch (err) {
        // A part never written holds no article.
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') problem ??= `damaged (${file}: ${message(err)})`;
        continue;
      }
      this.progress = `${i + 1} of ${PARTS + 1} parts read`;
      try {
        const stored = JSON.parse(text) as PartFile & { format: string; version: number };
        await nextTurn(); // parsing and building a part are each tens of milliseconds at 100,000 statements
        if (stored.format !== FORMAT || stored.version !== FORMAT_VERSION) throw new Error('written by another version');
        const part = IndexPart.fromFile(stored);
        if (i === PARTS) this.publishedPart = part;
        else this.parts[i] = part;
        for (const [term, n] of part.df) count(this.df, [term], n);
      } catch (err) {
        problem ??= `damaged (${file}: ${message(err)})`;
      }
      await nextTurn();
    }
    return problem;
  }

  /**
   * Indexes again the articles whose file changed since they were indexed (all of them after a
   * rebuild) and those told while opening; drops articles no longer in the library.
   */
  private async catchUp(all = false): Promise<number> {
    const listed = new Map(this.store.list().map((a) => [a.id, a.updatedAt]));
    for (const part of this.parts) for (const id of [...part.articles.keys()]) if (!listed.has(id)) this.removeArticle(id);
    const stale = new Set([...this.pending].filter((id) => listed.has(id)));
    this.pending.clear();
    if (all) for (const [id, updatedAt] of listed) if (this.partOf(id).articles.get(id)?.updatedAt !== updatedAt) stale.add(id);
    let reread = 0;
    for await (const article of this.store.eachArticle((a) => stale.has(a.id))) {
      this.indexArticle(article);
      reread++;
      if (!this.loaded) this.progress = `${reread.toLocaleString('en')} of ${stale.size.toLocaleString('en')} articles read again`;
    }
    const checks = this.store.publishedChecks();
    const indexed = new Set(this.publishedPart.records.flatMap((r) => (r?.kind === 'published' ? [r.checkId] : [])));
    if (this.publishedPending || checks.length !== indexed.size || checks.some((c) => !indexed.has(c.id))) {
      this.publishedPending = false;
      this.indexPublished(checks);
    }
    return reread;
  }

  private partOf(articleId: string): IndexPart {
    return this.parts[partNumber(articleId)]!;
  }

  private indexArticle(article: Article): void {
    this.removeArticle(article.id);
    const part = this.partOf(article.id);
    part.startArticle(article.id, article.title, article.updatedAt);
    article.statements.forEach((s, i) => this.add(part, statementRecord(article, s, i)));
  }

  private removeArticle(articleId: string): void {
    for (const terms of this.partOf(articleId).removeArticle(articleId)) count(this.df, terms, -1);
  }

  private indexPublished(checks: PublishedCheck[]): void {
    for (const terms of this.publishedPart.removePublished()) count(this.df, terms, -1);
    for (const c of checks) {
      this.add(this.publishedPart, {
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

  private add(part: IndexPart, record: IndexedRecord): void {
    count(this.df, part.add(record), 1);
  }

  /** Each article's place in the library's list (newest first), the order of search hits. */
  private articleOrder(): { at: Map<string, number>; version: number } {
    this.order ??= { at: new Map(this.store.list().map((a, i) => [a.id, i])), version: ++this.orderVersion };
    return this.order;
  }

  /** BM25's best earlier checks for `terms` in every part, best first. */
  private candidates(terms: string[], exceptArticleId: string, limit: number): SimilarMatch[] {
    const found: SimilarMatch[] = [];
    for (const part of [...this.parts, this.publishedPart]) {
      // Only the terms some record of the part has: most parts of a small library hold none.
      const present = terms.filter((t) => part.df.has(t));
      if (!present.length) continue;
      // Best first: the library's best `limit` are among each part's best `limit`.
      let taken = 0;
      for (const result of part.claims.search(present.join(' '), { tokenize: (t) => t.split(' '), processTerm: (t) => t, combineWith: 'OR' })) {
        const record = part.records[result.id as number];
        if (!record || (record.kind === 'statement' && record.articleId === exceptArticleId)) continue;
        found.push({ record, score: result.score });
        if (++taken === limit) break;
      }
    }
    return found.sort((a, b) => b.score - a.score).slice(0, limit);
  }

  /**
   * The claim's words that say most about it, for finding candidates: a word in a tenth of the
   * library ("council", "percent") scores every one of them and finds nothing the rarer words
   * would not. Numbers stay (an unchanged number is a strong sign).
   */
  private rarest(terms: string[]): string[] {
    const df = (t: string) => this.df.get(t) ?? 0;
    const sorted = [...new Set(terms)].sort((a, b) => df(a) - df(b));
    const common = Math.max(50, this.size * COMMON_SHARE);
    const telling = sorted.filter((t) => df(t) <= common);
    return (telling.length ? telling : sorted.slice(0, 3)).slice(0, QUERY_TERMS);
  }

  /** How much of the two claims' weight (BM25's idf) is in words they share: 0 to 1. */
  private overlap(a: Set<string>, b: Set<string>): number {
    const total = Math.max(1, this.size);
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
    kind: 'statement',
    articleId: article.id,
    articleTitle: article.title,
    statementId: s.id,
    index: i + 1,
    text: s.text,
    verdict: s.verdict,
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

function freshParts(): IndexPart[] {
  return Array.from({ length: PARTS }, () => new IndexPart());
}

/** Which part holds an article: FNV-1a of its id, so the same article always lands in the same part. */
function partNumber(articleId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < articleId.length; i++) hash = Math.imul(hash ^ articleId.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % PARTS;
}

/** Part i's file; the last one holds the published checks. */
function partFile(i: number): string {
  return i === PARTS ? 'published.json' : `part-${String(i).padStart(2, '0')}.json`;
}

/**
 * The records of a part that hold every complete word and a word starting with `partial`.
 * Starts from the shortest list and looks the others up: the cost follows the rarest word's
 * statements, not the most common one's ("the", "council").
 */
function matching(part: IndexPart, complete: string[], partial: string | null): number[] {
  const lists: number[][] = [];
  for (const word of new Set(complete)) {
    const list = part.words.get(word);
    if (!list) return [];
    lists.push(list);
  }
  // The words a partial word starts, as one list (unordered) and a mark per record number.
  let started: { list: number[]; marks: Uint8Array } | null = null;
  if (partial !== null) {
    const each = part.startingWith(partial);
    if (!each.length) return [];
    if (each.length === 1) lists.push(each[0]!);
    else {
      const marks = new Uint8Array(part.records.length);
      const list: number[] = [];
      for (const numbers of each) {
        for (const n of numbers) {
          if (!marks[n]) {
            marks[n] = 1;
            list.push(n);
          }
        }
      }
      started = { list, marks };
    }
  }
  lists.sort((a, b) => a.length - b.length);
  if (started && (!lists.length || started.list.length < lists[0]!.length)) {
    return started.list.filter((n) => lists.every((list) => has(list, n)));
  }
  const [shortest, ...others] = lists;
  return shortest!.filter((n) => (!started || started.marks[n] === 1) && others.every((list) => has(list, n)));
}

function allNumbers(part: IndexPart): number[] {
  return part.records.map((_, n) => n);
}

/** Binary search in an ascending list. */
function has(list: number[], n: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = list[mid]!;
    if (v === n) return true;
    if (v < n) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

function hasFilters(q: SearchQuery): boolean {
  return Boolean(q.verdict || q.review || q.editor?.trim() || q.from || q.to);
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

function toHit(r: StatementRecord, typed: string, complete: string[], partial: string | null): SearchHit {
  const needle = fold(typed.trim());
  // The field that holds the whole query as typed, else the first that holds a word of it.
  const holdsWord = (f: (typeof SEARCH_FIELDS)[number]) =>
    searchTerms(r[f]).some((w) => complete.includes(w) || (partial !== null && w.startsWith(partial)));
  const field = SEARCH_FIELDS.find((f) => needle && fold(r[f]).includes(needle)) ?? SEARCH_FIELDS.find((f) => r[f] && holdsWord(f)) ?? 'text';
  const text = r[field];
  const folded = fold(text);
  const at = needle && folded.includes(needle) ? folded.indexOf(needle) : firstTermAt(folded, partial ? [...complete, partial] : complete);
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

function firstTermAt(folded: string, terms: string[]): number {
  const found = terms.map((t) => folded.indexOf(t)).filter((i) => i >= 0);
  return found.length ? Math.min(...found) : 0;
}

function snippet(text: string, at: number, length: number): string {
  const start = Math.max(0, at - 60);
  const end = Math.min(text.length, at + length + 60);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

function message(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 120);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
