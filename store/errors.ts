/**
 * Errors the editor may see. `message` is written for a person (it names the file or the
 * field and says what is wrong); `code` is for programs. Anything else that escapes is a bug.
 */
export type UserErrorCode =
  | 'not-found'
  | 'invalid-input'
  | 'locked'
  | 'damaged'
  | 'read-only'
  | 'write-failed'
  | 'too-new'
  | 'import-failed'
  | 'desk'
  /** A link to this computer or the newsroom's network: the app asks before fetching it. */
  | 'private-address'
  /** The editor cancelled an import that was under way. */
  | 'cancelled'
  /** The library's search index is still being read; the search can be asked again in a moment. */
  | 'loading';

export class UserError extends Error {
  constructor(
    readonly code: UserErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/**
 * What a failed write says about the disk: full (ENOSPC, or EDQUOT: over the user's quota), or
 * not allowed (permissions, a read-only folder or disk); null for anything else. The store, its
 * lock and the reports all use this and the words below, so the editor reads one wording.
 */
export function diskProblem(err: unknown): 'full' | 'not-allowed' | null {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'full';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'not-allowed';
  return null;
}

export const DISK_FULL = { why: 'the disk is full', fix: 'Free some space' };
export const NOT_ALLOWED = { why: (where: string) => `Factdesk may not write to ${where}`, fix: "Check the folder's permissions" };

/** Turns a failed write into words an editor can act on. */
export function describeWriteError(err: unknown, file: string): UserError {
  switch (diskProblem(err)) {
    case 'full':
      return new UserError('write-failed', `Could not save: ${DISK_FULL.why} (${file}). ${DISK_FULL.fix}; your last change was not saved.`);
    case 'not-allowed':
      return new UserError('read-only', `Could not save: ${NOT_ALLOWED.why(file)}. ${NOT_ALLOWED.fix}; your last change was not saved.`);
    default:
      return new UserError('write-failed', `Could not save ${file}: ${(err as Error)?.message ?? String(err)}. Your last change was not saved.`);
  }
}
