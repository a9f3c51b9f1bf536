/**
 * Upgrades files written by older versions of Factdesk, on read. Each step takes a file of
 * version N and returns version N + 1; a file newer than this build is refused (never
 * rewritten), so an older Factdesk cannot damage a newer one's data.
 */
import { SCHEMA_VERSION } from './file-schemas';
import { UserError } from './errors';

export type FileKind = 'article' | 'library' | 'settings' | 'document' | 'published';
export type Step = (file: Record<string, unknown>) => Record<string, unknown>;
export type StepTable = Partial<Record<FileKind, Record<number, Step>>>;

type Json = Record<string, unknown>;
const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
/** Maps an array field if it is one; anything else is left for the schema check to report. */
const mapList = (value: unknown, fn: (item: Json) => Json): unknown => (Array.isArray(value) ? list(value).map(fn) : value);

/**
 * Version 2 (evidence and accountability): sources gained author, date accessed and an
 * attached document; statements gained who checked them, a sign-off, the facts no quote
 * supports and a history; articles gained their source documents. A version-1 library
 * summary cannot know about sign-offs, so it says "not ready to publish" until the article is
 * next opened, when the store recounts from the article file.
 */
const toVersion2: Record<'article' | 'library' | 'settings', Step> = {
  article: (file) => {
    const article = (file.article ?? {}) as Json;
    return {
      ...file,
      version: 2,
      article: {
        ...article,
        documents: [],
        orphaned: [],
        statements: mapList(article.statements, (s) => ({
          ...s,
          sources: mapList(s.sources, (src) => ({ ...src, author: '', accessedAt: '', documentId: '' })),
          checkedBy: '',
          checkedAt: s.verdict !== 'unchecked' ? (s.updatedAt ?? null) : null,
          review: null,
          unsupported: [],
          history: [],
        })),
      },
    };
  },
  library: (file) => {
    const summary = (entry: Json): Json => ({ ...entry, reviewedCount: 0, readyToPublish: false });
    return { ...file, version: 2, articles: mapList(file.articles, summary), trash: mapList(file.trash, summary) };
  },
  // Settings are new in version 2: a version-1 store has none.
  settings: (file) => ({ ...file, version: 2 }),
};

/**
 * Version 3 (reports that say what the desk decided): a statement's public explanation is new
 * and starts empty, so every existing note stays where it was and becomes the internal note
 * (notes were written for the desk; nothing written before version 3 is published unasked).
 * Statements gained their claimant (not recorded yet) and corrections (none); articles the URL
 * of their published fact-check (none yet). Orphaned statements are upgraded the same way.
 */
const statementToVersion3 = (s: Json): Json => ({ ...s, explanation: '', claimant: '', corrections: [] });
const toVersion3: Record<Exclude<FileKind, 'published'>, Step> = {
  article: (file) => {
    const article = (file.article ?? {}) as Json;
    return {
      ...file,
      version: 3,
      article: {
        ...article,
        factCheckUrl: '',
        statements: mapList(article.statements, statementToVersion3),
        orphaned: mapList(article.orphaned, statementToVersion3),
      },
    };
  },
  library: (file) => ({ ...file, version: 3 }),
  settings: (file) => ({ ...file, version: 3 }),
  document: (file) => ({ ...file, version: 3 }),
};

/** steps[kind][N] upgrades a version-N file. Add one whenever SCHEMA_VERSION is bumped. */
const steps: StepTable = {
  article: { 1: toVersion2.article, 2: toVersion3.article },
  library: { 1: toVersion2.library, 2: toVersion3.library },
  settings: { 1: toVersion2.settings, 2: toVersion3.settings },
  document: { 2: toVersion3.document },
  // New in version 3: no older published-checks file exists.
  published: {},
};

export function migrate(raw: unknown, kind: FileKind, file: string): unknown {
  return migrateWith(steps, SCHEMA_VERSION, raw, kind, file);
}

/**
 * The stepping itself, with the table and the current version as parameters so that tests can
 * exercise it with a table of their own while this build has no older format to upgrade.
 */
export function migrateWith(table: StepTable, current: number, raw: unknown, kind: FileKind, file: string): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw; // the schema will say what is wrong
  let data = raw as Record<string, unknown>;
  let version = typeof data.version === 'number' ? data.version : 0;
  if (version > current) {
    throw new UserError(
      'too-new',
      `${file} was written by a newer Factdesk (store version ${version}; this one reads up to ${current}). Update Factdesk to open it.`,
    );
  }
  while (version < current) {
    const step = table[kind]?.[version];
    if (!step) return data; // unknown old version: the schema check reports it
    data = step(data);
    // A step that forgets to bump the version would loop for ever (or skip a step): fail loudly.
    if (data.version !== version + 1) {
      throw new Error(`Migration of ${kind} files from version ${version} returned version ${String(data.version)}.`);
    }
    version = data.version;
  }
  return data;
}
