import { describe, expect, it } from 'vitest';
import { claimHints, claimScore, type Hint } from './index';

/** Hints as "kind:text", in order of position. */
const marks = (statement: string) => claimHints(statement).map((hint) => `${hint.kind}:${hint.text}`);

function expectInvariants(statement: string, hints: Hint[]) {
  let previousStart = 0;
  for (const hint of hints) {
    expect(hint.text).toBe(statement.slice(hint.start, hint.end));
    expect(hint.end).toBeGreaterThan(hint.start);
    expect(hint.start).toBeGreaterThanOrEqual(previousStart);
    previousStart = hint.start;
  }
  // Hints of one kind never overlap.
  for (const a of hints) {
    for (const b of hints) {
      if (a !== b && a.kind === b.kind) expect(a.end <= b.start || b.end <= a.start).toBe(true);
    }
  }
}

type Case = [statement: string, expected: string[]];

// A labelled table of news-style statements with every hint expected, in order.
const cases: Case[] = [
  // numbers, money, percentages, units
  [
    'The company reported revenue of $4.2 billion in 2023, up 12% from a year earlier.',
    ['attribution:reported', 'number:$4.2 billion', 'date:2023', 'comparison:up 12%', 'number:12%'],
  ],
  [
    'Per the filing, Acme Holdings lost €3m in the first quarter.',
    ['attribution:Per', 'organisation:Acme Holdings', 'number:€3m', 'comparison:first'],
  ],
  [
    'The river is 40 miles long and carries 3 million tonnes of sediment each year.',
    ['number:40 miles', 'number:3 million tonnes'],
  ],
  [
    'The stock hit a record high of £10.50 on Wednesday.',
    ['comparison:record', 'number:£10.50', 'date:Wednesday'],
  ],
  ['Temperatures reached 40°C in Seville.', ['number:40°C']],
  // a unit is part of its number, not an acronym of its own
  ['The update is about 450 MB.', ['number:450 MB']],
  ['The vote was 52 to 48.', ['number:52', 'number:48']],
  ['About 3,000 jobs will go, the union warned.', ['number:3,000', 'attribution:warned']],
  ['Police said 2000 people attended the rally.', ['attribution:said', 'number:2000']],
  ['Officials estimated the damage at $30 million.', ['attribution:estimated', 'number:$30 million']],
  [
    'Exports to China were down 4 per cent year on year.',
    ['comparison:down 4 per cent', 'number:4 per cent'],
  ],
  [
    "Apple's revenue grew 8 percent to $94.8 billion.",
    ['comparison:grew', 'number:8 percent', 'number:$94.8 billion'],
  ],
  // number words
  ['Thousands of people marched through the capital on Sept. 12.', ['number:Thousands', 'date:Sept. 12']],
  ['He was sentenced to five years in prison.', ['number:five years']],
  ['No one was hurt, but one million people lost power.', ['number:one million']],
  ['Nobody expected one of the richest men in Britain to lose.', ['comparison:richest']],
  [
    'NATO officials confirmed that two battalions had arrived.',
    ['organisation:NATO', 'attribution:confirmed', 'number:two'],
  ],
  // dates
  ['The report was published on 2024-03-05.', ['date:2024-03-05']],
  [
    'The decision was made on 05/03/2024 by the Supreme Court.',
    ['date:05/03/2024', 'organisation:Supreme Court'],
  ],
  [
    'The vote, held on 12 March 2024, passed 301 to 250.',
    ['date:12 March 2024', 'number:301', 'number:250'],
  ],
  [
    'The Bank of England raised interest rates to 5.25% on Aug. 3.',
    ['organisation:The Bank of England', 'number:5.25%', 'date:Aug. 3'],
  ],
  ['Critics of Theresa May argued the plan would fail.', ['person:Theresa May', 'attribution:argued']],
  ['Theresa May resigned in May 2019.', ['date:May 2019']],
  ['It may rain this may.', []],
  ['Is the city really safer than it was a decade ago?', ['date:a decade ago', 'question:?']],
  [
    'The bridge, built in the 1930s, is the oldest in the county.',
    ['date:1930s', 'comparison:oldest'],
  ],
  [
    'Deaths rose from 120 in 2019 to 450 in 2022.',
    ['comparison:rose', 'number:120', 'date:2019', 'number:450', 'date:2022'],
  ],
  // people
  [
    '"We will not back down," Sen. Elizabeth Warren told reporters on Tuesday.',
    ['person:Sen. Elizabeth Warren', 'attribution:told', 'date:Tuesday'],
  ],
  [
    'Dr. Lee said the trial enrolled more than 1,200 patients.',
    ['person:Dr. Lee', 'attribution:said', 'comparison:more than', 'number:1,200'],
  ],
  [
    'Prime Minister Keir Starmer visited the Ministry of Defence yesterday.',
    ['person:Prime Minister Keir Starmer', 'organisation:Ministry of Defence', 'date:yesterday'],
  ],
  [
    'Former President Barack Obama spoke at Harvard University last week.',
    ['person:President Barack Obama', 'organisation:Harvard University', 'date:last week'],
  ],
  ['Mr. Smith and Ms. Jones were elected to the board.', ['person:Mr. Smith', 'person:Ms. Jones']],
  ['Mayor Karen Bass\'s office released the figures.', ['person:Mayor Karen Bass']],
  ['John F. Kennedy was elected in 1960.', ['person:John F. Kennedy', 'date:1960']],
  [
    'Jane Doe told the inquiry she had worked there for 12 years.',
    ['person:Jane Doe', 'attribution:told', 'number:12 years'],
  ],
  // the first word of a sentence alone does not make a name; places are not people
  ['Kamala Harris and Donald Trump debated on Sept. 10.', ['person:Donald Trump', 'date:Sept. 10']],
  ['One of the suspects was arrested in New York City.', []],
  ['The Prime Minister said the economy was growing.', ['attribution:said']],
  // organisations
  [
    'Acme Corp. announced the layoffs in a statement on Monday.',
    ['organisation:Acme Corp.', 'attribution:announced', 'date:Monday'],
  ],
  // A dateline in capitals is a place, not two acronyms; the agency after it is one.
  ['NEW YORK (AP) — The mayor said crime fell 12 percent.', ['organisation:AP', 'attribution:said', 'comparison:fell', 'number:12 percent']],
  // "General" starts a person's title, but not in a company's name.
  ['The cars were built by General Motors.', ['organisation:General Motors']],
  [
    'Ford Motor Co. and General Motors Co. both reported losses.',
    ['organisation:Ford Motor Co.', 'organisation:General Motors Co.', 'attribution:reported'],
  ],
  [
    'According to the Bureau of Labor Statistics, wages rose 4.1 per cent.',
    ['attribution:According to', 'organisation:Bureau of Labor Statistics', 'comparison:rose', 'number:4.1 per cent'],
  ],
  [
    'The Centers for Disease Control and Prevention reported 300 cases.',
    ['organisation:The Centers for Disease Control and Prevention', 'attribution:reported', 'number:300'],
  ],
  [
    'COVID-19 cases fell by a third after the U.S. Department of Justice intervened.',
    ['comparison:fell', 'organisation:U.S. Department of Justice'],
  ],
  [
    'The UK and the US signed a deal worth £1.2bn, says the BBC.',
    ['number:£1.2bn', 'attribution:says', 'organisation:BBC'],
  ],
  ['She told The Guardian that the figures were wrong.', ['attribution:told', 'organisation:The Guardian']],
  ['The Federal Reserve left rates unchanged.', ['organisation:The Federal Reserve']],
  [
    'The UN Security Council met for three hours on Friday.',
    ['organisation:The UN Security Council', 'number:three hours', 'date:Friday'],
  ],
  [
    'He said: "Greater Manchester Police are investigating."',
    ['attribution:said', 'organisation:Greater Manchester Police'],
  ],
  ['THE GOVERNMENT LIED ABOUT THE NUMBERS', []],
  [
    "O'Brien & Partners Ltd. and McDonald's Corp. merged.",
    ["organisation:O'Brien & Partners Ltd.", "organisation:McDonald's Corp."],
  ],
  [
    "Investors in Warren Buffett's Berkshire Hathaway Inc. lost 5%.",
    ['person:Warren Buffett', 'organisation:Berkshire Hathaway Inc.', 'number:5%'],
  ],
  // comparisons
  ['The project cost twice as much as planned.', ['comparison:twice']],
  [
    'Sales of electric cars doubled compared with 2021.',
    ['comparison:doubled', 'comparison:compared with', 'date:2021'],
  ],
  [
    'It was the hottest July on record, the Met Office said.',
    ['comparison:hottest', 'date:July', 'comparison:record', 'organisation:Met Office', 'attribution:said'],
  ],
  ['It was the best year ever for the company.', ['comparison:best']],
  ['Fewer than half of voters turned out.', ['comparison:Fewer than']],
  [
    'Unemployment fell to 3.5 percent last month, the lowest level since 1969.',
    ['comparison:fell', 'number:3.5 percent', 'date:last month', 'comparison:lowest', 'date:1969'],
  ],
  // opinion
  ['I think this is a terrible idea.', ['opinion:I think', 'opinion:terrible']],
  ['The council should scrap the scheme!', ['opinion:should', 'opinion:!']],
  ['In my view, the policy has been a disaster.', ['opinion:In my view']],
  ['We must act now.', ['opinion:must']],
  ['The ministry ought to explain why.', ['opinion:ought to']],
  ['This is outrageous!!', ['opinion:outrageous', 'opinion:!!']],
  [
    'Boris Johnson said the deal was the best in a generation.',
    ['person:Boris Johnson', 'attribution:said', 'opinion:best'],
  ],
  [
    'We believe the figures are wrong, a spokesperson said.',
    ['opinion:We believe', 'attribution:said'],
  ],
  // questions
  ['Why did the government wait so long?', ['question:?']],
  ['Is this the "new normal?"', ['question:?']],
  ['"Who pays for this?" she asked.', ['attribution:asked']],
  ['"Who pays for this?"', []],
  // nothing to check
  ['The team won.', []],
  ['Nobody knows what will happen next.', []],
];

describe('claimHints', () => {
  it('has a table of at least 40 labelled statements', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('%s', (statement, expected) => {
    expect(marks(statement)).toEqual(expected);
    expectInvariants(statement, claimHints(statement));
  });

  it('gives offsets into the statement', () => {
    const statement = 'Dr. Lee said the trial enrolled more than 1,200 patients.';
    expect(claimHints(statement)).toEqual([
      { kind: 'person', text: 'Dr. Lee', start: 0, end: 7 },
      { kind: 'attribution', text: 'said', start: 8, end: 12 },
      { kind: 'comparison', text: 'more than', start: 32, end: 41 },
      { kind: 'number', text: '1,200', start: 42, end: 47 },
    ]);
  });

  it('marks a number inside a date only as a date', () => {
    const kinds = claimHints('The deadline is Aug. 12, 2025.').map((hint) => hint.kind);
    expect(kinds).toEqual(['date']);
  });

  it('keeps the invariants on awkward input', () => {
    const awkward = [
      '',
      '   ',
      '?',
      '!!!',
      '$',
      '1,2,3,4',
      '  Leading and trailing spaces, said Jane Doe.  ',
      'Ünïcödé Nämes like José Álvarez and Zoë Ní Bhraonáin met in São Paulo on 3 Sept.',
      'Prices rose 3.5%.\nThen they fell 2%.',
      'A – dash — and “curly quotes” from the Ministry of Health, the WHO and Dr Ngozi Okonjo-Iweala.',
      'The 10 Downing Street press office; 5th time; No. 2; 3.; .5; 1.2.3; 2019-20; 1990s; 99%',
      'O\'Brien & Partners Ltd. and McDonald\'s Corp.',
    ];
    for (const statement of awkward) expectInvariants(statement, claimHints(statement));
  });

  it('is fast enough for a long article', () => {
    const statement =
      'Sen. Elizabeth Warren told reporters on Tuesday that the Bank of England raised rates by 0.25 percent, ' +
      'the biggest rise since 2008, according to the BBC.';
    const started = performance.now();
    for (let i = 0; i < 2000; i++) claimHints(statement);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('claimScore', () => {
  const score = (statement: string) => claimScore(claimHints(statement));

  it('scores a statement with a number and an attribution above an opinion', () => {
    expect(score('Police said 2000 people attended the rally.')).toBeGreaterThan(
      score('I think this is a terrible idea.'),
    );
  });

  it('scores a question lowest', () => {
    const question = score('Did unemployment really fall by 3% last year, as Dr. Lee claimed?');
    const others = [
      'The company reported revenue of $4.2 billion in 2023, up 12% from a year earlier.',
      'The team won.',
      'I think this is a terrible idea.',
      'This is outrageous!! I think we must act, and it is wonderful, terrible and disastrous.',
    ];
    for (const statement of others) expect(question).toBeLessThan(score(statement));
  });

  it('ranks factual claims above neutral sentences above opinion', () => {
    const ranked = [
      'The company reported revenue of $4.2 billion in 2023, up 12% from a year earlier.',
      'NATO officials confirmed that two battalions had arrived.',
      'The team won.',
      'In my view, the policy has been a disaster.',
      'Why did the government wait so long?',
    ].map(score);
    expect([...ranked].sort((a, b) => b - a)).toEqual(ranked);
    expect(new Set(ranked).size).toBe(ranked.length);
  });

  it('gives no score to no hints, and counts repeats with diminishing weight', () => {
    expect(claimScore([])).toBe(0);
    const number: Hint = { kind: 'number', text: '1', start: 0, end: 1 };
    expect(claimScore([number])).toBe(2);
    expect(claimScore([number, number])).toBe(3);
    expect(claimScore([number, number, number, number, number])).toBe(4);
  });
});
