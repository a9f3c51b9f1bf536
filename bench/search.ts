/**
 * Library search and earlier checks (issue 16) as the library grows: libraries of 100, 1,000
 * and 5,000 articles of 20 statements (5,000 articles = 100,000 statements), answered from the
 * search index, against today's scan (bench/search-scan.ts over every article file) in the same run.
 *
 *   npm run bench:search
 *   npm run bench:search -- --quick      libraries of 20 and 100 articles (the figures mean little)
 *
 * Per size: the index built from the articles and written (first opening), opened from its
 * file (every later opening) and the longest the process could not answer meanwhile, its
 * size on disk, heap after opening, and p50/p95 per query of
 * library search (1 to 3 words, the last one typed in part) and of `similar` (a statement's
 * earlier checks). Goal: p95 under 50 ms at 5,000 articles, growth far below linear.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SearchQuery } from '../api/contract';
import { INDEX_DIR, LibraryIndex } from '../services/library-index';
import { MAX_HITS, searchArticle } from './search-scan';
import { SCHEMA_VERSION } from '../store/file-schemas';
import type { Article, Statement } from '../domain/schema';
import { Store } from '../store/store';
import { VERDICTS } from '../domain/verdicts';
import { QUICK, sized } from './quick';

const SIZES = sized([100, 1000, 5000], [20, 100]);
const STATEMENTS = 20;
const SEARCHES = sized(200, 30);
const SIMILARS = sized(100, 20);
/** Today's scan reads every file per query: a few queries say enough (5 at 5,000 articles). */
const SCANS = sized(20, 5);

// A deterministic newsroom-ish vocabulary: common words used often, rare ones seldom (Zipf-like).
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const COMMON = 'council minister budget police hospital school rates prices jobs homes election report company city government said percent year million workers plan vote court data growth tax spending cuts rise fall record'.split(' ');
const SYLLABLES = 'ba ri ko ne sta mar lin pe dor val chi tro sen gu fa mel nor zi ka pol ter qua'.split(' ');
const RARE = Array.from({ length: 8000 }, (_, i) => {
  let word = '';
  for (let n = i + 1; n > 0; n = Math.floor(n / SYLLABLES.length)) word += SYLLABLES[n % SYLLABLES.length];
  return word + ['s', 'ed', 'ing', '', 'er'][i % 5];
});
const word = () => (random() < 0.35 ? COMMON[Math.floor(random() * COMMON.length)]! : RARE[Math.floor(RARE.length * random() ** 2.5)]!);
const sentence = () => {
  const words = Array.from({ length: 10 + Math.floor(random() * 12) }, word);
  words.splice(3, 0, String(Math.floor(random() * 5000)));
  const text = words.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
};

const root = await fs.mkdtemp(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'factdesk-bench-search-'));
const results: { size: number; scanP95: number; searchP95: number; similarP95: number }[] = [];
try {
  for (const size of SIZES) {
    const dir = path.join(root, String(size));
    const statementTexts = await buildLibrary(dir, size);
    const queries = Array.from({ length: SEARCHES }, () => typedQuery(statementTexts));

    // First opening: no index file yet, so it is built from the article files and written.
    let store = await Store.open(dir, { durable: false });
    let started = performance.now();
    let index = new LibraryIndex(store);
    const built = await index.open();
    const buildMs = performance.now() - started;
    await store.close(); // writes the index beside the library
    const bytes = await folderBytes(path.join(dir, INDEX_DIR));

    // Every later opening reads the file.
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    store = await Store.open(dir, { durable: false });
    // The longest the process could not answer while the index opened (the app's window waits
    // on it): the longest gap between the ticks of a 2 ms timer.
    let lastTick = performance.now();
    let pauseMs = 0;
    const ticking = setInterval(() => {
      const now = performance.now();
      pauseMs = Math.max(pauseMs, now - lastTick);
      lastTick = now;
    }, 2);
    started = performance.now();
    index = new LibraryIndex(store);
    const opened = await index.open();
    const openMs = performance.now() - started;
    // A pause at the very end shows only once the loop turns again.
    await new Promise((resolve) => setTimeout(resolve, 20));
    clearInterval(ticking);
    if (opened.from !== 'file' || built.from !== 'rebuilt') throw new Error(`unexpected openings: ${built.from}, ${opened.from}`);
    global.gc?.();
    // Only meaningful with --expose-gc (node --expose-gc); without it, garbage blurs the figure.
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;

    const searchTimes = await timeEach(queries, (q) => index.search(q));
    const similarTimes = await timeEach(
      Array.from({ length: SIMILARS }, () => statementTexts[Math.floor(random() * statementTexts.length)]!),
      (text) => index.similar(text, 'none', 5),
    );
    const scanTimes = await timeEach(queries.slice(0, size >= 5000 ? Math.min(SCANS, 5) : SCANS), (q) => scan(store, q));
    await store.close();

    const [searchP50, searchP95] = percentiles(searchTimes.wall);
    const [similarP50, similarP95] = percentiles(similarTimes.wall);
    const [scanP50, scanP95] = percentiles(scanTimes.wall);
    const cpu = (t: { cpu: number[] }) => percentiles(t.cpu).map(ms).join(' / ');
    results.push({ size, scanP95, searchP95, similarP95 });
    console.log(
      `${String(size).padStart(5)} articles (${(size * STATEMENTS).toLocaleString('en')} statements): ` +
        `index built in ${ms(buildMs)}, ${(bytes / 1e6).toFixed(1)} MB on disk, opened from its file in ${ms(openMs)} (longest pause ${ms(pauseMs)}), heap +${heapMb.toFixed(0)} MB`,
    );
    console.log(`      search  p50 ${ms(searchP50)}  p95 ${ms(searchP95)}   (today's scan: p50 ${ms(scanP50)}  p95 ${ms(scanP95)})`);
    console.log(`      similar p50 ${ms(similarP50)}  p95 ${ms(similarP95)}`);
    // CPU time per query, which a loaded machine inflates far less than the time on the clock.
    console.log(`      CPU p50 / p95: search ${cpu(searchTimes)}, similar ${cpu(similarTimes)}, today's scan ${cpu(scanTimes)}`);
    await fs.rm(dir, { recursive: true, force: true });
  }
  const first = results[0]!;
  const last = results[results.length - 1]!;
  console.log(
    `\nratio scan/index p95 at ${last.size} articles: ${(last.scanP95 / last.searchP95).toFixed(0)}x; ` +
      `growth ${first.size}→${last.size} articles (${last.size / first.size}x the library): ` +
      `search p95 ratio ${(last.searchP95 / first.searchP95).toFixed(2)}x, similar p95 ratio ${(last.similarP95 / first.similarP95).toFixed(2)}x, ` +
      `scan p95 ratio ${(last.scanP95 / first.scanP95).toFixed(2)}x`,
  );
  if (QUICK) console.log('(quick run: sizes too small for the figures to mean much)');
} finally {
  await fs.rm(root, { recursive: true, force: true });
}

/** Writes `size` articles straight to articles/ (as bench:store does) and lets the store rebuild its library file. */
async function buildLibrary(dir: string, size: number): Promise<string[]> {
  const store = await Store.open(dir, { durable: false });
  const template = await store.create(
    { text: 'Template.', title: 'Template', outlet: '', author: '', url: '', publishedAt: '' },
    [{ start: 0, end: 9, text: 'Template.' }],
  );
  await store.close();
  const texts: string[] = [];
  for (let n = 0; n < size; n++) {
    const sentences = Array.from({ length: STATEMENTS }, sentence);
    let at = 0;
    const statements: Statement[] = sentences.map((text, i) => {
      const s: Statement = {
        ...template.statements[0]!,
        id: `s${n}x${i}`,
        start: at,
        end: at + text.length,
        text,
        verdict: VERDICTS[i % VERDICTS.length]!,
      };
      at += text.length + 1;
      return s;
    });
    texts.push(...sentences);
    const article: Article = { ...template, id: `a${n}`, title: `Story ${n}`, text: sentences.join(' '), statements };
    await fs.writeFile(path.join(dir, 'articles', `${article.id}.json`), JSON.stringify({ version: SCHEMA_VERSION, article }));
  }
  await fs.rm(path.join(dir, 'articles', `${template.id}.json`));
  await fs.rm(path.join(dir, 'library.json'));
  const rebuilt = await Store.open(dir, { durable: false });
  if (rebuilt.list().length !== size) throw new Error(`built ${rebuilt.list().length} articles, wanted ${size}`);
  await rebuilt.close();
  return texts;
}

/** One to three words of a statement, the last cut short as if still being typed. */
function typedQuery(texts: string[]): SearchQuery {
  const words = texts[Math.floor(random() * texts.length)]!.replace(/\.$/, '').split(' ');
  const count = 1 + Math.floor(random() * 3);
  const at = Math.floor(random() * Math.max(1, words.length - count));
  const picked = words.slice(at, at + count);
  const last = picked[picked.length - 1]!;
  picked[picked.length - 1] = last.slice(0, Math.max(3, Math.ceil(last.length * 0.7)));
  return { text: picked.join(' ') };
}

/** Today's library search: every article file, bench/search-scan.ts, stop at MAX_HITS. */
async function scan(store: Store, query: SearchQuery) {
  const hits = [];
  for await (const article of store.eachArticle()) {
    hits.push(...searchArticle(article, query));
    if (hits.length >= MAX_HITS) break;
  }
  return hits;
}

async function folderBytes(folder: string): Promise<number> {
  let bytes = 0;
  for (const name of await fs.readdir(folder)) bytes += (await fs.stat(path.join(folder, name))).size;
  return bytes;
}

async function timeEach<T>(inputs: T[], fn: (input: T) => Promise<unknown>): Promise<{ wall: number[]; cpu: number[] }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const input of inputs) {
    const started = performance.now();
    const used = process.cpuUsage();
    await fn(input);
    const { user, system } = process.cpuUsage(used);
    wall.push(performance.now() - started);
    cpu.push((user + system) / 1000);
  }
  return { wall, cpu };
}

function percentiles(times: number[]): [number, number] {
  const sorted = times.slice().sort((a, b) => a - b);
  return [sorted[Math.floor(sorted.length * 0.5)]!, sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!];
}

function ms(n: number): string {
  return n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(1)} ms`;
}
