/**
 * Every `bench:*` script of package.json, run with --quick (bench/quick.ts), so a benchmark that
 * stops working fails `npm test` instead of rotting unnoticed. A new benchmark is picked up by its
 * script name; it only has to honour --quick. Timing stays out of the assertions: a quick run
 * must finish cleanly and print its figures, whatever they are.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const benches = Object.keys(scripts).filter((name) => name.startsWith('bench:'));

function runQuick(script: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npm', ['run', '--silent', script, '--', '--quick'], { cwd: ROOT, timeout: 150_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('benchmarks in quick mode', () => {
  it('there are benchmarks to run', () => {
    expect(benches.length).toBeGreaterThan(0);
  });

  it.each(benches)('npm run %s -- --quick finishes and prints a ratio', { timeout: 180_000 }, async (script) => {
    const run = await runQuick(script);
    expect(run.stderr, run.stderr).not.toMatch(/Error/);
    expect(run.code).toBe(0);
    // Each benchmark compares against a baseline measured in the same run.
    expect(run.stdout).toMatch(/ratio[^\n]*\d/i);
  });
});
