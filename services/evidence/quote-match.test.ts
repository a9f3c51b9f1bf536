import { describe, expect, it } from 'vitest';
import { normalise } from './normalise';
import { matchQuote, prepareSource, type QuoteMatch } from './quote-match';

/** Every match must point at its passage in the original text. */
function check(source: string, quote: string): QuoteMatch {
  const result = matchQuote(source, quote);
  if (result.match === 'none') {
    expect(result).toEqual({ match: 'none', start: null, end: null, passage: null, differences: [] });
  } else {
    expect(result.passage).toBe(source.slice(result.start!, result.end!));
  }
  return result;
}

const ARTICLE = [
  'The minister said on Tuesday: “We will not raise taxes this year,” adding that the inter-',
  'national community had pledged nine million dollars to the port of Haifa.',
  'Officials in Tel Aviv did not confirm the figure, and the harbour authority declined to comment.',
  'Critics called the plan a ‘well-',
  'known failure’ — and the opposition said 15 people were hurt.',
].join('\n');

describe('matchQuote: exact and normalised', () => {
  it('finds an exact quote at its offsets', () => {
    expect(check(ARTICLE, 'We will not raise taxes this year')).toEqual({
      match: 'exact',
      start: 31,
      end: 64,
      passage: 'We will not raise taxes this year',
      differences: [],
    });
  });

  it('ignores surrounding whitespace in the quote', () => {
    expect(check(ARTICLE, '  the harbour authority declined to comment.\n')).toMatchObject({ match: 'exact', passage: 'the harbour authority declined to comment.' });
  });

  it('treats straight and curly quotes alike, and leaves out the quote marks around a quote', () => {
    expect(check('He said “it’s over” and left.', '"it\'s over"')).toEqual({ match: 'normalised', start: 8, end: 19, passage: '“it’s over”', differences: [] });
    expect(check('He said it’s over and left.', '"it\'s over"')).toEqual({ match: 'normalised', start: 8, end: 17, passage: 'it’s over', differences: [] });
    expect(check('He said “it’s over” and left.', 'He said "it\'s over" and left.')).toMatchObject({ match: 'normalised', start: 0, end: 29 });
    // Single marks in the source where the quote has double ones: a quote nested in a quote.
    expect(check(ARTICLE, 'a "well-known failure"')).toMatchObject({ match: 'normalised', passage: 'a ‘well-\nknown failure’' });
  });

  it('reads across line breaks, as PDF text has them', () => {
    const pdfText = 'Officials in Tel Aviv did not\nconfirm the figure, and the\n  harbour authority declined to\ncomment.';
    expect(check(pdfText, 'did not confirm the figure, and the harbour authority declined')).toEqual({
      match: 'normalised',
      start: 22,
      end: 86,
      passage: 'did not\nconfirm the figure, and the\n  harbour authority declined',
      differences: [],
    });
  });

  it('joins words hyphenated across lines, and finds them either way', () => {
    expect(check(ARTICLE, 'the international community had pledged nine million dollars')).toEqual({
      match: 'normalised',
      start: 79,
      end: 141,
      passage: 'the inter-\nnational community had pledged nine million dollars',
      differences: [],
    });
    // A real hyphen broken at the line end: "well-known" typed in the quote.
    expect(check(ARTICLE, 'called the plan a ‘well-known failure’')).toMatchObject({ match: 'normalised', passage: 'called the plan a ‘well-\nknown failure’' });
    // A soft hyphen, and a hyphen before the line break with spaces around it.
    expect(check('an inter\u00adnational effort', 'international effort')).toMatchObject({ match: 'normalised', start: 3, end: 24 });
    expect(check('an inter-  \n  national effort', 'an international effort')).toMatchObject({ match: 'normalised', start: 0, end: 29 });
  });

  it('treats dashes, case, ligatures and non-breaking spaces alike', () => {
    expect(check('Prices rose 10–12 percent — a record.', 'prices rose 10-12 percent - a record')).toMatchObject({ match: 'normalised', start: 0, end: 36 });
    expect(check('The ﬁnal ﬂight left at\u00a0noon.', 'the final flight left at noon')).toMatchObject({ match: 'normalised', passage: 'The ﬁnal ﬂight left at\u00a0noon' });
    expect(check('Café society', 'Cafe\u0301 society')).toMatchObject({ match: 'normalised', passage: 'Café society' });
  });

  it('matches whole words only: "5 people" is not in "15 people"', () => {
    const none = (source: string, quote: string) => expect(['fuzzy', 'none']).toContain(check(source, quote).match);
    none('15 people were hurt', '5 people were hurt');
    none('1.5 people were hurt', '5 people were hurt');
    none('it fell to -5 degrees overnight', '5 degrees overnight');
    none('hurt 10,000 people', 'hurt 10');
    none('rose by 5% overall', 'rose by 5');
    none('the unhappy voters', 'happy voters');
    expect(check('rose by 5, then', 'rose by 5')).toMatchObject({ match: 'exact' });
  });

  it('refuses an empty quote', () => {
    expect(() => matchQuote(ARTICLE, '   ')).toThrow('The quote is empty');
    expect(() => matchQuote(ARTICLE, '“ ”')).toThrow('The quote has no words');
  });
});

describe('matchQuote: fuzzy and none', () => {
  it('finds a near miss and names the one word that differs', () => {
    expect(check(ARTICLE, 'Officials in Tel Aviv did not confirm the figure, and the port authority declined to comment.')).toEqual({
      match: 'fuzzy',
      start: 164,
      end: 259,
      passage: 'Officials in Tel Aviv did not confirm the figure, and the harbour authority declined to comment',
      differences: [{ quote: 'port', source: 'harbour', kind: 'wording' }],
    });
  });

  it('reports a passage that says something else as none', () => {
    expect(check(ARTICLE, 'The weather in Paris was lovely all week long, the tourists said.')).toEqual({
      match: 'none',
      start: null,
      end: null,
      passage: null,
      differences: [],
    });
    // Shares words with the article but not its sentences.
    expect(check(ARTICLE, 'The harbour authority said taxes on the port will rise this year.').match).toBe('none');
  });

  it('never calls a changed number, name or negation exact or normalised', () => {
    const changes: Array<[string, string, { quote: string; source: string; kind: string }]> = [
      ['number', 'the international community had pledged ten million dollars', { quote: 'ten', source: 'nine', kind: 'number' }],
      ['number in digits', 'the opposition said 16 people were hurt', { quote: '16', source: '15', kind: 'number' }],
      ['name', 'Officials in Jerusalem did not confirm the figure, and the harbour authority declined', { quote: 'Jerusalem', source: 'Tel Aviv', kind: 'name' }],
      ['negation removed', 'Officials in Tel Aviv did confirm the figure, and the harbour authority declined to comment.', { quote: 'did', source: 'did not', kind: 'negation' }],
      ['negation added', 'We will raise taxes this year', { quote: 'will', source: 'will not', kind: 'negation' }],
      ['contraction', 'Officials in Tel Aviv didn’t confirm the figure, and the harbour authority declined to comment', { quote: 'didn’t', source: 'did not', kind: 'wording' }],
    ];
    for (const [, quote, difference] of changes) {
      const result = check(ARTICLE, quote);
      expect(result.match, quote).toBe('fuzzy');
      expect(result.differences, quote).toEqual([difference]);
    }
  });

  it('keeps a contradicting passage as fuzzy, so the editor sees where the quote went wrong', () => {
    const result = check(ARTICLE, 'Officials in Tel Aviv did confirm the figure');
    expect(result).toMatchObject({ match: 'fuzzy', passage: 'Officials in Tel Aviv did not confirm the figure' });
    expect(result.differences).toEqual([{ quote: 'did', source: 'did not', kind: 'negation' }]);
  });

  it('does not equate digits with number words in a quote: the words differ, the number does not', () => {
    const source = 'Over the season the studio released 9 episodes of the drama, all filmed in Haifa.';
    const result = check(source, 'the studio released nine episodes of the drama, all filmed in Haifa');
    expect(result).toMatchObject({ match: 'fuzzy', passage: 'the studio released 9 episodes of the drama, all filmed in Haifa' });
    expect(result.differences).toEqual([{ quote: 'nine', source: '9', kind: 'wording' }]);
  });

  it('lists punctuation when the words all agree', () => {
    expect(check(ARTICLE, 'and the opposition said 15 people were hurt!')).toMatchObject({
      match: 'fuzzy',
      passage: 'and the opposition said 15 people were hurt',
      differences: [{ quote: '!', source: '', kind: 'wording' }],
    });
  });

  it('shows both sides of a changed percentage', () => {
    const source = 'The central bank said inflation reached 3.5 percent in August, its highest level in a decade.';
    expect(check(source, 'The central bank said inflation reached 3.5% in August, its highest level in a decade.')).toMatchObject({ match: 'fuzzy' });
    const changed = check(source, 'The central bank said inflation reached 4.5 percent in August, its highest level in a decade.');
    expect(changed.differences).toEqual([{ quote: '4.5', source: '3.5', kind: 'number' }]);
  });
});

describe('matchQuote: Hebrew', () => {
  const SOURCE = 'ראש הממשלה אמר ביום שלישי: ״לא נעלה את המסים השנה״, והוסיף כי צה״ל ישלים את הפינוי עד סוף החודש.';

  it('matches exactly, and with straight marks for gershayim', () => {
    expect(check(SOURCE, 'לא נעלה את המסים השנה')).toMatchObject({ match: 'exact', start: 28, end: 49 });
    expect(check(SOURCE, 'והוסיף כי צה"ל ישלים את הפינוי')).toMatchObject({ match: 'normalised', passage: 'והוסיף כי צה״ל ישלים את הפינוי' });
  });

  it('ignores vowel points and direction marks', () => {
    const pointed = 'הַמֶּמְשָׁלָה לֹא אִשְּׁרָה אֶת הַתַּקְצִיב';
    expect(check(pointed, 'הממשלה לא אשרה את התקציב')).toEqual({ match: 'normalised', start: 0, end: pointed.length, passage: pointed, differences: [] });
    // Unpointed text is usually written with extra letters for the vowels: a different spelling.
    expect(check(pointed, 'הממשלה לא אישרה את התקציב')).toMatchObject({ match: 'fuzzy', differences: [{ quote: 'אישרה', source: 'אִשְּׁרָה', kind: 'wording' }] });
    expect(check('\u200fהממשלה\u200f לא אישרה', 'הממשלה לא אישרה')).toMatchObject({ match: 'normalised', start: 1, end: 17 });
  });

  it('never normalises away a Hebrew negation', () => {
    const result = check(SOURCE, 'ראש הממשלה אמר ביום שלישי: ״נעלה את המסים השנה״');
    expect(result.match).toBe('fuzzy');
    expect(result.differences).toEqual([{ quote: 'שלישי', source: 'שלישי: ״לא', kind: 'negation' }]);
  });
});

describe('normalise', () => {
  it('maps every character of the normal form back into the original', () => {
    const original = ARTICLE + '\n\u200fצה״ל  ﬁ\u00ad x — y';
    const normal = normalise(original);
    expect(normal.text).toContain('the international community');
    expect(normal.text.endsWith("צה'ל fi x-y")).toBe(true);
    for (let i = 0; i < normal.text.length; i++) {
      expect(normal.starts[i]).toBeGreaterThanOrEqual(0);
      expect(normal.ends[i]).toBeGreaterThan(normal.starts[i]!);
      expect(normal.ends[i]).toBeLessThanOrEqual(original.length);
      if (i > 0) expect(normal.starts[i]).toBeGreaterThanOrEqual(normal.starts[i - 1]!);
    }
  });

  it('keeps every digit and letter (case aside): numbers are never merged or split', () => {
    const original = 'In 2019, 10–12 people (COVID-19) paid €3,5 and 10² m — -5 ½';
    const keep = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
    expect(keep(normalise(original).text)).toBe(keep(original));
    expect(normalise(original).text).toBe('in 2019, 10-12 people (covid-19) paid €3,5 and 10² m--5 ½');
  });
});

describe('matchQuote: a long document', () => {
  it('matches a 300-word quote in a 200-page source', () => {
    const source = syntheticDocument(600_000);
    const words = [...source.matchAll(/\S+/g)];
    const from = Math.floor(words.length * 0.73);
    const quoteWords = words.slice(from, from + 300);
    const start = quoteWords[0]!.index;
    const end = quoteWords[299]!.index + quoteWords[299]![0].length;
    const exactQuote = source.slice(start, end); // with the line breaks of the source
    const retyped = exactQuote.replace(/\s+/g, ' ').toUpperCase();
    // One word changed in the middle, the rest as it was.
    const middle = quoteWords[150]!;
    const original = middle[0].replace(/\.$/, '');
    const replacement = original === 'harbour' ? 'port' : 'harbour';
    const nearMiss = source.slice(start, middle.index) + replacement + source.slice(middle.index + original.length, end);

    let started = performance.now();
    const prepared = prepareSource(source);
    const prepareTime = performance.now() - started;

    started = performance.now();
    const exact = matchQuote(prepared, exactQuote);
    const normalised = matchQuote(prepared, retyped);
    const fuzzy = matchQuote(prepared, nearMiss);
    const none = matchQuote(prepared, quoteWords.map((word) => word[0]).reverse().join(' '));
    const matchTime = performance.now() - started;
    console.log(
      `${(source.length / 1024).toFixed(0)} KB source, 300-word quotes: prepared in ${prepareTime.toFixed(0)} ms; ` +
        `exact + normalised + fuzzy + none in ${matchTime.toFixed(0)} ms`,
    );

    expect(exact).toMatchObject({ match: 'exact', start, end });
    expect(normalised).toMatchObject({ match: 'normalised', start, end });
    expect(fuzzy).toMatchObject({ match: 'fuzzy', start, end });
    expect(fuzzy.differences).toEqual([{ quote: replacement, source: original, kind: 'wording' }]);
    expect(none.match).toBe('none');
  });
});

/** Deterministic English-like text of about `length` characters, in pages and lines like a PDF. */
function syntheticDocument(length: number): string {
  const vocabulary = (
    'the of and to in a that for on said was with by as at from it is its this an be has have were are ' +
    'council harbour budget million minister report police officials city port ministry court year week ' +
    'tax plan would will not could members vote public new former local water company workers hospital ' +
    'project program contract agreed according record spokesman statement quarter percent between after ' +
    'before during against because while under since about over three five nine twenty village region'
  ).split(' ');
  // mulberry32: a small seeded generator, so the document is the same on every run.
  let seed = 42;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const lines: string[] = [];
  let total = 0;
  let line: string[] = [];
  while (total < length) {
    // Common words more often than rare ones, as in real text.
    const word = vocabulary[Math.floor(vocabulary.length * random() ** 2)]!;
    line.push(word);
    if (line.join(' ').length > 70) {
      const text = line.join(' ') + (random() < 0.3 ? '.' : '');
      lines.push(text);
      total += text.length + 1;
      line = [];
    }
  }
  return lines.join('\n');
}

describe('matchQuote: dashes typed as "--"', () => {
  it('reads "--" as the em or en dash of the source, and the other way round', () => {
    expect(check('The mayor — who spoke first — said no.', 'The mayor -- who spoke first -- said no.')).toMatchObject({ match: 'normalised', start: 0, end: 38 });
    expect(check('Prices rose 10–12 percent.', 'rose 10--12 percent')).toMatchObject({ match: 'normalised', passage: 'rose 10–12 percent' });
    expect(check('It was over--for now.', 'It was over — for now')).toMatchObject({ match: 'normalised', passage: 'It was over--for now' });
    expect(check('It was over---for now.', 'over – for now')).toMatchObject({ match: 'normalised', passage: 'over---for now' });
  });

  it('is normalised, not fuzzy: a "--" never hides a changed word or number', () => {
    expect(check('Prices rose 10–12 percent.', 'rose 10--13 percent').match).not.toMatch(/exact|normalised/);
    expect(normalise('a -- b').text).toBe(normalise('a — b').text);
    expect(normalise('a -- b').text).toBe(normalise('a - b').text);
    expect(normalise('covid--19').text).toBe(normalise('covid–19').text);
  });
});

describe('matchQuote: elisions', () => {
  const SOURCE =
    'The minister said: “We will rebuild the port before next winter, and we will do it without new taxes.” ' +
    'She later visited the harbour.';

  it('finds the parts around an ellipsis in order, and lists what the ellipsis leaves out', () => {
    for (const mark of ['…', '...', '[…]', '[...]']) {
      const result = check(SOURCE, `We will rebuild the port ${mark} without new taxes`);
      expect(result, mark).toMatchObject({
        match: 'fuzzy',
        passage: 'We will rebuild the port before next winter, and we will do it without new taxes',
        differences: [{ quote: mark, source: 'before next winter, and we will do it', kind: 'elision' }],
      });
    }
  });

  it('is never exact, and never found when the parts are out of order or far apart', () => {
    expect(check(SOURCE, 'without new taxes … We will rebuild the port').match).toBe('none');
    const far = `${SOURCE} ${'The council met again on Friday to hear the plans. '.repeat(8)}It closed at noon.`;
    expect(check(far, 'We will rebuild the port … It closed at noon').match).toBe('none');
    // An ellipsis that leaves out nothing still says so.
    expect(check(SOURCE, 'We will rebuild … the port')).toMatchObject({ match: 'fuzzy', differences: [{ quote: '…', source: '', kind: 'elision' }] });
  });

  it('reports a misquoted part with its change, beside the elision', () => {
    expect(check(SOURCE, 'We will rebuild the port … we will do it without any taxes')).toMatchObject({
      match: 'fuzzy',
      passage: 'We will rebuild the port before next winter, and we will do it without new taxes',
      differences: [
        { quote: '…', source: 'before next winter, and', kind: 'elision' },
        { quote: 'any', source: 'new', kind: 'wording' },
      ],
    });
    expect(check(SOURCE, 'We will not rebuild the port … without new taxes').differences).toContainEqual(expect.objectContaining({ kind: 'negation' }));
  });

  it('leaves a source that prints the ellipsis itself to the exact match', () => {
    expect(check('He paused… then went on.', 'He paused… then')).toMatchObject({ match: 'exact' });
  });
});
