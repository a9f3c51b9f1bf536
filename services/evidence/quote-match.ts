/**
 * Finds a quote in the text of its source, and says how faithfully it was quoted.
 *
 *   exact       the quote, as typed, is in the source (whole words only: "5 people" is not in "15 people")
 *   normalised  it is, once quote marks, dashes, whitespace and line breaks, soft hyphens and words
 *               hyphenated across lines, ligatures and letter case are ignored (see normalise.ts)
 *   fuzzy       a passage of the source says nearly the same (at least 80% of the characters agree);
 *               `differences` lists what differs, word by word. Also a quote whose ellipses
 *               ("…", "...", "[…]", "[...]") mark words left out, when each part is in the source
 *               (as typed or normalised), in order, with at most MAX_ELIDED_CHARS left out at each
 *               ellipsis: then `differences` lists each elision with the words it leaves out
 *   none        no passage is close enough
 *
 * A quote that changes a number, a name or a negation can never be exact or normalised:
 * normalisation never changes a letter (other than its case) or a digit, and never joins or
 * splits numbers. Such a quote can only be fuzzy, and then the change is in `differences`
 * with `kind` 'number', 'name' or 'negation'.
 *
 * Decision on contradictions: a fuzzy match that differs in a number, name or negation stays
 * 'fuzzy' rather than becoming 'none'. The passage it found is exactly what the editor needs
 * to see (it is where the quote came from, and it shows the misquotation); `match` answers
 * "where is this in the source", `differences` answers "was it quoted faithfully". A caller
 * must therefore never treat 'fuzzy' as support on its own, and should treat any difference
 * whose kind is not 'wording' as a contradiction.
 *
 * How fuzzy matching scales (a 300-word quote in a 600 KB source): diff-match-patch's own
 * matcher handles patterns of at most 32 characters, so candidates are found first by
 * seeding: word trigrams shared by quote and source vote for an alignment (source word
 * position minus quote word position). The best few alignments are fitted word by word
 * (an edit-distance alignment whose ends are free in the source), then scored on characters
 * with diff-match-patch's diff_main.
 */
import DiffMatchPatch from 'diff-match-patch';
import { UserError } from '../../store/errors';
import { comparableWord, numberValue } from '../facts';
import { ORDINAL_WORDS, CAPITALISED_COMMON_WORDS } from '../facts/words';
import { isTitle } from '../../domain/lexicon';
import { normalise, toOriginalRange, type NormalisedText } from './normalise';
import { isNegation } from './words';

export type MatchKind = 'exact' | 'normalised' | 'fuzzy' | 'none';
export type DifferenceKind = 'negation' | 'number' | 'name' | 'wording' | 'elision';

export interface Difference {
  /** The words as the quote has them ('' when the quote leaves something out and there is no neighbouring word). */
  quote: string;
  /** The words as the source has them. */
  source: string;
  /**
   * 'negation', 'number' and 'name' mean the quote says something else; 'wording' that it says
   * it differently; 'elision' that the quote's ellipsis (`quote`) leaves out `source`.
   */
  kind: DifferenceKind;
}

export interface QuoteMatch {
  match: MatchKind;
  /** Offsets of the passage in the original source text; null when there is none. */
  start: number | null;
  end: number | null;
  /** sourceText.slice(start, end), or null. */
  passage: string | null;
  /** Empty unless the match is fuzzy. */
  differences: Difference[];
}

/** How much of a passage must agree with the quote, in characters, for a fuzzy match. */
export const FUZZY_THRESHOLD = 0.8;

/**
 * A source prepared once for many quotes: the normal form and the word index are the
 * expensive part of matching a long document. Pass it to matchQuote instead of the text.
 */
export class PreparedSource {
  readonly normal: NormalisedText;
  readonly words: WordTokens;
  readonly vocabulary = new Vocabulary();
  private trigrams: Map<string, number[]> | null = null;
  private positions: Map<number, number[]> | null = null;

  constructor(readonly text: string) {
    this.normal = normalise(text);
    this.words = tokenizeWords(this.normal.text, this.vocabulary.idOf);
  }

  /** Where each word trigram occurs, by word position. Built on first use. */
  trigramIndex(): Map<string, number[]> {
    if (!this.trigrams) {
      const index = new Map<string, number[]>();
      const ids = this.words.ids;
      for (let i = 0; i + 2 < ids.length; i++) {
        const key = trigramKey(ids, i);
        const list = index.get(key);
        if (list) list.push(i);
        else index.set(key, [i]);
      }
      this.trigrams = index;
    }
    return this.trigrams;
  }

  /** Where each single word occurs. Built on first use; only needed when no trigram matches. */
  wordIndex(): Map<number, number[]> {
    if (!this.positions) {
      const index = new Map<number, number[]>();
      this.words.ids.forEach((id, i) => {
        const list = index.get(id);
        if (list) list.push(i);
        else index.set(id, [i]);
      });
      this.positions = index;
    }
    return this.positions;
  }
}

export function prepareSource(sourceText: string): PreparedSource {
  return new PreparedSource(sourceText);
}

export function matchQuote(source: string | PreparedSource, quote: string): QuoteMatch {
  const sourceText = typeof source === 'string' ? source : source.text;
  const typed = quote.trim();
  if (!typed) throw new UserError('invalid-input', 'The quote is empty: paste the words from the source.');

  // 1. Exact: the quote as typed.
  const exact = findWholeWords(sourceText, typed);
  if (exact >= 0) return found('exact', sourceText, exact, exact + typed.length);

  // 2. Normalised: compare normal forms, then map the match back to the original offsets.
  const prepared = typeof source === 'string' ? new PreparedSource(source) : source;
  // With its quotation marks, if the source has them too; else without the marks around it.
  const quotedQuote = normalise(quote);
  const normalQuote = trimQuoteMarks(quotedQuote);
  if (!normalQuote.text) throw new UserError('invalid-input', 'The quote has no words: paste the words from the source.');
  for (const candidate of quotedQuote.text === normalQuote.text ? [normalQuote] : [trimSpaces(quotedQuote), normalQuote]) {
    const at = findWholeWords(prepared.normal.text, candidate.text);
    if (at >= 0) {
      const range = toOriginalRange(prepared.normal, at, at + candidate.text.length);
      return found('normalised', sourceText, range.start, range.end);
    }
  }

  // 3. Elided: the parts around the quote's ellipses, in order, within one passage.
  const elided = matchElided(prepared, quote);
  if (elided) return elided;

  // 4. Fuzzy: the closest passage, if it is close enough.
  return fuzzyMatch(prepared, quote, normalQuote) ?? { match: 'none', start: null, end: null, passage: null, differences: [] };
}

function found(match: MatchKind, sourceText: string, start: number, end: number): QuoteMatch {
  return { match, start, end, passage: sourceText.slice(start, end), differences: [] };
}

// ---- Whole words ----

const WORD_CHARACTER = /[\p{L}\p{N}\p{M}]/u;
const DIGIT = /\p{N}/u;
const isWordCharacter = (c: string | undefined) => c !== undefined && WORD_CHARACTER.test(c);
const isDigit = (c: string | undefined) => c !== undefined && DIGIT.test(c);

/** The first occurrence of `needle` in `text`, from `from` on, that neither starts nor ends inside a word or a number; -1 if none. */
function findWholeWords(text: string, needle: string, from = 0): number {
  for (let at = text.indexOf(needle, from); at >= 0; at = text.indexOf(needle, at + 1)) {
    if (standsAlone(text, at, at + needle.length)) return at;
  }
  return -1;
}

/**
 * Whether text[start, end) is whole words. The number checks are what keeps a changed number
 * from ever matching exactly: "5 people" inside "15 people", "1.5 people", "-5 degrees" or
 * "5% of people", and "10 days" inside "10.5 days" or "10,000 days", are not the same number.
 */
function standsAlone(text: string, start: number, end: number): boolean {
  const first = text[start];
  const last = text[end - 1];
  const before = text[start - 1];
  const after = text[end];
  if (isWordCharacter(first) && isWordCharacter(before)) return false;
  if (isWordCharacter(last) && isWordCharacter(after)) return false;
  if (isDigit(first) && before !== undefined) {
    if ((before === '.' || before === ',') && isDigit(text[start - 2])) return false;
    if ((before === '-' || before === '\u2212') && !isWordCharacter(text[start - 2])) return false;
  }
  if (isDigit(last) && after !== undefined) {
    if ((after === '.' || after === ',') && isDigit(text[end + 1])) return false;
    if (after === '%' || after === '\u2030') return false;
  }
  return true;
}

/** The quote's normal form without the quotation marks (all "'" in normal form) and spaces around it. */
function trimQuoteMarks(normal: NormalisedText): NormalisedText {
  return trimWhile(normal, (c) => c === "'" || c === ' ');
}

function trimSpaces(normal: NormalisedText): NormalisedText {
  return trimWhile(normal, (c) => c === ' ');
}

function trimWhile(normal: NormalisedText, trimmable: (c: string) => boolean): NormalisedText {
  let lo = 0;
  let hi = normal.text.length;
  while (lo < hi && trimmable(normal.text[lo]!)) lo++;
  while (hi > lo && trimmable(normal.text[hi - 1]!)) hi--;
  return { text: normal.text.slice(lo, hi), starts: normal.starts.subarray(lo, hi), ends: normal.ends.subarray(lo, hi) };
}

// ---- Elisions ----

/**
 * How much an ellipsis may leave out, in characters of the normal form: about a paragraph of
 * news prose. Parts further apart are not one passage, and an ellipsis across them would make
 * a quote of words the speaker never said together.
 */
export const MAX_ELIDED_CHARS = 300;

/** An ellipsis marking words left out: "…", "...", or either in square brackets. */
const ELLIPSIS = /\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\./gu;

/**
 * A quote with ellipses between its parts, found when every part is in the source (word for
 * word, once normalised), in the quote's order, each within MAX_ELIDED_CHARS of the one before.
 * Never exact: the quote is not what the source says in one piece. Null when the quote has no
 * ellipsis between two parts, or the parts, even matched one by one, are not in one passage.
 */
function matchElided(source: PreparedSource, quote: string): QuoteMatch | null {
  const parts: string[] = [];
  const marks: string[] = [];
  let from = 0;
  for (const mark of quote.matchAll(ELLIPSIS)) {
    parts.push(quote.slice(from, mark.index));
    marks.push(mark[0]);
    from = mark.index + mark[0].length;
  }
  parts.push(quote.slice(from));
  // An ellipsis at either end leaves out nothing between parts: the rest is matched as usual.
  const isPart = (part: string) => WORD_CHARACTER.test(part);
  while (parts.length && !isPart(parts[0]!)) {
    parts.shift();
    marks.shift();
  }
  while (parts.length && !isPart(parts[parts.length - 1]!)) {
    parts.pop();
    marks.pop();
  }
  if (parts.length < 2 || !parts.every(isPart)) return null;

  const needles = parts.map((part) => trimQuoteMarks(normalise(part)).text);
  const text = source.normal.text;
  // The earliest place for each next part is the best: it leaves the most room for the rest.
  for (let first = findWholeWords(text, needles[0]!); first >= 0; first = findWholeWords(text, needles[0]!, first + 1)) {
    const spans: Array<{ start: number; end: number }> = [{ start: first, end: first + needles[0]!.length }];
    for (const needle of needles.slice(1)) {
      const after = spans[spans.length - 1]!.end;
      const at = findWholeWords(text, needle, after);
      if (at < 0 || at - after > MAX_ELIDED_CHARS) break;
      spans.push({ start: at, end: at + needle.length });
    }
    if (spans.length < needles.length) continue;
    const original = spans.map((span) => toOriginalRange(source.normal, span.start, span.end));
    const start = original[0]!.start;
    const end = original[original.length - 1]!.end;
    const differences: Difference[] = marks.map((mark, i) => ({
      quote: mark,
      source: source.text.slice(original[i]!.end, original[i + 1]!.start).trim(),
      kind: 'elision',
    }));
    return { match: 'fuzzy', start, end, passage: source.text.slice(start, end), differences };
  }
  return matchMisquotedParts(source, parts, marks);
}

/**
 * An elided quote with a part that is not word for word in the source: each part matched on
 * its own (fuzzy where it must be), accepted when they still stand in order within one
 * passage. The differences are each part's, with the elisions between them.
 */
function matchMisquotedParts(source: PreparedSource, parts: string[], marks: string[]): QuoteMatch | null {
  const matches = parts.map((part) => matchQuote(source, part));
  for (const [i, match] of matches.entries()) {
    if (match.start === null || match.end === null) return null;
    const previous = matches[i - 1];
    if (previous && (match.start < previous.end! || match.start - previous.end! > MAX_ELIDED_CHARS)) return null;
  }
  const start = matches[0]!.start!;
  const end = matches[matches.length - 1]!.end!;
  const differences = matches.flatMap((match, i) => [
    ...match.differences,
    ...(i < marks.length ? [{ quote: marks[i]!, source: source.text.slice(match.end!, matches[i + 1]!.start!).trim(), kind: 'elision' as const }] : []),
  ]);
  return { match: 'fuzzy', start, end, passage: source.text.slice(start, end), differences };
}

// ---- Words ----

interface WordTokens {
  /** Each word's text in normal form. */
  texts: string[];
  /** Each word's offsets in the normal form. */
  starts: Int32Array;
  ends: Int32Array;
  /** Each word as a number: equal words, equal numbers (within one source and the quotes matched against it). */
  ids: Int32Array;
}

// Words and numbers, with a minus sign that stands before a number ("-5", but not "covid-19"),
// inner apostrophes and decimal points ("don't", "3.5", "1,000"), and the symbols that change
// what a number means. Other punctuation is not compared word by word.
const WORD = /(?:(?<![\p{L}\p{N}\p{M}])-(?=\p{N}))?[\p{L}\p{N}\p{M}]+(?:['.,][\p{L}\p{N}\p{M}]+)*|[\p{Sc}%\u2030&]/gu;

function tokenizeWords(text: string, idOf: (word: string) => number): WordTokens {
  const texts: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const ids: number[] = [];
  for (const match of text.matchAll(WORD)) {
    texts.push(match[0]);
    starts.push(match.index);
    ends.push(match.index + match[0].length);
    ids.push(idOf(match[0]));
  }
  return { texts, starts: Int32Array.from(starts), ends: Int32Array.from(ends), ids: Int32Array.from(ids) };
}

/** Numbers for words, one per distinct word; `fallback` numbers words it does not know itself. */
class Vocabulary {
  private readonly ids = new Map<string, number>();
  constructor(private readonly fallback?: Vocabulary) {}
  idOf = (word: string): number => {
    const known = this.fallback?.ids.get(word) ?? this.ids.get(word);
    if (known !== undefined) return known;
    // Ids of words only a quote uses start past the source's, so they never collide.
    const id = (this.fallback?.ids.size ?? 0) + this.ids.size;
    this.ids.set(word, id);
    return id;
  };
}

function trigramKey(ids: Int32Array, i: number): string {
  return `${ids[i]} ${ids[i + 1]} ${ids[i + 2]}`;
}

// ---- Fuzzy ----

const dmp = new DiffMatchPatch();
// A long quote against its passage takes milliseconds; the timeout only guards against a
// pathological pair, after which diff_main returns a valid but less minimal diff (so the
// similarity comes out lower, never higher, than it is).
dmp.Diff_Timeout = 1;

/** Trigrams and words this common in the source ("of the council", "the") say nothing about where a quote is. */
const MAX_SEED_OCCURRENCES = 2000;
/** Bounds the work (and memory) for a long quote of common words in a long source. */
const MAX_SEEDS = 200_000;
/** Alignments fitted and scored per quote. */
const CANDIDATES = 3;

interface Candidate {
  /** Word positions in the source, [first, last). */
  first: number;
  last: number;
  /** Words added, dropped or replaced between quote and passage. */
  edits: number;
}

function fuzzyMatch(source: PreparedSource, quote: string, normalQuote: NormalisedText): QuoteMatch | null {
  // Quote words share the source's ids, so equal words have equal ids; words the source never
  // uses are numbered apart, leaving the prepared source as it was for the next quote.
  const quoteWords = tokenizeWords(normalQuote.text, new Vocabulary(source.vocabulary).idOf);
  const n = quoteWords.ids.length;
  if (n === 0 || source.words.ids.length === 0) return null;

  const seeds = findSeeds(source, quoteWords.ids);
  // The passage with the fewest word edits wins; only it is scored on characters, which is
  // the slow part for a long quote.
  let best: Candidate | null = null;
  for (const diagonal of bestDiagonals(seeds, n)) {
    const candidate = fitPassage(source, quoteWords, diagonal);
    if (candidate && (!best || candidate.edits < best.edits)) best = candidate;
  }
  // More than half the words changed is a different passage, however the characters compare;
  // it also spares diff_main its slowest case, two long texts with little in common.
  if (!best || best.edits > n * 0.5) return null;
  const passageText = source.normal.text.slice(source.words.starts[best.first]!, source.words.ends[best.last - 1]!);
  if (similarity(normalQuote.text, passageText) < FUZZY_THRESHOLD) return null;

  const normalStart = source.words.starts[best.first]!;
  const normalEnd = source.words.ends[best.last - 1]!;
  const { start, end } = toOriginalRange(source.normal, normalStart, normalEnd);
  const differences = describeDifferences(source, best, quote, normalQuote, quoteWords);
  return { match: 'fuzzy', start, end, passage: source.text.slice(start, end), differences };
}

interface Seed {
  quoteAt: number;
  sourceAt: number;
}

/** Places where quote and source share a word trigram; failing that, a not-too-common word. */
function findSeeds(source: PreparedSource, quoteIds: Int32Array): Seed[] {
  const candidates: Array<{ quoteAt: number; positions: number[] }> = [];
  if (quoteIds.length >= 3) {
    const index = source.trigramIndex();
    for (let q = 0; q + 2 < quoteIds.length; q++) {
      const positions = index.get(trigramKey(quoteIds, q));
      if (positions) candidates.push({ quoteAt: q, positions });
    }
  }
  if (candidates.length === 0) {
    // A heavily reworded quote may share no three words in a row: fall back to single words.
    const index = source.wordIndex();
    quoteIds.forEach((id, q) => {
      const positions = index.get(id);
      if (positions) candidates.push({ quoteAt: q, positions });
    });
  }
  // Rarest first, so that when the budget runs out it is the least telling seeds that are left out.
  candidates.sort((a, b) => a.positions.length - b.positions.length);
  const seeds: Seed[] = [];
  for (const { quoteAt, positions } of candidates) {
    if (positions.length > MAX_SEED_OCCURRENCES || seeds.length + positions.length > MAX_SEEDS) break;
    for (const sourceAt of positions) seeds.push({ quoteAt, sourceAt });
  }
  return seeds;
}

/**
 * The alignments most seeds agree on. A seed's diagonal is where the quote would start in the
 * source if it were quoted word for word; words added or dropped shift it a little, so seeds
 * whose diagonals lie close together are counted together.
 */
function bestDiagonals(seeds: Seed[], quoteLength: number): number[] {
  if (seeds.length === 0) return [];
  const band = Math.max(3, Math.ceil(quoteLength * 0.1));
  const sorted = seeds.map((seed) => ({ ...seed, diagonal: seed.sourceAt - seed.quoteAt })).sort((a, b) => a.diagonal - b.diagonal);
  const clusters: Array<{ diagonal: number; votes: number }> = [];
  let group: typeof sorted = [];
  const close = () => {
    if (group.length === 0) return;
    // Votes count distinct quote words, so a phrase repeated in the source does not win twice.
    const votes = new Set(group.map((seed) => seed.quoteAt)).size;
    const diagonals = group.map((seed) => seed.diagonal);
    clusters.push({ diagonal: diagonals[Math.floor(diagonals.length / 2)]!, votes });
    group = [];
  };
  for (const seed of sorted) {
    if (group.length > 0 && seed.diagonal - group[group.length - 1]!.diagonal > band) close();
    group.push(seed);
  }
  close();
  return clusters
    .sort((a, b) => b.votes - a.votes)
    .slice(0, CANDIDATES)
    .map((cluster) => cluster.diagonal);
}

/**
 * The passage around one alignment that best fits the whole quote: a word-level edit
 * distance in which the quote must be used entirely but the passage may start and end at
 * any word of the region (Sellers' approximate substring matching).
 */
function fitPassage(source: PreparedSource, quoteWords: WordTokens, diagonal: number): Candidate | null {
  const n = quoteWords.ids.length;
  const margin = Math.max(5, Math.ceil(n * 0.25));
  const regionStart = Math.max(0, diagonal - margin);
  const regionEnd = Math.min(source.words.ids.length, diagonal + n + margin);
  const m = regionEnd - regionStart;
  if (m <= 0) return null;
  const region = source.words.ids.subarray(regionStart, regionEnd);
  const quote = quoteWords.ids;

  // cost[j] is the cheapest alignment of the quote so far ending after region word j.
  // Steps: 0 = both advance (same or substituted word), 1 = a quote word the passage lacks,
  // 2 = a passage word the quote lacks.
  const steps = new Uint8Array((n + 1) * (m + 1));
  let previous = new Int32Array(m + 1); // row 0: the passage may start anywhere, for free
  let current = new Int32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    current[0] = i;
    steps[i * (m + 1)] = 1;
    for (let j = 1; j <= m; j++) {
      const diagonalCost = previous[j - 1]! + (quote[i - 1] === region[j - 1] ? 0 : 1);
      const upCost = previous[j]! + 1;
      const leftCost = current[j - 1]! + 1;
      let cost = diagonalCost;
      let step = 0;
      if (upCost < cost) {
        cost = upCost;
        step = 1;
      }
      if (leftCost < cost) {
        cost = leftCost;
        step = 2;
      }
      current[j] = cost;
      steps[i * (m + 1) + j] = step;
    }
    [previous, current] = [current, previous];
  }
  // The passage may end anywhere: take the cheapest end, the earliest on a tie.
  let endColumn = 0;
  for (let j = 1; j <= m; j++) if (previous[j]! < previous[endColumn]!) endColumn = j;
  const edits = previous[endColumn]!;
  let i = n;
  let j = endColumn;
  while (i > 0) {
    const step = steps[i * (m + 1) + j];
    if (step === 0) {
      i--;
      j--;
    } else if (step === 1) i--;
    else j--;
  }
  if (j >= endColumn) return null; // no source word aligned

  return { first: regionStart + j, last: regionStart + endColumn, edits };
}

/** The share of characters the two texts have in common, by diff_main: 1 for equal texts. */
function similarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1;
  let equal = 0;
  for (const [operation, text] of dmp.diff_main(a, b)) if (operation === DiffMatchPatch.DIFF_EQUAL) equal += text.length;
  return equal / longer;
}

// ---- Differences ----

/**
 * What the quote says differently from its passage, word by word. Words are diffed as
 * characters (each distinct word one character, as diff-match-patch does for lines), and
 * runs of changed words are reported together with the original spelling on each side.
 */
function describeDifferences(source: PreparedSource, passage: Candidate, quote: string, normalQuote: NormalisedText, quoteWords: WordTokens): Difference[] {
  const passageIds = source.words.ids.subarray(passage.first, passage.last);
  const alphabet = new Map<number, string>();
  const encode = (ids: Int32Array) => Array.from(ids, (id) => {
    let c = alphabet.get(id);
    if (c === undefined) {
      c = String.fromCharCode(0x100 + alphabet.size); // one character per word, past the control characters
      alphabet.set(id, c);
    }
    return c;
  }).join('');
  const diffs = dmp.diff_main(encode(quoteWords.ids), encode(passageIds), false);
  dmp.diff_cleanupSemantic(diffs);

  // Word ranges [quoteFrom, quoteTo) and [sourceFrom, sourceTo) that differ.
  const changes: Array<{ quoteFrom: number; quoteTo: number; sourceFrom: number; sourceTo: number }> = [];
  let q = 0;
  let s = 0;
  let open: (typeof changes)[number] | null = null;
  for (const [operation, text] of diffs) {
    if (operation === DiffMatchPatch.DIFF_EQUAL) {
      open = null;
      q += text.length;
      s += text.length;
      continue;
    }
    if (!open) {
      open = { quoteFrom: q, quoteTo: q, sourceFrom: s, sourceTo: s };
      changes.push(open);
    }
    if (operation === DiffMatchPatch.DIFF_DELETE) open.quoteTo = q += text.length;
    else open.sourceTo = s += text.length;
  }

  const quoteText = (from: number, to: number) => {
    if (to <= from) return '';
    const range = { start: normalQuote.starts[quoteWords.starts[from]!]!, end: normalQuote.ends[quoteWords.ends[to - 1]! - 1]! };
    return quote.slice(range.start, range.end);
  };
  const sourceText = (from: number, to: number) => {
    if (to <= from) return '';
    const a = passage.first + from;
    const b = passage.first + to;
    const range = toOriginalRange(source.normal, source.words.starts[a]!, source.words.ends[b - 1]!);
    return source.text.slice(range.start, range.end);
  };

  const differences: Difference[] = [];
  for (const change of changes) {
    let { quoteFrom, quoteTo, sourceFrom, sourceTo } = change;
    // A word added or left out is shown with its neighbour, so both sides read as words:
    // {quote: 'did', source: 'did not'} rather than {quote: '', source: 'not'}.
    if (quoteFrom === quoteTo || sourceFrom === sourceTo) {
      if (quoteFrom > 0 && sourceFrom > 0) {
        quoteFrom--;
        sourceFrom--;
      } else if (quoteTo < quoteWords.ids.length && sourceTo < passageIds.length) {
        quoteTo++;
        sourceTo++;
      }
    }
    const quoteSide = quoteText(quoteFrom, quoteTo);
    const sourceSide = sourceText(sourceFrom, sourceTo);
    differences.push({ quote: quoteSide, source: sourceSide, kind: classify(quoteSide, sourceSide) });
  }
  if (differences.length > 0) return differences;

  // The words agree; what differs is punctuation or spacing. Show that, character by character.
  const passageNormal = source.normal.text.slice(source.words.starts[passage.first]!, source.words.ends[passage.last - 1]!);
  const characterDiffs = dmp.diff_main(normalQuote.text, passageNormal);
  dmp.diff_cleanupSemantic(characterDiffs);
  let quoteSide = '';
  let sourceSide = '';
  const flush = () => {
    if (quoteSide || sourceSide) differences.push({ quote: quoteSide, source: sourceSide, kind: 'wording' });
    quoteSide = sourceSide = '';
  };
  for (const [operation, text] of characterDiffs) {
    if (operation === DiffMatchPatch.DIFF_EQUAL) flush();
    else if (operation === DiffMatchPatch.DIFF_DELETE) quoteSide += text;
    else sourceSide += text;
  }
  flush();
  return differences;
}

/** Whether a difference changes what is said (a negation, a number, a name) or only how. */
export function classify(quoteSide: string, sourceSide: string): DifferenceKind {
  const quoteWords = wordsOf(quoteSide);
  const sourceWords = wordsOf(sourceSide);
  const negations = (words: string[]) => words.filter(isNegation).length;
  if (negations(quoteWords) !== negations(sourceWords)) return 'negation';

  // Numbers compare by value: "nine" for "9" is wording, "nine" for "ten" is not.
  const numbers = (words: string[], text: string) =>
    [
      ...words.map(signedNumberValue).filter((v) => v !== null),
      ...(text.match(/[\p{Sc}%\u2030]/gu) ?? []),
    ]
      .map(String)
      .sort()
      .join(' ');
  if (numbers(quoteWords, quoteSide) !== numbers(sourceWords, sourceSide)) return 'number';

  // A capitalised word on one side that the other side lacks, and not just a capitalised common word.
  const names = (words: string[], text: string) =>
    words.filter((word) => /^\p{Lu}/u.test(word) && !CAPITALISED_COMMON_WORDS.has(word.toLowerCase()) && !isTitle(comparableWord(word)) && !opensSentence(text, word));
  const quoteLower = new Set(quoteWords.map(comparableWord));
  const sourceLower = new Set(sourceWords.map(comparableWord));
  if (names(quoteWords, quoteSide).some((w) => !sourceLower.has(comparableWord(w)))) return 'name';
  if (names(sourceWords, sourceSide).some((w) => !quoteLower.has(comparableWord(w)))) return 'name';
  return 'wording';
}

function wordsOf(text: string): string[] {
  return text.match(/(?:(?<![\p{L}\p{N}\p{M}])[-\u2212\u2013](?=\p{N}))?[\p{L}\p{N}\p{M}]+(?:['’.,][\p{L}\p{N}\p{M}]+)*/gu) ?? [];
}

/** "9", "nine", "ninth" and "-9" as numbers; null for other words. */
function signedNumberValue(word: string): number | null {
  const negative = /^[-\u2212\u2013]/.test(word);
  const digits = negative ? word.slice(1) : word;
  const value = numberValue(digits) ?? ORDINAL_WORDS.get(digits.toLowerCase()) ?? null;
  return value === null ? null : negative ? -value : value;
}

/** A capitalised word right after a full stop is capitalised for its place, not as a name. */
function opensSentence(text: string, word: string): boolean {
  const at = text.indexOf(word);
  return at > 0 && /[.!?]\s*$/.test(text.slice(0, at));
}
