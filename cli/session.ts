/**
 * What every `factdesk` command that opens the store shares: the command line's own host, the
 * handlers called through the same validation as the app's IPC, the file actions for files named
 * on the command line, and the usage errors every command can raise.
 */
import type { FactdeskApi } from '../api/contract';
import type { Article } from '../domain/schema';
import { fileActions, type Printing } from '../main/file-actions';
import { createHandlers, validatedApi, type Host } from '../main/handlers';
import { UserError } from '../store/errors';
import { Store } from '../store/store';
import type { StoreNotice } from '../domain/schema';

/** A mistake in how the command was called: exit 2; `withUsage` also prints the usage. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly withUsage = false,
  ) {
    super(message);
  }
}

/** The positional arguments a command needs, or a usage error naming them. */
export function need(args: string[], count: 1, usage: string): [string];
export function need(args: string[], count: 2, usage: string): [string, string];
export function need(args: string[], count: number, usage: string): string[] {
  if (args.length < count) throw new UsageError(`Usage: factdesk ${usage}`);
  return args;
}

/** The statement an INDEX names (1 = first). */
export function statementAt(article: Article, index: string) {
  // Digits only: Number() would also take "1e0", "0x1" and " 1 ".
  const statement = /^[1-9][0-9]*$/.test(index) ? article.statements[Number(index) - 1] : undefined;
  if (!statement) {
    throw new UsageError(`INDEX must be a statement number from 1 to ${article.statements.length}; got "${index}".`);
  }
  return statement;
}

export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** An article as `import` and `edit` print it. */
export function summary(article: Article) {
  return { id: article.id, title: article.title, statements: article.statements.length };
}

/** The browser driver is loaded only by a command that prints a PDF: every other command starts faster. */
export const loadPdf = () => import('../services/report/pdf');
const printWithChromium = async (html: string) => (await loadPdf()).printPdfWithChromium(html);

/**
 * The command line's host. It has no dialogs, file manager or browser: a command names its
 * files on the command line and passes them to the file actions itself, so a handler that would
 * open a dialog is a mistake here and says so. PDFs are printed by Chromium.
 */
export function cliHost(signedInUser: string | null, printPdf: Printing['printPdf'] = printWithChromium): Host {
  const none = (what: string) => async (): Promise<never> => {
    throw new UserError('invalid-input', `The factdesk command has no ${what}: name the file on the command line.`);
  };
  return {
    chooseArticleFile: none('open dialog'),
    chooseSourceFile: none('open dialog'),
    chooseReportFile: none('open dialog'),
    choosePublishedChecksFile: none('open dialog'),
    chooseReportPath: none('save dialog'),
    showInFolder: none('file manager'),
    openExternal: none('browser'),
    printPdf,
    signedInUser: () => signedInUser,
    // Nothing syncs live here: `factdesk sync` and `factdesk desk connect` do it on demand.
    desk: null,
  };
}

export interface Session {
  /** The handlers, each call validated as the app's IPC validates it. */
  api: FactdeskApi;
  /** For files named on the command line. */
  files: ReturnType<typeof fileActions>;
  store: Store;
}

/**
 * Opens the store, runs `work` and closes it, telling what the store had to repair.
 * `asEditor`: the command records or lists something under the editor's name, which is the desk
 * user's when this store is connected to a desk (read only then: the desk's code loads PouchDB).
 */
export async function withStore<T>(
  dir: string,
  readOnly: boolean,
  work: (session: Session) => Promise<T>,
  options: { asEditor?: boolean; printPdf?: Printing['printPdf'] } = {},
): Promise<T> {
  const store = await Store.open(dir, { readOnly, by: 'a factdesk command' });
  const asEditor = options.asEditor ?? !readOnly;
  const desk = asEditor ? await (await import('../services/desk')).readDeskState(dir).catch(() => null) : null;
  const host = cliHost(desk?.user ?? null, options.printPdf);
  try {
    return await work({ api: validatedApi(createHandlers(store, host)), files: fileActions(store, host), store });
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

/** An article as `show` prints it: statements numbered, a desk conflict spelled out beside its statement. */
export function showArticle(article: Article) {
  return {
    ...article,
    statements: article.statements.map((s, i) => ({ index: i + 1, ...s, ...(s.deskConflict ? { conflict: s.deskConflict.message } : {}) })),
  };
}
