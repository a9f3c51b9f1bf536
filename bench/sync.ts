/**
 * Desk sync benchmark (issue 15): Factdesk's sync against plain PouchDB-to-PouchDB replication
 * of the same documents, in the same run, through the same CouchDB-protocol server (the tests'
 * express-pouchdb, or a real CouchDB 3 with COUCH_URL, see test/desk/server.ts).
 *
 *   npm run bench:sync
 *   BENCH_ARTICLES=500 npm run bench:sync       another archive size
 *   npm run bench:sync -- --quick               40 articles, 5 verdicts (a smoke test)
 *
 * 1. First sync of an archive (ARTICLES articles of 12 statements, some checked) into an empty
 *    store: `factdesk sync` as a second editor runs it (replicate into the local replica, then
 *    write every article file, durably), against replicating the same database into an empty
 *    PouchDB (leveldb) and nothing more.
 * 2. One verdict reaching a second connected store: the first editor marks a statement and
 *    syncs, the second syncs and has it in its store; median and p95 over VERDICTS verdicts,
 *    against putting one document into a PouchDB and replicating it to the server and on into
 *    a second PouchDB.
 * 3. The same with live sync as the app runs it (services/desk/live.ts): the first store saves
 *    a verdict and the time runs until the second store has it, with no sync call between.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import PouchDB from 'pouchdb-node';
import { connectDesk, Desk, DeskPassword, LiveDesk, setupDesk } from '../services/desk';
import { Store } from '../store/store';
import { ADMIN, ADMIN_PASSWORD, startTestCouch } from '../test/desk/server';
import { sized } from './quick';

const ARTICLES = Number(process.env.BENCH_ARTICLES) || sized(2000, 40);
const STATEMENTS = 12;
const VERDICTS = sized(50, 5);

process.on('unhandledRejection', () => undefined);

function quantile(samples: number[], q: number): number {
  const sorted = samples.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;

async function main(): Promise<void> {
  const couch = await startTestCouch();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-bench-sync-'));
  try {
    await couch.createUser('ana', 'ana-pw');
    await couch.createUser('ben', 'ben-pw');
    const url = couch.databaseUrl('bench-sync');
    await setupDesk(url, { name: ADMIN, password: ADMIN_PASSWORD }, ['ana', 'ben']);

    // Ana's archive, written without fsync (setting up is not what is measured).
    const anaStore = await Store.open(path.join(dir, 'ana'), { durable: false });
    for (let i = 0; i < ARTICLES; i++) {
      const sentences = Array.from({ length: STATEMENTS }, (_, k) => {
        const text = `Statement ${k + 1} of article ${i + 1}: the council spent ${k * 7 + i} million on roads in 2025.`;
        return { start: k * 100, end: k * 100 + text.length, text };
      });
      const text = sentences.map((s) => s.text.padEnd(99)).join(' ');
      const article = await anaStore.create(
        { text, title: `Article ${i + 1}`, outlet: 'Bugle', author: '', url: '', publishedAt: '' },
        sentences,
      );
      for (const s of article.statements.slice(0, 3)) await anaStore.mark(article.id, s.id, { verdict: 'verified', note: 'Council budget' }, 'ana');
    }
    await connectDesk(anaStore, { url, user: 'ana', password: 'ana-pw' });
    const ana = await Desk.open(anaStore, 'ana-pw');
    let t = performance.now();
    const pushed = await ana.sync();
    const firstPush = performance.now() - t;

    // 1. First sync into an empty store, against plain replication of the same database.
    const plainDb = new PouchDB(path.join(dir, 'plain'));
    const remote = new PouchDB(url, { skip_setup: true, auth: { username: 'ben', password: 'ben-pw' } });
    t = performance.now();
    const plain = await plainDb.replicate.from(remote, { batch_size: 500 });
    const plainFirst = performance.now() - t;

    const benStore = await Store.open(path.join(dir, 'ben'));
    await connectDesk(benStore, { url, user: 'ben', password: 'ben-pw' });
    const ben = await Desk.open(benStore, 'ben-pw');
    t = performance.now();
    const pulled = await ben.sync();
    const factdeskFirst = performance.now() - t;
    if (benStore.list().length !== ARTICLES) throw new Error(`Ben has ${benStore.list().length} articles, not ${ARTICLES}.`);

    // 2. One verdict from Ana's store to Ben's.
    const verdictTimes: number[] = [];
    const articles = anaStore.list();
    for (let i = 0; i < VERDICTS; i++) {
      const summary = articles[i % articles.length]!;
      const statement = (await anaStore.get(summary.id)).statements[5 + (i % 5)]!;
      const verdict = i % 2 ? 'false' : 'misleading';
      t = performance.now();
      await anaStore.mark(summary.id, statement.id, { verdict, note: `Run ${i}` }, 'ana');
      await ana.sync();
      await ben.sync();
      verdictTimes.push(performance.now() - t);
      const got = (await benStore.get(summary.id)).statements.find((s) => s.id === statement.id);
      if (got?.note !== `Run ${i}`) throw new Error(`The verdict of run ${i} did not reach the second store.`);
    }
    // 3. The same with live sync, as the app runs it: no sync calls, the verdict just arrives.
    await Promise.all([ana.close(), ben.close()]);
    const liveTimes: number[] = [];
    const lives = await Promise.all(
      [
        { store: anaStore, user: 'ana' },
        { store: benStore, user: 'ben' },
      ].map(async ({ store, user }) => {
        const live = new LiveDesk(store, new DeskPassword(store.dir, null), { maxRetryMs: 1000 });
        await live.connect({ url, user, password: `${user}-pw` });
        return live;
      }),
    );
    const settled = async () => {
      while (lives.some((l) => l.status().state !== 'synced')) await new Promise((r) => setTimeout(r, 20));
    };
    await settled();
    for (let i = 0; i < VERDICTS; i++) {
      const summary = articles[(i + 7) % articles.length]!;
      const statement = (await anaStore.get(summary.id)).statements[i % 5]!;
      t = performance.now();
      await anaStore.mark(summary.id, statement.id, { verdict: i % 2 ? 'false' : 'misleading', note: `Live ${i}` }, 'ana');
      const deadline = Date.now() + 60_000;
      while ((await benStore.get(summary.id)).statements.find((s) => s.id === statement.id)?.note !== `Live ${i}`) {
        if (Date.now() > deadline) throw new Error(`The live verdict of run ${i} did not reach the second store within 60 s.`);
        await new Promise((r) => setTimeout(r, 5));
      }
      liveTimes.push(performance.now() - t);
      await settled();
    }
    await Promise.all(lives.map((l) => l.stop()));

    const plainTimes: number[] = [];
    const plainA = new PouchDB(path.join(dir, 'plain-a'));
    const plainB = plainDb;
    const remoteAna = new PouchDB(url, { skip_setup: true, auth: { username: 'ana', password: 'ana-pw' } });
    await plainA.replicate.from(remoteAna, { batch_size: 500 });
    for (let i = 0; i < VERDICTS; i++) {
      t = performance.now();
      await plainA.put({ _id: `plain:${i}`, type: 'plain', editedBy: 'ana', verdict: 'false', note: `Run ${i}` });
      await plainA.replicate.to(remoteAna);
      await plainB.replicate.from(remote);
      plainTimes.push(performance.now() - t);
    }

    console.log(`Desk sync, ${ARTICLES} articles × ${STATEMENTS} statements (${pushed.pushed} documents), server: ${process.env.COUCH_URL ? 'CouchDB' : 'express-pouchdb'}`);
    console.log(`  first push from the editor's store:           ${ms(firstPush)}`);
    console.log(`First sync into an empty store`);
    console.log(`  factdesk sync (replica + ${ARTICLES} article files): ${ms(factdeskFirst)}  (${pulled.pulled} documents)`);
    console.log(`  plain PouchDB replication (baseline):          ${ms(plainFirst)}  (${plain.docs_written} documents)`);
    console.log(`  ratio factdesk / plain:                        ${(factdeskFirst / plainFirst).toFixed(2)}`);
    console.log(`One verdict reaching a second connected store (${VERDICTS} verdicts)`);
    console.log(`  factdesk: median ${ms(quantile(verdictTimes, 0.5))}, p95 ${ms(quantile(verdictTimes, 0.95))}`);
    console.log(`  plain PouchDB: median ${ms(quantile(plainTimes, 0.5))}, p95 ${ms(quantile(plainTimes, 0.95))}`);
    console.log(`  ratio factdesk / plain (median):               ${(quantile(verdictTimes, 0.5) / quantile(plainTimes, 0.5)).toFixed(2)}`);
    console.log(`  live sync, as the app runs it: median ${ms(quantile(liveTimes, 0.5))}, p95 ${ms(quantile(liveTimes, 0.95))}`);
    console.log(`  ratio live / plain (median):                   ${(quantile(liveTimes, 0.5) / quantile(plainTimes, 0.5)).toFixed(2)}`);
    console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);

    await Promise.all([plainA.close(), plainB.close(), remote.close(), remoteAna.close()]);
    await anaStore.close();
    await benStore.close();
  } finally {
    await couch.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
