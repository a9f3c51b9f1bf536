/**
 * One writer per store folder. The app and the `factdesk` command both take this lock before
 * they change anything, so two processes never write the same files. A lock left behind by a
 * process that died is taken over, and the caller learns that the last session ended uncleanly
 * (the store then rebuilds its index from the article files).
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from './errors';

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

/** Creates the lock file, taking over one left by a dead process; says whether it did. */
async function createLockFile(dir: string, file: string, mine: LockInfo): Promise<boolean> {
  let tookOverStale = false;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await fs.writeFile(file, JSON.stringify(mine), { flag: 'wx' });
      return tookOverStale;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
        throw new UserError('read-only', `Factdesk may not write to its store folder ${dir}. Check the folder's permissions.`);
      }
      if (code !== 'EEXIST') throw err;
    }
    const holder = await readLock(file);
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
    // The holder is gone (or wrote half a lock file while dying): take over.
    tookOverStale = true;
    await fs.rm(file, { force: true });
  }
  throw new UserError('locked', `Could not lock the store at ${dir}: another process keeps taking it.`);
}

async function readLock(file: string): Promise<LockInfo | null> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as LockInfo;
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
