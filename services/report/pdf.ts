/**
 * PDF without Electron: the HTML report printed by an installed Chromium (or Chrome) in
 * headless mode, for the `factdesk` command and the tests. In the app, main/pdf.ts prints the
 * same HTML with Electron's own Chromium; both use the same print options (A4 and margins from
 * the report's @page rule, backgrounds, a tagged PDF with an outline), so the two PDFs are alike.
 *
 * The browser is driven by playwright-core (a maintained driver of Chromium's DevTools protocol,
 * over a pipe: no port another process could connect to), with a throwaway profile. Each report
 * gets a fresh browser context with JavaScript off and every network request refused; the
 * report's own CSP already forbids scripts and remote resources. Chromium's sandbox stays on
 * wherever it can run: everywhere but as root, where Chromium refuses to start with it, or where
 * the system does not allow it (then the print runs without it, and says so on stderr once). One
 * ChromiumPrinter can print many reports (`export --all` starts one browser, not one per article).
 *
 * $CHROMIUM_PATH names the browser; otherwise the usual install locations are tried.
 */
import { constants, promises as fs } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { UserError } from '../../store/errors';
import { PRINT_OPTIONS } from './print-options';

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

/** Quiet: no background services, updates, sync or crash reports from a print-only browser. */
const QUIET_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-sync',
  '--disable-breakpad',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--no-service-autorun',
  '--password-store=basic',
  '--mute-audio',
];

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

/** Chromium will not start sandboxed as root. */
const runningAsRoot = () => process.getuid?.() === 0;

/** The first line of a launch error, without playwright's call log. */
const firstLine = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0]!.trim();

/** A headless Chromium that prints HTML to PDF, for as many reports as needed; close() when done. */
export class ChromiumPrinter {
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly browser: Browser,
    private readonly timeoutMs: number,
  ) {}

  /** Starts the browser; fails with CHROMIUM_MISSING when there is none. */
  static async launch(options: ChromiumPdfOptions = {}): Promise<ChromiumPrinter> {
    const executablePath = options.executablePath ?? (await findChromium());
    if (!executablePath || !(await isExecutable(executablePath))) throw new UserError('write-failed', `${CHROMIUM_MISSING}.`);
    const start = (sandbox: boolean) =>
      chromium.launch({ executablePath, headless: true, chromiumSandbox: sandbox, args: QUIET_ARGS, timeout: 30_000 });
    try {
      if (runningAsRoot()) return new ChromiumPrinter(await start(false), options.timeoutMs ?? 60_000);
      try {
        return new ChromiumPrinter(await start(true), options.timeoutMs ?? 60_000);
      } catch (err) {
        // Some systems forbid the namespaces the sandbox needs (a container, a locked-down
        // kernel): print all the same, with scripts and the network still off.
        if (!/sandbox|namespace/i.test(String(err))) throw err;
        process.stderr.write(`factdesk: Chromium's sandbox cannot run here (${firstLine(err)}); printing without it.\n`);
        return new ChromiumPrinter(await start(false), options.timeoutMs ?? 60_000);
      }
    } catch (err) {
      throw new UserError('write-failed', `${CHROMIUM_MISSING} (${executablePath}: ${firstLine(err)}).`);
    }
  }

  /** Prints one HTML document; prints are taken one at a time. */
  print(html: string): Promise<Uint8Array> {
    const job = this.queue.then(() => this.printOnce(html));
    this.queue = job.catch(() => undefined);
    return job;
  }

  /** Stops the browser and its helpers, and removes its profile. */
  async close(): Promise<void> {
    this.closed = true;
    await this.browser.close().catch(() => undefined);
  }

  private async printOnce(html: string): Promise<Uint8Array> {
    if (this.closed || !this.browser.isConnected()) throw new UserError('write-failed', 'Chromium stopped before the PDF was printed.');
    const context = await this.browser.newContext({ javaScriptEnabled: false, serviceWorkers: 'block' });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        void this.close();
        reject(new UserError('write-failed', `Chromium did not finish printing the PDF within ${Math.round(this.timeoutMs / 1000)} s.`));
      }, this.timeoutMs);
    });
    try {
      return await Promise.race([
        (async () => {
          // The report is self-contained: nothing it names may be fetched.
          await context.route('**/*', (route) => route.abort());
          const page = await context.newPage();
          await page.setContent(html, { waitUntil: 'load', timeout: this.timeoutMs });
          const bytes = await page.pdf({ ...PRINT_OPTIONS });
          if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new UserError('write-failed', 'Chromium did not produce a PDF.');
          return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        })(),
        timeout,
      ]);
    } catch (err) {
      if (err instanceof UserError) throw err;
      throw new UserError('write-failed', `Chromium could not print the PDF: ${firstLine(err)}.`);
    } finally {
      clearTimeout(timer);
      await context.close().catch(() => undefined);
    }
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
