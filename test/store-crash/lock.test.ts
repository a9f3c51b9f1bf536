/** One writer across processes: a second Factdesk never writes a store another one holds. */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Store } from '../../store/store';
import { sampleArticle, tempDir } from '../../store/fixtures/helpers';
import { startChild } from './protocol';

let dir: string;
beforeEach(async () => {
  dir = await tempDir('factdesk-lock-');
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

it('a second process is refused with a message naming the holder, and gets in once it closes', async () => {
  const child = startChild('hold', dir);
  try {
    const pid = await child.ready;
    const error = await Store.open(dir).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'UserError', code: 'locked' });
    expect((error as Error).message).toMatch(new RegExp(`in use by the lock test \\(process ${pid}, since `));
  } finally {
    child.process.stdin.end(); // the child closes its store and exits
  }
  expect(await child.exited).toEqual({ code: 0, signal: null });
  const store = await Store.open(dir);
  await store.close();
});

it('a holder killed with -9 leaves a stale lock that the next process takes over', async () => {
  const setup = await Store.open(dir);
  const { input, sentences } = sampleArticle(4);
  const a = await setup.create(input, sentences);
  await setup.close();

  const child = startChild('mark', dir, 100);
  await child.ready;
  // Let it acknowledge a few marks, then kill it before its index flush (written behind, 500 ms).
  let ended = false;
  void child.exited.then(() => (ended = true));
  while (!ended && !child.lines.some((l) => l.startsWith('ack '))) await new Promise((r) => setTimeout(r, 5));
  expect(child.stderr()).toBe('');
  child.process.kill('SIGKILL');
  await child.exited;

  const store = await Store.open(dir);
  try {
    const article = await store.get(a.id);
    const checked = article.statements.filter((s) => s.verdict !== 'unchecked').length;
    expect(checked).toBeGreaterThan(0);
    // The index was rebuilt from the article file, not read from the stale library.json.
    expect(store.list()).toEqual([expect.objectContaining({ id: a.id, checkedCount: checked })]);
  } finally {
    await store.close();
  }
});

it('several processes opening the store and marking at once lose no acknowledged mark', { timeout: 120_000 }, async () => {
  const setup = await Store.open(dir);
  const { input, sentences } = sampleArticle(200);
  const a = await setup.create(input, sentences);
  await setup.close();

  const WORKERS = 4;
  const runs = Array.from({ length: WORKERS }, (_, w) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'contender.ts'), dir, String(w), String(WORKERS)], {
      cwd: path.resolve(import.meta.dirname, '../..'),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
      child.on('close', (code) => resolve({ code, stdout, stderr })),
    );
  });
  const results = await Promise.all(runs);
  // Every process finished cleanly: no "Could not save … ENOENT" from a temp file another deleted.
  expect(results.map((r) => r.stderr)).toEqual(Array(WORKERS).fill(''));
  expect(results.map((r) => r.code)).toEqual(Array(WORKERS).fill(0));

  const acks = results.flatMap((r) => r.stdout.split('\n').filter(Boolean)).map((line) => {
    const [, statementId, ...note] = line.split(' ');
    return { statementId: statementId!, note: note.join(' ') };
  });
  expect(acks).toHaveLength(200);
  const store = await Store.open(dir, { readOnly: true });
  try {
    const article = await store.get(a.id);
    const lost = acks.filter((ack) => article.statements.find((s) => s.id === ack.statementId)?.note !== ack.note);
    expect(lost).toEqual([]);
  } finally {
    await store.close();
  }
});
