/**
 * Reading the store's files back, and what happens when one is damaged. A damaged file (not
 * JSON, the wrong shape, or from a newer Factdesk) is never overwritten: it is moved to
 * damaged/, the newest good backup (durable-file.ts keeps two) is copied into its place, and a
 * notice says what happened, in words the editor reads in the app and the commands.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as v from 'valibot';
import type { StoreNotice } from '../domain/schema';
import { BACKUP_GENERATIONS, backupPath, copyAtomically, readText } from './durable-file';
import { UserError } from './errors';
import { migrate, type FileKind } from './migrations';

export class Recovery {
  /** What was repaired since the store opened, oldest first. */
  readonly notices: StoreNotice[] = [];

  constructor(
    private readonly dir: string,
    /** Opened for reading only: a damaged file is reported, and left where it is. */
    private readonly readOnly: boolean,
    private readonly now: () => string,
  ) {}

  /**
   * Reads, upgrades and checks one file. Returns null when the file is missing, or when it was
   * damaged and no backup could be restored (`backups: false` tries none; `quiet` reports
   * nothing and moves nothing, for files that are only looked at).
   */
  async read<S extends v.GenericSchema>(
    file: string,
    kind: FileKind,
    schema: S,
    opts: { backups?: boolean; quiet?: boolean } = {},
  ): Promise<v.InferOutput<S> | null> {
    const text = await readText(file).catch((err: unknown) => {
      // Unreadable (permissions, a folder in its place): say so rather than crash.
      throw new UserError('damaged', `Factdesk cannot read ${file}: ${(err as Error).message}`);
    });
    if (text === null) return null;
    const first = parse(text, kind, file, schema);
    if (first.ok) return first.value;
    if (opts.quiet) return null;
    if (this.readOnly) {
      throw new UserError('damaged', `${first.problem} Open Factdesk (or run a command that changes the store) to recover it.`);
    }
    let movedTo: string;
    try {
      movedTo = await this.quarantine(file);
    } catch (err) {
      // A folder we may not write to: leave everything where it is and say so.
      throw new UserError('damaged', `${first.problem} Factdesk could not move it aside (${(err as Error).message}).`);
    }
    let restoredFrom: string | null = null;
    let value: v.InferOutput<S> | null = null;
    if (opts.backups !== false) {
      for (let g = 1; g <= BACKUP_GENERATIONS && !value; g++) {
        const backupText = await readText(backupPath(file, g)).catch(() => null);
        const backup = backupText === null ? null : parse(backupText, kind, file, schema);
        if (!backup?.ok) continue;
        // A copy, not a rename: the backup stays a backup until the next good write replaces it.
        const copied = await copyAtomically(backupPath(file, g), file).then(
          () => true,
          () => false, // disk full: the notice says nothing was restored, the backup is still there
        );
        if (copied) {
          restoredFrom = backupPath(file, g);
          value = backup.value;
        }
      }
    }
    this.notices.push({ file, problem: first.problem, movedTo, restoredFrom, at: this.now() });
    return value;
  }

  /** Where damaged files go. Named in the messages, so the editor can find what was moved. */
  get damagedFolder(): string {
    return path.join(this.dir, 'damaged');
  }

  private async quarantine(file: string): Promise<string> {
    await fs.mkdir(this.damagedFolder, { recursive: true });
    const stamp = this.now().replace(/[:.]/g, '-');
    // rename replaces an existing file, and the same file can go bad twice within one clock tick
    // (or under a test clock): never let a later damaged copy replace an earlier one.
    for (let n = 0; ; n++) {
      const target = path.join(this.damagedFolder, `${path.basename(file)}.${stamp}${n ? `.${n}` : ''}`);
      if (await fs.stat(target).then(() => true, () => false)) continue;
      await fs.rename(file, target);
      return target;
    }
  }
}

function parse<S extends v.GenericSchema>(
  text: string,
  kind: FileKind,
  file: string,
  schema: S,
): { ok: true; value: v.InferOutput<S> } | { ok: false; problem: string } {
  if (text.trim() === '') return { ok: false, problem: `${file} is empty.` };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, problem: `${file} is not valid JSON (${(err as Error).message}); it may have been cut off.` };
  }
  try {
    raw = migrate(raw, kind, file);
  } catch (err) {
    return { ok: false, problem: (err as Error).message };
  }
  const result = v.safeParse(schema, raw);
  if (result.success) return { ok: true, value: result.output };
  const issue = result.issues[0];
  const where = issue ? v.getDotPath(issue) : null;
  return { ok: false, problem: `${file} does not match Factdesk's format (${where ? `${where}: ` : ''}${issue?.message}).` };
}

/** Temp files of writes cut short by a crash; the lock guarantees no one else is writing them. */
export async function removeTempFiles(dir: string): Promise<void> {
  for (const folder of [dir, path.join(dir, 'articles'), path.join(dir, 'trash')]) {
    const names = await fs.readdir(folder).catch(() => [] as string[]);
    for (const n of names.filter((n) => n.endsWith('.tmp'))) await fs.rm(path.join(folder, n), { force: true });
  }
}
