/**
 * Issue 14 through the `factdesk` command: --explanation, --claimant, correct, --fact-check-url
 * and export's --signed-off-only / --no-unchecked / --internal / --include-unsigned. The built
 * file under plain node, as a newsroom script runs it; needs `npm run build` first.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFactdesk } from './factdesk-command';

const ROOT = path.resolve(import.meta.dirname, '..');
const SAMPLE = path.join(ROOT, 'test/fixtures/hit-and-run.txt');
let dir: string;

const factdesk = (...args: string[]) => runFactdesk(['--store', path.join(dir, 'store'), ...args], { cwd: dir });

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-cli-reports-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('factdesk and what a report includes', () => {
  it('records explanation, note, claimant, a correction and the fact-check URL, and exports per option', async () => {
    const id = (await factdesk('import', SAMPLE)).json.id;
    await factdesk('settings', '--editor', 'Dana', '--newsroom', 'Bugle Fact Desk', '--newsroom-url', 'https://bugle.example/');
    const marked = await factdesk('mark', id, '2', '--verdict', 'false', '--explanation', 'Netflix confirmed a second season.', '--note', 'Ask the desk whether to correct.', '--claimant', 'Nicole Yorkin');
    expect(marked.json).toMatchObject({ verdict: 'false', explanation: 'Netflix confirmed a second season.', note: 'Ask the desk whether to correct.', claimant: 'Nicole Yorkin' });
    await factdesk('mark', id, '3', '--verdict', 'misleading', '--explanation', 'Only partly.');
    await factdesk('settings', '--editor', 'Sam');
    expect((await factdesk('sign-off', id, '2')).code).toBe(0);
    const corrected = await factdesk('correct', id, '2', '--date', '2026-11-27', '--change', 'Explanation names the source.', '--why', 'A reader asked.');
    expect(corrected.json.corrections).toEqual([expect.objectContaining({ date: '2026-11-27', verdictBefore: 'false', verdict: 'false' })]);
    expect((await factdesk('correct', id, '2', '--date', '2026-11-27')).stderr).toContain('correct needs --date, --change and --why.');

    const exportMd = async (name: string, ...flags: string[]) => {
      const r = await factdesk('export', id, '--format', 'md', '--out', name, ...flags);
      expect(r.code).toBe(0);
      return readFile(path.join(dir, name), 'utf8');
    };
    const publicMd = await exportMd('public.md');
    expect(publicMd).toContain('Netflix confirmed a second season.');
    expect(publicMd).not.toContain('Ask the desk');
    expect(publicMd).toContain('*Awaiting sign-off*');
    expect(publicMd).toContain('## Corrections');
    expect(publicMd).toContain('## Still unchecked');

    const internal = await exportMd('internal.md', '--internal');
    expect(internal).toContain('**Internal note:** Ask the desk whether to correct.');
    expect(internal).toContain('Checked by Dana');

    const signed = await exportMd('signed.md', '--signed-off-only', '--no-unchecked');
    expect(signed).not.toContain('Only partly.');
    expect(signed).toContain('1 verdict awaiting sign-off is left out of this report');
    expect(signed).toMatch(/unchecked statements? (is|are) counted but not listed/);
    expect(signed).not.toContain('## Still unchecked');

    const claimreview = await factdesk('export', id, '--format', 'claimreview', '--out', 'cr.jsonld');
    expect(claimreview.stderr).toContain('factdesk: warning: No published fact-check URL is recorded');
    expect(claimreview.stderr).toContain('1 verdict awaiting sign-off left out (publish them with --include-unsigned).');
    const reviews = JSON.parse(await readFile(path.join(dir, 'cr.jsonld'), 'utf8'));
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ url: 'https://bugle.example/', dateModified: '2026-11-27', itemReviewed: { author: { name: 'Nicole Yorkin' } } });

    expect((await factdesk('edit', id, '--fact-check-url', 'https://bugle.example/checks/hit-run')).code).toBe(0);
    const all = await factdesk('export', id, '--format', 'claimreview', '--out', 'cr2.jsonld', '--include-unsigned');
    expect(all.stderr).not.toContain('No published fact-check URL');
    const reviews2 = JSON.parse(await readFile(path.join(dir, 'cr2.jsonld'), 'utf8'));
    expect(reviews2.map((r: { url: string }) => r.url)).toEqual(['https://bugle.example/checks/hit-run', 'https://bugle.example/checks/hit-run']);
  }, 240_000);
});
