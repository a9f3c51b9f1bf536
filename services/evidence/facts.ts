/**
 * The checkable facts in a sentence: numbers and quantities, dates, ordinals and proper names,
 * each with the words as written and a value that does not depend on how it was written
 * ("nine" = "9", "3.5%" = "3.5 per cent", "$4.2 billion" = "4.2 billion dollars",
 * "Aug. 5" = "5 August"). English only for words; digits work in any language.
 */
import { segment } from '../segment';
import {
  AMBIGUOUS_MONTHS,
  MONTH_ABBREVIATIONS,
  MONTHS,
  NUMBER_WORDS,
  SCALE_WORDS,
  SPEECH_VERBS,
  WORDS_BEFORE_A_MONTH,
} from '../../domain/lexicon';
import { CAPITALISED_COMMON_WORDS, CURRENCY_SIGNS, NAME_CONNECTORS, ORDINAL_WORDS, TITLES, UNIT_WORDS, type Unit } from './words';

export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  kind: 'word' | 'number' | 'symbol';
}

interface FactBase {
  /** As written in the text. */
  text: string;
  start: number;
  end: number;
}
export interface NumberFact extends FactBase {
  kind: 'number';
  value: number;
  unit: Unit;
}
export interface OrdinalFact extends FactBase {
  kind: 'ordinal';
  value: number;
}
export interface DateFact extends FactBase {
  kind: 'date';
  month: number;
  day: number | null;
  year: number | null;
}
export interface NameFact extends FactBase {
  kind: 'name';
  /** The words of the name in comparable form (see comparableWord), titles and connectors left out. */
  words: string[];
}
export type Fact = NumberFact | OrdinalFact | DateFact | NameFact;

// Words (with inner apostrophes, and inner periods for "U.S"), ASCII digit groups ("1,000.5"),
// and the symbols that carry meaning next to a number or inside a name.
const TOKEN = /(\p{L}[\p{L}\p{M}]*(?:['’.]\p{L}[\p{L}\p{M}]*)*)|([0-9]+(?:[.,][0-9]+)*)|([$€£₪¥%&])/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const kind = match[1] ? 'word' : match[2] ? 'number' : 'symbol';
    tokens.push({ text: match[0], lower: match[0].toLowerCase(), start: match.index, end: match.index + match[0].length, kind });
  }
  return tokens;
}

/** A word as names are compared: lower case, no possessive, no periods ("U.S." = "US"). */
export function comparableWord(word: string): string {
  return word.toLowerCase().replace(/['’]s$/, '').replace(/\./g, '');
}

/** Every fact in `text`, in reading order. */
export function findFacts(text: string): Fact[] {
  const tokens = tokenize(text);
  const used = new Array<boolean>(tokens.length).fill(false);
  const facts: Fact[] = [];
  const scan = new FactScanner(text, tokens, used, facts);
  // Dates first: "August 5, 2023" holds two numbers that are not quantities. Names last: a
  // capitalised month or number word ("Nine", "May 5") has been claimed by then.
  scan.isoDates();
  scan.dates();
  scan.numbersAndOrdinals();
  scan.names();
  return facts.sort((a, b) => a.start - b.start);
}

/** The value of a single number written in digits or as one word ("9", "nine", "1,000"); null otherwise. */
export function numberValue(word: string): number | null {
  const lower = word.toLowerCase();
  return NUMBER_WORDS.get(lower) ?? digitsValue(lower);
}

function digitsValue(digits: string): number | null {
  if (/^[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$/.test(digits)) return Number(digits.replace(/,/g, '')); // 1,000,000.5
  if (/^[0-9]+(\.[0-9]+)?$/.test(digits)) return Number(digits);
  if (/^[0-9]+,[0-9]{1,2}$/.test(digits)) return Number(digits.replace(',', '.')); // 3,5 (decimal comma)
  return null; // "1.2.3" is a version or a list, not one number
}

const MONTH_ABBREVIATED = new Set(MONTH_ABBREVIATIONS.map((m) => m.toLowerCase()));
const ORDINAL_SUFFIXES = new Set(['st', 'nd', 'rd', 'th']);
/** Between the parts of one quantity: nothing, spaces, or a hyphen ("twenty-five", "3.5-percent"). */
const JOINED = /^[\s-]*$/;

class FactScanner {
  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
    private readonly used: boolean[],
    private readonly facts: Fact[],
  ) {}

  private gap(a: number, b: number): string {
    return this.text.slice(this.tokens[a]!.end, this.tokens[b]!.start);
  }
  private free(i: number): boolean {
    return i >= 0 && i < this.tokens.length && !this.used[i];
  }
  private claim(first: number, last: number, end = this.tokens[last]!.end) {
    for (let i = first; i <= last; i++) this.used[i] = true;
    const start = this.tokens[first]!.start;
    return { start, end, text: this.text.slice(start, end) };
  }
  private isDay(i: number): boolean {
    const t = this.tokens[i];
    return !!t && !this.used[i] && t.kind === 'number' && /^[0-9]{1,2}$/.test(t.text) && Number(t.text) >= 1 && Number(t.text) <= 31;
  }
  private isYear(i: number): boolean {
    const t = this.tokens[i];
    return !!t && !this.used[i] && t.kind === 'number' && /^[12][0-9]{3}$/.test(t.text);
  }
  /** "5th": the index of the "th" glued to the number at i, or -1. */
  private suffixAfter(i: number): number {
    const next = this.tokens[i + 1];
    return next && ORDINAL_SUFFIXES.has(next.lower) && next.start === this.tokens[i]!.end ? i + 1 : -1;
  }
  private isMonth(i: number): number | null {
    const t = this.tokens[i];
    // A month is capitalised: "may" and "march" are verbs.
    if (!t || this.used[i] || t.kind !== 'word' || !/^\p{Lu}/u.test(t.text)) return null;
    return MONTHS.get(t.lower) ?? null;
  }

  /** 2023-08-05 */
  isoDates() {
    const t = this.tokens;
    for (let i = 0; i + 2 < t.length; i++) {
      if (!this.isYear(i) || !/^[0-9]{2}$/.test(t[i + 1]!.text) || !/^[0-9]{2}$/.test(t[i + 2]!.text)) continue;
      if (this.gap(i, i + 1) !== '-' || this.gap(i + 1, i + 2) !== '-') continue;
      const month = Number(t[i + 1]!.text);
      const day = Number(t[i + 2]!.text);
      if (month < 1 || month > 12 || day < 1 || day > 31) continue;
      this.facts.push({ kind: 'date', month, day, year: Number(t[i]!.text), ...this.claim(i, i + 2) });
    }
  }

  /** "August 5, 2023", "Aug. 5", "5th of August 2023", "August 2023", "in August". */
  dates() {
    for (let i = 0; i < this.tokens.length; i++) {
      const month = this.isMonth(i);
      if (month === null) continue;
      let first = i;
      let last = i;
      let day: number | null = null;
      let year: number | null = null;

      // Day after the month: "August 5", "Aug. 5th".
      if (this.isDay(i + 1) && /^\.?\s+$/.test(this.gap(i, i + 1))) {
        day = Number(this.tokens[i + 1]!.text);
        last = i + 1;
        const suffix = this.suffixAfter(last);
        if (suffix > 0) last = suffix;
      } else {
        // Day before the month: "5 August", "5th of August".
        let before = i - 1;
        if (this.tokens[before]?.lower === 'of' && /^\s+$/.test(this.gap(before, i))) before--;
        let dayIndex = before;
        if (before >= 1 && ORDINAL_SUFFIXES.has(this.tokens[before]!.lower) && this.tokens[before]!.start === this.tokens[before - 1]!.end) dayIndex = before - 1;
        if (this.isDay(dayIndex) && /^\s+$/.test(this.gap(before, before + 1))) {
          day = Number(this.tokens[dayIndex]!.text);
          first = dayIndex;
        }
      }
      // Year: "August 2023", "August 5, 2023", "5 August 2023".
      if (this.isYear(last + 1) && /^\.?,?\s+$/.test(this.gap(last, last + 1))) {
        year = Number(this.tokens[last + 1]!.text);
        last = last + 1;
      }

      if (day === null && year === null && AMBIGUOUS_MONTHS.has(this.tokens[i]!.lower)) {
        // "May" alone is a date only after a preposition: "in May", not "May I add".
        const previous = this.tokens[i - 1];
        if (!previous || !WORDS_BEFORE_A_MONTH.has(previous.lower)) continue;
      }
      // "Aug." keeps its period when it is the last word of the date.
      const monthToken = this.tokens[i]!;
      const end = last === i && MONTH_ABBREVIATED.has(monthToken.lower) && this.text[monthToken.end] === '.' ? monthToken.end + 1 : this.tokens[last]!.end;
      this.facts.push({ kind: 'date', month, day, year, ...this.claim(first, last, end) });
    }
  }

  numbersAndOrdinals() {
    for (let i = 0; i < this.tokens.length; i++) {
      if (!this.free(i)) continue;
      if (this.ordinal(i)) continue;
      this.quantity(i);
    }
  }

  /** "first", "twenty-first", "21st". */
  private ordinal(i: number): boolean {
    const t = this.tokens[i]!;
    const word = ORDINAL_WORDS.get(t.lower);
    if (word !== undefined) {
      this.facts.push({ kind: 'ordinal', value: word, ...this.claim(i, i) });
      return true;
    }
    const tens = NUMBER_WORDS.get(t.lower);
    const next = this.tokens[i + 1];
    if (tens !== undefined && tens >= 20 && tens % 10 === 0 && next && this.gap(i, i + 1) === '-') {
      const unit = ORDINAL_WORDS.get(next.lower);
      if (unit !== undefined && unit < 10) {
        this.facts.push({ kind: 'ordinal', value: tens + unit, ...this.claim(i, i + 1) });
        return true;
      }
    }
    if (t.kind === 'number' && this.suffixAfter(i) > 0 && /^[0-9]+$/.test(t.text)) {
      this.facts.push({ kind: 'ordinal', value: Number(t.text), ...this.claim(i, i + 1) });
      return true;
    }
    return false;
  }

  /** "$4.2 billion", "4.2 billion dollars", "3.5%", "3.5 per cent", "nine", "two hundred and fifty", "1990s". */
  private quantity(i: number): void {
    const tokens = this.tokens;
    const first = i;
    let at = i;
    let unit: Unit = '';
    // Currency before the number: "$5", "US$5", "€ 5".
    if (tokens[at]!.text === 'US' && tokens[at + 1]?.text === '$' && this.gap(at, at + 1) === '') at++;
    const sign = CURRENCY_SIGNS.get(tokens[at]!.text);
    if (sign && tokens[at + 1] && /^\s?$/.test(this.gap(at, at + 1))) {
      unit = sign;
      at++;
    } else if (at !== i) {
      return;
    }
    const number = this.readNumber(at, unit !== '');
    if (!number) return;
    let last = number.last;
    // Unit after the number.
    const next = tokens[last + 1];
    if (next && JOINED.test(this.gap(last, last + 1)) && !this.used[last + 1]) {
      const afterNext = tokens[last + 2];
      if (next.lower === 'per' && afterNext?.lower === 'cent' && /^\s+$/.test(this.gap(last + 1, last + 2))) {
        unit = '%';
        last += 2;
      } else if (next.lower === 'percentage' && (afterNext?.lower === 'point' || afterNext?.lower === 'points')) {
        unit = 'percentage points';
        last += 2;
      } else if (unit === '' && UNIT_WORDS.has(next.lower)) {
        unit = UNIT_WORDS.get(next.lower)!;
        last += 1;
      } else if (next.lower === 's' && next.start === tokens[last]!.end) {
        last += 1; // "1990s": the decade is the number 1990
      }
    }
    this.facts.push({ kind: 'number', value: number.value, unit, ...this.claim(first, last) });
  }

  /**
   * One number starting at token i, in digits ("4.2", "1,000") with an optional scale ("4.2
   * billion", "4.2bn"), or in words ("nine", "twenty-five", "two hundred and fifty thousand",
   * "a million"). `money` allows "$5m" for million.
   */
  private readNumber(i: number, money: boolean): { value: number; last: number } | null {
    const tokens = this.tokens;
    const t = tokens[i]!;
    if (t.kind === 'number') {
      let value = digitsValue(t.text);
      if (value === null) return null;
      let last = i;
      const next = tokens[i + 1];
      if (next && !this.used[i + 1] && JOINED.test(this.gap(i, i + 1))) {
        const scale = SCALE_WORDS.get(next.lower) ?? (money && next.lower === 'm' && next.start === t.end ? 1e6 : undefined);
        if (scale !== undefined) {
          value *= scale;
          last = i + 1;
        }
      }
      return { value: round(value), last };
    }
    return this.readNumberWords(i);
  }

  private readNumberWords(i: number): { value: number; last: number } | null {
    const tokens = this.tokens;
    let total = 0;
    let current = 0;
    let last = -1;
    // What the previous word was, to tell "twenty-five" (one number) from "two three" (two).
    let previous: 'start' | 'unit' | 'teen' | 'tens' | 'scale' = 'start';
    let j = i;
    // "a million", "a hundred": the article is the number one.
    if ((tokens[j]!.lower === 'a' || tokens[j]!.lower === 'an') && tokens[j + 1] && SCALE_WORDS.has(tokens[j + 1]!.lower) && !['bn', 'tn'].includes(tokens[j + 1]!.lower)) {
      current = 1;
      previous = 'unit';
      last = j;
      j++;
    }
    for (; j < tokens.length; j++) {
      const t = tokens[j]!;
      if (this.used[j] || (j > i && !JOINED.test(this.gap(j - 1, j)))) break;
      const word = NUMBER_WORDS.get(t.lower);
      if (word !== undefined) {
        const kind = word >= 20 ? 'tens' : word >= 10 || word === 0 ? 'teen' : 'unit';
        const follows = previous === 'start' || previous === 'scale' || (previous === 'tens' && kind === 'unit');
        if (!follows) break;
        current += word;
        previous = kind;
        last = j;
        continue;
      }
      if (t.lower === 'hundred') {
        if (previous === 'start' && current === 0 && last < 0) break; // a bare "hundred" is a noun ("hundreds")
        current = (current || 1) * 100;
        previous = 'scale';
        last = j;
        continue;
      }
      const scale = SCALE_WORDS.get(t.lower);
      if (scale !== undefined && scale >= 1e3 && last >= 0) {
        total += (current || 1) * scale;
        current = 0;
        previous = 'scale';
        last = j;
        continue;
      }
      // "two hundred and fifty": "and" joins only after a scale word and before a number word.
      if (t.lower === 'and' && previous === 'scale' && NUMBER_WORDS.has(tokens[j + 1]?.lower ?? '')) continue;
      break;
    }
    if (last < 0) return null;
    // "one of them", "no one", "one another": a pronoun, not a count.
    if (last === i && tokens[i]!.lower === 'one') {
      const after = tokens[i + 1]?.lower;
      const before = tokens[i - 1]?.lower;
      if (after === 'of' || after === 'another' || before === 'no' || before === 'every' || before === 'any' || before === 'the' || before === 'this' || before === 'that') return null;
    }
    return { value: total + current, last };
  }

  /**
   * Runs of capitalised words ("Tel Aviv", "Hit & Run", "Bank of England"), without leading
   * titles and common words ("President", "The"). A single capitalised word that opens a
   * sentence is left out (it is capitalised because of where it stands, not what it is), unless
   * it is a name by what surrounds it: see namedAtStart.
   */
  names() {
    const tokens = this.tokens;
    const sentenceStarts = this.sentenceInitialTokens();
    const capitalised = (i: number) => this.free(i) && tokens[i]!.kind === 'word' && /^\p{Lu}/u.test(tokens[i]!.text);
    const joins = (a: number, b: number) => /^(?: |-)$/.test(this.gap(a, b));

    for (let i = 0; i < tokens.length; i++) {
      if (!capitalised(i)) continue;
      let last = i;
      for (;;) {
        if (capitalised(last + 1) && joins(last, last + 1)) {
          last++;
          continue;
        }
        // A connector counts only between two capitalised words: "Bank of England", not "Bank of the".
        const connector = tokens[last + 1];
        if (connector && this.free(last + 1) && NAME_CONNECTORS.has(connector.lower) && joins(last, last + 1) && capitalised(last + 2) && joins(last + 1, last + 2)) {
          last += 2;
          continue;
        }
        break;
      }
      const runEnd = last;
      let first = i;
      while (first <= last && isTitleOrCommonWord(tokens[first]!.text)) first++;
      while (last >= first && (NAME_CONNECTORS.has(tokens[last]!.lower) || isTitleOrCommonWord(tokens[last]!.text))) last--;
      if (first <= last && !(first === last && sentenceStarts.has(first) && !this.namedAtStart(first, sentenceStarts))) {
        const words = tokens
          .slice(first, last + 1)
          .filter((t) => !NAME_CONNECTORS.has(t.lower))
          .map((t) => comparableWord(t.text));
        // "U.S." keeps its final period, which the word pattern leaves out.
        const lastToken = tokens[last]!;
        const end = lastToken.text.includes('.') && this.text[lastToken.end] === '.' ? lastToken.end + 1 : lastToken.end;
        this.facts.push({ kind: 'name', words, ...this.claim(first, last, end) });
      }
      i = runEnd;
    }
  }

  /**
   * A capitalised word opening a sentence that is a name all the same: "Okafor told reporters",
   * "Vance said" (a speech verb follows), or a word the text capitalises where no sentence
   * starts too ("Okafor said … according to Okafor").
   */
  private namedAtStart(i: number, sentenceStarts: Set<number>): boolean {
    const tokens = this.tokens;
    const next = tokens[i + 1];
    if (next && this.gap(i, i + 1) === ' ' && SAYING.has(next.lower)) return true;
    // Built once per text, so a long statement stays linear.
    this.capitalisedInside ??= new Set(tokens.filter((t, j) => !sentenceStarts.has(j) && /^\p{Lu}/u.test(t.text)).map((t) => t.text));
    return this.capitalisedInside.has(tokens[i]!.text);
  }
  private capitalisedInside: Set<string> | undefined;

  /**
   * Word tokens that open a sentence, or a quotation inside one ('She said: "Nobody…"').
   * One pass: only the text between a token and the one before it (or the sentence start) is
   * looked at, so a 600,000-character statement costs the same per word as a short one.
   */
  private sentenceInitialTokens(): Set<number> {
    const starts = new Set<number>();
    const sentences = segment(this.text);
    let s = 0;
    let current = -1; // the sentence `spoken` and `previousEnd` belong to
    /** Whether the sentence has had a letter or digit before the token being looked at. */
    let spoken = false;
    let previousEnd = 0;
    for (let i = 0; i < this.tokens.length; i++) {
      const token = this.tokens[i]!;
      while (s < sentences.length && sentences[s]!.end <= token.start) s++;
      const sentenceStart = sentences[s]?.start ?? 0;
      if (s !== current || token.start <= sentenceStart) {
        current = s;
        spoken = false;
        previousEnd = sentenceStart;
      }
      const gap = this.text.slice(Math.min(previousEnd, token.start), token.start);
      if (!spoken && /[\p{L}\p{N}]/u.test(gap)) spoken = true;
      if (token.kind === 'word') {
        if (!spoken) starts.add(i);
        else if (opensQuotation(gap)) starts.add(i);
      }
      if (/[\p{L}\p{N}]/u.test(token.text)) spoken = true;
      previousEnd = token.end;
    }
    return starts;
  }
}

/** Text before a word that ends with an opening quotation mark, or a colon and a blank. */
function opensQuotation(gap: string): boolean {
  let end = gap.length;
  while (end > 0 && /\s/.test(gap[end - 1]!)) end--;
  const last = gap[end - 1];
  return (last !== undefined && '"“‘«„'.includes(last)) || (last === ':' && end < gap.length);
}

// Speech verbs only: "Reuters reported that…" opens with an outlet, which a reporting verb does not make a name.
const SAYING: ReadonlySet<string> = new Set(SPEECH_VERBS);

/** "President", "The", "Officials" — but not "US" or "UN", which are names whatever the case. */
function isTitleOrCommonWord(word: string): boolean {
  const lower = word.toLowerCase().replace(/['’]s$/, '');
  if (TITLES.has(lower.replace(/\./g, ''))) return true;
  return !/^\p{Lu}[\p{Lu}.]+$/u.test(word) && CAPITALISED_COMMON_WORDS.has(lower);
}

/** 4.2 × 1e9 is 4200000000.000001 in floating point; facts compare after rounding. */
function round(value: number): number {
  return Number(value.toPrecision(12));
}
