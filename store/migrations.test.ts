/**
 * Schema versions. This build reads store version 1 and there is no older format yet, so the
 * stepping logic is tested through migrateWith() with a step table local to this file, and the
 * real table is held to two promises: every fixture of a released version still opens, and a
 * file from a newer Factdesk is refused and moved aside, never rewritten.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from './errors';
import { migrate, migrateWith, type StepTable } from './migrations';
import { SCHEMA_VERSION } from './file-schemas';
import { Store } from './store';
import { filesIn, tempDir } from './fixtures/helpers';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
/** One store folder per released store version; see fixtures/README.md. */
const FIXTURE_VERSIONS = [1, 2, 3];

describe('migrateWith (stepping, with a test-local table)', () => {
  const calls: string[] = [];
  const table: StepTable = {
    article: {
      0: (f) => (calls.push('article 0->1'), { ...f, version: 1, article: { ...(f.article as object), tags: [] } }),
      1: (f) => (calls.push('article 1->2'), { ...f, version: 2, article: { ...(f.article as object), reviewed: false } }),
    },
    library: {
      1: (f) => (calls.push('library 1->2'), { ...f, version: 2, trash: f.trash ?? [] }),
    },
  };

  beforeEach(() => {
    calls.length = 0;
  });

  it('applies every step from the file version up to the current one, in order', () => {
    expect(migrateWith(table, 2, { version: 0, article: { id: 'a' } }, 'article', 'x.json')).toEqual({
      version: 2,
      article: { id: 'a', tags: [], reviewed: false },
    });
    expect(calls).toEqual(['article 0->1', 'article 1->2']);
  });

  it('treats a file without a version as version 0', () => {
    expect(migrateWith(table, 2, { article: { id: 'a' } }, 'article', 'x.json')).toMatchObject({ version: 2 });
    expect(calls).toEqual(['article 0->1', 'article 1->2']);
  });

  it('starts at the file version and uses the table of its kind', () => {
    expect(migrateWith(table, 2, { version: 1, articles: [] }, 'library', 'library.json')).toEqual({
      version: 2,
      articles: [],
      trash: [],
    });
    expect(calls).toEqual(['library 1->2']);
  });

  it('leaves a current file alone', () => {
    const file = { version: 2, article: { id: 'a' } };
    expect(migrateWith(table, 2, file, 'article', 'x.json')).toBe(file);
    expect(calls).toEqual([]);
  });

  it('refuses a file from a newer version with a plain message', () => {
    const error = (() => {
      try {
        migrateWith(table, 2, { version: 3 }, 'article', '/store/articles/x.json');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({
      code: 'too-new',
      message:
        '/store/articles/x.json was written by a newer Factdesk (store version 3; this one reads up to 2). Update Factdesk to open it.',
    });
  });

  it('hands an unknown old version to the schema check unchanged', () => {
    const file = { version: 0, articles: [] };
    expect(migrateWith(table, 2, file, 'library', 'library.json')).toBe(file); // no library step 0
  });

  it('passes anything that is not an object through for the schema to report', () => {
    for (const raw of [null, 3, 'text', [1, 2]]) expect(migrateWith(table, 2, raw, 'article', 'x.json')).toBe(raw);
  });

  it('fails loudly on a step that does not advance the version by one', () => {
    const broken: StepTable = { article: { 0: (f) => ({ ...f }) }, library: {} };
    expect(() => migrateWith(broken, 1, { version: 0 }, 'article', 'x.json')).toThrow(/from version 0 returned version 0/);
  });
});

describe('the real migration table', () => {
  it(`refuses store version ${SCHEMA_VERSION + 1}`, () => {
    expect(() => migrate({ version: SCHEMA_VERSION + 1 }, 'article', 'x.json')).toThrow(
      expect.objectContaining({ code: 'too-new' }),
    );
  });

  it('has a fixture for every released store version', () => {
    expect(FIXTURE_VERSIONS).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
  });
});

describe.each(FIXTURE_VERSIONS)('a store folder written at version %i', (version) => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir();
    await fs.cp(path.join(FIXTURES, `v${version}`), dir, { recursive: true });
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('opens with this build, with nothing reported damaged', async () => {
    const store = await Store.open(dir);
    try {
      expect(store.notices).toEqual([]);
      expect(store.list()).toEqual([
        expect.objectContaining({ id: 'v1Sample_article01', statementCount: 3, checkedCount: 2 }),
      ]);
      const article = await store.get('v1Sample_article01');
      expect(article.title).toBe('Mayor claims record housing starts');
      expect(article.statements.map((s) => s.verdict)).toEqual(['mostly-accurate', 'unchecked', 'opinion']);
      expect(article.statements[0]!.sources[0]).toMatchObject({ publisher: 'City statistics office' });
      for (const s of article.statements) expect(article.text.slice(s.start, s.end)).toBe(s.text);
      // And it can be changed and saved in the current format.
      await store.mark(article.id, article.statements[1]!.id, { verdict: 'false' });
      expect(store.notices).toEqual([]);
    } finally {
      await store.close();
    }
    const saved = JSON.parse(await fs.readFile(path.join(dir, 'articles', 'v1Sample_article01.json'), 'utf8'));
    expect(saved.version).toBe(SCHEMA_VERSION);
  });
});

describe('a file from a newer Factdesk', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir();
    await fs.cp(path.join(FIXTURES, `v${SCHEMA_VERSION}`), dir, { recursive: true });
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('is refused with the too-new message and moved aside byte for byte, never rewritten', async () => {
    const file = path.join(dir, 'articles', 'v1Sample_article01.json');
    const newer = JSON.stringify({ version: SCHEMA_VERSION + 1, article: { id: 'v1Sample_article01', shape: 'unknown to us' } });
    await fs.writeFile(file, newer);
    const store = await Store.open(dir);
    try {
      await expect(store.get('v1Sample_article01')).rejects.toMatchObject({ code: 'damaged' });
      expect(store.notices).toEqual([
        expect.objectContaining({
          file,
          restoredFrom: null,
          problem: `${file} was written by a newer Factdesk (store version ${SCHEMA_VERSION + 1}; this one reads up to ${SCHEMA_VERSION}). Update Factdesk to open it.`,
        }),
      ]);
      expect(await fs.readFile(store.notices[0]!.movedTo!, 'utf8')).toBe(newer);
      expect(await filesIn(path.join(dir, 'articles'))).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('as the index, is moved aside and the index rebuilt from the article files', async () => {
    const file = path.join(dir, 'library.json');
    const newer = JSON.stringify({ version: SCHEMA_VERSION + 1, shelves: [] });
    await fs.writeFile(file, newer);
    const store = await Store.open(dir);
    try {
      expect(store.notices).toEqual([expect.objectContaining({ file, problem: expect.stringContaining('newer Factdesk') })]);
      expect(await fs.readFile(store.notices[0]!.movedTo!, 'utf8')).toBe(newer);
      expect(store.list().map((a) => a.id)).toEqual(['v1Sample_article01']);
    } finally {
      await store.close();
    }
  });
});

describe('version 1 to 2 (evidence and accountability)', () => {
  it('gives old statements and sources the new fields without inventing who checked them', async () => {
    const dir = await tempDir();
    await fs.cp(path.join(FIXTURES, 'v1'), dir, { recursive: true });
    const v1 = JSON.parse(await fs.readFile(path.join(dir, 'articles', 'v1Sample_article01.json'), 'utf8'));
    const store = await Store.open(dir);
    try {
      const article = await store.get('v1Sample_article01');
      expect(article.documents).toEqual([]);
      const [first, second] = article.statements;
      expect(first).toMatchObject({
        checkedBy: '',
        checkedAt: v1.article.statements[0].updatedAt,
        review: null,
        unsupported: [],
        history: [],
      });
      expect(second).toMatchObject({ verdict: 'unchecked', checkedAt: null });
      expect(first!.sources[0]).toMatchObject({ author: '', accessedAt: '', documentId: '' });
      expect(first!.sources[0]!.check).toBeUndefined();
      // Not ready to publish: a version-1 article was never signed off.
      expect(store.list()[0]).toMatchObject({ reviewedCount: 0, readyToPublish: false });
      expect(store.settings()).toEqual({ editorName: '', newsroomName: '', newsroomUrl: '' });
    } finally {
      await store.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('version 2 to 3 (public explanation, internal note, claimant, corrections)', () => {
  it('keeps every existing note as the internal note and publishes nothing new', async () => {
    const dir = await tempDir();
    await fs.cp(path.join(FIXTURES, 'v2'), dir, { recursive: true });
    const v2 = JSON.parse(await fs.readFile(path.join(dir, 'articles', 'v1Sample_article01.json'), 'utf8'));
    const store = await Store.open(dir);
    try {
      const article = await store.get('v1Sample_article01');
      expect(article.factCheckUrl).toBe('');
      expect(article.statements[0]).toMatchObject({
        note: v2.article.statements[0].note,
        explanation: '',
        claimant: '',
        corrections: [],
      });
      expect(article.statements[0]!.note).toBe('Rounded up from 3,870.');
      for (const s of article.statements) expect(s.explanation).toBe('');
      expect(store.settings()).toMatchObject({ editorName: 'Ana Ruiz', newsroomName: 'Daily Bugle' });
    } finally {
      await store.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('upgrades orphaned statements and source documents too', () => {
    const orphan = { id: 'o1', note: 'Desk only', verdict: 'false' };
    const file = migrate({ version: 2, article: { id: 'a', statements: [], orphaned: [orphan] } }, 'article', 'x.json') as {
      article: { orphaned: unknown[] };
    };
    expect(file.article.orphaned).toEqual([{ ...orphan, explanation: '', claimant: '', corrections: [] }]);
    expect(migrate({ version: 2, document: { id: 'd' } }, 'document', 'd.json')).toEqual({ version: 3, document: { id: 'd' } });
  });
});
