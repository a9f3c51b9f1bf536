import { describe, expect, it } from 'vitest';
import { findFacts, type Fact } from './index';

/** The facts of a text without their offsets, which `offsets` checks once for all. */
const facts = (text: string) => findFacts(text).map(({ start: _start, end: _end, ...fact }) => fact);
const only = (text: string): Fact => {
  const found = findFacts(text);
  expect(found, text).toHaveLength(1);
  return found[0]!;
};
const valueOf = (text: string) => {
  const fact = only(text);
  return fact.kind === 'number' ? [fact.value, fact.unit] : fact;
};
const dateOf = (text: string) => {
  const fact = only(text);
  if (fact.kind !== 'date') throw new Error(`${text}: a ${fact.kind}, not a date`);
  return { year: fact.year, month: fact.month, day: fact.day };
};

describe('findFacts: one value however it is written', () => {
  it('gives a date the same value in any order and spelling', () => {
    const fifthOfMay = { year: 2024, month: 5, day: 5 };
    for (const written of ['5 May 2024', 'May 5, 2024', '5th of May 2024', '2024-05-05', 'May 5th, 2024']) {
      expect(dateOf(`It happened on ${written}.`), written).toEqual(fifthOfMay);
    }
    expect(dateOf('It happened on Aug. 5.')).toEqual({ year: null, month: 8, day: 5 });
    expect(dateOf('It happened on Sept. 12, 2023.')).toEqual({ year: 2023, month: 9, day: 12 });
  });

  it('reads "1.5 million", "1,500,000" and "$1.5m" as one value', () => {
    expect(valueOf('They counted 1.5 million.')).toEqual([1.5e6, '']);
    expect(valueOf('They counted 1,500,000.')).toEqual([1.5e6, '']);
    expect(valueOf('They counted 1.5 million dollars.')).toEqual([1.5e6, 'USD']);
    expect(valueOf('They counted $1.5m.')).toEqual([1.5e6, 'USD']);
    expect(valueOf('They counted two hundred and fifty thousand.')).toEqual([250_000, '']);
    expect(valueOf('They counted 3k.')).toEqual([3000, '']);
  });

  it('reads percentages and percentage points apart', () => {
    for (const written of ['3.5%', '3.5 %', '3.5 percent', '3.5 per cent', '3.5-percent']) {
      expect(valueOf(`Prices rose ${written} here.`), written).toEqual([3.5, '%']);
    }
    expect(valueOf('Prices rose 3.5 percentage points here.')).toEqual([3.5, 'percentage points']);
  });

  it('keeps a measure with its unit, in one spelling', () => {
    expect(valueOf('The river is 40 miles long.')).toEqual([40, 'mile']);
    expect(valueOf('The road is 12km long.')).toEqual([12, 'km']);
    expect(valueOf('The road is 12 kilometres long.')).toEqual([12, 'km']);
    expect(valueOf('It reached 40°C.')).toEqual([40, '°C']);
    expect(valueOf('He was jailed for five years.')).toEqual([5, 'year']);
    expect(valueOf('It weighs 3 million tonnes.')).toEqual([3e6, 'tonne']);
  });

  it('tells "thousands" (a size) from "1,000" (a count)', () => {
    expect(only('Thousands of people marched.')).toMatchObject({ kind: 'number', value: 1000, approximate: true });
    expect(only('A thousand people marched.')).not.toHaveProperty('approximate');
  });
});

describe('findFacts: what is a date, a number or a name', () => {
  it('tells May the month from May the name and the verb', () => {
    expect(dateOf('The vote was in May.')).toEqual({ year: null, month: 5, day: null });
    expect(facts('Theresa May resigned in May 2019.')).toEqual([
      { kind: 'name', words: ['theresa', 'may'], text: 'Theresa May' },
      { kind: 'date', year: 2019, month: 5, day: null, text: 'May 2019' },
    ]);
    expect(facts('May I say something?')).toEqual([]);
    expect(facts('Critics of Theresa May said so.')).toEqual([
      { kind: 'name', words: ['theresa', 'may'], text: 'Theresa May', who: { is: 'person', start: 11, end: 22 } },
    ]);
    expect(facts('It may rain this may.')).toEqual([]);
  });

  it('reads an abbreviation as a month only with its full stop or a day', () => {
    expect(dateOf('It opened in Jan. with fanfare.')).toEqual({ year: null, month: 1, day: null });
    expect(dateOf('It opened on Jan 5 with fanfare.')).toEqual({ year: null, month: 1, day: 5 });
    expect(facts('Inspector Jan Kowalski led it.')).toEqual([
      { kind: 'name', words: ['jan', 'kowalski'], text: 'Jan Kowalski', who: { is: 'person', start: 0, end: 22 } },
    ]);
  });

  it('reads a year alone as a date, and a year-like count as a number', () => {
    expect(dateOf('The law passed in 2019.')).toEqual({ year: 2019, month: null, day: null });
    expect(only('It began in the 1990s.')).toMatchObject({ kind: 'date', year: 1990, decade: true, text: '1990s' });
    expect(only('Police said 2000 people came.')).toMatchObject({ kind: 'number', value: 2000, unit: '' });
    expect(only('It cost $2019.')).toMatchObject({ kind: 'number', value: 2019, unit: 'USD' });
    expect(only('The budget is 2020 million.')).toMatchObject({ kind: 'number', value: 2.02e9 });
  });

  it('gives a weekday with its date, and a slashed date either way round when both could be the month', () => {
    expect(only('The vote is on Tuesday, March 5.')).toMatchObject({ kind: 'date', weekday: 2, month: 3, day: 5, text: 'Tuesday, March 5' });
    expect(only('The vote is on Friday.')).toMatchObject({ kind: 'date', weekday: 5, month: null });
    expect(only('Filed on 05/03/2024.')).toMatchObject({ kind: 'date', day: 5, month: 3, year: 2024, eitherOrder: true });
    expect(only('Filed on 25/12/2024.')).toMatchObject({ kind: 'date', day: 25, month: 12, year: 2024 });
    expect(only('Filed on 25/12/2024.')).not.toHaveProperty('eitherOrder');
  });

  it('reads relative dates as one fact, their count included', () => {
    expect(only('It closed three years ago.')).toMatchObject({ kind: 'relative date', value: '3 year ago', text: 'three years ago' });
    expect(only('It closed 3 years ago.')).toMatchObject({ value: '3 year ago' });
    expect(only('It closed a decade ago.')).toMatchObject({ value: '1 decade ago' });
    expect(only('It closed last May.')).toMatchObject({ kind: 'relative date', value: 'last May' });
    expect(facts('Yesterday, last week and next Monday.').map((fact) => fact.kind)).toEqual(['relative date', 'relative date', 'relative date']);
  });

  it('keeps a number glued to a name in the name, and a number written apart as a number', () => {
    expect(facts('COVID-19 cases fell.')).toEqual([{ kind: 'name', words: ['covid', '19'], text: 'COVID-19' }]);
    expect(facts('The A320 landed.')).toEqual([{ kind: 'name', words: ['a', '320'], text: 'A320', who: { is: 'organisation', start: 0, end: 8 } }]);
    expect(facts('See report2025 and v2.')).toEqual([]);
    expect(facts('未来24小时降雨量将超过200毫米').map((fact) => fact.text)).toEqual(['24', '200']);
    expect(facts('The Apollo 11 crew landed in 1969.').map((fact) => `${fact.kind}:${fact.text}`)).toEqual(['name:Apollo', 'number:11', 'date:1969']);
  });

  it('counts "one" alone only before a unit, not as a pronoun or an article', () => {
    expect(facts('One of them said no one else came, and one union agreed.')).toEqual([]);
    expect(only('It took one year.')).toMatchObject({ kind: 'number', value: 1, unit: 'year', text: 'one year' });
    expect(only('It took one million.')).toMatchObject({ kind: 'number', value: 1e6 });
  });

  it('leaves titles and common words out of a name', () => {
    expect(only('It was signed by Prime Minister Benjamin Netanyahu.')).toMatchObject({ kind: 'name', words: ['benjamin', 'netanyahu'] });
    expect(only('It was built by General Motors.')).toMatchObject({ kind: 'name', words: ['general', 'motors'] });
    expect(only('Dr. Lee agreed.')).toMatchObject({ kind: 'name', words: ['lee'], text: 'Lee' });
  });
});

describe('findFacts: people and organisations', () => {
  /** The span the hints mark, and the words the name is compared by. */
  const who = (text: string) =>
    findFacts(text).flatMap((fact) => (fact.kind === 'name' && fact.who ? [[fact.who.is, text.slice(fact.who.start, fact.who.end), fact.words.join(' ')]] : []));

  it('marks a person with the title and compares the name without it', () => {
    expect(who('Dr. Lee said so.')).toEqual([['person', 'Dr. Lee', 'lee']]);
    expect(who('Prime Minister Keir Starmer visited.')).toEqual([['person', 'Prime Minister Keir Starmer', 'keir starmer']]);
    expect(who("Mayor Karen Bass's office agreed.")).toEqual([['person', 'Mayor Karen Bass', 'karen bass']]);
  });

  it('keeps an organisation whole, small words inside, and compares it without "The"', () => {
    expect(who('The Centers for Disease Control and Prevention reported it.')).toEqual([
      ['organisation', 'The Centers for Disease Control and Prevention', 'centers disease control prevention'],
    ]);
    expect(who('She told The Guardian.')).toEqual([['organisation', 'The Guardian', 'guardian']]);
    expect(who('Ford Motor Co. and General Motors Co. merged.')).toEqual([
      ['organisation', 'Ford Motor Co.', 'ford motor co'],
      ['organisation', 'General Motors Co.', 'general motors co'],
    ]);
  });

  it('leaves places and single words unclassified, but still names', () => {
    expect(findFacts('They met in New York with Levy.').map((fact) => (fact.kind === 'name' ? [fact.text, fact.who] : null))).toEqual([
      ['New York', undefined],
      ['Levy', undefined],
    ]);
  });

  it('reads a dateline in capitals as one place, not as acronyms', () => {
    expect(findFacts('NEW YORK (AP) — The NHS said crime fell.').map((fact) => (fact.kind === 'name' ? [fact.text, fact.who?.is] : null))).toEqual([
      ['NEW YORK', undefined],
      ['AP', 'organisation'],
      ['NHS', 'organisation'],
    ]);
  });
});

describe('findFacts: spans', () => {
  it('gives each fact once, as a span of the text, in reading order', () => {
    const cases: Array<[string, string[]]> = [
      [
        'On Aug. 5, 2023 Hit & Run paid $4.2 billion, 3.5% more than the first offer, three years ago.',
        ['Aug. 5, 2023', 'Hit & Run', '$4.2 billion', '3.5%', 'first', 'three years ago'],
      ],
      [
        'Sen. Elizabeth Warren told reporters on Tuesday, March 5 that 05/03/2024 and the 1990s were 40°C.',
        ['Elizabeth Warren', 'Tuesday, March 5', '05/03/2024', '1990s', '40°C'],
      ],
      [
        'COVID-19 cost 12km, £1.2bn, US$5, thousands, two dozen and 5th place in Tel Aviv yesterday.',
        ['COVID-19', '12km', '£1.2bn', 'US$5', 'thousands', 'two dozen', '5th', 'Tel Aviv', 'yesterday'],
      ],
    ];
    for (const [text, expected] of cases) {
      const found = findFacts(text);
      expect(found.map((fact) => fact.text)).toEqual(expected);
      let previousEnd = 0;
      for (const fact of found) {
        expect(fact.text).toBe(text.slice(fact.start, fact.end));
        expect(fact.start).toBeGreaterThanOrEqual(previousEnd);
        previousEnd = fact.end;
      }
    }
  });
});
