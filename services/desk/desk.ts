/**
 * The shared desk: this store's articles replicated with a newsroom's CouchDB.
 *
 * Why a local replica. CouchDB's replication protocol (revision trees, checkpoints, retries,
 * attachments) is PouchDB's job, and PouchDB needs a database of its own on this side: it keeps
 * the revisions this machine has seen, which is what lets two editors' changes made apart be
 * told from one editor's later change. The lowdb files stay the store the app reads and writes
 * (fast, readable, backed up, the editor's choice); the replica lives beside them in
 * `<store>/desk/replica`, a leveldb folder (pouchdb-node's default adapter: durable, no server,
 * rebuilt for Electron by electron-builder like any native module), opened only by the process
 * that holds the store's lock, so it has one writer like the store itself.
 *
 * How changes flow:
 *   push: an article whose `updatedAt` differs from the one last pushed is mapped to its
 *         documents (documents.ts), and only documents whose content changed are written to the
 *         replica, under the signed-in user's name;
 *   replicate: PouchDB replicates the replica to the desk and the desk to the replica;
 *   pull: the replica's own changes feed (from the sequence last pulled) names the articles that
 *         changed; each is rebuilt from its documents and written to the lowdb file, statement
 *         by statement, so a statement this editor did not receive a change for is left alone.
 * A statement changed on two sides while apart arrives as a CouchDB conflict: it is shown with
 * the history of both sides and flagged (documents.ts) until an editor changes it again; that
 * change is written on the winning revision and the other sides are closed, so nothing is lost
 * and the conflict ends everywhere.
 *
 * Passwords are never stored here: the caller passes them each time (the CLI from the
 * environment, the app from Electron's safeStorage).
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import PouchDB from 'pouchdb-node';
import type { Pouch } from 'pouchdb-node';
import * as v from 'valibot';
import { UserError } from '../../store/errors';
import type { Article, DocumentRef, Statement } from '../../domain/schema';
import type { Store } from '../../store/store';
import { readText, DurableJSONFile } from '../../store/durable-file';
import { designDocument, DESIGN_DOC_ID, securityDocument } from './design';
import {
  articleConflict,
  articleDocId,
  articleIdOf,
  contentHash,
  DOCUMENT_ATTACHMENT,
  DOCUMENT_PREFIX,
  documentAttachment,
  fromArticleDoc,
  fromDocumentDoc,
  mergeConflictingStatements,
  sameContent,
  stableJson,
  statementDocId,
  toArticleDoc,
  toDocumentDoc,
  toStatementDoc,
  type ArticleDoc,
  type DeskDoc,
  type DocumentDoc,
  type StatementDoc,
} from './documents';

export interface DeskAccount {
  /** The desk's database, e.g. https://couch.example/newsdesk (no credentials in it). */
  url: string;
  user: string;
  password: string;
}

export interface SyncResult {
  pushed: number;
  pulled: number;
  conflicts: number;
}

const DeskStateSchema = v.object({
  url: v.string(),
  user: v.string(),
  /** The replica's sequence the last pull reached (the replica's own, never the server's). */
  lastSeq: v.union([v.number(), v.string()]),
  /** Each article's updatedAt when it was last written to the replica. */
  pushedAt: v.record(v.string(), v.string()),
  /** Articles whose documents had not all arrived at the last pull: tried again next time. */
  pending: v.array(v.string()),
  /** Statement documents in conflict at the last pull. */
  conflicted: v.array(v.string()),
  lastSyncAt: v.nullable(v.string()),
});
export type DeskState = v.InferOutput<typeof DeskStateSchema>;

/** How many articles are mapped and written together. */
const BATCH = 100;

export function deskFolder(storeDir: string): string {
  return path.join(storeDir, 'desk');
}

const stateFile = (storeDir: string) => path.join(deskFolder(storeDir), 'desk.json');

/** The desk this store is connected to, or null. */
export async function readDeskState(storeDir: string): Promise<DeskState | null> {
  const text = await readText(stateFile(storeDir));
  if (text === null) return null;
  const parsed = v.safeParse(DeskStateSchema, JSON.parse(text));
  if (!parsed.success) throw new UserError('damaged', `${stateFile(storeDir)} is damaged; run factdesk desk connect again.`);
  return parsed.output;
}

async function writeDeskState(storeDir: string, state: DeskState): Promise<void> {
  await fs.mkdir(deskFolder(storeDir), { recursive: true });
  await new DurableJSONFile<DeskState>(stateFile(storeDir), { durable: true }).write(state);
}

/** Forgets the desk: the replica and the state go; the articles in the store stay. */
export async function forgetDesk(storeDir: string): Promise<boolean> {
  const had = (await readDeskState(storeDir).catch(() => null)) !== null;
  await fs.rm(deskFolder(storeDir), { recursive: true, force: true });
  return had;
}

/** The database URL as the editor gave it, checked: http(s), a database name, no credentials. */
export function parseDeskUrl(url: string): { origin: string; database: string; url: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError('invalid-input', `"${url}" is not a URL; give the desk's database, e.g. https://couch.example/newsdesk.`);
  }
  if (!/^https?:$/.test(parsed.protocol)) throw new UserError('invalid-input', `The desk URL must start with http:// or https://.`);
  if (parsed.username || parsed.password) {
    throw new UserError('invalid-input', 'Give the desk URL without a name or password in it; the password comes separately.');
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\/+|\/+$/g, ''));
  if (!/^[a-z][a-z0-9_$()+/-]*$/.test(database)) {
    throw new UserError('invalid-input', `The desk URL must name its database (lower case), e.g. https://couch.example/newsdesk.`);
  }
  const clean = `${parsed.origin}/${encodeURIComponent(database)}`;
  return { origin: parsed.origin, database, url: clean };
}

interface Answer {
  status: number;
  body: { error?: string; reason?: string } | null;
}

async function http(url: string, auth: { name: string; password: string }, method = 'GET', body?: unknown): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${auth.name}:${auth.password}`).toString('base64')}`,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (err) {
    throw unreachable(new URL(url).origin, err);
  }
  return { status: response.status, body: (await response.json().catch(() => null)) as Answer['body'] };
}

function unreachable(origin: string, err: unknown): UserError {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (err as Error)?.name;
  const why =
    code === 'TimeoutError' ? 'no answer within 15 s' : code === 'ECONNREFUSED' ? 'connection refused' : (cause?.message ?? code ?? 'unreachable');
  return new UserError('desk', `Cannot reach the desk at ${origin} (${why}). Your work stays on this machine.`);
}

/**
 * `factdesk desk setup`: the database, its design document and a members-only _security.
 * Safe to run again: an existing database is kept and its rules are brought up to date.
 */
export async function setupDesk(url: string, admin: { name: string; password: string }, members: string[]) {
  const desk = parseDeskUrl(url);
  const session = await http(`${desk.origin}/_session`, admin);
  if (session.status === 401) throw new UserError('desk', `The desk refused the admin name or password for ${admin.name}.`);
  const created = await http(desk.url, admin, 'PUT');
  if (created.status !== 201 && created.status !== 412 && created.status !== 202) {
    throw new UserError('desk', `Could not create the desk database ${desk.database}: ${created.status} ${created.body?.reason ?? ''}`.trim());
  }
  const existing = await http(`${desk.url}/${DESIGN_DOC_ID}`, admin);
  const design = { ...designDocument(), ...(existing.status === 200 ? { _rev: (existing.body as { _rev: string })._rev } : {}) };
  const put = await http(`${desk.url}/${DESIGN_DOC_ID}`, admin, 'PUT', design);
  if (put.status >= 300) throw new UserError('desk', `Could not install the desk's rules: ${put.status} ${put.body?.reason ?? ''}`.trim());
  const security = securityDocument(members);
  const sec = await http(`${desk.url}/_security`, admin, 'PUT', security);
  if (sec.status >= 300) throw new UserError('desk', `Could not make the desk members-only: ${sec.status} ${sec.body?.reason ?? ''}`.trim());
  return { url: desk.url, database: desk.database, created: created.status !== 412, members: security.members };
}

/**
 * Checks a desk user's name, password and membership, with one clear sentence for each way it
 * can fail. (CouchDB answers a non-member 403 and express-pouchdb 401: the password is checked
 * first through _session, so either means "not a member".)
 */
export async function checkAccount(account: DeskAccount): Promise<void> {
  const desk = parseDeskUrl(account.url);
  const auth = { name: account.user, password: account.password };
  const session = await http(`${desk.origin}/_session`, auth);
  if (session.status === 401) throw new UserError('desk', `The desk refused the password for ${account.user}.`);
  if (session.status >= 300) throw new UserError('desk', `The desk at ${desk.origin} answered ${session.status}; is it a CouchDB?`);
  const db = await http(desk.url, auth);
  if (db.status === 401 || db.status === 403) throw new UserError('desk', `${account.user} is not a member of the desk ${desk.database}.`);
  if (db.status === 404) throw new UserError('desk', `There is no desk ${desk.database} at ${desk.origin}; run factdesk desk setup first.`);
  if (db.status >= 300) throw new UserError('desk', `The desk ${desk.database} answered ${db.status}: ${db.body?.reason ?? ''}`.trim());
}

/** Remembers the desk for this store after checking the account. The password is not kept. */
export async function connectDesk(store: Store, account: DeskAccount): Promise<DeskState> {
  const desk = parseDeskUrl(account.url);
  await checkAccount({ ...account, url: desk.url });
  const previous = await readDeskState(store.dir);
  if (previous && (previous.url !== desk.url || previous.user !== account.user)) {
    // Another desk or another user: the replica belongs to the old one.
    await forgetDesk(store.dir);
  }
  const state: DeskState =
    previous && previous.url === desk.url && previous.user === account.user
      ? previous
      : { url: desk.url, user: account.user, lastSeq: 0, pushedAt: {}, pending: [], conflicted: [], lastSyncAt: null };
  await writeDeskState(store.dir, state);
  return state;
}

type Replica = Pouch.Database;
/** Per article: document id -> [replica revision, content fingerprint] the store last had. */
type BaseDoc = { _id: string; _rev?: string; revs: Record<string, [string, string]> };
type Row = { id: string; doc?: DeskDoc | null; value?: { rev: string; deleted?: boolean }; error?: string };

/** The desk as one store sees it: its replica, the remote database, and the mapping between. */
export class Desk {
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly store: Store,
    readonly state: DeskState,
    readonly replica: Replica,
    readonly remote: Replica,
  ) {}

  static async open(store: Store, password: string): Promise<Desk> {
    const state = await readDeskState(store.dir);
    if (!state) throw new UserError('desk', 'This store is not connected to a desk; run factdesk desk connect URL --user NAME first.');
    await fs.mkdir(deskFolder(store.dir), { recursive: true });
    const replica = new PouchDB(path.join(deskFolder(store.dir), 'replica'));
    const remote = new PouchDB(state.url, { skip_setup: true, auth: { username: state.user, password } });
    return new Desk(store, state, replica, remote);
  }

  get user(): string {
    return this.state.user;
  }

  /** One push and pull: the local changes out, the desk's changes in. */
  sync(): Promise<SyncResult> {
    return this.exclusive(() => this.syncOnce());
  }

  private async syncOnce(): Promise<SyncResult> {
    await this.writeChanges(() => undefined);
    let pushed = 0;
    let pulled = 0;
    try {
      pushed = (await this.replica.replicate.to(this.remote, { batch_size: 500 })).docs_written;
      pulled = (await this.replica.replicate.from(this.remote, { batch_size: 500 })).docs_written;
    } catch (err) {
      throw describeReplicationError(err, this.state);
    }
    // Written to desk.json with what the pull takes (one write, not two).
    this.state.lastSyncAt = new Date().toISOString();
    await this.takeChanges();
    return { pushed, pulled, conflicts: this.state.conflicted.length };
  }

  /**
   * Writes this store's changed articles to the replica; returns how many documents were written.
   * `onWriting` hears of each batch just before it is written, so a count of documents on their
   * way is never behind live replication, which may send them before this returns.
   */
  pushToReplica(onWriting: (documents: number) => void = () => undefined): Promise<number> {
    return this.exclusive(() => this.writeChanges(onWriting));
  }

  /** Brings what the replica received into the store; returns the articles that changed here. */
  pullFromReplica(): Promise<string[]> {
    return this.exclusive(() => this.takeChanges());
  }

  /** Records that this store and the desk have each other's changes, now. */
  markSynced(): Promise<void> {
    return this.exclusive(async () => {
      this.state.lastSyncAt = new Date().toISOString();
      await writeDeskState(this.store.dir, this.state);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.catch(() => undefined);
    await this.replica.close();
    await this.remote.close().catch(() => undefined);
  }

  // ---- Internals ----

  /**
   * Push, pull and sync take turns: each reads and then writes the bases and desk.json, so two
   * at once would overwrite each other's (and a pull that fails that way never tells the window).
   */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The push's work, in a turn already taken. */
  private async writeChanges(onWriting: (documents: number) => void): Promise<number> {
    const changed = this.store.list().filter((s) => this.state.pushedAt[s.id] !== s.updatedAt);
    let written = 0;
    for (let i = 0; i < changed.length; i += BATCH) {
      const batch = changed.slice(i, i + BATCH);
      const articles = await Promise.all(batch.map((s) => this.store.get(s.id)));
      written += await this.writeArticles(articles, onWriting);
      for (const a of articles) this.state.pushedAt[a.id] = a.updatedAt;
    }
    // Moved to the trash here since it was last pushed: moved to the trash on the desk too.
    const trashed = this.store.trash().filter((t) => t.id in this.state.pushedAt);
    if (trashed.length) written += await this.deleteArticles(trashed.map((t) => t.id), onWriting);
    if (changed.length || trashed.length) await writeDeskState(this.store.dir, this.state);
    return written;
  }

  /** The pull's work, in a turn already taken. */
  private async takeChanges(): Promise<string[]> {
    const changes = await this.replica.changes({ since: this.state.lastSeq, return_docs: true });
    const touched = new Set<string>(this.state.pending);
    for (const change of changes.results) {
      const articleId = articleIdOf(change.id);
      if (articleId) touched.add(articleId);
    }
    const pending: string[] = [];
    const applied: string[] = [];
    const ids = [...touched];
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      applied.push(...(await this.applyArticles(batch, pending)));
    }
    this.state.pending = pending;
    this.state.lastSeq = changes.last_seq;
    await writeDeskState(this.store.dir, this.state);
    return applied;
  }

  /**
   * What this store last had of each document of an article: the replica revision and the
   * fingerprint of the content the store then held. A push compares against it to tell a change
   * made here (write it) from a change that reached the replica but not yet the store (leave it
   * for the pull), and a change made here on top of an older revision becomes a conflict
   * (both kept) instead of silently replacing a colleague's. Kept as _local documents, which
   * never replicate.
   */
  private async bases(articleIds: string[]): Promise<Map<string, BaseDoc>> {
    const docs = await Promise.all(
      articleIds.map((id) =>
        this.replica.get(`_local/base:${id}`).catch(() => ({ _id: `_local/base:${id}`, revs: {} }) as BaseDoc),
      ),
    );
    return new Map(articleIds.map((id, i) => [id, docs[i] as BaseDoc]));
  }

  /** One write for a batch's records (leveldb writes _local documents in one transaction). */
  private async saveBases(bases: BaseDoc[]): Promise<void> {
    if (!bases.length) return;
    const results = await this.replica.bulkDocs(bases as never[]);
    for (const [i, result] of results.entries()) {
      if ('error' in result && result.error) {
        throw new UserError('desk', `Could not write to this machine's desk replica: ${JSON.stringify(result)}`);
      }
      bases[i]!._rev = (result as { rev: string }).rev;
    }
  }

  private async writeArticles(articles: Article[], onWriting: (documents: number) => void): Promise<number> {
    const user = this.state.user;
    const bases = await this.bases(articles.map((a) => a.id));
    const wanted: DeskDoc[] = [];
    for (const article of articles) {
      wanted.push(toArticleDoc(article, user));
      for (const s of article.statements) wanted.push(toStatementDoc(article.id, s, user));
      for (const d of article.documents) wanted.push(toDocumentDoc(article.id, d, user));
    }
    const existing = await this.rows(wanted.map((d) => d._id));
    const writes: Record<string, unknown>[] = [];
    const siblings: Record<string, unknown>[] = [];
    const hashes = new Map<string, string>();
    for (const doc of wanted) {
      const base = bases.get(articleIdOf(doc._id)!)!.revs;
      const row = existing.get(doc._id);
      const current = row?.doc;
      const hash = contentHash(doc);
      hashes.set(doc._id, hash);
      if (!current) {
        if (doc.type === 'document') {
          const document = await this.store.getDocument(doc.articleId, fromDocumentDoc(doc).id);
          writes.push({ ...doc, _attachments: { [DOCUMENT_ATTACHMENT]: documentAttachment(document) } });
        } else writes.push({ ...doc, ...(row?.value?.rev ? { _rev: row.value.rev } : {}) });
        continue;
      }
      const known = base[doc._id];
      // Unchanged here since the store last had it: anything new in the replica is the pull's.
      if (doc.type === 'document' || (known && known[1] === hash)) continue;
      const others = current._conflicts?.length ? await this.leaves(doc._id, current._conflicts) : [];
      const shown =
        doc.type === 'statement'
          ? toStatementDoc(doc.articleId, mergeConflictingStatements(current as StatementDoc, others as StatementDoc[]), user)
          : current;
      if (sameContent(doc, shown)) {
        base[doc._id] = [current._rev!, hash];
        continue;
      }
      if (!known || known[0] === current._rev) {
        // Changed here on top of what the replica has: written on the winning revision. The
        // other sides of a conflict are closed, their changes already in this version's history.
        writes.push({ ...doc, _rev: current._rev });
        for (const rev of current._conflicts ?? []) writes.push({ _id: doc._id, _rev: rev, _deleted: true, editedBy: user });
        continue;
      }
      // Changed here while a colleague's change to the same document arrived: both are kept,
      // as a CouchDB conflict, which the pull then shows and flags.
      const parent = (await this.replica.get(doc._id, { rev: known[0], revs: true } as never).catch(() => null)) as
        | (DeskDoc & { _revisions: { start: number; ids: string[] } })
        | null;
      if (!parent) {
        writes.push({ ...doc, _rev: current._rev });
        continue;
      }
      const id = randomBytes(16).toString('hex');
      const start = parent._revisions.start + 1;
      siblings.push({ ...doc, _rev: `${start}-${id}`, _revisions: { start, ids: [id, ...parent._revisions.ids] } });
    }
    // Statements merged away or split off elsewhere: their documents go when the article drops them.
    for (const article of articles) {
      const before = existing.get(articleDocId(article.id))?.doc as ArticleDoc | undefined;
      const kept = new Set(article.statements.map((s) => s.id));
      const gone = (before?.statementIds ?? []).filter((id) => !kept.has(id)).map((id) => statementDocId(article.id, id));
      if (!gone.length) continue;
      for (const [id, row] of await this.rows(gone)) {
        if (row.doc) writes.push({ _id: id, _rev: row.doc._rev, _deleted: true, editedBy: user });
      }
    }
    onWriting(writes.length + siblings.length);
    const results = [
      ...(writes.length ? await this.replica.bulkDocs(writes) : []),
      ...(siblings.length ? await this.replica.bulkDocs(siblings, { new_edits: false }) : []),
    ];
    const failed = results.find((r) => 'error' in r && r.error);
    if (failed) throw new UserError('desk', `Could not write to this machine's desk replica: ${JSON.stringify(failed)}`);
    for (const [i, doc] of [...writes, ...siblings].entries()) {
      const result = results[i];
      const rev = result && 'rev' in result ? result.rev : (doc._rev as string);
      if (doc._deleted) continue;
      bases.get(articleIdOf(doc._id as string)!)!.revs[doc._id as string] = [rev, hashes.get(doc._id as string)!];
    }
    await this.saveBases([...bases.values()]);
    return writes.length + siblings.length;
  }

  /**
   * Deletes the article documents (CouchDB keeps a tombstone; a colleague's pull moves the
   * article to her trash). The statement and source documents stay, so a restore brings the
   * article back whole.
   */
  private async deleteArticles(articleIds: string[], onWriting: (documents: number) => void): Promise<number> {
    const deletions = [...(await this.rows(articleIds.map(articleDocId))).values()]
      .filter((row) => row.doc)
      .map((row) => ({ _id: row.id, _rev: row.doc!._rev, _deleted: true, editedBy: this.state.user }));
    onWriting(deletions.length);
    const results = deletions.length ? await this.replica.bulkDocs(deletions) : [];
    const failed = results.find((r) => 'error' in r && r.error);
    if (failed) throw new UserError('desk', `Could not write to this machine's desk replica: ${JSON.stringify(failed)}`);
    for (const id of articleIds) delete this.state.pushedAt[id];
    return deletions.length;
  }

  private async applyArticles(articleIds: string[], pending: string[]): Promise<string[]> {
    const articleRows = await this.rows(articleIds.map(articleDocId));
    const bases = await this.bases(articleIds);
    const statementIds: string[] = [];
    for (const id of articleIds) {
      const doc = articleRows.get(articleDocId(id))?.doc as ArticleDoc | undefined;
      for (const sid of doc?.statementIds ?? []) statementIds.push(statementDocId(id, sid));
    }
    const statementRows = await this.rows(statementIds);
    const applied: string[] = [];
    for (const articleId of articleIds) {
      const base = bases.get(articleId)!.revs;
      const articleRow = articleRows.get(articleDocId(articleId));
      const inTrash = this.store.trash().some((t) => t.id === articleId);
      if (articleRow?.value?.deleted) {
        // A colleague moved it to the trash: here too, where it can be restored for 30 days.
        if (this.store.list().some((a) => a.id === articleId)) {
          await this.store.delete(articleId);
          applied.push(articleId);
        }
        delete this.state.pushedAt[articleId];
        continue;
      }
      // Moved to the trash here and not yet sent: the deletion goes with the next push.
      if (inTrash && articleId in this.state.pushedAt) continue;
      const articleDoc = articleRow?.doc as ArticleDoc | undefined;
      if (!articleDoc) {
        // Statements arrived before their article (a sync cut short): wait for the rest.
        pending.push(articleId);
        continue;
      }
      const statements: { statement: Statement; fromDesk: boolean; doc: StatementDoc }[] = [];
      let complete = true;
      for (const sid of articleDoc.statementIds) {
        const doc = statementRows.get(statementDocId(articleId, sid))?.doc as StatementDoc | undefined;
        if (!doc) {
          complete = false;
          break;
        }
        const others = doc._conflicts?.length ? ((await this.leaves(doc._id, doc._conflicts)) as StatementDoc[]) : [];
        const statement = mergeConflictingStatements(doc, others);
        this.noteConflict(doc._id, others.length > 0);
        // The store already has this revision (it wrote it, or took it before): keep its version.
        const fromDesk = others.length > 0 || base[doc._id]?.[0] !== doc._rev;
        statements.push({ statement, fromDesk, doc });
      }
      if (!complete) {
        pending.push(articleId);
        continue;
      }
      // Restored by a colleague after its deletion reached this store: back from the trash here.
      if (inTrash) await this.store.restore(articleId);
      const otherArticles = articleDoc._conflicts?.length ? ((await this.leaves(articleDoc._id, articleDoc._conflicts)) as ArticleDoc[]) : [];
      const deskConflict = articleConflict(articleDoc, otherArticles);
      this.noteConflict(articleDoc._id, otherArticles.length > 0);
      const documents = await this.documentsOf(articleId);
      const pushedBefore = this.state.pushedAt[articleId];
      let savedHereMeanwhile = false;
      const article = await this.store.applyFromDesk(articleId, (local) => {
        // An edit saved here after the last push (between a push and this pull) has not reached
        // the desk yet: whatever it touched is kept as the editor made it, and its base is left
        // where it was, so the next push sends it (as a conflict if a colleague changed the
        // same document meanwhile: both sides kept, flagged).
        savedHereMeanwhile = !!local && local.updatedAt !== pushedBefore;
        const changedHere = (id: string, doc: DeskDoc) => savedHereMeanwhile && base[id]?.[1] !== contentHash(doc);
        const articleChangedHere = !!local && changedHere(articleDoc._id, toArticleDoc(local, ''));
        if (!articleChangedHere) base[articleDoc._id] = [articleDoc._rev!, contentHash(articleDoc)];
        const kept = statements.map(({ statement, fromDesk, doc }) => {
          const mine = local?.statements.find((m) => m.id === statement.id);
          if (mine && changedHere(doc._id, toStatementDoc(articleId, mine, ''))) return mine;
          if (fromDesk) base[doc._id] = [doc._rev!, contentHash(toStatementDoc(articleId, statement, doc.editedBy))];
          // A flag whose conflict this store closed itself is lifted with the desk's version.
          return mine && !fromDesk && !mine.deskConflict ? mine : statement;
        });
        const next: Article = articleChangedHere
          ? {
              ...local!,
              statements: local!.statements.map((mine) => kept.find((s) => s.id === mine.id) ?? mine),
              documents: unionDocuments(local!.documents, documents),
            }
          : ({
              ...(local ?? {}),
              ...fromArticleDoc(articleDoc),
              updatedAt: local?.updatedAt ?? latest(articleDoc.createdAt, kept),
              statements: kept,
              documents: local ? unionDocuments(documents, local.documents) : documents,
              deskConflict,
            } as Article);
        if (!next.deskConflict) delete next.deskConflict;
        return local && sameArticle(local, next) ? local : next;
      });
      if (article) {
        if (!savedHereMeanwhile) this.state.pushedAt[articleId] = article.updatedAt;
        applied.push(articleId);
      }
    }
    await this.saveBases([...bases.values()]);
    return applied;
  }

  /** The article's source documents; the text of each one new here is fetched and kept first. */
  private async documentsOf(articleId: string): Promise<DocumentRef[]> {
    const prefix = `${DOCUMENT_PREFIX}${articleId}:`;
    const result = await this.replica.allDocs({ startkey: prefix, endkey: `${prefix}\ufff0`, include_docs: true });
    const refs: DocumentRef[] = [];
    for (const row of result.rows) {
      const doc = row.doc as unknown as DocumentDoc | undefined;
      if (!doc) continue;
      const ref = fromDocumentDoc(doc);
      const have = await this.store.getDocument(articleId, ref.id).then(
        () => true,
        () => false,
      );
      if (!have) {
        const blob = (await this.replica.getAttachment(doc._id, DOCUMENT_ATTACHMENT)) as Buffer;
        const body = JSON.parse(blob.toString('utf8')) as { text: string; pageStarts: number[] };
        await this.store.putDocumentFromDesk(articleId, { ...ref, text: body.text, pageStarts: body.pageStarts });
      }
      refs.push(ref);
    }
    return refs.sort((a, b) => a.attachedAt.localeCompare(b.attachedAt));
  }

  private noteConflict(docId: string, inConflict: boolean): void {
    const set = new Set(this.state.conflicted);
    if (inConflict) set.add(docId);
    else set.delete(docId);
    this.state.conflicted = [...set];
  }

  private async rows(ids: string[]): Promise<Map<string, Row>> {
    if (!ids.length) return new Map();
    const result = await this.replica.allDocs({ keys: ids, include_docs: true, conflicts: true });
    return new Map((result.rows as unknown as Row[]).map((r) => [r.id, r]));
  }

  /** The other sides of a conflict, as documents. */
  private async leaves(id: string, revs: string[]): Promise<DeskDoc[]> {
    const found = await this.replica.get(id, { open_revs: revs });
    return (found as unknown as { ok?: DeskDoc }[]).flatMap((r) => (r.ok && !r.ok._deleted ? [r.ok] : []));
  }
}

function latest(createdAt: string, statements: Statement[]): string {
  return statements.reduce((max, s) => (s.updatedAt && s.updatedAt > max ? s.updatedAt : max), createdAt);
}

/** The desk's documents with any attached here and not pushed yet (a document is never removed). */
function unionDocuments(first: DocumentRef[], second: DocumentRef[]): DocumentRef[] {
  const ids = new Set(first.map((d) => d.id));
  return [...first, ...second.filter((d) => !ids.has(d.id))].sort((a, b) => a.attachedAt.localeCompare(b.attachedAt));
}

function sameArticle(a: Article, b: Article): boolean {
  return stableJson({ ...a, updatedAt: '' }) === stableJson({ ...b, updatedAt: '' });
}

export function describeReplicationError(err: unknown, state: DeskState): UserError {
  const e = err as { status?: number; name?: string; message?: string; reason?: string; code?: string; result?: { errors?: unknown[] } };
  const origin = new URL(state.url).origin;
  if (e.status === 401) return new UserError('desk', `The desk refused the password for ${state.user}, or ${state.user} is no longer a member.`);
  if (e.status === 403) return new UserError('desk', `The desk refused a change: ${e.reason ?? e.message ?? 'forbidden'}.`);
  if (e.status === 404) return new UserError('desk', `The desk ${state.url} no longer exists.`);
  if (e.code === 'ECONNREFUSED' || e.name === 'TypeError' || e.status === undefined || e.status === 500) {
    return new UserError('desk', `Cannot reach the desk at ${origin} (${e.message ?? e.reason ?? 'unreachable'}). Your work stays on this machine; sync again later.`);
  }
  return new UserError('desk', `Sync with the desk failed: ${e.status} ${e.reason ?? e.message ?? ''}`.trim());
}
