/**
 * The newsroom's English words that every reader of text shares: months and weekdays, the words
 * that make "May" a date, number words, titles, name particles, and the verbs that attribute a claim to someone. The
 * segmenter (services/segment), the claim hints and claimant (services/hints, which run in the
 * renderer too), the facts extractor (services/facts) and the reports all read them
 * here, so a word added once counts everywhere. Lists that belong to one algorithm (the
 * segmenter's abbreviations, the names' institution words) stay beside it.
 */

/** Words written as one space-separated string, the way every list here is kept. */
export const wordList = (words: string): string[] => words.trim().split(/\s+/);

/** January … December, capitalised, in calendar order. */
export const MONTH_NAMES: readonly string[] = wordList('January February March April May June July August September October November December');

/** The abbreviations news style writes with a full stop (Jan., Sept.); May, June and July have none. */
export const MONTH_ABBREVIATIONS: readonly string[] = wordList('Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec');

/** A month name or abbreviation, lower case, to its number (1–12). */
export const MONTHS: ReadonlyMap<string, number> = new Map([
  ...MONTH_NAMES.map((name, i) => [name.toLowerCase(), i + 1] as const),
  ...MONTH_ABBREVIATIONS.map((abbreviation) => [abbreviation.toLowerCase(), MONTH_NAMES.findIndex((name) => name.startsWith(abbreviation.slice(0, 3))) + 1] as const),
]);

/** Months that are also everyday words ("May I…", "the March on Rome", Theresa May): dates only next to a day, a year or a word below. */
export const AMBIGUOUS_MONTHS: ReadonlySet<string> = new Set(['may', 'march']);

/** Words before a bare month name that make it a date: "in May", "since March", "between April and May". */
export const WORDS_BEFORE_A_MONTH: ReadonlySet<string> = new Set(
  wordList('in on since until till by of from through during before after between and last next early late mid this'),
);

/** Monday … Sunday, capitalised. */
export const WEEKDAY_NAMES: readonly string[] = wordList('Monday Tuesday Wednesday Thursday Friday Saturday Sunday');

/** Number words to their values, lower case. "hundred" and the scale words are apart: they multiply. */
export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['zero', 0], ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7],
  ['eight', 8], ['nine', 9], ['ten', 10], ['eleven', 11], ['twelve', 12], ['thirteen', 13], ['fourteen', 14],
  ['fifteen', 15], ['sixteen', 16], ['seventeen', 17], ['eighteen', 18], ['nineteen', 19],
  ['twenty', 20], ['thirty', 30], ['forty', 40], ['fifty', 50], ['sixty', 60], ['seventy', 70], ['eighty', 80], ['ninety', 90],
]);

/** "hundred" multiplies what came before it; the others close a group ("two hundred thousand"). */
export const SCALE_WORDS: ReadonlyMap<string, number> = new Map([
  ['hundred', 100], ['thousand', 1e3], ['million', 1e6], ['billion', 1e9], ['trillion', 1e12],
  // Newsroom shorthand: "$4.2bn", "4.2 bn".
  ['bn', 1e9], ['tn', 1e12],
]);

/**
 * Verbs that attribute a claim to a speaker ("the minister said", "Yorkin told reporters"): the
 * claim hints mark them, the claimant is read from the name next to them, and a capitalised word
 * that opens a sentence is a name when one follows it.
 */
export const ATTRIBUTION_VERBS: readonly string[] = wordList(
  'said says told tells asked asks added adds wrote writes argued argues insisted insists noted explained explains ' +
    'announced announces reported confirmed confirms claimed stated warned warns testified estimated ' +
    'predicted predicts replied replies declared declares admitted conceded tweeted',
);

/**
 * Present forms that are more often nouns ("the claims were false", "member states"): they
 * attribute only right after a name ("Smith claims"), so the claimant reads them and the hints,
 * which see a word alone, do not.
 */
export const ATTRIBUTION_VERBS_AFTER_A_NAME: readonly string[] = wordList('claims states estimates notes');

/**
 * Verbs that make `“Why?” Tom asked.` one sentence: the attribution of a quoted question or
 * exclamation, including how it was delivered (shouted, whispered). The segmenter's list.
 */
export const SPEECH_VERBS: readonly string[] = wordList(
  'said says asked asks added adds told tells shouted shouts yelled yells replied replies wrote writes ' +
    'recalled recalls explained explains insisted insists continued continues declared declares cried ' +
    'exclaimed whispered joked jokes noted notes tweeted posted answered answers wondered wonders demanded ' +
    'laughed screamed snapped argued argues remembered remembers recounted conceded admitted quipped',
);

/**
 * Titles and honorifics written before a name, capitalised, abbreviations without their full
 * stop ("Prime Minister Keir Starmer", "Dr. Lee", "Sen. Warren"). The facts extractor leaves
 * them out of a name's words ("President Biden" is the name "Biden"), the claimant drops them
 * from the speaker, and the hints run a person's mark from them. "St" and "Saint" are not here:
 * they start places (St Louis, Saint Petersburg) more often than people.
 */
export const TITLES: readonly string[] = wordList(
  'Mr Mrs Ms Miss Mx Dr Prof Professor Sir Dame Lord Lady President Vice Prime Minister Secretary Chancellor ' +
    'Senator Sen Rep Representative Gov Governor Mayor Councillor Councilman Councilwoman MP Judge Justice ' +
    'Speaker Ambassador Commissioner Gen Col Colonel Maj Lt Lieutenant Capt Captain Sgt Sergeant Cmdr Adm Rev ' +
    'Reverend Fr Chief Officer Inspector Detective Deputy Director Chairman Chairwoman Chair CEO King Queen ' +
    'Prince Princess Pope Rabbi Imam Sheikh',
);

/**
 * Words that are titles inside a chain of titles ("Attorney General", "Chief Executive", "Vice
 * General", "General Smith") but also open the names of things ("General Motors", "Executive
 * Council"): the hints read them as titles next to a person's name; the extractor and the
 * claimant keep them as part of a name.
 */
export const TITLES_THAT_START_NAMES: readonly string[] = wordList(
  'General Executive Father Attorney Coach Commander Admiral Bishop Archbishop Cardinal Superintendent',
);

/**
 * Small words inside a person's name, lower case: "Ludwig van Beethoven", "Osama bin Laden",
 * "Leonardo da Vinci". Each reader adds the words that join the names of things ("of", "&").
 */
export const NAME_PARTICLES: readonly string[] = wordList('de da del della der den di du la le van von al el bin ibn bint y');

const TITLE_WORDS: ReadonlySet<string> = new Set(TITLES.map((title) => title.toLowerCase()));

/** "Dr.", "dr", "PRESIDENT": one of TITLES, whatever its case and full stops. */
export const isTitle = (word: string): boolean => TITLE_WORDS.has(word.toLowerCase().replace(/\./g, ''));

/** Words as one regular-expression alternation ("said|says|…"); none of them holds a special character. */
export const alternation = (words: Iterable<string>): string => [...words].join('|');
