/**
 * How the library index reads text. Two readings:
 * - `searchTerms`: what the editor types into library search finds words by their start
 *   ("episod" finds "episodes"), case and accents folded, nothing else changed.
 * - `claimTerms`: what makes two statements the same claim. Stemmed ("rose" and "rises" stay
 *   apart, "episodes" = "episode"), common words dropped, and numbers written any way read as
 *   one value ("nine" = "9", "10,000" = "10000"), so a claim and its restatement share terms.
 */
import { stemmer } from 'stemmer';
import { numberValue, tokenize } from '../facts';

/** Case- and accent-insensitive, as library search has always compared. */
export function fold(text: string): string {
  return text.toLocaleLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

export function searchTerms(text: string): string[] {
  return fold(text).match(WORD) ?? [];
}

// Words that say nothing about which claim a sentence makes. Attribution verbs are here too:
// "said" and "told reporters" change from one story to the next while the claim stays.
const STOPWORDS = new Set(
  (
    'a an the and or but if of to in on at by for with from as into about over under than then that this these those ' +
    'is are was were be been being has have had do does did will would shall should can could may might must ' +
    'it its it\'s he she they we you i me him her them us our their his my your who whom which what when where why how ' +
    'not no so too very just also only more most less least some any all each every both such there here ' +
    'said says say saying told tells according claimed claims claim stated states added adds noted ' +
    'per cent percent mr mrs ms dr last year years week weeks month months day days today yesterday now'
  ).split(' '),
);

/** The claim's words as the matcher compares them (repeats kept; the index counts them). */
export function claimTerms(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    if (token.kind === 'symbol') continue;
    const term = claimTerm(token.text);
    if (term) terms.push(term);
  }
  return terms;
}

// The same words come back in every article: each is read once (a bounded memo, cleared when full).
const MEMO_LIMIT = 100_000;
const memo = new Map<string, string>();

function claimTerm(written: string): string {
  let term = memo.get(written);
  if (term !== undefined) return term;
  const value = numberValue(written);
  if (value !== null) term = `#${value}`;
  else {
    const word = fold(written).replace(/['’]s$/, '').replace(/[.'’]/g, '');
    term = word.length < 2 || STOPWORDS.has(word) ? '' : stemmer(word);
  }
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(written, term);
  return term;
}

/** Number terms carry the value, not the claim: a restatement with a changed number is still the same claim. */
export function isNumberTerm(term: string): boolean {
  return term.startsWith('#');
}
