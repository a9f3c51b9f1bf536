/** The `factdesk` command's export and import of reports, run from source with tsx as a user would run it. */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const CLI = path.join(ROOT, 'cli/factdesk.ts');
const exec = promisify(execFile);

let dir: string;
let store: string;

async function factdesk(args: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await exec(TSX, [CLI, '--store', store, ...args], {
      cwd: dir,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr, json: stdout.trim() ? JSON.parse(stdout) : null };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr, json: null };
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-cli-report-'));
  store = path.join(dir, 'store');
  await writeFile(path.join(dir, 'a.txt'), 'Taxes fell 4%, said the mayor. The budget passed.\n');
  await writeFile(path.join(dir, 'b.txt'), 'Taxes fell 4%, said the mayor. Turnout was 40%.\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('factdesk export and import', () => {
  it('round-trips an article through a JSON report, and exports a whole library with progress', async () => {
    const a = (await factdesk(['import', 'a.txt', '--title', 'Same title'])).json;
    await factdesk(['import', 'b.txt', '--title', 'Same title']);
    const marked = await factdesk(['mark', a.id, '1', '--verdict', 'false', '--quote', '=1+1, "rose"', '--source-url', 'https://city.example/']);
    expect(marked.code).toBe(0);

    const exported = await factdesk(['export', a.id, '--format', 'json', '--out', 'a.json']);
    expect(exported.json).toEqual({ path: path.join(dir, 'a.json') });
    const imported = await factdesk(['import', 'a.json']);
    expect(imported.json).toMatchObject({ title: 'Same title', statements: 2, checked: 1 });
    const shown = (await factdesk(['show', imported.json.id])).json;
    expect(shown.statements[0]).toMatchObject({ verdict: 'false', sources: [{ quote: '=1+1, "rose"', url: 'https://city.example/' }] });

    const all = await factdesk(['export', '--all', '--format', 'csv', '--out', 'reports']);
    expect(all.code).toBe(0);
    expect(all.json).toMatchObject({ format: 'csv', exported: 3, failed: [] });
    expect(all.stderr.trim().split('\n')).toEqual([
      'factdesk: [1/3] fact-check-same-title.csv',
      'factdesk: [2/3] fact-check-same-title-2.csv',
      'factdesk: [3/3] fact-check-same-title-3.csv',
    ]);
    expect((await readdir(path.join(dir, 'reports'))).sort()).toEqual([
      'fact-check-same-title-2.csv',
      'fact-check-same-title-3.csv',
      'fact-check-same-title.csv',
    ]);
    const csv = await readFile(path.join(dir, 'reports/fact-check-same-title.csv'), 'utf8');
    expect(csv).toContain(`"'=1+1, ""rose"""`);
  }, 60_000);

  it('explains what PDF and ClaimReview need, and rejects unknown formats', async () => {
    const id = (await factdesk(['list'])).json[0].id;
    const pdf = await factdesk(['export', id, '--format', 'pdf', '--out', 'x.pdf'], { CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(pdf).toMatchObject({ code: 1, stderr: 'factdesk: PDF export needs Chromium: install it (apt-get install chromium) or set CHROMIUM_PATH.\n' });
    const claim = await factdesk(['export', '--all', '--format', 'claimreview', '--out', 'claims']);
    expect(claim.code).toBe(1);
    expect(claim.stderr).toMatch(/set the newsroom name and web address in Settings/);
    const bad = await factdesk(['export', id, '--format', 'docx', '--out', 'x.docx']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format must be one of pdf, html, md, csv, json, claimreview');
    const notReport = await factdesk(['import', 'a.json.txt']);
    expect(notReport.code).toBe(1);
  }, 60_000);
});
