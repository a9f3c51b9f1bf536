/**
 * The editor's library on disk: a small index (library.json) plus one lowdb file per article
 * (articles/<id>.json), so a change costs a write proportional to one article, never to the
 * whole archive, and opening the app reads the index only.
 *
 * Every change is validated, applied to a copy, written durably (see durable-file.ts) and only
 * then made visible and acknowledged. Changes to one article are serialised, so two racing
 * calls can never lose each other's update. The index is a cache of the article files: it is
 * written behind the article (coalesced) and rebuilt from them when the last session ended
 * without closing the store.
 *
 * Knows nothing of Electron or Svelte: the app, the `factdesk` command and the tests use it alike.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import * as v from 'valibot';
import { BACKUP_GENERATIONS, backupPath, DurableJSONFile, readText, type DurableOptions } from './durable-file';
import { describeWriteError, UserError } from './errors';
import { acquireLock, type StoreLock } from './lock';
import { migrate, type FileKind } from './migrations';
import {
  ArticleSchema,
  type Article,
  type ArticleMetaPatch,
  type ArticleSummary,
  type Correction,
  type CorrectionInput,
  type DocumentRef,
  type HistoryEntry,
  type PublishedCheck,
  type Settings,
  type SettingsPatch,
  type Source,
  type SourceDocument,
  type Statement,
  type StoreNotice,
  type TrashEntry,
} from '../domain/schema';
import { isReadyToPublish, signOffRefusal } from '../domain/sign-off';
import { blankStatement, newId } from '../domain/statement';
import { VERDICT_LABEL } from '../domain/verdicts';
import {
  ArticleFileSchema,
  DocumentFileSchema,
  LibraryFileSchema,
  PublishedChecksFileSchema,
  SCHEMA_VERSION,
  SettingsFileSchema,
  type ArticleFile,
  type DocumentFile,
  type LibraryFile,
  type PublishedChecksFile,
  type SettingsFile,
} from './file-schemas';

export const TRASH_DAYS = 30;
const INDEX_FLUSH_DELAY_MS = 500;

export interface StoreOptions {
  /** fsync every write (default). Only the benchmark turns this off, to measure what it costs. */
  durable?: boolean;
  /** Open without the writer lock: reads only, damaged files are reported but not moved. */
  readOnly?: boolean;
  /** Who holds the lock, for the message a second process sees. */
  by?: string;
  now?: () => Date;
  /**
   * Test seam only: replaces the write of each file's temporary copy, so tests can make the
   * disk fail (ENOSPC, EACCES) on demand. Tests run as root, where a read-only folder is not.
   */
  writeFile?: DurableOptions['writeFile'];
}


export interface NewStatement {
  start: number;
  end: number;
  text: string;
  /** Verdict and evidence a statement arrives with (a re-imported report); new ones start unchecked. */
  evidence?: Partial<Omit<Statement, 'id' | 'start' | 'end' | 'text'>>;
}

/** A change to a statement as the store applies it: sources come with their checks computed. */
export interface StatementChange {
  verdict?: Statement['verdict'];
  explanation?: string;
  note?: string;
  claimant?: string;
  sources?: Source[];
  unsupported?: string[];
}

export type NewDocument = Omit<SourceDocument, 'id' | 'attachedAt' | 'attachedBy' | 'chars'>;

/** Typing into one field is one change in the timeline, not one per pause. */
const HISTORY_MERGE_MS = 2 * 60 * 1000;

export const DEFAULT_SETTINGS: Settings = { editorName: '', newsroomName: '', newsroomUrl: '' };

/**
 * A change the store has put on disk, told to whoever keeps something derived from the
 * articles (the search index). Told only after the write succeeded, never for a refused change.
 */
export type StoreChange =
  | { kind: 'article'; articleId: string; article: Article }
  | { kind: 'removed'; articleId: string }
  | { kind: 'restored'; articleId: string }
  | { kind: 'published' };

export type NewPublishedCheck = Omit<PublishedCheck, 'id' | 'importedAt'>;

export interface NewArticle {
  text: string;
  title: string;
  outlet: string;
  author: string;
  url: string;
  publishedAt: string;
  /** Where the fact-check is published; '' (the default) until it is. */
  factCheckUrl?: string;
}

export class Store {
  readonly notices: StoreNotice[] = [];
  private readonly articles = new Map<string, Low<ArticleFile>>();
  /** Articles being read: a second caller waits for the same read (one Low, one write queue per file). */
  private readonly loading = new Map<string, Promise<Low<ArticleFile>>>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private settingsFile: Low<SettingsFile> | null = null;
  private publishedFile: Low<PublishedChecksFile> | null = null;
  private readonly listeners = new Set<(change: StoreChange) => void>();
  private readonly closeHooks: (() => Promise<void>)[] = [];
  private indexTimer: NodeJS.Timeout | null = null;
  private closed = false;

  private constructor(
    readonly dir: string,
    private readonly library: Low<LibraryFile>,
    private readonly lock: StoreLock | null,
    private readonly options: Required<Pick<StoreOptions, 'durable' | 'readOnly'>> &
      Pick<StoreOptions, 'writeFile'> & { now: () => Date },
  ) {}

  static async open(dir: string, options: StoreOptions = {}): Promise<Store> {
    const readOnly = options.readOnly ?? false;
    const resolved = {
      durable: options.durable ?? true,
      readOnly,
      now: options.now ?? (() => new Date()),
      writeFile: options.writeFile,
    };
    if (!readOnly) {
      await fs.mkdir(path.join(dir, 'articles'), { recursive: true }).catch((err) => {
        throw new UserError('read-only', `Factdesk cannot create its store folder ${dir}: ${(err as Error).message}`);
      });
      await fs.mkdir(path.join(dir, 'trash'), { recursive: true });
    }
    const lock = readOnly ? null : await acquireLock(dir, options.by ?? 'Factdesk');
    try {
      const library = new Low<LibraryFile>(new DurableJSONFile(path.join(dir, 'library.json'), resolved), emptyLibrary());
      const store = new Store(dir, library, lock, resolved);
      await store.loadLibrary(lock?.tookOverStale ?? false);
      await store.loadSettings();
      await store.loadPublishedChecks();
      return store;
    } catch (err) {
      await lock?.release();
      throw err;
    }
  }

  // ---- Reading ----

  list(): ArticleSummary[] {
    return this.library.data.articles.slice();
  }

  trash(): TrashEntry[] {
    return this.library.data.trash.slice();
  }

  async get(id: string): Promise<Article> {
    return (await this.articleFile(id)).data.article;
  }

  get readOnly(): boolean {
    return this.options.readOnly;
  }

  /** Every article in the library (or those `only` picks), one at a time, without filling the cache. */
  async *eachArticle(only?: (summary: ArticleSummary) => boolean): AsyncGenerator<Article> {
    for (const summary of this.list()) {
      if (only && !only(summary)) continue;
      const cached = this.articles.get(summary.id);
      const data = cached ? cached.data : await this.readChecked(this.articlePath(summary.id), 'article', ArticleFileSchema);
      if (data) yield data.article;
    }
  }

  // ---- Changing ----

  async create(input: NewArticle, sentences: NewStatement[]): Promise<Article> {
    this.assertWritable();
    const now = this.now();
    const article: Article = {
      id: newId(),
      ...input,
      createdAt: now,
      updatedAt: now,
      statements: sentences.map((s) => ({ ...blankStatement(s.start, s.end, s.text), ...s.evidence })),
      factCheckUrl: input.factCheckUrl ?? '',
      documents: [],
      orphaned: [],
    };
    checkArticle(article);
    const low = new Low<ArticleFile>(new DurableJSONFile(this.articlePath(article.id), this.options), {
      version: SCHEMA_VERSION,
      article,
    });
    await low.write();
    this.articles.set(article.id, low);
    await this.changeLibrary((lib) => ({ ...lib, articles: [summarise(article), ...lib.articles] }));
    this.tell({ kind: 'article', articleId: article.id, article });
    return article;
  }

  async updateMeta(id: string, patch: ArticleMetaPatch): Promise<Article> {
    const article = await this.changeArticle(id, (a) => ({ ...a, ...definedOnly(patch) }));
    await this.changeLibrary((lib) => replaceSummary(lib, article));
    return article;
  }

  /**
   * Records a verdict and its evidence. `by` is the editor making the change: a new verdict is
   * theirs (and needs a fresh sign-off), and every change goes into the statement's history.
   */
  async mark(articleId: string, statementId: string, change: StatementChange, by = ''): Promise<Statement> {
    const article = await this.changeStatement(articleId, statementId, (current, now) => {
      const next: Statement = { ...current, ...definedOnly(change), updatedAt: now };
      if (change.verdict !== undefined && change.verdict !== current.verdict) {
        const checked = change.verdict !== 'unchecked';
        next.checkedBy = checked ? by : '';
        next.checkedAt = checked ? now : null;
        next.review = null;
      }
      next.history = recordHistory(current, next, by, now);
      return next;
    });
    this.afterStatementChange(article);
    return article.statements.find((s) => s.id === statementId)!;
  }

  /**
   * Records a correction made after publication: the day, what changed and why, with the
   * verdict before and after. A corrected verdict is a new verdict, so it is the corrector's
   * and needs a fresh sign-off like any other; the correction itself is never edited or removed.
   */
  async correct(articleId: string, statementId: string, input: CorrectionInput, by = ''): Promise<Statement> {
    const article = await this.changeStatement(articleId, statementId, (current, now) => {
      if (current.verdict === 'unchecked') {
        throw new UserError('invalid-input', 'Only a statement with a published verdict can be corrected; give it a verdict instead.');
      }
      const correction: Correction = { ...input, verdictBefore: current.verdict, by, at: now };
      const next: Statement = { ...current, corrections: [...current.corrections, correction], updatedAt: now };
      if (input.verdict !== current.verdict) {
        next.verdict = input.verdict;
        next.checkedBy = input.verdict !== 'unchecked' ? by : '';
        next.checkedAt = input.verdict !== 'unchecked' ? now : null;
        next.review = null;
      }
      // One timeline entry says it all: the verdict before, the verdict after and what changed.
      next.history = [
        ...current.history,
        { at: now, by, field: 'correction', before: VERDICT_LABEL[current.verdict], after: clip(`${VERDICT_LABEL[next.verdict]}: ${input.change}`) },
      ];
      return next;
    });
    this.afterStatementChange(article);
    return article.statements.find((s) => s.id === statementId)!;
  }

  /**
   * Splits a statement in two at `offset` (into its text): the first part keeps the verdict and
   * evidence, the second starts unchecked. White space at the cut belongs to neither.
   */
  async splitStatement(articleId: string, statementId: string, offset: number, by = ''): Promise<Article> {
    return this.changeStatements(articleId, statementId, (statements, i, now) => {
      const current = statements[i]!;
      const head = current.text.slice(0, offset).trimEnd();
      const tailStart = offset + (current.text.slice(offset).length - current.text.slice(offset).trimStart().length);
      const tail = current.text.slice(tailStart);
      if (!head || !tail) throw new UserError('invalid-input', 'Put the caret inside the statement, between two words, to split it.');
      const first: Statement = { ...current, end: current.start + head.length, text: head, updatedAt: now };
      const second: Statement = {
        ...blankStatement(current.start + tailStart, current.end, tail),
        history: [{ at: now, by, field: 'statement', before: current.text, after: `Split from statement ${i + 1}` }],
      };
      return [...statements.slice(0, i), first, second, ...statements.slice(i + 1)];
    });
  }

  /** Joins a statement with the next one; evidence from both is kept. */
  async mergeWithNext(articleId: string, statementId: string, by = ''): Promise<Article> {
    return this.changeStatements(articleId, statementId, (statements, i, now, text) => {
      const current = statements[i]!;
      const next = statements[i + 1];
      if (!next) throw new UserError('invalid-input', 'The last statement has no next statement to merge with.');
      const verdict = current.verdict !== 'unchecked' ? current : next;
      const merged: Statement = {
        ...current,
        end: next.end,
        text: text.slice(current.start, next.end),
        verdict: verdict.verdict,
        checkedBy: verdict.checkedBy,
        checkedAt: verdict.checkedAt,
        review: null,
        sources: [...current.sources, ...next.sources],
        note: [current.note, next.note].filter(Boolean).join('\n'),
        unsupported: [],
        updatedAt: now,
        history: [...current.history, { at: now, by, field: 'statement', before: current.text, after: 'Merged with the next statement' }],
      };
      return [...statements.slice(0, i), merged, ...statements.slice(i + 2)];
    });
  }

  /**
   * Replaces the article's text. `placed` says, for each sentence of the new text, which old
   * statement it continues (see services/anchor): those keep their verdicts and evidence, an
   * edited one loses its sign-off (the wording it was signed off for is gone), and old
   * statements that match nothing are kept as orphaned, never dropped.
   */
  async replaceText(
    articleId: string,
    text: string,
    placed: { start: number; end: number; text: string; from: string | null; how: string }[],
    orphanedIds: string[],
    by = '',
  ): Promise<Article> {
    const article = await this.changeArticle(articleId, (a) => {
      const now = this.now();
      const old = new Map(a.statements.map((s) => [s.id, s]));
      const statements = placed.map((p): Statement => {
        const was = p.from ? old.get(p.from) : undefined;
        if (!was) return blankStatement(p.start, p.end, p.text);
        if (p.how !== 'edited') return { ...was, start: p.start, end: p.end, text: p.text };
        return {
          ...was,
          start: p.start,
          end: p.end,
          text: p.text,
          review: null,
          updatedAt: now,
          history: [...was.history, { at: now, by, field: 'statement', before: clip(was.text), after: clip(p.text) }],
        };
      });
      const orphaned = orphanedIds.map((id) => old.get(id)).filter((s): s is Statement => !!s);
      return { ...a, text, statements, orphaned: [...a.orphaned, ...orphaned] };
    });
    this.afterStatementChange(article);
    return article;
  }

  /** Lets go of an orphaned verdict the editor no longer needs. */
  async discardOrphan(articleId: string, statementId: string): Promise<Article> {
    const article = await this.changeArticle(articleId, (a) => ({
      ...a,
      orphaned: a.orphaned.filter((s) => s.id !== statementId),
    }));
    return article;
  }

  /** A second editor signs off the statement's current verdict. */
  async signOff(articleId: string, statementId: string, by: string): Promise<Statement> {
    const article = await this.changeStatement(articleId, statementId, (current, now) => {
      const refusal = signOffRefusal(current, by);
      if (refusal) throw new UserError('invalid-input', refusal);
      const next: Statement = { ...current, review: { by: by.trim(), at: now }, updatedAt: now };
      next.history = recordHistory(current, next, by, now);
      return next;
    });
    this.afterStatementChange(article);
    return article.statements.find((s) => s.id === statementId)!;
  }

  // ---- Source documents ----

  /** Keeps a source document's text beside the article, so quotes can be checked offline, years later. */
  async attachDocument(articleId: string, input: NewDocument, by: string): Promise<DocumentRef> {
    this.assertWritable();
    await this.get(articleId); // fails clearly for an unknown article before anything is written
    const document: SourceDocument = {
      ...input,
      id: newId(),
      chars: input.text.length,
      attachedAt: this.now(),
      attachedBy: by,
    };
    const folder = path.join(this.dir, 'documents', articleId);
    await fs.mkdir(folder, { recursive: true }).catch((err) => {
      throw describeWriteError(err, folder);
    });
    const file: DocumentFile = { version: SCHEMA_VERSION, document };
    const check = v.safeParse(DocumentFileSchema, file);
    if (!check.success) throw new UserError('invalid-input', `${input.name} cannot be attached: ${check.issues[0]?.message}.`);
    await new DurableJSONFile<DocumentFile>(this.documentPath(articleId, document.id), this.options).write(file);
    const { text: _, pageStarts: __, ...ref } = document;
    await this.changeArticle(articleId, (a) => ({ ...a, documents: [...a.documents, ref] }));
    return ref;
  }

  async getDocument(articleId: string, documentId: string): Promise<SourceDocument> {
    const article = await this.get(articleId);
    const ref = article.documents.find((d) => d.id === documentId);
    if (!ref) throw new UserError('not-found', `The article "${article.title}" has no source document ${documentId}.`);
    const file = this.documentPath(articleId, documentId);
    const data = await this.readChecked(file, 'document', DocumentFileSchema);
    if (!data) throw new UserError('damaged', `The text of ${ref.name} (${file}) is missing or damaged.`);
    return data.document;
  }

  // ---- The desk (services/desk) ----

  /** Gives an article, or one of its statements, to an editor (null: takes it back). */
  async assign(
    articleId: string,
    statementId: string | null,
    input: { to: string; reviewer: string; due: string } | null,
    by: string,
  ): Promise<Article> {
    const assignment = input ? { ...input, by, at: this.now() } : null;
    if (!statementId) return this.changeArticle(articleId, (a) => ({ ...a, assignment }));
    const article = await this.changeStatement(articleId, statementId, (current) => ({ ...current, assignment }));
    this.afterStatementChange(article);
    return article;
  }

  /**
   * Writes an article as the shared desk has it: `build` gets the article as this store has it
   * (null when it is new here) and returns the article to keep. A new article is added to the
   * library. The index is written behind, as after a mark, so a first sync of thousands of
   * articles does not rewrite it once per article. An article in this store's trash stays there.
   */
  async applyFromDesk(articleId: string, build: (local: Article | null) => Article): Promise<Article | null> {
    this.assertWritable();
    if (this.library.data.trash.some((a) => a.id === articleId)) return null;
    if (this.library.data.articles.some((a) => a.id === articleId)) {
      const article = await this.changeArticle(articleId, build);
      this.afterStatementChange(article);
      return article;
    }
    return this.exclusive(articleId, async () => {
      const article = build(null);
      checkArticle(article);
      const low = new Low<ArticleFile>(new DurableJSONFile(this.articlePath(article.id), this.options), {
        version: SCHEMA_VERSION,
        article,
      });
      await low.write();
      this.articles.set(article.id, low);
      const articles = [summarise(article), ...this.library.data.articles];
      articles.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      this.library.data = { ...this.library.data, articles };
      this.scheduleIndexFlush();
      this.tell({ kind: 'article', articleId: article.id, article });
      return article;
    });
  }

  /** Keeps a source document that arrived from the desk, before its article lists it. */
  async putDocumentFromDesk(articleId: string, document: SourceDocument): Promise<void> {
    this.assertWritable();
    const file: DocumentFile = { version: SCHEMA_VERSION, document };
    const check = v.safeParse(DocumentFileSchema, file);
    if (!check.success) throw new UserError('invalid-input', `${document.name} from the desk is not a valid source document.`);
    const folder = path.join(this.dir, 'documents', articleId);
    await fs.mkdir(folder, { recursive: true }).catch((err) => {
      throw describeWriteError(err, folder);
    });
    await new DurableJSONFile<DocumentFile>(this.documentPath(articleId, document.id), this.options).write(file);
  }

  // ---- Settings ----

  settings(): Settings {
    return this.settingsFile?.data.settings ?? { ...DEFAULT_SETTINGS };
  }

  async updateSettings(patch: SettingsPatch): Promise<Settings> {
    this.assertWritable();
    const low = this.settingsFile!;
    return this.exclusive('settings.json', async () => {
      const next: SettingsFile = { version: SCHEMA_VERSION, settings: { ...low.data.settings, ...definedOnly(patch) } };
      await low.adapter.write(next);
      low.data = next;
      return next.settings;
    });
  }

  /** Moves an article to the trash, where it can be restored for TRASH_DAYS days. */
  async delete(id: string): Promise<void> {
    this.assertWritable();
    await this.exclusive(id, async () => {
      const summary = this.library.data.articles.find((a) => a.id === id);
      if (!summary) throw new UserError('not-found', `There is no article ${id} in the library.`);
      await moveWithBackups(this.articlePath(id), this.trashPath(id)).catch((err) => {
        throw describeWriteError(err, this.articlePath(id));
      });
      this.articles.delete(id);
      await this.changeLibrary((lib) => ({
        ...lib,
        articles: lib.articles.filter((a) => a.id !== id),
        trash: [{ ...summary, deletedAt: this.now() }, ...lib.trash],
      }));
      this.tell({ kind: 'removed', articleId: id });
    });
  }

  async restore(id: string): Promise<ArticleSummary> {
    this.assertWritable();
    return this.exclusive(id, async () => {
      const entry = this.library.data.trash.find((a) => a.id === id);
      if (!entry) throw new UserError('not-found', `There is no article ${id} in the trash.`);
      await moveWithBackups(this.trashPath(id), this.articlePath(id)).catch((err) => {
        throw describeWriteError(err, this.trashPath(id));
      });
      const { deletedAt: _, ...summary } = entry;
      await this.changeLibrary((lib) => ({
        ...lib,
        articles: [summary, ...lib.articles],
        trash: lib.trash.filter((a) => a.id !== id),
      }));
      this.tell({ kind: 'restored', articleId: id });
      return summary;
    });
  }

  // ---- Published fact-checks (other publishers' ClaimReview) ----

  publishedChecks(): PublishedCheck[] {
    return this.publishedFile?.data.checks.slice() ?? [];
  }

  /** Adds other publishers' checks; one already kept (same page and claim) is not added twice. */
  async addPublishedChecks(checks: NewPublishedCheck[]): Promise<{ added: PublishedCheck[]; alreadyKept: number }> {
    this.assertWritable();
    const low = this.publishedFile!;
    return this.exclusive('published-checks.json', async () => {
      const key = (c: NewPublishedCheck) => `${c.url}\n${c.claim}`;
      const kept = new Set(low.data.checks.map(key));
      const at = this.now();
      const added: PublishedCheck[] = [];
      for (const check of checks) {
        if (kept.has(key(check))) continue;
        kept.add(key(check));
        added.push({ ...check, id: newId(), importedAt: at });
      }
      const next: PublishedChecksFile = { version: SCHEMA_VERSION, checks: [...low.data.checks, ...added] };
      const result = v.safeParse(PublishedChecksFileSchema, next);
      if (!result.success) {
        const issue = result.issues[0];
        throw new UserError('invalid-input', `The fact-checks were not saved: ${issue ? v.getDotPath(issue) : ''} ${issue?.message}.`);
      }
      if (added.length) {
        await low.adapter.write(next);
        low.data = next;
        this.tell({ kind: 'published' });
      }
      return { added, alreadyKept: checks.length - added.length };
    });
  }

  // ---- Who follows the changes ----

  /** Calls `listener` after each change is on disk; returns a function that stops it. */
  onChange(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs `hook` when the store closes, after pending changes and before the lock is released. */
  beforeClose(hook: () => Promise<void>): void {
    this.closeHooks.push(hook);
  }

  /** Writes what is pending and lets another process have the store. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled(this.queues.values());
    // A cache that cannot be written is rebuilt next time: it never keeps the store from closing.
    await Promise.allSettled(this.closeHooks.map((hook) => hook()));
    try {
      await this.flushIndex();
    } catch (err) {
      // Released, the lock would let the next session trust an index that misses this session's
      // changes (an article created but never listed). Left behind, it makes the next session
      // rebuild the index from the article files, and this process may still open the store again.
      this.lock?.abandon();
      throw err;
    }
    await this.lock?.release();
  }

  // ---- Internals ----

  private now(): string {
    return this.options.now().toISOString();
  }

  private assertWritable(): void {
    if (this.options.readOnly) throw new UserError('read-only', 'This store was opened for reading only.');
    if (this.closed) throw new UserError('write-failed', 'The store is closed.');
  }

  private articlePath(id: string): string {
    return path.join(this.dir, 'articles', `${id}.json`);
  }

  private trashPath(id: string): string {
    return path.join(this.dir, 'trash', `${id}.json`);
  }

  /** Runs fn after every earlier change to the same key has finished. */
  private exclusive<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const settled = run.catch(() => undefined);
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return run;
  }

  /** Applies change to a copy, writes it, and only then makes it the article everyone sees. */
  private changeArticle(id: string, change: (a: Article) => Article): Promise<Article> {
    this.assertWritable();
    return this.exclusive(id, async () => {
      const low = await this.articleFile(id);
      const article = { ...change(low.data.article), updatedAt: this.now() };
      // Never write a file that the next read would refuse and move aside.
      checkArticle(article);
      const next: ArticleFile = { version: SCHEMA_VERSION, article };
      // Through the adapter, not low.write(): low.data must keep showing the saved article to
      // readers (get) until the new one is on disk, and stay as it was if the write fails.
      await low.adapter.write(next);
      low.data = next;
      this.tell({ kind: 'article', articleId: id, article });
      return article;
    });
  }

  private changeStatement(
    articleId: string,
    statementId: string,
    change: (current: Statement, now: string) => Statement,
  ): Promise<Article> {
    return this.changeArticle(articleId, (a) => {
      const i = a.statements.findIndex((s) => s.id === statementId);
      const current = a.statements[i];
      if (!current) throw new UserError('not-found', `Statement ${statementId} is not in the article "${a.title}".`);
      const statements = a.statements.slice();
      statements[i] = change(current, this.now());
      return { ...a, statements };
    });
  }

  private async changeStatements(
    articleId: string,
    statementId: string,
    change: (statements: Statement[], index: number, now: string, text: string) => Statement[],
  ): Promise<Article> {
    const article = await this.changeArticle(articleId, (a) => {
      const i = a.statements.findIndex((s) => s.id === statementId);
      if (i < 0) throw new UserError('not-found', `Statement ${statementId} is not in the article "${a.title}".`);
      return { ...a, statements: change(a.statements, i, this.now(), a.text) };
    });
    this.afterStatementChange(article);
    return article;
  }

  private afterStatementChange(article: Article): void {
    // The index only caches counts: write it behind, it is rebuilt if we die first.
    this.library.data = replaceSummary(this.library.data, article);
    this.scheduleIndexFlush();
  }

  private documentPath(articleId: string, documentId: string): string {
    return path.join(this.dir, 'documents', articleId, `${documentId}.json`);
  }

  private async loadSettings(): Promise<void> {
    const file = path.join(this.dir, 'settings.json');
    const data = await this.readChecked(file, 'settings', SettingsFileSchema);
    this.settingsFile = new Low<SettingsFile>(
      new DurableJSONFile(file, this.options),
      data ?? { version: SCHEMA_VERSION, settings: { ...DEFAULT_SETTINGS } },
    );
  }

  private async loadPublishedChecks(): Promise<void> {
    const file = path.join(this.dir, 'published-checks.json');
    const data = await this.readChecked(file, 'published', PublishedChecksFileSchema);
    this.publishedFile = new Low<PublishedChecksFile>(new DurableJSONFile(file, this.options), data ?? { version: SCHEMA_VERSION, checks: [] });
  }

  private tell(change: StoreChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        // A listener's failure is its own (the index rebuilds itself); the change is saved.
      }
    }
  }

  private changeLibrary(change: (lib: LibraryFile) => LibraryFile): Promise<void> {
    this.library.data = change(this.library.data);
    return this.flushIndex();
  }

  private scheduleIndexFlush(): void {
    if (this.indexTimer) return;
    this.indexTimer = setTimeout(() => {
      this.indexTimer = null;
      void this.flushIndex().catch(() => undefined); // retried at the next change or at close
    }, INDEX_FLUSH_DELAY_MS);
    this.indexTimer.unref?.();
  }

  private flushIndex(): Promise<void> {
    if (this.options.readOnly) return Promise.resolve();
    if (this.indexTimer) {
      clearTimeout(this.indexTimer);
      this.indexTimer = null;
    }
    return this.exclusive('library.json', () => this.library.write());
  }

  private articleFile(id: string): Promise<Low<ArticleFile>> {
    const cached = this.articles.get(id);
    if (cached) return Promise.resolve(cached);
    // Two readers of an uncached article (get racing a mark) must share one Low: with two, the
    // second would replace the first in the cache and the next change would start from stale
    // data (a lost update), and the two adapters would share one temp file.
    let pending = this.loading.get(id);
    if (!pending) {
      pending = this.loadArticle(id).finally(() => this.loading.delete(id));
      this.loading.set(id, pending);
    }
    return pending;
  }

  private async loadArticle(id: string): Promise<Low<ArticleFile>> {
    if (!this.library.data.articles.some((a) => a.id === id)) {
      throw new UserError('not-found', `There is no article ${id} in the library.`);
    }
    const file = this.articlePath(id);
    const data = await this.readChecked(file, 'article', ArticleFileSchema);
    if (!data) {
      throw new UserError(
        'damaged',
        `The article file ${file} is missing or damaged and no backup could be restored.` +
          (this.notices.length ? ` See ${path.join(this.dir, 'damaged')}.` : ''),
      );
    }
    const low = new Low<ArticleFile>(new DurableJSONFile(file, this.options), data);
    this.articles.set(id, low);
    // A backup put back in place (or an index written behind and lost) can disagree with the
    // index's counts: the article file wins.
    const summary = summarise(data.article);
    const listed = this.library.data.articles.find((a) => a.id === id);
    const differs = (Object.keys(summary) as (keyof ArticleSummary)[]).some((k) => listed?.[k] !== summary[k]);
    if (!this.options.readOnly && listed && differs) {
      this.library.data = replaceSummary(this.library.data, data.article);
      this.scheduleIndexFlush();
    }
    return low;
  }

  private async loadLibrary(lastSessionDied: boolean): Promise<void> {
    const file = path.join(this.dir, 'library.json');
    // Read (and move a damaged index aside) even when the last session died: the rebuild below
    // writes library.json, and a damaged file is never overwritten.
    const data = await this.readChecked(file, 'library', LibraryFileSchema, { backups: false });
    if (data && !lastSessionDied) {
      this.library.data = data;
    } else if (data || lastSessionDied || (await this.hasStoredArticles())) {
      // The index is only a cache of the article files: rebuild it rather than trust an old copy.
      if (lastSessionDied) await removeTempFiles(this.dir);
      this.library.data = await this.rebuildLibrary(data);
      if (!this.options.readOnly) await this.library.write();
    }
    if (!this.options.readOnly) await this.purgeTrash();
  }

  private async hasStoredArticles(): Promise<boolean> {
    // The trash counts too: an index lost with only trashed articles left must still list them.
    for (const folder of ['articles', 'trash']) {
      if ((await jsonFiles(path.join(this.dir, folder))).length) return true;
    }
    return false;
  }

  /** `previous` (the old index, if it could be read) only supplies when trashed articles were deleted. */
  private async rebuildLibrary(previous: LibraryFile | null): Promise<LibraryFile> {
    const articles: ArticleSummary[] = [];
    for (const name of await jsonFiles(path.join(this.dir, 'articles'))) {
      const data = await this.readChecked(path.join(this.dir, 'articles', name), 'article', ArticleFileSchema);
      if (data) articles.push(summarise(data.article));
    }
    articles.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const trash: TrashEntry[] = [];
    for (const name of await jsonFiles(path.join(this.dir, 'trash'))) {
      const known = previous?.trash.find((t) => `${t.id}.json` === name);
      if (known) {
        trash.push(known);
        continue;
      }
      const data = await this.readChecked(path.join(this.dir, 'trash', name), 'article', ArticleFileSchema, { quiet: true });
      const stat = await fs.stat(path.join(this.dir, 'trash', name));
      if (data) trash.push({ ...summarise(data.article), deletedAt: stat.ctime.toISOString() });
    }
    return { version: SCHEMA_VERSION, articles, trash };
  }

  private async purgeTrash(): Promise<void> {
    const cutoff = this.options.now().getTime() - TRASH_DAYS * 24 * 3600 * 1000;
    const expired = this.library.data.trash.filter((t) => Date.parse(t.deletedAt) < cutoff);
    if (!expired.length) return;
    for (const t of expired) {
      for (const f of [this.trashPath(t.id), ...backupsOf(this.trashPath(t.id))]) await fs.rm(f, { force: true });
    }
    await this.changeLibrary((lib) => ({ ...lib, trash: lib.trash.filter((t) => !expired.includes(t)) }));
  }

  /**
   * Reads and checks one file. A damaged file (not JSON, wrong shape, or from a newer Factdesk)
   * is never overwritten: it is moved to damaged/, the newest good backup is put in its place,
   * and a notice says what happened. Returns null when the file is missing or nothing could be
   * restored.
   */
  private async readChecked<S extends v.GenericSchema>(
    file: string,
    kind: FileKind,
    schema: S,
    opts: { backups?: boolean; quiet?: boolean } = {},
  ): Promise<v.InferOutput<S> | null> {
    const text = await readText(file).catch((err: unknown) => {
      // Unreadable (permissions, a folder in its place): say so rather than crash.
      throw new UserError('damaged', `Factdesk cannot read ${file}: ${(err as Error).message}`);
    });
    if (text === null) return null;
    const first = parse(text, kind, file, schema);
    if (first.ok) return first.value;
    if (opts.quiet) return null;
    if (this.options.readOnly) {
      throw new UserError('damaged', `${first.problem} Open Factdesk (or run a command that changes the store) to recover it.`);
    }
    let movedTo: string;
    try {
      movedTo = await this.quarantine(file);
    } catch (err) {
      // A folder we may not write to: leave everything where it is and say so.
      throw new UserError('damaged', `${first.problem} Factdesk could not move it aside (${(err as Error).message}).`);
    }
    let restoredFrom: string | null = null;
    let value: v.InferOutput<S> | null = null;
    if (opts.backups !== false) {
      for (let g = 1; g <= BACKUP_GENERATIONS && !value; g++) {
        const backupText = await readText(backupPath(file, g)).catch(() => null);
        const backup = backupText === null ? null : parse(backupText, kind, file, schema);
        if (!backup?.ok) continue;
        // A copy, not a rename: the backup stays a backup until the next good write replaces it.
        const copied = await copyAtomically(backupPath(file, g), file).then(
          () => true,
          () => false, // disk full: the notice says nothing was restored, the backup is still there
        );
        if (copied) {
          restoredFrom = backupPath(file, g);
          value = backup.value;
        }
      }
    }
    this.notices.push({ file, problem: first.problem, movedTo, restoredFrom, at: this.now() });
    return value;
  }

  private async quarantine(file: string): Promise<string> {
    const dir = path.join(this.dir, 'damaged');
    await fs.mkdir(dir, { recursive: true });
    const stamp = this.now().replace(/[:.]/g, '-');
    // rename replaces an existing file, and the same file can go bad twice within one clock tick
    // (or under a test clock): never let a later damaged copy replace an earlier one.
    for (let n = 0; ; n++) {
      const target = path.join(dir, `${path.basename(file)}.${stamp}${n ? `.${n}` : ''}`);
      if (await fs.stat(target).then(() => true, () => false)) continue;
      await fs.rename(file, target);
      return target;
    }
  }
}

function checkArticle(article: Article): void {
  const result = v.safeParse(ArticleSchema, article);
  if (!result.success) {
    const issue = result.issues[0];
    const where = issue ? v.getDotPath(issue) : null;
    throw new UserError('invalid-input', `The change was not saved: ${where ? `${where} ` : ''}${issue?.message ?? 'is invalid'}.`);
  }
}

function parse<S extends v.GenericSchema>(
  text: string,
  kind: FileKind,
  file: string,
  schema: S,
): { ok: true; value: v.InferOutput<S> } | { ok: false; problem: string } {
  if (text.trim() === '') return { ok: false, problem: `${file} is empty.` };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, problem: `${file} is not valid JSON (${(err as Error).message}); it may have been cut off.` };
  }
  try {
    raw = migrate(raw, kind, file);
  } catch (err) {
    return { ok: false, problem: (err as Error).message };
  }
  const result = v.safeParse(schema, raw);
  if (result.success) return { ok: true, value: result.output };
  const issue = result.issues[0];
  const where = issue ? v.getDotPath(issue) : null;
  return { ok: false, problem: `${file} does not match Factdesk's format (${where ? `${where}: ` : ''}${issue?.message}).` };
}

export function summarise(article: Article): ArticleSummary {
  return {
    id: article.id,
    title: article.title,
    outlet: article.outlet,
    publishedAt: article.publishedAt,
    createdAt: article.createdAt,
    updatedAt: article.updatedAt,
    statementCount: article.statements.length,
    checkedCount: article.statements.filter((s) => s.verdict !== 'unchecked').length,
    reviewedCount: article.statements.filter((s) => s.review).length,
    readyToPublish: isReadyToPublish(article.statements),
  };
}

/** Adds what changed between two versions of a statement to its history. */
function recordHistory(before: Statement, after: Statement, by: string, at: string): HistoryEntry[] {
  const history = before.history.slice();
  const fields: [HistoryEntry['field'], string, string][] = [
    // `?? verdict`: a caller that skipped validation still gets the schema's error, not a crash.
    ['verdict', VERDICT_LABEL[before.verdict] ?? before.verdict, VERDICT_LABEL[after.verdict] ?? String(after.verdict)],
    ['explanation', before.explanation, after.explanation],
    ['note', before.note, after.note],
    ['claimant', before.claimant, after.claimant],
    ['sources', describeSources(before.sources), describeSources(after.sources)],
    ['review', before.review ? `Signed off by ${before.review.by}` : '', after.review ? `Signed off by ${after.review.by}` : ''],
  ];
  for (const [field, was, now] of fields) {
    if (was === now) continue;
    const last = history.at(-1);
    // A statement flagged by the desk shows two editors' sides in its history: the next change
    // is always a new entry, so it never overwrites the entry of a side (nothing lost).
    if (last && !before.deskConflict && field !== 'verdict' && last.field === field && last.by === by && Date.parse(at) - Date.parse(last.at) < HISTORY_MERGE_MS) {
      history[history.length - 1] = { ...last, at, after: clip(now) };
    } else {
      history.push({ at, by, field, before: clip(was), after: clip(now) });
    }
  }
  return history;
}

function describeSources(sources: Source[]): string {
  return sources
    .filter((s) => s.quote || s.title || s.url || s.file)
    .map((s) => `${s.role}: ${s.quote ? `“${s.quote}” ` : ''}${[s.title, s.url || s.file].filter(Boolean).join(', ')}`.trim())
    .join('\n');
}

function clip(text: string): string {
  return text.length > 2000 ? `${text.slice(0, 1999)}…` : text;
}

function replaceSummary(lib: LibraryFile, article: Article): LibraryFile {
  return { ...lib, articles: lib.articles.map((a) => (a.id === article.id ? summarise(article) : a)) };
}

function emptyLibrary(): LibraryFile {
  return { version: SCHEMA_VERSION, articles: [], trash: [] };
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function backupsOf(file: string): string[] {
  return Array.from({ length: BACKUP_GENERATIONS }, (_, i) => backupPath(file, i + 1));
}

async function moveWithBackups(from: string, to: string): Promise<void> {
  await fs.rename(from, to);
  for (let g = 1; g <= BACKUP_GENERATIONS; g++) {
    await fs.rename(backupPath(from, g), backupPath(to, g)).catch(() => undefined);
  }
}

/** Copies under a temporary name first, so a crash or a full disk never leaves half a file at `to`. */
async function copyAtomically(from: string, to: string): Promise<void> {
  const tmp = `${to}.${process.pid}.tmp`;
  try {
    await fs.copyFile(from, tmp);
    await fs.rename(tmp, to);
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}

/** Temp files of writes cut short by a crash; the lock guarantees no one else is writing them. */
async function removeTempFiles(dir: string): Promise<void> {
  for (const folder of [dir, path.join(dir, 'articles'), path.join(dir, 'trash')]) {
    const names = await fs.readdir(folder).catch(() => [] as string[]);
    for (const n of names.filter((n) => n.endsWith('.tmp'))) await fs.rm(path.join(folder, n), { force: true });
  }
}

async function jsonFiles(dir: string): Promise<string[]> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith('.json'));
}
