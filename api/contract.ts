/**
 * The one contract between the renderer and the main process. Each feature declares its
 * methods once, in its own module, as valibot schemas with a line of documentation:
 *
 *   articles.ts, statements.ts, sources.ts, import.ts, reports.ts, search.ts, desk.ts, app.ts
 *
 * Everything here is derived from those declarations: the channel names, the API the renderer
 * calls (FactdeskApi, and window.api as Bridge), and the handlers main implements (Handlers).
 * main/handlers.ts validates every call with the same schemas (dispatch). To add a method, see
 * docs/ARCHITECTURE.md, "Where to add…".
 */
import type { Method } from './method';
import { ARTICLE_METHODS } from './articles';
import { STATEMENT_METHODS } from './statements';
import { SOURCE_METHODS } from './sources';
import { IMPORT_METHODS } from './import';
import { REPORT_FORMATS, type ReportFormat } from './formats';
import { REPORT_METHODS } from './reports';
import { SEARCH_METHODS } from './search';
import { DESK_METHODS } from './desk';
import { APP_METHODS } from './app';
import type { ApiOf, HandlersOf } from './method';
import type { DeskStatus } from './desk';

export const METHODS = {
  ...ARTICLE_METHODS,
  ...STATEMENT_METHODS,
  ...SOURCE_METHODS,
  ...IMPORT_METHODS,
  ...REPORT_METHODS,
  ...SEARCH_METHODS,
  ...DESK_METHODS,
  ...APP_METHODS,
} satisfies Record<string, Method>;

export type ApiMethod = keyof typeof METHODS;
/** What the renderer (through window.api), the command line and the tests call. */
export type FactdeskApi = ApiOf<typeof METHODS>;
/** What main implements (main/handlers.ts): each handler receives arguments dispatch validated. */
export type Handlers = HandlersOf<typeof METHODS>;

export const API_METHODS = Object.keys(METHODS) as ApiMethod[];
export const CHANNELS = Object.fromEntries(API_METHODS.map((m) => [m, METHODS[m].channel])) as {
  [K in ApiMethod]: (typeof METHODS)[K]['channel'];
};

export type {
  Article,
  ArticleDraft,
  ArticleMetaPatch,
  ArticleSummary,
  Assignment,
  AssignmentInput,
  Correction,
  CorrectionInput,
  DocumentRef,
  HistoryEntry,
  QuoteCheck,
  ReportScope,
  Settings,
  SettingsPatch,
  Source,
  SourceDocument,
  SourceInput,
  Statement,
  StatementPatch,
  StoreNotice,
  TrashEntry,
} from '../domain/schema';
export type { Verdict, SourceRole } from '../domain/verdicts';
export type { FetchOptions } from './method';
export { REPORT_FORMATS, type ReportFormat, type RecentExport } from './reports';
export type { ImportedDraft, DroppedFile } from './import';
export type { SearchQuery, SearchField, SearchHit, ClaimDifference, EarlierCheck, PublishedChecksImport } from './search';
export type { WorkItem, WorkLists, DeskStatus, DeskAccountInput } from './desk';
export { DESK_DISCONNECTED } from './desk';
export { clientOf } from './client';

/** Main -> renderer: a menu item was chosen. The renderer handles the same keys itself. */
export const MENU_CHANNEL = 'factdesk:menu';
export type MenuCommand =
  | 'new-article'
  | 'open-file'
  | 'import-report'
  | 'import-published-checks'
  | 'show-library'
  | 'open-settings'
  | `export-${ReportFormat}`;
export const MENU_COMMANDS: readonly MenuCommand[] = [
  'new-article',
  'open-file',
  'import-report',
  'import-published-checks',
  'show-library',
  'open-settings',
  ...REPORT_FORMATS.map((format) => `export-${format}` as const),
];

/** Main -> renderer: the desk's status changed (a DeskStatus). */
export const DESK_STATUS_CHANNEL = 'factdesk:desk:status';
/** Main -> renderer: a colleague's change reached these articles (their ids); they are saved here. */
export const DESK_ARTICLES_CHANNEL = 'factdesk:desk:articles';

/**
 * Main -> renderer before the window closes: "send what is not saved yet", with a request id;
 * the renderer answers on FLUSHED_CHANNEL with the id and a FlushResult. Main waits only a
 * short while (main/closing.ts).
 */
export const FLUSH_CHANNEL = 'factdesk:window:flush';
export const FLUSHED_CHANNEL = 'factdesk:window:flushed';
/** saved: every change acknowledged; otherwise `message` says what is not saved and why. */
export type FlushResult = { saved: boolean; message: string };

/**
 * Errors cross IPC as data, not as thrown exceptions: Electron would otherwise prefix every
 * message with "Error invoking remote method …" and drop the code.
 */
export type Result<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** window.api: every method of the contract, returning its Result over IPC. */
export type Bridge = {
  [K in ApiMethod]: (...args: Parameters<FactdeskApi[K]>) => Promise<Result<Awaited<ReturnType<FactdeskApi[K]>>>>;
} & {
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  onFlushRequest(listener: () => Promise<FlushResult>): () => void;
  onDeskStatus(listener: (status: DeskStatus) => void): () => void;
  onArticlesChanged(listener: (articleIds: string[]) => void): () => void;
};
