#!/usr/bin/env node
/**
 * `npm start`: build and run the app (electron-vite preview), fetching Electron's binary first
 * when this machine does not have it yet.
 *
 * The electron npm package downloads its binary only when `require('electron')` or its
 * install-electron command runs, and only then writes node_modules/electron/path.txt. electron-vite
 * reads that file and stops with a bare "Electron uninstall" when it is missing, so after a plain
 * `npm ci` the app never started. Here the download runs first (Electron's own installer, so its
 * mirror, cache and checksum settings apply), and when it fails the editor gets one plain message:
 * what failed and what to do, instead of a stack trace.
 *
 * Usage: node scripts/start.mjs [electron-vite preview options]
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = path.dirname(require.resolve('electron/package.json'));
const electronVersion = JSON.parse(readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version;
/** Electron 45's installer (@electron/get) declares Node 22.12 or newer. */
const INSTALLER_NODE = [22, 12];

/** Where electron-vite will look for the binary, as it and electron's index.js work it out; null when absent. */
function installedElectron() {
  if (process.env.ELECTRON_EXEC_PATH) return existsSync(process.env.ELECTRON_EXEC_PATH) ? process.env.ELECTRON_EXEC_PATH : null;
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8');
  const binary = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(electronDir, 'dist'), relative);
  return existsSync(binary) ? binary : null;
}

function nodeIsOldForInstaller() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  return major < INSTALLER_NODE[0] || (major === INSTALLER_NODE[0] && minor < INSTALLER_NODE[1]);
}

/** Runs Electron's installer; resolves with the last line it wrote to stderr when it fails. */
function downloadElectron() {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(electronDir, 'install.js')], { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (err) => resolve(err.message));
    child.on('close', (code) => {
      if (code === 0) return resolve(null);
      // Its error is a stack trace: the first line says what failed.
      const firstLine = stderr.split('\n').find((line) => line.trim()) ?? `exit code ${code}`;
      resolve(firstLine.trim());
    });
  });
}

function explain(reason) {
  const mirror = process.env.ELECTRON_MIRROR || process.env.npm_config_electron_mirror;
  const from = mirror ? `the mirror ${mirror} (ELECTRON_MIRROR)` : 'GitHub (github.com/electron/electron/releases)';
  const lines = [
    `factdesk: npm start could not download Electron ${electronVersion}, which the app runs on (${reason}).`,
    `It is fetched once from ${from}. Check the network connection or proxy and run npm start again,`,
    'or set ELECTRON_MIRROR to a mirror you can reach (for example ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/).',
  ];
  if (nodeIsOldForInstaller()) {
    lines.push(`Electron's installer needs Node ${INSTALLER_NODE.join('.')} or newer; this is Node ${process.versions.node}.`);
  }
  lines.push('The factdesk commands work without Electron: npm run build && npx factdesk --help.');
  return `${lines.join('\n')}\n`;
}

async function main() {
  if (!installedElectron()) {
    process.stderr.write(`factdesk: downloading Electron ${electronVersion} (once)…\n`);
    const failure = await downloadElectron();
    if (failure !== null || !installedElectron()) {
      process.stderr.write(explain(failure ?? 'the download finished but the binary is not where Electron put it'));
      process.exitCode = 1;
      return;
    }
  }
  const electronVite = path.join(path.dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  const app = spawn(process.execPath, [electronVite, 'preview', ...process.argv.slice(2)], { stdio: 'inherit' });
  app.on('close', (code, signal) => (process.exitCode = code ?? (signal ? 1 : 0)));
}

await main();
