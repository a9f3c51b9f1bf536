/**
 * The article being checked: which statement is selected, the editor's changes, and their
 * saving. A change shows at once, is sent to the main process (verdicts at once, typing after
 * a short pause) and is reported saved only when the main process says it is on disk. Every
 * change stays pending, with the article and statement it belongs to, until the main process
 * acknowledges it: a failed save is kept and retried, never silently dropped.
 *
 * Actions started from the evidence panel (attach, fetch, sign-off) belong to the article and
 * statement where they started, whatever the editor selects meanwhile; `busy` shows them there.
 */
import type { Article, CorrectionInput, DocumentRef, Source, Statement, StatementPatch, Verdict } from '$api/contract';
import { claimHints, claimScore, type Hint, type HintKind } from '$services/hints';
import { emptySource } from '$domain/verdicts';
import { api, ApiError, errorMessage } from './api';
import { settings } from './settings.svelte';

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

/** Where a change or an action belongs. */
export interface Target {
  articleId: string;
  statementId: string;
}

/** A change not yet acknowledged by the main process. */
interface PendingChange extends Target {
  patch: StatementPatch;
}

/** What became of the last action on a statement, shown on that statement. */
export interface ActionNote {
  /** refused: the store said no, with its reason (nothing to retry); error: it failed. */
  kind: 'refused' | 'error';
  /** What was tried, as the editor would name it: "Sign-off", "Attaching". */
  action: string;
  text: string;
}

const keyOf = (t: Target) => `${t.articleId}\n${t.statementId}`;

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
  /** Actions under way, by statement id: what each is doing ("Attaching a document…"). */
  busy = $state<Record<string, string>>({});
  /** The outcome of the last action that did not succeed, by statement id. */
  notes = $state<Record<string, ActionNote>>({});
  /**
   * A source URL that points at this computer or the newsroom's network, waiting for the
   * editor's yes before it is fetched (see SourceEditor); null when none.
   */
  privateLink = $state<{ statementId: string; sourceIndex: number; url: string; message: string } | null>(null);

  private pending = new Map<string, PendingChange>();
  private inFlight = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> = Promise.resolve();
  private undoStack: Change[] = [];
  private redoStack: Change[] = [];

  /** Changes not yet acknowledged, sent or not. */
  get unsaved(): number {
    return this.pending.size + this.inFlight;
  }

  open = async (id: string, statementId?: string): Promise<void> => {
    await this.leave();
    this.article = await api.getArticle(id);
    this.selected = Math.max(0, this.article.statements.findIndex((s) => s.id === statementId));
    this.saveState = 'idle';
    this.forgetHistory();
  };

  close = async (): Promise<void> => {
    await this.leave();
    this.article = null;
  };

  /**
   * A colleague's change reached these articles through the desk (main has saved it here): the
   * open article takes it without a reload. Statements with changes of the editor's that main
   * has not acknowledged yet stay exactly as she has them (what she is typing is neither lost
   * nor moved), unchanged statements keep their objects, and the selected statement stays
   * selected even if statements were added or removed before it.
   */
  takeFromDesk = async (articleIds: string[]): Promise<void> => {
    if (!this.article || !articleIds.includes(this.article.id)) return;
    const fresh = await api.getArticle(this.article.id);
    const now = this.article;
    if (!now || now.id !== fresh.id) return;
    const selectedId = this.statement?.id;
    const mine = new Map(now.statements.map((s) => [s.id, s]));
    const statements = fresh.statements.map((theirs) => {
      const local = mine.get(theirs.id);
      if (!local) return theirs;
      const editing = this.pending.has(keyOf({ articleId: fresh.id, statementId: theirs.id }));
      return editing || JSON.stringify(local) === JSON.stringify(theirs) ? local : theirs;
    });
    this.article = { ...fresh, statements };
    const index = statements.findIndex((s) => s.id === selectedId);
    if (index >= 0) this.selected = index;
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
    const { article, statement } = this;
    if (!article || !statement) return;
    this.record(statement, patch);
    this.apply({ articleId: article.id, statementId: statement.id }, patch);
  };

  /**
   * A verdict from the picker or the keyboard. The history and the reports say who gave it, so
   * the editor is asked for a name before the first one; the verdict follows once it is saved.
   */
  giveVerdict = (verdict: Verdict): void => {
    const { article, statement } = this;
    if (!article || !statement) return;
    if (verdict !== 'unchecked' && !settings.named) return this.afterNaming(() => this.giveVerdict(verdict));
    this.edit({ verdict });
  };

  /** Sign-off is a second editor's act, not an edit: it is saved at once and not undone with Ctrl+Z. */
  signOff = (): Promise<void> => this.decide('Sign-off', 'Signing off…', api.signOff);

  /**
   * Settles a desk conflict by keeping the version shown: like a sign-off, a decision saved at
   * once (the history keeps both sides and says who decided).
   */
  settleConflict = (): Promise<void> => this.decide('Keeping this version', 'Keeping this version…', api.settleConflict);

  /** Records a correction after publication on the selected statement; true when it was saved. */
  correct = async (correction: CorrectionInput): Promise<boolean> => {
    const target = this.target();
    if (!target) return false;
    if (!settings.named) {
      this.afterNaming(() => void this.correct(correction));
      return false;
    }
    await this.flush();
    const saved = await this.act(target, 'Correction', 'Recording the correction…', () =>
      api.correctStatement(target.articleId, target.statementId, correction),
    );
    if (saved) this.replaceSaved(target.articleId, saved);
    return !!saved;
  };

  /**
   * Attaches a document (a file the editor picks, or the page at a URL) to the article and
   * points the statement's source number `sourceIndex` at it: the statement where the editor
   * asked, even if another one is selected by the time the document is read.
   */
  attachDocument = async (sourceIndex: number, how: 'file' | { url: string; allowPrivateNetwork?: boolean }): Promise<DocumentRef | null> => {
    const target = this.target();
    if (!target) return null;
    this.privateLink = null;
    const fetchPage = async (url: string, allowPrivateNetwork: boolean) => {
      try {
        return await api.attachSourceUrl(target.articleId, url, ...(allowPrivateNetwork ? [{ allowPrivateNetwork }] : []));
      } catch (err) {
        // Not a failure: a question for the editor, asked where the Fetch URL button is.
        if (!(err instanceof ApiError && err.code === 'private-address')) throw err;
        this.privateLink = { statementId: target.statementId, sourceIndex, url, message: err.message };
        return null;
      }
    };
    const ref = await this.act(target, how === 'file' ? 'Attaching' : 'Fetching the page', how === 'file' ? 'Attaching a document…' : 'Fetching the page…', () =>
      how === 'file' ? api.attachSourceFile(target.articleId) : fetchPage(how.url, how.allowPrivateNetwork ?? false),
    );
    if (!ref) return null;
    if (this.article?.id === target.articleId) this.article = { ...this.article, documents: [...this.article.documents, ref] };
    await this.change(target, (statement) => {
      const sources = statement.sources.length ? [...statement.sources] : [emptySource()];
      sources[sourceIndex] = withDocument(sources[sourceIndex] ?? emptySource(), ref);
      return { sources };
    });
    return ref;
  };

  /** Splits the selected statement where the editor last clicked in it. */
  split = async (): Promise<void> => {
    const { article, statement, caret } = this;
    if (!article || !statement) return;
    if (caret?.statementId !== statement.id) {
      // Not a failed save: nothing was sent.
      this.notes = { ...this.notes, [statement.id]: { kind: 'refused', action: 'Split', text: 'Click inside the statement, where it should be split, then split.' } };
      return;
    }
    await this.restructure(() => api.splitStatement(article.id, statement.id, caret.offset), 'Split').catch(() => undefined);
  };

  mergeWithNext = async (): Promise<void> => {
    const { article, statement } = this;
    if (article && statement) await this.restructure(() => api.mergeWithNext(article.id, statement.id), 'Merge').catch(() => undefined);
  };

  /**
   * Split and merge change which statements exist: the undo history of the old ones no longer
   * applies. `what` names an action on the selected statement (Split, Merge), whose failure
   * shows there; without it, the failure shows in the save bar.
   */
  restructure = async (change: () => Promise<Article>, what?: string): Promise<void> => {
    await this.flush();
    const before = this.saveState;
    const statement = this.statement;
    this.saveState = 'saving';
    try {
      const selected = this.selected;
      this.article = await change();
      this.selected = selected;
      this.caret = null;
      this.forgetHistory();
      this.saveState = 'saved';
    } catch (err) {
      if (what && statement) {
        // Nothing was changed, so nothing is pending to retry: the answer shows on the statement.
        this.saveState = before;
        this.notes = { ...this.notes, [statement.id]: { kind: outcome(err), action: what, text: errorMessage(err) } };
      } else {
        this.saveState = 'error';
        this.saveError = errorMessage(err);
      }
      throw err;
    }
  };

  undo = (): void => this.travel(this.undoStack, this.redoStack, 'before');
  redo = (): void => this.travel(this.redoStack, this.undoStack, 'after');

  /** Sends every pending change now and waits until each is saved or has failed. */
  flush = (): Promise<void> => {
    clearTimeout(this.timer);
    this.saving = this.saving.then(() => this.sendPending());
    return this.saving;
  };

  /**
   * The window is closing or reloading: what is not saved yet goes out at once, each change
   * on its own, without waiting for the one before (the page may be gone before an answer).
   */
  sendNow = (): void => {
    clearTimeout(this.timer);
    for (const change of this.pending.values()) void api.markStatement(change.articleId, change.statementId, change.patch).catch(() => undefined);
  };

  /** Before the window closes: everything sent and acknowledged, or why not. */
  flushBeforeClose = async (): Promise<{ saved: boolean; message: string }> => {
    await this.flush();
    const unsaved = this.unsaved;
    if (!unsaved) return { saved: true, message: '' };
    return { saved: false, message: `${unsaved === 1 ? '1 change is' : `${unsaved} changes are`} not saved: ${this.saveError}` };
  };

  /** Leaving the article (another article, the library): its changes are saved first, or the editor stays. */
  private async leave(): Promise<void> {
    await this.flush();
    const articleId = this.article?.id;
    if (articleId && [...this.pending.values()].some((c) => c.articleId === articleId)) {
      throw new Error(`This article has changes that are not saved (${this.saveError}). Correct them or press Retry before leaving it.`);
    }
  }

  private async sendPending(): Promise<void> {
    if (!this.pending.size) return;
    this.saveState = 'saving';
    const failures: string[] = [];
    for (const [key, change] of [...this.pending]) {
      this.pending.delete(key);
      this.inFlight++;
      try {
        this.replaceSaved(change.articleId, await api.markStatement(change.articleId, change.statementId, change.patch));
      } catch (err) {
        // Not acknowledged: kept (typed on since? the newer wins) for Retry or the next change.
        this.pending.set(key, { ...change, patch: { ...change.patch, ...this.pending.get(key)?.patch } });
        failures.push(this.describeFailure(change, err));
      } finally {
        this.inFlight--;
      }
    }
    if (failures.length) {
      this.saveState = 'error';
      this.saveError = failures.length === 1 ? failures[0]! : `${failures[0]} (and ${failures.length - 1} more)`;
    } else {
      this.saveState = this.unsaved ? 'saving' : 'saved';
    }
  }

  private describeFailure(change: PendingChange, err: unknown): string {
    const index = this.article?.id === change.articleId ? this.article.statements.findIndex((s) => s.id === change.statementId) : -1;
    return index >= 0 ? `${errorMessage(err)} (statement ${index + 1})` : errorMessage(err);
  }

  /** Asks the editor's name, then goes on, if the same statement is still the one selected. */
  /**
   * An editor's decision on the selected statement (a sign-off, keeping a version): under her
   * name, after what she typed is saved, and on the statement where she asked for it.
   */
  private async decide(what: string, doing: string, call: (articleId: string, statementId: string) => Promise<Statement>): Promise<void> {
    const target = this.target();
    if (!target) return;
    if (!settings.named) return this.afterNaming(() => void this.decide(what, doing, call));
    await this.flush();
    const saved = await this.act(target, what, doing, () => call(target.articleId, target.statementId));
    if (saved) this.replaceSaved(target.articleId, saved);
  }

  private afterNaming(then: () => void): void {
    const target = this.target();
    settings.askName(() => {
      const now = this.target();
      if (now && target && keyOf(now) === keyOf(target)) then();
    });
  }

  private target(): Target | null {
    const { article, statement } = this;
    return article && statement ? { articleId: article.id, statementId: statement.id } : null;
  }

  /** Runs an action for one statement, showing it busy there; resolves to undefined if it failed. */
  private async act<T>(target: Target, what: string, doing: string, action: () => Promise<T>): Promise<T | undefined> {
    // One action at a time per statement (the buttons are disabled meanwhile; keys are not).
    if (this.busy[target.statementId]) return undefined;
    const { [target.statementId]: _, ...notes } = this.notes;
    this.notes = notes;
    this.busy = { ...this.busy, [target.statementId]: doing };
    try {
      return await action();
    } catch (err) {
      this.notes = { ...this.notes, [target.statementId]: { kind: outcome(err), action: what, text: errorMessage(err) } };
      return undefined;
    } finally {
      const { [target.statementId]: _done, ...rest } = this.busy;
      this.busy = rest;
    }
  }

  /**
   * Changes one statement, wherever the editor is now: on screen as any edit, or, if the
   * editor has opened another article meanwhile, on the stored statement.
   */
  private async change(target: Target, change: (statement: Statement) => StatementPatch): Promise<void> {
    const onScreen = this.article?.id === target.articleId ? this.article.statements.find((s) => s.id === target.statementId) : undefined;
    if (onScreen) {
      const patch = change(onScreen);
      this.record(onScreen, patch);
      this.apply(target, patch);
    } else {
      const stored = (await api.getArticle(target.articleId)).statements.find((s) => s.id === target.statementId);
      if (!stored) return;
      const key = keyOf(target);
      const patch = change({ ...stored, ...this.pending.get(key)?.patch });
      this.pending.set(key, { ...target, patch: { ...this.pending.get(key)?.patch, ...patch } });
    }
    await this.flush();
  }

  private apply(target: Target, patch: StatementPatch): void {
    const article = this.article;
    if (!article || article.id !== target.articleId) return;
    this.article = {
      ...article,
      statements: article.statements.map((s) => (s.id === target.statementId ? withPatch(s, patch) : s)),
    };
    const key = keyOf(target);
    this.pending.set(key, { ...target, patch: { ...this.pending.get(key)?.patch, ...patch } });
    this.saveState = 'saving';
    clearTimeout(this.timer);
    if (patch.verdict !== undefined) void this.flush();
    else this.timer = setTimeout(() => void this.flush(), TYPING_PAUSE_MS);
  }

  /** Takes the main process's copy, unless it is for another article or the editor has typed on since. */
  private replaceSaved(articleId: string, saved: Statement): void {
    const article = this.article;
    if (!article || article.id !== articleId || this.pending.has(keyOf({ articleId, statementId: saved.id }))) return;
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
    this.apply({ articleId: this.article.id, statementId: change.statementId }, change[side]);
    void this.flush();
  }

  private forgetHistory(): void {
    this.undoStack = [];
    this.redoStack = [];
  }
}

/** The store refusing (wrong editor, already signed off, nothing to merge with) is an answer, not a failure. */
function outcome(err: unknown): ActionNote['kind'] {
  return err instanceof ApiError && err.code === 'invalid-input' ? 'refused' : 'error';
}

/** Pointing a source at a document fills the citation fields the editor has left empty. */
export function withDocument(source: Source, ref: DocumentRef): Source {
  return {
    ...source,
    documentId: ref.id,
    title: source.title || ref.name,
    url: source.url || ref.url,
    file: source.file || (ref.kind === 'url' ? '' : ref.name),
  };
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
