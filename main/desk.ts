/**
 * The desk in the app: live sync (services/desk/live.ts) with the password kept by Electron's
 * safeStorage, and its news sent to the window. Everything else is Electron-free.
 */
import { safeStorage, type BrowserWindow } from 'electron';
import { DESK_ARTICLES_CHANNEL, DESK_STATUS_CHANNEL } from '../api/contract';
import { DeskPassword, LiveDesk } from '../services/desk';
import type { Store } from '../store/store';
import { logEvent, redactError } from './log';

export function startDesk(store: Store, getWindow: () => BrowserWindow | null): LiveDesk {
  const send = (channel: string, payload: unknown) => {
    const win = getWindow();
    if (win && !win.isDestroyed()) win.webContents.send(channel, payload);
  };
  const desk = new LiveDesk(store, new DeskPassword(store.dir, safeStorage), {
    onStatus: (status) => {
      if (status.state === 'error' || status.state === 'offline') logEvent('warn', `desk ${status.state}`);
      send(DESK_STATUS_CHANNEL, status);
    },
    onArticles: (articleIds) => send(DESK_ARTICLES_CHANNEL, articleIds),
  });
  void desk.resume().catch((err: unknown) => logEvent('error', 'desk resume failed', redactError(err)));
  return desk;
}
