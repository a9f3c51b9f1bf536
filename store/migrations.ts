/**
 * Upgrades files written by older versions of Factdesk, on read. Each step takes a file of
 * version N and returns version N + 1; a file newer than this build is refused (never
 * rewritten), so an older Factdesk cannot damage a newer one's data.
 */
import { SCHEMA_VERSION } from './schema';
import { UserError } from './errors';

export type FileKind = 'article' | 'library';
export type Step = (file: Record<string, unknown>) => Record<string, unknown>;
export type StepTable = Record<FileKind, Record<number, Step>>;

/** steps[kind][N] upgrades a version-N file. Add one whenever SCHEMA_VERSION is bumped. */
const steps: StepTable = {
  article: {},
  library: {},
};

export function migrate(raw: unknown, kind: FileKind, file: string): unknown {
  return migrateWith(steps, SCHEMA_VERSION, raw, kind, file);
}

/**
 * The stepping itself, with the table and the current version as parameters so that tests can
 * exercise it with a table of their own while this build has no older format to upgrade.
 */
export function migrateWith(table: StepTable, current: number, raw: unknown, kind: FileKind, file: string): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw; // the schema will say what is wrong
  let data = raw as Record<string, unknown>;
  let version = typeof data.version === 'number' ? data.version : 0;
  if (version > current) {
    throw new UserError(
      'too-new',
      `${file} was written by a newer Factdesk (store version ${version}; this one reads up to ${current}). Update Factdesk to open it.`,
    );
  }
  while (version < current) {
    const step = table[kind][version];
    if (!step) return data; // unknown old version: the schema check reports it
    data = step(data);
    // A step that forgets to bump the version would loop for ever (or skip a step): fail loudly.
    if (data.version !== version + 1) {
      throw new Error(`Migration of ${kind} files from version ${version} returned version ${String(data.version)}.`);
    }
    version = data.version;
  }
  return data;
}
