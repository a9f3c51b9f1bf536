/** One wording for a failing disk, whoever writes: the store's files, its lock, the reports. */
import { describe, expect, it } from 'vitest';
import { describeWriteError, diskProblem } from './errors';
import { errno } from './fixtures/helpers';

describe('a failed write', () => {
  it('over the quota reads as a full disk, as ENOSPC does', () => {
    expect(diskProblem(errno('EDQUOT'))).toBe('full');
    expect(describeWriteError(errno('EDQUOT'), '/s/a.json')).toMatchObject({
      code: 'write-failed',
      message: 'Could not save: the disk is full (/s/a.json). Free some space; your last change was not saved.',
    });
  });

  it('in a read-only place names the place and the fix; anything else keeps its own words', () => {
    expect(describeWriteError(errno('EROFS'), '/s/a.json')).toMatchObject({
      code: 'read-only',
      message: "Could not save: Factdesk may not write to /s/a.json. Check the folder's permissions; your last change was not saved.",
    });
    expect(diskProblem(errno('EIO'))).toBeNull();
    expect(describeWriteError(errno('EIO'), '/s/a.json').message).toBe('Could not save /s/a.json: EIO: simulated by the test. Your last change was not saved.');
  });
});
