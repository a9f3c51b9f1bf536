/** Files the editor names are read only when they are regular files, and never past the limit. */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../store/errors';
import { importArticleFile } from '.';
import { readRegularFile } from './read-file';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'factdesk-read-file-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const fail = (message: string) => new UserError('import-failed', message);
const posix = process.platform !== 'win32';

describe('readRegularFile', () => {
  it.runIf(posix)('refuses a named pipe at once, as a named pipe (nothing ever writes to it)', async () => {
    const fifo = path.join(dir, 'report.json');
    execFileSync('mkfifo', [fifo]);
    await expect(readRegularFile(fifo, 1024, fail)).rejects.toThrow('Could not open report.json: it is a named pipe, not a file.');
    await expect(importArticleFile(fifo)).rejects.toThrow('it is a named pipe, not a file');
  });

  it.runIf(posix)('refuses a symlink to /dev/zero as a device, without reading from it', async () => {
    const link = path.join(dir, 'article.txt');
    await fs.symlink('/dev/zero', link);
    await expect(readRegularFile(link, 1024, fail)).rejects.toThrow('Could not open article.txt: it is a device, not a file.');
  });

  it('refuses a folder as a folder', async () => {
    await fs.mkdir(path.join(dir, 'notes.txt'));
    await expect(importArticleFile(path.join(dir, 'notes.txt'))).rejects.toThrow('Could not open notes.txt: it is a folder, not a file.');
  });

  it.runIf(process.platform === 'linux')('stops at the limit when a file says it is empty but is not (/proc)', async () => {
    // /proc files report size 0 and produce text when read: the limit must hold while reading.
    await expect(readRegularFile('/proc/self/maps', 10, fail, (size) => `too large: ${size} bytes read`)).rejects.toThrow(
      'too large: 11 bytes read',
    );
  });

  it('reads a regular file, and one behind a symlink, whole', async () => {
    await fs.writeFile(path.join(dir, 'a.txt'), 'Taxes rose.');
    await fs.symlink(path.join(dir, 'a.txt'), path.join(dir, 'b.txt'));
    expect((await readRegularFile(path.join(dir, 'b.txt'), 1024, fail)).toString()).toBe('Taxes rose.');
    await expect(readRegularFile(path.join(dir, 'missing.txt'), 1024, fail)).rejects.toThrow('Could not open missing.txt: the file does not exist.');
  });
});
