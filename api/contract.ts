/**
 * The one contract between the renderer and the main process. The preload implements it,
 * main's handlers are typed from it, and the renderer sees it through window.api.
 * Channel names carry the app prefix so they can never collide with Electron's own.
 */
import type { Verdict } from '../domain/verdicts';
import type {
  Article,
  ArticleDraft,
  SourceInput,
  ArticleMetaPatch,
  ArticleSummary,
  CorrectionInput,
  AssignmentInput,
  DocumentRef,
  ReportScope,
  Settings,
  SettingsPatch,
  SourceDocument,
  Statement,
  StatementPatch,
  StoreNotice,
  TrashEntry,
} from '../domain/schema';
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

export const REPORT_FORMATS = ['pdf', 'html', 'md', 'csv', 'json', 'claimreview', 'annotated', 'annotated-pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A report this session saved, for the Export menu's recent list and "Show in folder". */
export interface RecentExport {
  path: string;
  format: ReportFormat;
  articleId: string;
  title: string;
  /** ISO timestamp. */
  at: string;
}

/** A file the editor dropped on the window, read by the renderer and sent as bytes. */
export interface DroppedFile {
  name: string;
  bytes: Uint8Array;
}

/** How a link may be fetched: allowPrivateNetwork after the editor said yes to an intranet page. */
export interface FetchOptions {
  allowPrivateNetwork?: boolean;
}

/** What an import produces for the New article form: text plus whatever metadata the file had. */
export interface ImportedDraft {
  text: string;
  title: string;
  author: string;
  outlet: string;
  url: string;
  publishedAt: string;
  fileName: string;
}

/** Search across the library: text in statements, quotes, sources and notes, plus filters. */
export interface SearchQuery {
  text: string;
  verdict?: Verdict | '';
  review?: 'signed-off' | 'awaiting' | '';
  /** Who checked or signed off, case-insensitive. */
  editor?: string;
  /** Last change on or after / before this day (YYYY-MM-DD). */
  from?: string;
  to?: string;
}

export type SearchField = 'statement' | 'quote' | 'source' | 'note' | 'explanation';

export interface SearchHit {
  articleId: string;
  articleTitle: string;
  statementId: string;
  /** From 1, as reports number statements. */
  index: number;
  text: string;
  verdict: Verdict;
  field: SearchField;
  snippet: string;
}

/** A number, date or name that an earlier check of the same claim gives differently. */
export interface ClaimDifference {
  kind: 'number' | 'date' | 'name';
  /** As the earlier check's statement wrote it. */
  earlier: string;
  /** As this statement writes it. */
  here: string;
}

/**
 * An earlier check of the same (or a similar) claim: one of the newsroom's own checked
 * statements in another article, or a fact-check another publisher published (imported
 * ClaimReview), which is never presented as the newsroom's own.
 */
export interface EarlierCheck {
  origin: 'newsroom' | 'published';
  /** The newsroom's article and statement; '' and 0 for a published check. */
  articleId: string;
  articleTitle: string;
  statementId: string;
  index: number;
  text: string;
  /** The newsroom's verdict; null for a published check (see rating). */
  verdict: Verdict | null;
  /** A published check's publisher and its rating in its own words; '' for the newsroom's. */
  publisher: string;
  rating: string;
  /** A published check's page; '' for the newsroom's. */
  url: string;
  /** When and by whom: the verdict's editor, or the publisher and its date of publication. */
  checkedAt: string | null;
  checkedBy: string;
  explanation: string;
  /** How similar the claims are, 0 to 1; only those above the matcher's threshold are listed. */
  score: number;
  differences: ClaimDifference[];
  /** Its sources, ready to be copied into the statement being checked. */
  sources: SourceInput[];
}

/** What File > Import published fact-checks… added. */
export interface PublishedChecksImport {
  file: string;
  added: number;
  /** Already imported before (same page and claim): not added twice. */
  alreadyKept: number;
}

/** One piece of desk work in an editor's lists (services/desk/assignments.ts). */
export interface WorkItem {
  articleId: string;
  title: string;
  /** Null for a whole article. */
  statementId: string | null;
  /** From 1, as reports number statements; null for a whole article. */
  index: number | null;
  text: string;
  to: string;
  due: string;
  /** Who is to sign it off: a name, or "any second editor". */
  signOffBy: string;
}

/** The signed-in editor's lists: "Assigned to me", "Awaiting my sign-off", "Overdue". */
export interface WorkLists {
  assignedToMe: WorkItem[];
  awaitingMySignOff: WorkItem[];
  overdue: WorkItem[];
}

/**
 * The desk as the window shows it (services/desk/live.ts). `changes` counts documents on their
 * way (syncing) or kept on this machine (offline); `reason` says why for offline and error.
 */
export interface DeskStatus {
  state: 'disconnected' | 'password-needed' | 'connecting' | 'synced' | 'syncing' | 'offline' | 'error';
  /** The desk's database URL; '' when disconnected. */
  url: string;
  /** The signed-in desk user, whose name every change carries while connected; '' when disconnected. */
  user: string;
  changes: number;
  reason: string;
  /** ISO time of the last moment this store and the desk had each other's changes. */
  lastSyncAt: string | null;
  /** '' when the password is kept encrypted by the system; otherwise why it is not kept. */
  keyring: string;
}

/** What Settings → Desk sends to connect. */
export interface DeskAccountInput {
  url: string;
  user: string;
  password: string;
}

export interface FactdeskApi {
  listArticles(): Promise<ArticleSummary[]>;
  listTrash(): Promise<TrashEntry[]>;
  getArticle(articleId: string): Promise<Article>;
  /** Splits the text into statements and saves the new article. */
  createArticle(draft: ArticleDraft): Promise<Article>;
  updateArticle(articleId: string, patch: ArticleMetaPatch): Promise<Article>;
  deleteArticle(articleId: string): Promise<void>;
  restoreArticle(articleId: string): Promise<ArticleSummary>;
  markStatement(articleId: string, statementId: string, patch: StatementPatch): Promise<Statement>;
  /** Native open dialog for .txt/.md/.html/.docx; null when the editor cancels. */
  openArticleFile(): Promise<ImportedDraft | null>;
  readArticleFile(file: DroppedFile): Promise<ImportedDraft>;
  /**
   * Fetches an http(s) page in the main process and extracts its article; fileName is the site's
   * host name. A page on this computer or the newsroom's network fails with 'private-address'
   * unless the editor allowed it (options.allowPrivateNetwork).
   */
  importUrl(url: string, options?: FetchOptions): Promise<ImportedDraft>;
  /** Stops the file or page being read for an import or a source; that call fails with 'cancelled'. */
  cancelImport(): Promise<void>;
  /**
   * Native save dialog, then writes the report; null when the editor cancels. `scope` says what
   * it includes (a public report when absent); `warnings` what it fell back on or left out.
   */
  exportReport(articleId: string, format: ReportFormat, scope?: Partial<ReportScope>): Promise<{ path: string; warnings?: string[] } | null>;
  /** Native open dialog for a JSON report, then adds its article with every verdict and source; null when cancelled. */
  importReport(): Promise<Article | null>;
  /** The reports saved since the app started, newest first (a short list). */
  recentExports(): Promise<RecentExport[]>;
  /** Shows a report saved this session in the file manager; other paths are refused. */
  showInFolder(path: string): Promise<void>;
  /** Opens an http(s) link in the editor's browser. */
  openExternal(url: string): Promise<void>;
  /** What the store had to repair since the app started (damaged files moved aside, backups restored). */
  storeNotices(): Promise<StoreNotice[]>;
  /**
   * Replaces the article's text; every verdict stays with its statement (re-anchored by its
   * words and their context), and verdicts whose statement is gone are kept as orphaned.
   */
  editArticleText(articleId: string, text: string): Promise<Article>;
  discardOrphan(articleId: string, statementId: string): Promise<Article>;
  /** Splits a statement at `offset` into its text; the first part keeps the verdict and evidence. */
  splitStatement(articleId: string, statementId: string, offset: number): Promise<Article>;
  /** Joins a statement with the next one, keeping the evidence of both. */
  mergeWithNext(articleId: string, statementId: string): Promise<Article>;
  /** Records a correction after publication (day, what changed, why, the corrected verdict). */
  correctStatement(articleId: string, statementId: string, correction: CorrectionInput): Promise<Statement>;
  /** A second editor signs off the current verdict (never the editor who gave it). */
  signOff(articleId: string, statementId: string): Promise<Statement>;
  /** Gives the article (statementId null) or one statement to an editor with a deadline; null takes it back. */
  assign(articleId: string, statementId: string | null, assignment: AssignmentInput | null): Promise<Article>;
  /** The signed-in editor's work: assigned to her, awaiting her sign-off, overdue. */
  workLists(): Promise<WorkLists>;
  /** Native open dialog for a .pdf/.docx/.html/.txt/.md source; null when the editor cancels. */
  attachSourceFile(articleId: string): Promise<DocumentRef | null>;
  attachSourceUrl(articleId: string, url: string, options?: FetchOptions): Promise<DocumentRef>;
  getSourceDocument(articleId: string, documentId: string): Promise<SourceDocument>;
  search(query: SearchQuery): Promise<SearchHit[]>;
  /** Earlier checks of the statement's claim, best first, at most `limit`. */
  earlierChecks(articleId: string, statementId: string, limit: number): Promise<EarlierCheck[]>;
  /** The statements of the article that have at least one earlier check. */
  statementsWithEarlierChecks(articleId: string): Promise<string[]>;
  /** Native open dialog for ClaimReview JSON-LD (.json, .jsonld, .html); null when the editor cancels. */
  importPublishedChecks(): Promise<PublishedChecksImport | null>;
  getSettings(): Promise<Settings>;
  updateSettings(patch: SettingsPatch): Promise<Settings>;
}

export type ApiMethod = keyof FactdeskApi;

export const CHANNELS = {
  listArticles: 'factdesk:article:list',
  listTrash: 'factdesk:trash:list',
  getArticle: 'factdesk:article:get',
  createArticle: 'factdesk:article:create',
  updateArticle: 'factdesk:article:update',
  deleteArticle: 'factdesk:article:delete',
  restoreArticle: 'factdesk:trash:restore',
  markStatement: 'factdesk:statement:mark',
  openArticleFile: 'factdesk:file:open',
  readArticleFile: 'factdesk:file:read',
  importUrl: 'factdesk:file:url',
  cancelImport: 'factdesk:file:cancel',
  exportReport: 'factdesk:report:export',
  importReport: 'factdesk:report:import',
  recentExports: 'factdesk:report:recent',
  showInFolder: 'factdesk:shell:show-in-folder',
  openExternal: 'factdesk:shell:open-external',
  storeNotices: 'factdesk:store:notices',
  editArticleText: 'factdesk:article:edit-text',
  discardOrphan: 'factdesk:article:discard-orphan',
  splitStatement: 'factdesk:statement:split',
  mergeWithNext: 'factdesk:statement:merge',
  signOff: 'factdesk:statement:sign-off',
  assign: 'factdesk:desk:assign',
  workLists: 'factdesk:desk:work-lists',
  correctStatement: 'factdesk:statement:correct',
  attachSourceFile: 'factdesk:source:attach-file',
  attachSourceUrl: 'factdesk:source:attach-url',
  getSourceDocument: 'factdesk:source:get',
  search: 'factdesk:library:search',
  earlierChecks: 'factdesk:statement:earlier-checks',
  statementsWithEarlierChecks: 'factdesk:article:earlier-checks',
  importPublishedChecks: 'factdesk:published:import',
  getSettings: 'factdesk:settings:get',
  updateSettings: 'factdesk:settings:update',
} as const satisfies Record<ApiMethod, `factdesk:${string}`>;

export const API_METHODS = Object.keys(CHANNELS) as ApiMethod[];

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
};
