/**
 * Report benchmark: how long each export takes for an article of 1,000 statements (every
 * verdict, a source on each checked statement, notes), against a baseline measured in the
 * same process: JSON.stringify of the article, the least any export could cost.
 *
 *   npm run bench:report
 *   BENCH_STATEMENTS=5000 npm run bench:report     another article size
 *   npm run bench:report -- --quick               50 statements, few runs, one PDF (a smoke test)
 *
 * Text formats: best and median of RUNS runs after WARMUP. PDF: the HTML report printed by
 * headless Chromium as `factdesk export --format pdf` does it (a fresh browser per export:
 * start, load, print, stop), best and median of PDF_RUNS runs; skipped without Chromium. The
 * machine's load average is printed with the results: Chromium's time depends on it.
 *
 * Goals (issue 6): HTML under 150 ms, PDF under 3 s.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { renderReport } from '../services/report';
import { findChromium, printPdfWithChromium } from '../services/report/pdf';
import { largeArticle } from '../services/report/fixtures/test-articles';
import { QUICK, sized } from './quick';

const STATEMENTS = Number(process.env.BENCH_STATEMENTS) || sized(1000, 50);
const RUNS = sized(15, 3);
const WARMUP = sized(3, 1);
const PDF_RUNS = sized(5, 1);
const GOALS: Record<string, number> = { html: 150, pdf: 3000 };
const PUBLISHER = { newsroomName: 'Bugle Fact Desk', newsroomUrl: 'https://bugle.example/fact-check' };

interface Timing {
  name: string;
  best: number;
  median: number;
  size: number;
}

function median(samples: number[]): number {
  const sorted = samples.slice().sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function time(name: string, runs: number, warmup: number, work: () => unknown): Promise<Timing> {
  let size = 0;
  for (let i = 0; i < warmup; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const out = (await work()) as string | Uint8Array;
    samples.push(performance.now() - started);
    size = typeof out === 'string' ? Buffer.byteLength(out) : out.byteLength;
  }
  return { name, best: Math.min(...samples), median: median(samples), size };
}

const article = largeArticle(STATEMENTS);
const at = new Date();
const options = { generatedAt: at, publisher: PUBLISHER };

const baseline = await time('baseline: JSON.stringify(article)', RUNS, WARMUP, () => JSON.stringify(article));
const results: Timing[] = [];
for (const format of ['html', 'csv', 'claimreview', 'md', 'json'] as const) {
  results.push(await time(format, RUNS, WARMUP, () => renderReport(article, format, options)));
}

const chromium = await findChromium();
let pdfPages = '';
if (chromium) {
  const html = renderReport(article, 'html', options);
  let last: Uint8Array | null = null;
  const pdf = await time('pdf', PDF_RUNS, sized(1, 0), async () => (last = await printPdfWithChromium(html)));
  results.push(pdf);
  try {
    const { writeFileSync, mkdtempSync, rmSync } = await import('node:fs');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'factdesk-bench-'));
    writeFileSync(path.join(dir, 'r.pdf'), last!);
    pdfPages = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path.join(dir, 'r.pdf')], { encoding: 'utf8' }))?.[1] ?? '';
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // pdfinfo (poppler-utils) is optional
  }
}

const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
console.log(
  `report benchmark: one article of ${STATEMENTS.toLocaleString('en')} statements, ${article.text.length.toLocaleString('en')} characters ` +
    `(node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`,
);
console.log(`${'format'.padEnd(14)}${'best'.padStart(12)}${'median'.padStart(12)}${'size'.padStart(10)}${'x baseline'.padStart(12)}   goal`);
const row = (t: Timing, goal = '') =>
  console.log(
    `${t.name.padEnd(14)}${ms(t.best).padStart(12)}${ms(t.median).padStart(12)}${kb(t.size).padStart(10)}${(t.median / baseline.median).toFixed(1).padStart(11)}x   ${goal}`,
  );
row({ ...baseline, name: 'baseline' }, '(JSON.stringify of the article)');
for (const t of results) {
  const goal = GOALS[t.name];
  row(t, goal ? `< ${goal.toLocaleString('en')} ms: ${QUICK ? 'not judged (--quick)' : t.median < goal ? 'met' : 'MISSED'}` : '');
}
if (!chromium) console.log('pdf: skipped, no Chromium (install it or set CHROMIUM_PATH)');
else console.log(`pdf: ${pdfPages ? `${pdfPages} A4 pages, ` : ''}printed by ${chromium}, a fresh headless browser per export (as factdesk export does)`);
const html = results.find((r) => r.name === 'html')!;
console.log(`ratio: HTML report = ${(html.median / baseline.median).toFixed(1)}x JSON.stringify of the same article (median ${ms(html.median)} vs ${ms(baseline.median)})`);
