/**
 * The renderer's promise about saving, tested against a stand-in main process (window.api)
 * that can fail or be slow: nothing the editor did is dropped or lands on another statement.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Article, DocumentRef, Result, Settings, Statement, StatementPatch } from '$api/contract';
import { blankStatement } from '$domain/statement';
import { emptySource } from '$domain/verdicts';

type Check = (typeof import('./check.svelte'))['check'];
type EditorSettings = (typeof import('./settings.svelte'))['settings'];

function statement(id: string, text: string): Statement {
  return { ...blankStatement(0, text.length, text), id };
}

function article(id: string, count: number): Article {
  return {
    id,
    title: `Article ${id}`,
    statements: Array.from({ length: count }, (_, i) => statement(`${id}-s${i + 1}`, `Statement ${i + 1} of ${id}.`)),
    documents: [],
    orphaned: [],
  } as unknown as Article;
}

/** A main process in memory: keeps what it acknowledged, and fails or waits when a test says so. */
class FakeMain {
  articles = new Map<string, Article>();
  settings: Settings = { editorName: 'Ana Ruiz', newsroomName: '', newsroomUrl: '' };
  calls: { method: string; args: unknown[] }[] = [];
  /** Return a message to refuse the call (as the main process would), or null to answer. */
  refuse: (method: string, args: unknown[]) => { code: string; message: string } | null = () => null;
  /** Calls to these methods wait until `release(method)`. */
  private held = new Map<string, (() => void)[]>();
  private holding = new Set<string>();

  hold(method: string) {
    this.holding.add(method);
  }
  release(method: string) {
    this.holding.delete(method);
    for (const go of this.held.get(method) ?? []) go();
    this.held.delete(method);
  }
  saved(articleId: string, statementId: string): Statement {
    return this.articles.get(articleId)!.statements.find((s) => s.id === statementId)!;
  }
  sent(method: string) {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  bridge() {
    const answer = async <T>(method: string, args: unknown[], value: () => T): Promise<Result<T>> => {
      this.calls.push({ method, args });
      if (this.holding.has(method)) await new Promise<void>((go) => this.held.set(method, [...(this.held.get(method) ?? []), go]));
      const refused = this.refuse(method, args);
      if (refused) return { ok: false, error: refused } as Result<T>;
      return { ok: true, value: structuredClone(value()) } as Result<T>;
    };
    const change = (articleId: string, statementId: string, fn: (s: Statement) => Statement) => {
      const a = this.articles.get(articleId)!;
      const next = fn(a.statements.find((s) => s.id === statementId)!);
      this.articles.set(articleId, { ...a, statements: a.statements.map((s) => (s.id === statementId ? next : s)) });
      return next;
    };
    const attach = (articleId: string, name: string): DocumentRef => {
      const ref = { id: `doc-${name}`, name, kind: 'pdf', url: '', chars: 100 } as unknown as DocumentRef;
      const a = this.articles.get(articleId)!;
      this.articles.set(articleId, { ...a, documents: [...a.documents, ref] });
      return ref;
    };
    return {
      getArticle: (id: string) => answer('getArticle', [id], () => this.articles.get(id)!),
      markStatement: (articleId: string, statementId: string, patch: StatementPatch) =>
        answer('markStatement', [articleId, statementId, patch], () =>
          change(articleId, statementId, (s) => ({ ...s, ...patch, checkedBy: patch.verdict ? this.settings.editorName : s.checkedBy })),
        ),
      signOff: (articleId: string, statementId: string) =>
        answer('signOff', [articleId, statementId], () =>
          change(articleId, statementId, (s) => ({ ...s, review: { by: this.settings.editorName, at: '2026-12-01T12:00:00.000Z' } })),
        ),
      settleConflict: (articleId: string, statementId: string) =>
        answer('settleConflict', [articleId, statementId], () =>
          change(articleId, statementId, ({ deskConflict: _, ...s }) => s),
        ),
      attachSourceFile: (articleId: string) => answer('attachSourceFile', [articleId], () => attach(articleId, 'council-minutes.pdf')),
      mergeWithNext: (articleId: string, statementId: string) =>
        answer('mergeWithNext', [articleId, statementId], () => this.articles.get(articleId)!),
      attachSourceUrl: (articleId: string, url: string) => answer('attachSourceUrl', [articleId, url], () => attach(articleId, url)),
      getSettings: () => answer('getSettings', [], () => this.settings),
      updateSettings: (patch: Partial<Settings>) => answer('updateSettings', [patch], () => (this.settings = { ...this.settings, ...patch })),
    };
  }
}

let main: FakeMain;
let check: Check;
let settings: EditorSettings;

beforeEach(async () => {
  main = new FakeMain();
  main.articles.set('a', article('a', 4));
  main.articles.set('b', article('b', 2));
  vi.stubGlobal('window', { api: main.bridge() });
  // A fresh renderer for each test: the modules hold the state of one window.
  vi.resetModules();
  ({ check } = await import('./check.svelte'));
  ({ settings } = await import('./settings.svelte'));
  await settings.load();
  await check.open('a');
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const badUrl = { code: 'invalid-input', message: 'URL must start with http:// or https://' };
const sourceWith = (fields: Partial<ReturnType<typeof emptySource>>) => [{ ...emptySource(), ...fields }];

describe('saving', () => {
  it("keeps every statement's change when one save fails, and says Saved only once all are acknowledged", async () => {
    main.refuse = (method, args) => (method === 'markStatement' && (args[2] as StatementPatch).sources?.[0]?.url === 'htt' ? badUrl : null);
    check.select(0);
    check.edit({ sources: sourceWith({ url: 'htt' }) });
    check.select(1);
    check.edit({ note: 'Checked with the council press office.' });
    check.select(2);
    check.edit({ note: 'Budget figures from the 2025 report.' });
    await check.flush();

    // The other statements' changes were sent and acknowledged, not dropped with the failure.
    expect(main.saved('a', 'a-s2').note).toBe('Checked with the council press office.');
    expect(main.saved('a', 'a-s3').note).toBe('Budget figures from the 2025 report.');
    expect(check.saveState).toBe('error');
    expect(check.saveError).toBe('URL must start with http:// or https:// (statement 1)');

    // Retry while still refused: still not saved, and nothing else is claimed.
    await check.flush();
    expect(check.saveState).toBe('error');

    check.select(0);
    check.edit({ sources: sourceWith({ url: 'https://council.example/minutes' }) });
    await check.flush();
    expect(check.saveState).toBe('saved');
    expect(main.saved('a', 'a-s1').sources[0]!.url).toBe('https://council.example/minutes');
    expect(check.unsaved).toBe(0);
  });

  it('shows Saving, not Saved, while a change is still on its way', async () => {
    check.edit({ note: 'first' });
    main.hold('markStatement');
    const first = check.flush();
    check.select(1);
    check.giveVerdict('verified');
    await vi.waitFor(() => expect(main.sent('markStatement')).toHaveLength(1));
    expect(check.saveState).toBe('saving');
    main.release('markStatement');
    await first;
    await check.flush();
    expect(check.saveState).toBe('saved');
    expect(main.saved('a', 'a-s1').note).toBe('first');
    expect(main.saved('a', 'a-s2').verdict).toBe('verified');
  });

  it('a failed change stays pending for its own article after the editor opens another one', async () => {
    main.refuse = (method) => (method === 'markStatement' ? badUrl : null);
    check.edit({ sources: sourceWith({ url: 'htt' }) });
    await expect(check.open('b')).rejects.toThrow(/changes that are not saved \(URL must start/);
    // The editor stays on the article whose change is not saved, and the change is still there.
    expect(check.article?.id).toBe('a');
    expect(check.statement?.sources[0]?.url).toBe('htt');
    main.refuse = () => null;
    await check.flush();
    await check.open('b');
    expect(main.sent('markStatement').every(([articleId]) => articleId === 'a')).toBe(true);
    expect(main.saved('a', 'a-s1').sources[0]!.url).toBe('htt');
  });
});

describe('closing and switching', () => {
  it('sends typing still inside its pause before the window closes, and says so when it cannot', async () => {
    check.edit({ note: 'typed just before closing' });
    expect(main.sent('markStatement')).toHaveLength(0);
    expect(await check.flushBeforeClose()).toEqual({ saved: true, message: '' });
    expect(main.saved('a', 'a-s1').note).toBe('typed just before closing');

    main.refuse = (method) => (method === 'markStatement' ? { code: 'write-failed', message: 'Could not save: the disk is full.' } : null);
    check.edit({ note: 'typed again' });
    expect(await check.flushBeforeClose()).toEqual({
      saved: false,
      message: '1 change is not saved: Could not save: the disk is full. (statement 1)',
    });
  });

  it('sends typing still inside its pause before switching article', async () => {
    check.edit({ note: 'typed, then another article opened' });
    await check.open('b');
    expect(main.saved('a', 'a-s1').note).toBe('typed, then another article opened');
    expect(check.article?.id).toBe('b');
  });

  it('on reload, sends every pending change at once without waiting for answers', async () => {
    main.hold('markStatement');
    check.edit({ note: 'one' });
    check.select(1);
    check.edit({ note: 'two' });
    check.sendNow();
    expect(main.sent('markStatement').map(([, id, patch]) => [id, patch])).toEqual([
      ['a-s1', { note: 'one' }],
      ['a-s2', { note: 'two' }],
    ]);
    main.release('markStatement');
  });
});

describe('actions from the evidence panel', () => {
  it('an attached document lands on the statement where Attach was clicked, which shows busy meanwhile', async () => {
    check.select(2);
    main.hold('attachSourceFile');
    const attaching = check.attachDocument(0, 'file');
    await vi.waitFor(() => expect(main.sent('attachSourceFile')).toHaveLength(1));
    expect(check.busy).toEqual({ 'a-s3': 'Attaching a document…' });
    check.select(1);
    main.release('attachSourceFile');
    await attaching;

    expect(check.busy).toEqual({});
    expect(main.saved('a', 'a-s3').sources[0]).toMatchObject({ documentId: 'doc-council-minutes.pdf', title: 'council-minutes.pdf' });
    expect(main.saved('a', 'a-s2').sources).toEqual([]);
    expect(check.article?.statements[1]!.sources).toEqual([]);
    expect(check.article?.documents.map((d) => d.id)).toEqual(['doc-council-minutes.pdf']);
    expect(check.selected).toBe(1);
  });

  it('a page fetched for a statement lands there even after the editor opened another article', async () => {
    check.select(3);
    main.hold('attachSourceUrl');
    const fetching = check.attachDocument(0, { url: 'https://council.example/budget' });
    await vi.waitFor(() => expect(main.sent('attachSourceUrl')).toHaveLength(1));
    await check.open('b');
    main.release('attachSourceUrl');
    await fetching;
    expect(main.saved('a', 'a-s4').sources[0]!.documentId).toBe('doc-https://council.example/budget');
    expect(main.articles.get('b')!.statements.every((s) => s.sources.length === 0)).toBe(true);
    expect(check.article?.statements.every((s) => s.sources.length === 0)).toBe(true);
  });

  it('a sign-off lands on the statement it was given for', async () => {
    check.select(2);
    check.giveVerdict('false');
    await check.flush();
    main.settings.editorName = 'Ben Okafor';
    main.hold('signOff');
    const signing = check.signOff();
    await vi.waitFor(() => expect(main.sent('signOff')).toHaveLength(1));
    expect(check.busy).toEqual({ 'a-s3': 'Signing off…' });
    check.select(0);
    main.release('signOff');
    await signing;
    expect(check.article?.statements[2]!.review?.by).toBe('Ben Okafor');
    expect(check.article?.statements[0]!.review).toBeNull();
  });

  it('keeping the version of a flagged statement saves what was typed first, and settles the statement it was asked for', async () => {
    const flagged = { editors: ['ana', 'ben'], message: 'Changed by ana and ben while apart' };
    const a = main.articles.get('a')!;
    main.articles.set('a', { ...a, statements: a.statements.map((s, i) => (i === 1 ? { ...s, deskConflict: flagged } : s)) });
    await check.open('a');
    check.select(1);
    check.edit({ note: 'Both had a point' });
    main.hold('settleConflict');
    const keeping = check.settleConflict();
    await vi.waitFor(() => expect(main.sent('settleConflict')).toHaveLength(1));
    // The note was saved before the decision was sent, so the kept version has it.
    expect(main.saved('a', 'a-s2').note).toBe('Both had a point');
    expect(check.busy).toEqual({ 'a-s2': 'Keeping this version…' });
    check.select(3);
    main.release('settleConflict');
    await keeping;
    expect(check.article?.statements[1]!.deskConflict).toBeUndefined();
    expect(check.article?.statements[1]!.note).toBe('Both had a point');
  });

  it('a refused sign-off is a refusal with its reason on the statement, not a failed save', async () => {
    main.refuse = (method) =>
      method === 'signOff' ? { code: 'invalid-input', message: 'Ana Ruiz gave this verdict; a second editor must sign it off.' } : null;
    check.giveVerdict('false');
    await check.flush();
    await check.signOff();
    expect(check.notes).toEqual({ 'a-s1': { kind: 'refused', action: 'Sign-off', text: 'Ana Ruiz gave this verdict; a second editor must sign it off.' } });
    expect(check.saveState).toBe('saved');
  });
});

describe('split and merge', () => {
  it('a refused merge is a refusal on the statement, with no Retry claiming something is unsaved', async () => {
    main.refuse = (method) => (method === 'mergeWithNext' ? { code: 'invalid-input', message: 'The last statement has no next one to merge with.' } : null);
    check.select(3);
    await check.mergeWithNext();
    expect(check.notes).toEqual({ 'a-s4': { kind: 'refused', action: 'Merge', text: 'The last statement has no next one to merge with.' } });
    expect(check.saveState).not.toBe('error');
  });

  it('a split without a place to split asks for one, and sends nothing', async () => {
    await check.split();
    expect(check.notes['a-s1']).toEqual({ kind: 'refused', action: 'Split', text: 'Click inside the statement, where it should be split, then split.' });
    expect(check.saveState).toBe('idle');
    expect(main.calls.map((c) => c.method)).not.toContain('splitStatement');
  });
});

describe("the editor's name", () => {
  it('is asked before the first verdict, which follows once the name is saved', async () => {
    main.settings.editorName = '';
    await settings.load();
    check.giveVerdict('verified');
    expect(settings.naming).not.toBeNull();
    expect(main.sent('markStatement')).toHaveLength(0);
    await settings.saveName('  Ana Ruiz ');
    await check.flush();
    expect(main.sent('updateSettings')).toEqual([[{ editorName: 'Ana Ruiz' }]]);
    expect(main.saved('a', 'a-s1')).toMatchObject({ verdict: 'verified', checkedBy: 'Ana Ruiz' });
    expect(settings.naming).toBeNull();
  });

  it('is asked before a sign-off too, which then goes to the statement it was asked for', async () => {
    main.settings.editorName = '';
    await settings.load();
    check.select(1);
    await check.signOff();
    expect(main.sent('signOff')).toHaveLength(0);
    await settings.saveName('Ben Okafor');
    await vi.waitFor(() => expect(main.sent('signOff')).toEqual([['a', 'a-s2']]));
  });
});

describe("a colleague's change arriving through the desk", () => {
  it('is taken into the open article, while what the editor is typing stays as she has it', async () => {
    check.select(2);
    check.edit({ note: 'Half-typed by Ana' });
    // Ben's changes, saved here by main: one to a statement Ana is not editing, one to hers.
    const a = main.articles.get('a')!;
    main.articles.set('a', {
      ...a,
      statements: a.statements.map((s) =>
        s.id === 'a-s1' ? { ...s, verdict: 'false', checkedBy: 'ben' } : s.id === 'a-s3' ? { ...s, note: 'Ben wrote this' } : s,
      ),
    } as Article);
    const untouched = check.article!.statements[1];
    await check.takeFromDesk(['b']);
    expect(check.article!.statements[0]!.verdict).toBe('unchecked'); // another article's news
    await check.takeFromDesk(['a']);
    expect(check.article!.statements[0]).toMatchObject({ verdict: 'false', checkedBy: 'ben' });
    expect(check.article!.statements[2]!.note).toBe('Half-typed by Ana');
    expect(check.article!.statements[1]).toBe(untouched);
    expect(check.selected).toBe(2);
    // Her change is still on its way, and is what main keeps.
    await check.flush();
    expect(main.saved('a', 'a-s3').note).toBe('Half-typed by Ana');
    expect(check.saveState).toBe('saved');
  });

  it('keeps the same statement selected when a colleague merged statements before it', async () => {
    check.select(3);
    const a = main.articles.get('a')!;
    main.articles.set('a', { ...a, statements: a.statements.filter((s) => s.id !== 'a-s2') } as Article);
    await check.takeFromDesk(['a']);
    expect(check.statement!.id).toBe('a-s4');
    expect(check.selected).toBe(2);
  });
});
