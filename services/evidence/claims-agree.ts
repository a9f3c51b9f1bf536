/**
 * Does a statement say more than its quotes? `unsupported` lists the numbers, quantities,
 * dates, ordinals and proper names in the statement that none of the supporting quotes
 * mentions, so the editor can see at a glance what still needs a source.
 *
 * Facts are compared by value, not spelling ("nine" = "9", "3.5%" = "3.5 per cent",
 * "$4.2 billion" = "4.2 billion dollars", "first" = "1st", "Aug. 5" = "5 August").
 * It is a reading aid, not a judge: it says nothing about whether the quotes support the
 * statement's meaning, only which of its specifics they never mention. Relative dates
 * ("yesterday", "last year") are left out: in a source written on another day they name
 * another day, so neither saying them nor not saying them is evidence.
 */
import { comparableWord, findFacts, tokenize, type DateFact, type Fact, type NumberFact, type RelativeDateFact } from '../facts';

/** The facts in `statement` that appear in none of `quotes`, as written in the statement, in order, without repeats. */
export function unsupported(statement: string, quotes: string[]): string[] {
  const evidence = collectEvidence(quotes);
  const missing: string[] = [];
  for (const fact of findFacts(statement)) {
    if (fact.kind !== 'relative date' && !isSupported(fact, evidence) && !missing.includes(fact.text)) missing.push(fact.text);
  }
  return missing;
}

interface Evidence {
  numbers: Array<Pick<NumberFact, 'value' | 'unit' | 'approximate'>>;
  ordinals: Set<number>;
  dates: DateFact[];
  /** Every word of every quote, as names are compared. */
  words: Set<string>;
}

function collectEvidence(quotes: string[]): Evidence {
  const evidence: Evidence = { numbers: [], ordinals: new Set(), dates: [], words: new Set() };
  for (const quote of quotes) {
    for (const fact of findFacts(quote)) {
      if (fact.kind === 'number') evidence.numbers.push(fact);
      else if (fact.kind === 'ordinal') evidence.ordinals.add(fact.value);
      else if (fact.kind === 'date') {
        evidence.dates.push(fact);
        // The day and year of a quoted date also count as plain numbers: "in 2019" is
        // supported by "in August 2019".
        if (fact.year !== null) evidence.numbers.push({ value: fact.year, unit: '' });
        if (fact.day !== null) evidence.numbers.push({ value: fact.day, unit: '' });
      }
    }
    // Names are looked up word by word in the whole quote, whatever its capitals: a quote
    // may open with the name, or print it in capitals.
    for (const token of tokenize(quote)) evidence.words.add(comparableWord(token.text));
  }
  return evidence;
}

function isSupported(fact: Exclude<Fact, RelativeDateFact>, evidence: Evidence): boolean {
  switch (fact.kind) {
    case 'number':
      // A bare number ("9 episodes") is supported by the same value with any unit; a number
      // with a unit ("3.5%", "$9", "40 miles") needs that unit, since "9%" and "$9" are
      // different claims. "thousands" is supported only by "thousands".
      return evidence.numbers.some(
        (n) => sameValue(n.value, fact.value) && (fact.unit === '' || n.unit === fact.unit) && !n.approximate === !fact.approximate,
      );
    case 'ordinal':
      return evidence.ordinals.has(fact.value);
    case 'date':
      // A year or a decade alone is supported by the same number anywhere in the quotes ("in
      // 2019" by "in August 2019"; "the 1990s" by "since 1990").
      if (fact.month === null && fact.weekday === undefined) return fact.year === null || hasNumber(evidence, fact.year);
      return evidence.dates.some(
        (d) =>
          (sameDay(fact, d) || ((fact.eitherOrder || d.eitherOrder) && sameDay(fact, { ...d, month: d.day, day: d.month }))) &&
          sameYear(fact, d, evidence),
      );
    case 'name':
      // Every word of the name, in any quote: "John Smith" is not supported by "Smith" alone.
      return fact.words.every((word) => evidence.words.has(word));
  }
}

/** Each part the statement's date gives (month, day, weekday) is the quoted date's too. */
function sameDay(fact: DateFact, d: Pick<DateFact, 'month' | 'day' | 'weekday'>): boolean {
  return (
    (fact.month === null || d.month === fact.month) &&
    (fact.day === null || d.day === fact.day) &&
    (fact.weekday === undefined || d.weekday === fact.weekday)
  );
}

/** A quote often leaves out the year of a date it gives ("on Aug. 5"); the year then has to appear somewhere else in the quotes. */
function sameYear(fact: DateFact, d: DateFact, evidence: Evidence): boolean {
  return fact.year === null || d.year === fact.year || (d.year === null && hasNumber(evidence, fact.year));
}

function hasNumber(evidence: Evidence, value: number): boolean {
  return evidence.numbers.some((n) => n.value === value);
}

function sameValue(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}
