/**
 * Reading what strangers send, away from the main process. Every article import, web page and
 * source document is read in a worker thread with a time budget and a memory cap, so a file
 * built to be slow (a regex-hostile line, thousands of nested elements, a zip or PDF bomb)
 * costs the editor one clear message, never a frozen window, and adds nothing.
 *
 * A worker thread, not a child process: it works unchanged in Electron's main process and in
 * the `factdesk` command, starts in milliseconds, and Node can cap its heap (resourceLimits).
 * Memory outside the heap (the buffers a decompressor fills) is watched through the process's
 * resident size. Past either limit, or the deadline, the worker is terminated mid-instruction.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import type { ImportedDraft } from '../../api/contract';
import { UserError, type UserErrorCode } from '../../store/errors';
import type { SourceText } from '../evidence/source-text';
import type { NewPublishedCheck } from '../../store/store';
import { URL_TIMEOUT_MS } from '../import/draft';
import type { UrlImportOptions } from '../import/url';

/** How long reading one file or page may take, after any download. */
export const READ_BUDGET_MS = 10_000;
/** The worker's JavaScript heap. */
export const HEAP_LIMIT_MB = 768;
/** Growth of the whole process's memory while a worker runs (heap plus buffers). */
export const MEMORY_LIMIT_BYTES = 1024 * 1024 * 1024;

export type TaskName = 'importArticleFile' | 'importArticleBytes' | 'importArticleUrl' | 'readSourceText' | 'parseClaimReviews';

export interface Task {
  id: number;
  task: TaskName;
  args: unknown[];
}

export type WorkerMessage =
  /** The worker has loaded and takes tasks. */
  | { id: 0; kind: 'ready' }
  /** The task's libraries are loaded; its budget starts now. */
  | { id: number; kind: 'started' }
  /** A web page has arrived: the reading budget starts again, now. */
  | { id: number; kind: 'downloaded' }
  | { id: number; kind: 'done'; value: unknown }
  | { id: number; kind: 'failed'; name: string; code: string; message: string };

/**
 * Loading a worker and its libraries is not the input's doing; it gets its own, generous
 * deadline, so a busy machine does not turn a normal file into "gave up".
 */
const STARTUP_MS = 60_000;
/** Workers kept for the next read once one has finished (each holds jsdom, pdf.js once loaded). */
const IDLE_WORKERS = 1;

interface Job {
  task: TaskName;
  stop(error: Error): void;
}
const running = new Set<Job>();
const idle: Worker[] = [];
let nextId = 1;

/** What the New article dialog reads: its Cancel ends these and nothing else. */
const ARTICLE_READS: readonly TaskName[] = ['importArticleFile', 'importArticleBytes', 'importArticleUrl'];

/**
 * Ends every article read under way (a file, a drop, a page); each caller gets a 'cancelled'
 * UserError. Source documents being attached to statements meanwhile read on: cancelling the
 * New article dialog must not cost the editor an attachment she started elsewhere.
 */
export async function cancelArticleReads(): Promise<void> {
  for (const job of [...running]) if (ARTICLE_READS.includes(job.task)) job.stop(new UserError('cancelled', 'Cancelled.'));
}

/** How many reads are under way. */
export function readsRunning(): number {
  return running.size;
}

interface RunOptions {
  /** What messages call the input: a file name or an address. */
  name: string;
  /** What the input is, for the give-up message: "page", "document", "file". */
  kind: string;
  budgetMs?: number;
}

function startWorker(): Worker {
  const entry = workerEntry();
  const worker = new Worker(entry.file, {
    workerData: { entry: entry.source },
    resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB, maxYoungGenerationSizeMb: 64, stackSizeMb: 16 },
    stdout: false,
    stderr: false,
  });
  // An idle worker must not keep the `factdesk` command running once its work is done.
  worker.unref();
  worker.on('exit', () => {
    const at = idle.indexOf(worker);
    if (at >= 0) idle.splice(at, 1);
  });
  return worker;
}

function run<T>(task: TaskName, args: unknown[], options: RunOptions): Promise<T> {
  const { name, kind, budgetMs = READ_BUDGET_MS } = options;
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    const reused = idle.pop();
    const worker = reused ?? startWorker();
    worker.ref();
    const baseline = process.memoryUsage.rss();
    let finished = false;
    const finish = () => {
      finished = true;
      running.delete(job);
      clearTimeout(deadline);
      clearInterval(watch);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
    };
    const job: Job = {
      task,
      stop: (error) => {
        if (finished) return;
        finish();
        void worker.terminate();
        reject(error);
      },
    };
    running.add(job);
    const seconds = Math.round(budgetMs / 1000);
    const gaveUp = () => job.stop(new UserError('import-failed', `Gave up on ${name} after ${seconds} s: the ${kind} is built in a way Factdesk cannot read.`));
    const tooBig = () =>
      job.stop(
        new UserError(
          'import-failed',
          `Gave up on ${name}: reading it needs more memory than Factdesk allows (${Math.round(MEMORY_LIMIT_BYTES / 1024 / 1024)} MB). The ${kind} is built in a way Factdesk cannot read.`,
        ),
      );
    const startupFailed = () => job.stop(new Error(`The reader for ${name} did not start within ${STARTUP_MS / 1000} s.`));
    let deadline = setTimeout(startupFailed, STARTUP_MS);
    const restart = (ms: number, then: () => void) => {
      clearTimeout(deadline);
      deadline = setTimeout(then, ms);
    };
    const watch = setInterval(() => {
      if (process.memoryUsage.rss() - baseline > MEMORY_LIMIT_BYTES) tooBig();
    }, 50);
    const send = () => worker.postMessage({ id, task, args } satisfies Task);

    function onMessage(message: WorkerMessage) {
      if (finished) return;
      if (message.kind === 'ready') return send();
      if (message.id !== id) return;
      // A download keeps its own deadline (see url.ts); the reading budget starts when it is in.
      if (message.kind === 'started') return restart(task === 'importArticleUrl' ? URL_TIMEOUT_MS + 2_000 : budgetMs, gaveUp);
      if (message.kind === 'downloaded') return restart(budgetMs, gaveUp);
      finish();
      worker.unref();
      if (idle.length < IDLE_WORKERS) idle.push(worker);
      else void worker.terminate();
      if (message.kind === 'done') resolve(message.value as T);
      else if (message.name === 'UserError') reject(new UserError(message.code as UserErrorCode, message.message));
      else reject(new Error(message.message));
    }
    function onError(err: Error & { code?: string }) {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') tooBig();
      else if (err instanceof RangeError && /call stack/i.test(err.message)) {
        job.stop(new UserError('import-failed', `Gave up on ${name}: the ${kind} is nested too deeply for Factdesk to read.`));
      } else job.stop(err);
    }
    function onExit(code: number) {
      if (!finished) job.stop(new Error(`The reader stopped unexpectedly (exit code ${code}).`));
    }
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    if (reused) send();
  });
}

/**
 * The worker's entry: the built one next to the bundle (out/main/import-worker.js), or, when
 * running from source, the TypeScript file through tsx. Paths are built from variables, so the
 * bundler leaves them alone.
 */
function workerEntry(): { file: string; source?: string } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const boot = 'boot.mjs';
    const source = './worker.ts';
    return { file: fileURLToPath(new URL(boot, here)), source: new URL(source, here).href };
  }
  const dir = path.dirname(fileURLToPath(here));
  for (const candidate of [path.join(dir, BUILT_WORKER), path.join(dir, '..', BUILT_WORKER)]) {
    if (existsSync(candidate)) return { file: candidate };
  }
  throw new Error(`The import worker (${BUILT_WORKER}) is missing next to ${dir}; the app was not built completely.`);
}
const BUILT_WORKER = 'import-worker.js';

// ---- The isolated entry points: same arguments and results as the in-process ones ----

export function importArticleFile(file: string): Promise<ImportedDraft> {
  return run('importArticleFile', [file], { name: path.basename(file), kind: kindOf(file) });
}

export function importArticleBytes(name: string, bytes: Uint8Array): Promise<ImportedDraft> {
  return run('importArticleBytes', [name, bytes], { name, kind: kindOf(name) });
}

export function importArticleUrl(address: string, options: UrlImportOptions = {}): Promise<ImportedDraft> {
  const { onDownloaded: _, ...plain } = options;
  return run('importArticleUrl', [address, plain], { name: address.trim().slice(0, 300), kind: 'page' });
}

export function readSourceText(file: string): Promise<SourceText> {
  return run('readSourceText', [file], { name: path.basename(file), kind: kindOf(file) });
}

/** Other publishers' ClaimReview markup: a JSON file, or an HTML page parsed by jsdom. */
export function parseClaimReviews(text: string, fileName: string): Promise<NewPublishedCheck[]> {
  return run('parseClaimReviews', [text, fileName], { name: fileName, kind: kindOf(fileName) });
}

function kindOf(file: string): string {
  const ext = path.extname(file).slice(1).toLowerCase();
  return ext === 'html' || ext === 'htm' ? 'page' : ext === 'pdf' || ext === 'docx' ? 'document' : 'file';
}
