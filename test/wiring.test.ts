/**
 * What the Chromium e2e run cannot see, because there window.api is injected: the built main
 * process is loaded under Node with a stand-in `electron` module (test/wiring/), and the built
 * preload is evaluated with a stand-in contextBridge. Needs `npm run build` first.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS, CHANNELS } from '../api/contract';
import { CONTENT_SECURITY_POLICY } from '../main/security';
import { userDataDir } from '../store/location';

const ROOT = path.resolve(import.meta.dirname, '..');
const MAIN = path.join(ROOT, 'out/main/index.js');
const run = promisify(execFile);

interface WiringReport {
  singleInstanceLock: boolean;
  sandboxEnabled: boolean;
  windows: { options: { webPreferences: Record<string, unknown> }; loaded: { file?: string; url?: string } }[];
  handlers: string[];
  headers: Record<string, string[]>;
  permissionHandler: boolean;
  permissionCheckHandler: boolean;
  windowOpen: { action: string };
  navigationPrevented: boolean;
  foreignFrameResult: { ok: boolean; error?: { code: string } };
  safeStorage?: string[];
  appFrameResult: { ok: boolean; value?: unknown };
  subFrameResult: { ok: boolean; error?: { code: string } };
  everyHandlerChecksSender: boolean;
  oversizedResult: { ok: boolean; error?: { code: string; message: string } };
  mainContents: ContentsProbe;
  externalOpened: string[];
  permissionsGranted: Record<string, string[]>;
  externalResults: { ok: boolean; error?: { code: string } }[];
  laterContents: ContentsProbe;
  menu: { label?: string; submenu?: { label?: string; accelerator?: string; registerAccelerator?: boolean }[] }[];
  errorBox?: { message: string };
  paths?: Record<string, string>;
  closing: {
    silent: { asked: number; waitedMs: number; closed: boolean; dialogs: number };
    answered: {
      asked: number;
      requestId: number | null;
      closedAfterForeign: boolean;
      closedBeforeAnswer: boolean;
      closed: boolean;
      closedAfterAnswerMs: number | null;
      totalMs: number | null;
      dialogs: number;
    };
    messageBoxes: { message: string; detail: string; buttons: string[] }[];
  };
}

interface ContentsProbe {
  windowOpen: { action: string } | null;
  navigationPrevented: boolean;
  redirectPrevented: boolean;
  webviewPrevented: boolean;
}

describe('the built main process', () => {
  let report: WiringReport;
  let tmp: string;
  let logFile: string;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error('out/main/index.js is missing: run `npm run build` first.');
    tmp = mkdtempSync(path.join(os.tmpdir(), 'factdesk-wiring-'));
    const reportFile = path.join(tmp, 'report.json');
    logFile = path.join(tmp, 'logs', 'main.log');
    await run(process.execPath, ['--import', './test/wiring/register.mjs', MAIN], {
      cwd: ROOT,
      env: {
        ...process.env,
        FACTDESK_STORE: path.join(tmp, 'store'),
        WIRING_REPORT: reportFile,
        WIRING_LOGS: path.join(tmp, 'logs'),
        ELECTRON_RENDERER_URL: '',
        NODE_ENV: 'production',
      },
    });
    report = JSON.parse(readFileSync(reportFile, 'utf8'));
    // Starting the built main and probing it takes a few seconds (closing alone waits 2.5 s for
    // a page that never answers); a loaded CI machine needs more than the default 10 s.
  }, 60_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('starts without an error dialog, as the only running copy, with the sandbox enforced', () => {
    expect(report.errorBox).toBeUndefined();
    expect(report.singleInstanceLock).toBe(true);
    expect(report.sandboxEnabled).toBe(true);
  });

  it("keeps its files in the folder the factdesk command uses, not one Electron names after package.json", () => {
    expect(report.paths?.userData).toBe(userDataDir(process.env));
  });

  it('opens one window with contextIsolation and sandbox on and no Node in the page', () => {
    expect(report.windows).toHaveLength(1);
    const prefs = report.windows[0]!.options.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
    });
  });

  it('points at a preload the build really wrote: one CommonJS file that requires only electron', () => {
    const preload = report.windows[0]!.options.webPreferences.preload as string;
    expect(preload).toBe(path.join(ROOT, 'out/preload/index.cjs'));
    expect(existsSync(preload)).toBe(true);
    const code = readFileSync(preload, 'utf8');
    // An ES module does not compile as a classic script; a sandboxed preload must.
    expect(() => new vm.Script(code, { filename: preload })).not.toThrow();
    const required = [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(code).not.toMatch(/\bimport\s*\(/);
  });

  it('loads the renderer file the build wrote, whose CSP is the one main enforces', () => {
    const file = report.windows[0]!.loaded.file!;
    expect(file).toBe(path.join(ROOT, 'out/renderer/index.html'));
    const html = readFileSync(file, 'utf8');
    expect(html).toContain(`content="${CONTENT_SECURITY_POLICY}"`);
    expect(report.headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*(unsafe-inline|unsafe-eval|https?:)/);
  });

  it('registers a handler for every channel of the contract and nothing else', () => {
    expect([...report.handlers].sort()).toEqual(Object.values(CHANNELS).sort());
  });

  it('refuses calls from frames that are not the app, and answers the app', () => {
    expect(report.foreignFrameResult).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(report.appFrameResult).toEqual({ ok: true, value: [] });
  });

  it('denies new windows, navigation and permission requests', () => {
    expect(report.windowOpen).toEqual({ action: 'deny' });
    expect(report.navigationPrevented).toBe(true);
    expect(report.permissionHandler).toBe(true);
    expect(report.permissionCheckHandler).toBe(true);
  });

  it('grants no permission but clipboard writing, and that only to the app page', () => {
    expect(report.permissionsGranted).toEqual({ app: ['clipboard-sanitized-write'] });
  });

  it('prevents <webview> and redirects in the app window', () => {
    expect(report.mainContents).toEqual({
      windowOpen: { action: 'deny' },
      navigationPrevented: true,
      redirectPrevented: true,
      webviewPrevented: true,
    });
  });

  it("locks down any webContents created later (web-contents-created), not only the app window's", () => {
    expect(report.laterContents).toEqual({
      windowOpen: { action: 'deny' },
      navigationPrevented: true,
      redirectPrevented: true,
      webviewPrevented: true,
    });
  });

  it('asks for no remote module, experimental features or Blink features, and loads no remote page', () => {
    const prefs = report.windows[0]!.options.webPreferences;
    for (const key of ['enableRemoteModule', 'experimentalFeatures', 'enableBlinkFeatures', 'nodeIntegrationInSubFrames']) {
      expect([undefined, false]).toContain(prefs[key]);
    }
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(report.windows[0]!.loaded.url).toBeUndefined();
    for (const file of ['out/main/index.js', 'out/preload/index.cjs']) {
      expect(readFileSync(path.join(ROOT, file), 'utf8')).not.toMatch(/@electron\/remote|enableRemoteModule/);
    }
  });

  it('allows no remote origin anywhere in the CSP, and no inline or eval script', () => {
    const directives = CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim());
    for (const directive of directives) expect(directive).not.toMatch(/https?:|wss?:|\*|blob:|filesystem:/);
    expect(directives).toContain("default-src 'none'");
    expect(directives).toContain("object-src 'none'");
    expect(directives).toContain("base-uri 'none'");
    expect(directives.find((d) => d.startsWith('script-src'))).toBe("script-src 'self'");
  });

  it('checks the sender on every handler: other pages and iframes are refused', () => {
    expect(report.everyHandlerChecksSender).toBe(true);
    expect(report.subFrameResult).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('hands only http(s) links to shell.openExternal', () => {
    expect(report.externalResults.map((r) => r.ok)).toEqual([false, false, true]);
    expect(report.externalOpened).toEqual(['https://example.org/checked']);
  });

  it('refuses an oversized request with a message that says so', () => {
    expect(report.oversizedResult).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringMatching(/^The request is too large/) },
    });
  });

  it('logs to the standard log folder, naming failed requests without their arguments or messages', () => {
    const log = readFileSync(logFile, 'utf8');
    expect(log).toMatch(/\[info\]\s+started \{"version":"0\.0\.0-wiring"/);
    expect(log).toMatch(/\]\s+request refused \{"request":"createArticle","code":"invalid-input"\}/);
    expect(log).toMatch(/\]\s+request refused \{"request":"getArticle","code":"not-found"\}/);
    expect(log).toMatch(/\]\s+request refused \{"request":"listArticles","code":"forbidden"\}/);
    expect(log).not.toMatch(/SECRET|xxxx|evil\.example/);
  });

  it('starts opening the search index at launch, before any search asks for it', () => {
    // A new store has no index yet: it is built (from no articles) while the window opens.
    expect(readFileSync(logFile, 'utf8')).toMatch(/\[info\]\s+search index opened \{"from":"rebuilt","reread":0,"ms":\d+\}/);
  });

  it('asks the page to save its pending changes before the window closes, and waits for the answer', () => {
    const { answered } = report.closing;
    expect(answered.asked).toBe(1);
    expect(answered.requestId).toEqual(expect.any(Number));
    // Held while the page saves; an answer from another frame does not release it.
    expect(answered.closedAfterForeign).toBe(false);
    expect(answered.closedBeforeAnswer).toBe(false);
    expect(answered.closed).toBe(true);
    expect(answered.closedAfterAnswerMs).toBeLessThan(200);
    expect(answered.totalMs).toBeGreaterThanOrEqual(400);
    // All saved: nothing to ask the editor.
    expect(answered.dialogs).toBe(1);
  });

  it('says so when the page does not answer within its short limit, and lets the editor keep the window', () => {
    const { silent, messageBoxes } = report.closing;
    expect(silent.asked).toBe(1);
    expect(silent.waitedMs).toBeGreaterThanOrEqual(2400);
    expect(silent.waitedMs).toBeLessThan(4000);
    expect(silent.dialogs).toBe(1);
    expect(silent.closed).toBe(false);
    expect(messageBoxes).toEqual([
      {
        message: 'Some changes may not be saved',
        detail: 'The window did not confirm within 2.5 s that your last changes were saved.',
        buttons: ['Keep the window open', 'Close without them'],
      },
    ]);
    expect(readFileSync(logFile, 'utf8')).toMatch(/\[warn\]\s+close: changes not confirmed saved \{"answered":false\}/);
  });

  it("gives the desk Electron's safeStorage for the password, and asks it whether it can encrypt", () => {
    expect(report.safeStorage).toContain('isEncryptionAvailable');
  });

  it('has a File menu whose shortcuts the renderer handles itself', () => {
    const file = report.menu.find((m) => m.label === '&File');
    type Item = { label?: string; accelerator?: string; registerAccelerator?: boolean; submenu?: Item[] };
    const flat = (items: Item[]): Item[] => items.flatMap((i) => [i, ...flat(i.submenu ?? [])]);
    const all = flat((file?.submenu ?? []) as Item[]);
    expect(all.find((i) => i.label === 'Export Report')?.submenu?.map((i) => i.label)).toEqual([
      'PDF…',
      'Web Page (HTML)…',
      'Markdown…',
      'Spreadsheet (CSV)…',
      'JSON…',
      'ClaimReview (JSON-LD)…',
      'Annotated Article (HTML)…',
      'Annotated Article (PDF)…',
    ]);
    const items = all.filter((i) => i.accelerator);
    expect(items.map((i) => i.accelerator)).toEqual(['CmdOrCtrl+N', 'CmdOrCtrl+O', 'CmdOrCtrl+E', 'CmdOrCtrl+L', 'CmdOrCtrl+,']);
    expect(items.every((i) => i.registerAccelerator === false)).toBe(true);
  });
});

describe('the built preload', () => {
  it('exposes exactly the contract as window.api, each method invoking its own channel', async () => {
    const file = path.join(ROOT, 'out/preload/index.cjs');
    const exposed: Record<string, unknown> = {};
    const invoked: unknown[][] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => invoked.push(args),
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    const module = { exports: {} };
    vm.runInNewContext(readFileSync(file, 'utf8'), {
      require: (name: string) => {
        if (name !== 'electron') throw new Error(`the preload required ${name}`);
        return electron;
      },
      module,
      exports: module.exports,
    });
    expect(Object.keys(exposed)).toEqual(['api']);
    const api = exposed.api as Record<string, (...args: unknown[]) => unknown>;
    expect(Object.keys(api).sort()).toEqual([...API_METHODS, 'onMenuCommand', 'onFlushRequest', 'onDeskStatus', 'onArticlesChanged'].sort());
    for (const method of API_METHODS) await api[method]!('arg');
    expect(invoked).toEqual(API_METHODS.map((m) => [CHANNELS[m], 'arg']));
    expect(Object.values(api)).not.toContain(electron.ipcRenderer);
  });
});
