#!/usr/bin/env node
/**
 * `factdesk`: the app's store and services without Electron, for newsroom scripts and tests.
 * Every command goes through the same handlers (and so the same validation) as the app.
 * Output is JSON on stdout; an error is one line on stderr and a non-zero exit: 2 for a mistake
 * in how the command was called (with the usage where it helps), 1 for anything else.
 *
 * This file reads the command line (the option table, its checks) and picks the command; each
 * family of commands is a module of its own: articles.ts, statements.ts, reports.ts, search.ts,
 * desk.ts, with what they share in session.ts.
 */
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { REPORT_FORMATS } from '../api/formats';
import { SOURCE_ROLES } from '../domain/verdicts';
import { defaultStoreDir } from '../store/location';
import { UserError } from '../store/errors';
import { ARTICLE_COMMANDS } from './articles';
import type { Command } from './commands';
import { DESK_COMMANDS } from './desk';
import { REPORT_COMMANDS } from './reports';
import { SEARCH_COMMANDS } from './search';
import { UsageError } from './session';
import { STATEMENT_COMMANDS } from './statements';

const USAGE = `Usage: factdesk [--store DIR] <command>

Commands:
  segment FILE                         the statements of a .txt/.md file
  import FILE|URL [--title T] [--allow-private-network]
                                       add an article to the library (a file, or an
                                       http(s) page fetched as the app's Fetch does); a JSON
                                       report (export --format json) comes back with its verdicts;
                                       a page on this computer or the local network is refused
                                       unless --allow-private-network is given
  list                                 the articles with their counts
  show ID                              one article with its statements
  mark ID INDEX --verdict V [--quote Q] [--source-title T] [--source-url U]
                [--publisher P] [--source-date YYYY-MM-DD] [--note N]
                [--explanation TEXT] [--claimant NAME]
                [--source-file FILE] [--role supports|contradicts|context]
                                       record a verdict for statement INDEX (1 = first);
                                       --source-file attaches FILE and checks the quote in it;
                                       --explanation is public (every report), --note internal
  correct ID INDEX --date YYYY-MM-DD --change TEXT --why TEXT [--verdict V]
                                       record a correction after publication (V: the corrected
                                       verdict; the same verdict when only the text changed)
  attach ID FILE|URL [--allow-private-network]
                                       attach a source document (.pdf .docx .html .txt .md),
                                       or a web page by its http(s) address
  edit ID [--title T] [--outlet O] [--author A] [--published YYYY-MM-DD] [--url U]
          [--fact-check-url U]        change the article's details (--fact-check-url: where
                                       the desk's fact-check is published; ClaimReview's url)
  edit-text ID FILE                    replace the article's text with FILE's; verdicts follow
                                       their sentences, those edited out are kept as orphaned
  split ID INDEX --at N                split statement INDEX N characters from its start
  merge ID INDEX                       merge statement INDEX with the next one
  delete ID                            move an article to the trash (kept 30 days)
  trash                                the articles in the trash
  restore ID                           bring an article back from the trash
  search [TEXT] [--verdict V] [--review signed-off|awaiting] [--by NAME]
         [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                                       statements, quotes, sources and notes across the library
  sign-off ID INDEX                    sign off the verdict of statement INDEX as the editor
                                       in settings (never the editor who gave it)
  settings [--editor NAME] [--newsroom NAME] [--newsroom-url URL]
                                       change what is given; prints the settings
  verify-quote --source FILE --quote Q [--statement S]
                                       is the quote in FILE, and what of S does it not support
  similar ID INDEX [--limit N]         earlier checks of statement INDEX's claim, best first
                                       (default 10), with the numbers, dates and names that differ
  claimreview import FILE              add other publishers' fact-checks (ClaimReview JSON-LD,
                                       or a fact-check page carrying it) to match against
  export ID --format FORMAT --out FILE [--signed-off-only] [--no-unchecked] [--internal]
  export --all --format FORMAT --out DIR                                    [--include-unsigned]
                                       the fact-check report of one article, or of every
                                       article in the library (progress on stderr). Public
                                       by default: explanations, no internal notes; unchecked
                                       statements listed, unsigned verdicts marked "awaiting
                                       sign-off". --signed-off-only: only signed-off verdicts;
                                       --no-unchecked: unchecked statements counted, not listed;
                                       --internal: internal notes, history, who checked what;
                                       --include-unsigned: ClaimReview publishes unsigned verdicts
                                       (signed-off only by default). Warnings on stderr
                                       FORMAT: ${REPORT_FORMATS.join('|')}
                                       pdf needs Chromium ($CHROMIUM_PATH or installed);
                                       claimreview needs the newsroom set in Settings

The desk (a newsroom's CouchDB, shared by its editors):
  desk setup URL --admin NAME          create the desk database URL (e.g. https://couch.example/newsdesk),
                                       its rules and members-only access; password in
                                       $FACTDESK_DESK_ADMIN_PASSWORD, members in $FACTDESK_DESK_MEMBERS (a,b,c)
  desk connect URL --user NAME         check the account and remember the desk for this store;
                                       password in $FACTDESK_DESK_PASSWORD (never stored)
  sync                                 push and pull once with the remembered desk
                                       (password in $FACTDESK_DESK_PASSWORD)
  desk status                          the desk, the user, the last sync, conflicts
  assign ID [INDEX] --assignee NAME [--reviewer NAME] [--due YYYY-MM-DD]
                                       give the article (or statement INDEX) to an editor;
                                       --assignee '' takes it back
  work                                 the signed-in editor's lists: assigned to me,
                                       awaiting my sign-off, overdue
  settle ID INDEX                      keep the version shown of statement INDEX, flagged by
                                       the desk as changed by two editors while apart
  desk disconnect                      forget the desk (the articles stay in the store)

The store is $FACTDESK_STORE, or --store DIR, or the app's own library.
An ID that begins with "-" can be given as it is, or after "--" (factdesk show -- -x3R26VSrMxK).`;

const HELP = Symbol('help');

const OPTIONS = {
  store: { type: 'string' },
  title: { type: 'string' },
  verdict: { type: 'string' },
  quote: { type: 'string' },
  'source-title': { type: 'string' },
  'source-url': { type: 'string' },
  publisher: { type: 'string' },
  'source-date': { type: 'string' },
  note: { type: 'string' },
  explanation: { type: 'string' },
  claimant: { type: 'string' },
  'fact-check-url': { type: 'string' },
  date: { type: 'string' },
  change: { type: 'string' },
  why: { type: 'string' },
  'signed-off-only': { type: 'boolean' },
  'no-unchecked': { type: 'boolean' },
  internal: { type: 'boolean' },
  'include-unsigned': { type: 'boolean' },
  format: { type: 'string' },
  out: { type: 'string' },
  all: { type: 'boolean' },
  source: { type: 'string' },
  statement: { type: 'string' },
  'source-file': { type: 'string' },
  role: { type: 'string' },
  editor: { type: 'string' },
  newsroom: { type: 'string' },
  'newsroom-url': { type: 'string' },
  limit: { type: 'string' },
  outlet: { type: 'string' },
  author: { type: 'string' },
  published: { type: 'string' },
  url: { type: 'string' },
  at: { type: 'string' },
  review: { type: 'string' },
  by: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  admin: { type: 'string' },
  user: { type: 'string' },
  'allow-private-network': { type: 'boolean' },
  assignee: { type: 'string' },
  reviewer: { type: 'string' },
  due: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type Options = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  let parsed;
  const { args, restore } = protectIds(argv);
  try {
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(describeParseError(err as Error & { code?: string }), true);
  }
  parsed = {
    values: Object.fromEntries(Object.entries(parsed.values).map(([k, value]) => [k, restore(value)])) as typeof parsed.values,
    positionals: parsed.positionals.map(restore),
  };
  const checked = v.safeParse(ArgumentsSchema, parsed);
  if (!checked.success) throw new UsageError(describeArgumentIssue(checked.issues[0]));
  return parsed;
}

/**
 * The store's ids are 12 characters of base64url, so ids it handed out before it stopped
 * starting them with "-" look like options (`-x3R26VSrMxK`). Such an argument is no option
 * Factdesk has, so it is read as the id it is. Argument strings can never hold a NUL, which
 * makes a NUL-marked stand-in safe to pass through parseArgs and swap back afterwards.
 */
const ID_FORM = /^-[A-Za-z0-9_-]{11}$/;
function protectIds(argv: string[]) {
  const ids: string[] = [];
  const known = (arg: string) => Object.hasOwn(OPTIONS, arg.replace(/^--?/, ''));
  const args = argv.map((arg, i) => {
    // After "--" every argument is positional already.
    if (argv.slice(0, i).includes('--') || !ID_FORM.test(arg) || known(arg)) return arg;
    ids.push(arg);
    return `\u0000${ids.length - 1}`;
  });
  const restore = <T>(value: T): T =>
    (typeof value === 'string' && value.startsWith('\u0000') ? ids[Number(value.slice(1))] : value) as T;
  return { args, restore };
}

/** parseArgs' messages point at its own syntax ("'--title=-XYZ'", "as in '-- \"-x\"'"); these name ours. */
function describeParseError(err: Error & { code?: string }): string {
  const option = /'(-[^' ]*)/.exec(err.message)?.[1] ?? '';
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Unknown option '${option}'.`;
  if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/does not take/.test(err.message)) return `${option} takes no value.`;
    if (/ambiguous/.test(err.message)) return `${option} needs a value; for one that begins with "-", write ${option}=VALUE.`;
    return `${option} needs a value.`;
  }
  return err.message.split('\n')[0]!;
}

// Every option and argument is checked before anything is opened: types, lengths and counts,
// with the limits the store itself applies (domain/schema.ts), so a mistake is named up front.
const noNul = v.regex(/^[^\u0000]*$/, 'contains a NUL character');
const pathArg = v.pipe(v.string(), v.minLength(1, 'is empty'), v.maxLength(4096, 'is longer than 4096 characters'), noNul);
const text = (max: number) => v.optional(v.pipe(v.string(), v.maxLength(max, `is longer than ${max.toLocaleString('en')} characters`)));
const optionalDate = v.optional(v.union([v.literal(''), v.pipe(v.string(), v.isoDate('must be a date as YYYY-MM-DD'))]));
const optionalLink = v.optional(
  v.union([
    v.literal(''),
    v.pipe(v.string(), v.maxLength(2048, 'is longer than 2048 characters'), v.regex(/^https?:\/\/[^\s/]+\S*$/i, 'must be an http:// or https:// link')),
  ]),
);
// strictObject: an option added to OPTIONS must be given its rule here too.
const ArgumentsSchema = v.object({
  values: v.strictObject({
    store: v.optional(pathArg),
    title: text(500),
    // The vocabulary is checked where the app checks it (markStatement's schema), with the same message.
    verdict: text(64),
    quote: text(20_000),
    'source-title': text(500),
    'source-url': optionalLink,
    publisher: text(500),
    'source-date': optionalDate,
    note: text(20_000),
    explanation: text(20_000),
    claimant: text(500),
    'fact-check-url': optionalLink,
    date: v.optional(v.pipe(v.string(), v.isoDate('must be a date as YYYY-MM-DD'))),
    change: text(20_000),
    why: text(20_000),
    'signed-off-only': v.optional(v.boolean()),
    'no-unchecked': v.optional(v.boolean()),
    internal: v.optional(v.boolean()),
    'include-unsigned': v.optional(v.boolean()),
    format: v.optional(v.picklist(REPORT_FORMATS, `must be one of ${REPORT_FORMATS.join(', ')}`)),
    out: v.optional(pathArg),
    all: v.optional(v.boolean()),
    source: v.optional(pathArg),
    statement: text(20_000),
    'source-file': v.optional(pathArg),
    role: v.optional(v.picklist(SOURCE_ROLES, `must be one of ${SOURCE_ROLES.join(', ')}`)),
    editor: text(200),
    newsroom: text(200),
    'newsroom-url': optionalLink,
    limit: v.optional(
      v.pipe(v.string(), v.regex(/^[0-9]{1,2}$/, 'must be a number from 1 to 50'), v.check((n) => Number(n) >= 1 && Number(n) <= 50, 'must be a number from 1 to 50')),
    ),
    outlet: text(500),
    author: text(500),
    published: optionalDate,
    url: optionalLink,
    at: v.optional(v.pipe(v.string(), v.regex(/^[1-9]\d{0,6}$/, 'must be a number of characters from the start of the statement'))),
    review: v.optional(v.picklist(['signed-off', 'awaiting'], 'must be signed-off or awaiting')),
    by: text(200),
    from: optionalDate,
    to: optionalDate,
    admin: text(200),
    user: text(200),
    'allow-private-network': v.optional(v.boolean()),
    assignee: text(500),
    reviewer: text(500),
    due: optionalDate,
    help: v.optional(v.boolean()),
  }),
  // The longest command is `mark ID INDEX`.
  positionals: v.pipe(v.array(pathArg), v.maxLength(3, 'has too many arguments: no command takes more than two')),
});

function describeArgumentIssue(issue: v.BaseIssue<unknown> | undefined): string {
  const [group, key] = issue?.path?.map((p) => p.key) ?? [];
  const what = group === 'values' ? `--${String(key)}` : typeof key === 'number' ? `Argument ${key + 1}` : 'The command';
  return `${what} ${issue?.message ?? 'is not valid'}.`;
}

const COMMANDS: Record<string, Command> = {
  ...ARTICLE_COMMANDS,
  ...STATEMENT_COMMANDS,
  ...REPORT_COMMANDS,
  ...SEARCH_COMMANDS,
  ...DESK_COMMANDS,
};

async function run(argv: string[]): Promise<unknown> {
  const { values, positionals } = parse(argv);
  const [command, ...args] = positionals;
  if (values.help) return HELP;
  if (!command) throw new UsageError('No command given.', true);
  if (!Object.hasOwn(COMMANDS, command)) throw new UsageError(`Unknown command "${command}".`, true);
  return COMMANDS[command]!(args, values, values.store ?? defaultStoreDir());
}

async function main(): Promise<void> {
  try {
    const output = await run(process.argv.slice(2));
    process.stdout.write(output === HELP ? `${USAGE}\n` : `${JSON.stringify(output, null, 2)}\n`);
  } catch (err) {
    const usage = err instanceof UsageError;
    const message = err instanceof UserError || usage ? err.message : `Unexpected error: ${(err as Error)?.message ?? err}`;
    process.stderr.write(`factdesk: ${message}\n${usage && err.withUsage ? `\n${USAGE}\n` : ''}`);
    process.exitCode = usage ? 2 : 1;
  }
}

void main();
