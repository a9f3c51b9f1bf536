/**
 * Live sync as the app runs it (services/desk/live.ts): two editors' stores, each with its own
 * LiveDesk against the test server, and nothing but saves and waiting: no sync() calls.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeskStatus } from '../../api/contract';
import { DeskPassword, LiveDesk, NO_KEYRING, setupDesk, type SecretStorage } from '../../services/desk';
import { Store } from '../../store/store';
import { ADMIN, ADMIN_PASSWORD, startTestCouch, type TestCouch } from './server';

// PouchDB 9 can reject a request nobody awaits when the server dies mid-pull.
process.on('unhandledRejection', () => undefined);

const TEXT = 'The mayor said crime fell by 12 percent in 2025. The city hired 300 new officers last year.';
const PASSWORDS: Record<string, string> = { ana: 'ana-live-pw', ben: 'ben-live-pw' };

let couch: TestCouch;
let dir: string;
const running: { live: LiveDesk; store: Store }[] = [];

beforeAll(async () => {
  couch = await startTestCouch({ persistent: true });
  dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-live-'));
  for (const [name, password] of Object.entries(PASSWORDS)) await couch.createUser(name, password);
}, 60_000);

afterEach(async () => {
  for (const e of running.splice(0)) {
    await e.live.stop();
    await e.store.close();
  }
});

afterAll(async () => {
  await couch?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** A stand-in for Electron's safeStorage: reversible, and visibly not the password. */
const fakeKeyring = (available = true, backend = 'gnome_libsecret'): SecretStorage => ({
  isEncryptionAvailable: () => available,
  getSelectedStorageBackend: () => backend,
  encryptString: (text) => Buffer.from(`enc:${Buffer.from(text).toString('base64').split('').reverse().join('')}`),
  decryptString: (data) => Buffer.from(data.toString().slice(4).split('').reverse().join(''), 'base64').toString(),
});

let counter = 0;
async function editor(name: string, url: string, keyring: SecretStorage | null = fakeKeyring()) {
  const storeDir = path.join(dir, `${name}-${++counter}`);
  const store = await Store.open(storeDir, { durable: false });
  const statuses: DeskStatus[] = [];
  const arrived: string[] = [];
  const live = new LiveDesk(store, new DeskPassword(storeDir, keyring), {
    maxRetryMs: 300,
    pushDelayMs: 50,
    onStatus: (s) => statuses.push(s),
    onArticles: (ids) => arrived.push(...ids),
  });
  running.push({ live, store });
  await live.connect({ url, user: name, password: PASSWORDS[name]! });
  return { name, store, storeDir, live, statuses, arrived };
}

async function until<T>(what: string, probe: () => Promise<T> | T, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function newDesk(): Promise<string> {
  const url = couch.databaseUrl();
  await setupDesk(url, { name: ADMIN, password: ADMIN_PASSWORD }, ['ana', 'ben']);
  return url;
}

const verdictIn = async (store: Store, articleId: string, index = 0) =>
  (await store.get(articleId).catch(() => null))?.statements[index]?.verdict;

describe('live sync', () => {
  it("a verdict given in one store reaches the other without a sync command, and the state says synced", async () => {
    const url = await newDesk();
    const ana = await editor('ana', url);
    const ben = await editor('ben', url);
    await until('both synced', () => ana.live.status().state === 'synced' && ben.live.status().state === 'synced');
    const article = await ana.store.create(
      { text: TEXT, title: 'Live', outlet: '', author: '', url: '', publishedAt: '' },
      [
        { start: 0, end: 48, text: TEXT.slice(0, 48) },
        { start: 49, end: TEXT.length, text: TEXT.slice(49) },
      ],
    );
    await until('the article at Ben', () => ben.store.list().some((a) => a.id === article.id));
    await ana.store.mark(article.id, article.statements[0]!.id, { verdict: 'verified' }, 'ana');
    await until("Ana's verdict at Ben", async () => (await verdictIn(ben.store, article.id)) === 'verified');
    await until('Ben told of the article', () => ben.arrived.includes(article.id));
    expect((await ben.store.get(article.id)).statements[0]!.checkedBy).toBe('ana');
    await until('Ana synced', () => ana.live.status().state === 'synced');
    expect(ana.statuses.some((s) => s.state === 'syncing')).toBe(true);
    expect(ana.live.status()).toMatchObject({ user: 'ana', url, changes: 0, reason: '', keyring: '' });
    expect(Date.parse(ana.live.status().lastSyncAt!)).toBeGreaterThan(Date.now() - 20_000);
  }, 60_000);

  it('says synced again when live replication sends a save before the save has finished here', async () => {
    const url = await newDesk();
    const ana = await editor('ana', url);
    const ben = await editor('ben', url);
    await until('both synced', () => ana.live.status().state === 'synced' && ben.live.status().state === 'synced');
    // Ana's replica answers its writes late: the desk has them, and ben too, before she hears back.
    const replica = (ana.live as unknown as { desk: { replica: { bulkDocs: (...a: unknown[]) => Promise<unknown> } } }).desk.replica;
    const bulkDocs = replica.bulkDocs.bind(replica);
    replica.bulkDocs = async (...args: unknown[]) => {
      const result = await bulkDocs(...args);
      await new Promise((r) => setTimeout(r, 1500));
      return result;
    };
    const article = await ana.store.create(
      { text: TEXT, title: 'Late answer', outlet: '', author: '', url: '', publishedAt: '' },
      [{ start: 0, end: 48, text: TEXT.slice(0, 48) }],
    );
    await until('the article at Ben', () => ben.store.list().some((a) => a.id === article.id));
    await until('Ana synced, with nothing counted as still on its way', () => ana.live.status().state === 'synced', 10_000);
  }, 60_000);

  it('a pull that fails here is tried again, so the change still reaches the window', async () => {
    const url = await newDesk();
    const ana = await editor('ana', url);
    const ben = await editor('ben', url);
    await until('both synced', () => ana.live.status().state === 'synced' && ben.live.status().state === 'synced');
    const article = await ana.store.create(
      { text: TEXT, title: 'Failed pull', outlet: '', author: '', url: '', publishedAt: '' },
      [{ start: 0, end: 48, text: TEXT.slice(0, 48) }],
    );
    await until('the article at Ben', () => ben.arrived.includes(article.id));
    await until('Ben synced', () => ben.live.status().state === 'synced');
    // Ben's disk refuses the next write of a colleague's change, once.
    const apply = ben.store.applyFromDesk.bind(ben.store);
    let refusals = 1;
    ben.store.applyFromDesk = async (...args) => {
      if (refusals-- > 0) throw new Error('The disk is full.');
      return apply(...args);
    };
    ben.arrived.length = 0;
    await ana.store.mark(article.id, article.statements[0]!.id, { verdict: 'verified' }, 'ana');
    await until('the refusal shown', () => ben.statuses.some((s) => s.state === 'error' && s.reason === 'The disk is full.'));
    await until('Ben told of the article', () => ben.arrived.includes(article.id));
    expect(await verdictIn(ben.store, article.id)).toBe('verified');
    await until('Ben synced', () => ben.live.status().state === 'synced');
  }, 60_000);

  it('server killed: offline, changes kept here; restarted: synced, and nothing lost', async () => {
    if (!couch.restartable) return;
    const url = await newDesk();
    const ana = await editor('ana', url);
    const ben = await editor('ben', url);
    const article = await ana.store.create(
      { text: TEXT, title: 'Offline', outlet: '', author: '', url: '', publishedAt: '' },
      [{ start: 0, end: 48, text: TEXT.slice(0, 48) }],
    );
    await until('the article at Ben', () => ben.store.list().some((a) => a.id === article.id));
    await couch.kill();
    try {
      await ana.store.mark(article.id, article.statements[0]!.id, { verdict: 'false', note: 'Written offline' }, 'ana');
      // Kept on this machine: counted as not yet sent, and in the store.
      const offline = await until('Ana offline with her change kept', () => {
        const s = ana.live.status();
        return s.state === 'offline' && s.changes > 0 ? s : null;
      });
      expect(offline.reason).toMatch(/Cannot reach the desk/);
      expect((await ana.store.get(article.id)).statements[0]).toMatchObject({ verdict: 'false', note: 'Written offline' });
    } finally {
      await couch.restart();
    }
    await until("Ana's offline verdict at Ben", async () => (await verdictIn(ben.store, article.id)) === 'false');
    await until('Ana synced', () => ana.live.status().state === 'synced');
    await until('Ben synced', () => ben.live.status().state === 'synced');
    expect((await ben.store.get(article.id)).statements[0]).toMatchObject({ verdict: 'false', note: 'Written offline', checkedBy: 'ana' });
  }, 90_000);

  it('a wrong password is one clear sentence and changes nothing', async () => {
    const url = await newDesk();
    const storeDir = path.join(dir, `wrong-${++counter}`);
    const store = await Store.open(storeDir, { durable: false });
    const live = new LiveDesk(store, new DeskPassword(storeDir, fakeKeyring()));
    running.push({ live, store });
    await expect(live.connect({ url, user: 'ana', password: 'not-it' })).rejects.toThrow('The desk refused the password for ana.');
    expect(live.status().state).toBe('disconnected');
    expect(await readdir(storeDir)).not.toContain('desk');
  });
});

describe('the desk password', () => {
  /** Every file under the store, read as text. */
  async function everyFile(folder: string): Promise<string[]> {
    const texts: string[] = [];
    for (const entry of await readdir(folder, { recursive: true })) {
      const file = path.join(folder, entry);
      if ((await stat(file)).isFile()) texts.push(await readFile(file, 'latin1'));
    }
    return texts;
  }

  it('is kept encrypted by the keyring, never in plain text, and lets the next start sync again', async () => {
    const url = await newDesk();
    const ana = await editor('ana', url);
    await until('synced', () => ana.live.status().state === 'synced');
    await ana.live.stop();
    const files = await everyFile(ana.storeDir);
    expect(files.length).toBeGreaterThan(3);
    for (const text of files) expect(text).not.toContain(PASSWORDS.ana);
    const again = new LiveDesk(ana.store, new DeskPassword(ana.storeDir, fakeKeyring()), { maxRetryMs: 300 });
    running.push({ live: again, store: ana.store });
    await again.resume();
    await until('synced after a restart', () => again.status().state === 'synced');
  }, 60_000);

  it('without a keyring is not stored at all: the app says so and asks for it at the next start', async () => {
    const url = await newDesk();
    for (const keyring of [null, fakeKeyring(false), fakeKeyring(true, 'basic_text')]) {
      const ana = await editor('ana', url, keyring);
      expect(ana.live.status().keyring).toBe(NO_KEYRING);
      await until('synced', () => ana.live.status().state === 'synced');
      await ana.live.stop();
      for (const text of await everyFile(ana.storeDir)) expect(text).not.toContain(PASSWORDS.ana);
      expect(await readdir(path.join(ana.storeDir, 'desk'))).not.toContain('password.enc');
      const again = new LiveDesk(ana.store, new DeskPassword(ana.storeDir, keyring));
      expect(await again.resume()).toMatchObject({ state: 'password-needed', user: 'ana', keyring: NO_KEYRING });
      // While the password is asked for, changes still carry the desk user's name.
      expect(again.user()).toBe('ana');
    }
  }, 90_000);
});
