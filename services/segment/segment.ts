import { alternation, SPEECH_VERBS } from '../../domain/lexicon';
import { abbreviationKinds, sentenceOpeners, wordsAfterClockTime, wordsThatContinueALine } from './words';

export interface Sentence {
  text: string;
  start: number;
  end: number;
}

/*
 * How it works: one left-to-right scan visits only the characters that could end a sentence
 * (runs of terminal punctuation, and newlines). Each visit decides whether a boundary falls there.
 * Sentences are the trimmed stretches between boundaries, so the invariants (text equals its slice,
 * no overlap, no outer whitespace, every non-blank character covered) hold by construction, whatever
 * the heuristics decide.
 */

// Terminal punctuation: Latin . ! ? and the ellipsis, CJK full-width forms, Arabic ؟ and Urdu ۔.
const candidatePattern = /[.!?…‼⁇⁈⁉。！？｡．؟۔]+|[\n\u2029]/g;
const cjkTerminals = new Set(['。', '！', '？', '｡', '．']);
const questionOrExclamation = /[!?‼⁇⁈⁉؟]/;
const terminalCharacters = new Set([...'.!?…‼⁇⁈⁉。！？｡．؟۔']);

// Characters that close a quotation or bracket after terminal punctuation and so belong to its sentence.
const closingCharacters = new Set([...'"\'”’»›)]}」』）】〕〉》｣〗〙〛']);
// Characters that may open a sentence before its first word.
const openingCharacters = new Set([...'"\'“‘«‹([{「『（【〔〈《｢']);
// Closing marks after which Japanese quotes continue into their attribution ("「…？」と話した").
const cjkClosingQuotes = new Set(['」', '』']);

const whitespace = /\s/;
const uppercaseLetter = /\p{Lu}/u;
const lowercaseLetter = /\p{Ll}/u;
// Letters of scripts without case (Hebrew, Arabic, CJK, Hangul): nothing to learn from their shape.
const uncasedLetter = /[\p{Lo}\p{Lm}]/u;
const digit = /\p{Nd}/u;
// Dashes and joiners that continue a sentence after a period ("SPRINGFIELD, Ill. — The council").
const continuingPunctuation = new Set([...',;:-–—']);

const dottedAcronym = /^(?:\p{L}{1,3}\.)+\p{L}{1,3}$/u;
const singleCapital = /^\p{Lu}$/u;
const listNumber = /^\d{1,3}$/;
const bulletAtLineStart = /[ \t]*(?:[-*•◦▪‣–]|\d{1,3}[.)]|[A-Za-z]\))[ \t]/y;
// `“Where is he?” Tom asked.`: capitalised name words, then a verb of speech.
const attribution = new RegExp(`((?:\\p{Lu}[\\p{L}’'.-]*\\s+){1,4})(?:${alternation(SPEECH_VERBS)})\\b`, 'uy');
const firstWord = /\p{L}+/uy;
const lastWordOfLine = /\p{L}+$/u;

// A wrapped .txt line is long; a headline, byline or list item usually is not.
const hardWrappedLineLength = 55;

/**
 * Splits article text into statements, one per sentence, in reading order.
 * Invariant: text === source.slice(start, end); sentences never overlap; leading/trailing whitespace
 * is never inside a sentence; every non-whitespace character of the source is inside exactly one
 * sentence.
 */
export function segment(source: string): Sentence[] {
  const sentences: Sentence[] = [];
  let sentenceStart = 0;
  const closeSentenceAt = (boundary: number) => {
    let start = sentenceStart;
    let end = boundary;
    while (start < end && isWhitespaceAt(source, start)) start++;
    while (end > start && isWhitespaceAt(source, end - 1)) end--;
    if (end > start) sentences.push({ text: source.slice(start, end), start, end });
    sentenceStart = boundary;
  };

  const headlineEnd = findHeadlineEnd(source);
  const scanner = new RegExp(candidatePattern.source, 'g');
  let match: RegExpExecArray | null;
  while ((match = scanner.exec(source)) !== null) {
    const at = match.index;
    if (source[at] === '\n' || source[at] === '\u2029') {
      if (at === headlineEnd || endsLineAtNewline(source, at)) closeSentenceAt(at);
      continue;
    }
    const end = endOfPunctuation(source, at + match[0].length);
    scanner.lastIndex = end;
    if (endsSentenceAtPunctuation(source, at, end)) closeSentenceAt(end);
  }
  closeSentenceAt(source.length);
  return sentences;
}

function isWhitespaceAt(source: string, index: number): boolean {
  const code = source.charCodeAt(index);
  if (code === 32 || (code >= 9 && code <= 13)) return true;
  if (code < 128) return false;
  return whitespace.test(source[index]!);
}

/** The newline after the first non-blank line: the headline is always a statement of its own. */
function findHeadlineEnd(source: string): number {
  let index = 0;
  while (index < source.length && isWhitespaceAt(source, index)) index++;
  return source.indexOf('\n', index);
}

/**
 * Extends a run of terminal punctuation over the closing quotes and brackets that follow it, and
 * over any further terminal punctuation after them (`?”.`), so they stay in the sentence.
 */
function endOfPunctuation(source: string, index: number): number {
  let end = index;
  while (end < source.length) {
    const character = source[end]!;
    if (closingCharacters.has(character) || terminalCharacters.has(character)) end++;
    else break;
  }
  return end;
}

interface NextToken {
  /** Where the next non-blank character is. */
  index: number;
  /** A blank line lies between the punctuation and the next text. */
  paragraphBreak: boolean;
  /** The next text starts a new line. */
  newLine: boolean;
}

function nextToken(source: string, from: number): NextToken {
  let index = from;
  let newlines = 0;
  while (index < source.length && isWhitespaceAt(source, index)) {
    const character = source[index];
    if (character === '\n' || character === '\u2029') newlines += character === '\u2029' ? 2 : 1;
    index++;
  }
  return { index, paragraphBreak: newlines >= 2, newLine: newlines >= 1 };
}

type Opening =
  | { kind: 'end' }
  | { kind: 'lowercase' }
  | { kind: 'continuing-punctuation' }
  | { kind: 'capitalised'; word: string; quoted: boolean }
  | { kind: 'uncased' }
  | { kind: 'number' }
  | { kind: 'other' };

/** Describes how the text after a possible boundary begins. */
function describeOpening(source: string, index: number): Opening {
  if (index >= source.length) return { kind: 'end' };
  let position = index;
  while (position < source.length && openingCharacters.has(source[position]!)) position++;
  const quoted = position > index;
  const character = source[position];
  if (character === undefined) return { kind: 'other' };
  if (lowercaseLetter.test(character)) {
    // "eBay", "iPhone": brand names that begin a sentence in lowercase.
    const second = source[position + 1];
    if (second !== undefined && uppercaseLetter.test(second)) return { kind: 'capitalised', word: wordAt(source, position), quoted };
    return { kind: 'lowercase' };
  }
  if (uppercaseLetter.test(character)) return { kind: 'capitalised', word: wordAt(source, position), quoted };
  if (!quoted && continuingPunctuation.has(character)) return { kind: 'continuing-punctuation' };
  if (uncasedLetter.test(character)) return { kind: 'uncased' };
  if (digit.test(character)) return { kind: 'number' };
  return { kind: 'other' };
}

function wordAt(source: string, index: number): string {
  firstWord.lastIndex = index;
  return firstWord.exec(source)?.[0] ?? '';
}

/** Decides whether the terminal punctuation in source[start, end) ends a sentence. */
function endsSentenceAtPunctuation(source: string, start: number, end: number): boolean {
  const punctuation = source.slice(start, end);

  // CJK sentences end at their full-width mark, with or without a following space.
  if (cjkTerminals.has(source[start]!)) {
    // 「本当に怖かった。」と話した: a quote followed by the quotative particle continues the sentence.
    return !(cjkClosingQuotes.has(source[end - 1]!) && source[end] === 'と');
  }

  // "3.5", "example.com", "U.S.-led", "Yahoo!'s": punctuation glued to more text ends nothing.
  if (end < source.length && !isWhitespaceAt(source, end)) return false;

  const next = nextToken(source, end);
  if (next.paragraphBreak || next.index >= source.length) return true;
  if (next.newLine && startsWithBullet(source, next.index)) return true;
  // A live blog's time stamp on a line of its own ("12:40 p.m.") belongs to the entry below it.
  if (next.newLine && isClockTimeLine(source, start)) return false;

  const opening = describeOpening(source, next.index);
  if (opening.kind === 'lowercase' || opening.kind === 'continuing-punctuation') return false;

  if (questionOrExclamation.test(punctuation)) {
    // `“I knew it!” Sorensen said.`: a quoted exclamation with its speaker is one sentence.
    const closedAQuote = /[”’"'»]/.test(punctuation);
    if (closedAQuote && opening.kind === 'capitalised' && isAttribution(source, next.index)) return false;
    return true;
  }

  const isEllipsis = punctuation.includes('…') || punctuation.startsWith('..');
  if (isEllipsis) return true;

  return endsSentenceAfterPeriod(source, start, opening);
}

function startsWithBullet(source: string, index: number): boolean {
  let lineStart = index;
  while (lineStart > 0 && source[lineStart - 1] !== '\n') lineStart--;
  bulletAtLineStart.lastIndex = lineStart;
  return bulletAtLineStart.test(source);
}

function isAttribution(source: string, index: number): boolean {
  attribution.lastIndex = index;
  const found = attribution.exec(source);
  if (!found) return false;
  const speaker = found[1]!.split(/\s+/)[0]!.replace(/[^\p{L}]+$/u, '');
  return !sentenceOpeners.has(speaker);
}

/** The word (with its inner dots) that a period at `periodIndex` closes, without quotes or brackets around it. */
function wordBeforePeriod(source: string, periodIndex: number): { word: string; start: number } {
  let start = periodIndex;
  while (start > 0 && !isWhitespaceAt(source, start - 1)) start--;
  while (start < periodIndex && openingCharacters.has(source[start]!)) start++;
  let end = periodIndex;
  while (end > start && closingCharacters.has(source[end - 1]!)) end--;
  return { word: source.slice(start, end), start };
}

function endsSentenceAfterPeriod(source: string, periodIndex: number, opening: Opening): boolean {
  const { word, start } = wordBeforePeriod(source, periodIndex);

  // "1. Raise the minimum wage": a numbered list marker, not a sentence.
  if (listNumber.test(word) && isAtLineStart(source, start)) return false;

  const opensWithCommonWord = opening.kind === 'capitalised' && sentenceOpeners.has(opening.word);
  const opensWithQuoteOrOtherScript =
    (opening.kind === 'capitalised' && opening.quoted) || opening.kind === 'uncased';

  if (singleCapital.test(word)) {
    // Initials ("George W. Bush") run into a surname; "Plan B. The team" ends.
    return opensWithCommonWord || opening.kind === 'number';
  }

  const kind = abbreviationKinds.get(word) ?? (dottedAcronym.test(word) ? 'proper-noun-prefix' : undefined);
  switch (kind) {
    case undefined:
      return true;
    case 'never-ends':
      return false;
    case 'before-number': {
      // "No. 42", "No. #7", and case numbers that start with letters ("No. C098765", "No. CR-23-114").
      const after = nextNonBlank(source, periodIndex + 1);
      caseNumber.lastIndex = after;
      return opening.kind !== 'number' && source[after] !== '#' && !caseNumber.test(source);
    }
    case 'month':
    case 'proper-noun-prefix':
      return opensWithCommonWord || opensWithQuoteOrOtherScript;
    case 'time':
      if (opening.kind === 'capitalised') return !wordsAfterClockTime.has(opening.word) || opening.quoted;
      return opening.kind !== 'number';
    case 'usually-ends':
      return opening.kind !== 'number';
    case 'saint-or-street':
      // A street name comes after a capitalised name or a number ("Oak St.", "Sixth St."); Saint does not.
      return opening.kind !== 'number' && (followsNameOrNumber(source, start) || opensWithCommonWord);
  }
}

const caseNumber = /\p{Lu}{1,4}-?\d/uy;
// A time stamp and nothing else on its line: "12:40 p.m.", "9:47 p.m. ET", "14:05", "14:05 GMT".
const clockTimeLine = /^\d{1,2}[:.]\d{2}(?:\s*(?:[ap]\.m\.|[AaPp]\.?[Mm]\.?))?(?:\s+\p{Lu}{2,4})?$/u;

/** Whether the line around `index` is only a time stamp. */
function isClockTimeLine(source: string, index: number): boolean {
  const lineStart = source.lastIndexOf('\n', index - 1) + 1;
  let lineEnd = source.indexOf('\n', index);
  if (lineEnd < 0) lineEnd = source.length;
  // Time stamps are short: never look at more than a short line.
  if (lineEnd - lineStart > 24) return false;
  return clockTimeLine.test(source.slice(lineStart, lineEnd).trim());
}

function nextNonBlank(source: string, index: number): number {
  let position = index;
  while (position < source.length && isWhitespaceAt(source, position)) position++;
  return position;
}

function isAtLineStart(source: string, index: number): boolean {
  let position = index - 1;
  while (position >= 0 && (source[position] === ' ' || source[position] === '\t')) position--;
  return position < 0 || source[position] === '\n';
}

function followsNameOrNumber(source: string, wordStart: number): boolean {
  let end = wordStart;
  while (end > 0 && isWhitespaceAt(source, end - 1)) end--;
  if (end === wordStart || end === 0) return false;
  const previous = source[end - 1]!;
  if (terminalCharacters.has(previous) || closingCharacters.has(previous)) return false;
  let start = end;
  while (start > 0 && !isWhitespaceAt(source, start - 1)) start--;
  const first = source[start]!;
  return uppercaseLetter.test(first) || digit.test(first);
}

/**
 * Decides whether a newline that does not follow terminal punctuation ends a sentence: it does
 * after a headline, subhead, byline or list item, and does not inside a hard-wrapped paragraph.
 */
function endsLineAtNewline(source: string, newlineIndex: number): boolean {
  if (source[newlineIndex] === '\u2029') return true;

  // A blank line (or the end of the text) is always a paragraph break. Looking only as far as the
  // next line keeps runs of many blank lines linear.
  let nextIndex = newlineIndex + 1;
  while (nextIndex < source.length && isWhitespaceAt(source, nextIndex)) {
    if (source[nextIndex] === '\n' || source[nextIndex] === '\u2029') return true;
    nextIndex++;
  }
  if (nextIndex >= source.length) return true;
  if (startsWithBullet(source, nextIndex)) return true;

  let lineStart = source.lastIndexOf('\n', newlineIndex - 1) + 1;
  let lineEnd = newlineIndex;
  while (lineEnd > lineStart && isWhitespaceAt(source, lineEnd - 1)) lineEnd--;
  while (lineStart < lineEnd && isWhitespaceAt(source, lineStart)) lineStart++;
  if (lineEnd === lineStart) return false;

  // A line ending in terminal punctuation was already judged by the punctuation rules.
  let last = lineEnd - 1;
  while (last > lineStart && closingCharacters.has(source[last]!)) last--;
  if (terminalCharacters.has(source[last]!)) return false;

  const nextCharacter = source[nextIndex]!;
  if (lowercaseLetter.test(nextCharacter)) return false;

  if (isClockTimeLine(source, lineStart)) return false;

  const lastCharacter = source[lineEnd - 1]!;
  // "Key points:" introduces what follows as separate statements.
  if (lastCharacter === ':') return true;
  if (continuingPunctuation.has(lastCharacter) || lastCharacter === '&' || lastCharacter === '/' || lastCharacter === '(') {
    return false;
  }

  const lastWord = lastWordOfLine.exec(source.slice(lineStart, lineEnd))?.[0];
  if (lastWord !== undefined && wordsThatContinueALine.has(lastWord)) return false;

  if (startsWithBullet(source, lineStart)) return true;
  return lineEnd - lineStart < hardWrappedLineLength;
}
