/**
 * The editor's library on disk: a small index (library.json) plus one lowdb file per article
 * (articles/<id>.json), so a change costs a write proportional to one article, never to the
 * whole archive, and opening the app reads the index only. Knows nothing of Electron or Svelte:
 * the app, the `factdesk` command and the tests use it alike.
 *
 * The whole surface, by job (every change is validated, applied to a copy, written durably and
 * only then made visible and acknowledged; changes to one article are serialised, so two racing
 * calls can never lose each other's update):
 * - open, close, readOnly, notices (what was repaired), onChange, beforeClose;
 * - reading: list, trash, get, eachArticle, getDocument, settings, publishedChecks;
 * - articles: create, updateMeta, replaceText, discardOrphan, delete, restore;
 * - statements: mark, correct, signOff, splitStatement, mergeWithNext, assign;
 * - source documents, settings, other publishers' checks: attachDocument, updateSettings,
 *   addPublishedChecks; the shared desk: applyFromDesk, putDocumentFromDesk.
 *
 * Beside it, one module per job: durable-file.ts (write, fsync, rename, backups), lock.ts (one
 * writer per store), recovery.ts (damaged files moved aside and restored from backups),
 * library.ts (the index, a cache rebuilt from the article files), migrations.ts (older files),
 * rules.ts (what a change does to a statement: history, sign-off, split and merge), and
 * file-schemas.ts (the files' shapes).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import * as v from 'valibot';
import {
  ArticleSchema,
  type Article,
  type ArticleMetaPatch,
  type ArticleSummary,
  type CorrectionInput,
  type DocumentRef,
  type PublishedCheck,
  type Settings,
  type SettingsPatch,
  type SourceDocument,
  type Statement,
  type StoreNotice,
  type TrashEntry,
} from '../domain/schema';
import { blankStatement, newId } from '../domain/statement';
import { backupsOf, DurableJSONFile, moveWithBackups } from './durable-file';
import { describeWriteError, UserError } from './errors';
import {
  ArticleFileSchema,
  DocumentFileSchema,
  PublishedChecksFileSchema,
  SCHEMA_VERSION,
  SettingsFileSchema,
  type ArticleFile,
  type DocumentFile,
  type PublishedChecksFile,
  type SettingsFile,
} from './file-schemas';
import { Library, replaceSummary, summarise, summaryMatches } from './library';
import { acquireLock, type StoreLock } from './lock';
import { Recovery } from './recovery';
import {
  correctStatement,
  definedOnly,
  markStatement,
  mergeWithNext,
  placeStatements,
  settleConflict,
  signOffStatement,
  splitStatement,
  type PlacedSentence,
  type StatementChange,
} from './rules';

export { summarise } from './library';
export type { StatementChange } from './rules';

export const TRASH_DAYS = 30;

export interface StoreOptions {
  /** fsync every write (default). Only the benchmark turns this off, to measure what it costs. */
  durable?: boolean;
  /** Open without the writer lock: reads only, damaged files are reported but not moved. */
  readOnly?: boolean;
  /** Who holds the lock, for the message a second process sees. */
  by?: string;
  now?: () => Date;
}

export interface NewStatement {
  start: number;
  end: number;
  text: string;
  /** Verdict and evidence a statement arrives with (a re-imported report); new ones start unchecked. */
  evidence?: Partial<Omit<Statement, 'id' | 'start' | 'end' | 'text'>>;
}

export type NewDocument = Omit<SourceDocument, 'id' | 'attachedAt' | 'attachedBy' | 'chars'>;

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
  private readonly articles = new Map<string, Low<ArticleFile>>();
  /** Articles being read: a second caller waits for the same read (one Low, one write queue per file). */
  private readonly loading = new Map<string, Promise<Low<ArticleFile>>>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private settingsFile: Low<SettingsFile> | null = null;
  private publishedFile: Low<PublishedChecksFile> | null = null;
  private readonly listeners = new Set<(change: StoreChange) => void>();
  private readonly closeHooks: (() => Promise<void>)[] = [];
  private library!: Library;
  private closed = false;

  private constructor(
    readonly dir: string,
    private readonly recovery: Recovery,
    private readonly lock: StoreLock | null,
    private readonly options: Required<Pick<StoreOptions, 'durable' | 'readOnly'>> & { now: () => Date },
  ) {}

  static async open(dir: string, options: StoreOptions = {}): Promise<Store> {
    const readOnly = options.readOnly ?? false;
    const resolved = { durable: options.durable ?? true, readOnly, now: options.now ?? (() => new Date()) };
    if (!readOnly) {
      await fs.mkdir(path.join(dir, 'articles'), { recursive: true }).catch((err) => {
        throw new UserError('read-only', `Factdesk cannot create its store folder ${dir}: ${(err as Error).message}`);
      });
      await fs.mkdir(path.join(dir, 'trash'), { recursive: true });
    }
    const lock = readOnly ? null : await acquireLock(dir, options.by ?? 'Factdesk');
    try {
      const recovery = new Recovery(dir, readOnly, () => resolved.now().toISOString());
      const store = new Store(dir, recovery, lock, resolved);
      store.library = await Library.open(dir, recovery, lock?.tookOverStale ?? false, resolved);
      if (!readOnly) await store.purgeTrash();
      await store.loadSettings();
      await store.loadPublishedChecks();
      return store;
    } catch (err) {
      await lock?.release();
      throw err;
    }
  }

  /** What the store had to do about damaged files since it opened, for the editor to read. */
  get notices(): StoreNotice[] {
    return this.recovery.notices;
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
      const data = cached ? cached.data : await this.recovery.read(this.articlePath(summary.id), 'article', ArticleFileSchema);
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
    await this.writeNewArticle(article);
    await this.library.change((lib) => ({ ...lib, articles: [summarise(article), ...lib.articles] }));
    this.tell({ kind: 'article', articleId: article.id, article });
    return article;
  }

  async updateMeta(id: string, patch: ArticleMetaPatch): Promise<Article> {
    const article = await this.changeArticle(id, (a) => ({ ...a, ...definedOnly(patch) }));
    await this.library.change((lib) => replaceSummary(lib, article));
    return article;
  }

  /**
   * Records a verdict and its evidence. `by` is the editor making the change: a new verdict is
   * theirs (and needs a fresh sign-off), and every change goes into the statement's history.
   */
  async mark(articleId: string, statementId: string, change: StatementChange, by = ''): Promise<Statement> {
    return this.changeStatement(articleId, statementId, (current, now) => markStatement(current, change, by, now));
  }

  /** Records a correction made after publication (see rules.ts correctStatement). */
  async correct(articleId: string, statementId: string, input: CorrectionInput, by = ''): Promise<Statement> {
    return this.changeStatement(articleId, statementId, (current, now) => correctStatement(current, input, by, now));
  }

  /** A second editor signs off the statement's current verdict. */
  async signOff(articleId: string, statementId: string, by: string): Promise<Statement> {
    return this.changeStatement(articleId, statementId, (current, now) => signOffStatement(current, by, now));
  }

  /** Keeps the version shown of a statement the desk flagged as changed by two editors while apart. */
  async settleConflict(articleId: string, statementId: string, by = ''): Promise<Statement> {
    return this.changeStatement(articleId, statementId, (current, now) => settleConflict(current, by, now));
  }

  /**
   * Splits a statement in two at `offset` (into its text): the first part keeps the verdict and
   * evidence, the second starts unchecked.
   */
  async splitStatement(articleId: string, statementId: string, offset: number, by = ''): Promise<Article> {
    return this.changeStatements(articleId, statementId, (a, i, now) => splitStatement(a.statements, i, offset, by, now));
  }

  /** Joins a statement with the next one; evidence from both is kept. */
  async mergeWithNext(articleId: string, statementId: string, by = ''): Promise<Article> {
    return this.changeStatements(articleId, statementId, (a, i, now) => mergeWithNext(a.statements, i, a.text, by, now));
  }

  /**
   * Replaces the article's text. `placed` says, for each sentence of the new text, which old
   * statement it continues (see services/anchor): those keep their verdicts and evidence, an
   * edited one loses its sign-off, and old statements that match nothing are kept as orphaned.
   */
  async replaceText(articleId: string, text: string, placed: PlacedSentence[], orphanedIds: string[], by = ''): Promise<Article> {
    const article = await this.changeArticle(articleId, (a) => {
      const { statements, orphaned } = placeStatements(a.statements, placed, orphanedIds, by, this.now());
      return { ...a, text, statements, orphaned: [...a.orphaned, ...orphaned] };
    });
    this.afterStatementChange(article);
    return article;
  }

  /** Lets go of an orphaned verdict the editor no longer needs. */
  async discardOrphan(articleId: string, statementId: string): Promise<Article> {
    return this.changeArticle(articleId, (a) => ({ ...a, orphaned: a.orphaned.filter((s) => s.id !== statementId) }));
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
    const data = await this.recovery.read(file, 'document', DocumentFileSchema);
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
    return this.changeStatements(articleId, statementId, (a, i) => a.statements.map((s, j) => (j === i ? { ...s, assignment } : s)));
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
      await this.writeNewArticle(article);
      this.library.changeBehind((lib) => {
        const articles = [summarise(article), ...lib.articles];
        articles.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
        return { ...lib, articles };
      });
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
      await this.library.change((lib) => ({
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
      await this.library.change((lib) => ({
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
      await this.library.flush();
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

  /** Changes one statement of an article and returns it as saved. */
  private async changeStatement(
    articleId: string,
    statementId: string,
    change: (current: Statement, now: string) => Statement,
  ): Promise<Statement> {
    const article = await this.changeStatements(articleId, statementId, (a, i, now) =>
      a.statements.map((s, j) => (j === i ? change(s, now) : s)),
    );
    return article.statements.find((s) => s.id === statementId)!;
  }

  /** Changes an article's statements, given the index of the one the editor acted on. */
  private async changeStatements(
    articleId: string,
    statementId: string,
    change: (article: Article, index: number, now: string) => Statement[],
  ): Promise<Article> {
    const article = await this.changeArticle(articleId, (a) => {
      const i = a.statements.findIndex((s) => s.id === statementId);
      if (i < 0) throw new UserError('not-found', `Statement ${statementId} is not in the article "${a.title}".`);
      return { ...a, statements: change(a, i, this.now()) };
    });
    this.afterStatementChange(article);
    return article;
  }

  private afterStatementChange(article: Article): void {
    // The index only caches counts: written behind, it is rebuilt if we die first.
    this.library.changeBehind((lib) => replaceSummary(lib, article));
  }

  /** Writes the file of an article new to this store and keeps it in the cache; the index is the caller's. */
  private async writeNewArticle(article: Article): Promise<void> {
    checkArticle(article);
    const low = new Low<ArticleFile>(new DurableJSONFile(this.articlePath(article.id), this.options), { version: SCHEMA_VERSION, article });
    await low.write();
    this.articles.set(article.id, low);
  }

  private documentPath(articleId: string, documentId: string): string {
    return path.join(this.dir, 'documents', articleId, `${documentId}.json`);
  }

  private async loadSettings(): Promise<void> {
    const file = path.join(this.dir, 'settings.json');
    const data = await this.recovery.read(file, 'settings', SettingsFileSchema);
    this.settingsFile = new Low<SettingsFile>(
      new DurableJSONFile(file, this.options),
      data ?? { version: SCHEMA_VERSION, settings: { ...DEFAULT_SETTINGS } },
    );
  }

  private async loadPublishedChecks(): Promise<void> {
    const file = path.join(this.dir, 'published-checks.json');
    const data = await this.recovery.read(file, 'published', PublishedChecksFileSchema);
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
    const data = await this.recovery.read(file, 'article', ArticleFileSchema);
    if (!data) {
      throw new UserError(
        'damaged',
        `The article file ${file} is missing or damaged and no backup could be restored.` +
          (this.notices.length ? ` See ${this.recovery.damagedFolder}.` : ''),
      );
    }
    const low = new Low<ArticleFile>(new DurableJSONFile(file, this.options), data);
    this.articles.set(id, low);
    // A backup put back in place (or an index written behind and lost) can disagree with the
    // index's counts: the article file wins.
    const listed = this.library.data.articles.find((a) => a.id === id);
    if (!this.options.readOnly && listed && !summaryMatches(listed, data.article)) {
      this.library.changeBehind((lib) => replaceSummary(lib, data.article));
    }
    return low;
  }

  private async purgeTrash(): Promise<void> {
    const cutoff = this.options.now().getTime() - TRASH_DAYS * 24 * 3600 * 1000;
    const expired = this.library.data.trash.filter((t) => Date.parse(t.deletedAt) < cutoff);
    if (!expired.length) return;
    for (const t of expired) {
      for (const f of [this.trashPath(t.id), ...backupsOf(this.trashPath(t.id))]) await fs.rm(f, { force: true });
    }
    await this.library.change((lib) => ({ ...lib, trash: lib.trash.filter((t) => !expired.includes(t)) }));
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

