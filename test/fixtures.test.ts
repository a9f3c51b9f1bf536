/**
 * A user's clone has only the repository: no test, benchmark or script may read the project's
 * shared folder beside it, as the sample article once was read. The fixtures the tests use live
 * in the repository (test/fixtures, and fixtures/ folders beside the code).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
/** Built from parts, so that this file does not name it. */
const SHARED = ['..', 'shared', ''].join('/');

describe('fixtures', () => {
  it('are all inside the repository', () => {
    const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '*.ts', '*.mjs', '*.cjs', '*.js', '*.json', '*.yml', 'run'], {
      cwd: ROOT,
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean);
    expect(files.length).toBeGreaterThan(50);
    const outside = files.filter((file) => readFileSync(path.join(ROOT, file), 'utf8').includes(SHARED));
    expect(outside).toEqual([]);
  });
});
