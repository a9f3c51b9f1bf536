/**
 * Closing the window (or quitting) never drops what the editor typed last: the renderer holds
 * typing for a short pause before saving it, so main first asks it to send everything and
 * waits for its answer, a few seconds at most. If the answer is "not saved", or none comes,
 * the editor is told and chooses; the log says which.
 */
import { app, dialog, ipcMain, type BrowserWindow, type IpcMainEvent, type WebContents } from 'electron';
import * as v from 'valibot';
import { FLUSH_CHANNEL, FLUSHED_CHANNEL, type FlushResult } from '../api/contract';
import { isAppFrame } from './ipc';
import { logEvent } from './log';

/** Long enough for a save (milliseconds on a local disk), short enough that closing feels immediate. */
export const FLUSH_TIMEOUT_MS = 2500;

const FlushResultSchema = v.object({ saved: v.boolean(), message: v.pipe(v.string(), v.maxLength(2000)) });

let nextRequest = 0;

/** Asks the page to save its pending changes; resolves with its answer, or after the time limit. */
export function askToFlush(contents: WebContents, timeoutMs = FLUSH_TIMEOUT_MS): Promise<FlushResult & { answered: boolean }> {
  if (contents.isDestroyed() || contents.isCrashed()) {
    return Promise.resolve({ answered: false, saved: false, message: 'The window had stopped working; its last changes may not be saved.' });
  }
  const id = ++nextRequest;
  return new Promise((resolve) => {
    const done = (result: FlushResult & { answered: boolean }) => {
      clearTimeout(timer);
      ipcMain.removeListener(FLUSHED_CHANNEL, onAnswer);
      resolve(result);
    };
    const onAnswer = (event: IpcMainEvent, answerId: unknown, result: unknown) => {
      if (event.sender !== contents || answerId !== id || !isAppFrame(event.senderFrame)) return;
      const parsed = v.safeParse(FlushResultSchema, result);
      done(parsed.success ? { answered: true, ...parsed.output } : { answered: true, saved: false, message: 'The window gave an unreadable answer.' });
    };
    const timer = setTimeout(
      () => done({ answered: false, saved: false, message: `The window did not confirm within ${timeoutMs / 1000} s that your last changes were saved.` }),
      timeoutMs,
    );
    ipcMain.on(FLUSHED_CHANNEL, onAnswer);
    contents.send(FLUSH_CHANNEL, id);
  });
}

/** Holds the window's close until its changes are saved, or the editor chooses to close anyway. */
export function saveBeforeClose(win: BrowserWindow): void {
  let quitting = false;
  let asking = false;
  let confirmed = false;
  const onBeforeQuit = () => (quitting = true);
  app.on('before-quit', onBeforeQuit);
  win.on('closed', () => app.removeListener('before-quit', onBeforeQuit));
  win.on('close', (event) => {
    if (confirmed) return;
    event.preventDefault();
    if (asking) return;
    asking = true;
    void askToFlush(win.webContents).then(async (answer) => {
      asking = false;
      if (!answer.saved) {
        logEvent('warn', 'close: changes not confirmed saved', { answered: answer.answered });
        const { response } = await dialog.showMessageBox(win, {
          type: 'warning',
          buttons: ['Keep the window open', 'Close without them'],
          defaultId: 0,
          cancelId: 0,
          message: 'Some changes may not be saved',
          detail: answer.message,
        });
        if (response !== 1) {
          quitting = false;
          return;
        }
        logEvent('warn', 'close: closed without saving', {});
      }
      confirmed = true;
      win.close();
      // Quitting was held up by the window; on macOS closing it does not quit by itself.
      if (quitting) app.quit();
    });
  });
}
