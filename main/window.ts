import { app, BrowserWindow, session, type WebContents } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from './security';

/** The files electron-vite writes; main points at exactly these. */
export const PRELOAD_FILE = path.join(import.meta.dirname, '../preload/index.cjs');
export const RENDERER_FILE = path.join(import.meta.dirname, '../renderer/index.html');

export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 880,
    minHeight: 560,
    show: false,
    title: 'Factdesk',
    backgroundColor: '#f6f5f2',
    webPreferences: {
      preload: PRELOAD_FILE,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Middle-click (auxclick) cannot open links in new windows either.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
    },
  });
  lockDown(win.webContents);
  win.once('ready-to-show', () => win.show());
  const devServer = process.env.ELECTRON_RENDERER_URL;
  if (devServer) void win.loadURL(devServer);
  else void win.loadFile(RENDERER_FILE);
  return win;
}

const lockedDown = new WeakSet<WebContents>();

/**
 * No page of Factdesk navigates away, opens windows or attaches a <webview>; links go to the
 * browser via IPC. Main may still load what it chooses (loadFile/loadURL are not navigations
 * a page asked for).
 */
export function lockDown(contents: WebContents): void {
  if (lockedDown.has(contents)) return;
  lockedDown.add(contents);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * The same rules for every webContents created from now on, whoever creates it (a hidden
 * window that prints a report, a devtools host): call once, before the first window.
 */
export function lockDownAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
}

/** Session-wide rules: the CSP as a header too (the dev server ignores the meta tag), and no permissions. */
export function secureSession(): void {
  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  // Denied unless listed, and listed ones only for the app's own page ("Copy details" writes
  // an error message to the clipboard).
  ses.setPermissionRequestHandler((contents, permission, callback, details) =>
    callback(PERMITTED.has(permission) && (isAppUrl(details?.requestingUrl) || isAppUrl(contents?.getURL?.()))),
  );
  ses.setPermissionCheckHandler(
    (contents, permission, _origin, details) =>
      PERMITTED.has(permission) && (isAppUrl(details?.requestingUrl) || isAppUrl(contents?.getURL?.())),
  );
}

const PERMITTED = new Set<string>(['clipboard-sanitized-write']);

/** The app's own page: the renderer file the build wrote, or the dev server in development. */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  const devServer = process.env.ELECTRON_RENDERER_URL;
  try {
    if (devServer) return new URL(url).origin === new URL(devServer).origin;
  } catch {
    return false;
  }
  return url.split('#')[0] === pathToFileURL(RENDERER_FILE).href;
}
