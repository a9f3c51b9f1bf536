/**
 * Quote-check scores on the labelled set (services/evidence/fixtures/quote-cases.ts): every
 * labelled quote against the same source as .txt, a hard-wrapped transcript, .html and .pdf,
 * for Factdesk's check and a baseline (the quote as a plain substring, whitespace collapsed:
 * what a find-in-page gives). Prints the score per kind and format, then time per check.
 *
 *   npm run bench:quote              the report
 *   npm run bench:quote -- --misses  also list every labelled quote Factdesk gets wrong
 *   npm run bench:quote -- --quick   .txt only, one timing round
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readSourceText, verifyQuote, type VerifyQuoteResult } from '../services/evidence';
import { judge, LABELLED_QUOTES, SOURCE_FORMATS, writeSource, type LabelledQuote } from '../services/evidence/fixtures/quote-cases';

const quick = process.argv.includes('--quick');
const formats = quick ? (['txt'] as const) : SOURCE_FORMATS;

/** Find-in-page: the quote as typed, whitespace runs collapsed; found or not, nothing else. */
function baseline(sourceText: string, label: LabelledQuote): VerifyQuoteResult {
  const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
  const at = collapse(sourceText).indexOf(collapse(label.quote));
  const found = at >= 0;
  return { match: found ? 'exact' : 'none', start: null, end: null, passage: null, differences: [], unsupported: [] };
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-bench-quote-'));
try {
  const kinds = [...new Set(LABELLED_QUOTES.map((q) => q.kind))];
  const score = { factdesk: new Map<string, number>(), baseline: new Map<string, number>() };
  const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const misses: string[] = [];
  const texts: string[] = [];
  for (const format of formats) {
    const { text } = await readSourceText(await writeSource(dir, format));
    texts.push(text);
    for (const label of LABELLED_QUOTES) {
      const result = verifyQuote({ sourceText: text, quote: label.quote, statement: label.statement });
      const miss = judge(label, result);
      if (!miss) {
        add(score.factdesk, label.kind);
        add(score.factdesk, format);
      } else misses.push(`  [${format}] ${label.kind}: ${JSON.stringify(label.quote)}: ${miss}`);
      if (!judge({ ...label, unsupported: undefined }, baseline(text, label))) {
        add(score.baseline, label.kind);
        add(score.baseline, format);
      }
    }
  }

  const total = LABELLED_QUOTES.length * formats.length;
  const sum = (map: Map<string, number>) => formats.reduce((n, f) => n + (map.get(f) ?? 0), 0);
  console.log(`labelled quotes: ${LABELLED_QUOTES.length} × ${formats.length} source formats (${formats.join(', ')}) = ${total} checks`);
  console.log(`${'kind / format'.padEnd(24)}${'cases'.padStart(7)}${'factdesk'.padStart(10)}${'baseline'.padStart(10)}`);
  for (const key of [...kinds, ...formats]) {
    const cases = (SOURCE_FORMATS as readonly string[]).includes(key)
      ? LABELLED_QUOTES.length
      : LABELLED_QUOTES.filter((q) => q.kind === key).length * formats.length;
    const row = (map: Map<string, number>) => `${map.get(key) ?? 0}/${cases}`.padStart(10);
    console.log(`${key.padEnd(24)}${String(cases).padStart(7)}${row(score.factdesk)}${row(score.baseline)}`);
  }
  const factdeskScore = sum(score.factdesk) / total;
  const baselineScore = sum(score.baseline) / total;
  console.log(`score: factdesk ${factdeskScore.toFixed(3)}, baseline ${baselineScore.toFixed(3)}, ratio ${(factdeskScore / baselineScore).toFixed(2)}`);
  if (process.argv.includes('--misses')) console.log(misses.join('\n') || '  (none)');

  // Time per check: every labelled quote against every format's text, best of rounds.
  const rounds = quick ? 1 : 5;
  const time = (check: (text: string, label: LabelledQuote) => unknown) => {
    let best = Infinity;
    for (let r = 0; r < rounds + 1; r++) {
      const started = performance.now();
      for (const text of texts) for (const label of LABELLED_QUOTES) check(text, label);
      if (r > 0 || rounds === 1) best = Math.min(best, performance.now() - started);
    }
    return (best / total) * 1000;
  };
  const factdeskMicros = time((text, label) => verifyQuote({ sourceText: text, quote: label.quote, statement: label.statement }));
  const baselineMicros = time(baseline);
  console.log(`time per check: factdesk ${factdeskMicros.toFixed(0)} µs, baseline ${baselineMicros.toFixed(1)} µs, ratio ${(factdeskMicros / baselineMicros).toFixed(0)}×`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
