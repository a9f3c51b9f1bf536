/**
 * `factdesk desk …` and `factdesk sync` as a newsroom script runs them: the built command, two
 * store folders (two editors), the test CouchDB. Needs `npm run build` first. About twenty
 * runs of the command: ~50 s on an idle machine, several minutes on a loaded one.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, ADMIN_PASSWORD, startTestCouch, type TestCouch } from './server';
import { runFactdesk, requireBuiltFactdesk } from '../factdesk-command';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SAMPLE = path.resolve(ROOT, 'test/fixtures/hit-and-run.txt');

let couch: TestCouch;
let dir: string;


const factdesk = (env: Record<string, string>, ...args: string[]) => runFactdesk(args, { env });

beforeAll(async () => {
  requireBuiltFactdesk();
  couch = await startTestCouch();
  await couch.createUser('ana', 'ana-pw');
  await couch.createUser('ben', 'ben-pw');
  dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-desk-cli-'));
}, 60_000);

afterAll(async () => {
  await couch?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('factdesk desk', () => {
  it('sets up a desk, connects two editors, syncs verdicts both ways and shows a conflict', async () => {
    const url = couch.databaseUrl('newsdesk-cli');
    const setup = await factdesk(
      { FACTDESK_DESK_ADMIN_PASSWORD: ADMIN_PASSWORD, FACTDESK_DESK_MEMBERS: 'ana, ben' },
      'desk',
      'setup',
      url,
      '--admin',
      ADMIN,
    );
    expect(setup.stderr).toBe('');
    expect(setup.json).toMatchObject({ database: 'newsdesk-cli', created: true, members: { names: ['ana', 'ben'] } });

    const anaStore = path.join(dir, 'ana');
    const benStore = path.join(dir, 'ben');
    const ana = (...args: string[]) => factdesk({ FACTDESK_DESK_PASSWORD: 'ana-pw' }, '--store', anaStore, ...args);
    const ben = (...args: string[]) => factdesk({ FACTDESK_DESK_PASSWORD: 'ben-pw' }, '--store', benStore, ...args);

    const wrong = await factdesk({ FACTDESK_DESK_PASSWORD: 'nope' }, '--store', anaStore, 'desk', 'connect', url, '--user', 'ana');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe('factdesk: The desk refused the password for ana.\n');
    const noPassword = await factdesk({ FACTDESK_DESK_PASSWORD: '' }, '--store', anaStore, 'sync');
    expect(noPassword.stderr).toBe('factdesk: Set FACTDESK_DESK_PASSWORD to the desk password; Factdesk does not store it.\n');

    expect((await ana('desk', 'connect', url, '--user', 'ana')).json).toEqual({ connected: true, url, user: 'ana' });
    expect((await ben('desk', 'connect', url, '--user', 'ben')).json).toEqual({ connected: true, url, user: 'ben' });
    // The password is nowhere in the store.
    for (const file of await readdir(path.join(anaStore, 'desk'))) {
      if (file.endsWith('.json')) expect(await readFile(path.join(anaStore, 'desk', file), 'utf8')).not.toContain('ana-pw');
    }

    const imported = await ana('import', SAMPLE);
    const id = imported.json.id as string;
    await ana('mark', id, '2', '--verdict', 'false', '--note', 'Ana: the ban was lifted');
    const assigned = await ana('assign', id, '--assignee', 'ben', '--due', '2020-01-31');
    expect(assigned.json).toMatchObject({ id, index: null, assignment: { to: 'ben', due: '2020-01-31', by: 'ana' } });
    const first = await ana('sync');
    expect(first.json).toMatchObject({ pushed: 20, conflicts: 0 });
    const pulled = await ben('sync');
    expect(pulled.json.pulled).toBeGreaterThanOrEqual(20);
    const shown = await ben('show', id);
    expect(shown.json.statements[1]).toMatchObject({ verdict: 'false', checkedBy: 'ana' });
    const work = (await ben('work')).json;
    expect(work.assignedToMe.map((w: { articleId: string }) => w.articleId)).toEqual([id]);
    expect(work.overdue.map((w: { to: string; due: string }) => [w.to, w.due])).toEqual([['ben', '2020-01-31']]);
    expect(work.awaitingMySignOff.map((w: { index: number; signOffBy: string }) => [w.index, w.signOffBy])).toEqual([[2, 'any second editor']]);

    // Both change statement 2 while apart.
    await ben('mark', id, '2', '--verdict', 'misleading', '--note', 'Ben: only in one state');
    await ana('mark', id, '2', '--note', 'Ana: checked with the ministry');
    await ana('sync');
    expect((await ben('sync')).json.conflicts).toBe(1);
    expect((await ana('sync')).json.conflicts).toBe(1);
    for (const who of [ana, ben]) {
      const statement = (await who('show', id)).json.statements[1];
      expect(statement.conflict).toBe('Changed by ana and ben while apart');
      expect(statement.history.map((h: { after: string }) => h.after)).toEqual(
        expect.arrayContaining(['Ben: only in one state', 'Ana: checked with the ministry']),
      );
    }
    expect((await ana('desk', 'status')).json).toMatchObject({ connected: true, url, user: 'ana', conflicts: 1 });
    // Ana keeps the version shown: settled at both.
    const settled = await ana('settle', id, '2');
    expect(settled.json.history.at(-1)).toMatchObject({ by: 'ana', field: 'conflict', after: 'Kept the version shown' });
    expect((await ana('sync')).json.conflicts).toBe(0);
    expect((await ben('sync')).json.conflicts).toBe(0);
    expect((await ben('show', id)).json.statements[1].conflict).toBeUndefined();
    expect((await ana('desk', 'disconnect')).json).toEqual({ disconnected: true });
    expect((await ana('desk', 'status')).json).toEqual({ connected: false });
    // The articles stay in the store.
    expect((await ana('show', id)).json.statements).toHaveLength(19);
  }, 400_000);
});
