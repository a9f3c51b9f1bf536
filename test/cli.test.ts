/**
 * The `factdesk` command as a newsroom script runs it: the built file, plain node, a store
 * folder of its own. Needs `npm run build` first.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'out/main/factdesk.js');
const SAMPLE = path.resolve(ROOT, '../shared/samples/hit-and-run.txt');

let dir: string;
let store: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  json: any;
}

function factdesk(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, FACTDESK_STORE: '' } }, (err, stdout, stderr) => {
      let json: unknown = null;
      try {
        json = JSON.parse(stdout);
      } catch {
        // not every run prints JSON (errors, --help)
      }
      resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr, json });
    });
  });
}

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error('out/main/factdesk.js is missing: run `npm run build` first.');
  dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-cli-'));
  store = path.join(dir, 'store');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('factdesk', () => {
  it('segments a file into statements whose offsets slice its text', async () => {
    const run = await factdesk('segment', SAMPLE);
    expect(run.code).toBe(0);
    expect(run.json).toHaveLength(19);
    expect(run.json[4]).toMatchObject({
      text: 'Per Netflix, Hit & Run landed in the streamer’s Top 10 after a one-day debut.',
    });
    const text = (await readFile(SAMPLE, 'utf8')).replace(/\r\n?/g, '\n').trim();
    for (const s of run.json) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('imports, lists, marks, shows and exports through one store', async () => {
    const imported = await factdesk('--store', store, 'import', SAMPLE);
    expect(imported.code).toBe(0);
    expect(imported.json).toMatchObject({ title: 'Hit & Run will not be getting a second season at Netflix.', statements: 19 });
    const id = imported.json.id as string;

    const marked = await factdesk(
      '--store', store, 'mark', id, '5', '--verdict', 'verified',
      '--quote', 'landed in the Top 10', '--source-title', 'Netflix Top 10', '--source-url', 'https://top10.netflix.com',
    );
    expect(marked.code).toBe(0);
    expect(marked.json).toMatchObject({ verdict: 'verified', sources: [{ quote: 'landed in the Top 10', title: 'Netflix Top 10' }] });

    const list = await factdesk('--store', store, 'list');
    expect(list.json).toEqual([expect.objectContaining({ id, statementCount: 19, checkedCount: 1 })]);

    const shown = await factdesk('--store', store, 'show', id);
    expect(shown.json.statements[4]).toMatchObject({ index: 5, verdict: 'verified' });
    expect(shown.json.statements[4].text).toContain('Per Netflix');

    const out = path.join(dir, 'report.md');
    const exported = await factdesk('--store', store, 'export', id, '--format', 'md', '--out', out);
    expect(exported.code).toBe(0);
    expect(exported.json).toEqual({ path: out });
    expect(await readFile(out, 'utf8')).toContain('**Quote (supports):** “landed in the Top 10”');
  });

  it('takes a title and keeps the edits of earlier commands', async () => {
    const file = path.join(dir, 'council.md');
    await writeFile(file, '# Council backs **plan**\n\nThe council voted 7-2. Dr. Lee abstained.\n');
    const imported = await factdesk('--store', store, 'import', file, '--title', 'Council vote');
    expect(imported.json).toMatchObject({ title: 'Council vote', statements: 3 });
    const list = await factdesk('--store', store, 'list');
    expect(list.json).toHaveLength(2);
  });

  it('fails with one clear line and a non-zero exit', async () => {
    const cases: [string[], number, RegExp][] = [
      [['--store', store, 'show', 'nope'], 1, /^factdesk: There is no article nope in the library\.\n$/],
      [['--store', store, 'mark', 'nope', '1'], 1, /^factdesk: There is no article nope/],
      [['segment', path.join(dir, 'missing.txt')], 1, /^factdesk: Could not open missing\.txt: the file does not exist\.\n$/],
      [['frobnicate'], 2, /^factdesk: Unknown command "frobnicate"/],
      [['--colour'], 2, /^factdesk: Unknown option '--colour'/],
      [['--store', store, 'export', 'x', '--format', 'docx', '--out', 'r'], 2, /--format must be one of/],
    ];
    for (const [args, code, stderr] of cases) {
      const run = await factdesk(...args);
      expect(run.code, args.join(' ')).toBe(code);
      expect(run.stderr, args.join(' ')).toMatch(stderr);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(run.stdout).toBe('');
    }
  });

  it('refuses a bad verdict without touching the store', async () => {
    const list = await factdesk('--store', store, 'list');
    const id = list.json[1].id as string;
    const run = await factdesk('--store', store, 'mark', id, '1', '--verdict', 'maybe');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^factdesk: Verdict /);
    const shown = await factdesk('--store', store, 'show', id);
    expect(shown.json.statements[0].verdict).toBe('unchecked');
  });

  it('checks a quote against a source file, and attaches sources to statements', async () => {
    const source = path.join(dir, 'source.txt');
    await writeFile(source, 'The show ran for nine episodes.\nNetflix said it would not renew it.');
    const exact = await factdesk('verify-quote', '--source', source, '--quote', 'ran for nine episodes', '--statement', 'The show ran for nine episodes in Israel.');
    expect(exact.json).toEqual({
      match: 'exact',
      start: 9,
      end: 30,
      passage: 'ran for nine episodes',
      differences: [],
      unsupported: ['Israel'],
    });
    const changed = await factdesk('verify-quote', '--source', source, '--quote', 'Netflix said it would renew it');
    expect(changed.json.match).not.toMatch(/exact|normalised/);

    const list = await factdesk('--store', store, 'list');
    const id = list.json[0].id as string;
    const attached = await factdesk('--store', store, 'attach', id, source);
    expect(attached.json).toMatchObject({ name: 'source.txt', kind: 'txt', chars: 67 });
    const marked = await factdesk('--store', store, 'mark', id, '2', '--verdict', 'verified', '--quote', 'ran for nine episodes', '--source-file', source, '--role', 'supports');
    expect(marked.code).toBe(0);
    expect(marked.json.sources[0]).toMatchObject({ role: 'supports', file: 'source.txt', check: { match: 'exact', passage: 'ran for nine episodes' } });
    const bad = await factdesk('--store', store, 'mark', id, '2', '--role', 'refutes');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('factdesk: --role must be one of supports, contradicts, context.\n');
  });

  it('prints its usage for --help', async () => {
    const run = await factdesk('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: factdesk [--store DIR] <command>');
  });
});
