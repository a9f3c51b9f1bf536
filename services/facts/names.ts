/**
 * Which names are people and which organisations, as the claim hints mark them and the facts
 * extractor (facts.ts) classifies them. A span runs as an editor reads the name: with its title ("Dr. Lee",
 * "Prime Minister Keir Starmer") and a leading "The" ("The Guardian"), and with the small words
 * inside it ("Centers for Disease Control and Prevention", "Bank of England"). The extractor
 * takes these names first; the name it compares leaves the title and "The" out.
 *
 * The rules, in an editor's words, are the README's "person" and "organisation" hints, as
 * services/hints/hints.ts's header gives them.
 */
import { alternation, ATTRIBUTION_VERBS, NAME_PARTICLES, TITLES, TITLES_THAT_START_NAMES, wordList } from '../../domain/lexicon';
import { sentenceOpeners } from '../segment/words';

export interface NameSpan {
  is: 'person' | 'organisation';
  start: number;
  end: number;
}

type Span = [start: number, end: number];

const honorifics: ReadonlySet<string> = new Set([...TITLES, ...TITLES_THAT_START_NAMES]);
const organisationSuffixes = new Set(
  wordList(
    'Inc Corp Co Ltd LLC PLC Plc Group Holdings Company Corporation University College School Institute ' +
      'Council Ministry Department Agency Commission Committee Party Bank Foundation Association Union ' +
      'Federation Organisation Organization Authority Board Bureau Office Service Services Court Parliament ' +
      'Congress Senate Assembly House Police Army Navy Trust Society Fund Reserve Centre Center Centers ' +
      'Hospital Airlines Airways Network Club Church Museum Academy Tribunal Cabinet Administration ' +
      'Motors Industries Technologies Pharmaceuticals Laboratories Systems Partners',
  ),
);
const standaloneOrganisations = new Set(wordList('Congress Parliament Senate Pentagon Kremlin'));
const notOrganisationAcronyms = new Set(
  wordList('US USA UK UAE OK TV AM PM CEO CFO CTO COO GDP AI ID DNA PS II III IV VI VII VIII IX XI XII'),
);
const placeFirstWords = new Set(
  wordList(
    'New North South East West San Santa Los Las Saint St Fort Port Lake Mount Mt United Upper Lower ' +
      'Greater Central Northern Southern Eastern Western',
  ),
);
const placeLastWords = new Set(
  wordList(
    'Street St Road Avenue Square City County State States Island Islands River Valley Mountains Sea Ocean ' +
      'Bay Park Airport Bridge Kingdom Republic Province District Region Coast Hill Hills Province Territory',
  ),
);
/** Abbreviations whose full stop belongs to the word. */
const abbreviations = new Set([
  ...wordList('Dr Mr Mrs Ms Mx Prof Sen Rep Gov Gen Col Capt Lt Sgt Cmdr Adm Rev Fr St Mt Jr Sr'),
  ...wordList('Inc Corp Co Ltd'),
]);
const nameParticles: ReadonlySet<string> = new Set(NAME_PARTICLES);
const connectors = new Set(wordList('of for and the &'));

const speechVerbAhead = new RegExp(String.raw`^\s*(?:${alternation(ATTRIBUTION_VERBS)})\b`);

/**
 * The people and organisations named in `text`, in reading order, none overlapping another of
 * its kind. `dates` are the dates already found: a name stops at one ("Theresa May 2019").
 */
export function peopleAndOrganisations(text: string, dates: Span[]): NameSpan[] {
  const { people, organisations } = nameSpans(text, dates);
  return [
    ...people.map(([start, end]) => ({ is: 'person' as const, start, end })),
    ...organisations.map(([start, end]) => ({ is: 'organisation' as const, start, end })),
  ].sort((a, b) => a.start - b.start || b.end - a.end);
}

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

  // Acronyms: NATO, BBC; not the words of a dateline or heading in capitals (NEW YORK).
  const inCapitals = (token: Token | undefined) => !!token && /^\p{Lu}{2,}$/u.test(token.text);
  piece.forEach((token, i) => {
    if (inCapitals(piece[i - 1]) || inCapitals(piece[i + 1])) return;
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

