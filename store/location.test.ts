import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_NAME, defaultStoreDir, userDataDir } from './location';

describe('where Factdesk keeps its files', () => {
  it.each([
    ['linux', { HOME: '/home/ana' }, '/home/ana/.config/Factdesk'],
    ['linux', { HOME: '/home/ana', XDG_CONFIG_HOME: '/cfg' }, '/cfg/Factdesk'],
    ['freebsd', { HOME: '/home/ana' }, '/home/ana/.config/Factdesk'],
    ['darwin', { HOME: '/Users/ana' }, '/Users/ana/Library/Application Support/Factdesk'],
    ['win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana\\AppData\\Roaming\\Factdesk'],
    ['win32', { USERPROFILE: 'C:\\Users\\ana' }, 'C:\\Users\\ana\\AppData\\Roaming\\Factdesk'],
  ] as const)('on %s with %j: %s', (platform, env, expected) => {
    expect(userDataDir(env, platform)).toBe(expected);
    const sep = platform === 'win32' ? '\\' : '/';
    expect(defaultStoreDir(env, platform)).toBe(`${expected}${sep}store`);
  });

  it('FACTDESK_STORE wins on every OS', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(defaultStoreDir({ HOME: '/home/ana', FACTDESK_STORE: '/srv/desk' }, platform)).toBe('/srv/desk');
    }
  });

  it("matches the name Electron itself would give the app's folder (productName, not the npm name)", () => {
    // Electron names userData after productName, else name; the app sets userData itself, but a
    // dev run, electron-builder and the docs should all agree on the one name.
    const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../package.json'), 'utf8'));
    expect(pkg.productName).toBe(APP_NAME);
    const builder = readFileSync(path.resolve(import.meta.dirname, '../electron-builder.yml'), 'utf8');
    expect(builder).toMatch(new RegExp(`^productName: ${APP_NAME}$`, 'm'));
  });
});
