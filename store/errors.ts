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

/** Turns a failed write into words an editor can act on. */
export function describeWriteError(err: unknown, file: string): UserError {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOSPC':
      return new UserError('write-failed', `Could not save: the disk is full (${file}). Free some space; your last change was not saved.`);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new UserError('read-only', `Could not save: Factdesk may not write to ${file}. Check the folder's permissions; your last change was not saved.`);
    default:
      return new UserError('write-failed', `Could not save ${file}: ${(err as Error)?.message ?? String(err)}. Your last change was not saved.`);
  }
}
