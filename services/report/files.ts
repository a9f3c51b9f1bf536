/**
 * Where reports touch the disk. A report replaces a good one only when it is complete: it is
 * written to a temporary file beside the target, flushed, and renamed over it, so a full disk or
 * a kill mid-export leaves the previous report (or nothing) under the final name, never half a
 * file. PDF printing works in temporary folders named after the process; folders left by a
 * process that died mid-print (holding the report's HTML) are removed at the next start.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DISK_FULL, diskProblem, NOT_ALLOWED, UserError } from '../../store/errors';

export async function writeReportFile(target: string, content: string | Uint8Array): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`);
  try {
    await fs.writeFile(temp, content, { flag: 'wx', flush: true });
    await fs.rename(temp, target);
  } catch (err) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    const problem = diskProblem(err);
    const why = problem === 'full' ? DISK_FULL.why : problem === 'not-allowed' ? NOT_ALLOWED.why(path.dirname(target)) : (err as Error).message;
    throw new UserError('write-failed', `Could not write the report to ${target}: ${why}. Any earlier file there is unchanged.`);
  }
}

const PRINT_FOLDER = /^factdesk-(pdf|print)-(\d+)-/;

/** A temporary folder for one print job (or one browser), named so a later start can tell whose it is. */
export function makePrintFolder(kind: 'pdf' | 'print', tmp = os.tmpdir()): Promise<string> {
  return fs.mkdtemp(path.join(tmp, `factdesk-${kind}-${process.pid}-`));
}

/** Removes print folders whose process is gone; returns their names. Never fails the start. */
export async function removeStalePrintFolders(tmp = os.tmpdir()): Promise<string[]> {
  const removed: string[] = [];
  const names = await fs.readdir(tmp).catch(() => [] as string[]);
  for (const name of names) {
    const pid = Number(PRINT_FOLDER.exec(name)?.[2]);
    if (!pid || pid === process.pid || isAlive(pid)) continue;
    await fs.rm(path.join(tmp, name), { recursive: true, force: true }).then(
      () => removed.push(name),
      () => undefined,
    );
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
