/** The write path under the store: atomic replace, backups, ordering and failure. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupPath, DurableJSONFile } from './durable-file';
import { faultyDisk } from './fixtures/faulty-disk';
import { errno, filesIn, tempDir } from './fixtures/helpers';

let dir: string;
let file: string;
const read = async (f: string) => JSON.parse(await fs.readFile(f, 'utf8'));
const ino = async (f: string) => (await fs.stat(f)).ino;

beforeEach(async () => {
  dir = await tempDir();
  file = path.join(dir, 'a.json');
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe.each([true, false])('DurableJSONFile (durable: %s)', (durable) => {
  it('keeps the two previous versions, the newer as a hard link (no copy)', async () => {
    const adapter = new DurableJSONFile<{ n: number }>(file, { durable });
    await adapter.write({ n: 1 });
    expect(await filesIn(dir)).toEqual(['a.json']);
    const first = await ino(file);
    await adapter.write({ n: 2 });
    await adapter.write({ n: 3 });
    expect(await read(file)).toEqual({ n: 3 });
    expect(await read(backupPath(file, 1))).toEqual({ n: 2 });
    expect(await read(backupPath(file, 2))).toEqual({ n: 1 });
    expect(await ino(backupPath(file, 2))).toBe(first);
    expect(await filesIn(dir)).toEqual(['a.json', 'a.json.bak1', 'a.json.bak2']);
  });

  it('writes queued changes in the order they were made', async () => {
    const adapter = new DurableJSONFile<{ n: number }>(file, { durable });
    await Promise.all(Array.from({ length: 20 }, (_, n) => adapter.write({ n })));
    expect(await read(file)).toEqual({ n: 19 });
    expect(await read(backupPath(file, 1))).toEqual({ n: 18 });
  });
});

it('a failed write leaves the file and its backups as they were, and does not block the next one', async () => {
  let fail = false;
  faultyDisk(async (fh, text) => {
    if (fail) {
      await fh.writeFile(text.slice(0, 3));
      throw errno('ENOSPC');
    }
    await fh.writeFile(text);
  });
  const adapter = new DurableJSONFile<{ n: number }>(file, { durable: true });
  await adapter.write({ n: 1 });
  await adapter.write({ n: 2 });
  fail = true;
  await expect(adapter.write({ n: 3 })).rejects.toMatchObject({ code: 'write-failed', message: expect.stringContaining('disk is full') });
  expect(await read(file)).toEqual({ n: 2 });
  expect(await read(backupPath(file, 1))).toEqual({ n: 1 });
  expect(await filesIn(dir)).toEqual(['a.json', 'a.json.bak1']);
  fail = false;
  await adapter.write({ n: 4 });
  expect(await read(file)).toEqual({ n: 4 });
});

it('after a crash between keeping the backup and the rename, the older backup is not overwritten', async () => {
  // What a kill leaves between link(file, bak1) and rename(tmp, file): file and bak1 are one file.
  await fs.writeFile(backupPath(file, 2), JSON.stringify({ n: 0 }));
  await fs.writeFile(file, JSON.stringify({ n: 1 }));
  await fs.link(file, backupPath(file, 1));

  const adapter = new DurableJSONFile<{ n: number }>(file, { durable: true });
  await adapter.write({ n: 2 }); // bak2 and bak1 are now both links to n:1
  await adapter.write({ n: 3 });
  // rename(bak1, bak2) is a no-op between links to one file; the older version must survive it.
  expect(await read(file)).toEqual({ n: 3 });
  expect(await read(backupPath(file, 1))).toEqual({ n: 2 });
  expect(await read(backupPath(file, 2))).toEqual({ n: 1 });
});
