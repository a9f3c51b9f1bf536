/**
 * What every IPC call does, as plain functions over the store and the services. Electron
 * registers these in ipc.ts; the `factdesk` command and the Chromium e2e run call them
 * directly, so all three go through the same validation and the same code.
 */
import { promises as fs } from 'node:fs';
import * as v from 'valibot';
import {
  CHANNELS,
  REPORT_FORMATS,
  type ApiMethod,
  type FactdeskApi,
  type ReportFormat,
  type Result,
} from '../api/contract';
import { UserError } from '../store/errors';
import {
  ArticleDraftSchema,
  ArticleIdSchema,
  ArticleMetaPatchSchema,
  StatementIdSchema,
  SettingsPatchSchema,
  StatementPatchSchema,
} from '../store/schema';
import { SettingsStore } from '../store/settings';
import type { Store } from '../store/store';
import { segment } from '../services/segment';
import { importArticleBytes, importArticleFile, importArticleUrl, MAX_IMPORT_BYTES } from '../services/import';
import { renderReport, reportFileName } from '../services/report';

/** What the desktop provides around the handlers: dialogs and the browser. Tests bring their own. */
export interface Host {
  chooseArticleFile(): Promise<string | null>;
  chooseReportPath(defaultName: string, format: ReportFormat): Promise<string | null>;
  openExternal(url: string): Promise<void>;
}

export function createHandlers(store: Store, host: Host): FactdeskApi {
  const settings = new SettingsStore(store.dir);
  return {
    listArticles: async () => store.list(),
    listTrash: async () => store.trash(),
    getArticle: (id) => store.get(id),
    createArticle: async (draft) => {
      const input = v.parse(ArticleDraftSchema, draft);
      return store.create({ ...input, title: input.title.trim() || firstLine(input.text) }, segment(input.text));
    },
    updateArticle: (id, patch) => store.updateMeta(id, patch),
    deleteArticle: (id) => store.delete(id),
    restoreArticle: (id) => store.restore(id),
    markStatement: (articleId, statementId, patch) => store.mark(articleId, statementId, patch),
    openArticleFile: async () => {
      const file = await host.chooseArticleFile();
      return file ? importArticleFile(file) : null;
    },
    readArticleFile: async (file) => importArticleBytes(file.name, file.bytes),
    importUrl: (url) => importArticleUrl(url),
    exportReport: async (articleId, format) => {
      const article = await store.get(articleId);
      const target = await host.chooseReportPath(reportFileName(article, format), format);
      if (!target) return null;
      await writeReport(target, renderReport(article, format));
      return { path: target };
    },
    openExternal: (url) => host.openExternal(url),
    storeNotices: async () => store.notices.slice(),
    getSettings: () => settings.get(),
    updateSettings: (patch) => settings.update(patch),
  };
}

export async function writeReport(target: string, content: string): Promise<void> {
  try {
    await fs.writeFile(target, content, 'utf8');
  } catch (err) {
    throw new UserError('write-failed', `Could not write the report to ${target}: ${(err as Error).message}`);
  }
}

/** The headline: the first non-empty line, cut to a length a library row can show. */
export function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim()) ?? 'Untitled article';
  const trimmed = line.trim();
  return trimmed.length > 200 ? `${trimmed.slice(0, 199)}…` : trimmed;
}

// ---- The boundary: every argument is checked here before any handler sees it ----

const httpUrl = v.pipe(v.string(), v.maxLength(2048), v.url(), v.regex(/^https?:\/\//i, 'must be an http(s) link'));

const ARGUMENTS = {
  listArticles: v.tuple([]),
  listTrash: v.tuple([]),
  getArticle: v.tuple([ArticleIdSchema]),
  createArticle: v.tuple([ArticleDraftSchema]),
  updateArticle: v.tuple([ArticleIdSchema, v.strictObject(ArticleMetaPatchSchema.entries)]),
  deleteArticle: v.tuple([ArticleIdSchema]),
  restoreArticle: v.tuple([ArticleIdSchema]),
  markStatement: v.tuple([ArticleIdSchema, StatementIdSchema, v.strictObject(StatementPatchSchema.entries)]),
  openArticleFile: v.tuple([]),
  readArticleFile: v.tuple([
    v.strictObject({
      name: v.pipe(v.string(), v.minLength(1), v.maxLength(255)),
      bytes: v.pipe(
        v.instance(Uint8Array),
        v.check((b) => b.byteLength <= MAX_IMPORT_BYTES, `is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`),
      ),
    }),
  ]),
  importUrl: v.tuple([httpUrl]),
  exportReport: v.tuple([ArticleIdSchema, v.picklist(REPORT_FORMATS)]),
  openExternal: v.tuple([httpUrl]),
  storeNotices: v.tuple([]),
  getSettings: v.tuple([]),
  updateSettings: v.tuple([v.strictObject(SettingsPatchSchema.entries)]),
} satisfies Record<ApiMethod, v.GenericSchema>;

/**
 * Validates the arguments of one call, runs it and turns any failure into a Result the
 * renderer can show. Only UserError and validation messages are meant for the editor;
 * anything else is reported as an unexpected error with its message.
 */
export async function dispatch(api: FactdeskApi, method: string, args: unknown[]): Promise<Result<unknown>> {
  if (!Object.hasOwn(CHANNELS, method)) {
    return { ok: false, error: { code: 'invalid-input', message: `Unknown request ${method}.` } };
  }
  const name = method as ApiMethod;
  const parsed = v.safeParse(ARGUMENTS[name], args);
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid-input', message: describeIssues(parsed.issues) } };
  }
  try {
    const fn = api[name] as (...a: unknown[]) => Promise<unknown>;
    return { ok: true, value: await fn(...(parsed.output as unknown[])) };
  } catch (err) {
    return { ok: false, error: toErrorData(err) };
  }
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
