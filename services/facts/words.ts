/**
 * Word lists behind the facts extractor (facts.ts), kept apart from the scanner so that adding
 * a word never means reading it. All keys are lower case. Months, weekdays, number words, titles,
 * name particles and the verbs of attribution are the newsroom's shared words: domain/lexicon.ts.
 */
import { NAME_PARTICLES, wordList } from '../../domain/lexicon';

export const ORDINAL_WORDS: ReadonlyMap<string, number> = new Map([
  ['first', 1], ['second', 2], ['third', 3], ['fourth', 4], ['fifth', 5], ['sixth', 6], ['seventh', 7],
  ['eighth', 8], ['ninth', 9], ['tenth', 10], ['eleventh', 11], ['twelfth', 12], ['thirteenth', 13],
  ['fourteenth', 14], ['fifteenth', 15], ['sixteenth', 16], ['seventeenth', 17], ['eighteenth', 18],
  ['nineteenth', 19], ['twentieth', 20], ['thirtieth', 30], ['fortieth', 40], ['fiftieth', 50],
  ['sixtieth', 60], ['seventieth', 70], ['eightieth', 80], ['ninetieth', 90], ['hundredth', 100],
  ['thousandth', 1000], ['millionth', 1e6],
]);

/**
 * What a number counts, as compared: '' for a bare number, '%', 'percentage points', a currency
 * code (USD, EUR, GBP, ILS, JPY), or a measure in one spelling ('km', 'mile', 'year', '°C'…).
 */
export type Unit = string;

/** Currency signs written before a number. */
export const CURRENCY_SIGNS: ReadonlyMap<string, Unit> = new Map([
  ['$', 'USD'], ['€', 'EUR'], ['£', 'GBP'], ['₪', 'ILS'], ['¥', 'JPY'], ['₹', 'INR'],
]);

/** Pairs "spelling … spelling: unit" as one map, so each unit's spellings sit on one line. */
const units = (table: string): Array<[string, Unit]> =>
  table
    .trim()
    .split('\n')
    .flatMap((line) => {
      const [spellings, unit] = line.split(':');
      return wordList(spellings!).map((spelling) => [spelling, unit!.trim()] as [string, Unit]);
    });

/**
 * Unit words written after a number ("40 miles", "12km", "3 tonnes", "five years"). "per cent"
 * and "percentage points" are two words, and "°C" a sign and a letter; see facts.ts. "pounds"
 * is money: a newsroom writes weights as "lb".
 */
export const UNIT_WORDS: ReadonlyMap<string, Unit> = new Map(
  units(`
    % percent pct: %
    dollar dollars usd: USD
    euro euros eur: EUR
    pound pounds sterling gbp: GBP
    shekel shekels nis ils: ILS
    yen jpy: JPY
    yuan: CNY
    rupee rupees: INR
    franc francs: franc
    peso pesos: peso
    km kilometre kilometres kilometer kilometers: km
    mile miles: mile
    metre metres meter meters: m
    cm: cm
    mm: mm
    kg kilogram kilograms: kg
    gram grams: g
    tonne tonnes ton tons: tonne
    lb lbs: lb
    litre litres liter liters: litre
    gallon gallons: gallon
    barrel barrels: barrel
    acre acres: acre
    hectare hectares: hectare
    ft foot feet: ft
    inch inches: inch
    mph: mph
    degree degrees: degree
    gw: GW
    mw: MW
    kw: kW
    kwh: kWh
    gb: GB
    mb: MB
    tb: TB
    hour hours: hour
    minute minutes: minute
    seconds: second
    day days: day
    week weeks: week
    month months: month
    year years: year
    decade decades: decade
    century centuries: century
  `),
);

/**
 * Nouns that count people or things: a year-like number before one is a count, not a year
 * ("2000 people attended", against "in 2000 people left").
 */
export const COUNT_NOUNS: ReadonlySet<string> = new Set(
  (
    'people residents workers employees jobs homes houses votes cases deaths troops soldiers students ' +
    'patients members children households passengers refugees migrants signatures'
  ).split(' '),
);

/**
 * Capitalised words that are not names: they open sentences, or are capitalised by habit
 * (pronoun "I"). Titles are separate (domain/lexicon.ts): "President Biden" is the name "Biden".
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
    'yes oh well please thanks ok okay ' +
    // Saint and Street: part of a place's name ("St. Paul", "Oak St."), no name alone.
    'st saint'
  ).split(' '),
);

/** Small words that may sit inside a multi-word name: "Bank of England", "Hit & Run", "Ludwig van Beethoven". */
export const NAME_CONNECTORS: ReadonlySet<string> = new Set(['&', 'of', ...NAME_PARTICLES]);
