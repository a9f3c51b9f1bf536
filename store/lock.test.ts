/** The one-writer lock, within one process and against lock files left by others. */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { LOCK_FILE, UNREADABLE_LOCK_LIVE_MS } from './lock';
import { Store } from './store';
import { deadPid, errno, filesIn, sampleArticle, tempDir } from './fixtures/helpers';

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await fs.rm(dir, { recursive: true, force: true });
});

const writeLock = (info: object | string) =>
  fs.writeFile(path.join(dir, LOCK_FILE), typeof info === 'string' ? info : JSON.stringify(info));

it('a second writer in the same process is refused until the first closes', async () => {
  const first = await Store.open(dir, { by: 'the first window' });
  await expect(Store.open(dir, { by: 'the second window' })).rejects.toMatchObject({
    name: 'UserError',
    code: 'locked',
    message: expect.stringContaining('the first window'),
  });
  // Reading alongside the writer is fine.
  const reader = await Store.open(dir, { readOnly: true });
  expect(reader.list()).toEqual([]);
  await first.close();
  const second = await Store.open(dir);
  await second.close();
});

it('of two opens started at the same moment in one process, exactly one gets the store', async () => {
  const results = await Promise.allSettled([Store.open(dir), Store.open(dir)]);
  expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
  expect(rejected.reason).toMatchObject({ code: 'locked' });
  await (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<Store>).value.close();
});

it('a lock held by a live process on this computer names the holder', async () => {
  // Our parent process is alive and is not us.
  await writeLock({ pid: process.ppid, hostname: os.hostname(), since: '2025-01-01T10:00:00.000Z', by: 'the Factdesk app' });
  const error = await Store.open(dir).catch((e: unknown) => e);
  expect(error).toMatchObject({ code: 'locked' });
  expect((error as Error).message).toBe(
    `The store at ${dir} is in use by the Factdesk app (process ${process.ppid}, since 2025-01-01T10:00:00.000Z). ` +
      'Close it first, or use another store with --store.',
  );
});

it('a lock from another computer is never taken over', async () => {
  await writeLock({ pid: 1, hostname: 'desk-42.newsroom', since: '2025-01-01T10:00:00.000Z', by: 'the Factdesk app' });
  await expect(Store.open(dir)).rejects.toMatchObject({
    code: 'locked',
    message: expect.stringMatching(/in use by the Factdesk app on desk-42\.newsroom/),
  });
});

it('a stale lock from a dead process is taken over and the index rebuilt', async () => {
  const store = await Store.open(dir);
  const { input, sentences } = sampleArticle(3);
  const a = await store.create(input, sentences);
  const indexBefore = await fs.readFile(path.join(dir, 'library.json'), 'utf8');
  await store.mark(a.id, a.statements[0]!.id, { verdict: 'verified' });
  await store.close();
  // As if the process had died before the written-behind index flush: old index, lock left behind.
  await fs.writeFile(path.join(dir, 'library.json'), indexBefore);
  await writeLock({ pid: await deadPid(), hostname: os.hostname(), since: '2025-01-01T10:00:00.000Z', by: 'the Factdesk app' });

  const again = await Store.open(dir);
  try {
    expect(again.list()).toEqual([expect.objectContaining({ id: a.id, checkedCount: 1 })]);
    expect(JSON.parse(await fs.readFile(path.join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    expect(again.notices).toEqual([]);
  } finally {
    await again.close();
  }
});

it('an empty lock file created a moment ago is a writer at work: refused, and left in place', async () => {
  await writeLock('');
  await expect(Store.open(dir)).rejects.toMatchObject({
    code: 'locked',
    message: `The store at ${dir} is being opened by another process right now. Try again in a moment, or use another store with --store.`,
  });
  expect(await fs.readFile(path.join(dir, LOCK_FILE), 'utf8')).toBe('');
});

it('a lock file cut short long ago counts as stale', async () => {
  await writeLock('{"pid":12');
  const old = new Date(Date.now() - UNREADABLE_LOCK_LIVE_MS - 5_000);
  await fs.utimes(path.join(dir, LOCK_FILE), old, old);
  const store = await Store.open(dir);
  expect(JSON.parse(await fs.readFile(path.join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
  await store.close();
});

it('a full disk while locking says so and leaves no lock file behind', async () => {
  const writeFile = fs.writeFile;
  vi.spyOn(fs, 'writeFile').mockImplementation(async (file, ...rest) => {
    if (String(file).includes(LOCK_FILE)) throw errno('ENOSPC');
    return writeFile(file, ...rest);
  });
  await expect(Store.open(dir)).rejects.toMatchObject({
    name: 'UserError',
    code: 'write-failed',
    message: `Factdesk cannot lock its store folder ${dir}: the disk is full. Free some space and try again.`,
  });
  expect((await filesIn(dir)).filter((name) => name.startsWith(LOCK_FILE))).toEqual([]);
});

it('a stale lock on a read-only store is a clear refusal, not an unexpected error', async () => {
  await writeLock({ pid: await deadPid(), hostname: os.hostname(), since: '2025-01-01T10:00:00.000Z', by: 'the Factdesk app' });
  // The lock is judged stale, and moving it aside is refused.
  vi.spyOn(fs, 'rename').mockRejectedValue(errno('EROFS'));
  await expect(Store.open(dir)).rejects.toMatchObject({
    name: 'UserError',
    code: 'read-only',
    message: `Factdesk may not write to its store folder ${dir}. Check the folder's permissions.`,
  });
});

it('after a stale lock, a damaged index is moved aside before the rebuild writes a new one', async () => {
  const store = await Store.open(dir);
  const { input, sentences } = sampleArticle(2);
  const a = await store.create(input, sentences);
  await store.close();
  await fs.writeFile(path.join(dir, 'library.json'), '{"version":1,"articles":[');
  await writeLock({ pid: await deadPid(), hostname: os.hostname(), since: '2025-01-01T10:00:00.000Z', by: 'the Factdesk app' });

  const again = await Store.open(dir);
  try {
    expect(again.list().map((s) => s.id)).toEqual([a.id]);
    expect(again.notices).toHaveLength(1);
    expect(await fs.readFile(again.notices[0]!.movedTo!, 'utf8')).toBe('{"version":1,"articles":[');
  } finally {
    await again.close();
  }
});
