/**
 * The library index (library.json): what the library lists, so that opening the app never reads
 * every article. It is only a cache of the article files. A change that only moves counts
 * (a verdict, a sign-off) is written behind, coalesced; one that adds or removes an article is
 * written at once. When the last session ended without closing the store, or the index is
 * damaged, it is rebuilt from the article files rather than trusted.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import type { Article, ArticleSummary, TrashEntry } from '../domain/schema';
import { isReadyToPublish } from '../domain/sign-off';
import { DurableJSONFile, type DurableOptions } from './durable-file';
import { ArticleFileSchema, LibraryFileSchema, SCHEMA_VERSION, type LibraryFile } from './file-schemas';
import { removeTempFiles, type Recovery } from './recovery';

const FLUSH_DELAY_MS = 500;

export class Library {
  private timer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly low: Low<LibraryFile>,
    private readonly readOnly: boolean,
  ) {}

  /**
   * Reads the index, or rebuilds it from the article files when `lastSessionDied` (the lock was
   * taken over from a dead process), when it is damaged, or when it is missing but articles are not.
   */
  static async open(dir: string, recovery: Recovery, lastSessionDied: boolean, options: DurableOptions & { readOnly: boolean }): Promise<Library> {
    const file = path.join(dir, 'library.json');
    const library = new Library(new Low<LibraryFile>(new DurableJSONFile(file, options), emptyLibrary()), options.readOnly);
    // Read (and move a damaged index aside) even when the last session died: the rebuild below
    // writes library.json, and a damaged file is never overwritten.
    const data = await recovery.read(file, 'library', LibraryFileSchema, { backups: false });
    if (data && !lastSessionDied) {
      library.low.data = data;
    } else if (data || lastSessionDied || (await hasStoredArticles(dir))) {
      if (lastSessionDied) await removeTempFiles(dir);
      library.low.data = await rebuild(dir, recovery, data);
      if (!options.readOnly) await library.low.write();
    }
    return library;
  }

  get data(): LibraryFile {
    return this.low.data;
  }

  /** Changes the index and writes it now: for articles added, removed or renamed. */
  change(change: (lib: LibraryFile) => LibraryFile): Promise<void> {
    this.low.data = change(this.low.data);
    return this.flush();
  }

  /** Changes the index and writes it behind, coalesced: it is rebuilt if the process dies first. */
  changeBehind(change: (lib: LibraryFile) => LibraryFile): void {
    this.low.data = change(this.low.data);
    if (this.readOnly || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush().catch(() => undefined); // retried at the next change or at close
    }, FLUSH_DELAY_MS);
    this.timer.unref?.();
  }

  /** Writes what is pending. Writes to the file are queued (durable-file.ts), so they never interleave. */
  flush(): Promise<void> {
    if (this.readOnly) return Promise.resolve();
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    return this.low.write();
  }
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

export function replaceSummary(lib: LibraryFile, article: Article): LibraryFile {
  return { ...lib, articles: lib.articles.map((a) => (a.id === article.id ? summarise(article) : a)) };
}

/** Whether the index lists the article as the article file has it (a restored backup may differ). */
export function summaryMatches(listed: ArticleSummary, article: Article): boolean {
  const summary = summarise(article);
  return (Object.keys(summary) as (keyof ArticleSummary)[]).every((k) => listed[k] === summary[k]);
}

function emptyLibrary(): LibraryFile {
  return { version: SCHEMA_VERSION, articles: [], trash: [] };
}

async function hasStoredArticles(dir: string): Promise<boolean> {
  // The trash counts too: an index lost with only trashed articles left must still list them.
  for (const folder of ['articles', 'trash']) {
    if ((await jsonFiles(path.join(dir, folder))).length) return true;
  }
  return false;
}

/** `previous` (the old index, if it could be read) only supplies when trashed articles were deleted. */
async function rebuild(dir: string, recovery: Recovery, previous: LibraryFile | null): Promise<LibraryFile> {
  const articles: ArticleSummary[] = [];
  for (const name of await jsonFiles(path.join(dir, 'articles'))) {
    const data = await recovery.read(path.join(dir, 'articles', name), 'article', ArticleFileSchema);
    if (data) articles.push(summarise(data.article));
  }
  articles.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const trash: TrashEntry[] = [];
  for (const name of await jsonFiles(path.join(dir, 'trash'))) {
    const known = previous?.trash.find((t) => `${t.id}.json` === name);
    if (known) {
      trash.push(known);
      continue;
    }
    const data = await recovery.read(path.join(dir, 'trash', name), 'article', ArticleFileSchema, { quiet: true });
    const stat = await fs.stat(path.join(dir, 'trash', name));
    if (data) trash.push({ ...summarise(data.article), deletedAt: stat.ctime.toISOString() });
  }
  return { version: SCHEMA_VERSION, articles, trash };
}

async function jsonFiles(dir: string): Promise<string[]> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith('.json'));
}
