/**
 * Damaged files, failing disks and recovery. The rule under test: a store file that cannot be
 * trusted is never overwritten or deleted. It is moved to damaged/ byte for byte, the newest
 * good backup takes its place, and the editor is told in plain words (Store.notices).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './file-schemas';
import type { Article } from '../domain/schema';
import { Store, type StoreOptions } from './store';
import { faultyDisk } from './fixtures/faulty-disk';
import { errno, filesIn, sampleArticle, tempDir } from './fixtures/helpers';

let dir: string;
const open: Store[] = [];

beforeEach(async () => {
  dir = await tempDir();
});

afterEach(async () => {
  await Promise.allSettled(open.splice(0).map((s) => s.close()));
  await fs.chmod(dir, 0o755).catch(() => undefined);
  await fs.chmod(path.join(dir, 'articles'), 0o755).catch(() => undefined);
  await fs.rm(dir, { recursive: true, force: true });
});

async function openStore(options: StoreOptions = {}): Promise<Store> {
  const store = await Store.open(dir, options);
  open.push(store);
  return store;
}

async function reopen(store: Store, options: StoreOptions = {}): Promise<Store> {
  await store.close();
  return openStore(options);
}

const articleFile = (id: string) => path.join(dir, 'articles', `${id}.json`);
const libraryFile = () => path.join(dir, 'library.json');
const verdictOf = (a: Article, i: number) => a.statements[i]?.verdict;

/**
 * An article saved three times: as created (all unchecked), then statement 0 verified, then
 * statement 1 false. So the file holds version 3, .bak1 version 2 and .bak2 version 1.
 */
async function articleWithHistory(): Promise<{ store: Store; article: Article }> {
  const store = await openStore();
  const { input, sentences } = sampleArticle(3);
  const created = await store.create(input, sentences);
  await store.mark(created.id, created.statements[0]!.id, { verdict: 'verified' });
  await store.mark(created.id, created.statements[1]!.id, { verdict: 'false' });
  return { store, article: await store.get(created.id) };
}

/** Each way a file can be bad, as bytes, given the good file's text. */
const DAMAGE: Record<string, { bytes: (good: string) => string | Buffer; problem: RegExp }> = {
  'corrupt JSON': { bytes: (good) => good.replace('"article":', '"article";'), problem: /is not valid JSON/ },
  'truncated JSON': { bytes: (good) => good.slice(0, Math.floor(good.length / 2)), problem: /not valid JSON.*cut off/ },
  'NUL-filled (power cut before the data reached the disk)': {
    bytes: (good) => Buffer.alloc(good.length),
    problem: /is not valid JSON/,
  },
  'empty (whitespace)': { bytes: () => ' \n\t \n', problem: /is empty/ },
  'zero bytes': { bytes: () => '', problem: /is empty/ },
  'wrong schema': {
    bytes: (good) => good.replace('"verdict":"verified"', '"verdict":"probably"'),
    problem: /does not match Factdesk's format \(article\.statements\.0\.verdict: /,
  },
  'from a newer Factdesk': {
    bytes: (good) => good.replace(`{"version":${SCHEMA_VERSION},`, `{"version":${SCHEMA_VERSION + 1},`),
    problem: new RegExp(`written by a newer Factdesk \\(store version ${SCHEMA_VERSION + 1}; this one reads up to ${SCHEMA_VERSION}\\)\\. Update Factdesk`),
  },
};

describe.each(Object.entries(DAMAGE))('an article file that is %s', (_, damage) => {
  it('is moved aside intact and the last good backup restored', async () => {
    let { store, article } = await articleWithHistory();
    store = await reopen(store);
    const good = await fs.readFile(articleFile(article.id), 'utf8');
    const bad = damage.bytes(good);
    await fs.writeFile(articleFile(article.id), bad);

    const restored = await store.get(article.id);
    // .bak1 is the save before the last one: statement 0 verified, statement 1 not yet marked.
    expect([verdictOf(restored, 0), verdictOf(restored, 1)]).toEqual(['verified', 'unchecked']);

    expect(store.notices).toHaveLength(1);
    const notice = store.notices[0]!;
    expect(notice.file).toBe(articleFile(article.id));
    expect(notice.problem).toMatch(damage.problem);
    expect(notice.problem).toContain(articleFile(article.id));
    expect(notice.restoredFrom).toBe(`${articleFile(article.id)}.bak1`);
    expect(path.dirname(notice.movedTo!)).toBe(path.join(dir, 'damaged'));
    expect(await fs.readFile(notice.movedTo!)).toEqual(Buffer.isBuffer(bad) ? bad : Buffer.from(bad));

    // The index follows the restored file, and the editor can carry on from it.
    expect(store.list()[0]).toMatchObject({ checkedCount: 1 });
    await store.mark(article.id, article.statements[2]!.id, { verdict: 'opinion' });
    store = await reopen(store);
    const again = await store.get(article.id);
    expect([verdictOf(again, 0), verdictOf(again, 1), verdictOf(again, 2)]).toEqual(['verified', 'unchecked', 'opinion']);
    expect(store.list()[0]).toMatchObject({ checkedCount: 2 });
    expect(store.notices).toEqual([]);
  });

  it('without a backup, is moved aside and reported, never overwritten', async () => {
    let store = await openStore();
    const { input, sentences } = sampleArticle(2);
    const article = await store.create(input, sentences); // first save: no backup yet
    store = await reopen(store);
    const good = await fs.readFile(articleFile(article.id), 'utf8');
    // Only the 'wrong schema' case needs a verified statement to break.
    const bad = damage.bytes(good.replace('"verdict":"unchecked"', '"verdict":"verified"'));
    await fs.writeFile(articleFile(article.id), bad);

    const error = await store.get(article.id).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'UserError', code: 'damaged' });
    expect((error as Error).message).toContain('no backup could be restored');
    expect((error as Error).message).toContain(path.join(dir, 'damaged'));
    expect(store.notices).toEqual([
      expect.objectContaining({ file: articleFile(article.id), restoredFrom: null, problem: expect.stringMatching(damage.problem) }),
    ]);
    expect(await fs.readFile(store.notices[0]!.movedTo!)).toEqual(Buffer.isBuffer(bad) ? bad : Buffer.from(bad));
    expect(await filesIn(path.join(dir, 'articles'))).toEqual([]);
    // Asking again neither crashes nor touches damaged/.
    await expect(store.get(article.id)).rejects.toMatchObject({ code: 'damaged' });
    expect(await filesIn(path.join(dir, 'damaged'))).toHaveLength(1);
  });
});

describe('backups', () => {
  it('falls back to .bak2 when .bak1 is damaged too, keeping both bad files', async () => {
    let { store, article } = await articleWithHistory();
    store = await reopen(store);
    await fs.writeFile(articleFile(article.id), '{"version":1,');
    await fs.writeFile(`${articleFile(article.id)}.bak1`, '');
    const restored = await store.get(article.id);
    expect([verdictOf(restored, 0), verdictOf(restored, 1)]).toEqual(['unchecked', 'unchecked']);
    expect(store.notices[0]).toMatchObject({ restoredFrom: `${articleFile(article.id)}.bak2` });
    expect(await filesIn(path.join(dir, 'damaged'))).toHaveLength(1);
    expect(await fs.readFile(`${articleFile(article.id)}.bak1`, 'utf8')).toBe(''); // not deleted either
  });

  it('the same file going bad twice under one clock keeps both damaged copies', async () => {
    const fixed = () => new Date('2025-05-05T12:00:00.000Z');
    let { store, article } = await articleWithHistory();
    for (const bad of ['first bad copy', 'second bad copy']) {
      store = await reopen(store, { now: fixed });
      await fs.writeFile(articleFile(article.id), bad);
      await store.get(article.id);
    }
    const damaged = await filesIn(path.join(dir, 'damaged'));
    expect(damaged).toHaveLength(2);
    const contents = await Promise.all(damaged.map((f) => fs.readFile(path.join(dir, 'damaged', f), 'utf8')));
    expect(contents.sort()).toEqual(['first bad copy', 'second bad copy']);
  });
});

describe('the library index', () => {
  it.each(Object.entries(DAMAGE))('is rebuilt from the article files when it is %s', async (_, damage) => {
    let store = await openStore();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { input, sentences } = sampleArticle(4, `Article ${i}`);
      const a = await store.create(input, sentences);
      await store.mark(a.id, a.statements[0]!.id, { verdict: 'verified' });
      ids.push(a.id);
    }
    const { input, sentences } = sampleArticle(1, 'Trashed');
    const trashed = await store.create(input, sentences);
    await store.delete(trashed.id);
    const before = store.list();
    await store.close(); // close writes the index: damage it after that
    const good = await fs.readFile(libraryFile(), 'utf8');
    const bad = damage.bytes(good.replace(/"statementCount":4/, '"statementCount":"4"'));
    await fs.writeFile(libraryFile(), bad);

    store = await openStore();
    expect(store.list()).toEqual(before);
    expect(store.trash().map((t) => t.id)).toEqual([trashed.id]);
    expect(store.notices).toEqual([
      expect.objectContaining({ file: libraryFile(), restoredFrom: null, problem: expect.stringMatching(/library\.json/) }),
    ]);
    expect(await fs.readFile(store.notices[0]!.movedTo!)).toEqual(Buffer.isBuffer(bad) ? bad : Buffer.from(bad));
    store = await reopen(store);
    expect(store.notices).toEqual([]); // the rebuilt index was saved
    expect(store.list()).toEqual(before);
  });

  it('is rebuilt when only trashed articles are left', async () => {
    let store = await openStore();
    const { input, sentences } = sampleArticle(1);
    const a = await store.create(input, sentences);
    await store.delete(a.id);
    await store.close();
    await fs.writeFile(libraryFile(), 'garbage');
    store = await openStore();
    expect(store.trash().map((t) => t.id)).toEqual([a.id]);
    await store.restore(a.id);
  });
});

describe('a folder the store may not write to', () => {
  /**
   * The tests run as root in CI, and root writes through chmod 0555. There the faulty disk
   * (fixtures/faulty-disk.ts) fails each write with EACCES, which is exactly what the temp file's open()
   * gets from a read-only folder for anyone else. As a normal user the real chmod runs too.
   */
  const isRoot = process.getuid?.() === 0;

  it('refuses a change with a clear message and changes nothing (simulated EACCES)', async () => {
    let failWith: string | null = null;
    faultyDisk(async (fh, text) => {
      if (failWith) throw errno(failWith);
      await fh.writeFile(text, 'utf8');
    });
    let store = await openStore();
    const { input, sentences } = sampleArticle(3);
    const a = await store.create(input, sentences);
    await store.mark(a.id, a.statements[0]!.id, { verdict: 'verified', note: 'checked' });
    const onDisk = await fs.readFile(articleFile(a.id), 'utf8');

    failWith = 'EACCES';
    const error = await store.mark(a.id, a.statements[0]!.id, { verdict: 'false', note: 'changed' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'UserError', code: 'read-only' });
    expect((error as Error).message).toMatch(/may not write to .*Check the folder's permissions; your last change was not saved\./);
    await expect(store.updateMeta(a.id, { title: 'New title' })).rejects.toMatchObject({ code: 'read-only' });
    await expect(store.create(input, sentences)).rejects.toMatchObject({ code: 'read-only' });

    // Memory still shows what is on disk.
    const inMemory = await store.get(a.id);
    expect(inMemory.statements[0]).toMatchObject({ verdict: 'verified', note: 'checked' });
    expect(inMemory.title).toBe(a.title);
    expect(store.list()).toEqual([expect.objectContaining({ id: a.id, title: a.title, checkedCount: 1 })]);
    expect(await fs.readFile(articleFile(a.id), 'utf8')).toBe(onDisk);
    expect((await filesIn(path.join(dir, 'articles'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    failWith = null;
    store = await reopen(store);
    expect((await store.get(a.id)).statements[0]).toMatchObject({ verdict: 'verified', note: 'checked' });
    expect(store.list()).toHaveLength(1);
  });

  it.skipIf(isRoot)('refuses a change with a clear message and changes nothing (chmod 0555)', async () => {
    let store = await openStore();
    const { input, sentences } = sampleArticle(3);
    const a = await store.create(input, sentences);
    await store.mark(a.id, a.statements[0]!.id, { verdict: 'verified' });
    await fs.chmod(path.join(dir, 'articles'), 0o555);
    await expect(store.mark(a.id, a.statements[0]!.id, { verdict: 'false' })).rejects.toMatchObject({ code: 'read-only' });
    expect((await store.get(a.id)).statements[0]!.verdict).toBe('verified');
    await fs.chmod(path.join(dir, 'articles'), 0o755);
    store = await reopen(store);
    expect((await store.get(a.id)).statements[0]!.verdict).toBe('verified');
  });

  it.skipIf(isRoot)('refuses to open a read-only store folder for writing, with a clear message', async () => {
    const store = await openStore();
    await store.close();
    await fs.chmod(dir, 0o555);
    await expect(Store.open(dir)).rejects.toMatchObject({ code: 'read-only', message: expect.stringContaining(dir) });
  });
});

describe('a full disk', () => {
  it('refuses the change with "disk is full", loses nothing and leaves the previous file intact', async () => {
    let full = false;
    faultyDisk(async (fh, text) => {
      if (!full) return void (await fh.writeFile(text, 'utf8'));
      await fh.writeFile(text.slice(0, text.length >> 1), 'utf8'); // half the data fits, then the disk is full
      throw errno('ENOSPC');
    });
    let store = await openStore();
    const { input, sentences } = sampleArticle(3);
    const a = await store.create(input, sentences);
    await store.mark(a.id, a.statements[0]!.id, { verdict: 'verified' });
    const onDisk = await fs.readFile(articleFile(a.id), 'utf8');
    const backup = await fs.readFile(`${articleFile(a.id)}.bak1`, 'utf8');
    const library = await fs.readFile(libraryFile(), 'utf8');

    full = true;
    const error = await store.mark(a.id, a.statements[1]!.id, { verdict: 'false' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'UserError', code: 'write-failed' });
    expect((error as Error).message).toMatch(/the disk is full .*your last change was not saved/);
    await expect(store.create(input, sentences)).rejects.toMatchObject({ message: expect.stringContaining('disk is full') });

    expect(await fs.readFile(articleFile(a.id), 'utf8')).toBe(onDisk);
    expect(await fs.readFile(`${articleFile(a.id)}.bak1`, 'utf8')).toBe(backup);
    expect(await fs.readFile(libraryFile(), 'utf8')).toBe(library);
    expect(await filesIn(path.join(dir, 'articles'))).toEqual([`${a.id}.json`, `${a.id}.json.bak1`]);
    expect((await store.get(a.id)).statements.map((s) => s.verdict)).toEqual(['verified', 'unchecked', 'unchecked']);

    // Once there is space again the next change goes through: a failed write blocks nothing.
    full = false;
    await store.mark(a.id, a.statements[2]!.id, { verdict: 'opinion' });
    store = await reopen(store);
    expect((await store.get(a.id)).statements.map((s) => s.verdict)).toEqual(['verified', 'unchecked', 'opinion']);
    expect(store.list()).toHaveLength(1);
    expect(store.notices).toEqual([]);
  });
});

describe('a failed index write at close', () => {
  it('leaves the lock behind so the next open rebuilds the index, even in the same process', async () => {
    let full = false;
    faultyDisk(async (fh, text) => {
      if (full) throw errno('ENOSPC');
      await fh.writeFile(text, 'utf8');
    });
    const store = await Store.open(dir);
    const { input, sentences } = sampleArticle(2);
    const a = await store.create(input, sentences);
    await store.mark(a.id, a.statements[0]!.id, { verdict: 'verified' }); // index written behind
    full = true;
    await expect(store.close()).rejects.toMatchObject({ message: expect.stringContaining('disk is full') });

    full = false; // space again: the next session can write
    const again = await openStore();
    expect(again.list()).toEqual([expect.objectContaining({ id: a.id, checkedCount: 1 })]);
    expect(again.notices).toEqual([]);
  });
});

describe('an unreadable store file', () => {
  it('that cannot be moved aside is reported as a UserError and left where it is', async () => {
    let store = await openStore();
    const { input, sentences } = sampleArticle(1);
    const a = await store.create(input, sentences);
    store = await reopen(store);
    await fs.writeFile(articleFile(a.id), '{"version":');
    // A file where the damaged/ folder should be: mkdir fails, for root too.
    await fs.writeFile(path.join(dir, 'damaged'), '');
    const error = await store.get(a.id).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'UserError', code: 'damaged' });
    expect((error as Error).message).toMatch(/is not valid JSON.*could not move it aside/);
    expect(await fs.readFile(articleFile(a.id), 'utf8')).toBe('{"version":');
  });

  it('is reported as a UserError, not a crash', async () => {
    let store = await openStore();
    const { input, sentences } = sampleArticle(1);
    const a = await store.create(input, sentences);
    store = await reopen(store);
    // A folder where the article file should be: readFile fails with EISDIR even for root.
    await fs.rm(articleFile(a.id));
    await fs.mkdir(articleFile(a.id));
    await expect(store.get(a.id)).rejects.toMatchObject({ name: 'UserError', code: 'damaged' });
  });
});
