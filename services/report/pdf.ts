/**
 * PDF without Electron: the HTML report printed by an installed Chromium (or Chrome) in
 * headless mode, for the `factdesk` command and the tests. In the app, main/pdf.ts prints the
 * same HTML with Electron's own Chromium; both end in Chromium's Page.printToPDF with the same
 * options (A4 and margins from the report's @page rule, backgrounds, a tagged PDF), so the
 * two PDFs are alike.
 *
 * The browser is driven over the DevTools protocol on a pipe (--remote-debugging-pipe: no
 * port, nothing another process can connect to), with a throwaway profile, no network
 * services and scripts disabled in the page; the report is loaded from a temporary file and
 * its CSP already forbids scripts and every remote resource. One ChromiumPrinter can print
 * many reports (`export --all` starts one browser, not one per article).
 *
 * $CHROMIUM_PATH names the browser; otherwise the usual install locations are tried.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { UserError } from '../../store/errors';
import { makePrintFolder } from './files';

export const CHROMIUM_MISSING =
  'PDF export needs Chromium: install it (apt-get install chromium) or set CHROMIUM_PATH';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** What Page.printToPDF is asked for, here and (as printToPDF options) in main/pdf.ts. */
export const PRINT_OPTIONS = {
  printBackground: true,
  preferCSSPageSize: true,
  displayHeaderFooter: false,
  generateTaggedPDF: true,
  /** Bookmarks from the report's headings (Summary, Statements, Still unchecked, Sources). */
  generateDocumentOutline: true,
} as const;

export interface ChromiumPdfOptions {
  /** The browser to run; default $CHROMIUM_PATH, then the usual install locations. */
  executablePath?: string;
  /** Give up on one print (and stop the browser) after this long; default 60 s. */
  timeoutMs?: number;
}

async function isExecutable(file: string): Promise<boolean> {
  return fs.access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** The Chromium to print with, or null when none is installed. */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const configured = env.CHROMIUM_PATH?.trim();
  if (configured) return (await isExecutable(configured)) ? configured : null;
  for (const candidate of CANDIDATES) if (await isExecutable(candidate)) return candidate;
  return null;
}

/** The browser's command line: headless, quiet, nothing persistent, the protocol on fds 3 and 4. */
export function chromiumArgs(profileDir: string): string[] {
  return [
    '--headless',
    '--remote-debugging-pipe',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-default-apps',
    '--disable-extensions',
    '--disable-sync',
    '--disable-breakpad',
    '--disable-dev-shm-usage',
    '--disable-features=MediaRouter,OptimizationHints,PaintHolding',
    '--no-default-browser-check',
    '--no-first-run',
    '--no-service-autorun',
    '--password-store=basic',
    '--mute-audio',
    '--hide-scrollbars',
    `--user-data-dir=${profileDir}`,
    'about:blank',
  ];
}

interface Pending {
  resolve(value: Record<string, unknown>): void;
  reject(err: Error): void;
}

/** A headless Chromium that prints HTML to PDF, for as many reports as needed; close() when done. */
export class ChromiumPrinter {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly waiters = new Set<{ match: (message: Record<string, unknown>) => boolean } & Pending>();
  private stderr = '';
  private exited: Error | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly child: ChildProcess,
    private readonly dir: string,
    private readonly timeoutMs: number,
  ) {
    const input = child.stdio[4] as Readable;
    let buffered: Buffer[] = [];
    input.on('data', (chunk: Buffer) => {
      let start = 0;
      for (let end = chunk.indexOf(0); end !== -1; end = chunk.indexOf(0, start)) {
        buffered.push(chunk.subarray(start, end));
        this.receive(Buffer.concat(buffered).toString('utf8'));
        buffered = [];
        start = end + 1;
      }
      if (start < chunk.length) buffered.push(chunk.subarray(start));
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => {
      this.stderr = (this.stderr + text).slice(-4000);
    });
    child.on('exit', (code, signal) => {
      this.exited = new UserError('write-failed', `Chromium stopped (${signal ?? `exit code ${code}`})${this.detail()}.`);
      for (const p of [...this.pending.values(), ...this.waiters]) p.reject(this.exited);
      this.pending.clear();
      this.waiters.clear();
    });
    // A failed write (the browser is gone) surfaces through the exit handler.
    (child.stdio[3] as Writable).on('error', () => undefined);
    input.on('error', () => undefined);
  }

  /** Starts the browser; fails with CHROMIUM_MISSING when there is none. */
  static async launch(options: ChromiumPdfOptions = {}): Promise<ChromiumPrinter> {
    const executable = options.executablePath ?? (await findChromium());
    if (!executable || !(await isExecutable(executable))) throw new UserError('write-failed', `${CHROMIUM_MISSING}.`);
    const dir = await makePrintFolder('pdf');
    const child = spawn(executable, chromiumArgs(path.join(dir, 'profile')), {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
      // Its own process group, so close() and a timeout stop the browser and every helper.
      detached: process.platform !== 'win32',
    });
    const started = await new Promise<Error | null>((resolve) => {
      child.once('spawn', () => resolve(null));
      child.once('error', (err) => resolve(err));
    });
    if (started) {
      await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
      throw new UserError('write-failed', `${CHROMIUM_MISSING} (${executable}: ${started.message}).`);
    }
    const printer = new ChromiumPrinter(child, dir, options.timeoutMs ?? 60_000);
    try {
      await printer.send('Browser.getVersion');
    } catch (err) {
      await printer.close();
      throw err;
    }
    return printer;
  }

  /** Prints one HTML document; prints are taken one at a time. */
  print(html: string): Promise<Uint8Array> {
    const job = this.queue.then(() => this.printOnce(html));
    this.queue = job.catch(() => undefined);
    return job;
  }

  /** Stops the browser and removes its profile and temporary files. */
  async close(): Promise<void> {
    if (!this.exited) {
      const gone = new Promise((resolve) => this.child.once('exit', resolve));
      this.send('Browser.close').catch(() => undefined);
      const timer = setTimeout(() => this.kill(), 5_000);
      await gone;
      clearTimeout(timer);
    }
    await fs.rm(this.dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  }

  private async printOnce(html: string): Promise<Uint8Array> {
    if (this.exited) throw this.exited;
    const file = path.join(this.dir, `report-${this.nextId}.html`);
    await fs.writeFile(file, html, 'utf8');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.kill();
        reject(new UserError('write-failed', `Chromium did not finish printing the PDF within ${Math.round(this.timeoutMs / 1000)} s.`));
      }, this.timeoutMs);
    });
    let targetId = '';
    try {
      return await Promise.race([
        (async () => {
          ({ targetId } = (await this.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string });
          const { sessionId } = (await this.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
          await this.send('Page.enable', {}, sessionId);
          await this.send('Emulation.setScriptExecutionDisabled', { value: true }, sessionId);
          const loaded = this.waitFor((m) => m.method === 'Page.loadEventFired' && m.sessionId === sessionId);
          const navigation = (await this.send('Page.navigate', { url: pathToFileURL(file).href }, sessionId)) as {
            errorText?: string;
          };
          if (navigation.errorText) throw new UserError('write-failed', `Chromium could not open the report: ${navigation.errorText}.`);
          await loaded;
          const { data } = (await this.send('Page.printToPDF', { ...PRINT_OPTIONS, transferMode: 'ReturnAsBase64' }, sessionId)) as {
            data: string;
          };
          const bytes = Buffer.from(data, 'base64');
          if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new UserError('write-failed', 'Chromium did not produce a PDF.');
          return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        })(),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
      if (targetId && !this.exited) await this.send('Target.closeTarget', { targetId }).catch(() => undefined);
      await fs.rm(file, { force: true }).catch(() => undefined);
    }
  }

  private send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    const message = JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) });
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      (this.child.stdio[3] as Writable).write(`${message}\0`);
    });
  }

  /** The next event that matches; rejected if the browser stops first. */
  private waitFor(match: (message: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
    if (this.exited) return Promise.reject(this.exited);
    return new Promise((resolve, reject) => this.waiters.add({ match, resolve, reject }));
  }

  private receive(text: string): void {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof message.id === 'number') {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      const error = message.error as { message?: string } | undefined;
      if (error) waiting.reject(new UserError('write-failed', `Chromium could not print the PDF: ${error.message ?? 'unknown error'}.`));
      else waiting.resolve((message.result as Record<string, unknown>) ?? {});
      return;
    }
    for (const waiter of this.waiters) {
      if (!waiter.match(message)) continue;
      this.waiters.delete(waiter);
      waiter.resolve(message);
    }
  }

  private kill(): void {
    try {
      if (this.child.pid && process.platform !== 'win32') process.kill(-this.child.pid, 'SIGKILL');
      else this.child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }

  private detail(): string {
    const lines = this.stderr
      .split('\n')
      .filter((line) => line.trim() && !/dbus|Fontconfig|sandbox|DevTools listening/i.test(line))
      .slice(-2)
      .join(' ');
    return lines ? `: ${lines}` : '';
  }
}

/** Prints one HTML document to PDF with a headless Chromium started for it. */
export async function printPdfWithChromium(html: string, options: ChromiumPdfOptions = {}): Promise<Uint8Array> {
  const printer = await ChromiumPrinter.launch(options);
  try {
    return await printer.print(html);
  } finally {
    await printer.close();
  }
}
