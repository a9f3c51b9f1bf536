/**
 * The worker that reads what strangers send: article files, web pages and source documents.
 * It takes one task at a time from index.ts, which gives each a time budget and ends the
 * worker when one runs over. Errors travel back as data: a UserError keeps its code and words,
 * anything else its message.
 */
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { readSourceText } from '../evidence/source-text';
import { importArticleBytes, importArticleFile, importArticleUrl } from '../import';
import { parseClaimReviews } from '../library-index/claimreview';
import type { UrlImportOptions } from '../import/url';
import type { Task, TaskName, WorkerMessage } from './index';

const TASKS: Record<TaskName, (id: number, ...args: never[]) => Promise<unknown>> = {
  importArticleFile: (_id, file: string) => importArticleFile(file),
  importArticleBytes: (_id, name: string, bytes: Uint8Array) => importArticleBytes(name, bytes),
  importArticleUrl: (id, address: string, options: UrlImportOptions) =>
    importArticleUrl(address, { ...options, onDownloaded: () => post({ id, kind: 'downloaded' }) }),
  readSourceText: (_id, file: string) => readSourceText(file),
  parseClaimReviews: (_id, text: string, fileName: string) => parseClaimReviews(text, fileName),
};

/**
 * Loads the libraries a task will need before its budget starts: loading pdf.js or jsdom
 * takes the same time whatever the input, and on a busy machine it can take seconds.
 */
async function warmUp(task: Task): Promise<void> {
  const name = task.task === 'importArticleUrl' ? '.html' : task.task === 'parseClaimReviews' ? String(task.args[1]) : String(task.args[0]);
  const ext = path.extname(name).toLowerCase();
  if (ext === '.pdf' && task.task === 'readSourceText') await import('pdfjs-dist/legacy/build/pdf.mjs');
  if (['.html', '.htm', '.docx'].includes(ext)) await Promise.all([import('jsdom'), import('@mozilla/readability'), import('dompurify')]);
  if (ext === '.docx') await Promise.all([import('mammoth'), import('jszip')]);
}

function post(message: WorkerMessage): void {
  parentPort!.postMessage(message);
}

parentPort!.on('message', async (task: Task) => {
  const { id } = task;
  try {
    await warmUp(task);
    post({ id, kind: 'started' });
    post({ id, kind: 'done', value: await TASKS[task.task](id, ...(task.args as never[])) });
  } catch (err) {
    const error = err as { name?: string; code?: unknown; message?: string };
    post({ id, kind: 'failed', name: error?.name ?? 'Error', code: typeof error?.code === 'string' ? error.code : '', message: error?.message ?? String(err) });
  }
});
post({ id: 0, kind: 'ready' });
