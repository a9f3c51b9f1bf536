/**
 * Earlier-check matching (issue 16) on a labelled set of our own, bench/corpus/similar.tsv:
 * pairs of the same claim in other words (some with a changed number) and unrelated claims
 * from the same beats. Every earlier claim is a checked statement in a library of its own
 * articles; each restatement asks for its earlier checks.
 *
 *   npm run bench:similar
 *   npm run bench:similar -- --quick     the same set (it is small), fewer threshold steps
 *
 * Figures: recall in the top 3 (the pair's earlier claim is among the first three shown), how
 * many unrelated claims show any match, and whether a changed number is named as a difference,
 * for Factdesk's matcher (BM25 candidates, weighted-overlap threshold) against plain BM25 with
 * no threshold, measured on the same index in the same run.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { claimDifferences, LibraryIndex, SIMILAR_THRESHOLD } from '../services/library-index';
import { segment } from '../services/segment';
import { Store } from '../store/store';
import { sized } from './quick';

interface Pair {
  beat: string;
  earlier: string;
  restated: string;
}

const corpus = await readFile(path.join(import.meta.dirname, 'corpus/similar.tsv'), 'utf8');
const rows = corpus.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t'));
const pairs: Pair[] = rows.filter((r) => r[0] === 'P').map(([, beat, earlier, restated]) => ({ beat: beat!, earlier: earlier!, restated: restated! }));
const unrelated = rows.filter((r) => r[0] === 'U').map((r) => r[2]!);

const dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-bench-similar-'));
const store = await Store.open(dir, { durable: false });
try {
  for (const [i, pair] of pairs.entries()) {
    const text = pair.earlier;
    const statements = segment(text).map((s) => ({
      ...s,
      evidence: { verdict: 'misleading' as const, checkedBy: 'Bench', checkedAt: new Date().toISOString() },
    }));
    await store.create({ text, title: `Earlier ${i + 1} (${pair.beat})`, outlet: '', author: '', url: '', publishedAt: '' }, statements);
  }
  const index = new LibraryIndex(store);
  await index.open();

  const changed = pairs.filter((p) => numbersOf(p.earlier) !== numbersOf(p.restated));
  console.log(`${pairs.length} same-claim pairs, ${unrelated.length} unrelated claims, threshold ${SIMILAR_THRESHOLD}\n`);

  const rowsOut: string[][] = [];
  let shipped = { hits: 0, falseMatches: 0 };
  const thresholds = sized([0.3, 0.4, 0.5, 0.6, 0.7], [SIMILAR_THRESHOLD]);
  const times: number[] = [];
  for (const threshold of [...new Set([...thresholds, SIMILAR_THRESHOLD])].sort()) {
    let hits = 0;
    let top1 = 0;
    for (const pair of pairs) {
      const started = performance.now();
      const found = await index.similar(pair.restated, 'none', 3, threshold);
      times.push(performance.now() - started);
      if (found.some((m) => m.record.text === pair.earlier)) hits++;
      if (found[0]?.record.text === pair.earlier) top1++;
    }
    let falseMatches = 0;
    for (const claim of unrelated) if ((await index.similar(claim, 'none', 3, threshold)).length) falseMatches++;
    rowsOut.push([`matcher ≥ ${threshold}${threshold === SIMILAR_THRESHOLD ? ' (shipped)' : ''}`, pct(hits, pairs.length), pct(top1, pairs.length), `${falseMatches} / ${unrelated.length}`]);
    if (threshold === SIMILAR_THRESHOLD) shipped = { hits, falseMatches };
  }
  let baseHits = 0;
  let baseTop1 = 0;
  for (const pair of pairs) {
    const found = await index.bm25(pair.restated, 'none', 3);
    if (found.some((m) => m.record.text === pair.earlier)) baseHits++;
    if (found[0]?.record.text === pair.earlier) baseTop1++;
  }
  let baseFalse = 0;
  for (const claim of unrelated) if ((await index.bm25(claim, 'none', 3)).length) baseFalse++;
  rowsOut.push(['plain BM25, no threshold', pct(baseHits, pairs.length), pct(baseTop1, pairs.length), `${baseFalse} / ${unrelated.length}`]);
  table(['', 'recall@3', 'top 1', 'unrelated with a match'], rowsOut);

  const named = changed.filter((p) => claimDifferences(p.earlier, p.restated).some((d) => d.kind === 'number')).length;
  // "Changed" here is by the digits as written: "Fourteen" / "14" counts, though it is no difference.
  console.log(`\npairs whose digits differ: ${changed.length}; a number difference named in ${named} of them`);
  times.sort((a, b) => a - b);
  console.log(`similar() per query: p50 ${ms(times[Math.floor(times.length / 2)]!)}, p95 ${ms(times[Math.floor(times.length * 0.95)]!)}`);
  const s = shipped;
  console.log(
    `ratio unrelated-with-a-match matcher/BM25: ${(s.falseMatches / Math.max(1, baseFalse)).toFixed(2)}; ` +
      `ratio recall@3 matcher/BM25: ${(s.hits / Math.max(1, baseHits)).toFixed(2)}`,
  );
  // The misses, so the labelled set can be read against what the matcher does.
  for (const pair of pairs) {
    const found = await index.similar(pair.restated, 'none', 3);
    if (!found.some((m) => m.record.text === pair.earlier)) console.log(`  missed: ${pair.restated}`);
  }
  for (const claim of unrelated) {
    const found = await index.similar(claim, 'none', 1);
    if (found.length) console.log(`  false match (${found[0]!.score}): ${claim}  →  ${found[0]!.record.text}`);
  }
} finally {
  await store.close();
  await rm(dir, { recursive: true, force: true });
}

function numbersOf(text: string): string {
  return (text.match(/\d[\d,.]*/g) ?? []).join(' ');
}

function pct(n: number, of: number): string {
  return `${((100 * n) / of).toFixed(1)} % (${n}/${of})`;
}

function ms(n: number): string {
  return `${n.toFixed(2)} ms`;
}

function table(head: string[], body: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(head));
  for (const r of body) console.log(line(r));
}
