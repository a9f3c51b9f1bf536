#!/usr/bin/env node
/**
 * `factdesk`: the app's store and services without Electron, for newsroom scripts and tests.
 * Every command goes through the same handlers (and so the same validation) as the app.
 * Output is JSON on stdout; an error is one line on stderr and a non-zero exit.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { REPORT_FORMATS, type FactdeskApi, type ReportFormat, type ReportScope } from '../api/contract';
import { createHandlers, validatedApi, type Host } from '../main/handlers';
import { UserError } from '../store/errors';
import { defaultStoreDir } from '../store/location';
import type { Article, DocumentRef, StatementPatch, StoreNotice } from '../domain/schema';
import { emptySource, SOURCE_ROLES, type Verdict } from '../domain/verdicts';
import { verifyQuoteInFile } from '../services/evidence';
import { Store } from '../store/store';
import { segment } from '../services/segment';
// Files from strangers are read in a worker with a time and memory budget, as in the app.
import { importArticleFile } from '../services/isolate';
import type { ChromiumPrinter } from '../services/report/pdf';
import { removeStalePrintFolders } from '../services/report/files';
import { connectDesk, Desk, forgetDesk, readDeskState, setupDesk } from '../services/desk';

/** The browser driver is loaded only by a command that prints a PDF: every other command starts faster. */
const loadPdf = () => import('../services/report/pdf');
const printPdfWithChromium = async (html: string) => (await loadPdf()).printPdfWithChromium(html);

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
  desk disconnect                      forget the desk (the articles stay in the store)

The store is $FACTDESK_STORE, or --store DIR, or the app's own library.
An ID that begins with "-" can be given as it is, or after "--" (factdesk show -- -x3R26VSrMxK).`;

/** A mistake in how the command was called: exit 2; `withUsage` also prints the usage. */
class UsageError extends Error {
  constructor(
    message: string,
    readonly withUsage = false,
  ) {
    super(message);
  }
}
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

type Options = ReturnType<typeof parse>['values'];

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
    'source-url': v.optional(
      v.union([
        v.literal(''),
        v.pipe(
          v.string(),
          v.maxLength(2048, 'is longer than 2048 characters'),
          v.regex(/^https?:\/\/[^\s/]+\S*$/i, 'must be an http:// or https:// link'),
        ),
      ]),
    ),
    publisher: text(500),
    'source-date': v.optional(v.union([v.literal(''), v.pipe(v.string(), v.isoDate('must be a date as YYYY-MM-DD'))])),
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
    'newsroom-url': v.optional(
      v.union([
        v.literal(''),
        v.pipe(
          v.string(),
          v.maxLength(2048, 'is longer than 2048 characters'),
          v.regex(/^https?:\/\/[^\s/]+\S*$/i, 'must be an http:// or https:// link'),
        ),
      ]),
    ),
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

async function run(argv: string[]): Promise<unknown> {
  const { values, positionals } = parse(argv);
  const [command, ...args] = positionals;
  if (values.help) return HELP;
  if (!command) throw new UsageError('No command given.', true);
  const dir = values.store ?? defaultStoreDir();

  switch (command) {
    case 'segment': {
      const [file] = need(args, 1, 'segment FILE');
      return segment((await importArticleFile(file)).text);
    }
    case 'list':
      return withStore(dir, true, (api) => api.listArticles());
    case 'show': {
      const [id] = need(args, 1, 'show ID');
      return withStore(dir, true, async (api) => showArticle(await api.getArticle(id)));
    }
    case 'import': {
      const [file] = need(args, 1, 'import FILE|URL');
      if (/^https?:\/\//i.test(file)) {
        // The app's Fetch: the same handler, so the same limits, timeouts and messages.
        return withStore(dir, false, async (api) => {
          // Like the app's question: a page on this computer or the newsroom's network only when asked for.
          const draft = await api.importUrl(file, { allowPrivateNetwork: values['allow-private-network'] ?? false });
          const article = await api.createArticle({ ...draft, title: values.title ?? draft.title });
          return { id: article.id, title: article.title, statements: article.statements.length };
        });
      }
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) {
        throw new UsageError(`import takes a file or an http:// or https:// address; "${file.slice(0, 80)}" is neither.`);
      }
      if (/\.json$/i.test(file)) {
        return withStore(
          dir,
          false,
          async (api) => {
            let article = (await api.importReport())!;
            if (values.title) article = await api.updateArticle(article.id, { title: values.title });
            const checked = article.statements.filter((s) => s.verdict !== 'unchecked').length;
            return { id: article.id, title: article.title, statements: article.statements.length, checked };
          },
          { reportFile: path.resolve(file) },
        );
      }
      const draft = await importArticleFile(file);
      return withStore(dir, false, async (api) => {
        const article = await api.createArticle({ ...draft, title: values.title ?? draft.title });
        return { id: article.id, title: article.title, statements: article.statements.length };
      });
    }
    case 'mark': {
      const [id, index] = need(args, 2, 'mark ID INDEX --verdict V');
      const sourceFile = values['source-file'] ? path.resolve(values['source-file']) : undefined;
      return withStore(
        dir,
        false,
        async (api) => {
          const article = await api.getArticle(id);
          const statement = statementAt(article, index);
          const document = sourceFile ? await api.attachSourceFile(id) : null;
          return api.markStatement(id, statement.id, markPatch(values, statement.sources, document));
        },
        { sourceFile },
      );
    }
    case 'correct': {
      const [id, index] = need(args, 2, 'correct ID INDEX --date YYYY-MM-DD --change TEXT --why TEXT [--verdict V]');
      if (!values.date || !values.change || !values.why) throw new UsageError('correct needs --date, --change and --why.');
      return withStore(dir, false, async (api) => {
        const statement = statementAt(await api.getArticle(id), index);
        const verdict = (values.verdict ?? statement.verdict) as StatementPatch['verdict'] & string;
        return api.correctStatement(id, statement.id, { date: values.date!, change: values.change!, reason: values.why!, verdict });
      });
    }
    case 'attach': {
      const [id, file] = need(args, 2, 'attach ID FILE|URL');
      // A web page as a source: fetched and stored as the app's "Add a web page" does.
      if (/^https?:\/\//i.test(file)) {
        const options = { allowPrivateNetwork: values['allow-private-network'] ?? false };
        return withStore(dir, false, (api) => api.attachSourceUrl(id, file, options));
      }
      return withStore(dir, false, (api) => api.attachSourceFile(id), { sourceFile: path.resolve(file) });
    }
    case 'edit': {
      const [id] = need(args, 1, 'edit ID [--title T] [--outlet O] [--author A] [--published YYYY-MM-DD] [--url U]');
      const patch = definedOnly({
        title: values.title,
        outlet: values.outlet,
        author: values.author,
        publishedAt: values.published,
        url: values.url,
        factCheckUrl: values['fact-check-url'],
      });
      if (!Object.keys(patch).length) throw new UsageError('edit needs --title, --outlet, --author, --published, --url or --fact-check-url.');
      return withStore(dir, false, async (api) => summary(await api.updateArticle(id, patch)));
    }
    case 'edit-text': {
      const [id, file] = need(args, 2, 'edit-text ID FILE');
      const { text } = await importArticleFile(file);
      return withStore(dir, false, async (api) => {
        const article = await api.editArticleText(id, text);
        return { ...summary(article), orphaned: article.orphaned.length };
      });
    }
    case 'split': {
      const [id, index] = need(args, 2, 'split ID INDEX --at N');
      if (!values.at) throw new UsageError('Usage: factdesk split ID INDEX --at N (N: characters from the start of the statement)');
      return withStore(dir, false, async (api) => {
        const statement = statementAt(await api.getArticle(id), index);
        return showArticle(await api.splitStatement(id, statement.id, Number(values.at))).statements.slice(Number(index) - 1, Number(index) + 1);
      });
    }
    case 'merge': {
      const [id, index] = need(args, 2, 'merge ID INDEX');
      return withStore(dir, false, async (api) => {
        const statement = statementAt(await api.getArticle(id), index);
        return showArticle(await api.mergeWithNext(id, statement.id)).statements[Number(index) - 1];
      });
    }
    case 'delete': {
      const [id] = need(args, 1, 'delete ID');
      return withStore(dir, false, async (api) => {
        await api.deleteArticle(id);
        return { deleted: id };
      });
    }
    case 'trash':
      return withStore(dir, true, (api) => api.listTrash());
    case 'restore': {
      const [id] = need(args, 1, 'restore ID');
      return withStore(dir, false, (api) => api.restoreArticle(id));
    }
    case 'search': {
      if (args.length > 1) throw new UsageError('Usage: factdesk search [TEXT] [--verdict V] [--review signed-off|awaiting] [--by NAME] [--from D] [--to D]');
      const query = {
        text: args[0] ?? '',
        ...definedOnly({ verdict: values.verdict as Verdict | undefined, review: values.review as 'signed-off' | 'awaiting' | undefined, editor: values.by, from: values.from, to: values.to }),
      };
      return withStore(dir, true, (api) => api.search(query));
    }
    case 'sign-off': {
      const [id, index] = need(args, 2, 'sign-off ID INDEX');
      return withStore(dir, false, async (api) => {
        const statement = statementAt(await api.getArticle(id), index);
        return api.signOff(id, statement.id);
      });
    }
    case 'settings': {
      if (args.length) throw new UsageError('Usage: factdesk settings [--editor NAME] [--newsroom NAME] [--newsroom-url URL]');
      const patch = definedOnly({ editorName: values.editor, newsroomName: values.newsroom, newsroomUrl: values['newsroom-url'] });
      if (!Object.keys(patch).length) return withStore(dir, true, (api) => api.getSettings());
      return withStore(dir, false, (api) => api.updateSettings(patch));
    }
    case 'verify-quote': {
      if (!values.source || values.quote === undefined) {
        throw new UsageError('Usage: factdesk verify-quote --source FILE --quote Q [--statement S]');
      }
      return verifyQuoteInFile(values.source, values.quote, values.statement);
    }
    case 'similar': {
      const [id, index] = need(args, 2, 'similar ID INDEX [--limit N]');
      const limit = Number(values.limit ?? 10);
      return withStore(dir, true, async (api) => {
        const statement = statementAt(await api.getArticle(id), index);
        const found = await api.earlierChecks(id, statement.id, limit);
        return found.map((c) => ({
          articleId: c.origin === 'newsroom' ? c.articleId : null,
          index: c.origin === 'newsroom' ? c.index : null,
          text: c.text,
          verdict: c.verdict,
          checkedAt: c.checkedAt,
          checkedBy: c.checkedBy,
          score: c.score,
          differences: c.differences,
          // Another publisher's check says so, with its own rating and page.
          ...(c.origin === 'published' ? { publisher: c.publisher, rating: c.rating, url: c.url } : {}),
        }));
      });
    }
    case 'claimreview': {
      const [sub, file] = need(args, 2, 'claimreview import FILE');
      if (sub !== 'import') throw new UsageError('Usage: factdesk claimreview import FILE');
      return withStore(dir, false, (api) => api.importPublishedChecks(), { publishedChecksFile: path.resolve(file) });
    }
    case 'export': {
      // A PDF export killed midway leaves the report's HTML in a temp folder: remove what the dead left.
      await removeStalePrintFolders();
      const format = values.format as ReportFormat;
      if (!REPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}.`);
      if (values.all) {
        if (args.length) throw new UsageError('export --all exports every article: give no ID.');
        if (!values.out) throw new UsageError('export --all needs --out DIR.');
        return exportAll(dir, format, path.resolve(values.out), reportScope(values));
      }
      const [id] = need(args, 1, 'export ID --format FORMAT --out FILE');
      if (!values.out) throw new UsageError('export needs --out FILE.');
      const out = path.resolve(values.out);
      await fs.access(path.dirname(out)).catch(() => {
        throw new UserError('write-failed', `The folder ${path.dirname(out)} does not exist.`);
      });
      const saved = await withStore(dir, true, (api) => api.exportReport(id, format, reportScope(values)), { reportPath: out });
      for (const warning of saved?.warnings ?? []) process.stderr.write(`factdesk: warning: ${warning}\n`);
      return saved;
    }
    case 'desk':
      return deskCommand(dir, args, values);
    case 'assign': {
      const [id] = need(args, 1, 'assign ID [INDEX] --assignee NAME [--reviewer NAME] [--due YYYY-MM-DD]');
      const index = args[1];
      if (values.assignee === undefined) throw new UsageError('assign needs --assignee NAME (or --assignee "" to take it back).');
      const assignment = values.assignee ? { to: values.assignee, reviewer: values.reviewer ?? '', due: values.due ?? '' } : null;
      return withStore(dir, false, async (api) => {
        const statementId = index === undefined ? null : statementAt(await api.getArticle(id), index).id;
        const article = await api.assign(id, statementId, assignment);
        const target = statementId ? article.statements.find((s) => s.id === statementId) : article;
        return { id: article.id, index: index === undefined ? null : Number(index), assignment: target?.assignment ?? null };
      });
    }
    case 'work':
      return withStore(dir, true, (api) => api.workLists());
    case 'sync': {
      const password = deskPassword('FACTDESK_DESK_PASSWORD');
      return withStore(dir, false, async (_api, store) => {
        const desk = await Desk.open(store, password);
        // PouchDB can reject a request nobody awaits when the server goes away mid-pull; the
        // sync's own promise carries that failure, so this one is only noise.
        const ignore = () => undefined;
        process.on('unhandledRejection', ignore);
        try {
          return await desk.sync();
        } finally {
          await desk.close();
          process.off('unhandledRejection', ignore);
        }
      });
    }
    default:
      throw new UsageError(`Unknown command "${command}".`, true);
  }
}

/** The positional arguments a command needs, or a usage error naming them. */
function need(args: string[], count: 1, usage: string): [string];
function need(args: string[], count: 2, usage: string): [string, string];
function need(args: string[], count: number, usage: string): string[] {
  if (args.length < count) throw new UsageError(`Usage: factdesk ${usage}`);
  return args;
}

async function withStore<T>(
  dir: string,
  readOnly: boolean,
  work: (api: FactdeskApi, store: Store) => Promise<T>,
  hostOptions: {
    reportPath?: string | ((defaultName: string) => string);
    reportFile?: string;
    sourceFile?: string;
    publishedChecksFile?: string;
    printPdf?: (html: string) => Promise<Uint8Array>;
  } = {},
): Promise<T> {
  const store = await Store.open(dir, { readOnly, by: 'a factdesk command' });
  const desk = await readDeskState(dir).catch(() => null);
  const { reportPath, reportFile, sourceFile, publishedChecksFile, printPdf = printPdfWithChromium } = hostOptions;
  const host: Host = {
    chooseArticleFile: async () => null,
    chooseReportPath: async (defaultName) => (typeof reportPath === 'function' ? reportPath(defaultName) : (reportPath ?? null)),
    openExternal: async () => undefined,
    printPdf: (html) => printPdf(html),
    chooseReportFile: async () => reportFile ?? null,
    chooseSourceFile: async () => sourceFile ?? null,
    choosePublishedChecksFile: async () => publishedChecksFile ?? null,
    signedInUser: () => desk?.user ?? null,
  };
  try {
    return await work(validatedApi(createHandlers(store, host)), store);
  } finally {
    // Files the store found damaged (and restored from a backup, where it could), said as the app says it.
    for (const notice of store.notices) process.stderr.write(`factdesk: ${describeNotice(notice)}\n`);
    await store.close();
  }
}

function describeNotice(notice: StoreNotice): string {
  return [
    notice.problem,
    notice.restoredFrom ? `The last good copy was restored from ${notice.restoredFrom}.` : 'No good copy was found.',
    notice.movedTo ? `The damaged file was kept at ${notice.movedTo}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * `export --all`: every article of the library into one folder, each under the name the app
 * would suggest (made unique), through the same handler as a single export. Progress goes to
 * stderr; an article that fails is reported and the others still exported.
 */
/** What `export` includes, from its flags; unset flags keep the public defaults. */
function reportScope(values: Options): Partial<ReportScope> {
  return definedOnly({
    signedOffOnly: values['signed-off-only'],
    includeUnchecked: values['no-unchecked'] ? false : undefined,
    internal: values.internal,
    includeUnsigned: values['include-unsigned'],
  });
}

async function exportAll(dir: string, format: ReportFormat, outDir: string, scope: Partial<ReportScope> = {}) {
  await fs.mkdir(outDir, { recursive: true }).catch((err) => {
    throw new UserError('write-failed', `Could not create the folder ${outDir}: ${(err as Error).message}`);
  });
  const taken = new Set<string>();
  const unique = (name: string) => {
    const ext = path.extname(name);
    let candidate = name;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${name.slice(0, -ext.length)}-${n}${ext}`;
    taken.add(candidate.toLowerCase());
    return path.join(outDir, candidate);
  };
  // One browser prints every PDF of the run, started on the first.
  let printer: Promise<ChromiumPrinter> | null = null;
  const printPdf = async (html: string) => (await (printer ??= loadPdf().then((pdf) => pdf.ChromiumPrinter.launch()))).print(html);
  try {
    return await withStore(
      dir,
      true,
      async (api) => {
        const articles = await api.listArticles();
        const files: { id: string; title: string; path: string }[] = [];
        const failed: { id: string; title: string; error: string }[] = [];
        for (const [i, article] of articles.entries()) {
          const step = `[${i + 1}/${articles.length}]`;
          try {
            const saved = (await api.exportReport(article.id, format, scope))!;
            for (const warning of saved.warnings ?? []) process.stderr.write(`factdesk: ${step} warning: ${warning}\n`);
            files.push({ id: article.id, title: article.title, path: saved.path });
            process.stderr.write(`factdesk: ${step} ${path.basename(saved.path)}\n`);
          } catch (err) {
            if (!(err instanceof UserError)) throw err;
            // The same failure for the first article and every later one (no newsroom, no Chromium) stops the run.
            if (i === 0 && articles.length > 1 && err.code !== 'not-found') throw err;
            failed.push({ id: article.id, title: article.title, error: err.message });
            process.stderr.write(`factdesk: ${step} failed: ${article.title}: ${err.message}\n`);
          }
        }
        if (failed.length) process.exitCode = 1;
        return { format, dir: outDir, exported: files.length, failed, files };
      },
      { reportPath: unique, printPdf },
    );
  } finally {
    const started = await (printer as Promise<ChromiumPrinter> | null)?.catch(() => null);
    await started?.close();
  }
}

function statementAt(article: Article, index: string) {
  // Digits only: Number() would also take "1e0", "0x1" and " 1 ".
  const statement = /^[1-9][0-9]*$/.test(index) ? article.statements[Number(index) - 1] : undefined;
  if (!statement) {
    throw new UsageError(`INDEX must be a statement number from 1 to ${article.statements.length}; got "${index}".`);
  }
  return statement;
}

function markPatch(
  values: Options,
  sources: Article['statements'][number]['sources'],
  document: DocumentRef | null = null,
): StatementPatch {
  const patch: StatementPatch = {};
  if (values.verdict !== undefined) patch.verdict = values.verdict as StatementPatch['verdict'];
  if (values.note !== undefined) patch.note = values.note;
  if (values.explanation !== undefined) patch.explanation = values.explanation;
  if (values.claimant !== undefined) patch.claimant = values.claimant;
  const source = {
    quote: values.quote,
    title: values['source-title'],
    url: values['source-url'],
    publisher: values.publisher,
    publishedAt: values['source-date'],
    role: values.role,
    documentId: document?.id,
    file: document?.name,
  };
  if (Object.values(source).some((value) => value !== undefined)) {
    const first = { ...(sources[0] ?? emptySource()) };
    for (const [key, value] of Object.entries(source)) if (value !== undefined) Object.assign(first, { [key]: value });
    patch.sources = [first, ...sources.slice(1)];
  }
  if (!Object.keys(patch).length) throw new UsageError('mark needs --verdict, --explanation, --note, --claimant or a source option.');
  return patch;
}

/** An article as `import` prints it. */
function summary(article: Article) {
  return { id: article.id, title: article.title, statements: article.statements.length };
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** `factdesk desk setup|connect|status|disconnect`. Passwords come from the environment, each time. */
async function deskCommand(dir: string, args: string[], values: Options) {
  const [sub, url] = args;
  switch (sub) {
    case 'setup': {
      if (!url || !values.admin) throw new UsageError('Usage: factdesk desk setup URL --admin NAME');
      const members = (process.env.FACTDESK_DESK_MEMBERS ?? '')
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean);
      return setupDesk(url, { name: values.admin, password: deskPassword('FACTDESK_DESK_ADMIN_PASSWORD') }, members);
    }
    case 'connect': {
      if (!url || !values.user) throw new UsageError('Usage: factdesk desk connect URL --user NAME');
      const password = deskPassword('FACTDESK_DESK_PASSWORD');
      return withStore(dir, false, async (_api, store) => {
        const state = await connectDesk(store, { url, user: values.user!, password });
        return { connected: true, url: state.url, user: state.user };
      });
    }
    case 'status': {
      const state = await readDeskState(dir);
      if (!state) return { connected: false };
      return {
        connected: true,
        url: state.url,
        user: state.user,
        lastSyncAt: state.lastSyncAt,
        conflicts: state.conflicted.length,
      };
    }
    case 'disconnect':
      return withStore(dir, false, async (_api, store) => ({ disconnected: await forgetDesk(store.dir) }));
    default:
      throw new UsageError('Usage: factdesk desk setup|connect|status|disconnect (see factdesk --help)');
  }
}

function deskPassword(variable: string): string {
  const password = process.env[variable];
  if (!password) throw new UsageError(`Set ${variable} to the desk password; Factdesk does not store it.`);
  return password;
}

function showArticle(article: Article) {
  // A desk conflict is spelled out beside the statement ("Changed by ana and ben while apart").
  return {
    ...article,
    statements: article.statements.map((s, i) => ({ index: i + 1, ...s, ...(s.deskConflict ? { conflict: s.deskConflict.message } : {}) })),
  };
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
