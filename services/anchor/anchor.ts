/**
 * Keeps verdicts attached to their statements when the editor changes the article text.
 *
 * A statement is anchored the way W3C Web Annotation's TextQuoteSelector anchors a passage: by its
 * exact text, plus up to 32 characters of context before (prefix) and after (suffix) in the old
 * text, plus its old offsets as a hint. After an edit:
 *
 *   unchanged  the same text at the same offset
 *   moved      the same text at another offset (text was inserted or removed before it, or its
 *              paragraph was moved)
 *   edited     no exact copy, but a new sentence is at least 75% similar in characters
 *              (1 - Levenshtein distance / length of the longer text) — e.g. a word was changed
 *   orphaned   nothing is close enough; the statement is reported (never dropped) so that its
 *              verdict and evidence can be shown and re-attached by hand
 *
 * How realign() maps old statements onto the new sentences (one-to-one), strongest evidence first:
 *   1. identical texts in order: a longest common subsequence of the two sentence lists
 *      (diff-match-patch's Myers diff, one character per distinct sentence);
 *   2. identical texts settled by context: copies that moved out of order (a moved paragraph)
 *      are paired, and when a sentence occurs several times ("No comment."), each old copy goes to
 *      the new copy whose surroundings agree best with its prefix/suffix, then to the one step 1
 *      chose, then to the closest — step 1 alone knows only the order, which a swap of two
 *      paragraphs that both end in the same sentence fools;
 *   3. edited sentences between two consecutive surviving matches of step 1, aligned in order
 *      (the pairing that maximises total similarity without crossing; in a gap of more than
 *      10,000 pairs, only pairs near the gap's diagonal);
 *   4. whatever is left, edited and moved: best similarity first, then context, then distance.
 * Only steps 2 and 4 can pair statements out of order: a moved paragraph is allowed.
 *
 * Decision on splits and merges: the same 75% rule applies, nothing more. A verdict judged one
 * specific claim; pinning it on half of that claim (a split) or on a sentence that now also makes
 * another claim (a merge) would misstate what was checked. So when a sentence is split into two
 * substantial halves, or two sentences are merged, the old statements are orphaned and the new
 * sentences are 'new'. When one side of a split or merge is small enough that the sentence still
 * is ≥ 75% the same (a short clause cut off or added), it keeps the id as 'edited'.
 *
 * Cost: steps 1–2 are near-linear; similarity is only computed for pairs that pass two cheap
 * upper bounds (length ratio, and shared character bigrams: one edit destroys at most two
 * bigrams), and then with a banded Levenshtein that gives up past the 25% budget. Measured (the
 * tests print it): 300 sentences with mixed edits, about 10 ms; worst cases (300 near-identical
 * template sentences all edited, or the 673-sentence corpus with every sentence edited and every
 * paragraph moved), roughly 60–250 ms.
 */
import DiffMatchPatch from 'diff-match-patch';
import { segment } from '../segment';

/** Characters of context kept on each side of an anchored passage. */
export const CONTEXT_LENGTH = 32;
/** How similar (in characters) an edited statement must stay to keep its verdict. */
export const EDIT_THRESHOLD = 0.75;
/** Largest gap (old × new sentences) aligned in order in step 3; larger gaps go to step 4. */
const MAX_GAP_CELLS = 10_000;
/** In a larger gap, how far from the gap's diagonal a pair may lie. */
const GAP_BAND = 8;
/** Largest gap aligned in order at all. */
const MAX_GAP_TABLE = 1_000_000;
/** Most copies (old × new) of one repeated sentence settled by context in step 2. */
const MAX_GROUP_PAIRS = 10_000;

export interface Anchor {
  exact: string;
  /** Up to 32 characters before the passage in the old text. */
  prefix: string;
  /** Up to 32 characters after the passage in the old text. */
  suffix: string;
  start: number;
  end: number;
}

export interface Placed {
  start: number;
  end: number;
  text: string;
  how: 'unchanged' | 'moved' | 'edited';
}

export interface RealignedStatement {
  start: number;
  end: number;
  text: string;
  /** Id of the old statement whose verdict this sentence keeps; null for a new sentence. */
  from: string | null;
  how: Placed['how'] | 'new';
}

export interface Realigned {
  /** Every sentence of the new text, in order. */
  statements: RealignedStatement[];
  /** Ids of old statements that match no new sentence, in the order they were given. */
  orphaned: string[];
}

// The sentence-sequence diff must be exact and deterministic: no timeout, hence no half-match shortcut.
const sequenceDiff = new DiffMatchPatch();
sequenceDiff.Diff_Timeout = 0;

export function anchorOf(text: string, start: number, end: number): Anchor {
  checkSpan(text, start, end);
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
    suffix: text.slice(end, end + CONTEXT_LENGTH),
    start,
    end,
  };
}

/**
 * Finds where an anchored passage is in the new text: the exact text whose surroundings agree
 * best with prefix/suffix, closest to its old position among equals ('unchanged' when at the same
 * offset, else 'moved'); else the new sentence most similar to it, if at least 75% similar
 * ('edited'); else null (orphaned).
 */
export function reanchor(newText: string, anchor: Anchor): Placed | null {
  if (anchor.exact === '') return null;

  let best: { start: number; score: number; distance: number } | null = null;
  for (let at = newText.indexOf(anchor.exact); at !== -1; at = newText.indexOf(anchor.exact, at + 1)) {
    const score = contextScore(anchor, newText, at, at + anchor.exact.length);
    const distance = Math.abs(at - anchor.start);
    if (!best || score > best.score || (score === best.score && distance < best.distance)) {
      best = { start: at, score, distance };
    }
  }
  if (best) {
    return {
      start: best.start,
      end: best.start + anchor.exact.length,
      text: anchor.exact,
      how: best.start === anchor.start ? 'unchanged' : 'moved',
    };
  }

  const wanted = profile(anchor.exact);
  let fuzzy: { sentence: { start: number; end: number; text: string }; rank: Rank } | null = null;
  for (const sentence of segment(newText)) {
    const similarity = similarityAtLeast(wanted, profile(sentence.text), EDIT_THRESHOLD);
    if (similarity === null) continue;
    const rank: Rank = {
      similarity,
      context: contextScore(anchor, newText, sentence.start, sentence.end),
      distance: Math.abs(sentence.start - anchor.start),
    };
    if (!fuzzy || compareRank(rank, fuzzy.rank) < 0) fuzzy = { sentence, rank };
  }
  if (!fuzzy) return null;
  const { start, end, text } = fuzzy.sentence;
  return { start, end, text, how: 'edited' };
}

/**
 * Re-splits the new text into sentences and maps each old statement (by id) onto at most one new
 * sentence, and each new sentence onto at most one old statement. See the top of this file for
 * the order in which evidence is weighed, and for splits and merges.
 */
export function realign(
  oldText: string,
  oldStatements: { id: string; start: number; end: number }[],
  newText: string,
): Realigned {
  const seen = new Set<string>();
  for (const statement of oldStatements) {
    if (seen.has(statement.id)) throw new Error(`Duplicate statement id: ${statement.id}`);
    seen.add(statement.id);
  }
  // Work in reading order; report orphans in the order given.
  const olds = oldStatements
    .map((statement, given) => ({ id: statement.id, given, anchor: anchorOf(oldText, statement.start, statement.end) }))
    .sort((a, b) => a.anchor.start - b.anchor.start || a.anchor.end - b.anchor.end || a.given - b.given);
  const news = segment(newText);

  const newOf = new Array<number>(olds.length).fill(-1);
  const oldOf = new Array<number>(news.length).fill(-1);
  const edited = new Array<boolean>(news.length).fill(false);
  const pair = (i: number, j: number, isEdit: boolean) => {
    newOf[i] = j;
    oldOf[j] = i;
    edited[j] = isEdit;
  };
  const unpair = (i: number) => {
    oldOf[newOf[i]!] = -1;
    newOf[i] = -1;
  };
  const oldAt = (i: number) => olds[i]!;
  const newAt = (j: number) => news[j]!;

  // 1. Identical texts, in order.
  const inOrder = commonSubsequence(
    olds.map((old) => old.anchor.exact),
    news.map((sentence) => sentence.text),
  );
  for (const [i, j] of inOrder) pair(i, j, false);

  // 2. Identical texts, settled by context: copies that moved out of order are paired, and when a
  //    sentence occurs several times, each old copy goes to the new copy whose surroundings agree
  //    best with its prefix/suffix (step 1 only knew the order, and a swap of two paragraphs that
  //    both end in "No comment." fools it).
  const newsByText = new Map<string, number[]>();
  news.forEach((sentence, j) => cached(newsByText, sentence.text, () => []).push(j));
  const oldsByText = new Map<string, number[]>();
  olds.forEach((old, i) => cached(oldsByText, old.anchor.exact, () => []).push(i));
  const stepOne = new Map(inOrder);
  for (const [text, oldCopies] of oldsByText) {
    const newCopies = newsByText.get(text);
    if (!newCopies) continue;
    const free = oldCopies.length * newCopies.length > MAX_GROUP_PAIRS;
    if (!free) {
      for (const i of oldCopies) if (newOf[i] !== -1) unpair(i);
    }
    const candidates: { i: number; j: number; rank: Rank; kept: boolean }[] = [];
    for (const i of oldCopies) {
      if (newOf[i] !== -1) continue;
      for (const j of newCopies) {
        if (oldOf[j] === -1) candidates.push({ i, j, rank: rankOf(oldAt(i).anchor, newText, newAt(j), 1), kept: stepOne.get(i) === j });
      }
    }
    candidates.sort(
      (x, y) => y.rank.context - x.rank.context || Number(y.kept) - Number(x.kept) || x.rank.distance - y.rank.distance || x.i - y.i,
    );
    for (const { i, j } of candidates) {
      if (newOf[i] === -1 && oldOf[j] === -1) pair(i, j, false);
    }
  }

  // 3. Edited sentences between consecutive in-order matches, aligned without crossing (in a
  //    large gap, only pairs near the gap's diagonal are considered; the rest is left to step 4).
  const oldProfiles = new Map<number, Profile>();
  const newProfiles = new Map<number, Profile>();
  const oldProfile = (i: number) => cached(oldProfiles, i, () => profile(oldAt(i).anchor.exact));
  const newProfile = (j: number) => cached(newProfiles, j, () => profile(newAt(j).text));
  const bounds: [number, number][] = [[-1, -1], ...inOrder.filter(([i, j]) => newOf[i] === j), [olds.length, news.length]];
  for (let k = 1; k < bounds.length; k++) {
    const [oldFrom, newFrom] = bounds[k - 1]!;
    const [oldTo, newTo] = bounds[k]!;
    const gapOld = range(oldFrom + 1, oldTo).filter((i) => newOf[i] === -1);
    const gapNew = range(newFrom + 1, newTo).filter((j) => oldOf[j] === -1);
    const cells = gapOld.length * gapNew.length;
    if (cells === 0 || cells > MAX_GAP_TABLE) continue;
    const band = cells > MAX_GAP_CELLS ? GAP_BAND : Infinity;
    const similarity = gapOld.map((i, a) => {
      const diagonal = (a * gapNew.length) / gapOld.length;
      return gapNew.map((j, b) =>
        Math.abs(b - diagonal) > band ? null : similarityAtLeast(oldProfile(i), newProfile(j), EDIT_THRESHOLD),
      );
    });
    for (const [a, b] of monotoneMatching(similarity)) pair(gapOld[a]!, gapNew[b]!, true);
  }

  // 4. Whatever is left: edited and possibly moved. Best pairs first.
  const leftOld = range(0, olds.length).filter((i) => newOf[i] === -1);
  const leftNew = range(0, news.length).filter((j) => oldOf[j] === -1);
  const candidates: { i: number; j: number; rank: Rank }[] = [];
  for (const i of leftOld) {
    for (const j of leftNew) {
      const similarity = similarityAtLeast(oldProfile(i), newProfile(j), EDIT_THRESHOLD);
      if (similarity !== null) candidates.push({ i, j, rank: rankOf(oldAt(i).anchor, newText, newAt(j), similarity) });
    }
  }
  candidates.sort((a, b) => compareRank(a.rank, b.rank) || a.i - b.i || a.j - b.j);
  for (const { i, j } of candidates) {
    if (newOf[i] === -1 && oldOf[j] === -1) pair(i, j, true);
  }

  const statements = news.map((sentence, j): RealignedStatement => {
    const i = oldOf[j]!;
    if (i === -1) return { start: sentence.start, end: sentence.end, text: sentence.text, from: null, how: 'new' };
    const old = oldAt(i);
    const how = edited[j] ? 'edited' : sentence.start === old.anchor.start ? 'unchanged' : 'moved';
    return { start: sentence.start, end: sentence.end, text: sentence.text, from: old.id, how };
  });
  const orphaned = olds
    .filter((_, i) => newOf[i] === -1)
    .sort((a, b) => a.given - b.given)
    .map((old) => old.id);
  return { statements, orphaned };
}

// ---------------------------------------------------------------------------------------------

function checkSpan(text: string, start: number, end: number) {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > text.length) {
    throw new RangeError(`Invalid span ${start}–${end} in a text of ${text.length} characters`);
  }
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let k = from; k < to; k++) out.push(k);
  return out;
}

function cached<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/** How many characters of the old prefix and suffix the new text repeats around [start, end). */
function contextScore(anchor: Anchor, text: string, start: number, end: number): number {
  let score = 0;
  const { prefix, suffix } = anchor;
  while (score < prefix.length && start - score - 1 >= 0 && text[start - score - 1] === prefix[prefix.length - score - 1]) {
    score++;
  }
  let after = 0;
  while (after < suffix.length && end + after < text.length && text[end + after] === suffix[after]) after++;
  return score + after;
}

interface Rank {
  similarity: number;
  context: number;
  distance: number;
}

function rankOf(anchor: Anchor, text: string, at: { start: number; end: number }, similarity: number): Rank {
  return { similarity, context: contextScore(anchor, text, at.start, at.end), distance: Math.abs(at.start - anchor.start) };
}

/** Negative when a ranks before b: more similar, then more context, then closer. */
function compareRank(a: Rank, b: Rank): number {
  return b.similarity - a.similarity || b.context - a.context || a.distance - b.distance;
}

/**
 * Pairs of equal strings (index in a, index in b), in order, forming a longest common
 * subsequence: each distinct string becomes one character and diff-match-patch diffs the two.
 */
function commonSubsequence(a: string[], b: string[]): [number, number][] {
  const codes = new Map<string, string>();
  const encode = (list: string[]) => {
    let out = '';
    for (const item of list) {
      let code = codes.get(item);
      if (code === undefined) {
        code = String.fromCharCode(codes.size + 1);
        codes.set(item, code);
      }
      out += code;
    }
    return out;
  };
  const encodedA = encode(a);
  const encodedB = encode(b);
  // More distinct sentences than one UTF-16 unit can number: leave everything to the later steps.
  if (codes.size >= 0xffff) return [];

  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  for (const [op, chunk] of sequenceDiff.diff_main(encodedA, encodedB, false)) {
    if (op === DiffMatchPatch.DIFF_EQUAL) {
      for (let k = 0; k < chunk.length; k++) pairs.push([i + k, j + k]);
      i += chunk.length;
      j += chunk.length;
    } else if (op === DiffMatchPatch.DIFF_DELETE) {
      i += chunk.length;
    } else {
      j += chunk.length;
    }
  }
  return pairs;
}

/**
 * The non-crossing pairing of rows and columns with the largest total similarity (null = may not
 * be paired); a classic weighted longest-common-subsequence table.
 */
function monotoneMatching(similarity: (number | null)[][]): [number, number][] {
  const rows = similarity.length;
  const columns = similarity[0]?.length ?? 0;
  const width = columns + 1;
  const score = new Float64Array((rows + 1) * width);
  for (let a = 1; a <= rows; a++) {
    for (let b = 1; b <= columns; b++) {
      const value = similarity[a - 1]![b - 1];
      const diagonal = value === null || value === undefined ? -Infinity : score[(a - 1) * width + b - 1]! + value;
      score[a * width + b] = Math.max(score[(a - 1) * width + b]!, score[a * width + b - 1]!, diagonal);
    }
  }
  const pairs: [number, number][] = [];
  let a = rows;
  let b = columns;
  while (a > 0 && b > 0) {
    const here = score[a * width + b]!;
    const value = similarity[a - 1]![b - 1];
    if (value !== null && value !== undefined && here === score[(a - 1) * width + b - 1]! + value) {
      pairs.push([a - 1, b - 1]);
      a--;
      b--;
    } else if (here === score[(a - 1) * width + b]) {
      a--;
    } else {
      b--;
    }
  }
  return pairs.reverse();
}

interface Profile {
  text: string;
  /** Every pair of adjacent UTF-16 units, as one number, sorted. */
  bigrams: Uint32Array;
}

function profile(text: string): Profile {
  const bigrams = new Uint32Array(Math.max(0, text.length - 1));
  for (let k = 0; k + 1 < text.length; k++) bigrams[k] = ((text.charCodeAt(k) << 16) | text.charCodeAt(k + 1)) >>> 0;
  bigrams.sort();
  return { text, bigrams };
}

/**
 * 1 - Levenshtein distance / length of the longer text, or null when it is below `threshold`.
 * Two cheap upper bounds reject most pairs first: the length ratio, and shared bigrams (an edit
 * destroys at most two bigrams, so distance ≥ half the bigrams of either text the other lacks).
 */
function similarityAtLeast(a: Profile, b: Profile, threshold: number): number | null {
  if (a.text === b.text) return 1;
  const longer = Math.max(a.text.length, b.text.length);
  const allowed = Math.floor((1 - threshold) * longer + 1e-9);
  if (longer - Math.min(a.text.length, b.text.length) > allowed) return null;

  let shared = 0;
  for (let x = 0, y = 0; x < a.bigrams.length && y < b.bigrams.length; ) {
    const p = a.bigrams[x]!;
    const q = b.bigrams[y]!;
    if (p === q) {
      shared++;
      x++;
      y++;
    } else if (p < q) x++;
    else y++;
  }
  if (Math.ceil((Math.max(a.bigrams.length, b.bigrams.length) - shared) / 2) > allowed) return null;

  const distance = boundedLevenshtein(a.text, b.text, allowed);
  return distance > allowed ? null : 1 - distance / longer;
}

/** Levenshtein distance between a and b if it is at most k, else k + 1 (Ukkonen's band). */
function boundedLevenshtein(a: string, b: string, k: number): number {
  const tooFar = k + 1;
  if (Math.abs(a.length - b.length) > k) return tooFar;
  // A common beginning and end cost nothing (and a little-edited sentence is mostly that).
  let head = 0;
  const shorter = Math.min(a.length, b.length);
  while (head < shorter && a.charCodeAt(head) === b.charCodeAt(head)) head++;
  let tail = 0;
  while (tail < shorter - head && a.charCodeAt(a.length - 1 - tail) === b.charCodeAt(b.length - 1 - tail)) tail++;
  a = a.slice(head, a.length - tail);
  b = b.slice(head, b.length - tail);
  if (a.length === 0 || b.length === 0) return Math.min(a.length + b.length, tooFar);
  let previous = new Int32Array(b.length + 1);
  let current = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j <= k ? j : tooFar;
  for (let i = 1; i <= a.length; i++) {
    const low = Math.max(1, i - k);
    const high = Math.min(b.length, i + k);
    current[low - 1] = low === 1 && i <= k ? i : tooFar;
    let rowBest = current[low - 1]!;
    const character = a.charCodeAt(i - 1);
    for (let j = low; j <= high; j++) {
      let value = previous[j - 1]! + (character === b.charCodeAt(j - 1) ? 0 : 1);
      const up = previous[j]! + 1;
      if (up < value) value = up;
      const left = current[j - 1]! + 1;
      if (left < value) value = left;
      if (value > tooFar) value = tooFar;
      current[j] = value;
      if (value < rowBest) rowBest = value;
    }
    if (high < b.length) current[high + 1] = tooFar;
    if (rowBest > k) return tooFar;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[b.length]!, tooFar);
}
