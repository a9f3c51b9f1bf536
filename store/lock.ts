/**
 * One writer per store folder. The app and the `factdesk` command both take this lock before
 * they change anything, so two processes never write the same files. A lock left behind by a
 * process that died is taken over, and the caller learns that the last session ended uncleanly
 * (the store then rebuilds its index from the article files).
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DISK_FULL, diskProblem, NOT_ALLOWED, UserError } from './errors';

export const LOCK_FILE = 'factdesk.lock';

interface LockInfo {
  pid: number;
  hostname: string;
  since: string;
  by: string;
}

export interface StoreLock {
  /** True when a previous holder died without releasing the lock. */
  readonly tookOverStale: boolean;
  release(): Promise<void>;
  /**
   * Lets go in this process but leaves the lock file, so the next session takes it over as stale
   * and rebuilds the index: for a close whose last index write failed.
   */
  abandon(): void;
}

/**
 * Locks this process holds. A lock file carrying our own pid is otherwise taken for a stale one
 * (pids are reused across reboots, and in containers the app is often the same low pid), so
 * without this a second Store.open in the same process would "take over" from the first and the
 * two would overwrite each other's changes.
 */
const heldHere = new Map<string, LockInfo>();

export async function acquireLock(dir: string, by: string): Promise<StoreLock> {
  const file = path.join(dir, LOCK_FILE);
  const key = path.resolve(file);
  const mine: LockInfo = { pid: process.pid, hostname: os.hostname(), since: new Date().toISOString(), by };
  const here = heldHere.get(key);
  if (here) {
    throw new UserError(
      'locked',
      `The store at ${dir} is already open in this process, by ${here.by} (since ${here.since}). Close it first.`,
    );
  }
  // Claimed before the first await, so that a second open started at the same moment sees it
  // rather than finding our half-made lock file and taking it for a stale one.
  heldHere.set(key, mine);
  try {
    const tookOverStale = await createLockFile(dir, file, mine);
    return {
      tookOverStale,
      release: async () => {
        try {
          const holder = await readLock(file);
          if (holder?.pid === mine.pid && holder.hostname === mine.hostname) await fs.rm(file, { force: true });
        } finally {
          // Only now: an open in this process before the file is gone would take it for stale.
          heldHere.delete(key);
        }
      },
      abandon: () => {
        heldHere.delete(key);
      },
    };
  } catch (err) {
    heldHere.delete(key);
    throw err;
  }
}

/**
 * A lock file that cannot be read yet is taken for a live writer this long after it was last
 * written. Locks are linked into place complete (below), so only a lock from an older Factdesk,
 * or one cut short by a full disk, can be unreadable; one that new is far more likely a writer at
 * work than a dead one.
 */
export const UNREADABLE_LOCK_LIVE_MS = 10_000;

/** Creates the lock file, taking over one left by a dead process; says whether it did. */
async function createLockFile(dir: string, file: string, mine: LockInfo): Promise<boolean> {
  let tookOverStale = false;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await linkCompleteLock(dir, file, mine)) return tookOverStale;
    const seen = await fs.stat(file).catch(() => null);
    if (!seen) continue; // released meanwhile: try again
    const holder = await readLock(file);
    if (!holder && Date.now() - seen.mtimeMs < UNREADABLE_LOCK_LIVE_MS) {
      throw new UserError(
        'locked',
        `The store at ${dir} is being opened by another process right now. Try again in a moment, or use another store with --store.`,
      );
    }
    if (holder && holder.hostname === os.hostname() && holder.pid !== process.pid && isAlive(holder.pid)) {
      throw new UserError(
        'locked',
        `The store at ${dir} is in use by ${holder.by} (process ${holder.pid}, since ${holder.since}). ` +
          'Close it first, or use another store with --store.',
      );
    }
    if (holder && holder.hostname !== os.hostname()) {
      throw new UserError(
        'locked',
        `The store at ${dir} is in use by ${holder.by} on ${holder.hostname}. Close it there first, or delete ${file} if that computer is off.`,
      );
    }
    // The holder is gone (or left an unreadable lock long ago): take over, but only the very lock
    // judged stale. It is moved aside first, an atomic step, and checked to be the same file: if
    // another process took over and linked a fresh lock meanwhile, that one is put back.
    if (await removeIfSame(dir, file, seen)) tookOverStale = true;
  }
  throw new UserError('locked', `Could not lock the store at ${dir}: another process keeps taking it.`);
}

/**
 * Writes our lock complete under a temporary name and links it into place: another process sees
 * either no lock or a whole one, never an empty file (the old `wx` create and write left a moment
 * in which a reader took a live lock for a dead one). False when a lock is already there.
 */
async function linkCompleteLock(dir: string, file: string, mine: LockInfo): Promise<boolean> {
  const temp = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await fs.writeFile(temp, JSON.stringify(mine), { flag: 'wx' });
    await fs.link(temp, file);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // ENOENT: a process that took over a stale lock cleared temp files, ours among them.
    if (code === 'EEXIST' || code === 'ENOENT') return false;
    throw lockError(err, dir);
  } finally {
    await fs.rm(temp, { force: true }).catch(() => undefined);
  }
}

async function removeIfSame(dir: string, file: string, judged: { ino: number; dev: number; mtimeMs: number }): Promise<boolean> {
  const aside = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}.stale`;
  try {
    await fs.rename(file, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw lockError(err, dir);
  }
  const moved = await fs.stat(aside);
  if (moved.ino === judged.ino && moved.dev === judged.dev && moved.mtimeMs === judged.mtimeMs) {
    await fs.rm(aside, { force: true });
    return true;
  }
  // Not the lock we judged: a live one. Put it back unless yet another lock took its place.
  await fs.link(aside, file).catch(() => undefined);
  await fs.rm(aside, { force: true });
  return false;
}

/** A lock that cannot be written: a read-only folder or a full disk, in words an editor can act on. */
function lockError(err: unknown, dir: string): Error {
  switch (diskProblem(err)) {
    case 'not-allowed':
      return new UserError('read-only', `${NOT_ALLOWED.why(`its store folder ${dir}`)}. ${NOT_ALLOWED.fix}.`);
    case 'full':
      return new UserError('write-failed', `Factdesk cannot lock its store folder ${dir}: ${DISK_FULL.why}. ${DISK_FULL.fix} and try again.`);
    default:
      return err as Error;
  }
}

async function readLock(file: string): Promise<LockInfo | null> {
  try {
    const info = JSON.parse(await fs.readFile(file, 'utf8')) as LockInfo;
    return info && typeof info === 'object' && typeof info.pid === 'number' ? info : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
