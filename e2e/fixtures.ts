/**
 * One `app` fixture, two hosts. Specs import `test` and `expect` from here and never know
 * which host they run in:
 * - electron: the real app (`_electron.launch`), OS dialogs stubbed in the main process;
 * - chromium: the built renderer in Debian's Chromium, with window.api created from the
 *   contract's method list and every call routed (page.exposeBinding) to the real handlers
 *   from main/handlers.ts over a real store in a temporary folder.
 * Each test gets its own store folder, removed afterwards.
 */
import { test as base, expect, chromium, _electron, type Browser, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { API_METHODS, DESK_ARTICLES_CHANNEL, DESK_STATUS_CHANNEL } from '../api/contract';
import { DeskPassword, LiveDesk } from '../services/desk';
import { createHandlers, dispatch, type Host } from '../main/handlers';
import { printPdfWithChromium } from '../services/report/pdf';
import { Store } from '../store/store';
import { findElectronBinary } from './electron-binary';
import { serveRenderer } from './serve';

const ROOT = path.resolve(import.meta.dirname, '..');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export interface FactdeskApp {
  host: 'chromium' | 'electron';
  page: Page;
  storeDir: string;
  /** Quits and starts the app again on the same store. */
  restart(): Promise<void>;
  /** The next native save dialog answers with this file. */
  answerSaveDialog(file: string): Promise<void>;
  /** The next native open dialog answers with this file. */
  /**
   * The next native open dialog answers with this file; with `delayMs`, only after that long,
   * as a large document takes seconds to read (the app must stay usable meanwhile).
   */
  answerOpenDialog(file: string, options?: { delayMs?: number }): Promise<void>;
  /** Uncaught errors in the page: every test ends by checking there were none. */
  pageErrors: string[];
}

export interface HostOption {
  host: 'chromium' | 'electron';
}

export const test = base.extend<{ app: FactdeskApp; secondApp: FactdeskApp }, HostOption & { browser: Browser; rendererUrl: string }>({
  host: ['chromium', { option: true, scope: 'worker' }],

  rendererUrl: [
    async ({ host }, use) => {
      if (host !== 'chromium') return use('');
      const server = await serveRenderer(path.join(ROOT, 'out/renderer'));
      await use(server.url);
      await server.close();
    },
    { scope: 'worker' },
  ],

  browser: [
    async ({ host }, use) => {
      if (host !== 'chromium') return use(undefined as unknown as Browser);
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],

  app: async ({ host, browser, rendererUrl }, use, testInfo) => {
    const storeDir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-e2e-'));
    const app =
      host === 'electron' ? await launchElectron(storeDir) : await launchChromium(browser, rendererUrl, storeDir);
    await use(app.driver);
    await app.close();
    await rm(storeDir, { recursive: true, force: true });
    if (testInfo.status === testInfo.expectedStatus) expect(app.driver.pageErrors, 'uncaught errors in the page').toEqual([]);
  },

  /** A second editor's app on a store of her own, beside `app` (the desk's two-editor tests). */
  secondApp: async ({ host, browser, rendererUrl }, use, testInfo) => {
    test.skip(host !== 'chromium', 'Two app windows on two stores run in the Chromium project.');
    const storeDir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-e2e-second-'));
    const app = await launchChromium(browser, rendererUrl, storeDir);
    await use(app.driver);
    await app.close();
    await rm(storeDir, { recursive: true, force: true });
    if (testInfo.status === testInfo.expectedStatus) expect(app.driver.pageErrors, 'uncaught errors in the second page').toEqual([]);
  },
});

export { expect };

async function launchChromium(browser: Browser, url: string, storeDir: string) {
  const answers: { save: string[]; open: { file: string; delayMs: number }[] } = { save: [], open: [] };
  const nextOpen = async () => {
    const answer = answers.open.shift();
    if (answer?.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    return answer?.file ?? null;
  };
  const host: Host = {
    chooseArticleFile: nextOpen,
    chooseSourceFile: nextOpen,
    chooseReportPath: async () => answers.save.shift() ?? null,
    openExternal: async () => undefined,
    // What Electron's printToPDF does in the app, done by the same Debian Chromium.
    printPdf: (html) => printPdfWithChromium(html, { executablePath: CHROMIUM }),
    showInFolder: async () => undefined,
    chooseReportFile: nextOpen,
    choosePublishedChecksFile: nextOpen,
    signedInUser: () => null,
    desk: null,
  };
  const context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
  const page = await context.newPage();
  // What main sends the window (webContents.send), delivered to the bridge's listeners.
  const send = (channel: string, payload: unknown) =>
    void page
      .evaluate(([c, p]) => (window as unknown as { __factdeskEvent(c: string, p: unknown): void }).__factdeskEvent(c, p), [channel, payload] as const)
      .catch(() => undefined);
  // Live desk sync as main runs it; this host has no keyring, like Linux without one.
  const startDesk = (store: Store) => {
    const live = new LiveDesk(store, new DeskPassword(store.dir, null), {
      maxRetryMs: 1000,
      onStatus: (status) => send(DESK_STATUS_CHANNEL, status),
      onArticles: (ids) => send(DESK_ARTICLES_CHANNEL, ids),
    });
    void live.resume().catch(() => undefined);
    return live;
  };
  let store = await Store.open(storeDir, { by: 'the e2e test' });
  let desk = startDesk(store);
  const handlers = () => createHandlers(store, { ...host, desk, signedInUser: () => desk.user() });
  let api = handlers();
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.exposeBinding('__factdeskInvoke', (_source, method: string, args: unknown[]) =>
    dispatch(api, method, args.map(decodeBytes)),
  );
  await page.addInitScript(installBridge, { methods: API_METHODS as string[], deskStatus: DESK_STATUS_CHANNEL, deskArticles: DESK_ARTICLES_CHANNEL });
  await page.goto(url);
  const driver: FactdeskApp = {
    host: 'chromium',
    page,
    storeDir,
    pageErrors,
    async restart() {
      await desk.stop();
      await store.close();
      store = await Store.open(storeDir, { by: 'the e2e test' });
      desk = startDesk(store);
      api = handlers();
      await page.reload();
    },
    answerSaveDialog: async (file) => void answers.save.push(file),
    answerOpenDialog: async (file, options) => void answers.open.push({ file, delayMs: options?.delayMs ?? 0 }),
  };
  return {
    driver,
    close: async () => {
      await context.close();
      await desk.stop();
      await store.close();
    },
  };
}

/** Runs in the page: window.api as the preload would expose it, one method per contract entry. */
function installBridge({ methods, deskStatus, deskArticles }: { methods: string[]; deskStatus: string; deskArticles: string }) {
  const invoke = (window as unknown as { __factdeskInvoke(m: string, a: unknown[]): Promise<unknown> }).__factdeskInvoke;
  // exposeBinding passes JSON, so bytes travel as base64.
  const encode = (value: unknown): unknown => {
    if (value && typeof value === 'object' && 'bytes' in value && value.bytes instanceof Uint8Array) {
      let binary = '';
      const bytes = value.bytes;
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return { ...value, bytes: { $base64: btoa(binary) } };
    }
    return value;
  };
  const api: Record<string, unknown> = {};
  for (const method of methods) api[method] = (...args: unknown[]) => invoke(method, args.map(encode));
  api.onMenuCommand = () => () => undefined;
  api.onFlushRequest = () => () => undefined;
  // Events from the host, as the preload's ipcRenderer.on would deliver them.
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const subscribe = (channel: string) => (listener: (payload: unknown) => void) => {
    const set = listeners.get(channel) ?? new Set();
    listeners.set(channel, set.add(listener));
    return () => set.delete(listener);
  };
  api.onDeskStatus = subscribe(deskStatus);
  api.onArticlesChanged = subscribe(deskArticles);
  Object.defineProperty(window, '__factdeskEvent', {
    value: (channel: string, payload: unknown) => listeners.get(channel)?.forEach((listener) => listener(payload)),
  });
  Object.defineProperty(window, 'api', { value: Object.freeze(api) });
}

function decodeBytes(value: unknown): unknown {
  if (value && typeof value === 'object' && 'bytes' in value) {
    const bytes = (value as { bytes: unknown }).bytes;
    if (bytes && typeof bytes === 'object' && '$base64' in bytes) {
      return { ...value, bytes: new Uint8Array(Buffer.from(String(bytes.$base64), 'base64')) };
    }
  }
  return value;
}

async function launchElectron(storeDir: string) {
  const executablePath = findElectronBinary();
  test.skip(
    !executablePath,
    'Electron binary not found: the electron npm package downloads it on first run, which this machine cannot do. ' +
      'These specs run against real Electron wherever the binary exists; the chromium project runs them here.',
  );
  const start = () =>
    _electron.launch({
      executablePath: executablePath!,
      args: [ROOT],
      env: { ...process.env, FACTDESK_STORE: storeDir, NODE_ENV: 'test' },
    });
  let electronApp = await start();
  const pageErrors: string[] = [];
  const watch = (page: Page) => page.on('pageerror', (err) => pageErrors.push(err.message));
  let page = await electronApp.firstWindow();
  watch(page);
  const driver: FactdeskApp = {
    host: 'electron',
    get page() {
      return page;
    },
    storeDir,
    pageErrors,
    async restart() {
      await electronApp.close();
      electronApp = await start();
      page = await electronApp.firstWindow();
      watch(page);
    },
    answerSaveDialog: (file) =>
      electronApp.evaluate(({ dialog }, filePath) => {
        dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
      }, file),
    answerOpenDialog: (file, options) =>
      electronApp.evaluate(
        ({ dialog }, { filePath, delayMs }) => {
          dialog.showOpenDialog = (async () => {
            if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
            return { canceled: false, filePaths: [filePath] };
          }) as typeof dialog.showOpenDialog;
        },
        { filePath: file, delayMs: options?.delayMs ?? 0 },
      ),
  };
  return { driver, close: () => electronApp.close() };
}
