/**
 * App lifecycle: one running copy, one store, one window. Everything that is not Electron
 * lives in handlers.ts, the store and the services.
 */
import { app, BrowserWindow, dialog } from 'electron';
import { defaultStoreDir, userDataDir } from '../store/location';
import { Store } from '../store/store';
import { LibraryIndex } from '../services/library-index';
import type { LiveDesk } from '../services/desk';
import { removeStalePrintFolders } from '../services/report/files';
import { saveBeforeClose } from './closing';
import { startDesk } from './desk';
import { createHandlers } from './handlers';
import { electronHost } from './host';
import { registerIpc } from './ipc';
import { logEvent, redactError, startFileLog } from './log';
import { installMenu } from './menu';
import { createMainWindow, lockDownAllWebContents, secureSession } from './window';

let mainWindow: BrowserWindow | null = null;
let store: Store | null = null;
let desk: LiveDesk | null = null;
const getWindow = () => mainWindow;

// The app's folder (logs, Chromium's data, the store) is the one the `factdesk` command uses too,
// decided in one place, not by Electron's reading of package.json (store/location.ts).
app.setPath('userData', userDataDir());

// A second copy of the app would be a second writer: hand its focus to the first and leave.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.enableSandbox();
  lockDownAllWebContents();
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  await startFileLog(app.getPath('logs'));
  // A PDF export killed midway leaves the report's HTML in a temp folder: remove what the dead left.
  void removeStalePrintFolders();
  logEvent('info', 'started', { version: app.getVersion(), electron: process.versions.electron ?? 'none', platform: process.platform });
  try {
    store = await Store.open(defaultStoreDir(), { by: 'the Factdesk app' });
    if (store.notices.length) logEvent('warn', 'store repaired files', { count: store.notices.length });
  } catch (err) {
    logEvent('error', 'store open failed', redactError(err));
    dialog.showErrorBox('Factdesk cannot open its library', err instanceof Error ? err.message : String(err));
    app.exit(1);
    return;
  }
  secureSession();
  // The search index is read from disk part by part while the window opens; a library search
  // asked before it is ready is told so at once (the page asks again) instead of waiting.
  const index = new LibraryIndex(store, { waitWhileOpening: false });
  void index.open().then(
    (opened) => logEvent('info', 'search index opened', { from: opened.from, reread: opened.reread, ms: Math.round(opened.ms) }),
    (err) => logEvent('error', 'search index open failed', redactError(err)),
  );
  const live = (desk = startDesk(store, getWindow));
  registerIpc(createHandlers(store, electronHost(getWindow, live), index));
  installMenu(getWindow);
  openWindow();
  app.on('activate', () => {
    if (!mainWindow) openWindow();
  });
}

function openWindow(): void {
  const win = createMainWindow();
  saveBeforeClose(win);
  win.on('closed', () => (mainWindow = null));
  mainWindow = win;
}

// PouchDB can leave a request's rejection unhandled when the desk goes away mid-sync; live sync
// has already seen the failure and retries, so it is logged, never a crash.
process.on('unhandledRejection', (reason) => logEvent('warn', 'unhandled rejection', redactError(reason)));

// Why a page crashed or was killed, for support: reasons and exit codes only.
app.on('render-process-gone', (_event, _contents, details) =>
  logEvent('error', 'renderer gone', { reason: details.reason, exitCode: details.exitCode }),
);
app.on('child-process-gone', (_event, details) =>
  logEvent('error', 'child process gone', { type: details.type, reason: details.reason, exitCode: details.exitCode }),
);

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Flush the library index and release the store lock before the process goes.
let closing = false;
app.on('will-quit', (event) => {
  if (!store || closing) return;
  closing = true;
  event.preventDefault();
  const stopDesk = desk?.stop().catch(() => undefined) ?? Promise.resolve();
  void stopDesk.then(() => store!.close()).finally(() => app.quit());
});
