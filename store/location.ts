import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Factdesk';

/**
 * The one place that decides where Factdesk keeps its files, for the app and the `factdesk`
 * command alike. Electron would name its userData folder after package.json's `productName`, or
 * its `name` ("factdesk", lower case) when there is none, and electron-builder's packaged
 * package.json may differ again: so the app does not leave it to Electron but sets userData to
 * this folder before anything reads it (main/index.ts). The base folders are Electron's own
 * `appData` rules: %APPDATA% on Windows, ~/Library/Application Support on macOS, and
 * $XDG_CONFIG_HOME or ~/.config elsewhere.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = (platform === 'win32' ? env.USERPROFILE : env.HOME) || os.homedir();
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  const appData =
    platform === 'win32'
      ? env.APPDATA || join(home, 'AppData', 'Roaming')
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : env.XDG_CONFIG_HOME || join(home, '.config');
  return join(appData, APP_NAME);
}

/** The library: `FACTDESK_STORE` (tests, or a shared folder) wins over the per-user folder. */
export function defaultStoreDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.FACTDESK_STORE) return env.FACTDESK_STORE;
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  return join(userDataDir(env, platform), 'store');
}
