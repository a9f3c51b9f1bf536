/**
 * Live sync while the app is connected to a desk: the background service main/ runs (and the
 * Chromium e2e host, the same way). It keeps the replica in PouchDB's live replication with the
 * desk, both ways, retrying with a growing pause while the desk cannot be reached, and moves
 * changes between the replica and the lowdb files (desk.ts does the mapping):
 *   a save here (store.onChange) → after a short pause, pushToReplica → live push to the desk;
 *   live pull from the desk → pullFromReplica → the store → onArticles (the window refreshes).
 * Push and pull never interleave (Desk runs them one at a time), and an edit saved here between
 * a push and a pull is kept and pushed next (desk.ts, applyArticles).
 *
 * It reports one status: synced, syncing N changes, offline (changes kept on this machine), or
 * an error with its reason, and the time of the last sync. The password is used for this run
 * and kept only through DeskPassword (encrypted by the system, or not at all).
 */
import { DESK_DISCONNECTED, type DeskAccountInput, type DeskStatus } from '../../api/contract';
import type { Store } from '../../store/store';
import { checkAccount, connectDesk, Desk, describeReplicationError, forgetDesk, readDeskState } from './desk';
import { DeskPassword } from './password';

export interface LiveDeskOptions {
  onStatus?(status: DeskStatus): void;
  /** Articles a colleague's change reached, once they are in the store. */
  onArticles?(articleIds: string[]): void;
  /** The longest pause between tries while the desk cannot be reached. */
  maxRetryMs?: number;
  /** How long saves here are gathered before they are written to the replica. */
  pushDelayMs?: number;
}

interface Side {
  active: boolean;
  /** Why the last try failed ('' when it did not): the desk is offline for this side. */
  offline: string;
}

interface Replication {
  on(event: string, listener: (arg?: unknown) => void): Replication;
  cancel(): void;
}

/** How long a failed push or pull step waits before it is tried again. */
const RETRY_STEP_MS = 1000;

export class LiveDesk {
  private desk: Desk | null = null;
  private replications: Replication[] = [];
  private stopListening: (() => void) | null = null;
  private push: Side = { active: false, offline: '' };
  private pull: Side = { active: false, offline: '' };
  /** Documents written to the replica that the desk has not confirmed yet. */
  private unsent = 0;
  /** Documents the desk says are still to come (CouchDB 2+ tells; express-pouchdb does not). */
  private incoming = 0;
  /** The desk refused the password or membership: live replication has ended. */
  private fatal = '';
  /** The desk refused a change (its rules); shown until a later change goes through. */
  private refused = '';
  /** The last push or pull step here failed (the disk, the replica); cleared by the next that works. */
  private stepFailure = '';
  private pushTimer: NodeJS.Timeout | null = null;
  private pullTimer: NodeJS.Timeout | null = null;
  private work = new Set<Promise<unknown>>();
  private current: DeskStatus = DESK_DISCONNECTED;
  private readonly password: DeskPassword;

  constructor(
    private readonly store: Store,
    password: DeskPassword,
    private readonly options: LiveDeskOptions = {},
  ) {
    this.password = password;
  }

  status(): DeskStatus {
    return this.current;
  }

  /** The signed-in desk user while a desk is connected (even offline), else null. */
  user(): string | null {
    return this.current.user || null;
  }

  /** At start: a connected desk syncs again with the kept password, or asks for it. */
  async resume(): Promise<DeskStatus> {
    const state = await readDeskState(this.store.dir).catch(() => null);
    // Settings → Desk says before connecting whether the password will be kept.
    const keyring = this.password.whyNotKept();
    if (!state) return this.set({ ...DESK_DISCONNECTED, keyring });
    const password = await this.password.read();
    if (password === null) {
      return this.set({
        ...DESK_DISCONNECTED,
        state: 'password-needed',
        url: state.url,
        user: state.user,
        lastSyncAt: state.lastSyncAt,
        keyring,
        reason: `Enter the desk password for ${state.user} to sync.`,
      });
    }
    return this.start(password);
  }

  /**
   * Checks the account (a clear one-line error for a wrong password, a non-member, an unreachable
   * desk: nothing changes then), remembers the desk, keeps the password if the system can
   * encrypt it, and starts syncing.
   */
  async connect(account: DeskAccountInput): Promise<DeskStatus> {
    await checkAccount(account);
    await this.stop();
    await connectDesk(this.store, account);
    await this.password.keep(account.password);
    return this.start(account.password);
  }

  /** Stops syncing and forgets the desk and the password; the articles stay in the store. */
  async disconnect(): Promise<DeskStatus> {
    await this.stop();
    await this.password.forget();
    await forgetDesk(this.store.dir);
    return this.set({ ...DESK_DISCONNECTED, keyring: this.password.whyNotKept() });
  }

  /** Stops syncing (at quit); the desk stays connected for the next start. */
  async stop(): Promise<void> {
    const desk = this.desk;
    this.desk = null;
    for (const r of this.replications.splice(0)) r.cancel();
    this.stopListening?.();
    this.stopListening = null;
    for (const timer of [this.pushTimer, this.pullTimer]) if (timer) clearTimeout(timer);
    this.pushTimer = this.pullTimer = null;
    await Promise.allSettled(this.work);
    await desk?.close();
  }

  private async start(password: string): Promise<DeskStatus> {
    const desk = await Desk.open(this.store, password);
    this.desk = desk;
    this.push = { active: true, offline: '' };
    this.pull = { active: true, offline: '' };
    this.unsent = this.incoming = 0;
    this.fatal = this.refused = this.stepFailure = '';
    this.set({
      state: 'connecting',
      url: desk.state.url,
      user: desk.user,
      changes: 0,
      reason: '',
      lastSyncAt: desk.state.lastSyncAt,
      keyring: this.password.whyNotKept(),
    });
    this.stopListening = this.store.onChange((change) => {
      if (change.kind !== 'published') this.schedulePush();
    });
    // What was saved here while not syncing, and what reached the replica but not the store.
    this.schedulePush(0);
    this.schedulePull(0);
    const max = this.options.maxRetryMs ?? 30_000;
    const options = {
      live: true,
      retry: true,
      batch_size: 500,
      back_off_function: (delay: number) => Math.min(max, delay ? delay * 2 : 500),
    };
    this.follow(desk, desk.replica.replicate.to(desk.remote, options) as unknown as Replication, this.push);
    this.follow(desk, desk.replica.replicate.from(desk.remote, options) as unknown as Replication, this.pull);
    return this.current;
  }

  private follow(desk: Desk, replication: Replication, side: Side): void {
    this.replications.push(replication);
    const mine = () => this.desk === desk;
    replication
      .on('active', () => {
        if (!mine()) return;
        side.active = true;
        side.offline = '';
        this.update();
      })
      .on('paused', (err) => {
        if (!mine()) return;
        side.active = false;
        side.offline = err ? describeReplicationError(err, desk.state).message : '';
        if (!err && side === this.push) this.unsent = 0;
        if (!err && side === this.pull) this.incoming = 0;
        this.update();
      })
      .on('change', (info) => {
        if (!mine()) return;
        const { docs = [], pending } = info as { docs?: unknown[]; pending?: number };
        if (side === this.push) {
          this.unsent = Math.max(0, this.unsent - docs.length);
          if (docs.length) this.refused = '';
        } else {
          this.incoming = pending ?? 0;
          this.schedulePull();
        }
        this.update();
      })
      .on('denied', (err) => {
        if (!mine()) return;
        const reason = (err as { reason?: string; message?: string })?.reason ?? (err as Error)?.message ?? 'forbidden';
        this.refused = `The desk refused a change: ${reason}`;
        this.update();
      })
      .on('error', (err) => {
        // Only a refused password or membership ends a live replication (anything else is retried).
        if (!mine()) return;
        this.fatal = describeReplicationError(err, desk.state).message;
        this.update();
      });
  }

  /** Saves here are gathered for a moment, then written to the replica in one go. */
  private schedulePush(delayMs = this.options.pushDelayMs ?? 300): void {
    this.schedule('pushTimer', delayMs, (desk) => this.pushNow(desk));
  }

  /** What the pull brought into the replica is applied to the store a moment later, together. */
  private schedulePull(delayMs = 50): void {
    this.schedule('pullTimer', delayMs, (desk) => this.pullNow(desk));
  }

  private schedule(timer: 'pushTimer' | 'pullTimer', delayMs: number, step: (desk: Desk) => Promise<void>): void {
    if (this[timer] || !this.desk) return;
    const desk = this.desk;
    this[timer] = setTimeout(() => {
      this[timer] = null;
      this.run(
        () => step(desk),
        () => this.schedule(timer, RETRY_STEP_MS, step),
      );
    }, delayMs);
    this.update();
  }

  private async pushNow(desk: Desk): Promise<void> {
    // Counted before each write: live replication may send a batch (and pause) before the
    // write's promise resolves, and a count added after that would never be taken off.
    await desk.pushToReplica((documents) => {
      if (this.desk !== desk) return;
      this.unsent += documents;
      this.update();
    });
  }

  private async pullNow(desk: Desk): Promise<void> {
    const changed = await desk.pullFromReplica();
    if (changed.length && this.desk === desk) this.options.onArticles?.(changed);
  }

  /**
   * Runs a step of the work in the background. A failure is shown as the desk's error and the
   * step is tried again: a failed pull has not moved its place in the replica's changes, so the
   * retry brings the same changes in (and tells the window), which no new change might ever do.
   */
  private run(step: () => Promise<void>, again: () => void): void {
    const desk = this.desk;
    const done = step()
      .then(
        () => {
          if (this.desk === desk) this.stepFailure = '';
        },
        (err: unknown) => {
          if (this.desk !== desk) return;
          this.stepFailure = err instanceof Error ? err.message : String(err);
          again();
        },
      )
      .finally(() => {
        this.work.delete(done);
        if (this.desk === desk) this.update();
      });
    this.work.add(done);
    this.update();
  }

  private update(): void {
    if (!this.desk) return;
    const busy = this.push.active || this.pull.active || this.pushTimer !== null || this.pullTimer !== null || this.work.size > 0;
    const offline = this.push.offline || this.pull.offline;
    const base = { ...this.current, reason: '' };
    let next: DeskStatus;
    const failure = this.fatal || this.stepFailure || this.refused;
    if (failure) next = { ...base, state: 'error', changes: this.unsent, reason: failure };
    else if (offline) next = { ...base, state: 'offline', changes: this.unsent, reason: offline };
    else if (busy || this.unsent > 0 || this.incoming > 0) next = { ...base, state: 'syncing', changes: this.unsent + this.incoming };
    else next = { ...base, state: 'synced', changes: 0, lastSyncAt: new Date().toISOString() };
    if (next.state === 'synced' && this.current.state === 'synced') return;
    // Remembered for the next start; outside `work`, which would count it as syncing again.
    if (next.state === 'synced') void this.desk.markSynced().catch(() => undefined);
    this.set(next);
  }

  private set(status: DeskStatus): DeskStatus {
    const before = this.current;
    this.current = status;
    if (JSON.stringify(before) !== JSON.stringify(status)) this.options.onStatus?.(status);
    return status;
  }
}
