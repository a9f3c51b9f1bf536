/**
 * Word lists behind the segmenter's abbreviation and line-break heuristics. Kept apart from the
 * algorithm so that adding a word never means reading the scanner.
 */
import { MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAY_NAMES } from '../../domain/lexicon';


/** How an abbreviation that ends in a period behaves before the next word. */
export type AbbreviationKind =
  /** Titles and inline Latin (Dr., Sen., e.g., vs.): they always lead into more of the sentence. */
  | 'never-ends'
  /** No., Vol., Fig.: an abbreviation only before a number; otherwise an ordinary word ("No. It isn't."). */
  | 'before-number'
  /** Jan., Sept.: usually before a day or year; at a sentence end only when a common sentence opener follows. */
  | 'month'
  /** U.S., Inc., Jr.: often the last word, but also often before a proper noun ("U.S. Senate"). */
  | 'proper-noun-prefix'
  /** a.m., p.m.: news style puts a day or time zone after them ("9 a.m. Monday"); any other capital starts a sentence. */
  | 'time'
  /** etc., Ave., Calif.: almost never precede a capitalised word inside a sentence. */
  | 'usually-ends'
  /** St.: Saint before a name ("in St. Louis"), Street after one ("on Oak St."). */
  | 'saint-or-street';

const kinds: Array<[AbbreviationKind, string]> = [
  [
    'never-ends',
    // Honorifics, military and civil titles.
    'Mr Mrs Ms Messrs Mmes Mme Mlle Dr Drs Prof Profs Sen Sens Rep Reps Gov Govs Lt Gen Gens Col Maj Capt ' +
      'Cmdr Cmdt Adm Brig Sgt Cpl Pvt Spc Pfc Ens Rev Revs Hon Pres Supt Det Insp Ald Asst Atty Amb Msgr Fr ' +
      'Rt Mt Mts Ft Sra Srta Sto Sta ' +
      // Inline Latin and connectives that always continue.
      'e.g i.e a.k.a vs v cf viz approx incl esp',
  ],
  ['before-number', 'No Nos no nos Vol Vols vol Art Fig Figs fig Ch ch Sec Sect sec pp Ex Tel Ext ext Op Rm Apt Ste Rte ca est'],
  ['month', MONTH_ABBREVIATIONS.join(' ')],
  [
    'proper-noun-prefix',
    'Inc Corp Co Cos Ltd Bros Plc Jr Sr al Dept Univ Assn Intl Natl Govt Mfg ' +
      // Court reports: courts, reporters and codes ("Cal. Ct. App.", "9th Cir. 2024", "Civ. Code §"),
      // which run on into a name or a number and end a sentence only before a common opener.
      'Cal Ct Cir App Dist Civ Crim Saf Supp Stat Ann Proc Evid Pen Super Fed Reg Bankr Jud',
  ],
  ['time', 'a.m p.m A.M P.M'],
  [
    'usually-ends',
    'etc Ave Blvd Rd Ln Pkwy Hwy Sq ' +
      // US state abbreviations: news style uses them only after a city ("Duluth, Minn.") or alone, then a
      // comma, never before a proper noun, so a capital after one starts a new sentence.
      'Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev ' +
      'Okla Ore Pa Tenn Tex Va Vt Wash Wis Wyo',
  ],
  ['saint-or-street', 'St'],
];

export const abbreviationKinds: ReadonlyMap<string, AbbreviationKind> = new Map(
  kinds.flatMap(([kind, words]) => words.split(' ').filter(Boolean).map((word) => [word, kind] as const)),
);

/**
 * Capitalised words that commonly open an English sentence: pronouns, determiners, conjunctions,
 * prepositions, sentence adverbs and a few plural nouns that lead news sentences. After an
 * abbreviation such as "U.S." they signal a new sentence; any other capitalised word is taken for
 * a proper noun that the abbreviation modifies ("U.S. Senate", "Dr. Smith", "George W. Bush").
 */
export const sentenceOpeners: ReadonlySet<string> = new Set(
  (
    'I You He She It We They Me Him Us Them My Your His Her Its Our Their Mine Yours Hers Ours Theirs ' +
    'This That These Those The A An Some Any No None Each Every All Both Either Neither Few Several Many ' +
    'Much More Most Less Least Other Another Such Same Similar ' +
    'And But Or Nor So Yet For Then Now Still Also Instead Meanwhile However Moreover Furthermore Nevertheless ' +
    'Nonetheless Otherwise Therefore Thus Hence Indeed Besides Consequently Accordingly Additionally Similarly ' +
    'Likewise Separately Elsewhere Overall Altogether Rather ' +
    'Here There Where When While Why How What Which Who Whom Whose Whether If Unless Although Though Because ' +
    'Since Until Once As After Before During Despite Without Within According Under Over Among Between Through ' +
    'Against Along Amid Across Around At By From In Into Of On To With Upon About Above Below Beyond Like Unlike ' +
    'Is Are Was Were Be Been Do Does Did Can Could Will Would Should Shall Might Must Has Have Had Let ' +
    'Don Doesn Didn Isn Aren Wasn Weren Won Wouldn Couldn Shouldn Can Haven Hasn Hadn ' +
    'Not Never Only Even Just Already Again Almost Nearly Roughly Perhaps Maybe Probably Possibly Certainly ' +
    'Clearly Obviously Unfortunately Fortunately Luckily Sadly Ultimately Eventually Finally Initially ' +
    'Originally Previously Recently Currently Today Tonight Yesterday Tomorrow Later Earlier Soon Afterward ' +
    'Afterwards First Second Third Next Last Lastly ' +
    'Nobody Nothing Everyone Everybody Everything Someone Somebody Something Anyone Anybody Anything ' +
    'One Two Three Four Five Six Seven Eight Nine Ten Hundreds Thousands Millions Dozens ' +
    'Officials Police Authorities Residents Critics Supporters Experts Analysts Investors Researchers ' +
    'Scientists Doctors Witnesses Prosecutors Lawmakers Voters People Shares Prices Sales ' +
    'Yes Oh Well Please Thanks'
  ).split(' '),
);

/** Capitalised words that follow "a.m."/"p.m." inside a sentence: days, months, time zones. */
export const wordsAfterClockTime: ReadonlySet<string> = new Set(
  (
    [...WEEKDAY_NAMES, ...MONTH_NAMES, ...MONTH_ABBREVIATIONS].join(' ') +
    ' Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun ' +
    'ET EST EDT CT CST CDT MT MST MDT PT PST PDT AKST HST GMT UTC BST CET CEST IST JST AEST ' +
    'Eastern Central Mountain Pacific Atlantic Greenwich Local'
  ).split(' '),
);

/**
 * Lowercase words that cannot end a headline or a bullet, so a line ending in one was hard-wrapped
 * in the middle of a sentence ("awarded to\nDelmar Construction").
 */
export const wordsThatContinueALine: ReadonlySet<string> = new Set(
  (
    'the a an of to in on at by for with from and or but nor as than that which who whom whose its his her ' +
    'their our my your is are was were be been being has have had will would could should may might must ' +
    'can not into onto about after before over under between through during against among per via said ' +
    'says this these those if when while because where whether so such more most less very also just ' +
    'including like up out off down near around since until without within across toward towards upon'
  ).split(' '),
);
