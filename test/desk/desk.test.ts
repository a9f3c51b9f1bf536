/**
 * The desk's contract: two editors' stores share one archive through a CouchDB-protocol server.
 * Each editor is a real store on disk with the app's handlers, signed in as a desk user; the
 * server is the test's own (server.ts) or a real CouchDB 3 when COUCH_URL is set.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, validatedApi } from '../../main/handlers';
import { testHost } from '../host';
import { Store } from '../../store/store';
import { checkAccount, connectDesk, Desk, setupDesk, type SyncResult } from '../../services/desk';
import { statementDocId } from '../../services/desk/documents';
import type { FactdeskApi } from '../../api/contract';
import { ADMIN, ADMIN_PASSWORD, freePort, request, startTestCouch, type TestCouch } from './server';

// PouchDB 9 can reject a request nobody awaits when the server dies mid-pull.
process.on('unhandledRejection', () => undefined);

const TEXT =
  'The mayor said crime fell by 12 percent in 2025. The city hired 300 new officers last year. ' +
  'Officials expect the new bridge to open in May.';

let couch: TestCouch;
let dir: string;
const open: { store: Store; desk: Desk | null }[] = [];

beforeAll(async () => {
  couch = await startTestCouch({ persistent: true });
  dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-desk-'));
  for (const [name, password] of USERS) await couch.createUser(name, password);
}, 60_000);

afterEach(async () => {
  for (const e of open.splice(0)) {
    await e.desk?.close();
    await e.store.close();
  }
});

afterAll(async () => {
  await couch?.stop();
  await rm(dir, { recursive: true, force: true });
});

const USERS = [
  ['ana', 'ana-pw'],
  ['ben', 'ben-pw'],
  ['cleo', 'cleo-pw'],
] as const;
const password = (name: string) => USERS.find(([n]) => n === name)![1];

let counter = 0;
async function newDesk(members = ['ana', 'ben']): Promise<string> {
  const url = couch.databaseUrl();
  await setupDesk(url, { name: ADMIN, password: ADMIN_PASSWORD }, members);
  return url;
}

interface Editor {
  name: string;
  store: Store;
  api: FactdeskApi;
  desk: Desk;
  sync(): Promise<SyncResult>;
}

async function editor(name: string, url: string): Promise<Editor> {
  const store = await Store.open(path.join(dir, `${name}-${++counter}`), { durable: false });
  const entry: { store: Store; desk: Desk | null } = { store, desk: null };
  open.push(entry);
  await connectDesk(store, { url, user: name, password: password(name) });
  const desk = (entry.desk = await Desk.open(store, password(name)));
  const sourceFile = path.join(dir, `source-${counter}.txt`);
  await writeFile(sourceFile, 'Police figures: recorded crime fell by 12 percent in 2025 compared with 2024.');
  const api = validatedApi(
    createHandlers(store, testHost({ chooseSourceFile: async () => sourceFile, signedInUser: () => name })),
  );
  return { name, store, api, desk, sync: () => desk.sync() };
}

/** Ana and Ben on a new desk, both with an article Ana created. */
async function sharedArticle(title: string) {
  const url = await newDesk();
  const ana = await editor('ana', url);
  const ben = await editor('ben', url);
  const article = await ana.api.createArticle({ text: TEXT, title });
  await ana.sync();
  await ben.sync();
  return { url, ana, ben, article };
}

async function statementsOf(e: Editor, articleId: string) {
  return (await e.api.getArticle(articleId)).statements;
}

describe('desk setup', () => {
  it('creates the database with the rules and members-only access', async () => {
    const url = await newDesk(['ana']);
    const admin = { name: ADMIN, password: ADMIN_PASSWORD };
    const design = await request(`${url}/_design/factdesk`, { auth: admin });
    expect(design.json.validate_doc_update).toContain('editedBy must be the signed-in user');
    const security = await request(`${url}/_security`, { auth: admin });
    expect(security.json.members.names).toEqual(['ana']);
    await expect(checkAccount({ url, user: 'ana', password: 'ana-pw' })).resolves.toBeUndefined();
    // Running it again keeps the database and brings the rules up to date.
    await expect(setupDesk(url, admin, ['ana', 'ben'])).resolves.toMatchObject({ created: false });
  });
});

describe('two editors on one desk', () => {
  it('exchange articles, verdicts, sources with their documents, and sign-offs', async () => {
    const url = await newDesk();
    const ana = await editor('ana', url);
    const ben = await editor('ben', url);
    const article = await ana.api.createArticle({ text: TEXT, title: 'Crime figures' });
    const document = (await ana.api.attachSourceFile(article.id))!;
    const first = article.statements[0]!;
    await ana.api.markStatement(article.id, first.id, {
      verdict: 'verified',
      note: 'Police figures agree.',
      sources: [
        {
          role: 'supports',
          quote: 'recorded crime fell by 12 percent in 2025',
          title: 'Police figures',
          url: '',
          file: document.name,
          publisher: 'City police',
          author: '',
          publishedAt: '',
          accessedAt: '',
          documentId: document.id,
        },
      ],
    });
    // The article, its three statements and the source document with its text.
    expect(await ana.sync()).toMatchObject({ pushed: 5, conflicts: 0 });

    const got = await ben.sync();
    expect(got.pulled).toBeGreaterThan(0);
    const [received] = await statementsOf(ben, article.id);
    expect(received).toMatchObject({ verdict: 'verified', checkedBy: 'ana', note: 'Police figures agree.' });
    expect(received!.sources[0]!.check?.match).toBe('exact');
    const text = await ben.api.getSourceDocument(article.id, document.id);
    expect(text.text).toContain('recorded crime fell by 12 percent');
    expect((await ben.api.listArticles()).map((a) => a.title)).toEqual(['Crime figures']);

    // Ben signs off Ana's verdict; Ana sees it after her next sync.
    await ben.api.signOff(article.id, first.id);
    await ben.sync();
    await ana.sync();
    const [signed] = await statementsOf(ana, article.id);
    expect(signed!.review).toMatchObject({ by: 'ben' });
    expect(signed!.history.map((h) => `${h.by}:${h.field}`)).toEqual(expect.arrayContaining(['ana:verdict', 'ben:review']));
  });

  it('exchange assignments: the article given to Ben is in his lists, and awaits Ana\'s sign-off once he checks it', async () => {
    const url = await newDesk();
    const ana = await editor('ana', url);
    const ben = await editor('ben', url);
    const article = await ana.api.createArticle({ text: TEXT, title: 'Assigned' });
    await ana.api.assign(article.id, null, { to: 'ben', reviewer: 'ana', due: '2020-01-31' });
    await ana.api.assign(article.id, article.statements[2]!.id, { to: 'cleo', due: '' });
    await ana.sync();
    await ben.sync();
    const received = await ben.api.getArticle(article.id);
    expect(received.assignment).toMatchObject({ to: 'ben', reviewer: 'ana', due: '2020-01-31', by: 'ana' });
    expect(received.statements[2]!.assignment).toMatchObject({ to: 'cleo', by: 'ana' });
    const lists = await ben.api.workLists();
    expect(lists.assignedToMe.map((w) => [w.title, w.index])).toEqual([['Assigned', null]]);
    expect(lists.overdue.map((w) => [w.to, w.index])).toEqual(expect.arrayContaining([['ben', null]]));

    await ben.api.markStatement(article.id, article.statements[0]!.id, { verdict: 'verified' });
    await ben.sync();
    await ana.sync();
    const mine = await ana.api.workLists();
    expect(mine.awaitingMySignOff.map((w) => [w.index, w.signOffBy])).toEqual([[1, 'ana']]);
    expect((await ben.api.workLists()).awaitingMySignOff).toEqual([]);
  });

  it('edits of different statements of one article while apart do not conflict', async () => {
    const { ana, ben, article } = await sharedArticle('Apart');
    const [s1, s2] = article.statements;
    await ana.api.markStatement(article.id, s1!.id, { verdict: 'verified' });
    await ben.api.markStatement(article.id, s2!.id, { verdict: 'false', note: 'Only 120 were hired.' });
    await ana.sync();
    expect(await ben.sync()).toMatchObject({ conflicts: 0 });
    expect(await ana.sync()).toMatchObject({ conflicts: 0 });
    for (const e of [ana, ben]) {
      const [a, b] = await statementsOf(e, article.id);
      expect([a!.verdict, a!.checkedBy, b!.verdict, b!.checkedBy]).toEqual(['verified', 'ana', 'false', 'ben']);
      expect(a!.deskConflict ?? b!.deskConflict).toBeUndefined();
    }
  });

  it('flags one statement changed by both while apart, keeps both sides, and clears when an editor changes it', async () => {
    const { ana, ben, article } = await sharedArticle('Both');
    const id = article.statements[0]!.id;
    await ana.api.markStatement(article.id, id, { verdict: 'verified', note: 'Ana: police figures' });
    await ben.api.markStatement(article.id, id, { verdict: 'misleading', note: 'Ben: only one district' });
    await ana.sync();
    expect(await ben.sync()).toMatchObject({ conflicts: 1 });
    expect(await ana.sync()).toMatchObject({ conflicts: 1 });
    const seen = [];
    for (const e of [ana, ben]) {
      const [s] = await statementsOf(e, article.id);
      expect(s!.deskConflict).toEqual({ editors: ['ana', 'ben'], message: 'Changed by ana and ben while apart' });
      // Nothing lost: both verdicts and both notes are in the history.
      const afters = s!.history.map((h) => `${h.by}:${h.after}`);
      expect(afters).toEqual(expect.arrayContaining(['ana:Ana: police figures', 'ben:Ben: only one district']));
      expect(afters.filter((a) => a.endsWith(':Verified') || a.endsWith(':Misleading'))).toHaveLength(2);
      seen.push(s!.verdict);
    }
    // CouchDB picks the same winner on both sides.
    expect(seen[0]).toBe(seen[1]);

    await ben.api.markStatement(article.id, id, { verdict: 'misleading', note: 'Agreed with Ana: one district only' });
    expect(await ben.sync()).toMatchObject({ conflicts: 0 });
    expect(await ana.sync()).toMatchObject({ conflicts: 0 });
    for (const e of [ana, ben]) {
      const [s] = await statementsOf(e, article.id);
      expect(s!.deskConflict).toBeUndefined();
      expect(s!.note).toBe('Agreed with Ana: one district only');
      expect(s!.history.map((h) => h.after)).toEqual(expect.arrayContaining(['Ana: police figures', 'Ben: only one district']));
    }
  });

  it('settles a flagged statement when an editor keeps the version shown, at both, with both sides still in the history', async () => {
    const { ana, ben, article } = await sharedArticle('Keep');
    const id = article.statements[0]!.id;
    await ana.api.markStatement(article.id, id, { verdict: 'verified', note: 'Ana: police figures' });
    await ben.api.markStatement(article.id, id, { verdict: 'misleading', note: 'Ben: only one district' });
    await ana.sync();
    await ben.sync();
    await ana.sync();
    const [shown] = await statementsOf(ben, article.id);
    expect(shown!.deskConflict).toBeDefined();

    const kept = await ben.api.settleConflict(article.id, id);
    expect(kept.deskConflict).toBeUndefined();
    expect(kept.history.at(-1)).toMatchObject({ by: 'ben', field: 'conflict', before: 'Changed by ana and ben while apart', after: 'Kept the version shown' });
    expect(await ben.sync()).toMatchObject({ conflicts: 0 });
    expect(await ana.sync()).toMatchObject({ conflicts: 0 });
    for (const e of [ana, ben]) {
      const [s] = await statementsOf(e, article.id);
      expect(s!.deskConflict).toBeUndefined();
      expect([s!.verdict, s!.note]).toEqual([shown!.verdict, shown!.note]);
      expect(s!.history.map((h) => `${h.by}:${h.after}`)).toEqual(
        expect.arrayContaining(['ana:Ana: police figures', 'ben:Ben: only one district', 'ben:Kept the version shown']),
      );
    }
    // The desk itself holds one version now: the other side is closed, not left as a conflict.
    const doc = await ana.desk.remote.get(statementDocId(article.id, id), { conflicts: true });
    expect(doc._conflicts ?? []).toEqual([]);
    // Nothing left to settle: a second try is refused with a reason.
    await expect(ana.api.settleConflict(article.id, id)).rejects.toThrow('This statement has no conflict between editors to settle.');
  });
});

describe('deleting', () => {
  it("moves the article to the colleague's trash too, and a restore brings it back at both, whole", async () => {
    const url = await newDesk();
    const ana = await editor('ana', url);
    const ben = await editor('ben', url);
    const article = await ana.api.createArticle({ text: TEXT, title: 'To the trash' });
    const kept = await ana.api.createArticle({ text: TEXT, title: 'Stays' });
    await ana.api.markStatement(article.id, article.statements[0]!.id, { verdict: 'verified', note: 'Before deleting' });
    await ana.sync();
    await ben.sync();
    expect((await ben.api.listArticles()).map((a) => a.title).sort()).toEqual(['Stays', 'To the trash']);

    await ana.api.deleteArticle(article.id);
    await ana.sync();
    await ben.sync();
    expect((await ben.api.listArticles()).map((a) => a.id)).toEqual([kept.id]);
    expect((await ben.api.listTrash()).map((a) => a.id)).toEqual([article.id]);
    // Syncing again does not bring it back or delete anything more.
    await ana.sync();
    await ben.sync();
    expect((await ana.api.listArticles()).map((a) => a.id)).toEqual([kept.id]);
    expect((await ben.api.listArticles()).map((a) => a.id)).toEqual([kept.id]);

    await ben.api.restoreArticle(article.id);
    await ben.sync();
    await ana.sync();
    for (const e of [ana, ben]) {
      expect((await e.api.listArticles()).map((a) => a.id).sort()).toEqual([article.id, kept.id].sort());
      expect((await statementsOf(e, article.id))[0]).toMatchObject({ verdict: 'verified', note: 'Before deleting' });
    }
  });
});

describe('an edit saved here between a push and a pull', () => {
  /** One sync cut in two, with the editor's save in between (as live sync runs them). */
  async function syncAround(e: Editor, between: () => Promise<unknown>) {
    await e.desk.pushToReplica();
    await e.desk.replica.replicate.to(e.desk.remote);
    await between();
    await e.desk.replica.replicate.from(e.desk.remote);
    await e.desk.pullFromReplica();
  }

  it('of another statement reaches the colleague (it is not taken for pushed)', async () => {
    const { ana, ben, article } = await sharedArticle('Between');
    const [s1, s2] = article.statements;
    await ben.api.markStatement(article.id, s1!.id, { verdict: 'verified' });
    await ben.sync();
    await syncAround(ana, () => ana.api.markStatement(article.id, s2!.id, { verdict: 'false', note: 'Ana, mid-sync' }));
    const [a1, a2] = await statementsOf(ana, article.id);
    expect([a1!.verdict, a2!.verdict, a2!.note]).toEqual(['verified', 'false', 'Ana, mid-sync']);
    await ana.sync();
    await ben.sync();
    const [b1, b2] = await statementsOf(ben, article.id);
    expect([b1!.verdict, b2!.verdict, b2!.note]).toEqual(['verified', 'false', 'Ana, mid-sync']);
  });

  it('of the statement a colleague changed: neither is lost, the statement is flagged', async () => {
    const { ana, ben, article } = await sharedArticle('Same, between');
    const id = article.statements[0]!.id;
    await ben.api.markStatement(article.id, id, { verdict: 'misleading', note: 'Ben: one district' });
    await ben.sync();
    await syncAround(ana, () => ana.api.markStatement(article.id, id, { verdict: 'verified', note: 'Ana: police figures' }));
    // What Ana typed is still what she sees until the sides are brought together.
    expect((await statementsOf(ana, article.id))[0]).toMatchObject({ verdict: 'verified', note: 'Ana: police figures' });
    await ana.sync();
    await ben.sync();
    for (const e of [ana, ben]) {
      const [s] = await statementsOf(e, article.id);
      expect(s!.deskConflict?.editors).toEqual(['ana', 'ben']);
      expect(s!.history.map((h) => `${h.by}:${h.after}`)).toEqual(
        expect.arrayContaining(['ana:Ana: police figures', 'ben:Ben: one district']),
      );
    }
  });
});

describe('live push and pull on one store', () => {
  it('take turns: a pull asked for while a push is writing waits for it, and both changes arrive', async () => {
    const { ana, ben, article } = await sharedArticle('Turns');
    const [s1, s2] = article.statements;
    await ana.api.markStatement(article.id, s1!.id, { verdict: 'verified' });
    await ana.sync();
    await ben.desk.replica.replicate.from(ben.desk.remote);
    await ben.api.markStatement(article.id, s2!.id, { note: 'Asked the police press office' });

    // What the two steps do, in order, as live sync calls them: the pull while the push is mid-write.
    const steps: string[] = [];
    const inner = ben.desk as unknown as Record<'writeArticles' | 'applyArticles', (...a: unknown[]) => Promise<unknown>>;
    let pushing!: () => void;
    const pushStarted = new Promise<void>((resolve) => (pushing = resolve));
    for (const [name, step] of [['writeArticles', 'push'], ['applyArticles', 'pull']] as const) {
      const original = inner[name].bind(ben.desk);
      inner[name] = async (...args) => {
        steps.push(`${step} starts`);
        if (step === 'push') pushing();
        const result = await original(...args);
        steps.push(`${step} ends`);
        return result;
      };
    }
    const push = ben.desk.pushToReplica();
    await pushStarted;
    const pulled = await ben.desk.pullFromReplica();
    await push;

    expect(steps).toEqual(['push starts', 'push ends', 'pull starts', 'pull ends']);
    expect(pulled).toEqual([article.id]);
    const [b1, b2] = await statementsOf(ben, article.id);
    expect([b1!.verdict, b2!.note]).toEqual(['verified', 'Asked the police press office']);
    await ben.sync();
    await ana.sync();
    const [a1, a2] = await statementsOf(ana, article.id);
    expect([a1!.verdict, a2!.note, a1!.deskConflict, a2!.deskConflict]).toEqual(['verified', 'Asked the police press office', undefined, undefined]);
  });
});

describe("an article's own fields changed by both while apart", () => {
  it('are flagged at both with the same version shown, and the flag clears when an editor changes the article', async () => {
    const { ana, ben, article } = await sharedArticle('Crime figures');
    await ana.api.updateArticle(article.id, { title: 'Crime fell, the mayor says' });
    await ben.api.updateArticle(article.id, { title: 'Crime figures for 2025', outlet: 'City Herald' });
    await ana.sync();
    expect(await ben.sync()).toMatchObject({ conflicts: 1 });
    await ana.sync();
    const seen = [];
    for (const e of [ana, ben]) {
      const shown = await e.api.getArticle(article.id);
      expect(shown.deskConflict).toEqual({ editors: ['ana', 'ben'], message: 'Article details changed by ana and ben while apart' });
      seen.push(shown.title);
    }
    expect(seen[0]).toBe(seen[1]);
    // The statements were not touched by either: no conflict there.
    expect((await statementsOf(ana, article.id)).some((s) => s.deskConflict)).toBe(false);

    await ana.api.updateArticle(article.id, { title: 'Crime figures, 2025', outlet: 'City Herald' });
    expect(await ana.sync()).toMatchObject({ conflicts: 0 });
    expect(await ben.sync()).toMatchObject({ conflicts: 0 });
    for (const e of [ana, ben]) {
      const shown = await e.api.getArticle(article.id);
      expect(shown.deskConflict).toBeUndefined();
      expect([shown.title, shown.outlet]).toEqual(['Crime figures, 2025', 'City Herald']);
    }
  });
});

describe('the server enforces who did what', () => {
  it('refuses a self sign-off and a change under another name, written directly over HTTP', async () => {
    const url = await newDesk();
    const ana = { name: 'ana', password: 'ana-pw' };
    const base = {
      type: 'statement',
      articleId: 'a1',
      start: 0,
      end: 10,
      text: 'Crime fell.',
      verdict: 'verified',
      checkedBy: 'ana',
      history: [],
    };
    const id = statementDocId('a1', 's1');
    const selfSignOff = { ...base, editedBy: 'ana', review: { by: 'ana', at: new Date().toISOString() } };
    await expect(request(`${url}/${id}`, { method: 'PUT', auth: ana, body: JSON.stringify(selfSignOff) })).rejects.toMatchObject({
      status: 403,
      json: { reason: expect.stringContaining('a second editor must sign it off') },
    });
    const asBen = { ...base, editedBy: 'ben' };
    await expect(request(`${url}/${id}`, { method: 'PUT', auth: ana, body: JSON.stringify(asBen) })).rejects.toMatchObject({ status: 403 });
    const signedForBen = { ...base, checkedBy: 'cleo', editedBy: 'ana', review: { by: 'ben', at: new Date().toISOString() } };
    await expect(request(`${url}/${id}`, { method: 'PUT', auth: ana, body: JSON.stringify(signedForBen) })).rejects.toMatchObject({ status: 403 });
    // The same document, honestly written, is accepted.
    await expect(request(`${url}/${id}`, { method: 'PUT', auth: ana, body: JSON.stringify({ ...base, editedBy: 'ana' }) })).resolves.toMatchObject({
      status: 201,
    });
  });
});

describe('failures are named and lose nothing', () => {
  it('wrong password, a non-member and an unreachable server each get a clear sentence', async () => {
    const url = await newDesk(['ana']);
    await expect(checkAccount({ url, user: 'ana', password: 'wrong' })).rejects.toThrow('The desk refused the password for ana.');
    await expect(checkAccount({ url, user: 'cleo', password: 'cleo-pw' })).rejects.toThrow(/^cleo is not a member of the desk desk-/);
    const closed = await freePort();
    await expect(checkAccount({ url: `http://127.0.0.1:${closed}/newsdesk`, user: 'ana', password: 'ana-pw' })).rejects.toThrow(
      `Cannot reach the desk at http://127.0.0.1:${closed} (connection refused). Your work stays on this machine.`,
    );
  });

  it('a sync against a server that is down fails clearly and keeps the local work for the next one', async () => {
    if (!couch.restartable) return;
    const url = await newDesk();
    const ana = await editor('ana', url);
    const ben = await editor('ben', url);
    const article = await ana.api.createArticle({ text: TEXT, title: 'Offline' });
    await couch.kill();
    try {
      await ana.api.markStatement(article.id, article.statements[1]!.id, { verdict: 'false' });
      await expect(ana.sync()).rejects.toThrow(/Cannot reach the desk at http:\/\/127\.0\.0\.1:\d+ .*Your work stays on this machine/);
      expect((await statementsOf(ana, article.id))[1]!.verdict).toBe('false');
    } finally {
      await couch.restart();
    }
    await ana.sync();
    await ben.sync();
    expect((await statementsOf(ben, article.id))[1]).toMatchObject({ verdict: 'false', checkedBy: 'ana' });
  });

  it('a server killed mid-sync and restarted: the next sync resumes, nothing lost or duplicated', async () => {
    if (!couch.restartable) return;
    const url = await newDesk();
    const ana = await editor('ana', url);
    const ids: string[] = [];
    for (let i = 0; i < 150; i++) ids.push((await ana.api.createArticle({ text: TEXT, title: `Article ${i + 1}` })).id);
    await ana.api.markStatement(ids[0]!, (await statementsOf(ana, ids[0]!))[0]!.id, { verdict: 'verified' });
    const admin = { name: ADMIN, password: ADMIN_PASSWORD };
    const first = ana.sync();
    first.catch(() => undefined);
    // Kill the server once some of the archive has arrived.
    for (;;) {
      const info = await request(url, { auth: admin }).catch(() => null);
      if (info && info.json.doc_count > 0) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    await couch.kill();
    const outcome = await first.then(
      () => 'finished',
      (err: Error) => err.message,
    );
    // Usually cut short; on a fast machine it may have finished first, which is fine too.
    expect(outcome === 'finished' || /Cannot reach the desk/.test(outcome)).toBe(true);
    await couch.restart();
    await ana.sync();
    const all = await request(`${url}/_all_docs`, { auth: admin });
    const docIds: string[] = all.json.rows.map((r: { id: string }) => r.id);
    expect(new Set(docIds).size).toBe(docIds.length);
    // 150 articles of 3 statements each, plus the design document.
    expect(docIds).toHaveLength(150 * 4 + 1);

    const ben = await editor('ben', url);
    await ben.sync();
    const listed = await ben.api.listArticles();
    expect(listed).toHaveLength(150);
    expect(listed.every((a) => a.statementCount === 3)).toBe(true);
    expect((await statementsOf(ben, ids[0]!))[0]).toMatchObject({ verdict: 'verified', checkedBy: 'ana' });
  }, 60_000);
});
