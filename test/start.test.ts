/**
 * `npm start` on a machine that cannot download Electron (offline, a proxy): it stops within
 * seconds with one plain message, not electron-vite's "Electron uninstall" stack trace.
 * The download is pointed at a closed port on this machine, so the test is the same everywhere,
 * and at an empty binary folder and cache, so it runs even where Electron is installed.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
let tmp: string;

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'factdesk-start-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('npm start without Electrons binary and without a way to download it', () => {
  it('says what failed, what to do, and that the commands work without it', async () => {
    const mirror = `http://127.0.0.1:${await closedPort()}/`;
    const env = {
      ...process.env,
      ELECTRON_MIRROR: mirror,
      ELECTRON_OVERRIDE_DIST_PATH: path.join(tmp, 'no-electron'),
      electron_config_cache: path.join(tmp, 'cache'),
      ELECTRON_EXEC_PATH: '',
    };
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      // The limit only keeps a broken script from hanging the suite.
      execFile(process.execPath, ['scripts/start.mjs'], { cwd: ROOT, env, timeout: 60_000 }, (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }),
      );
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('npm start could not download Electron');
    expect(run.stderr).toContain(`the mirror ${mirror} (ELECTRON_MIRROR)`);
    expect(run.stderr).toMatch(/Check the network connection or proxy/);
    expect(run.stderr).toMatch(/set ELECTRON_MIRROR to a mirror you can reach/);
    expect(run.stderr).toContain('The factdesk commands work without Electron');
    // One message, not a stack trace, and the app was not started.
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr).not.toContain('Electron uninstall');
    expect(run.stdout).not.toMatch(/electron-vite|building/i);
  }, 70_000);
});
