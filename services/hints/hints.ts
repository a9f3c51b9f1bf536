import { alternation as alternationOf, ATTRIBUTION_VERBS, NAME_PARTICLES, TITLES, TITLES_THAT_START_NAMES } from '../../domain/lexicon';
import { findFacts } from '../facts';
import { sentenceOpeners } from '../segment/words';

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
 * - organisation — a capitalised name ending in an institution word (Inc., Corp., Co., Ltd., Group,
 *   University, Council, Ministry, Department, Agency, Commission, Party, Bank, Reserve, Court, House,
 *   …), optionally followed by "of/for …" (Bank of England, Department of Health); a capitalised name
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

const words = (list: string) => list.trim().split(/\s+/);
const alternation = (list: string) => words(list).join('|');

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

const honorifics: ReadonlySet<string> = new Set([...TITLES, ...TITLES_THAT_START_NAMES]);
const organisationSuffixes = new Set(
  words(
    'Inc Corp Co Ltd LLC PLC Plc Group Holdings Company Corporation University College School Institute ' +
      'Council Ministry Department Agency Commission Committee Party Bank Foundation Association Union ' +
      'Federation Organisation Organization Authority Board Bureau Office Service Services Court Parliament ' +
      'Congress Senate Assembly House Police Army Navy Trust Society Fund Reserve Centre Center Centers ' +
      'Hospital Airlines Airways Network Club Church Museum Academy Tribunal Cabinet Administration',
  ),
);
const standaloneOrganisations = new Set(words('Congress Parliament Senate Pentagon Kremlin'));
const notOrganisationAcronyms = new Set(
  words('US USA UK UAE OK TV AM PM CEO CFO CTO COO GDP AI ID DNA PS II III IV VI VII VIII IX XI XII'),
);
const placeFirstWords = new Set(
  words(
    'New North South East West San Santa Los Las Saint St Fort Port Lake Mount Mt United Upper Lower ' +
      'Greater Central Northern Southern Eastern Western',
  ),
);
const placeLastWords = new Set(
  words(
    'Street St Road Avenue Square City County State States Island Islands River Valley Mountains Sea Ocean ' +
      'Bay Park Airport Bridge Kingdom Republic Province District Region Coast Hill Hills Province Territory',
  ),
);
/** Abbreviations whose full stop belongs to the word. */
const abbreviations = new Set([
  ...words('Dr Mr Mrs Ms Mx Prof Sen Rep Gov Gen Col Capt Lt Sgt Cmdr Adm Rev Fr St Mt Jr Sr'),
  ...words('Inc Corp Co Ltd'),
]);
const nameParticles: ReadonlySet<string> = new Set(NAME_PARTICLES);
const connectors = new Set(words('of for and the &'));

// ---------------------------------------------------------------------------------------------
// Patterns

const numberCore = String.raw`(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)`;
const percentTail = String.raw`(?:\s?%|\s+(?:percent|per\s+cent|percentage\s+points?)\b)`;

const attributionPatterns: RegExp[] = [
  new RegExp(String.raw`\b(?:${attributionVerbs})\b|\b[Aa]ccording to\b`, 'g'),
  /^[\s"“‘'(]*Per\b(?=\s)/g,
];
const speechVerbAhead = new RegExp(String.raw`^\s*(?:${attributionVerbs})\b`);

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

/** Numbers and dates, as the facts extractor finds them: each once, so a number inside a date is only the date. */
function factSpans(statement: string): { numbers: Span[]; dates: Span[] } {
  const numbers: Span[] = [];
  const dates: Span[] = [];
  for (const fact of findFacts(statement)) {
    if (fact.kind === 'number' || (fact.kind === 'ordinal' && /\d/.test(fact.text))) numbers.push([fact.start, fact.end]);
    else if (fact.kind === 'date' || fact.kind === 'relative date') dates.push([fact.start, fact.end]);
  }
  return { numbers, dates };
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
// Names: organisations and people

interface Token {
  text: string; // without a trailing full stop
  start: number;
  end: number; // includes the full stop of an abbreviation
  capital: boolean;
  atSentenceStart: boolean;
}

const tokenPattern = /(?:\p{Lu}\.){2,}|&|[\p{L}\p{N}][\p{L}\p{M}\p{N}'’]*(?:-[\p{L}\p{M}\p{N}'’]+)*/gu;
const capitalStart = /^\p{Lu}/u;
const openingContext = /(?:^|[:"“‘(—–]|\s')\s*$/;

function tokenise(statement: string): Token[] {
  const tokens: Token[] = [];
  for (const match of statement.matchAll(tokenPattern)) {
    const text = match[0];
    const start = match.index;
    let end = start + text.length;
    if (statement[end] === '.' && (abbreviations.has(text) || /^\p{Lu}$/u.test(text))) end += 1;
    const atSentenceStart = openingContext.test(statement.slice(Math.max(0, start - 4), start)) &&
      (tokens.length === 0 || !/\p{L}/u.test(statement.slice(tokens[tokens.length - 1]!.end, start)));
    tokens.push({ text, start, end, capital: capitalStart.test(text), atSentenceStart });
  }
  return tokens;
}

/** Runs of capitalised tokens separated by single spaces, with connectors (of, for, and, the, &, de…) inside. */
function capitalisedRuns(statement: string, tokens: Token[]): Token[][] {
  const runs: Token[][] = [];
  let run: Token[] = [];
  const flush = () => {
    while (run.length > 0 && !run[run.length - 1]!.capital) run.pop();
    if (run.length > 0) runs.push(run);
    run = [];
  };
  for (const token of tokens) {
    const previous = run[run.length - 1];
    const joined = previous !== undefined && /^[ \t]+$/.test(statement.slice(previous.end, token.start));
    const isConnector = !token.capital && (connectors.has(token.text) || nameParticles.has(token.text));
    if (token.capital && token.text !== 'I') {
      if (!joined) flush();
      run.push(token);
    } else if (isConnector && joined) {
      run.push(token);
    } else {
      flush();
    }
  }
  flush();
  return runs;
}

const baseWord = (token: Token) => token.text.replace(/['’]s$/, '');
const isPossessive = (token: Token) => /['’]s$/.test(token.text);
const isAcronym = (token: Token) => /^\p{Lu}{2,6}$/u.test(token.text) && !notOrganisationAcronyms.has(token.text);

function nameSpans(statement: string, dates: Span[]): { people: Span[]; organisations: Span[] } {
  const people: Span[] = [];
  const organisations: Span[] = [];
  const inDate = (token: Token) => dates.some(([start, end]) => token.start < end && token.end > start);
  // Headlines in capitals have no usable acronyms or names.
  if (!/\p{Ll}/u.test(statement)) return { people, organisations };
  const tokens = tokenise(statement);

  for (const run of capitalisedRuns(statement, tokens)) {
    // Split the run at dates and the pronoun-like openers that cannot be part of a name.
    const pieces: Token[][] = [[]];
    for (const token of run) {
      if (inDate(token)) pieces.push([]);
      else pieces[pieces.length - 1]!.push(token);
    }
    for (const piece of pieces) classifyPiece(statement, trimConnectors(piece), people, organisations);
  }
  return { people, organisations };
}

function trimConnectors(piece: Token[]): Token[] {
  let first = 0;
  let last = piece.length;
  while (first < last && !piece[first]!.capital) first++;
  while (last > first && !piece[last - 1]!.capital) last--;
  return piece.slice(first, last);
}

/** Extends an organisation forward over "of/for/and/& (the) Capitalised…". */
function extendForward(piece: Token[], index: number): number {
  let end = index;
  for (;;) {
    let next = end + 1;
    let sawConnector = false;
    while (next < piece.length && !piece[next]!.capital && connectors.has(piece[next]!.text)) {
      next++;
      sawConnector = true;
    }
    const token = piece[next];
    if (!token || !token.capital || (!sawConnector && !organisationSuffixes.has(baseWord(token)))) return end;
    let stretchEnd = next;
    while (
      stretchEnd + 1 < piece.length &&
      piece[stretchEnd + 1]!.capital &&
      !sentenceOpeners.has(piece[stretchEnd + 1]!.text)
    ) {
      stretchEnd++;
    }
    // "… and Prevention" continues a name; "… and General Motors Co." is a second organisation.
    const viaAnd = piece.slice(end + 1, next).some((connector) => connector.text === 'and');
    if (viaAnd && piece.slice(next, stretchEnd + 1).some((part) => organisationSuffixes.has(baseWord(part)))) {
      return end;
    }
    end = stretchEnd;
  }
}

function classifyPiece(statement: string, piece: Token[], people: Span[], organisations: Span[]) {
  if (piece.length === 0) return;
  const taken = new Array<boolean>(piece.length).fill(false);
  const take = (from: number, to: number, into: Span[]) => {
    for (let i = from; i <= to; i++) taken[i] = true;
    into.push([piece[from]!.start, nameEnd(piece[to]!)]);
  };

  // "The Guardian", "The Federal Reserve": a capitalised "The" followed by a name that is not
  // only titles or a place.
  if (piece[0]!.text === 'The' && piece.length > 1) {
    // The name ends before "… and the …" ("The UK and the US").
    let to = piece.findIndex((token, i) => i > 0 && token.text === 'the');
    to = to < 0 ? piece.length - 1 : to - 1;
    while (to > 0 && !piece[to]!.capital) to--;
    const rest = piece.slice(1, to + 1).filter((token) => token.capital);
    const notAName = rest.every((token) => honorifics.has(token.text) || notOrganisationAcronyms.has(token.text));
    if (
      rest.length > 0 &&
      !notAName &&
      !placeFirstWords.has(rest[0]!.text) &&
      !placeLastWords.has(rest[rest.length - 1]!.text)
    ) {
      take(0, to, organisations);
    }
  }

  // Institution words: Acme Corp., Bank of England, Department of Health, World Health Organization.
  for (let i = 0; i < piece.length; i++) {
    const token = piece[i]!;
    if (taken[i] || !token.capital || !organisationSuffixes.has(baseWord(token))) continue;
    let from = i;
    while (from > 0) {
      const previous = piece[from - 1]!;
      // A possessive ends the name unless it is part of it ("McDonald's Corp.", not "Buffett's Berkshire Inc.").
      const ok =
        previous.text === '&' ||
        (previous.capital &&
          (!isPossessive(previous) || from === i) &&
          !sentenceOpeners.has(previous.text) &&
          !taken[from - 1]);
      if (!ok) break;
      from--;
      if (isPossessive(previous)) break;
    }
    while (!piece[from]!.capital) from++;
    let to = isPossessive(token) ? i : extendForward(piece, i);
    if (from === to && !standaloneOrganisations.has(baseWord(token))) continue;
    take(from, to, organisations);
    i = to;
  }

  // Acronyms: NATO, BBC.
  piece.forEach((token, i) => {
    if (!taken[i] && token.capital && isAcronym(token)) take(i, i, organisations);
  });

  // People: the remaining stretches of capitalised words.
  let stretch: number[] = [];
  const flushStretch = () => {
    if (stretch.length > 0) personFromStretch(statement, piece, stretch, people);
    stretch = [];
  };
  for (let i = 0; i < piece.length; i++) {
    const token = piece[i]!;
    const particle = !token.capital && nameParticles.has(token.text) && stretch.length > 0;
    if (taken[i] || (!token.capital && !particle) || token.text.includes('.') && !abbreviations.has(token.text) && !/^\p{Lu}$/u.test(token.text)) {
      flushStretch();
      // Words after "for/&", or after "of" following a capitalised word that is not an opener, belong to
      // a longer title ("Centers for Disease Control", "Secretary of State"), not a person.
      const before = piece[i - 1];
      const titleTail =
        token.text === 'for' ||
        token.text === '&' ||
        (token.text === 'of' && before !== undefined && before.capital && !sentenceOpeners.has(before.text));
      if (titleTail) {
        while (i + 1 < piece.length && piece[i + 1]!.capital && !taken[i + 1]) i++;
      }
      continue;
    }
    stretch.push(i);
  }
  flushStretch();
}

function nameEnd(token: Token): number {
  return isPossessive(token) ? token.start + token.text.length - 2 : token.end;
}

function personFromStretch(statement: string, piece: Token[], indexes: number[], people: Span[]) {
  let tokens = indexes.map((i) => piece[i]!);
  while (tokens.length > 0 && !tokens[tokens.length - 1]!.capital) tokens.pop();
  // Leading sentence openers ("But", "Former", "The") are not part of a name.
  while (tokens.length > 0 && sentenceOpeners.has(tokens[0]!.text) && !honorifics.has(tokens[0]!.text)) {
    tokens = tokens.slice(1);
  }
  if (tokens.length === 0) return;
  // A name containing a full stop other than an initial or title, or a digit, is not a person.
  if (tokens.some((token) => /\p{N}/u.test(token.text) || sentenceOpeners.has(token.text))) {
    const cut = tokens.findIndex((token) => /\p{N}/u.test(token.text) || sentenceOpeners.has(token.text));
    personFromTokens(statement, tokens.slice(0, cut), people);
    personFromTokens(statement, tokens.slice(cut + 1), people);
    return;
  }
  personFromTokens(statement, tokens, people);
}

function personFromTokens(statement: string, tokens: Token[], people: Span[]) {
  if (tokens.length === 0) return;
  // Titles: the person runs from the title chain to the end of the name after it.
  const lastTitle = findLastTitle(tokens);
  if (lastTitle >= 0 && lastTitle < tokens.length - 1) {
    let firstTitle = lastTitle;
    while (firstTitle > 0 && honorifics.has(tokens[firstTitle - 1]!.text)) firstTitle--;
    if (firstTitle > 0) personFromTokens(statement, tokens.slice(0, firstTitle), people);
    const last = tokens[tokens.length - 1]!;
    people.push([tokens[firstTitle]!.start, nameEnd(last)]);
    return;
  }
  if (lastTitle === tokens.length - 1) return; // a title without a name
  let name = tokens;
  const first = name[0]!;
  const last = name[name.length - 1]!;
  if (placeFirstWords.has(first.text) || placeLastWords.has(baseWord(last))) return;
  // Every sentence starts with a capital, so its first word counts only in "Jane Doe said" or "John F. Kennedy".
  const initialNext = name[1] !== undefined && /^\p{Lu}\.$/u.test(statement.slice(name[1].start, name[1].end));
  if (first.atSentenceStart && !initialNext && !speechVerbAhead.test(statement.slice(nameEnd(last)))) {
    name = name.slice(1);
  }
  if (name.length < 2) return;
  if (name.some((token) => honorifics.has(token.text) || organisationSuffixes.has(baseWord(token)))) return;
  people.push([name[0]!.start, nameEnd(name[name.length - 1]!)]);
}

function findLastTitle(tokens: Token[]): number {
  // The last title in the first chain of titles: "Health Secretary Wes Streeting" → "Secretary".
  const first = tokens.findIndex((token) => honorifics.has(token.text.replace(/\.$/, '')));
  if (first < 0) return -1;
  let last = first;
  while (last + 1 < tokens.length && honorifics.has(tokens[last + 1]!.text.replace(/\.$/, ''))) last++;
  return last;
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
  const { numbers, dates } = factSpans(statement);
  const { people, organisations } = nameSpans(statement, dates);
  const attributions = withoutOverlaps(matchAll(statement, attributionPatterns));
  const spans: Record<HintKind, Span[]> = {
    number: numbers,
    date: dates,
    person: withoutOverlaps(people),
    organisation: withoutOverlaps(organisations),
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
