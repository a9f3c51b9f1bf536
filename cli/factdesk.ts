#!/usr/bin/env node
/**
 * `factdesk`: the app's store and services without Electron, for newsroom scripts and tests.
 * Every command goes through the same handlers (and so the same validation) as the app.
 * Output is JSON on stdout; an error is one line on stderr and a non-zero exit.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPORT_FORMATS, type ApiMethod, type FactdeskApi, type ReportFormat } from '../api/contract';
import { createHandlers, dispatch, type Host } from '../main/handlers';
import { UserError } from '../store/errors';
import { defaultStoreDir } from '../store/location';
import { emptySource, type Article, type StatementPatch } from '../store/schema';
import { Store } from '../store/store';
import { segment } from '../services/segment';
import { importArticleFile } from '../services/import';

const USAGE = `Usage: factdesk [--store DIR] <command>

Commands:
  segment FILE                         the statements of a .txt/.md file
  import FILE [--title T]              add an article to the library
  list                                 the articles with their counts
  show ID                              one article with its statements
  mark ID INDEX --verdict V [--quote Q] [--source-title T] [--source-url U]
                [--publisher P] [--source-date YYYY-MM-DD] [--note N]
                                       record a verdict for statement INDEX (1 = first)
  export ID --format md|html|json --out FILE

The store is $FACTDESK_STORE, or --store DIR, or the app's own library.`;

class UsageError extends Error {}
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
  format: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Options = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

async function run(argv: string[]): Promise<unknown> {
  const { values, positionals } = parse(argv);
  const [command, ...args] = positionals;
  if (values.help || !command) return HELP;
  const dir = values.store ?? defaultStoreDir();

  switch (command) {
    case 'segment': {
      const [file] = need(args, 1, 'segment FILE');
      return segment((await importArticleFile(file)).text);
    }
    case 'list':
      return withStore(dir, true, (api) => call(api, 'listArticles'));
    case 'show': {
      const [id] = need(args, 1, 'show ID');
      return withStore(dir, true, async (api) => showArticle(await call(api, 'getArticle', id)));
    }
    case 'import': {
      const [file] = need(args, 1, 'import FILE');
      const draft = await importArticleFile(file);
      return withStore(dir, false, async (api) => {
        const article = await call(api, 'createArticle', { ...draft, title: values.title ?? draft.title });
        return { id: article.id, title: article.title, statements: article.statements.length };
      });
    }
    case 'mark': {
      const [id, index] = need(args, 2, 'mark ID INDEX --verdict V');
      return withStore(dir, false, async (api) => {
        const article = await call(api, 'getArticle', id);
        const statement = statementAt(article, index);
        return call(api, 'markStatement', id, statement.id, markPatch(values, statement.sources));
      });
    }
    case 'export': {
      const [id] = need(args, 1, 'export ID --format FORMAT --out FILE');
      const format = values.format as ReportFormat;
      if (!REPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}.`);
      if (!values.out) throw new UsageError('export needs --out FILE.');
      const out = path.resolve(values.out);
      await fs.access(path.dirname(out)).catch(() => {
        throw new UserError('write-failed', `The folder ${path.dirname(out)} does not exist.`);
      });
      return withStore(dir, true, (api) => call(api, 'exportReport', id, format), { reportPath: out });
    }
    default:
      throw new UsageError(`Unknown command "${command}". Run factdesk --help for the list.`);
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
  work: (api: FactdeskApi) => Promise<T>,
  hostOptions: { reportPath?: string } = {},
): Promise<T> {
  const store = await Store.open(dir, { readOnly, by: 'a factdesk command' });
  const host: Host = {
    chooseArticleFile: async () => null,
    chooseReportPath: async () => hostOptions.reportPath ?? null,
    openExternal: async () => undefined,
  };
  try {
    return await work(createHandlers(store, host));
  } finally {
    await store.close();
  }
}

/** Calls a handler through the same validation as IPC, and turns a failure back into an error. */
async function call<K extends ApiMethod>(
  api: FactdeskApi,
  method: K,
  ...args: Parameters<FactdeskApi[K]>
): Promise<Awaited<ReturnType<FactdeskApi[K]>>> {
  const result = await dispatch(api, method, args);
  if (!result.ok) throw new UserError(result.error.code as never, result.error.message);
  return result.value as Awaited<ReturnType<FactdeskApi[K]>>;
}

function statementAt(article: Article, index: string) {
  const n = Number(index);
  const statement = Number.isInteger(n) ? article.statements[n - 1] : undefined;
  if (!statement) {
    throw new UsageError(`INDEX must be a statement number from 1 to ${article.statements.length}; got "${index}".`);
  }
  return statement;
}

function markPatch(values: Options, sources: Article['statements'][number]['sources']): StatementPatch {
  const patch: StatementPatch = {};
  if (values.verdict !== undefined) patch.verdict = values.verdict as StatementPatch['verdict'];
  if (values.note !== undefined) patch.note = values.note;
  const source = {
    quote: values.quote,
    title: values['source-title'],
    url: values['source-url'],
    publisher: values.publisher,
    publishedAt: values['source-date'],
  };
  if (Object.values(source).some((value) => value !== undefined)) {
    const first = { ...(sources[0] ?? emptySource()) };
    for (const [key, value] of Object.entries(source)) if (value !== undefined) Object.assign(first, { [key]: value });
    patch.sources = [first, ...sources.slice(1)];
  }
  if (!Object.keys(patch).length) throw new UsageError('mark needs --verdict, --note or a source option.');
  return patch;
}

function showArticle(article: Article) {
  return { ...article, statements: article.statements.map((s, i) => ({ index: i + 1, ...s })) };
}

async function main(): Promise<void> {
  try {
    const output = await run(process.argv.slice(2));
    process.stdout.write(output === HELP ? `${USAGE}\n` : `${JSON.stringify(output, null, 2)}\n`);
  } catch (err) {
    const usage = err instanceof UsageError;
    const message = err instanceof UserError || usage ? err.message : `Unexpected error: ${(err as Error)?.message ?? err}`;
    process.stderr.write(`factdesk: ${message}\n`);
    process.exitCode = usage ? 2 : 1;
  }
}

void main();
