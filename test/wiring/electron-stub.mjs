// A stand-in for the `electron` module: records what the built main process asks of
// Electron, and writes the record to $WIRING_REPORT when the process exits.
import { writeFileSync } from 'node:fs';

const record = {
  singleInstanceLock: false,
  sandboxEnabled: false,
  windows: [],
  handlers: [],
  menu: null,
  permissionHandler: false,
  permissionCheckHandler: false,
  headers: null,
};

class Emitter {
  listeners = {};
  on(name, fn) {
    (this.listeners[name] ??= []).push(fn);
    return this;
  }
  once(name, fn) {
    return this.on(name, fn);
  }
}

class WebContents extends Emitter {
  windowOpenHandler = null;
  setWindowOpenHandler(fn) {
    this.windowOpenHandler = fn;
  }
  send() {}
}

export class BrowserWindow extends Emitter {
  constructor(options) {
    super();
    this.webContents = new WebContents();
    this.entry = { options, loaded: null, webContents: this.webContents };
    record.windows.push(this.entry);
  }
  loadFile(file) {
    this.entry.loaded = { file };
    return Promise.resolve();
  }
  loadURL(url) {
    this.entry.loaded = { url };
    return Promise.resolve();
  }
  show() {}
  focus() {}
  isMinimized() {
    return false;
  }
}

export const app = Object.assign(new Emitter(), {
  isPackaged: false,
  requestSingleInstanceLock: () => (record.singleInstanceLock = true),
  enableSandbox: () => (record.sandboxEnabled = true),
  whenReady: () => Promise.resolve(),
  getPath: (name) => `/nonexistent/${name}`,
  quit() {},
  exit() {},
});

export const ipcMain = {
  handle: (channel, fn) => record.handlers.push({ channel, fn }),
};

export const session = {
  defaultSession: {
    webRequest: {
      onHeadersReceived: (fn) =>
        fn({ responseHeaders: { 'X-Test': ['1'] } }, (result) => (record.headers = result.responseHeaders)),
    },
    setPermissionRequestHandler: (fn) => {
      fn(null, 'media', (granted) => (record.permissionHandler = granted === false));
    },
    setPermissionCheckHandler: (fn) => (record.permissionCheckHandler = fn(null, 'media') === false),
  },
};

export const Menu = {
  buildFromTemplate: (template) => template,
  setApplicationMenu: (menu) => (record.menu = menu),
};

export const dialog = { showErrorBox: (title, message) => (record.errorBox = { title, message }) };
export const shell = { openExternal: async () => undefined };

export default { app, BrowserWindow, ipcMain, session, Menu, dialog, shell };

// Exercise what the main process registered, then report it.
process.on('beforeExit', async () => {
  if (record.done) return;
  record.done = true;
  const win = record.windows[0];
  if (win) {
    const wc = win.webContents;
    record.windowOpen = wc.windowOpenHandler?.({ url: 'https://evil.example' }) ?? null;
    let prevented = false;
    for (const fn of wc.listeners['will-navigate'] ?? []) fn({ preventDefault: () => (prevented = true) }, 'https://evil.example');
    record.navigationPrevented = prevented;
    // A call from a frame that is not the app's own page must be refused before validation.
    const first = record.handlers[0];
    if (first) {
      record.foreignFrameResult = await first.fn({ senderFrame: { url: 'https://evil.example/', parent: null } });
      record.appFrameResult = await record.handlers
        .find((h) => h.channel === 'factdesk:article:list')
        ?.fn({ senderFrame: { url: `file://${win.loaded?.file}`, parent: null } });
    }
  }
  const plain = {
    ...record,
    handlers: record.handlers.map((h) => h.channel),
    windows: record.windows.map((w) => ({ options: w.options, loaded: w.loaded })),
    menu: JSON.parse(JSON.stringify(record.menu ?? null)),
  };
  writeFileSync(process.env.WIRING_REPORT, JSON.stringify(plain, null, 2));
});
