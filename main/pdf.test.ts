/**
 * main/pdf.ts against a stand-in Electron (this machine has no Electron binary): the hidden
 * print window is locked down, loads only the report's temporary file, prints with the same
 * options as the command line, and leaves nothing behind.
 */
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({
  windows: [] as {
    options: Record<string, any>;
    loaded: string | null;
    html: string | null;
    printed: Record<string, unknown> | null;
    destroyed: boolean;
    handlers: Record<string, unknown>;
    windowOpen: unknown;
  }[],
  requestFilter: null as null | ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
  permission: null as null | ((c: unknown, p: string, cb: (ok: boolean) => void) => void),
  failPrint: false,
}));

vi.mock('electron', () => {
  class BrowserWindow {
    entry: (typeof calls.windows)[number];
    webContents: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      this.entry = { options, loaded: null, html: null, printed: null, destroyed: false, handlers: {}, windowOpen: null };
      calls.windows.push(this.entry);
      const entry = this.entry;
      this.webContents = {
        setWindowOpenHandler: (fn: () => unknown) => (entry.windowOpen = fn()),
        on: (name: string, fn: unknown) => (entry.handlers[name] = fn),
        printToPDF: async (options: Record<string, unknown>) => {
          entry.printed = options;
          if (calls.failPrint) throw new Error('printing failed');
          return Buffer.from('%PDF-1.7 stand-in');
        },
      };
    }
    async loadFile(file: string) {
      this.entry.loaded = file;
      this.entry.html = readFileSync(file, 'utf8');
      // The session's filter decides, as it would for the real request.
      await new Promise<void>((resolve, reject) =>
        calls.requestFilter!({ url: pathToFileURL(file).href }, ({ cancel }) => (cancel ? reject(new Error('blocked')) : resolve())),
      );
    }
    isDestroyed() {
      return this.entry.destroyed;
    }
    destroy() {
      this.entry.destroyed = true;
    }
  }
  const session = {
    fromPartition: () => ({
      webRequest: { onBeforeRequest: (fn: typeof calls.requestFilter) => (calls.requestFilter = fn) },
      setPermissionRequestHandler: (fn: typeof calls.permission) => (calls.permission = fn),
      setPermissionCheckHandler: () => undefined,
    }),
  };
  return { BrowserWindow, session, default: { BrowserWindow, session } };
});

const { printPdf } = await import('./pdf');

beforeEach(() => {
  calls.windows.length = 0;
  calls.failPrint = false;
});

describe('printPdf in the app', () => {
  it('prints from a hidden, sandboxed window without scripts or preload, with the shared print options', async () => {
    const pdf = await printPdf('<!doctype html><title>x</title><p>Report</p>');
    expect(Buffer.from(pdf).toString('latin1')).toBe('%PDF-1.7 stand-in');
    const [win] = calls.windows;
    expect(win!.options).toMatchObject({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true },
    });
    expect(win!.options.webPreferences.preload).toBeUndefined();
    expect(win!.html).toBe('<!doctype html><title>x</title><p>Report</p>');
    expect(win!.printed).toEqual({
      pageSize: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: false,
      generateTaggedPDF: true,
      generateDocumentOutline: true,
    });
    expect(win!.windowOpen).toEqual({ action: 'deny' });
    expect(Object.keys(win!.handlers)).toEqual(expect.arrayContaining(['will-navigate']));
    expect(win!.destroyed).toBe(true);
    expect(existsSync(win!.loaded!)).toBe(false);
  });

  it('lets the print session load only the report being printed, and grants no permission', async () => {
    await printPdf('<p>one</p>');
    const file = calls.windows[0]!.loaded!;
    const decide = (url: string) => new Promise((resolve) => calls.requestFilter!({ url }, ({ cancel }) => resolve(cancel)));
    expect(await decide(pathToFileURL(file).href)).toBe(true); // printed and gone: no longer allowed
    expect(await decide('https://evil.example/x.png')).toBe(true);
    expect(await decide('file:///etc/passwd')).toBe(true);
    expect(await new Promise((resolve) => calls.permission!(null, 'media', resolve))).toBe(false);
  });

  it('prints one report at a time and cleans up after a failure', async () => {
    calls.failPrint = true;
    await expect(printPdf('<p>bad</p>')).rejects.toThrow('Could not make the PDF: printing failed');
    calls.failPrint = false;
    const results = await Promise.all([printPdf('<p>a</p>'), printPdf('<p>b</p>')]);
    expect(results).toHaveLength(2);
    expect(calls.windows.map((w) => [w.html, w.destroyed])).toEqual([
      ['<p>bad</p>', true],
      ['<p>a</p>', true],
      ['<p>b</p>', true],
    ]);
    for (const w of calls.windows) expect(existsSync(w.loaded!)).toBe(false);
  });
});
