/**
 * The `factdesk` command on the smaller gaps of issue 10: files that are not files, numbers that
 * are not statement numbers, and damaged files the store repaired, said as the app says them.
 * Needs `npm run build` first.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFactdesk, requireBuiltFactdesk, type Run } from './factdesk-command';

const ROOT = path.resolve(import.meta.dirname, '..');
const SAMPLE = path.join(ROOT, 'test/fixtures/hit-and-run.txt');

let dir: string;


const factdesk = (...args: string[]) => runFactdesk(args, { timeoutMs: 60_000 });

beforeAll(async () => {
  requireBuiltFactdesk();
  dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-cli-gaps-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('factdesk on files that are not regular files', { timeout: 120_000 }, () => {
  it.runIf(process.platform !== 'win32')('refuses a named pipe as one, without holding the store', async () => {
    const store = path.join(dir, 'fifo-store');
    const fifo = path.join(dir, 'report.json');
    execFileSync('mkfifo', [fifo]);
    const run = await factdesk('--store', store, 'import', fifo);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('factdesk: Could not open report.json: it is a named pipe, not a file.\n');
    // The lock went with the command.
    expect((await readdir(store)).filter((name) => name.startsWith('factdesk.lock'))).toEqual([]);
  });

  it.runIf(process.platform !== 'win32')('refuses a .json symlink to /dev/zero as a device', async () => {
    const link = path.join(dir, 'zero.json');
    execFileSync('ln', ['-s', '/dev/zero', link]);
    const run = await factdesk('--store', path.join(dir, 'zero-store'), 'import', link);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('factdesk: Could not open zero.json: it is a device, not a file.\n');
  });
});

// Several commands each, and each starts a Node process: generous limits for a loaded machine.
describe('factdesk with one store', { timeout: 180_000 }, () => {
  let store: string;
  let id: string;
  beforeAll(async () => {
    store = path.join(dir, 'store');
    id = (await factdesk('--store', store, 'import', SAMPLE)).json.id;
  }, 120_000);

  it('takes INDEX as digits only: 1e0, 0x1 and " 1" are refused', async () => {
    const indexes = ['1e0', '0x1', ' 1'];
    const runs: Run[] = [];
    // One after the other: each takes the store's lock.
    for (const index of indexes) runs.push(await factdesk('--store', store, 'mark', id, index, '--verdict', 'verified'));
    expect(runs.map((run) => [run.code, run.stderr])).toEqual(
      indexes.map((index) => [2, `factdesk: INDEX must be a statement number from 1 to 19; got "${index}".\n`]),
    );
    expect((await factdesk('--store', store, 'mark', id, '1', '--verdict', 'verified')).code).toBe(0);
  });

  it('says so when it restores a damaged article file from its backup', async () => {
    await factdesk('--store', store, 'mark', id, '2', '--verdict', 'false');
    // The last write's previous version (statement 2 false) is the backup; statement 4 goes with the damage.
    await factdesk('--store', store, 'mark', id, '4', '--verdict', 'misleading');
    const file = path.join(store, 'articles', `${id}.json`);
    await writeFile(file, '{"version": 3, "article": {');
    const run = await factdesk('--store', store, 'mark', id, '3', '--verdict', 'opinion');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`^factdesk: .*${id}\\.json.* The last good copy was restored from .*${id}\\.json\\.bak1\\. The damaged file was kept at .*damaged.*\\n$`));
    const shown = await factdesk('--store', store, 'show', id);
    expect(shown.json.statements.slice(0, 4).map((s: { verdict: string }) => s.verdict)).toEqual(['verified', 'false', 'opinion', 'unchecked']);
  });

  it('says so when settings.json is damaged, and keeps the editor name from its backup', async () => {
    await factdesk('--store', store, 'settings', '--editor', 'Ana Ruiz');
    await factdesk('--store', store, 'settings', '--newsroom', 'Bugle');
    await writeFile(path.join(store, 'settings.json'), '{"version": 3, "settings": {"editorName": "Ana');
    const run = await factdesk('--store', store, 'settings', '--newsroom-url', 'https://bugle.example/');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^factdesk: .*settings\.json.* The last good copy was restored from .*settings\.json\.bak1\./);
    expect(run.json).toMatchObject({ editorName: 'Ana Ruiz' });
  });
});
