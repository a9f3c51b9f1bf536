import { describe, expect, it } from 'vitest';
import { unsupported } from './claims-agree';
import { findFacts } from '../facts';

describe('unsupported: numbers', () => {
  it('treats digits and number words as equal', () => {
    expect(unsupported('The series ran nine episodes.', ['We shot 9 episodes in all.'])).toEqual([]);
    expect(unsupported('The series ran 9 episodes.', ['We shot nine episodes in all.'])).toEqual([]);
    expect(unsupported('The series ran nine episodes.', ['We shot ten episodes in all.'])).toEqual(['nine']);
    expect(unsupported('The series ran nine episodes.', [])).toEqual(['nine']);
  });

  it('reads compound number words', () => {
    expect(unsupported('About twenty-five people and two hundred and fifty thousand visitors came.', ['25 people', '250,000 visitors'])).toEqual([]);
    expect(unsupported('A million people signed.', ['1,000,000 signatures'])).toEqual([]);
    expect(unsupported('Thirty-one people signed.', ['31 signatures', 'thirty people'])).toEqual([]);
    expect(unsupported('Thirty-one people signed.', ['thirty people', 'one more'])).toEqual(['Thirty-one']);
  });

  it('treats "3.5%", "3.5 percent" and "3.5 per cent" as equal', () => {
    for (const quote of ['rose 3.5%', 'rose 3.5 percent', 'rose 3.5 per cent', 'a 3.5-percent rise']) {
      expect(unsupported('Prices rose 3.5%.', [quote]), quote).toEqual([]);
      expect(unsupported('Prices rose 3.5 per cent.', [quote]), quote).toEqual([]);
    }
    expect(unsupported('Prices rose 3.5%.', ['rose 4.5 percent'])).toEqual(['3.5%']);
    // A percentage is not supported by the same number of something else.
    expect(unsupported('Prices rose 3.5%.', ['a 3.5-point rise'])).toEqual(['3.5%']);
    expect(unsupported('Prices rose 3.5 percentage points.', ['rose 3.5%'])).toEqual(['3.5 percentage points']);
  });

  it('treats "$4.2 billion" and "4.2 billion dollars" as equal, across scales', () => {
    expect(unsupported('The deal is worth $4.2 billion.', ['a deal of 4.2 billion dollars'])).toEqual([]);
    expect(unsupported('The deal is worth $4.2 billion.', ['US$4,200 million'])).toEqual([]);
    expect(unsupported('The deal is worth $4.2bn.', ['$4.2 billion'])).toEqual([]);
    expect(unsupported('The deal is worth $5m.', ['five million dollars'])).toEqual([]);
    expect(unsupported('The deal is worth $4.2 billion.', ['4.2 billion euros'])).toEqual(['$4.2 billion']);
    expect(unsupported('The deal is worth €4.2 billion.', ['4.2 billion euros'])).toEqual([]);
    expect(unsupported('It costs ₪300.', ['300 shekels'])).toEqual([]);
    // A bare number is supported by the same value with a unit.
    expect(unsupported('They paid 300.', ['₪300'])).toEqual([]);
  });

  it('does not count "one of" or "no one" as a number', () => {
    expect(unsupported('One of the officials said no one was hurt, and one another.', ['nobody was hurt'])).toEqual([]);
  });
});

describe('unsupported: dates and ordinals', () => {
  it('treats ordinal words and digits as equal', () => {
    expect(unsupported('It was the first time.', ['for the 1st time'])).toEqual([]);
    expect(unsupported('It was the 21st case.', ['the twenty-first case'])).toEqual([]);
    expect(unsupported('It was the first time.', ['for the second time'])).toEqual(['first']);
  });

  it('treats month names and abbreviations as equal, in any date order', () => {
    expect(unsupported('The vote was in August.', ['in Aug. the council voted'])).toEqual([]);
    expect(unsupported('The vote was on August 5, 2023.', ['on 5 August 2023'])).toEqual([]);
    expect(unsupported('The vote was on Aug. 5.', ['on the 5th of August'])).toEqual([]);
    expect(unsupported('The vote was on 2023-08-05.', ['August 5, 2023'])).toEqual([]);
    expect(unsupported('The vote was on August 5, 2023.', ['on August 5', 'in 2023'])).toEqual([]);
    expect(unsupported('The vote was on August 5, 2023.', ['on August 6, 2023'])).toEqual(['August 5, 2023']);
    expect(unsupported('The vote was on August 5, 2023.', ['on August 5'])).toEqual(['August 5, 2023']);
    expect(unsupported('The vote was in August.', ['in September'])).toEqual(['August']);
  });

  it('finds years, alone or inside a quoted date', () => {
    expect(unsupported('The law passed in 2019.', ['in August 2019'])).toEqual([]);
    expect(unsupported('The law passed in 2019.', ['in 2018'])).toEqual(['2019']);
    expect(unsupported('It began in the 1990s.', ['since 1990'])).toEqual([]);
  });

  it('tells the month May from the verb', () => {
    expect(unsupported('May I say the vote was in May.', ['it was in June'])).toEqual(['May']);
    expect(findFacts('May I say something?')).toEqual([]);
  });
});

describe('unsupported: names', () => {
  it('lists proper names that no quote mentions, keeping multi-word names together', () => {
    expect(unsupported('The festival in Tel Aviv was organised by Hit & Run and Bank of England staff.', ['Tel Aviv was lovely'])).toEqual([
      'Hit & Run',
      'Bank of England',
    ]);
    expect(unsupported('The festival in Tel Aviv was organised by Hit & Run.', ['in Tel-Aviv, by hit and run'])).toEqual([]);
  });

  it('skips a capitalised word that only opens the sentence, and common capitalised words', () => {
    expect(unsupported('Officials said the plan failed.', [])).toEqual([]);
    expect(unsupported('Yesterday the minister resigned.', [])).toEqual([]);
    expect(unsupported('Reuters reported that Smith resigned.', [])).toEqual(['Smith']);
    // Two capitalised words at the start of a sentence are a name.
    expect(unsupported('Tel Aviv voted on Tuesday.', [])).toEqual(['Tel Aviv', 'Tuesday']);
  });

  it('leaves titles out of names, and compares words whatever their case', () => {
    expect(unsupported('The deal was signed by Prime Minister Benjamin Netanyahu.', ['NETANYAHU and Benjamin'])).toEqual([]);
    expect(unsupported('The deal was signed by Prime Minister Benjamin Netanyahu.', ['Netanyahu signed'])).toEqual(['Benjamin Netanyahu']);
    expect(unsupported('He met the U.S. envoy and the UN chief.', ['the US envoy', 'un'])).toEqual([]);
    expect(unsupported('He met the U.S. envoy and the UN chief.', [])).toEqual(['U.S.', 'UN']);
  });

  it('lists an organisation whole, as the hints mark it, without its "The"', () => {
    const statement = 'The Centers for Disease Control and Prevention reported 300 cases.';
    expect(unsupported(statement, ['Disease Control reported 300 cases'])).toEqual(['Centers for Disease Control and Prevention']);
    expect(unsupported(statement, ['the centers for disease control and prevention counted 300'])).toEqual([]);
  });

  it('reads possessives and names inside a quotation', () => {
    expect(unsupported('The report cited Cohen’s letter.', ['Cohen wrote'])).toEqual([]);
    expect(unsupported('She said: "Nobody called Levy."', [])).toEqual(['Levy']);
  });

  it('lists every kind together, in order, without repeats', () => {
    expect(
      unsupported('Smith said nine people died in Haifa on August 5 and nine more in Haifa the next day, the first such attack since 2019.', [
        'Nine people died in the north',
      ]),
      // "Smith" opens the sentence, but a speech verb follows it: a name like any other.
    ).toEqual(['Smith', 'Haifa', 'August 5', 'first', '2019']);
  });
});

describe('findFacts', () => {
  it('describes each fact by value', () => {
    expect(findFacts('On Aug. 5, 2023 Hit & Run paid $4.2 billion, 3.5% more than the first offer.')).toEqual([
      { kind: 'date', month: 8, day: 5, year: 2023, text: 'Aug. 5, 2023', start: 3, end: 15 },
      { kind: 'name', words: ['hit', 'run'], text: 'Hit & Run', start: 16, end: 25 },
      { kind: 'number', value: 4.2e9, unit: 'USD', text: '$4.2 billion', start: 31, end: 43 },
      { kind: 'number', value: 3.5, unit: '%', text: '3.5%', start: 45, end: 49 },
      { kind: 'ordinal', value: 1, text: 'first', start: 64, end: 69 },
    ]);
  });

  it('finds numbers in digits in any script', () => {
    expect(unsupported('הממשלה אישרה 4.2 מיליארד ₪ ב-2023', ['התקציב של 4.2 מיליארד', 'בשנת 2023'])).toEqual([]);
    expect(unsupported('הממשלה אישרה 4.2 מיליארד ₪ ב-2023', ['בשנת 2022'])).toEqual(['4.2', '2023']);
  });
});

describe('unsupported: the extractor’s units, dates and sizes', () => {
  it('needs the same unit for a measure', () => {
    expect(unsupported('The river is 40 miles long.', ['a 40-mile river'])).toEqual([]);
    expect(unsupported('The river is 40 miles long.', ['a river 40 km long'])).toEqual(['40 miles']);
    expect(unsupported('It reached 40°C.', ['40 degrees'])).toEqual(['40°C']);
  });

  it('reads a slashed date either way round only when both parts could be the month', () => {
    expect(unsupported('Filed on 05/03/2024.', ['filed on 5 March 2024'])).toEqual([]);
    expect(unsupported('Filed on 05/03/2024.', ['filed on May 3, 2024'])).toEqual([]);
    expect(unsupported('Filed on 05/03/2024.', ['filed on 6 March 2024'])).toEqual(['05/03/2024']);
    expect(unsupported('Filed on 25/12/2024.', ['filed on 12 December 2024'])).toEqual(['25/12/2024']);
  });

  it('compares weekdays as dates, and leaves relative dates out', () => {
    expect(unsupported('They met on Tuesday.', ['the meeting on Tuesday, March 5'])).toEqual([]);
    expect(unsupported('They met on Tuesday.', ['the meeting on Wednesday'])).toEqual(['Tuesday']);
    expect(unsupported('They met three years ago, and again last week.', ['they met in 2021'])).toEqual([]);
  });

  it('does not take "thousands" for "1,000"', () => {
    expect(unsupported('Thousands marched.', ['thousands of people marched'])).toEqual([]);
    expect(unsupported('Thousands marched.', ['1,000 people marched'])).toEqual(['Thousands']);
  });
});
