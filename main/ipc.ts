import { ipcMain, type IpcMainInvokeEvent, type WebFrameMain } from 'electron';
import { pathToFileURL } from 'node:url';
import { API_METHODS, CHANNELS, type FactdeskApi } from '../api/contract';
import { dispatch } from './handlers';
import { RENDERER_FILE } from './window';

/** Registers one handler per channel of the contract; each checks who is asking, then validates. */
export function registerIpc(api: FactdeskApi): void {
  for (const method of API_METHODS) {
    ipcMain.handle(CHANNELS[method], (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      if (!isAppFrame(event.senderFrame)) {
        return { ok: false, error: { code: 'forbidden', message: 'This request did not come from Factdesk.' } };
      }
      return dispatch(api, method, args);
    });
  }
}

/** Only the app's own top-level page may call: not an iframe, not a page it was tricked into loading. */
export function isAppFrame(frame: WebFrameMain | null | undefined): boolean {
  if (!frame || frame.parent) return false;
  const devServer = process.env.ELECTRON_RENDERER_URL;
  if (devServer) return new URL(frame.url).origin === new URL(devServer).origin;
  return frame.url.split('#')[0] === pathToFileURL(RENDERER_FILE).href;
}
