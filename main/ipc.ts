import { ipcMain, type IpcMainInvokeEvent, type WebFrameMain } from 'electron';
import { API_METHODS, CHANNELS, type Handlers } from '../api/contract';
import { dispatch } from './handlers';
import { logRequestFailure } from './log';
import { isAppUrl } from './window';

/** Registers one handler per channel of the contract; each checks who is asking, then validates. */
export function registerIpc(api: Handlers): void {
  for (const method of API_METHODS) {
    ipcMain.handle(CHANNELS[method], (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      if (!isAppFrame(event.senderFrame)) {
        logRequestFailure(method, 'forbidden');
        return { ok: false, error: { code: 'forbidden', message: 'This request did not come from Factdesk.' } };
      }
      return dispatch(api, method, args);
    });
  }
}

/** Only the app's own top-level page may call: not an iframe, not a page it was tricked into loading. */
export function isAppFrame(frame: WebFrameMain | null | undefined): boolean {
  return !!frame && !frame.parent && isAppUrl(frame.url);
}
