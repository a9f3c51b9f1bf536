/**
 * `factdesk similar` and `factdesk claimreview import` as a newsroom script runs them: the
 * built file, plain node, a store of its own. Needs `npm run build` first.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFactdesk, requireBuiltFactdesk } from './factdesk-command';

const ROOT = path.resolve(import.meta.dirname, '..');
const FIXTURES = path.join(ROOT, 'services/library-index/fixtures');

let dir: string;
let store: string;

const factdesk = (...args: string[]) => runFactdesk(['--store', store, ...args]);

beforeAll(async () => {
  requireBuiltFactdesk();
  dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-similar-'));
  store = path.join(dir, 'store');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('factdesk similar', () => {
  it('prints the earlier checks of a restated claim, with what differs, and nothing for an unrelated one', { timeout: 90_000 }, async () => {
    await writeFile(path.join(dir, 'a.txt'), 'Streaming\n\nThe series ran nine episodes, the network said.\n');
    await writeFile(path.join(dir, 'b.txt'), 'Review\n\nThe network said the series ran 10 episodes. Snow fell in Oslo.\n');
    const a = (await factdesk('import', path.join(dir, 'a.txt'))).json.id as string;
    expect((await factdesk('mark', a, '2', '--verdict', 'false')).code).toBe(0);
    const b = (await factdesk('import', path.join(dir, 'b.txt'))).json.id as string;

    const run = await factdesk('similar', b, '2');
    expect(run.code).toBe(0);
    expect(run.json).toEqual([
      {
        articleId: a,
        index: 2,
        text: 'The series ran nine episodes, the network said.',
        verdict: 'false',
        checkedAt: expect.any(String),
        checkedBy: 'Unnamed editor',
        score: expect.any(Number),
        differences: [{ kind: 'number', earlier: 'nine episodes', here: '10 episodes' }],
      },
    ]);
    expect(run.json[0].score).toBeGreaterThan(0.5);
    expect((await factdesk('similar', b, '3')).json).toEqual([]);
    expect((await factdesk('similar', b, '2', '--limit', '0')).stderr).toMatch(/--limit must be a number from 1 to 50/);
  });

  it('imports published fact-checks and matches them, with the publisher and its rating', { timeout: 90_000 }, async () => {
    const imported = await factdesk('claimreview', 'import', path.join(FIXTURES, 'fullfact-style.jsonld'));
    expect(imported.json).toEqual({ file: 'fullfact-style.jsonld', added: 2, alreadyKept: 0 });
    await writeFile(path.join(dir, 'c.txt'), 'NHS\n\nWaiting lists hit a record 7.6 million people this autumn, the spokesperson claimed.\n');
    const c = (await factdesk('import', path.join(dir, 'c.txt'))).json.id as string;
    const run = await factdesk('similar', c, '2');
    expect(run.json).toEqual([
      expect.objectContaining({
        articleId: null,
        verdict: null,
        publisher: 'Example Fact Check Trust',
        rating: expect.stringMatching(/^Correct\./),
        url: 'https://checks.example.net/health/waiting-lists-record/',
        differences: [{ kind: 'number', earlier: '7.8 million people', here: '7.6 million people' }],
      }),
    ]);
    const bad = await factdesk('claimreview', 'import', path.join(FIXTURES, '../claimreview.ts'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^factdesk: claimreview\.ts is not valid JSON-LD/);
  });
});
