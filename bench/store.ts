/**
 * Store benchmark: what one verdict click costs as the library grows, against lowdb used the
 * naive way (one file for the whole library).
 *
 *   npm run bench:store
 *   npm run bench:store -- --quick               libraries of 1 and 20 articles, 20 marks (the figures mean little)
 *   BENCH_DIR=/some/disk npm run bench:store     measure on another disk (default: the OS temp dir)
 *
 * A "mark" is the full path a click takes after IPC: dispatch() validates the arguments, the
 * store writes the article durably (temp file, fsync, backup link, rename, folder fsync) and the
 * call resolves. Libraries of 1, 100 and 2,000 articles of 60 statements each.
 *
 * Goals (issue 3): p95 at 2,000 articles within 1.5x of p95 at 1 article (no per-mark cost grows
 * with the library), at least 20x faster than single-file lowdb at 2,000 articles, and the
 * library index open in under 100 ms at 2,000 articles.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import * as v from 'valibot';
import { createHandlers, dispatch } from '../main/handlers';
import { testHost } from '../test/host';
import { ArticleFileSchema, SCHEMA_VERSION } from '../store/file-schemas';
import { StatementPatchSchema, type Article, type StatementPatch } from '../domain/schema';
import { Store } from '../store/store';
import { VERDICTS } from '../domain/verdicts';
import { sampleArticle } from '../store/fixtures/helpers';
import { QUICK, sized } from './quick';

const SIZES: readonly number[] = sized([1, 100, 2000], [1, 20]);
/** The largest library: the one the goals speak of. */
const BIG = SIZES[SIZES.length - 1]!;
const STATEMENTS = 60;
const MARKS = sized(200, 20);
/** The marks are taken in ROUNDS blocks per configuration, interleaved, so a slow spell of the disk hits every size alike. */
const ROUNDS = sized(20, 2);
const WARMUP = 3;
const OPEN_RUNS = sized(5, 2);

const host = testHost();

// ---- Peak memory: sampled on a timer and after every mark ----
let peakRss = 0;
const sampleRss = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const rssTimer = setInterval(sampleRss, 5);
rssTimer.unref();

// ---- Helpers ----

const ms = (x: number) => `${x.toFixed(2)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function percentile(samples: number[], p: number): number {
  const sorted = samples.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(samples: number[]): { p50: number; p95: number } {
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

function patchFor(i: number): StatementPatch {
  return { verdict: VERDICTS[1 + (i % (VERDICTS.length - 1))], note: `Checked against source #${i}.` };
}

const benchId = (n: number) => `bench${String(n).padStart(6, '0')}`;

/** A copy of the template article with fresh ids, as if created separately. */
function copyOf(template: Article, n: number): Article {
  const id = benchId(n);
  return {
    ...template,
    id,
    title: `${template.title} (${n})`,
    statements: template.statements.map((s, i) => ({ ...s, id: `${id}s${i}` })),
  };
}

/**
 * Builds a library of `size` articles. The first goes through Store.create (the real path);
 * the rest are copies written straight to articles/, and the store then rebuilds its index from
 * them on open, exactly as after a lost index. 2,000 creates would each rewrite the growing
 * index, which measures nothing this benchmark is about.
 */
async function buildLibrary(dir: string, size: number): Promise<void> {
  const store = await Store.open(dir, { durable: false });
  const { input, sentences } = sampleArticle(STATEMENTS, 'Minister claims unemployment fell');
  const template = await store.create(input, sentences);
  await store.close();
  for (let n = 1; n < size; n++) {
    const article = copyOf(template, n);
    await fs.writeFile(path.join(dir, 'articles', `${article.id}.json`), JSON.stringify({ version: SCHEMA_VERSION, article }));
  }
  await fs.rm(path.join(dir, 'library.json'));
  const rebuilt = await Store.open(dir, { durable: false });
  if (rebuilt.list().length !== size) throw new Error(`built ${rebuilt.list().length} articles, wanted ${size}`);
  await rebuilt.close();
}

/** Times `marks` clicks on one article through dispatch(), after opening it as the editor would. */
async function timeStoreMarks(dir: string, durable: boolean, marks: number, first: number): Promise<number[]> {
  const store = await Store.open(dir, { durable });
  const api = createHandlers(store, host);
  const list = store.list();
  const articleId = list[Math.floor(list.length / 2)]!.id; // not the newest: no cache advantage
  const opened = await dispatch(api, 'getArticle', [articleId]);
  if (!opened.ok) throw new Error(opened.error.message);
  const statements = (opened.value as Article).statements;
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + marks; i++) {
    const statementId = statements[(first + i) % statements.length]!.id;
    const t0 = performance.now();
    const result = await dispatch(api, 'markStatement', [articleId, statementId, patchFor(first + i)]);
    const elapsed = performance.now() - t0;
    if (!result.ok) throw new Error(result.error.message);
    if (i >= WARMUP) samples.push(elapsed);
    sampleRss();
  }
  await store.close();
  return samples;
}

/** Store.open + list on a cleanly closed library: what the app does before the first paint. */
async function timeIndexOpen(dir: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < OPEN_RUNS; i++) {
    const t0 = performance.now();
    const store = await Store.open(dir);
    store.list();
    times.push(performance.now() - t0);
    await store.close();
  }
  return times;
}

interface NaiveData {
  articles: Article[];
}

/**
 * lowdb as its README shows it: the whole library in one JSONFile, db.update per change. The
 * arguments are validated as dispatch() would, so both sides do the same work but the write.
 * Note that steno does not fsync, so this side does not even pay for durability.
 */
async function timeNaiveMarks(dir: string, storeDir: string, marks: number): Promise<number[]> {
  const db = new Low<NaiveData>(new JSONFile<NaiveData>(path.join(dir, 'db.json')), { articles: [] });
  const articles: Article[] = [];
  for (const name of (await fs.readdir(path.join(storeDir, 'articles'))).filter((n) => n.endsWith('.json'))) {
    articles.push(JSON.parse(await fs.readFile(path.join(storeDir, 'articles', name), 'utf8')).article);
  }
  db.data = { articles };
  await db.write();
  const article = db.data.articles[Math.floor(articles.length / 2)]!;
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + marks; i++) {
    const statementId = article.statements[i % article.statements.length]!.id;
    const t0 = performance.now();
    const patch = v.parse(StatementPatchSchema, patchFor(i));
    await db.update((data) => {
      const a = data.articles.find((x) => x.id === article.id)!;
      const s = a.statements.find((x) => x.id === statementId)!;
      Object.assign(s, patch, { updatedAt: new Date().toISOString() });
      a.updatedAt = new Date().toISOString();
    });
    const elapsed = performance.now() - t0;
    if (i >= WARMUP) samples.push(elapsed);
    sampleRss();
  }
  db.data = { articles: [] };
  return samples;
}

async function main(): Promise<void> {
  const base = process.env.BENCH_DIR ?? os.tmpdir();
  const root = await fs.mkdtemp(path.join(base, 'factdesk-bench-'));
  console.log(`Factdesk store benchmark: ${STATEMENTS} statements per article, ${MARKS} marks per run`);
  console.log(`folder ${root}, Node ${process.version}, ${os.cpus().length} cores\n`);
  try {
    // ---- Build ----
    const tBuild = performance.now();
    const dirs = new Map<number, string>();
    for (const size of SIZES) {
      dirs.set(size, path.join(root, `store-${size}`));
      await buildLibrary(dirs.get(size)!, size);
    }
    const buildSeconds = (performance.now() - tBuild) / 1000;
    // The build left tens of MB unsynced; flush them now so that the kernel's writeback does not
    // land in the middle of the first measurements' fsyncs.
    if (process.platform !== 'win32') execFileSync('sync');
    const bigDir = dirs.get(BIG)!;
    const sampleFile = path.join(bigDir, 'articles', `${benchId(1)}.json`);
    const articleBytes = (await fs.stat(sampleFile)).size;
    const indexBytes = (await fs.stat(path.join(bigDir, 'library.json'))).size;
    console.log(
      `built ${SIZES.join(' / ')}-article libraries in ${buildSeconds.toFixed(1)} s ` +
        `(article file ${(articleBytes / 1024).toFixed(0)} KB, index at ${BIG} articles ${(indexBytes / 1024).toFixed(0)} KB)\n`,
    );
    // Sanity: the files the benchmark wrote are ones the store accepts.
    v.parse(ArticleFileSchema, JSON.parse(await fs.readFile(sampleFile, 'utf8')));

    // ---- Marks through the store, durable ----
    const samples = new Map<number, number[]>(SIZES.map((size) => [size, []]));
    const perRound = MARKS / ROUNDS;
    for (let round = 0; round < ROUNDS; round++) {
      for (const size of SIZES) {
        samples.get(size)!.push(...(await timeStoreMarks(dirs.get(size)!, true, perRound, round * perRound)));
      }
    }
    console.log('mark one statement (dispatch -> validate -> durable write -> ack):');
    const storeP95 = new Map<number, number>();
    const storeP50 = new Map<number, number>();
    for (const size of SIZES) {
      const s = summary(samples.get(size)!);
      storeP95.set(size, s.p95);
      storeP50.set(size, s.p50);
      console.log(`  ${String(size).padStart(4)} articles   p50 ${ms(s.p50).padStart(9)}   p95 ${ms(s.p95).padStart(9)}`);
    }

    // ---- What the fsyncs cost ----
    // Measured after the durable runs, not interleaved with them: the unsynced data it leaves
    // behind would be written back in the middle of their fsyncs.
    const fast = summary(await timeStoreMarks(bigDir, false, MARKS, 0));
    console.log(`\nfsync cost at ${BIG} articles (durable: false is for this measurement only):`);
    console.log(`  durable       p50 ${ms(storeP50.get(BIG)!).padStart(9)}   p95 ${ms(storeP95.get(BIG)!).padStart(9)}`);
    console.log(`  non-durable   p50 ${ms(fast.p50).padStart(9)}   p95 ${ms(fast.p95).padStart(9)}`);

    // ---- Opening the library ----
    const opens = await timeIndexOpen(bigDir);
    const openMedian = percentile(opens, 50);
    console.log(
      `\nopen the library index at ${BIG} articles (Store.open + list): median ${ms(openMedian)} of ${OPEN_RUNS}, ` +
        `first ${ms(opens[0]!)}, max ${ms(Math.max(...opens))}`,
    );
    // After a crash there is no trusted index: the first open reads every article file instead.
    await fs.rm(path.join(bigDir, 'library.json'));
    const tRebuild = performance.now();
    const rebuilt = await Store.open(bigDir);
    rebuilt.list();
    const rebuildMs = performance.now() - tRebuild;
    await rebuilt.close();
    console.log(`open after a crash at ${BIG} articles (index rebuilt from the article files): ${ms(rebuildMs)}`);
    const storePeak = peakRss;

    // ---- Naive single-file lowdb ----
    console.log('\nsame marks on single-file lowdb (JSONFile, db.update per mark, no fsync):');
    const naiveP50 = new Map<number, number>();
    for (const size of SIZES) {
      const dir = path.join(root, `lowdb-${size}`);
      await fs.mkdir(dir);
      const s = summary(await timeNaiveMarks(dir, dirs.get(size)!, MARKS));
      naiveP50.set(size, s.p50);
      const dbBytes = (await fs.stat(path.join(dir, 'db.json'))).size;
      console.log(
        `  ${String(size).padStart(4)} articles   p50 ${ms(s.p50).padStart(9)}   p95 ${ms(s.p95).padStart(9)}   (file ${mb(dbBytes)})`,
      );
      await fs.rm(dir, { recursive: true });
    }

    sampleRss();
    console.log(`\npeak memory (RSS): ${mb(storePeak)} during the store runs, ${mb(peakRss)} overall (lowdb holds the whole library)`);

    const ratio = storeP95.get(BIG)! / storeP95.get(1)!;
    const speedup = naiveP50.get(BIG)! / storeP50.get(BIG)!;
    const goals = [
      `p95 ratio ${ratio.toFixed(2)} ${ratio <= 1.5 ? '<=' : '>'} 1.5`,
      `speedup ${speedup.toFixed(1)}x ${speedup >= 20 ? '>=' : '<'} 20`,
      `index open ${ms(openMedian)} ${openMedian < 100 ? '<' : '>='} 100 ms`,
    ];
    const met = ratio <= 1.5 && speedup >= 20 && openMedian < 100;
    const verdict = QUICK ? 'not judged (--quick: the goals are for 2,000 articles)' : met ? 'met' : 'MISSED';
    console.log(`goals ${verdict}: ${goals.join('; ')} (speedup compares p50 per mark)\n`);
    console.log(`p95 ratio ${BIG} articles / 1 article: ${ratio.toFixed(2)}`);
    console.log(`speedup vs single-file lowdb at ${BIG} articles: ${speedup.toFixed(1)}`);
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
