/**
 * What every IPC call does, as plain functions over the store and the services. Electron
 * registers these in ipc.ts; the `factdesk` command and the Chromium e2e run call them through
 * `dispatch` too, so all three go through the same validation and the same code. What is done
 * with a file once it is chosen is in file-actions.ts, which the command calls with its paths.
 */
import * as v from 'valibot';
import {
  clientOf,
  DESK_DISCONNECTED,
  METHODS,
  type ApiMethod,
  type EarlierCheck,
  type FactdeskApi,
  type Handlers,
  type RecentExport,
  type ReportFormat,
  type Result,
} from '../api/contract';
import { UserError, type UserErrorCode } from '../store/errors';
import { SourceChecker, unsupportedFacts } from '../services/evidence/check-sources';
import { LibraryIndex, claimDifferences, type SimilarMatch } from '../services/library-index';
import { emptySource } from '../domain/verdicts';
import { realign } from '../services/anchor';
import type { Store } from '../store/store';
import { segment } from '../services/segment';
import { normaliseText } from '../services/import';
// Files and pages from strangers are read in a worker with a time and memory budget (issue 11).
import { cancelArticleReads, importArticleBytes, importArticleFile, importArticleUrl } from '../services/isolate';
import { editorNames, fileActions, type Printing } from './file-actions';
import { logRequestFailure } from './log';
import { workLists } from '../services/desk/assignments';
import type { LiveDesk } from '../services/desk/live';

/**
 * What a host provides around the handlers: the app's native dialogs, file manager and browser
 * (main/host.ts), the command line's (cli/host.ts), the tests' (test/host.ts). Every capability
 * is required, so no host can leave one out and have it silently do nothing.
 */
export interface Host extends Printing {
  /** Open dialogs; each answers null when the editor cancels. */
  chooseArticleFile(): Promise<string | null>;
  /** A source document (.pdf, .docx, .html, .txt, .md). */
  chooseSourceFile(): Promise<string | null>;
  /** A Factdesk JSON report. */
  chooseReportFile(): Promise<string | null>;
  /** Other publishers' fact-checks (ClaimReview .json, .jsonld, .html). */
  choosePublishedChecksFile(): Promise<string | null>;
  /** The save dialog for a report. */
  chooseReportPath(defaultName: string, format: ReportFormat): Promise<string | null>;
  /** Shows a file in the system's file manager. */
  showInFolder(file: string): Promise<void>;
  /** Opens an http(s) link in the editor's browser. */
  openExternal(url: string): Promise<void>;
  /**
   * Live sync with the desk, with its status (the app, and the e2e host); null where nothing
   * syncs live (the command line syncs with `factdesk sync` and connects with `factdesk desk connect`).
   */
  desk: DeskSession | null;
}

/** What the window asks of live desk sync (services/desk/live.ts). */
export type DeskSession = Pick<LiveDesk, 'status' | 'connect' | 'disconnect'>;

/** How many saved reports the Export menu remembers. */
export const RECENT_EXPORTS = 8;

/** `index`: the app passes one it started opening at launch; the commands and tests let it open on first use. */
export function createHandlers(store: Store, host: Host, index = new LibraryIndex(store)): Handlers {
  const { signedName, editor } = editorNames(store, host);
  const files = fileActions(store, host);
  const checkers = new Map<string, SourceChecker>();
  const checker = (articleId: string) => {
    let found = checkers.get(articleId);
    if (!found) checkers.set(articleId, (found = new SourceChecker((id) => store.getDocument(articleId, id))));
    return found;
  };
  const earlierCheck = async (match: SimilarMatch, here: string): Promise<EarlierCheck | null> => {
    const r = match.record;
    const differences = claimDifferences(r.text, here);
    if (r.kind === 'published') {
      return {
        origin: 'published',
        articleId: '',
        articleTitle: '',
        statementId: '',
        index: 0,
        text: r.text,
        verdict: null,
        publisher: r.publisher,
        rating: r.rating,
        url: r.url,
        checkedAt: r.reviewedAt || null,
        checkedBy: r.publisher,
        explanation: '',
        score: match.score,
        differences,
        // Copying a published check cites the fact-check itself, as context.
        sources: [{ ...emptySource(), role: 'context', title: `${r.publisher}: “${r.rating}”`, url: r.url, publisher: r.publisher, publishedAt: r.reviewedAt }],
      };
    }
    const earlier = (await store.get(r.articleId).catch(() => null))?.statements.find((s) => s.id === r.statementId);
    if (!earlier) return null; // changed since it was indexed; the index catches up on the change
    return {
      origin: 'newsroom',
      articleId: r.articleId,
      articleTitle: r.articleTitle,
      statementId: r.statementId,
      index: r.index,
      text: r.text,
      verdict: earlier.verdict,
      publisher: '',
      rating: '',
      url: '',
      checkedAt: earlier.checkedAt,
      checkedBy: earlier.checkedBy,
      explanation: r.explanation,
      score: match.score,
      differences,
      // The copy is checked again against this statement's own documents: another article's
      // document is not attached here, so the link to it is dropped and its file name kept.
      sources: earlier.sources.map(({ check: _, ...source }) => ({ ...source, documentId: '' })),
    };
  };
  const recent: RecentExport[] = [];
  const remember = (entry: RecentExport) => {
    const old = recent.findIndex((r) => r.path === entry.path);
    if (old >= 0) recent.splice(old, 1);
    recent.unshift(entry);
    recent.length = Math.min(recent.length, RECENT_EXPORTS);
  };
  return {
    listArticles: async () => store.list(),
    listTrash: async () => store.trash(),
    getArticle: (id) => store.get(id),
    createArticle: async (draft) => store.create({ ...draft, title: draft.title.trim() || firstLine(draft.text) }, segment(draft.text)),
    updateArticle: (id, patch) => store.updateMeta(id, patch),
    deleteArticle: (id) => store.delete(id),
    restoreArticle: (id) => store.restore(id),
    markStatement: async (articleId, statementId, patch) => {
      const article = await store.get(articleId);
      const statement = article.statements.find((s) => s.id === statementId);
      if (!statement) throw new UserError('not-found', `Statement ${statementId} is not in the article "${article.title}".`);
      const now = new Date().toISOString();
      const sources = patch.sources ? await checker(articleId).check(statement, patch.sources, now) : undefined;
      const unsupported = unsupportedFacts(statement.text, sources ?? statement.sources);
      return store.mark(articleId, statementId, { ...patch, sources, unsupported }, editor());
    },
    editArticleText: async (articleId, newText) => {
      const article = await store.get(articleId);
      const text = normaliseText(newText);
      if (!text) throw new UserError('invalid-input', 'The article text is empty.');
      const { statements, orphaned } = realign(article.text, article.statements, text);
      return store.replaceText(articleId, text, statements, orphaned, editor());
    },
    discardOrphan: (articleId, statementId) => store.discardOrphan(articleId, statementId),
    splitStatement: (articleId, statementId, offset) => store.splitStatement(articleId, statementId, offset, editor()),
    mergeWithNext: (articleId, statementId) => store.mergeWithNext(articleId, statementId, editor()),
    correctStatement: (articleId, statementId, correction) => store.correct(articleId, statementId, correction, editor()),
    signOff: (articleId, statementId) => store.signOff(articleId, statementId, signedName()),
    settleConflict: (articleId, statementId) => store.settleConflict(articleId, statementId, editor()),
    assign: (articleId, statementId, assignment) => store.assign(articleId, statementId, assignment, editor()),
    workLists: async () => {
      const articles = [];
      for await (const article of store.eachArticle()) articles.push(article);
      return workLists(articles, signedName(), localDay(new Date()));
    },
    attachSourceFile: async (articleId) => {
      const file = await host.chooseSourceFile();
      return file ? files.attachSource(articleId, file) : null;
    },
    attachSourceUrl: async (articleId, url, options) => {
      const page = await importArticleUrl(url, options);
      return store.attachDocument(articleId, { name: page.title || url, kind: 'url', url, text: page.text, pageStarts: [] }, editor());
    },
    getSourceDocument: (articleId, documentId) => store.getDocument(articleId, documentId),
    search: (query) => index.search(query),
    earlierChecks: async (articleId, statementId, limit) => {
      const article = await store.get(articleId);
      const statement = article.statements.find((s) => s.id === statementId);
      if (!statement) throw new UserError('not-found', `Statement ${statementId} is not in the article "${article.title}".`);
      const found = await Promise.all((await index.similar(statement.text, articleId, limit)).map((m) => earlierCheck(m, statement.text)));
      return found.filter((c): c is EarlierCheck => c !== null);
    },
    statementsWithEarlierChecks: async (articleId) => {
      const article = await store.get(articleId);
      const marked: string[] = [];
      for (const s of article.statements) if ((await index.similar(s.text, articleId, 1)).length) marked.push(s.id);
      return marked;
    },
    importPublishedChecks: async () => {
      const file = await host.choosePublishedChecksFile();
      return file ? files.importPublishedChecks(file) : null;
    },
    openArticleFile: async () => {
      const file = await host.chooseArticleFile();
      return file ? importArticleFile(file) : null;
    },
    readArticleFile: async (file) => importArticleBytes(file.name, file.bytes),
    importUrl: (url, options) => importArticleUrl(url, options),
    cancelImport: () => cancelArticleReads(),
    exportReport: async (articleId, format, scope) => {
      const report = await files.prepareReport(articleId, format, scope);
      const target = await host.chooseReportPath(report.fileName, format);
      if (!target) return null;
      const saved = await report.saveAs(target);
      remember({ path: target, format, articleId, title: report.title, at: new Date().toISOString() });
      return saved;
    },
    importReport: async () => {
      const file = await host.chooseReportFile();
      return file ? files.importReport(file) : null;
    },
    recentExports: async () => recent.slice(),
    showInFolder: async (file) => {
      if (!recent.some((r) => r.path === file)) {
        throw new UserError('not-found', 'Only reports saved since Factdesk started can be shown in their folder.');
      }
      await host.showInFolder(file);
    },
    openExternal: (url) => host.openExternal(url),
    storeNotices: async () => store.notices.slice(),
    getSettings: async () => store.settings(),
    updateSettings: (patch) => store.updateSettings(patch),
    deskStatus: async () => host.desk?.status() ?? DESK_DISCONNECTED,
    connectDesk: (account) => deskOf(host).connect(account),
    disconnectDesk: () => deskOf(host).disconnect(),
  };
}

/** The headline: the first non-empty line, cut to a length a library row can show. */
export function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim()) ?? 'Untitled article';
  const trimmed = line.trim();
  return trimmed.length > 200 ? `${trimmed.slice(0, 199)}…` : trimmed;
}

/**
 * Validates the arguments of one call, runs it and turns any failure into a Result the
 * renderer can show. Only UserError and validation messages are meant for the editor;
 * anything else is reported as an unexpected error with its message.
 */
export async function dispatch(api: Handlers, method: string, args: unknown[]): Promise<Result<unknown>> {
  if (typeof method !== 'string' || !Object.hasOwn(METHODS, method)) {
    logRequestFailure('unknown', 'invalid-input');
    return { ok: false, error: { code: 'invalid-input', message: `Unknown request ${String(method).slice(0, 64)}.` } };
  }
  const name = method as ApiMethod;
  // Failures are logged by method and code only: arguments and messages carry article text.
  const tooLarge = checkPayloadSize(args);
  if (tooLarge) {
    logRequestFailure(name, 'invalid-input');
    return { ok: false, error: { code: 'invalid-input', message: tooLarge } };
  }
  const parsed = v.safeParse(METHODS[name].args, args);
  if (!parsed.success) {
    logRequestFailure(name, 'invalid-input');
    return { ok: false, error: { code: 'invalid-input', message: describeIssues(parsed.issues) } };
  }
  try {
    const fn = api[name] as (...a: unknown[]) => Promise<unknown>;
    return { ok: true, value: await fn(...(parsed.output as unknown[])) };
  } catch (err) {
    const error = toErrorData(err);
    logRequestFailure(name, error.code, err);
    return { ok: false, error };
  }
}

/**
 * The handlers as a caller sees them, each call validated by dispatch exactly as over IPC: how
 * the command line and the tests call them. A failure is thrown as the UserError it was.
 */
export function validatedApi(handlers: Handlers): FactdeskApi {
  return clientOf(
    (method, args) => dispatch(handlers, method, args),
    (error) => new UserError(error.code as UserErrorCode, error.message),
  );
}

/**
 * Limits on a request as a whole, checked before any schema: the largest legitimate request
 * is a 10 MB file dropped on the window (or a 2-million-character article, or 50 sources with
 * 20,000-character quotes); anything far beyond that, or nested deeper or wider than any
 * argument of the contract, is refused without walking further.
 */
export const MAX_PAYLOAD_UNITS = 16 * 1024 * 1024; // characters of text plus bytes of files
export const MAX_PAYLOAD_ARGS = 4;
const MAX_PAYLOAD_DEPTH = 6;
const MAX_PAYLOAD_VALUES = 5_000;

/** A message for the editor when `args` exceeds the limits above; null when it does not. */
export function checkPayloadSize(args: unknown): string | null {
  if (!Array.isArray(args)) return 'The request is not valid.';
  if (args.length > MAX_PAYLOAD_ARGS) return `The request has ${args.length} arguments; no request takes more than ${MAX_PAYLOAD_ARGS}.`;
  let units = 0;
  let values = 0;
  const tooLarge = `The request is too large: Factdesk accepts at most ${MAX_PAYLOAD_UNITS / 1024 / 1024} MB in one request.`;
  const walk = (value: unknown, depth: number): string | null => {
    if (++values > MAX_PAYLOAD_VALUES) return `The request has too many values (more than ${MAX_PAYLOAD_VALUES}).`;
    if (typeof value === 'string') units += value.length;
    else if (ArrayBuffer.isView(value)) units += value.byteLength;
    else if (value instanceof ArrayBuffer) units += value.byteLength;
    else if (value !== null && typeof value === 'object') {
      if (depth >= MAX_PAYLOAD_DEPTH) return `The request is nested more than ${MAX_PAYLOAD_DEPTH} levels deep.`;
      const entries = Array.isArray(value) ? value : Object.values(value);
      if (!Array.isArray(value)) for (const key of Object.keys(value)) units += key.length;
      for (const item of entries) {
        const problem = walk(item, depth + 1);
        if (problem) return problem;
      }
    }
    return units > MAX_PAYLOAD_UNITS ? tooLarge : null;
  };
  return walk(args, 0);
}

export function toErrorData(err: unknown): { code: string; message: string } {
  if (err instanceof UserError) return { code: err.code, message: err.message };
  if (err instanceof v.ValiError) return { code: 'invalid-input', message: describeIssues(err.issues) };
  return { code: 'unexpected', message: `Unexpected error: ${err instanceof Error ? err.message : String(err)}` };
}

function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return 'The request was not valid.';
  const where = v.getDotPath(issue);
  const field = where ? fieldName(where) : 'The request';
  return `${field} ${issue.message.replace(/^Invalid \w+: /, 'is invalid: ')}`;
}

/** "0.publishedAt" -> "Publication date"; names the field as the form does. */
function fieldName(dotPath: string): string {
  const last = dotPath.split('.').filter((p) => !/^\d+$/.test(p)).pop() ?? '';
  const names: Record<string, string> = {
    text: 'The article text',
    title: 'Title',
    outlet: 'Outlet',
    author: 'Author',
    url: 'URL',
    publishedAt: 'Date',
    quote: 'Quote',
    note: 'Note',
    publisher: 'Publisher',
    verdict: 'Verdict',
    name: 'File name',
    bytes: 'The file',
  };
  return names[last] ?? (last ? `"${last}"` : 'The request');
}

function deskOf(host: Host): DeskSession {
  if (!host.desk) throw new UserError('desk', 'Here the desk is connected with the commands: factdesk desk connect URL --user NAME.');
  return host.desk;
}

/** The day in this machine's time zone, as YYYY-MM-DD: deadlines are days, not instants. */
function localDay(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
