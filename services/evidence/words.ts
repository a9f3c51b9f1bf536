/**
 * Word lists behind the evidence checks, kept apart from the algorithms so that adding a word
 * never means reading a matcher. All keys are lower case. Months, number words and the verbs of
 * attribution are shared with the hints and the segmenter: domain/lexicon.ts.
 */

export const ORDINAL_WORDS: ReadonlyMap<string, number> = new Map([
  ['first', 1], ['second', 2], ['third', 3], ['fourth', 4], ['fifth', 5], ['sixth', 6], ['seventh', 7],
  ['eighth', 8], ['ninth', 9], ['tenth', 10], ['eleventh', 11], ['twelfth', 12], ['thirteenth', 13],
  ['fourteenth', 14], ['fifteenth', 15], ['sixteenth', 16], ['seventeenth', 17], ['eighteenth', 18],
  ['nineteenth', 19], ['twentieth', 20], ['thirtieth', 30], ['fortieth', 40], ['fiftieth', 50],
  ['sixtieth', 60], ['seventieth', 70], ['eightieth', 80], ['ninetieth', 90], ['hundredth', 100],
  ['thousandth', 1000], ['millionth', 1e6],
]);

export type Unit = '' | '%' | 'percentage points' | 'USD' | 'EUR' | 'GBP' | 'ILS' | 'JPY';

/** Currency signs written before a number. */
export const CURRENCY_SIGNS: ReadonlyMap<string, Unit> = new Map([
  ['$', 'USD'], ['€', 'EUR'], ['£', 'GBP'], ['₪', 'ILS'], ['¥', 'JPY'],
]);

/** Unit words written after a number. "per cent" and "percentage points" are two words; see facts.ts. */
export const UNIT_WORDS: ReadonlyMap<string, Unit> = new Map([
  ['%', '%'], ['percent', '%'], ['pct', '%'],
  ['dollar', 'USD'], ['dollars', 'USD'], ['usd', 'USD'],
  ['euro', 'EUR'], ['euros', 'EUR'], ['eur', 'EUR'],
  ['pound', 'GBP'], ['pounds', 'GBP'], ['sterling', 'GBP'], ['gbp', 'GBP'],
  ['shekel', 'ILS'], ['shekels', 'ILS'], ['nis', 'ILS'], ['ils', 'ILS'],
  ['yen', 'JPY'], ['jpy', 'JPY'],
]);

/**
 * Words that turn a statement into its opposite. A quote that differs from its source only in
 * one of these is a contradiction, not a paraphrase. Contractions ("didn't") are recognised by
 * their ending; see isNegation.
 */
const NEGATIONS: ReadonlySet<string> = new Set([
  'not', 'no', 'never', 'none', 'nobody', 'nothing', 'nowhere', 'neither', 'nor', 'cannot', 'without',
  // Hebrew: lo, ein and its forms, bli, lelo, af (as in "af echad", nobody).
  'לא', 'אין', 'אינו', 'אינה', 'אינם', 'אינן', 'איננו', 'בלי', 'ללא', 'אף',
]);

export function isNegation(word: string): boolean {
  const lower = word.toLowerCase().replace(/’/g, "'");
  return NEGATIONS.has(lower) || lower.endsWith("n't");
}

/**
 * Capitalised words that are not names: they open sentences, or are capitalised by habit
 * (pronoun "I", days are kept as names on purpose because a wrong day is a wrong fact).
 * Titles are separate: "President Biden" is the name "Biden".
 */
export const CAPITALISED_COMMON_WORDS: ReadonlySet<string> = new Set(
  (
    'i i\'m i\'ve i\'d i\'ll you he she it we they me him us them my your his her its our their ' +
    'this that these those the a an some any no none each every all both either neither few several many ' +
    'much more most less other another such ' +
    'and but or nor so yet for then now still also however meanwhile moreover furthermore nevertheless ' +
    'instead therefore thus indeed besides overall ' +
    'here there where when while why how what which who whom whose whether if unless although though because ' +
    'since until once as after before during despite without within according under over among between through ' +
    'against along amid across around at by from in into of on to with upon about above below beyond like unlike ' +
    'is are was were be been do does did can could will would should shall might must has have had let ' +
    'not never only even just already again almost nearly perhaps maybe probably possibly certainly clearly ' +
    'today tonight yesterday tomorrow later earlier soon finally first second third next last ' +
    'nobody nothing everyone everybody everything someone somebody something anyone anybody anything ' +
    'officials police authorities residents critics supporters experts analysts investors researchers ' +
    'scientists doctors witnesses prosecutors lawmakers voters people ' +
    'yes oh well please thanks ok okay'
  ).split(' '),
);

/** Titles and honorifics before a name: dropped from the front of a name ("Prime Minister Benjamin Netanyahu"). */
export const TITLES: ReadonlySet<string> = new Set(
  (
    'mr mrs ms miss mx dr prof professor sir dame lord lady president vice prime minister secretary ' +
    'senator sen rep representative gov governor mayor judge justice chancellor speaker ambassador ' +
    'gen col colonel lt lieutenant maj capt captain sgt sergeant chief officer commissioner ' +
    'inspector detective king queen prince princess pope rabbi sheikh imam saint st ' +
    'ceo chairman chairwoman director deputy mp'
  ).split(' '),
);

/** Small words that may sit inside a multi-word name: "Bank of England", "Hit & Run", "Ludwig van Beethoven". */
export const NAME_CONNECTORS: ReadonlySet<string> = new Set(
  '& of de del della der den di da du la le van von al el bin ibn bint y'.split(' '),
);
