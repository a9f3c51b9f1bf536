/**
 * The narrow bridge: window.api, one promise-returning method per method of the contract
 * (api/contract.ts, each sent on its own channel), and subscriptions for what main tells the
 * window: menu commands, the save-before-close request, the desk's status and colleagues' changes. ipcRenderer itself never reaches the page.
 * Built as a single CommonJS file (see electron.vite.config.ts), because it runs sandboxed; the
 * contract's schemas come along in that bundle (the channel names are declared beside them),
 * though only main runs them.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  API_METHODS,
  CHANNELS,
  DESK_ARTICLES_CHANNEL,
  DESK_STATUS_CHANNEL,
  FLUSH_CHANNEL,
  FLUSHED_CHANNEL,
  MENU_CHANNEL,
  MENU_COMMANDS,
  type Bridge,
  type DeskStatus,
  type MenuCommand,
} from '../api/contract';

type Calls = Omit<Bridge, 'onMenuCommand' | 'onFlushRequest' | 'onDeskStatus' | 'onArticlesChanged'>;

// Every method of the contract, so none can be missing; each passes its arguments on unchanged
// and main validates them.
const calls = Object.fromEntries(
  API_METHODS.map((method) => [method, (...args: unknown[]) => ipcRenderer.invoke(CHANNELS[method], ...args)]),
) as unknown as Calls;

const api: Bridge = {
  ...calls,
  onMenuCommand(listener) {
    const handler = (_event: IpcRendererEvent, command: unknown) => {
      if ((MENU_COMMANDS as readonly unknown[]).includes(command)) listener(command as MenuCommand);
    };
    ipcRenderer.on(MENU_CHANNEL, handler);
    return () => ipcRenderer.removeListener(MENU_CHANNEL, handler);
  },
  onDeskStatus(listener) {
    const handler = (_event: IpcRendererEvent, status: DeskStatus) => listener(status);
    ipcRenderer.on(DESK_STATUS_CHANNEL, handler);
    return () => ipcRenderer.removeListener(DESK_STATUS_CHANNEL, handler);
  },
  onArticlesChanged(listener) {
    const handler = (_event: IpcRendererEvent, ids: unknown) => {
      if (Array.isArray(ids) && ids.every((id) => typeof id === 'string')) listener(ids);
    };
    ipcRenderer.on(DESK_ARTICLES_CHANNEL, handler);
    return () => ipcRenderer.removeListener(DESK_ARTICLES_CHANNEL, handler);
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
