/**
 * PDF in the app: the HTML report printed by Electron's own Chromium (webContents.printToPDF),
 * so the desktop needs no other browser. The report is loaded from a temporary file into a
 * hidden window that can do nothing but lay it out: sandboxed, no preload, JavaScript off, its
 * own in-memory session that refuses every request except that one file, no permissions, no
 * new windows, no navigation. The handlers see only `printPdf(html)` through the Host.
 *
 * The page header (newsroom, article title) and footer (page X of Y) are CSS @page margin
 * boxes in the report itself, so Chromium's own header and footer stay off; @page also sets
 * A4 and the margins (preferCSSPageSize).
 */
import { BrowserWindow, session, type Session } from 'electron';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makePrintFolder } from '../services/report/files';
import { PRINT_OPTIONS } from '../services/report/print-options';
import { UserError } from '../store/errors';

const PARTITION = 'factdesk-print';
const TIMEOUT_MS = 60_000;

/** The files the print session may load right now: the reports being printed. */
const allowed = new Set<string>();
const normalise = (file: string) => (process.platform === 'win32' ? path.normalize(file).toLowerCase() : path.normalize(file));

/** True only for a file:// URL of a report being printed; everything else is cancelled. */
function isAllowed(url: string): boolean {
  try {
    return allowed.has(normalise(fileURLToPath(url.split('#')[0]!)));
  } catch {
    return false;
  }
}
let printSession: Session | null = null;
/** One print at a time: each is a whole Chromium page, and exports are rare. */
let queue: Promise<unknown> = Promise.resolve();

function getPrintSession(): Session {
  if (printSession) return printSession;
  const ses = session.fromPartition(PARTITION, { cache: false });
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowed(details.url) }));
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  printSession = ses;
  return ses;
}

export function printPdf(html: string): Promise<Uint8Array> {
  const job = queue.then(() => printOnce(html));
  queue = job.catch(() => undefined);
  return job;
}

async function printOnce(html: string): Promise<Uint8Array> {
  const dir = await makePrintFolder('print');
  const file = path.join(dir, 'report.html');
  let win: BrowserWindow | null = null;
  let timer: NodeJS.Timeout | undefined;
  try {
    await fs.writeFile(file, html, 'utf8');
    allowed.add(normalise(file));
    win = new BrowserWindow({
      show: false,
      width: 794, // A4 at 96 dpi, so screen-only layout decisions match the page
      height: 1123,
      webPreferences: {
        session: getPrintSession(),
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        javascript: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        spellcheck: false,
        images: false,
      },
    });
    const contents = win.webContents;
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new UserError('write-failed', `The PDF was not ready after ${TIMEOUT_MS / 1000} s.`)),
        TIMEOUT_MS,
      );
    });
    await Promise.race([win.loadFile(file), timeout]);
    const pdf = await Promise.race([
      // The same options as the command line's headless Chromium (services/report/pdf.ts).
      contents.printToPDF({
        pageSize: 'A4',
        printBackground: PRINT_OPTIONS.printBackground,
        preferCSSPageSize: PRINT_OPTIONS.preferCSSPageSize,
        displayHeaderFooter: PRINT_OPTIONS.displayHeaderFooter,
        generateTaggedPDF: PRINT_OPTIONS.tagged,
        generateDocumentOutline: PRINT_OPTIONS.outline,
      }),
      timeout,
    ]);
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError('write-failed', `Could not make the PDF: ${(err as Error)?.message ?? String(err)}`);
  } finally {
    clearTimeout(timer);
    allowed.delete(normalise(file));
    if (win && !win.isDestroyed()) win.destroy();
    await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}
