/**
 * The desk tests' CouchDB. By default a CouchDB-protocol server of their own on 127.0.0.1
 * (couch-server.cjs: express-pouchdb 4.2 over pouchdb-node 9), started in a child process and
 * stopped by its PID. With COUCH_URL set (an admin URL of a real CouchDB 3, e.g.
 * http://admin:secret@127.0.0.1:5984 after
 * `docker run -p 5984:5984 -e COUCHDB_USER=admin -e COUCHDB_PASSWORD=secret couchdb:3`)
 * the same tests run against that server instead; tests that kill the server are skipped there.
 *
 * What express-pouchdb does differently, and the tests therefore avoid: replication with a
 * `selector`, numeric sequence assumptions (CouchDB's are strings), telling 401 from 403 (it
 * answers 401 for both), and creating a database as a non-admin (it never answers).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ADMIN = 'desk-admin';
export const ADMIN_PASSWORD = 'admin-secret';

const SCRIPT = path.join(import.meta.dirname, 'couch-server.cjs');

export interface TestCouch {
  /** http://127.0.0.1:PORT, no credentials. */
  readonly origin: string;
  /** False against a real CouchDB (COUCH_URL): the tests cannot kill and restart it. */
  readonly restartable: boolean;
  /** A database URL with a fresh name, so tests never share one. */
  databaseUrl(name?: string): string;
  createUser(name: string, password: string): Promise<void>;
  /** Kills the server process (SIGKILL, as a crash), keeping its data folder. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestCouch(options: { persistent?: boolean } = {}): Promise<TestCouch> {
  const external = process.env.COUCH_URL;
  if (external) return externalCouch(external);
  const dir = options.persistent ? await mkdtemp(path.join(os.tmpdir(), 'factdesk-couch-')) : null;
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(process.execPath, ['--unhandled-rejections=warn', SCRIPT, String(port), ...(dir ? [dir] : [])], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    await waitUntilReady(origin, child, () => stderr);
  };
  const kill = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      process.kill(running.pid!, 'SIGKILL');
    });
  };
  await start();
  // express-pouchdb starts in "admin party"; making an admin ends it, as on a set-up CouchDB.
  await request(`${origin}/_config/admins/${ADMIN}`, { method: 'PUT', body: JSON.stringify(ADMIN_PASSWORD) });
  let counter = 0;
  return {
    origin,
    restartable: true,
    databaseUrl: (name = `desk-${process.pid}-${++counter}`) => `${origin}/${name}`,
    createUser: (name, password) => createUser(origin, name, password),
    kill,
    restart: start,
    stop: async () => {
      await kill();
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

function externalCouch(adminUrl: string): TestCouch {
  const url = new URL(adminUrl);
  const origin = url.origin;
  const admin = { name: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
  if (admin.name !== ADMIN || admin.password !== ADMIN_PASSWORD) {
    // The tests sign in as ADMIN; make that admin on the real server with the given one.
    void request(`${origin}/_node/_local/_config/admins/${ADMIN}`, {
      method: 'PUT',
      body: JSON.stringify(ADMIN_PASSWORD),
      auth: admin,
    }).catch(() => undefined);
  }
  let counter = 0;
  return {
    origin,
    restartable: false,
    databaseUrl: (name = `desk-${process.pid}-${Date.now()}-${++counter}`) => `${origin}/${name}`,
    createUser: (name, password) => createUser(origin, name, password),
    kill: async () => {
      throw new Error('Cannot kill a real CouchDB from the tests.');
    },
    restart: async () => undefined,
    stop: async () => undefined,
  };
}

async function createUser(origin: string, name: string, password: string): Promise<void> {
  // A real CouchDB has no _users database until someone makes it; making it twice is harmless.
  await request(`${origin}/_users`, { method: 'PUT', auth: { name: ADMIN, password: ADMIN_PASSWORD } }).catch(() => undefined);
  await request(`${origin}/_users/org.couchdb.user:${encodeURIComponent(name)}`, {
    method: 'PUT',
    auth: { name: ADMIN, password: ADMIN_PASSWORD },
    body: JSON.stringify({ _id: `org.couchdb.user:${name}`, name, password, roles: [], type: 'user' }),
  });
}

/** One HTTP request to the test server; throws on a non-2xx answer with its body. */
export async function request(
  url: string,
  init: { method?: string; body?: string; auth?: { name: string; password: string } } = {},
): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (init.auth) headers.authorization = `Basic ${Buffer.from(`${init.auth.name}:${init.auth.password}`).toString('base64')}`;
  const response = await fetch(url, { method: init.method ?? 'GET', headers, body: init.body, signal: AbortSignal.timeout(10_000) });
  const json = await response.json().catch(() => null);
  if (!response.ok) throw Object.assign(new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${JSON.stringify(json)}`), { status: response.status, json });
  return { status: response.status, json };
}

async function waitUntilReady(origin: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The test CouchDB exited (${child.exitCode}): ${stderr()}`);
    const ready = await fetch(`${origin}/`, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return;
    if (Date.now() > deadline) throw new Error(`The test CouchDB did not answer within 30 s: ${stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A port nothing listens on (for the moment). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
