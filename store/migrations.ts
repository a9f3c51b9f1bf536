/**
 * Upgrades files written by older versions of Factdesk, on read. Each step takes a file of
 * version N and returns version N + 1; a file newer than this build is refused (never
 * rewritten), so an older Factdesk cannot damage a newer one's data.
 */
import { SCHEMA_VERSION } from './schema';
import { UserError } from './errors';

export type FileKind = 'article' | 'library';
type Step = (file: Record<string, unknown>) => Record<string, unknown>;

/** steps[kind][N] upgrades a version-N file. Add one whenever SCHEMA_VERSION is bumped. */
const steps: Record<FileKind, Record<number, Step>> = {
  article: {},
  library: {},
};

export function migrate(raw: unknown, kind: FileKind, file: string): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw; // the schema will say what is wrong
  let data = raw as Record<string, unknown>;
  let version = typeof data.version === 'number' ? data.version : 0;
  if (version > SCHEMA_VERSION) {
    throw new UserError(
      'too-new',
      `${file} was written by a newer Factdesk (store version ${version}; this one reads up to ${SCHEMA_VERSION}). Update Factdesk to open it.`,
    );
  }
  while (version < SCHEMA_VERSION) {
    const step = steps[kind][version];
    if (!step) return data; // unknown old version: the schema check reports it
    data = step(data);
    version = data.version as number;
  }
  return data;
}
