/**
 * The narrow bridge: window.api, one promise-returning method per entry of the contract, and
 * one subscription for menu commands. ipcRenderer itself never reaches the page.
 * Built as a single CommonJS file (see electron.vite.config.ts), because it runs sandboxed.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, FLUSH_CHANNEL, FLUSHED_CHANNEL, MENU_CHANNEL, MENU_COMMANDS, type ApiMethod, type Bridge, type MenuCommand } from '../api/contract';

function call<K extends ApiMethod>(method: K): Bridge[K] {
  return ((...args: unknown[]) => ipcRenderer.invoke(CHANNELS[method], ...args)) as Bridge[K];
}

const api: Bridge = {
  listArticles: call('listArticles'),
  listTrash: call('listTrash'),
  getArticle: call('getArticle'),
  createArticle: call('createArticle'),
  updateArticle: call('updateArticle'),
  deleteArticle: call('deleteArticle'),
  restoreArticle: call('restoreArticle'),
  markStatement: call('markStatement'),
  openArticleFile: call('openArticleFile'),
  readArticleFile: call('readArticleFile'),
  importUrl: call('importUrl'),
  cancelImport: call('cancelImport'),
  exportReport: call('exportReport'),
  importReport: call('importReport'),
  recentExports: call('recentExports'),
  showInFolder: call('showInFolder'),
  openExternal: call('openExternal'),
  storeNotices: call('storeNotices'),
  editArticleText: call('editArticleText'),
  discardOrphan: call('discardOrphan'),
  splitStatement: call('splitStatement'),
  mergeWithNext: call('mergeWithNext'),
  signOff: call('signOff'),
  assign: call('assign'),
  workLists: call('workLists'),
  correctStatement: call('correctStatement'),
  attachSourceFile: call('attachSourceFile'),
  attachSourceUrl: call('attachSourceUrl'),
  getSourceDocument: call('getSourceDocument'),
  search: call('search'),
  earlierChecks: call('earlierChecks'),
  statementsWithEarlierChecks: call('statementsWithEarlierChecks'),
  importPublishedChecks: call('importPublishedChecks'),
  getSettings: call('getSettings'),
  updateSettings: call('updateSettings'),
  onMenuCommand(listener) {
    const handler = (_event: IpcRendererEvent, command: unknown) => {
      if ((MENU_COMMANDS as readonly unknown[]).includes(command)) listener(command as MenuCommand);
    };
    ipcRenderer.on(MENU_CHANNEL, handler);
    return () => ipcRenderer.removeListener(MENU_CHANNEL, handler);
  },
  onFlushRequest(listener) {
    const handler = (_event: IpcRendererEvent, id: unknown) => {
      if (typeof id !== 'number') return;
      void listener()
        .catch((err: unknown) => ({ saved: false, message: err instanceof Error ? err.message : String(err) }))
        .then((result) => ipcRenderer.send(FLUSHED_CHANNEL, id, result));
    };
    ipcRenderer.on(FLUSH_CHANNEL, handler);
    return () => ipcRenderer.removeListener(FLUSH_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('api', api);
