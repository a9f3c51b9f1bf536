/**
 * The desk as the window shows it (desk.svelte.ts), against a stand-in window.api: the words
 * for each state, a status main sent winning over an older answer, and Connect's errors.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DESK_DISCONNECTED, type DeskAccountInput, type DeskStatus, type Result } from '$api/contract';

const status = (fields: Partial<DeskStatus>): DeskStatus => ({
  ...DESK_DISCONNECTED,
  url: 'https://couch.example/newsdesk',
  user: 'ana',
  ...fields,
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

beforeEach(() => vi.resetModules());
afterEach(() => vi.unstubAllGlobals());

describe('describeDesk', () => {
  it('names each state as the window shows it', async () => {
    const { describeDesk, describeLastSync } = await import('./desk.svelte');
    expect(describeDesk(status({ state: 'synced' }))).toBe('Synced');
    expect(describeDesk(status({ state: 'syncing', changes: 3 }))).toBe('Syncing 3 changes…');
    expect(describeDesk(status({ state: 'syncing', changes: 1 }))).toBe('Syncing 1 change…');
    expect(describeDesk(status({ state: 'offline', changes: 2 }))).toBe('Offline — 2 changes kept on this machine');
    expect(describeDesk(status({ state: 'offline' }))).toBe('Offline — changes kept on this machine');
    expect(describeDesk(status({ state: 'error', reason: 'The desk refused the password for ana.' }))).toBe(
      'Sync error: The desk refused the password for ana.',
    );
    expect(describeDesk(DESK_DISCONNECTED)).toBe('Not connected to a desk');
    const now = new Date('2026-12-01T15:00:00').getTime();
    expect(describeLastSync(null, now)).toBe('');
    expect(describeLastSync(new Date('2026-12-01T14:05:00').toISOString(), now)).toMatch(/^Last sync [^ ]*\b0?2:05|^Last sync 14.05/);
    // Not today: the day is named too.
    expect(describeLastSync(new Date('2026-11-28T09:30:00').toISOString(), now)).toMatch(/^Last sync .*28.* 0?9.30/);
  });
});

describe('desk state', () => {
  it('follows what main sends, and an older answer never replaces a newer status', async () => {
    let send: (s: DeskStatus) => void = () => undefined;
    const answer = deferred<Result<DeskStatus>>();
    vi.stubGlobal('window', {
      api: {
        deskStatus: () => answer.promise,
        onDeskStatus: (listener: (s: DeskStatus) => void) => ((send = listener), () => undefined),
      },
    });
    const { desk } = await import('./desk.svelte');
    desk.watch();
    send(status({ state: 'syncing', changes: 4 }));
    answer.resolve({ ok: true, value: status({ state: 'connecting' }) });
    await new Promise((r) => setTimeout(r, 0));
    expect(desk.label).toBe('Syncing 4 changes…');
    expect(desk.connected).toBe(true);
    expect(desk.user).toBe('ana');
    send(status({ state: 'synced', lastSyncAt: new Date().toISOString() }));
    expect(desk.label).toBe('Synced');
    expect(desk.lastSync).toMatch(/^Last sync /);
  });

  it("Connect shows the desk's one-line refusal and stays disconnected; a good account connects", async () => {
    const sent: DeskAccountInput[] = [];
    vi.stubGlobal('window', {
      api: {
        deskStatus: async () => ({ ok: true, value: DESK_DISCONNECTED }),
        onDeskStatus: () => () => undefined,
        connectDesk: async (account: DeskAccountInput) => {
          sent.push(account);
          return account.password === 'right'
            ? { ok: true, value: status({ state: 'connecting' }) }
            : { ok: false, error: { code: 'desk', message: 'The desk refused the password for ana.' } };
        },
        disconnectDesk: async () => ({ ok: true, value: DESK_DISCONNECTED }),
      },
    });
    const { desk } = await import('./desk.svelte');
    const account = { url: 'https://couch.example/newsdesk', user: 'ana', password: 'wrong' };
    expect(await desk.connect(account)).toBe(false);
    expect(desk.error).toBe('The desk refused the password for ana.');
    expect(desk.connected).toBe(false);
    expect(await desk.connect({ ...account, password: 'right' })).toBe(true);
    expect(desk.error).toBe('');
    expect(desk.label).toBe('Connecting to the desk…');
    await desk.disconnect();
    expect(desk.connected).toBe(false);
    expect(sent.map((a) => a.password)).toEqual(['wrong', 'right']);
  });
});
