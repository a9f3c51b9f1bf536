import { alternation as alternationOf, ATTRIBUTION_VERBS, wordList } from '../../domain/lexicon';
import { findFacts } from '../facts';

/*
 * Claim hints: rule-based marks on one statement that help an editor decide what to check first.
 *
 * The rules, in plain words (README text):
 *
 * - number — the numbers the facts extractor finds (services/facts: figures, money, percentages,
 *   quantities with a unit, number words that count something, "thousands"), and ordinals written
 *   in digits (5th); "first" is a comparison, not a count.
 * - date — the extractor's dates (12 March 2024, Aug. 3, May 2019, 2024-03-05, 05/03/2024,
 *   Tuesday, 2023, the 1990s) and relative dates (yesterday, last week, three years ago). "May"
 *   and "March" are dates only next to a day or year, or after a word such as in, on, since; a
 *   year followed by a unit or a count noun ("2000 people") is a number.
 * - organisation — (this and person are the facts extractor's, services/facts/names.ts) a
 *   capitalised name ending in an institution word (Inc., Corp., Co., Ltd., Group, University,
 *   Council, Ministry, Department, Agency, Commission, Party, Bank, Reserve, Court, House, Motors, …),
 *   optionally followed by "of/for …" (Bank of England, Department of Health); a capitalised name
 *   starting with "The" (The Guardian); Congress, Parliament, Senate, Pentagon, Kremlin; and all-caps
 *   acronyms of 2–6 letters (NATO, BBC) except a few that are not organisations (US, UK, CEO, GDP, TV, …).
 * - person — a title plus a name (Dr. Lee, Sen. Warren, Mr. Smith, Prime Minister Keir Starmer;
 *   the titles are domain/lexicon.ts's, with General, Chief, Executive…), or two
 *   or more capitalised words in a row that are not an organisation, a date or a place (names starting
 *   with New/North/San/United… or ending with Street/City/County/River/… are places). The first word of a
 *   sentence (or of a quotation) is not counted, since every sentence starts with a capital — unless the
 *   name is followed directly by a speech verb ("Jane Doe said").
 * - attribution — said, says, told, asked, according to, announced, reported, confirmed, claimed, stated,
 *   wrote, added, argued, insisted, noted, explained, warned, testified, estimated (and present forms), and
 *   "Per …" at the start of a sentence.
 * - comparison — more/less/fewer/higher/lower/bigger/… than, compared with/to, superlatives (largest,
 *   highest, biggest, most, least, first, …), "record" (a record, record high), twice, double, triple,
 *   up/down 5%, and change verbs (rose, fell, increased, decreased, grew, dropped, declined, …).
 *   "Best" and "worst" are comparisons when the sentence measures them (since, ever, on record, in
 *   history, in decades); otherwise they are opinion.
 * - opinion — I/we think, believe, feel; should, must, ought to; in my/our view or opinion; evaluative
 *   words (wonderful, terrible, disastrous, shameful, outrageous, ridiculous, …); exclamation marks.
 * - question — the statement ends with a question mark that is the article's own. A question mark
 *   inside closing quotation marks is someone else's question when the quotation opens the statement
 *   or the statement has an attribution ("Who pays?" she asked).
 *
 * Score (higher = more likely a checkable factual claim): number +2, attribution +1.5, comparison +1.5,
 * date +1, person +1, organisation +1, opinion −2. The first mark of a kind counts in full, the second
 * and third count half, further ones not at all. A question the article asks adds −25, which puts it
 * below every statement that is not a question (those never score below −4).
 *
 * Every hint's text equals statement.slice(start, end). Hints are sorted by start; hints of one kind
 * never overlap, and a number inside a date ("Aug. 12", "2019") is only a date.
 */

export type HintKind =
  | 'number'
  | 'date'
  | 'person'
  | 'organisation'
  | 'attribution'
  | 'comparison'
  | 'opinion'
  | 'question';

export interface Hint {
  kind: HintKind;
  text: string;
  start: number;
  end: number;
}

const kindOrder: readonly HintKind[] = [
  'number',
  'date',
  'person',
  'organisation',
  'attribution',
  'comparison',
  'opinion',
  'question',
];

// ---------------------------------------------------------------------------------------------
// Vocabulary

const alternation = (list: string) => wordList(list).join('|');

const attributionVerbs = alternationOf(ATTRIBUTION_VERBS);

const superlatives =
  'largest biggest highest lowest smallest greatest fastest slowest oldest youngest richest poorest ' +
  'deadliest longest shortest strongest weakest hottest coldest warmest wettest driest busiest cheapest ' +
  'costliest most least first';
const changeVerbs =
  'rose rises rising fell increased increases increasing decreased decreases decreasing grew grows dropped ' +
  'declined declines climbed jumped surged plunged plummeted soared slumped doubled tripled halved';
const evaluativeWords =
  'wonderful terrible disastrous awful horrible horrific shameful disgraceful outrageous ridiculous absurd ' +
  'brilliant fantastic excellent amazing incredible appalling pathetic unacceptable scandalous heroic ' +
  'stupid tremendous magnificent';

// ---------------------------------------------------------------------------------------------
// Patterns

const numberCore = String.raw`(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)`;
const percentTail = String.raw`(?:\s?%|\s+(?:percent|per\s+cent|percentage\s+points?)\b)`;

const attributionPatterns: RegExp[] = [
  new RegExp(String.raw`\b(?:${attributionVerbs})\b|\b[Aa]ccording to\b`, 'g'),
  /^[\s"“‘'(]*Per\b(?=\s)/g,
];

const comparisonPatterns: RegExp[] = [
  /\b(?:more|less|fewer|greater|higher|lower|larger|smaller|bigger|cheaper|faster|slower|older|younger|longer|shorter|better|worse)\s+than\b/gi,
  /\bcompared\s+(?:with|to)\b/gi,
  new RegExp(String.raw`\b(?:${alternation(superlatives)})\b`, 'gi'),
  // "a record", "new record", "on record", "record high": the word first, its neighbours checked after.
  /\brecord\b(?:(?<=\b(?:a|new|all-time|on)\srecord)|(?=[\s-](?:highs?|lows?|levels?|numbers?|breaking|year)\b))/gi,
  /\b(?:twice|double|triple)\b/gi,
  new RegExp(String.raw`\b(?:up|down)\s+(?:by\s+)?${numberCore}${percentTail}`, 'gi'),
  new RegExp(String.raw`\b(?:${alternation(changeVerbs)})\b`, 'gi'),
  /\b(?:best|worst)\b(?=[^.!?]*\b(?:since|ever|on record|in history|in decades|in years)\b)/gi,
];

const opinionPatterns: RegExp[] = [
  /\b(?:I|[Ww]e)\s+(?:think|believe|feel|reckon)\b/g,
  /\b(?:should|shouldn't|must|mustn't|ought\s+to)\b/gi,
  /\bin\s+(?:my|our)\s+(?:view|opinion)\b/gi,
  new RegExp(String.raw`\b(?:${alternation(evaluativeWords)})\b`, 'gi'),
  /\b(?:best|worst)\b(?![^.!?]*\b(?:since|ever|on record|in history|in decades|in years)\b)/gi,
  /!+/g,
];

// ---------------------------------------------------------------------------------------------
// Rules

type Span = [start: number, end: number];

function matchAll(statement: string, patterns: RegExp[]): Span[] {
  const spans: Span[] = [];
  for (const pattern of patterns) {
    for (const match of statement.matchAll(pattern)) {
      if (match[0].length > 0) spans.push([match.index, match.index + match[0].length]);
    }
  }
  return spans;
}

/**
 * Numbers, dates, people and organisations, as the facts extractor finds them: each once, so a
 * number inside a date is only the date.
 */
function factSpans(statement: string): Pick<Record<HintKind, Span[]>, 'number' | 'date' | 'person' | 'organisation'> {
  const spans = { number: [] as Span[], date: [] as Span[], person: [] as Span[], organisation: [] as Span[] };
  for (const fact of findFacts(statement)) {
    if (fact.kind === 'number' || (fact.kind === 'ordinal' && /\d/.test(fact.text))) spans.number.push([fact.start, fact.end]);
    else if (fact.kind === 'date' || fact.kind === 'relative date') spans.date.push([fact.start, fact.end]);
    else if (fact.kind === 'name' && fact.who) spans[fact.who.is].push([fact.who.start, fact.who.end]);
  }
  return spans;
}

/**
 * A closing run of question marks, with the brackets and quotation marks that close after it and
 * trailing blanks (`/\?+([)\]"”’'»]*)\s*$/`), found by walking back from the end: the pattern
 * restarted at every "?" of a long run.
 */
function closingQuestion(statement: string): { start: number; end: number; closing: string } | null {
  let end = statement.length;
  while (end > 0 && /\s/.test(statement[end - 1]!)) end--;
  let closersStart = end;
  while (closersStart > 0 && ')]"”’\'»'.includes(statement[closersStart - 1]!)) closersStart--;
  let index = closersStart;
  while (index > 0 && statement[index - 1] === '?') index--;
  if (index === closersStart) return null;
  return { start: index, end: closersStart, closing: statement.slice(closersStart, end) };
}

function questionSpans(statement: string, hasAttribution: boolean): Span[] {
  const found = closingQuestion(statement);
  if (!found) return [];
  const { start, end, closing } = found;
  if (/["”’'»]/.test(closing)) {
    // A question inside quotation marks: someone else's when the quote opens the statement or the
    // statement names a speaker.
    if (/^\s*[("“‘'«]/.test(statement) || hasAttribution) return [];
  }
  return [[start, end]];
}

// ---------------------------------------------------------------------------------------------
// Assembly

const overlaps = (a: Span, b: Span) => a[0] < b[1] && b[0] < a[1];

/** Keeps the earliest (then longest) of overlapping spans. */
function withoutOverlaps(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const kept: Span[] = [];
  for (const span of sorted) {
    const previous = kept[kept.length - 1];
    if (previous && overlaps(previous, span)) continue;
    kept.push(span);
  }
  return kept;
}

/** Marks the parts of one statement that make it more or less likely to be a checkable factual claim. */
export function claimHints(statement: string): Hint[] {
  const attributions = withoutOverlaps(matchAll(statement, attributionPatterns));
  const spans: Record<HintKind, Span[]> = {
    ...factSpans(statement),
    attribution: attributions,
    comparison: withoutOverlaps(matchAll(statement, comparisonPatterns)),
    opinion: withoutOverlaps(matchAll(statement, opinionPatterns)),
    question: questionSpans(statement, attributions.length > 0),
  };
  const hints: Hint[] = [];
  for (const kind of kindOrder) {
    for (const [start, end] of spans[kind]) hints.push({ kind, text: statement.slice(start, end), start, end });
  }
  return hints.sort(
    (a, b) => a.start - b.start || a.end - b.end || kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind),
  );
}

const weights: Record<HintKind, number> = {
  number: 2,
  date: 1,
  person: 1,
  organisation: 1,
  attribution: 1.5,
  comparison: 1.5,
  opinion: -2,
  question: -25,
};

/**
 * Higher = more likely a checkable factual claim. Numbers, dates, named people/organisations,
 * attributions and comparisons raise it; opinion and questions lower it. The first hint of a kind
 * counts in full, the second and third half, further ones not at all; a question counts once.
 */
export function claimScore(hints: Hint[]): number {
  const counts = new Map<HintKind, number>();
  for (const hint of hints) counts.set(hint.kind, (counts.get(hint.kind) ?? 0) + 1);
  let score = 0;
  for (const [kind, count] of counts) {
    const weight = weights[kind];
    score += kind === 'question' ? weight : weight * (1 + 0.5 * Math.min(count - 1, 2));
  }
  return score;
}
