/** What the crash child and its parent test agree on. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERDICTS } from '../../domain/verdicts';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '../..');

/** The verdict a mark with this value sets: lets the parent check that verdict and note agree. */
export const verdictFor = (value: number) => VERDICTS[1 + (value % (VERDICTS.length - 1))]!;

export interface Child {
  process: ChildProcessWithoutNullStreams;
  /** Every complete stdout line so far. */
  lines: string[];
  stderr: () => string;
  /** Resolves with the pid once the child has opened the store. */
  ready: Promise<number>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts child.ts under the same Node, with tsx as a loader: no build step, and the child runs
 * the very store code under test.
 */
export function startChild(mode: 'hold' | 'mark', dir: string, first = 0): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'child.ts'), mode, dir, String(first)], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let partial = '';
  let err = '';
  let onReady: (pid: number) => void;
  let onFail: (e: Error) => void;
  const ready = new Promise<number>((resolve, reject) => {
    onReady = resolve;
    onFail = reject;
  });
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      if (line.startsWith('ready ')) onReady(Number(line.slice(6)));
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    // 'close', not 'exit': it waits for stdout to be drained, so no ack is missed.
    child.on('close', (code, signal) => {
      onFail(new Error(`child ended before it was ready (code ${code}, signal ${signal}): ${err}`));
      resolve({ code, signal });
    }),
  );
  return { process: child, lines, stderr: () => err, ready, exited };
}
