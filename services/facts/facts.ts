/**
 * The one extractor of checkable facts: every number, date and proper name in a text, found
 * once, as a span (start, end, the words as written) with a value that does not depend on how
 * it was written ("nine" = "9", "1.5 million" = "1,500,000", "3.5%" = "3.5 per cent",
 * "$4.2 billion" = "4.2 billion dollars", "Aug. 5" = "5 August"). English only for words;
 * digits work in any language. Its readers take the kinds they need:
 *
 * - the claim hints (services/hints) mark numbers, ordinals written in digits, dates, relative
 *   dates, and people and organisations (a name's `who`);
 * - the quote and facts checks (services/evidence) compare values, and leave relative dates
 *   out: "yesterday" in a source written on another day is another day;
 * - the earlier-check differences (services/library-index) pair them by kind, and the library
 *   index reads numbers by value (numberValue) over the same tokens (tokenize).
 *
 * The rules, in an editor's words:
 * - number: digits (1,200; 3.5; 3,5) and number words (nine, twenty-five, two hundred and fifty
 *   thousand, a million, two dozen), with a scale (4.2 billion, 4.2bn, $5m, 3k), a currency ($,
 *   US$, €, £, ₪, dollars, euros) and a unit (%, per cent, percentage points, 40 miles, 12km,
 *   40°C, five years). Hundreds, thousands, millions… are approximate. "one" alone counts only
 *   before a unit ("one year"), not in "one of them", "no one" or "one union". A number glued to a capitalised word (COVID-19,
 *   F-35, A320) is part of that name; "Apollo 11", written apart, keeps its number.
 * - ordinal: first, twenty-first, 21st.
 * - date: a month with or without its day and year, in any order (Aug. 5, 2023; 5th of August;
 *   May 2019), ISO (2023-08-05) and slashed dates (05/03/2024: day first, or the other way
 *   round when both could be a month), a weekday (Tuesday; Tuesday, March 5), a year 1900–2099
 *   and a decade (1990s). A month is capitalised; an abbreviation is a month only with its full
 *   stop or before a number ("Jan Kowalski" is a name). "May" and "March" alone are months only
 *   after a word such as in, on, since, last (domain/lexicon.ts). A year followed by a unit, a
 *   scale or a count noun is a number ("2000 people").
 * - relative date: yesterday, today, tonight, tomorrow; last, next, this, past or previous
 *   week (month, year, weekend, decade, a season, a weekday or a month); "three years ago",
 *   "a decade ago", "a few days ago".
 * - name: first the people and organisations (names.ts: "Dr. Lee", "The Centers for Disease
 *   Control and Prevention", with the span the hints mark in `who`), then the other runs of
 *   capitalised words (Tel Aviv, Hit & Run). A name's text leaves the titles and common words
 *   before it out (President, The), and its words, its value, the small words too ("Dr. Lee"
 *   compares as "lee"). A single word that opens a sentence is a name only when a speech verb
 *   follows it or the text capitalises it elsewhere.
 */
import { segment } from '../segment';
import {
  AMBIGUOUS_MONTHS,
  isTitle,
  MONTH_ABBREVIATIONS,
  MONTH_NAMES,
  MONTHS,
  NUMBER_WORDS,
  SCALE_WORDS,
  SPEECH_VERBS,
  WEEKDAY_NAMES,
  WORDS_BEFORE_A_MONTH,
} from '../../domain/lexicon';
import { peopleAndOrganisations } from './names';
import { CAPITALISED_COMMON_WORDS, COUNT_NOUNS, CURRENCY_SIGNS, NAME_CONNECTORS, ORDINAL_WORDS, UNIT_WORDS, type Unit } from './words';

export type { Unit } from './words';

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
  /** "hundreds", "thousands": an order of size, not a count; equal only to another such word. */
  approximate?: true;
}
export interface OrdinalFact extends FactBase {
  kind: 'ordinal';
  value: number;
}
export interface DateFact extends FactBase {
  kind: 'date';
  /** 1–12; null for a year, a decade or a weekday alone. */
  month: number | null;
  day: number | null;
  year: number | null;
  /** 1 (Monday) – 7 (Sunday), when the date names its weekday. */
  weekday?: number;
  /** "1990s": `year` is the decade's first year. */
  decade?: true;
  /** "05/03/2024": day and month may be the other way round. */
  eitherOrder?: true;
}
export interface RelativeDateFact extends FactBase {
  kind: 'relative date';
  /** The same words in one spelling: "last week", "3 year ago", "a few day ago". */
  value: string;
}
export interface NameFact extends FactBase {
  kind: 'name';
  /** The words of the name in comparable form (see comparableWord), titles, a leading "The" and connectors left out. */
  words: string[];
  /**
   * A person or an organisation (names.ts), spanned as the claim hints mark it: with its title
   * or a leading "The" ("Dr. Lee", where the name itself is "Lee"). A place or a single name is neither.
   */
  who?: { is: 'person' | 'organisation'; start: number; end: number };
}
export type Fact = NumberFact | OrdinalFact | DateFact | RelativeDateFact | NameFact;
export type FactKind = Fact['kind'];

// Words (with inner apostrophes, and inner periods for "U.S"), ASCII digit groups ("1,000.5"),
// and the symbols that carry meaning next to a number or inside a name.
const TOKEN = /(\p{L}[\p{L}\p{M}]*(?:['’.]\p{L}[\p{L}\p{M}]*)*)|([0-9]+(?:[.,][0-9]+)*)|([$€£₪¥₹%&])/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match; match = TOKEN.exec(text)) {
    const written = match[0];
    const kind = match[1] ? 'word' : match[2] ? 'number' : 'symbol';
    tokens.push({ text: written, lower: kind === 'word' ? written.toLowerCase() : written, start: match.index, end: match.index + written.length, kind });
  }
  return tokens;
}

/** A word as names are compared: lower case, no possessive, no periods ("U.S." = "US"). */
export function comparableWord(word: string): string {
  return word.toLowerCase().replace(/['’]s$/, '').replace(/\./g, '');
}

/** Every fact in `text`, in reading order; no two share a word. */
export function findFacts(text: string): Fact[] {
  const tokens = tokenize(text);
  const used = new Array<boolean>(tokens.length).fill(false);
  const facts: Fact[] = [];
  const scan = new FactScanner(text, tokens, used, facts);
  // Dates first: "August 5, 2023" and "three years ago" hold numbers that are not quantities,
  // and "last May" is one relative date. Years after the calendar dates that hold them, before
  // the numbers. Names last: a capitalised month, weekday or number word ("May 5", "Nine") has
  // been claimed by then.
  scan.isoDates();
  scan.slashedDates();
  scan.relativeDates();
  scan.dates();
  scan.weekdays();
  scan.years();
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
const MONTH_NAMED = new Set(MONTH_NAMES.map((m) => m.toLowerCase()));
const WEEKDAYS = new Map(WEEKDAY_NAMES.map((name, i) => [name.toLowerCase(), i + 1]));
const ORDINAL_SUFFIXES = new Set(['st', 'nd', 'rd', 'th']);
/** Plural scale words: an order of size ("thousands of people"), not a count. */
const APPROXIMATE: ReadonlyMap<string, number> = new Map([
  ['dozens', 12], ['hundreds', 100], ['thousands', 1e3], ['millions', 1e6], ['billions', 1e9],
]);
/** The words a number, an ordinal or a quantity can start with ("US" as in "US$5"). */
const MAY_START_A_NUMBER: ReadonlySet<string> = new Set([...NUMBER_WORDS.keys(), ...ORDINAL_WORDS.keys(), ...APPROXIMATE.keys(), 'a', 'an', 'us']);
/** Written right after digits: "3k", "5mn"; "m" is a million only after a currency ("$5m"), else metres. */
const GLUED_SCALES: ReadonlyMap<string, number> = new Map([['k', 1e3], ['mn', 1e6]]);
const RELATIVE_DAYS = new Set(['yesterday', 'today', 'tonight', 'tomorrow']);
const RELATIVE_WORDS = new Set(['last', 'next', 'this', 'past', 'previous']);
const PERIODS = new Set(['week', 'month', 'year', 'weekend', 'decade', 'century', 'quarter', 'spring', 'summer', 'autumn', 'fall', 'winter']);
/** "three years ago": the units a span of time ago is counted in, to their one spelling. */
const AGO_UNITS: ReadonlyMap<string, string> = new Map(
  ['day', 'week', 'month', 'year', 'decade'].flatMap((unit) => [[unit, unit], [`${unit}s`, unit]] as const),
);
/** Between the parts of one quantity: nothing, spaces, or a hyphen ("twenty-five", "3.5-percent"). */
const JOINED = /^[\s-]*$/;
const BLANK = /^\s+$/;

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
  /** A month's number, for a capitalised month name, or an abbreviation with its full stop or before a number. */
  private isMonth(i: number): number | null {
    const t = this.tokens[i];
    // A month is capitalised: "may" and "march" are verbs.
    if (!t || !MONTHS.has(t.lower) || this.used[i] || !/^\p{Lu}/u.test(t.text)) return null;
    if (!MONTH_NAMED.has(t.lower)) {
      // "Jan." and "Jan 5" are January; "Jan Kowalski" is a name.
      if (!MONTH_ABBREVIATED.has(t.lower)) return null;
      const next = this.tokens[i + 1];
      if (this.text[t.end] !== '.' && !(next?.kind === 'number' && BLANK.test(this.gap(i, i + 1)))) return null;
    }
    return MONTHS.get(t.lower) ?? null;
  }
  private isWeekday(i: number): number | null {
    const t = this.tokens[i];
    if (!t) return null;
    // "Mondays": the weekday, as a habit.
    const weekday = WEEKDAYS.get(t.lower) ?? (t.lower.endsWith('days') ? WEEKDAYS.get(t.lower.slice(0, -1)) : undefined);
    return weekday !== undefined && !this.used[i] && /^\p{Lu}/u.test(t.text) ? weekday : null;
  }
  /** A number glued to the capitalised word before it ("COVID-19", "F-35", "A320") is part of a name. */
  private gluedToName(i: number): boolean {
    const before = this.tokens[i - 1];
    return this.tokens[i]!.kind === 'number' && before?.kind === 'word' && /^\p{Lu}/u.test(before.text) && /^-?$/.test(this.gap(i - 1, i));
  }
  /**
   * A number inside a Latin word ("report2025", "v2", "A320") is no number of its own; in
   * scripts written without spaces ("未来24小时") and after a hyphen ("mid-2019") it is.
   */
  private insideWord(i: number): boolean {
    const before = this.tokens[i - 1];
    return this.gluedToName(i) || (before?.kind === 'word' && before.end === this.tokens[i]!.start && /[A-Za-z]$/.test(before.text));
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

  /** 05/03/2024 and 5/3/24: day first, as most of the world writes it; when both parts could be the month, either way round. */
  slashedDates() {
    const t = this.tokens;
    for (let i = 0; i + 2 < t.length; i++) {
      if (t[i]!.kind !== 'number' || !this.free(i) || !/^[0-9]{1,2}$/.test(t[i]!.text) || !/^[0-9]{1,2}$/.test(t[i + 1]!.text) || !/^(?:[0-9]{2}|[0-9]{4})$/.test(t[i + 2]!.text)) continue;
      if (this.gap(i, i + 1) !== '/' || this.gap(i + 1, i + 2) !== '/' || this.text[t[i + 2]!.end] === '/') continue;
      let day = Number(t[i]!.text);
      let month = Number(t[i + 1]!.text);
      if (month > 12) [day, month] = [month, day]; // 12/25/2024
      if (month < 1 || month > 12 || day < 1 || day > 31) continue;
      const written = t[i + 2]!.text;
      const year = written.length === 4 ? Number(written) : 2000 + Number(written);
      const eitherOrder = day <= 12 && day !== month ? { eitherOrder: true as const } : {};
      this.facts.push({ kind: 'date', month, day, year, ...eitherOrder, ...this.claim(i, i + 2) });
    }
  }

  /** "yesterday", "last week", "this May", "three years ago", "a decade ago". */
  relativeDates() {
    const t = this.tokens;
    for (let i = 0; i < t.length; i++) {
      if (!this.free(i) || t[i]!.kind !== 'word') continue;
      const lower = t[i]!.lower;
      if (RELATIVE_DAYS.has(lower)) {
        this.facts.push({ kind: 'relative date', value: lower, ...this.claim(i, i) });
      } else if (RELATIVE_WORDS.has(lower) && this.free(i + 1) && BLANK.test(this.gap(i, i + 1))) {
        const next = t[i + 1]!;
        const period = PERIODS.has(next.lower) ? next.lower : this.isWeekday(i + 1) !== null || this.isMonth(i + 1) !== null ? next.text : null;
        if (period === null) continue;
        this.facts.push({ kind: 'relative date', value: `${lower} ${period}`, ...this.claim(i, i + 1) });
        i++;
      } else if (lower === 'ago' && i >= 2 && AGO_UNITS.has(t[i - 1]!.lower) && this.free(i - 1) && BLANK.test(this.gap(i - 1, i))) {
        const count = this.countBefore(i - 1);
        if (!count) continue;
        this.facts.push({ kind: 'relative date', value: `${count.value} ${AGO_UNITS.get(t[i - 1]!.lower)} ago`, ...this.claim(count.first, i) });
      }
    }
  }

  /** The count before the unit at `unit` in "three years ago": digits, number words, "a", "a few", "several". */
  private countBefore(unit: number): { first: number; value: string } | null {
    const t = this.tokens;
    let first = unit - 1;
    if (!this.free(first) || !BLANK.test(this.gap(first, unit))) return null;
    const word = t[first]!.lower;
    if (t[first]!.kind === 'number') {
      const value = digitsValue(t[first]!.text);
      return value === null ? null : { first, value: String(value) };
    }
    if (word === 'several') return { first, value: word };
    if (word === 'few' && t[first - 1]?.lower === 'a' && this.free(first - 1)) return { first: first - 1, value: 'a few' };
    if (word === 'a' || word === 'an') return { first, value: '1' };
    // Number words, read forward from the first of them: "twenty-five years ago".
    while (first > 0 && this.free(first - 1) && (NUMBER_WORDS.has(t[first - 1]!.lower) || SCALE_WORDS.has(t[first - 1]!.lower)) && JOINED.test(this.gap(first - 1, first))) first--;
    const number = this.readNumberWords(first);
    return number && number.last === unit - 1 ? { first, value: String(number.value) } : null;
  }

  /** "August 5, 2023", "Aug. 5", "5th of August 2023", "August 2023", "in August", "Tuesday, March 5". */
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
        if (this.tokens[before]?.lower === 'of' && BLANK.test(this.gap(before, i))) before--;
        let dayIndex = before;
        if (before >= 1 && ORDINAL_SUFFIXES.has(this.tokens[before]!.lower) && this.tokens[before]!.start === this.tokens[before - 1]!.end) dayIndex = before - 1;
        if (this.isDay(dayIndex) && BLANK.test(this.gap(before, before + 1))) {
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
        // "May" alone is a date only after a preposition: "in May", not "May I add" or Theresa May.
        const previous = this.tokens[i - 1];
        if (!previous || !WORDS_BEFORE_A_MONTH.has(previous.lower) || !BLANK.test(this.gap(i - 1, i))) continue;
      }
      // "Tuesday, March 5": the weekday belongs to the date.
      const weekday = this.isWeekday(first - 1);
      const named = weekday !== null && /^,?\s+$/.test(this.gap(first - 1, first)) ? { weekday } : {};
      if (weekday !== null && 'weekday' in named) first -= 1;
      // "Aug." keeps its period when it is the last word of the date.
      const monthToken = this.tokens[i]!;
      const end = last === i && MONTH_ABBREVIATED.has(monthToken.lower) && this.text[monthToken.end] === '.' ? monthToken.end + 1 : this.tokens[last]!.end;
      this.facts.push({ kind: 'date', month, day, year, ...named, ...this.claim(first, last, end) });
    }
  }

  /** "on Tuesday", "Mondays". */
  weekdays() {
    for (let i = 0; i < this.tokens.length; i++) {
      const weekday = this.isWeekday(i);
      if (weekday !== null) this.facts.push({ kind: 'date', month: null, day: null, year: null, weekday, ...this.claim(i, i) });
    }
  }

  /** "in 2019", "the 1990s"; not "2000 people", "2019%" or "$2000". */
  years() {
    const t = this.tokens;
    for (let i = 0; i < t.length; i++) {
      if (t[i]!.kind !== 'number' || !this.free(i) || !/^(?:19|20)[0-9]{2}$/.test(t[i]!.text) || this.insideWord(i)) continue;
      const before = t[i - 1];
      if (before && CURRENCY_SIGNS.has(before.text) && /^\s?$/.test(this.gap(i - 1, i))) continue;
      const next = t[i + 1];
      const gap = next ? this.gap(i, i + 1) : ' ';
      const decade = next?.lower === 's' && /^['’]?$/.test(gap) && t[i]!.text.endsWith('0');
      if (next && !decade) {
        if (gap === '' || gap === '.' || gap === ',') {
          if (next.kind !== 'symbol' || next.text === '%') continue; // 2019th, 2019%, 2019.5 read apart
        } else if (JOINED.test(gap) && (UNIT_WORDS.has(next.lower) || SCALE_WORDS.has(next.lower) || COUNT_NOUNS.has(next.lower) || (next.lower === 'per' && t[i + 2]?.lower === 'cent'))) {
          continue;
        }
      }
      const year = Number(t[i]!.text);
      this.facts.push({ kind: 'date', month: null, day: null, year, ...(decade ? { decade: true as const } : {}), ...this.claim(i, decade ? i + 1 : i) });
    }
  }

  numbersAndOrdinals() {
    for (let i = 0; i < this.tokens.length; i++) {
      const token = this.tokens[i]!;
      if (!this.free(i) || (token.kind === 'number' ? this.insideWord(i) : token.kind === 'word' && !MAY_START_A_NUMBER.has(token.lower))) continue;
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

  /** "$4.2 billion", "4.2 billion dollars", "3.5%", "3.5 per cent", "40 miles", "40°C", "nine", "two hundred and fifty", "thousands". */
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
    const approximate = APPROXIMATE.get(tokens[at]!.lower);
    const number = approximate !== undefined ? { value: approximate, last: at, unit: '' } : this.readNumber(at, unit !== '');
    if (!number) return;
    unit ||= number.unit;
    let last = number.last;
    // Unit after the number.
    const next = tokens[last + 1];
    const gap = next ? this.gap(last, last + 1) : '';
    if (next && !this.used[last + 1] && JOINED.test(gap)) {
      const afterNext = tokens[last + 2];
      if (next.lower === 'per' && afterNext?.lower === 'cent' && BLANK.test(this.gap(last + 1, last + 2))) {
        unit = '%';
        last += 2;
      } else if (next.lower === 'percentage' && (afterNext?.lower === 'point' || afterNext?.lower === 'points')) {
        unit = 'percentage points';
        last += 2;
      } else if (unit === '' && UNIT_WORDS.has(next.lower)) {
        unit = UNIT_WORDS.get(next.lower)!;
        last += 1;
      } else if (next.lower === 's' && gap === '') {
        last += 1; // "the 80s": the decade is the number 80
      }
    } else if (next && unit === '' && /^\s?°$/.test(gap) && (next.text === 'C' || next.text === 'F')) {
      unit = `°${next.text}`;
      last += 1;
    }
    const fact: NumberFact = { kind: 'number', value: number.value, unit, ...this.claim(first, last) };
    if (approximate !== undefined) fact.approximate = true;
    this.facts.push(fact);
  }

  /**
   * One number starting at token i, in digits ("4.2", "1,000") with an optional scale ("4.2
   * billion", "4.2bn", "3k"), or in words ("nine", "twenty-five", "two hundred and fifty
   * thousand", "a million"). `money` reads "$5m" as a million; "5m" without money is metres.
   */
  private readNumber(i: number, money: boolean): { value: number; last: number; unit: Unit } | null {
    const tokens = this.tokens;
    const t = tokens[i]!;
    if (t.kind === 'number') {
      let value = digitsValue(t.text);
      if (value === null) return null;
      let last = i;
      let unit: Unit = '';
      const next = tokens[i + 1];
      if (next && !this.used[i + 1] && JOINED.test(this.gap(i, i + 1))) {
        const glued = next.start === t.end;
        const scale = SCALE_WORDS.get(next.lower) ?? (glued ? (GLUED_SCALES.get(next.lower) ?? (next.lower === 'm' ? (money ? 1e6 : undefined) : undefined)) : undefined);
        if (scale !== undefined) {
          value *= scale;
          last = i + 1;
        } else if (glued && next.lower === 'm') {
          unit = 'm';
          last = i + 1;
        }
      }
      return { value: round(value), last, unit };
    }
    const words = this.readNumberWords(i);
    return words && { ...words, unit: '' };
  }

  private readNumberWords(i: number): { value: number; last: number } | null {
    const tokens = this.tokens;
    let total = 0;
    let current = 0;
    let last = -1;
    // What the previous word was, to tell "twenty-five" (one number) from "two three" (two).
    let previous: 'start' | 'unit' | 'teen' | 'tens' | 'scale' = 'start';
    let j = i;
    // "a million", "a hundred", "a dozen": the article is the number one.
    const after = tokens[j + 1]?.lower ?? '';
    if ((tokens[j]!.lower === 'a' || tokens[j]!.lower === 'an') && ((SCALE_WORDS.has(after) && after !== 'bn' && after !== 'tn') || after === 'dozen')) {
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
      if (t.lower === 'hundred' || t.lower === 'dozen') {
        if (previous === 'start' && current === 0 && last < 0) break; // a bare "hundred" is a noun ("hundreds")
        current = (current || 1) * (t.lower === 'dozen' ? 12 : 100);
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
    // "one" alone counts only before a unit ("one year", "one dollar"): "one of them", "no one",
    // "one union", "One man asked" use it as a pronoun or an article, not as a count.
    if (last === i && tokens[i]!.lower === 'one') {
      const next = tokens[i + 1];
      if (!next || !UNIT_WORDS.has(next.lower) || !JOINED.test(this.gap(i, i + 1))) return null;
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
    this.peopleAndOrganisations();
    const tokens = this.tokens;
    // Where sentences start is read only when a single word needs it: most names are longer.
    let sentenceStarts: Set<number> | undefined;
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
        // "COVID-19", "A320": the number glued to a capitalised word is part of the name.
        if (this.free(last + 1) && tokens[last]!.kind === 'word' && this.gluedToName(last + 1)) {
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
      // "A320": a word with a number glued to it is a name whatever the word.
      const glued = (j: number) => j < runEnd && tokens[j + 1]!.kind === 'number';
      while (first <= last && isTitleOrCommonWord(tokens[first]!.text) && !glued(first)) first++;
      while (last >= first && (NAME_CONNECTORS.has(tokens[last]!.lower) || isTitleOrCommonWord(tokens[last]!.text))) last--;
      const opensSentence = (): boolean => {
        // After a word and only blanks or commas, no sentence or quotation can open.
        if (first > 0 && tokens[first - 1]!.kind !== 'symbol' && /^[ ,;]+$/.test(this.gap(first - 1, first))) return false;
        sentenceStarts ??= this.sentenceInitialTokens();
        return sentenceStarts.has(first) && !this.namedAtStart(first, sentenceStarts);
      };
      if (first <= last && !(first === last && opensSentence())) {
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
   * People and organisations (names.ts): the name without its title or "The", marked as the hints
   * mark it. Skipped where a word is already another fact ("Two Sigma Group").
   */
  private peopleAndOrganisations() {
    const dates: Array<[number, number]> = [];
    for (const fact of this.facts) if (fact.kind === 'date' || fact.kind === 'relative date') dates.push([fact.start, fact.end]);
    const tokens = this.tokens;
    let i = 0;
    for (const name of peopleAndOrganisations(this.text, dates)) {
      while (i < tokens.length && tokens[i]!.end <= name.start) i++;
      let last = i;
      while (last + 1 < tokens.length && tokens[last + 1]!.start < name.end) last++;
      if (i >= tokens.length || tokens[i]!.start >= name.end || this.used.slice(i, last + 1).some(Boolean)) continue;
      let first = i;
      while (first < last && isTitleOrCommonWord(tokens[first]!.text) && !this.gluedToName(first + 1)) first++;
      const words = tokens
        .slice(first, last + 1)
        .filter((t) => t.kind !== 'symbol' && !NAME_CONNECTORS.has(t.lower) && t.lower !== 'and' && t.lower !== 'for' && t.lower !== 'the')
        .map((t) => comparableWord(t.text));
      this.claim(i, last);
      const start = tokens[first]!.start;
      this.facts.push({ kind: 'name', words, text: this.text.slice(start, name.end), start, end: name.end, who: name });
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
  if (isTitle(lower)) return true;
  return !/^\p{Lu}[\p{Lu}.]+$/u.test(word) && CAPITALISED_COMMON_WORDS.has(lower);
}

/** 4.2 × 1e9 is 4200000000.000001 in floating point; facts compare after rounding. */
function round(value: number): number {
  return Number.isSafeInteger(value) ? value : Number(value.toPrecision(12));
}
