/**
 * Sentence-splitting benchmark: accuracy on the labelled corpus (bench/corpus/sentences.txt) and
 * throughput on ~5 MB of text, for Factdesk's segmenter and two baselines.
 *
 *   npm run bench:segment            the report
 *   npm run bench:segment -- --misses   also list every sentence Factdesk gets wrong
 *   npm run bench:segment -- --quick    throughput on ~0.3 MB instead of ~5 MB (a smoke test)
 */
import winkNLP, { type ItemSentence } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { segment } from '../services/segment';
import { loadCorpus, type CorpusDocument, type GoldSpan } from './corpus/corpus';
import { sized } from './quick';

type Splitter = (text: string) => GoldSpan[];

/** Trims whitespace off a span, so every system is judged on the same footing. */
function trimmed(text: string, start: number, end: number): GoldSpan | undefined {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : undefined;
}

const factdesk: Splitter = (text) => segment(text).map(({ start, end }) => ({ start, end }));

const intlSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
/**
 * V8's sentence segmenter slows down more than linearly on long strings (a 170 kB string takes 30
 * times as long as a 40 kB one), so it gets the text in pieces of about 16 kB that end at a newline.
 * That changes none of its output: Unicode's sentence rules (UAX #29, SB4) always break after a newline.
 */
const intl: Splitter = (text) => {
  const spans: GoldSpan[] = [];
  let pieceStart = 0;
  while (pieceStart < text.length) {
    let pieceEnd = text.indexOf('\n', pieceStart + 16_000);
    pieceEnd = pieceEnd === -1 ? text.length : pieceEnd + 1;
    for (const piece of intlSegmenter.segment(text.slice(pieceStart, pieceEnd))) {
      const start = pieceStart + piece.index;
      const span = trimmed(text, start, start + piece.segment.length);
      if (span) spans.push(span);
    }
    pieceStart = pieceEnd;
  }
  return spans;
};

const nlp = winkNLP(model);
const its = nlp.its;
/** wink-nlp keeps each token's preceding whitespace, so token offsets can be rebuilt exactly. */
const wink: Splitter = (text) => {
  const doc = nlp.readDoc(text);
  const values = doc.tokens().out();
  const spaces = doc.tokens().out(its.precedingSpaces);
  const tokenStart: number[] = [];
  const tokenEnd: number[] = [];
  let offset = 0;
  values.forEach((value, index) => {
    offset += spaces[index]!.length;
    tokenStart.push(offset);
    offset += value.length;
    tokenEnd.push(offset);
  });
  const spans: GoldSpan[] = [];
  doc.sentences().each((sentence: ItemSentence) => {
    const [first, last] = sentence.out(its.span) as number[];
    const span = trimmed(text, tokenStart[first!]!, tokenEnd[last!]!);
    if (span) spans.push(span);
  });
  return spans;
};

const systems: Array<[string, Splitter]> = [
  ['factdesk', factdesk],
  ['Intl.Segmenter', intl],
  ['wink-nlp', wink],
];

interface Score {
  precision: number;
  recall: number;
  f1: number;
  predicted: number;
  gold: number;
  correct: number;
}

function score(documents: CorpusDocument[], split: Splitter, onMiss?: (doc: CorpusDocument, kind: string, span: GoldSpan) => void): Score {
  let predicted = 0;
  let gold = 0;
  let correct = 0;
  for (const doc of documents) {
    const key = (span: GoldSpan) => `${span.start}:${span.end}`;
    const goldKeys = new Set(doc.gold.map(key));
    const predictedSpans = split(doc.text);
    const predictedKeys = new Set(predictedSpans.map(key));
    predicted += predictedSpans.length;
    gold += doc.gold.length;
    for (const span of predictedSpans) {
      if (goldKeys.has(key(span))) correct++;
      else onMiss?.(doc, 'predicted', span);
    }
    for (const span of doc.gold) if (!predictedKeys.has(key(span))) onMiss?.(doc, 'missed gold', span);
  }
  const precision = correct / predicted;
  const recall = correct / gold;
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall), predicted, gold, correct };
}

function throughput(text: string, split: Splitter, megabytes: number): number {
  split(text.slice(0, 200_000)); // warm-up: compile regexes, let the JIT settle
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    split(text);
    best = Math.min(best, performance.now() - started);
  }
  return megabytes / (best / 1000);
}

const documents = loadCorpus();
const goldCount = documents.reduce((sum, doc) => sum + doc.gold.length, 0);
console.log(`corpus: ${documents.length} documents, ${goldCount} gold sentences`);
console.log('exact-sentence match (trimmed span equals a gold span):');
console.log(`${'system'.padEnd(16)}${'precision'.padStart(10)}${'recall'.padStart(10)}${'F1'.padStart(10)}`);
for (const [name, split] of systems) {
  const result = score(documents, split);
  console.log(
    `${name.padEnd(16)}${result.precision.toFixed(4).padStart(10)}${result.recall.toFixed(4).padStart(10)}${result.f1.toFixed(4).padStart(10)}` +
      `   (${result.correct} correct of ${result.predicted} predicted, ${result.gold} gold)`,
  );
}

// Genres other than news prose, scored apart so that the overall figure cannot hide them.
const GENRES: Array<[string, RegExp]> = [
  ['court reports', /^court-report-/],
  ['live blogs', /^live-blog/],
];
console.log('F1 by genre:');
console.log(`${'genre'.padEnd(16)}${'gold'.padStart(6)}${systems.map(([name]) => name.padStart(16)).join('')}`);
for (const [genre, pattern] of GENRES) {
  const docs = documents.filter((doc) => pattern.test(doc.name));
  const gold = docs.reduce((sum, doc) => sum + doc.gold.length, 0);
  console.log(`${genre.padEnd(16)}${String(gold).padStart(6)}${systems.map(([, split]) => score(docs, split).f1.toFixed(4).padStart(16)).join('')}`);
}

if (process.argv.includes('--misses')) {
  score(documents, factdesk, (doc, kind, span) => {
    console.log(`  [${doc.name}] ${kind}: ${JSON.stringify(doc.text.slice(span.start, span.end))}`);
  });
}

// ~5 MB of news text: the corpus documents repeated, separated by blank lines.
const corpusText = documents.map((doc) => doc.text).join('\n\n');
const copies = Math.ceil(sized(5_000_000, 300_000) / Buffer.byteLength(corpusText, 'utf8'));
const bigText = Array.from({ length: copies }, () => corpusText).join('\n\n');
const megabytes = Buffer.byteLength(bigText, 'utf8') / 1_000_000;
console.log(`throughput on ${megabytes.toFixed(2)} MB (UTF-8), best of 3 after warm-up:`);
const speeds = new Map<string, number>();
for (const [name, split] of systems) {
  const speed = throughput(bigText, split, megabytes);
  speeds.set(name, speed);
  console.log(`${name.padEnd(16)}${speed.toFixed(2).padStart(10)} MB/s`);
}
const ratio = speeds.get('factdesk')! / speeds.get('wink-nlp')!;
console.log(`throughput ratio factdesk / wink-nlp: ${ratio.toFixed(1)}`);
