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
  emit(name, ...args) {
    for (const fn of this.listeners[name] ?? []) fn(...args);
  }
  removeListener(name, fn) {
    this.listeners[name] = (this.listeners[name] ?? []).filter((f) => f !== fn);
    return this;
  }
}

class WebContents extends Emitter {
  windowOpenHandler = null;
  constructor() {
    super();
    // As in Electron: every new webContents is announced on the app.
    queueMicrotask(() => app.emit('web-contents-created', { preventDefault() {} }, this));
  }
  setWindowOpenHandler(fn) {
    this.windowOpenHandler = fn;
  }
  /** What main sent to the page, with the time it was sent. */
  sent = [];
  send(channel, ...args) {
    this.sent.push({ channel, args, at: Date.now() });
  }
  isDestroyed() {
    return false;
  }
  isCrashed() {
    return false;
  }
}

export class BrowserWindow extends Emitter {
  constructor(options) {
    super();
    this.webContents = new WebContents();
    this.entry = { options, loaded: null, webContents: this.webContents, window: this };
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
  /** As in Electron: 'close' may be prevented; otherwise the window goes. */
  closes = [];
  close() {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    this.closes.push({ at: Date.now(), prevented });
    if (!prevented) this.emit('closed');
  }
  isMinimized() {
    return false;
  }
}

export const app = Object.assign(new Emitter(), {
  isPackaged: false,
  requestSingleInstanceLock: () => (record.singleInstanceLock = true),
  enableSandbox: () => (record.sandboxEnabled = true),
  whenReady: () => Promise.resolve(),
  getPath: (name) => (name === 'logs' && process.env.WIRING_LOGS) || `/nonexistent/${name}`,
  setPath: (name, value) => ((record.paths ??= {})[name] = value),
  getVersion: () => '0.0.0-wiring',
  quit() {},
  exit() {},
});

const ipcListeners = new Emitter();
export const ipcMain = {
  handle: (channel, fn) => record.handlers.push({ channel, fn }),
  on: (channel, fn) => ipcListeners.on(channel, fn),
  removeListener: (channel, fn) => ipcListeners.removeListener(channel, fn),
};

let permissionRequester = null;
let permissionChecker = null;

/** Every permission, asked by the app page and by a foreign one: what the handlers answer. */
async function probePermissions(appUrl) {
  const permissions = ['clipboard-sanitized-write', 'clipboard-read', 'media', 'geolocation', 'notifications', 'openExternal', 'fullscreen', 'midi', 'pointerLock', 'display-capture', 'hid', 'serial', 'usb', 'unknown'];
  const answers = {};
  for (const permission of permissions) {
    for (const [who, url] of [['app', appUrl], ['foreign', 'https://evil.example/']]) {
      const contents = { getURL: () => url };
      const requested = await new Promise((resolve) => permissionRequester?.(contents, permission, resolve, { requestingUrl: url }));
      const checked = permissionChecker?.(contents, permission, new URL(url).origin, { requestingUrl: url });
      if (requested || checked) (answers[who] ??= []).push(permission);
    }
  }
  return answers;
}

export const session = {
  defaultSession: {
    webRequest: {
      onHeadersReceived: (fn) =>
        fn({ responseHeaders: { 'X-Test': ['1'] } }, (result) => (record.headers = result.responseHeaders)),
    },
    setPermissionRequestHandler: (fn) => {
      fn(null, 'media', (granted) => (record.permissionHandler = granted === false));
      record.permissionRequests = {};
      permissionRequester = fn;
    },
    setPermissionCheckHandler: (fn) => {
      record.permissionCheckHandler = fn(null, 'media') === false;
      permissionChecker = fn;
    },
  },
};

export const Menu = {
  buildFromTemplate: (template) => template,
  setApplicationMenu: (menu) => (record.menu = menu),
};

/** The answers the next message boxes give (button index), and what they were asked. */
const messageBoxAnswers = [];
export const dialog = {
  showErrorBox: (title, message) => (record.errorBox = { title, message }),
  showMessageBox: async (_win, options) => {
    (record.messageBoxes ??= []).push({ message: options.message, detail: options.detail, buttons: options.buttons });
    return { response: messageBoxAnswers.shift() ?? options.cancelId ?? 0 };
  },
};
export const shell = { openExternal: async (url) => void (record.externalOpened ??= []).push(url) };

/** As on Linux without a keyring: what main asks of it is recorded. */
export const safeStorage = {
  isEncryptionAvailable: () => ((record.safeStorage ??= []).push('isEncryptionAvailable'), false),
  getSelectedStorageBackend: () => ((record.safeStorage ??= []).push('getSelectedStorageBackend'), 'basic_text'),
  encryptString: () => {
    throw new Error('encryptString called without a keyring');
  },
  decryptString: () => {
    throw new Error('decryptString called without a keyring');
  },
};

export default { app, BrowserWindow, ipcMain, session, Menu, dialog, shell, safeStorage };

/** What a webContents does when its page tries to leave, open a window, or attach a <webview>. */
function probe(wc) {
  const prevented = (event, ...args) => {
    let result = false;
    for (const fn of wc.listeners[event] ?? []) fn({ preventDefault: () => (result = true) }, ...args);
    return result;
  };
  return {
    windowOpen: wc.windowOpenHandler?.({ url: 'https://evil.example', frameName: '', features: '' }) ?? null,
    navigationPrevented: prevented('will-navigate', 'https://evil.example'),
    redirectPrevented: prevented('will-redirect', 'https://evil.example'),
    webviewPrevented: prevented('will-attach-webview', { preload: '/tmp/evil.js', nodeIntegration: true }, { src: 'https://evil.example' }),
  };
}

const FLUSH_CHANNEL = 'factdesk:window:flush';
const FLUSHED_CHANNEL = 'factdesk:window:flushed';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The editor closes the window, three times: the page never answers (main gives up after its
 * limit and asks; the editor keeps the window), the page answers after 400 ms that all is saved
 * (the window closes then, not before), after an answer from a foreign frame that is ignored.
 */
async function probeClosing(win, appFrame) {
  const wc = win.webContents;
  const closed = () => win.closes.some((c) => !c.prevented);
  let closedAt = null;
  win.on('closed', () => (closedAt = Date.now()));
  const requests = () => wc.sent.filter((s) => s.channel === FLUSH_CHANNEL);

  // 1. No answer.
  messageBoxAnswers.push(0); // "Keep the window open"
  const silentStart = Date.now();
  win.close();
  const askedSilent = requests().length;
  while (!record.messageBoxes?.length && Date.now() - silentStart < 5_000) await sleep(50);
  const silent = { asked: askedSilent, waitedMs: Date.now() - silentStart, closed: closed(), dialogs: record.messageBoxes?.length ?? 0 };

  // 2. A page that answers after 400 ms (a slow save); a foreign frame answers first, and is ignored.
  const start = Date.now();
  win.close();
  const request = requests().at(-1);
  await sleep(100);
  ipcListeners.emit(FLUSHED_CHANNEL, { sender: wc, senderFrame: { url: 'https://evil.example/', parent: null } }, request?.args[0], { saved: true, message: '' });
  const closedAfterForeign = closed();
  await sleep(300);
  const closedBeforeAnswer = closed();
  const answeredAt = Date.now();
  ipcListeners.emit(FLUSHED_CHANNEL, { sender: wc, ...appFrame }, request?.args[0], { saved: true, message: '' });
  await sleep(50);
  return {
    silent,
    answered: {
      asked: requests().length - askedSilent,
      requestId: request?.args[0] ?? null,
      closedAfterForeign,
      closedBeforeAnswer,
      closed: closed(),
      closedAfterAnswerMs: closedAt === null ? null : closedAt - answeredAt,
      totalMs: closedAt === null ? null : closedAt - start,
      dialogs: record.messageBoxes?.length ?? 0,
    },
    messageBoxes: record.messageBoxes ?? [],
  };
}

// Exercise what the main process registered, then report it.
process.on('beforeExit', async () => {
  if (record.done) return;
  record.done = true;
  const win = record.windows[0];
  // A webContents created later by someone else (a hidden window printing a report) must be
  // locked down too, by the app-wide 'web-contents-created' rule.
  const later = new WebContents();
  await new Promise((resolve) => setImmediate(resolve));
  record.laterContents = probe(later);
  if (win) {
    const wc = win.webContents;
    const found = probe(wc);
    record.windowOpen = found.windowOpen;
    record.navigationPrevented = found.navigationPrevented;
    record.mainContents = found;
    // A call from a frame that is not the app's own page must be refused before validation.
    const first = record.handlers[0];
    if (first) {
      record.foreignFrameResult = await first.fn({ senderFrame: { url: 'https://evil.example/', parent: null } });
      const appFrame = { senderFrame: { url: `file://${win.loaded?.file}`, parent: null } };
      record.appFrameResult = await record.handlers
        .find((h) => h.channel === 'factdesk:article:list')
        ?.fn(appFrame);
      // An iframe inside the app's own page is not the app either.
      record.subFrameResult = await first.fn({ senderFrame: { url: `file://${win.loaded?.file}`, parent: {} } });
      // Every handler checks the sender, not only the first.
      record.everyHandlerChecksSender = (
        await Promise.all(record.handlers.map((h) => h.fn({ senderFrame: { url: 'https://evil.example/', parent: null } })))
      ).every((r) => r?.ok === false && r.error?.code === 'forbidden');
      // The app itself sending 20 MB: refused with a message, before any schema or handler.
      const create = record.handlers.find((h) => h.channel === 'factdesk:article:create');
      record.oversizedResult = await create?.fn(appFrame, { text: 'x'.repeat(20 * 1024 * 1024) });
      // A failing request whose arguments carry article text: the log must not repeat it.
      await create?.fn(appFrame, { text: 'SECRET-ARTICLE-TEXT', url: 'javascript:SECRET-URL' });
      await record.handlers.find((h) => h.channel === 'factdesk:article:get')?.fn(appFrame, 'SECRET-ID-not-found');
      // Only http(s) links reach the operating system's browser.
      const open = record.handlers.find((h) => h.channel === 'factdesk:shell:open-external');
      record.externalResults = [];
      for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'https://example.org/checked']) {
        record.externalResults.push(await open?.fn(appFrame, url));
      }
      record.externalOpened ??= [];
      record.permissionsGranted = await probePermissions(`file://${win.loaded?.file}`);
      record.closing = await probeClosing(win.window, appFrame);
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
