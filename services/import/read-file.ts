/**
 * Reading a file the editor named, for every importer: it must be a regular file (a folder, a
 * named pipe or a device is refused by what it is), and no more than `maxBytes` is ever read.
 * A named pipe would block the read forever (holding the store's lock, for `factdesk import`),
 * and /dev/zero behind a harmless-looking name would be read until memory ran out; their sizes
 * say 0, so the size is checked again while reading.
 */
import { constants, promises as fs, type Stats } from 'node:fs';
import path from 'node:path';

export type ReadFailure = (message: string) => Error;

/** What a path is when it is not a regular file, in the editor's words. */
function notAFile(stat: Stats): string | null {
  if (stat.isFile()) return null;
  if (stat.isDirectory()) return 'it is a folder, not a file';
  if (stat.isFIFO()) return 'it is a named pipe, not a file';
  if (stat.isSocket()) return 'it is a socket, not a file';
  return 'it is a device, not a file';
}

export async function readRegularFile(
  file: string,
  maxBytes: number,
  fail: ReadFailure,
  tooLarge: (size: number) => string = (size) => `${path.basename(file)} is too large (${(size / 1024 / 1024).toFixed(1)} MB).`,
): Promise<Buffer> {
  const name = path.basename(file);
  // Our own refusals pass through as they are; anything else the OS says is wrapped below.
  const ours = new WeakSet<Error>();
  const refuse = (message: string) => {
    const error = fail(message);
    ours.add(error);
    return error;
  };
  let handle: fs.FileHandle;
  try {
    // Non-blocking, so that opening a named pipe returns at once instead of waiting for a writer.
    handle = await fs.open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw fail(`Could not open ${name}: ${code === 'ENOENT' ? 'the file does not exist' : code === 'EISDIR' ? 'it is a folder, not a file' : (err as Error).message}.`);
  }
  try {
    // The opened file, not the path: it cannot be swapped between the check and the read.
    const stat = await handle.stat();
    const what = notAFile(stat);
    if (what) throw refuse(`Could not open ${name}: ${what}.`);
    if (stat.size > maxBytes) throw refuse(tooLarge(stat.size));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1024 * 1024, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) throw refuse(tooLarge(total));
    }
    return Buffer.concat(chunks, total);
  } catch (err) {
    if (ours.has(err as Error)) throw err;
    throw fail(`Could not read ${name}: ${(err as Error).message}.`);
  } finally {
    await handle.close();
  }
}
