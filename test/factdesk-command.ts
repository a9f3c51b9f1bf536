/**
 * The built `factdesk` command, run as a script runs it, for the command-line tests: its exit
 * code, what it printed, and the JSON on stdout when there is any.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const FACTDESK = path.resolve(import.meta.dirname, '..', 'out/main/factdesk.js');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** The JSON on stdout, as each test expects it. */
  json: any;
}

export interface RunOptions {
  /** Added to the environment; FACTDESK_STORE is cleared so that only --store chooses the store. */
  env?: Record<string, string>;
  cwd?: string;
  /** Only keeps a hanging command from hanging the suite; the tests say what it must do. */
  timeoutMs?: number;
}

export function runFactdesk(args: string[], options: RunOptions = {}): Promise<Run> {
  return new Promise((resolve) => {
    const env = { ...process.env, FACTDESK_STORE: '', ...options.env };
    execFile(process.execPath, [FACTDESK, ...args], { env, cwd: options.cwd, timeout: options.timeoutMs }, (err, stdout, stderr) => {
      let json: unknown = null;
      try {
        json = JSON.parse(stdout);
      } catch {
        // not every run prints JSON (errors, --help)
      }
      resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr, json });
    });
  });
}

/** The command tests run the built file: say so plainly when the build is missing. */
export function requireBuiltFactdesk(): void {
  if (!existsSync(FACTDESK)) throw new Error('out/main/factdesk.js is missing: run `npm run build` first.');
}
