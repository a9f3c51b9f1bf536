import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Factdesk';

/**
 * Where the app keeps the library: Electron's userData folder for "Factdesk", plus /store.
 * The command line has no Electron to ask, so it works the folder out the same way.
 */
export function defaultStoreDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.FACTDESK_STORE) return env.FACTDESK_STORE;
  const home = os.homedir();
  const appData =
    platform === 'win32'
      ? env.APPDATA || path.join(home, 'AppData', 'Roaming')
      : platform === 'darwin'
        ? path.join(home, 'Library', 'Application Support')
        : env.XDG_CONFIG_HOME || path.join(home, '.config');
  return path.join(appData, APP_NAME, 'store');
}
