/**
 * The article being checked: which statement is selected, the editor's changes, and their
 * saving. A change shows at once, is sent to the main process (verdicts at once, typing after
 * a short pause) and is reported saved only when the main process says it is on disk. A
 * change that fails stays on screen and is retried, never silently dropped.
 */
import type { Article, DocumentRef, Statement, StatementPatch } from '../../../api/contract';
import { claimHints, claimScore, type Hint, type HintKind } from '../../../services/hints';
import { api, errorMessage } from './api';

const TYPING_PAUSE_MS = 400;
/** Typing into one field within this long is undone as one step. */
const UNDO_MERGE_MS = 1500;

export type SaveState = 'idle' | 'saving' | 'saved' | 'error';

interface Change {
  statementId: string;
  before: StatementPatch;
  after: StatementPatch;
  at: number;
}

class Check {
  article = $state.raw<Article | null>(null);
  selected = $state(0);
  saveState = $state<SaveState>('idle');
  saveError = $state('');
  statement = $derived<Statement | null>(this.article?.statements[this.selected] ?? null);
  checkedCount = $derived(this.article?.statements.filter((s) => s.verdict !== 'unchecked').length ?? 0);
  /** What each statement looks like it claims (numbers, names, attributions …), by statement id. */
  hints = $derived<Map<string, Hint[]>>(new Map((this.article?.statements ?? []).map((s) => [s.id, claimHints(s.text)])));
  /** Reading order, or the statements most likely to be checkable claims first. */
  order = $state<'article' | 'claims'>('article');
  /** Which statements to show: all, the unchecked, or those with one kind of hint. */
  filter = $state<'all' | 'unchecked' | HintKind>('all');
  shown = $derived.by(() => {
    const statements = (this.article?.statements ?? []).map((s, index) => ({ s, index, hints: this.hints.get(s.id) ?? [] }));
    const kept = statements.filter(({ s, hints }) =>
      this.filter === 'all' ? true : this.filter === 'unchecked' ? s.verdict === 'unchecked' : hints.some((h) => h.kind === this.filter),
    );
    return this.order === 'claims' ? kept.sort((a, b) => claimScore(b.hints) - claimScore(a.hints) || a.index - b.index) : kept;
  });
  /** Where the editor last clicked inside a statement's text, for splitting it there. */
  caret = $state<{ statementId: string; offset: number } | null>(null);

  private pending = new Map<string, StatementPatch>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> = Promise.resolve();
  private undoStack: Change[] = [];
  private redoStack: Change[] = [];

  open = async (id: string, statementId?: string): Promise<void> => {
    await this.flush();
    this.article = await api.getArticle(id);
    this.selected = Math.max(0, this.article.statements.findIndex((s) => s.id === statementId));
    this.saveState = 'idle';
    this.forgetHistory();
  };

  close = async (): Promise<void> => {
    await this.flush();
    this.article = null;
  };

  select = (index: number): void => {
    if (!this.article) return;
    this.selected = Math.max(0, Math.min(this.article.statements.length - 1, index));
  };

  selectNextUnchecked = (): void => {
    const list = this.article?.statements ?? [];
    for (let step = 1; step <= list.length; step++) {
      const i = (this.selected + step) % list.length;
      if (list[i]?.verdict === 'unchecked') return this.select(i);
    }
  };

  /** The editor changed the selected statement. */
  edit = (patch: StatementPatch): void => {
    const statement = this.statement;
    if (!statement) return;
    this.record(statement, patch);
    this.apply(statement.id, patch);
  };

  /** Sign-off is a second editor's act, not an edit: it is saved at once and not undone with Ctrl+Z. */
  signOff = async (): Promise<void> => {
    const article = this.article;
    const statement = this.statement;
    if (!article || !statement) return;
    await this.flush();
    this.saveState = 'saving';
    try {
      this.replaceSaved(await api.signOff(article.id, statement.id));
      this.saveState = 'saved';
    } catch (err) {
      this.saveState = 'error';
      this.saveError = errorMessage(err);
    }
  };

  /** Splits the selected statement where the editor last clicked in it. */
  split = async (): Promise<void> => {
    const { article, statement, caret } = this;
    if (!article || !statement) return;
    if (caret?.statementId !== statement.id) {
      // Not a failed save: nothing was sent.
      this.saveState = 'error';
      this.saveError = 'Click inside the statement, where it should be split, then split.';
      return;
    }
    await this.restructure(() => api.splitStatement(article.id, statement.id, caret.offset)).catch(() => undefined);
  };

  mergeWithNext = async (): Promise<void> => {
    const { article, statement } = this;
    if (article && statement) await this.restructure(() => api.mergeWithNext(article.id, statement.id)).catch(() => undefined);
  };

  /** Split and merge change which statements exist: the undo history of the old ones no longer applies. */
  restructure = async (change: () => Promise<Article>): Promise<void> => {
    await this.flush();
    this.saveState = 'saving';
    try {
      const selected = this.selected;
      this.article = await change();
      this.selected = selected;
      this.caret = null;
      this.forgetHistory();
      this.saveState = 'saved';
    } catch (err) {
      this.saveState = 'error';
      this.saveError = errorMessage(err);
      throw err;
    }
  };

  /** Adds a freshly attached document to the article on screen. */
  addDocument = (ref: DocumentRef): void => {
    if (this.article) this.article = { ...this.article, documents: [...this.article.documents, ref] };
  };

  undo = (): void => this.travel(this.undoStack, this.redoStack, 'before');
  redo = (): void => this.travel(this.redoStack, this.undoStack, 'after');

  /** Sends every pending change now and waits until it is saved (or has failed). */
  flush = async (): Promise<void> => {
    clearTimeout(this.timer);
    const article = this.article;
    const batch = [...this.pending];
    this.pending.clear();
    if (!article || !batch.length) return this.saving;
    this.saving = this.saving.then(async () => {
      this.saveState = 'saving';
      for (const [statementId, patch] of batch) {
        try {
          const saved = await api.markStatement(article.id, statementId, patch);
          this.replaceSaved(saved);
        } catch (err) {
          // Keep the change (newer edits win) so Retry or the next edit sends it again.
          this.pending.set(statementId, { ...patch, ...this.pending.get(statementId) });
          this.saveState = 'error';
          this.saveError = errorMessage(err);
          return;
        }
      }
      this.saveState = this.pending.size ? 'saving' : 'saved';
    });
    return this.saving;
  };

  private apply(statementId: string, patch: StatementPatch): void {
    const article = this.article;
    if (!article) return;
    this.article = {
      ...article,
      statements: article.statements.map((s) => (s.id === statementId ? withPatch(s, patch) : s)),
    };
    this.pending.set(statementId, { ...this.pending.get(statementId), ...patch });
    this.saveState = 'saving';
    clearTimeout(this.timer);
    if (patch.verdict !== undefined) void this.flush();
    else this.timer = setTimeout(() => void this.flush(), TYPING_PAUSE_MS);
  }

  /** Takes the main process's copy, unless the editor has typed on since. */
  private replaceSaved(saved: Statement): void {
    const article = this.article;
    if (!article || this.pending.has(saved.id)) return;
    this.article = { ...article, statements: article.statements.map((s) => (s.id === saved.id ? saved : s)) };
  }

  private record(statement: Statement, patch: StatementPatch): void {
    const before: StatementPatch = {};
    for (const key of Object.keys(patch) as (keyof StatementPatch)[]) {
      Object.assign(before, { [key]: statement[key] });
    }
    const last = this.undoStack.at(-1);
    const now = Date.now();
    const sameField =
      last &&
      last.statementId === statement.id &&
      patch.verdict === undefined &&
      last.after.verdict === undefined &&
      sameKeys(last.after, patch) &&
      now - last.at < UNDO_MERGE_MS;
    if (sameField) {
      last.after = { ...last.after, ...patch };
      last.at = now;
    } else {
      this.undoStack.push({ statementId: statement.id, before, after: patch, at: now });
    }
    this.redoStack = [];
  }

  private travel(from: Change[], to: Change[], side: 'before' | 'after'): void {
    const change = from.pop();
    if (!change || !this.article) return;
    to.push(change);
    const index = this.article.statements.findIndex((s) => s.id === change.statementId);
    if (index >= 0) this.selected = index;
    this.apply(change.statementId, change[side]);
    void this.flush();
  }

  private forgetHistory(): void {
    this.undoStack = [];
    this.redoStack = [];
  }
}

/** The statement as it will be once saved; a quote's check stays on screen while it still applies. */
function withPatch(statement: Statement, patch: StatementPatch): Statement {
  const sources = patch.sources?.map((source) => ({
    ...source,
    check: statement.sources.find((s) => s.documentId === source.documentId && s.quote === source.quote)?.check,
  }));
  return { ...statement, ...patch, ...(sources ? { sources } : {}) };
}

function sameKeys(a: object, b: object): boolean {
  return Object.keys(a).sort().join() === Object.keys(b).sort().join();
}

export const check = new Check();
