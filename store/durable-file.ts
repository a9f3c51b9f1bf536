/**
 * A lowdb adapter that writes one JSON file atomically and durably.
 *
 * lowdb's own JSONFile (through steno) writes a temp file and renames it, which is atomic but
 * never fsyncs: after a power cut the rename can reach the disk before the data and leave a
 * NUL-filled file. So each write here is: write temp -> fsync temp -> keep the previous
 * version as a backup (hard link, no copy) -> rename over -> fsync the folder. A change is
 * acknowledged only after all of that. `durable: false` skips the two fsyncs (the benchmark
 * measures their cost; nothing else should turn them off).
 *
 * Writes to one file are queued, so two changes can never interleave on disk.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Adapter } from 'lowdb';
import { describeWriteError } from './errors';

export const BACKUP_GENERATIONS = 2;
export const backupPath = (file: string, generation: number) => `${file}.bak${generation}`;

export interface DurableOptions {
  durable: boolean;
}

export class DurableJSONFile<T> implements Adapter<T> {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly options: DurableOptions,
  ) {}

  /** The raw text, or null when the file does not exist. Parsing and checking is the store's job. */
  async read(): Promise<T | null> {
    const text = await readText(this.file);
    return text === null ? null : (JSON.parse(text) as T);
  }

  write(data: T): Promise<void> {
    const text = JSON.stringify(data);
    const next = this.queue.then(() => this.replace(text));
    // A failed write must not block the ones after it; the caller still sees its own failure.
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async replace(text: string): Promise<void> {
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      const fh = await fs.open(tmp, 'w');
      try {
        await fh.writeFile(text, 'utf8');
        if (this.options.durable) await fh.sync();
      } finally {
        await fh.close();
      }
      await keepBackup(this.file);
      await fs.rename(tmp, this.file);
      if (this.options.durable) await syncFolder(path.dirname(this.file));
    } catch (err) {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw describeWriteError(err, this.file);
    }
  }
}

export async function readText(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Rotates file.bak1 -> file.bak2 and links the current file as file.bak1. */
async function keepBackup(file: string): Promise<void> {
  for (let g = BACKUP_GENERATIONS; g > 1; g--) {
    await fs.rename(backupPath(file, g - 1), backupPath(file, g)).catch(ignoreMissing);
  }
  // rename() between two links to the same file does nothing and leaves both names (POSIX). That
  // happens after a crash between the link below and the rename over the file: bak1 and bak2 end
  // up as one file. Left there, bak1 made the link fail and the copy fallback then rewrote that
  // shared file in place, so a crash during the copy tore both backups (the crash test caught
  // it). bak2 still holds the same data, so dropping the name bak1 loses nothing.
  await fs.unlink(backupPath(file, 1)).catch(ignoreMissing);
  try {
    await fs.link(file, backupPath(file, 1));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return; // first write: nothing to keep
    // Folders that cannot hard-link (some network shares, FAT) get a copy instead, made under a
    // temporary name so that a crash mid-copy never leaves a torn backup.
    const tmp = `${backupPath(file, 1)}.${process.pid}.tmp`;
    await fs.copyFile(file, tmp);
    await fs.rename(tmp, backupPath(file, 1));
  }
}

/** A file's backups, newest first. */
export function backupsOf(file: string): string[] {
  return Array.from({ length: BACKUP_GENERATIONS }, (_, i) => backupPath(file, i + 1));
}

/** Moves a file with its backups (to the trash and back). */
export async function moveWithBackups(from: string, to: string): Promise<void> {
  await fs.rename(from, to);
  for (let g = 1; g <= BACKUP_GENERATIONS; g++) {
    await fs.rename(backupPath(from, g), backupPath(to, g)).catch(() => undefined);
  }
}

/** Copies under a temporary name first, so a crash or a full disk never leaves half a file at `to`. */
export function copyAtomically(from: string, to: string): Promise<void> {
  return replaceAtomically(to, (tmp) => fs.copyFile(from, tmp));
}

/**
 * Writes `text` under a temporary name, then renames it over `to`: a reader never sees half a
 * file. No fsync: for caches that can be rebuilt (the search index); articles use DurableJSONFile.
 */
export function writeTextAtomically(to: string, text: string): Promise<void> {
  return replaceAtomically(to, (tmp) => fs.writeFile(tmp, text));
}

async function replaceAtomically(to: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = `${to}.${process.pid}.tmp`;
  try {
    await write(tmp);
    await fs.rename(tmp, to);
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}

async function syncFolder(dir: string): Promise<void> {
  // Windows cannot open a folder for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const fh = await fs.open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

function ignoreMissing(err: unknown): void {
  if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
}
