import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Where the Electron binary is, without triggering the npm package's download-on-first-use
 * (requiring 'electron' would try to fetch it). Null when it is not on this machine.
 */
export function findElectronBinary(): string | null {
  const pkgDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = path.join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(pkgDir, 'dist');
  if (!relative && !process.env.ELECTRON_OVERRIDE_DIST_PATH) return null;
  const binary = path.join(dist, relative || 'electron');
  return existsSync(binary) ? binary : null;
}
