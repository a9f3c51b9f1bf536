/**
 * The store's everyday behaviour. Everything that must survive is checked by closing the store
 * and opening the folder again, never by reading the instance that made the change.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from './errors';
import { LOCK_FILE } from './lock';
import { SCHEMA_VERSION } from './file-schemas';
import type { Article } from '../domain/schema';
import { emptySource } from '../domain/verdicts';
import { Store, TRASH_DAYS } from './store';
import { faultyDisk } from './fixtures/faulty-disk';
import { filesIn, sampleArticle, tempDir } from './fixtures/helpers';

let dir: string;
const open: Store[] = [];

beforeEach(async () => {
  dir = await tempDir();
});

afterEach(async () => {
  await Promise.allSettled(open.splice(0).map((s) => s.close()));
  await fs.rm(dir, { recursive: true, force: true });
});

async function openStore(options: Parameters<typeof Store.open>[1] = {}): Promise<Store> {
  const store = await Store.open(dir, options);
  open.push(store);
  return store;
}

/** Closes `store` and opens the same folder again: what a restart of the app sees. */
async function reopen(store: Store, options: Parameters<typeof Store.open>[1] = {}): Promise<Store> {
  await store.close();
  return openStore(options);
}

async function createSample(store: Store, count = 3, title?: string): Promise<Article> {
  const { input, sentences } = sampleArticle(count, title);
  return store.create(input, sentences);
}

function statement(article: Article, index: number) {
  const s = article.statements[index];
  if (!s) throw new Error(`no statement ${index}`);
  return s;
}

describe('layout on disk', () => {
  it('keeps a small index plus one file per article, each recording its version', async () => {
    const store = await openStore();
    const a = await createSample(store, 3, 'First');
    const b = await createSample(store, 2, 'Second');
    await store.close();

    expect(await filesIn(path.join(dir, 'articles'))).toEqual([`${a.id}.json`, `${b.id}.json`].sort());
    const library = JSON.parse(await fs.readFile(path.join(dir, 'library.json'), 'utf8'));
    expect(library.version).toBe(SCHEMA_VERSION);
    // The index holds summaries only: no article text, no statements.
    expect(library.articles.map((s: { id: string }) => s.id).sort()).toEqual([a.id, b.id].sort());
    expect(JSON.stringify(library)).not.toContain(a.text.slice(0, 40));
    const file = JSON.parse(await fs.readFile(path.join(dir, 'articles', `${a.id}.json`), 'utf8'));
    expect(file).toEqual({ version: SCHEMA_VERSION, article: a });
    expect(await filesIn(dir)).not.toContain(LOCK_FILE); // released on close
  });

  it('opening reads the index only; an article is read when it is opened', async () => {
    let store = await openStore();
    const a = await createSample(store);
    const b = await createSample(store);
    store = await reopen(store);
    // Make b's file unreadable as JSON: if open or list touched it, a notice would appear.
    await fs.writeFile(path.join(dir, 'articles', `${b.id}.json`), 'not json');
    expect(store.list().map((s) => s.id).sort()).toEqual([a.id, b.id].sort());
    expect(store.notices).toEqual([]);
    await store.get(a.id);
    expect(store.notices).toEqual([]);
    await expect(store.get(b.id)).rejects.toMatchObject({ code: 'damaged' });
    expect(store.notices).toHaveLength(1);
  });
});

describe('changes', () => {
  it('create, mark and updateMeta persist across a restart', async () => {
    let store = await openStore();
    const a = await createSample(store, 4, 'Budget');
    const s1 = statement(a, 1);
    const marked = await store.mark(a.id, s1.id, {
      verdict: 'misleading',
      note: 'Compares nominal with real figures.',
      sources: [
        {
          ...emptySource(),
          role: 'contradicts',
          quote: 'Spending rose 2% in real terms.',
          title: 'Budget report',
          url: 'https://example.org/report',
          file: '',
          publisher: 'Statistics office',
          publishedAt: '2025-01-02',
        },
      ],
    });
    expect(marked).toMatchObject({ id: s1.id, verdict: 'misleading', text: s1.text });
    expect(marked.updatedAt).not.toBeNull();
    const updated = await store.updateMeta(a.id, { title: 'Budget (corrected)', outlet: undefined });
    expect(updated.title).toBe('Budget (corrected)');
    expect(updated.outlet).toBe(a.outlet); // undefined leaves a field as it was

    store = await reopen(store);
    const again = await store.get(a.id);
    expect(again.title).toBe('Budget (corrected)');
    expect(statement(again, 1)).toEqual(marked);
    expect(statement(again, 0).verdict).toBe('unchecked');
    expect(store.list()).toEqual([
      expect.objectContaining({ id: a.id, title: 'Budget (corrected)', statementCount: 4, checkedCount: 1 }),
    ]);
  });

  it('a partial patch leaves the other fields of the statement alone', async () => {
    let store = await openStore();
    const a = await createSample(store);
    const s = statement(a, 0);
    await store.mark(a.id, s.id, { verdict: 'false', note: 'first note' });
    await store.mark(a.id, s.id, { note: 'second note' });
    store = await reopen(store);
    expect(statement(await store.get(a.id), 0)).toMatchObject({ verdict: 'false', note: 'second note' });
  });

  it('lists the newest article first', async () => {
    const store = await openStore();
    const a = await createSample(store, 1, 'older');
    const b = await createSample(store, 1, 'newer');
    expect(store.list().map((s) => s.id)).toEqual([b.id, a.id]);
  });

  it('refuses unknown articles and statements with a plain message', async () => {
    const store = await openStore();
    const a = await createSample(store);
    await expect(store.get('nope')).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining('nope') });
    await expect(store.mark(a.id, 'missing', { verdict: 'verified' })).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('missing'),
    });
    await expect(store.mark('nope', 'x', { verdict: 'verified' })).rejects.toBeInstanceOf(UserError);
  });

  it('never writes a change its own next read would refuse', async () => {
    let store = await openStore();
    const a = await createSample(store);
    // The IPC layer validates patches; a caller that skips it must still not damage the file.
    const bad = { verdict: 'maybe' } as unknown as Parameters<Store['mark']>[2];
    await expect(store.mark(a.id, statement(a, 0).id, bad)).rejects.toMatchObject({ code: 'invalid-input' });
    store = await reopen(store);
    expect(statement(await store.get(a.id), 0).verdict).toBe('unchecked');
    expect(store.notices).toEqual([]);
  });

  it('shows a change to readers only once it is on disk', async () => {
    let release!: () => void;
    let entered!: () => void;
    const inWrite = new Promise<void>((r) => (entered = r));
    const gate = new Promise<void>((r) => (release = r));
    let holdWrites = false;
    faultyDisk(async (fh, text) => {
      if (holdWrites) {
        entered();
        await gate;
      }
      await fh.writeFile(text, 'utf8');
    });
    let store = await openStore();
    const a = await createSample(store);
    const s = statement(a, 0);
    holdWrites = true;
    const pending = store.mark(a.id, s.id, { verdict: 'verified' });
    await inWrite;
    expect(statement(await store.get(a.id), 0).verdict).toBe('unchecked');
    release();
    await pending;
    expect(statement(await store.get(a.id), 0).verdict).toBe('verified');
    store = await reopen(store);
    expect(statement(await store.get(a.id), 0).verdict).toBe('verified');
  });
});

describe('concurrent changes in one process', () => {
  it('200 concurrent marks on one article are all kept', async () => {
    let store = await openStore();
    const a = await createSample(store, 200);
    const verdicts = ['verified', 'false', 'misleading', 'opinion'] as const;
    await Promise.all(
      a.statements.map((s, i) => store.mark(a.id, s.id, { verdict: verdicts[i % verdicts.length], note: `note ${i}` })),
    );
    store = await reopen(store);
    const again = await store.get(a.id);
    again.statements.forEach((s, i) => {
      expect(s).toMatchObject({ verdict: verdicts[i % verdicts.length], note: `note ${i}` });
    });
    expect(store.list()[0]).toMatchObject({ statementCount: 200, checkedCount: 200 });
  });

  it('marks racing the first read of an article and a metadata change lose nothing', async () => {
    let store = await openStore({ durable: false });
    const a = await createSample(store, 20);
    store = await reopen(store, { durable: false }); // nothing cached: every call below races the read
    await Promise.all([
      store.get(a.id),
      ...a.statements.flatMap((s, i) => [store.mark(a.id, s.id, { note: `n${i}` }), store.get(a.id)]),
      store.updateMeta(a.id, { title: 'Renamed' }),
    ]);
    store = await reopen(store);
    const again = await store.get(a.id);
    expect(again.title).toBe('Renamed');
    expect(again.statements.map((s) => s.note)).toEqual(a.statements.map((_, i) => `n${i}`));
  });
});

describe('trash', () => {
  const DAY = 24 * 3600 * 1000;
  let clock: number;
  const now = () => new Date(clock);

  beforeEach(() => {
    clock = Date.parse('2025-03-01T09:00:00.000Z');
  });

  it('delete moves an article to the trash, restore brings it back with its changes', async () => {
    let store = await openStore({ now });
    const a = await createSample(store);
    await store.mark(a.id, statement(a, 2).id, { verdict: 'verified' });
    await store.delete(a.id);
    expect(store.list()).toEqual([]);
    await expect(store.get(a.id)).rejects.toMatchObject({ code: 'not-found' });

    store = await reopen(store, { now });
    expect(store.trash()).toEqual([expect.objectContaining({ id: a.id, deletedAt: now().toISOString(), checkedCount: 1 })]);
    expect(await filesIn(path.join(dir, 'articles'))).toEqual([]);
    expect(await filesIn(path.join(dir, 'trash'))).toContain(`${a.id}.json`);

    clock += (TRASH_DAYS - 1) * DAY;
    store = await reopen(store, { now });
    expect(store.trash().map((t) => t.id)).toEqual([a.id]); // 29 days: still there
    const summary = await store.restore(a.id);
    expect(summary).toMatchObject({ id: a.id, checkedCount: 1 });

    store = await reopen(store, { now });
    expect(store.trash()).toEqual([]);
    expect(store.list().map((s) => s.id)).toEqual([a.id]);
    expect(statement(await store.get(a.id), 2).verdict).toBe('verified');
    // Its backups travelled with it, so recovery still works after a round trip through the trash.
    expect(await filesIn(path.join(dir, 'articles'))).toContain(`${a.id}.json.bak1`);
  });

  it(`purges articles deleted more than ${TRASH_DAYS} days ago, with their backups`, async () => {
    let store = await openStore({ now });
    const old = await createSample(store, 2, 'old');
    const recent = await createSample(store, 2, 'recent');
    await store.mark(old.id, statement(old, 0).id, { verdict: 'false' }); // gives it a backup
    await store.delete(old.id);
    clock += 10 * DAY;
    await store.delete(recent.id);

    clock += (TRASH_DAYS - 10) * DAY + 60_000; // old: 30 days and a minute; recent: 20 days
    store = await reopen(store, { now });
    expect(store.trash().map((t) => t.id)).toEqual([recent.id]);
    const left = await filesIn(path.join(dir, 'trash'));
    expect(left.filter((f) => f.startsWith(old.id))).toEqual([]);
    expect(left).toContain(`${recent.id}.json`);
    await expect(store.restore(old.id)).rejects.toMatchObject({ code: 'not-found' });

    store = await reopen(store, { now });
    expect(store.trash().map((t) => t.id)).toEqual([recent.id]);
  });

  it('a restored article is not purged later', async () => {
    let store = await openStore({ now });
    const a = await createSample(store);
    await store.delete(a.id);
    await store.restore(a.id);
    clock += 40 * DAY;
    store = await reopen(store, { now });
    expect(store.list().map((s) => s.id)).toEqual([a.id]);
    await store.get(a.id);
  });
});

describe('opening for reading only', () => {
  it('reads without taking the lock and refuses changes', async () => {
    const writer = await openStore();
    const a = await createSample(writer);
    await writer.close();
    const reader = await openStore({ readOnly: true });
    expect(await filesIn(dir)).not.toContain(LOCK_FILE);
    expect((await reader.get(a.id)).id).toBe(a.id);
    await expect(reader.mark(a.id, statement(a, 0).id, { verdict: 'verified' })).rejects.toMatchObject({ code: 'read-only' });
  });
});
