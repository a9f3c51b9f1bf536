/**
 * The renderer's small state modules (search, settings, library, messages), each against a
 * stand-in window.api: what the editor sees follows what the main process answered, in order.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result, SearchHit, SearchQuery, Settings } from '$api/contract';

const ok = <T>(value: T): Result<T> => ({ ok: true, value }) as Result<T>;
const refused = (message: string) => ({ ok: false, error: { code: 'invalid-input', message } }) as Result<never>;
const hit = (text: string) => ({ articleId: 'a', statementId: 's', text }) as unknown as SearchHit;

/** Promises a test settles by hand, to answer calls out of order. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

beforeEach(() => {
  vi.resetModules();
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('library search', () => {
  it('waits for a pause in typing, then shows only the newest answer when an older one comes late', async () => {
    const answers: { query: SearchQuery; reply: ReturnType<typeof deferred<Result<SearchHit[]>>> }[] = [];
    vi.stubGlobal('window', {
      api: {
        search: (query: SearchQuery) => {
          const reply = deferred<Result<SearchHit[]>>();
          answers.push({ query, reply });
          return reply.promise;
        },
      },
    });
    const { search } = await import('./search.svelte');
    search.query.text = 'Net';
    search.changed();
    search.query.text = 'Netf';
    search.changed();
    await vi.advanceTimersByTimeAsync(300);
    expect(answers.map((a) => a.query.text)).toEqual(['Netf']);

    search.query.text = 'Netflix';
    search.changed();
    await vi.advanceTimersByTimeAsync(300);
    expect(search.busy).toBe(true);
    // The newer search answers first; the older one's late answer must not replace it.
    answers[1]!.reply.resolve(ok([hit('Netflix renewed it.')]));
    await vi.advanceTimersByTimeAsync(0);
    answers[0]!.reply.resolve(ok([hit('Netf…')]));
    await vi.advanceTimersByTimeAsync(0);
    expect(search.hits.map((h) => h.text)).toEqual(['Netflix renewed it.']);
    expect(search.busy).toBe(false);
  });

  it('says why a search was refused and keeps the query', async () => {
    vi.stubGlobal('window', { api: { search: async () => refused('The date must be YYYY-MM-DD') } });
    const { search } = await import('./search.svelte');
    search.query.from = '2026-13';
    search.changed();
    await vi.advanceTimersByTimeAsync(300);
    expect(search.error).toBe('The date must be YYYY-MM-DD');
    expect(search.query.from).toBe('2026-13');
    search.clear();
    expect(search.active).toBe(false);
  });

  it('while the search index is still loading, says so and searches again until it answers', async () => {
    const loading = { ok: false, error: { code: 'loading', message: 'The search index is still loading (3 of 33 parts read); the search runs as soon as it is ready.' } } as Result<never>;
    const replies = [loading, loading, ok([hit('Netflix renewed it.')])];
    const asked: string[] = [];
    vi.stubGlobal('window', {
      api: {
        search: async (query: SearchQuery) => {
          asked.push(query.text);
          return replies.shift()!;
        },
      },
    });
    const { search } = await import('./search.svelte');
    search.query.text = 'Netflix';
    search.changed();
    await vi.advanceTimersByTimeAsync(300);
    // Said as a state, not as an error: nothing is wrong.
    expect(search.waiting).toBe('The search index is still loading (3 of 33 parts read); the search runs as soon as it is ready.');
    expect(search.error).toBe('');
    expect(search.hits).toEqual([]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(asked).toEqual(['Netflix', 'Netflix', 'Netflix']);
    expect(search.waiting).toBe('');
    expect(search.hits.map((h) => h.text)).toEqual(['Netflix renewed it.']);
    // Nothing asks again once it has answered.
    await vi.advanceTimersByTimeAsync(5000);
    expect(asked).toHaveLength(3);
  });
});

describe('settings', () => {
  it('asks for a name, stores it, and only then goes on with what the editor was doing', async () => {
    let stored: Settings = { editorName: '', newsroomName: 'The Ledger', newsroomUrl: '' } as Settings;
    const order: string[] = [];
    vi.stubGlobal('window', {
      api: {
        getSettings: async () => ok(stored),
        updateSettings: async (patch: Partial<Settings>) => {
          order.push('stored');
          stored = { ...stored, ...patch };
          return ok(stored);
        },
      },
    });
    const { settings } = await import('./settings.svelte');
    await settings.load();
    expect(settings.named).toBe(false);
    settings.askName(() => order.push('verdict given'));
    expect(settings.naming).not.toBeNull();
    await settings.saveName('  Ana Ruiz ');
    expect(order).toEqual(['stored', 'verdict given']);
    expect(stored.editorName).toBe('Ana Ruiz');
    expect(settings.named).toBe(true);
    expect(settings.naming).toBeNull();
  });

  it('does not go on when the name could not be stored', async () => {
    vi.stubGlobal('window', {
      api: {
        getSettings: async () => ok({ editorName: '', newsroomName: '', newsroomUrl: '' }),
        updateSettings: async () => refused('Could not save the settings: the disk is full'),
      },
    });
    const { settings } = await import('./settings.svelte');
    await settings.load();
    const then = vi.fn();
    settings.askName(then);
    await expect(settings.saveName('Ana')).rejects.toThrow('disk is full');
    expect(then).not.toHaveBeenCalled();
    expect(settings.named).toBe(false);
  });
});

describe('library', () => {
  it('shows the articles, the trash and the notices of one refresh together', async () => {
    vi.stubGlobal('window', {
      api: {
        listArticles: async () => ok([{ id: 'a', title: 'Hit & Run' }]),
        listTrash: async () => ok([{ id: 'b', title: 'Old draft' }]),
        storeNotices: async () => ok([{ file: 'x.json', message: 'restored from a backup' }]),
        workLists: async () => ok({ assignedToMe: [], awaitingMySignOff: [], overdue: [] }),
      },
    });
    const { library } = await import('./library.svelte');
    expect(library.loaded).toBe(false);
    await library.refresh();
    expect(library.articles.map((a) => a.title)).toEqual(['Hit & Run']);
    expect(library.trash.map((a) => a.title)).toEqual(['Old draft']);
    expect(library.notices).toHaveLength(1);
    expect(library.loaded).toBe(true);
  });
});

describe('library views', () => {
  it("shows the signed-in editor's work lists as the same refresh gave them", async () => {
    const item = (articleId: string, signOffBy: string) => ({ articleId, title: articleId, statementId: 's', index: 1, text: 'x', to: 'ben', due: '', signOffBy });
    let lists = { assignedToMe: [item('a', 'ana')], awaitingMySignOff: [] as ReturnType<typeof item>[], overdue: [] };
    vi.stubGlobal('window', {
      api: {
        listArticles: async () => ok([]),
        listTrash: async () => ok([]),
        storeNotices: async () => ok([]),
        workLists: async () => ok(lists),
      },
    });
    const { library } = await import('./library.svelte');
    await library.refresh();
    expect(library.items).toBeNull();
    library.view = 'assignedToMe';
    expect(library.items!.map((i) => i.articleId)).toEqual(['a']);
    library.view = 'awaitingMySignOff';
    expect(library.items).toEqual([]);
    // A colleague's verdict arrives: the next refresh puts it in the list being looked at.
    lists = { ...lists, awaitingMySignOff: [item('b', 'ana')] };
    await library.refresh();
    expect(library.items!.map((i) => [i.articleId, i.signOffBy])).toEqual([['b', 'ana']]);
  });
});

describe('messages', () => {
  it('lets a confirmation go after a few seconds but keeps an error until dismissed', async () => {
    const { ui } = await import('./ui.svelte');
    ui.tell('Report saved');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(ui.message).toBeNull();
    ui.tell('Could not save the report: the disk is full', 'error');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(ui.message?.text).toBe('Could not save the report: the disk is full');
    ui.dismiss();
    expect(ui.message).toBeNull();
  });

  it('does not let an earlier confirmation clear a newer error', async () => {
    const { ui } = await import('./ui.svelte');
    ui.tell('Saved to report.html');
    ui.tell('Not saved: the disk is full', 'error');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(ui.message?.kind).toBe('error');
  });
});
