import { BrowserWindow, session, type WebContents } from 'electron';
import path from 'node:path';
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

/** The app window never navigates away and never opens other windows; links go to the browser via IPC. */
function lockDown(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Session-wide rules: the CSP as a header too (the dev server ignores the meta tag), and no permissions. */
export function secureSession(): void {
  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
}
