/** Reports are written whole or not at all; print folders of dead processes are cleaned up. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { deadPid, errno, tempDir } from '../../store/fixtures/helpers';
import { makePrintFolder, removeStalePrintFolders, writeReportFile } from './files';

let dir: string;
beforeEach(async () => {
  dir = await tempDir('factdesk-report-files-');
});
afterEach(async () => {
  vi.restoreAllMocks();
  await fs.rm(dir, { recursive: true, force: true });
});

it('a full disk mid-write leaves the earlier report as it was, and no temporary file', async () => {
  const target = path.join(dir, 'fact-check.html');
  await fs.writeFile(target, '<p>the good report</p>');
  const writeFile = fs.writeFile;
  // The disk fills after the first bytes, as it does in the middle of a large export.
  vi.spyOn(fs, 'writeFile').mockImplementation(async (file, data, options) => {
    await writeFile(file, String(data).slice(0, 8), options);
    throw errno('ENOSPC');
  });
  await expect(writeReportFile(target, '<p>a new report, much longer than the first</p>')).rejects.toMatchObject({
    code: 'write-failed',
    message: `Could not write the report to ${target}: the disk is full. Any earlier file there is unchanged.`,
  });
  expect(await fs.readFile(target, 'utf8')).toBe('<p>the good report</p>');
  expect(await fs.readdir(dir)).toEqual(['fact-check.html']);
});

it('the report appears under its name only once it is complete', async () => {
  const target = path.join(dir, 'fact-check.md');
  const rename = fs.rename;
  let seenBeforeRename: string | null = 'not checked';
  vi.spyOn(fs, 'rename').mockImplementation(async (from, to) => {
    // Everything is written, but not yet under the final name.
    seenBeforeRename = await fs.readFile(target, 'utf8').catch(() => null);
    expect(await fs.readFile(from, 'utf8')).toBe('# Report\n');
    return rename(from, to);
  });
  await writeReportFile(target, '# Report\n');
  expect(seenBeforeRename).toBeNull();
  expect(await fs.readFile(target, 'utf8')).toBe('# Report\n');
  expect(await fs.readdir(dir)).toEqual(['fact-check.md']);
});

it("print folders of processes that died are removed at start; live ones and others' files stay", async () => {
  const dead = await deadPid();
  const stale = path.join(dir, `factdesk-pdf-${dead}-abc123`);
  await fs.mkdir(stale);
  await fs.writeFile(path.join(stale, 'report-1.html'), '<p>an unpublished check</p>');
  await fs.mkdir(path.join(dir, `factdesk-print-${dead}-def456`));
  const live = await makePrintFolder('pdf', dir);
  const parent = path.join(dir, `factdesk-print-${process.ppid}-ghi789`);
  await fs.mkdir(parent);
  await fs.mkdir(path.join(dir, 'someone-else'));

  const removed = await removeStalePrintFolders(dir);
  expect(removed.sort()).toEqual([`factdesk-pdf-${dead}-abc123`, `factdesk-print-${dead}-def456`]);
  expect((await fs.readdir(dir)).sort()).toEqual([path.basename(live), path.basename(parent), 'someone-else'].sort());
});
