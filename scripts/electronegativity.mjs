#!/usr/bin/env node
/**
 * `npm run security`: Doyensec's Electronegativity over the main process (main/), the preload
 * (preload/) and the built renderer (out/renderer: it cannot read .svelte files, so run
 * `npm run build` first). Electronegativity's command exits 0 whatever it finds, so this script
 * runs it through its programmatic API, which returns each finding with its severity and
 * confidence (its SARIF output has neither, and its CSV writer writes the header and the rows
 * concurrently), writes its SARIF report and a findings.csv to test-results/security/ for CI
 * to keep, and fails (exit 1) on any finding of MEDIUM severity or above that ALLOWED below
 * does not explain. Unparseable files fail too: a file the scanner could not read is a file
 * nobody checked.
 *
 * Offline by construction: the two things Electronegativity fetches (translations, and the
 * Electron release list for AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK) go through `got`, which is
 * replaced here by a function that refuses; that global check is also switched off (the
 * Electron version is kept current by the dependency update process, not by this scan).
 *
 * Usage: node scripts/electronegativity.mjs [--list]   (--list prints every finding, of any severity)
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

/** The folders scanned, relative to the project, and their names in the scan folder. */
export const TARGETS = { main: 'main', preload: 'preload', 'out/renderer': 'renderer' };
const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'];
const FAIL_AT = 'MEDIUM';

/**
 * Findings judged false positives, each with the reason. A finding is allowed when its check id
 * matches and its file (relative to the project) matches `file`. Keep in step with the README's
 * Security section.
 */
export const ALLOWED = [
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: /^main\/host\.ts$/,
    reason:
      'shell.openExternal is reached only through the openExternal IPC method, whose argument the schema limits to an ' +
      'http(s) URL of at most 2048 characters, and is called only when isSafeExternalUrl (http/https with a host) agrees.',
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: /^main\/handlers\.ts$/,
    reason: 'The openExternal handler forwards to host.openExternal (main/host.ts, above) after dispatch validated the URL.',
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: /^out\/renderer\/assets\/[\w-]+\.js$/,
    reason:
      "window.api.openExternal in the renderer is an IPC request, not shell.openExternal; it is made only when the editor " +
      "clicks a source's \"Open link\" button, and main validates it as above.",
  },
  {
    id: 'PRELOAD_JS_CHECK',
    file: /^main\/window\.ts$/,
    reason:
      'Review done: the preload is one sandboxed CommonJS file that requires only electron and exposes, through ' +
      'contextBridge, one method per IPC channel of the contract and a menu-command subscription; ipcRenderer itself ' +
      'never reaches the page (checked by test/wiring.test.ts).',
  },
  {
    id: 'AUXCLICK_JS_CHECK',
    file: /^main\/pdf\.ts$/,
    reason:
      'The PDF window is never shown (show: false), runs no JavaScript (javascript: false) and receives no input, so ' +
      'there is no middle-click; window.open is denied there too.',
  },
];

// ---- No network: `got` refuses, before Electronegativity loads it ----
const gotPath = require.resolve('got', { paths: [path.dirname(require.resolve('@doyensec/electronegativity/package.json'))] });
const offline = () => Promise.reject(new Error('offline: Factdesk runs Electronegativity without network access'));
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: Object.assign(offline, { default: offline }) };

const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const run = require('@doyensec/electronegativity');

function allowedBy(finding) {
  return ALLOWED.find((a) => a.id === finding.id && a.file.test(finding.file));
}

/** One finding as this script judges it: the check, its severity and confidence, and where. */
export function toFinding(issue) {
  return {
    id: issue.id,
    severity: String(issue.severity?.name ?? issue.severity).toUpperCase(),
    confidence: String(issue.confidence?.name ?? issue.confidence).toUpperCase(),
    file: projectPath(issue.file),
    line: issue.location?.line ?? 0,
    message: String(issue.description ?? ''),
  };
}

const csvField = (value) => `"${String(value).replace(/"/g, '""')}"`;

/**
 * One folder holding all three, so that the global checks (CSP, navigation limits, permission
 * handler) see the main process's rules when they judge the preload and the renderer. Tests are
 * left out. The renderer bundle is lowered to ES2019 for the scan only: Electronegativity's
 * scope analyser does not know class private fields or optional chaining, and would skip it.
 */
function prepareScan(scanDir) {
  for (const [from, to] of Object.entries(TARGETS)) {
    const source = path.join(ROOT, from);
    if (!existsSync(source)) throw new Error(`${from} does not exist${from.startsWith('out/') ? ': run `npm run build` first' : ''}`);
    cpSync(source, path.join(scanDir, to), { recursive: true, filter: (f) => !/\.test\.ts$/.test(f) });
  }
  for (const entry of readdirSync(path.join(scanDir, 'renderer'), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const lowered = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: { target: ts.ScriptTarget.ES2019, module: ts.ModuleKind.ESNext, allowJs: true },
      fileName: entry.name,
    });
    writeFileSync(file, lowered.outputText);
  }
}

/** A finding's file as the project names it: scan/renderer/x -> out/renderer/x. */
function projectPath(file) {
  const [top, ...rest] = String(file).split(path.sep).join('/').split('/');
  const from = Object.entries(TARGETS).find(([, to]) => to === top)?.[0] ?? top;
  return path.posix.join(from, ...rest);
}

async function main() {
  const list = process.argv.includes('--list');
  const outDir = path.join(ROOT, 'test-results/security');
  const scanDir = mkdtempSync(path.join(os.tmpdir(), 'factdesk-electronegativity-'));
  mkdirSync(outDir, { recursive: true });
  process.on('exit', () => rmSync(scanDir, { recursive: true, force: true }));
  prepareScan(scanDir);
  const quiet = console.log;
  console.log = () => undefined; // its progress and translation notices
  let result;
  try {
    result = await run({
      input: scanDir,
      output: path.join(outDir, 'electronegativity.sarif'),
      isSarif: true,
      customScan: [],
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
      severitySet: 'INFORMATIONAL',
      confidenceSet: 'TENTATIVE',
      isRelative: true,
      isVerbose: false,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    });
  } finally {
    console.log = quiet;
  }
  const failures = [];
  const allowed = [];
  const rows = ['check,severity,confidence,file,line,description'];
  for (const error of result.errors.filter((e) => !e.tolerable)) {
    failures.push(`${projectPath(path.relative(scanDir, error.file))}: Electronegativity could not parse it (${error.message})`);
  }
  const findings = result.issues.map(toFinding);
  for (const finding of findings) {
    rows.push([finding.id, finding.severity, finding.confidence, finding.file, finding.line, finding.message].map(csvField).join(','));
    const blocking = SEVERITIES.indexOf(finding.severity) >= SEVERITIES.indexOf(FAIL_AT);
    const line = `${finding.severity.padEnd(13)} ${finding.id}  ${finding.file}:${finding.line}`;
    if (list) console.log(line);
    if (!blocking) continue;
    const allow = allowedBy(finding);
    if (allow) allowed.push(`${line}\n    allowed: ${allow.reason}`);
    else failures.push(`${line}\n    ${finding.message}`);
  }
  writeFileSync(path.join(outDir, 'findings.csv'), `${rows.join('\n')}\n`);
  const version = require('@doyensec/electronegativity/package.json').version;
  console.log(
    `Electronegativity ${version} (Electron ${electronVersion}) over ${Object.keys(TARGETS).join(', ')}: ` +
      `${findings.length} findings, ${result.atomicChecks} atomic and ${result.globalChecks} global checks; reports in test-results/security/.`,
  );
  for (const a of allowed) console.log(`allowed  ${a}`);
  const unused = ALLOWED.filter((a) => !findings.some((f) => allowedBy(f) === a));
  for (const a of unused) console.log(`note: the allow-list entry for ${a.id} in ${a.file} matched nothing; remove it if the finding is gone for good.`);
  if (failures.length) {
    console.error(`\n${failures.length} finding(s) of ${FAIL_AT} severity or above, or files not scanned:\n`);
    for (const f of failures) console.error(`  ${f}`);
    process.exitCode = 1;
  } else {
    console.log(`No finding of ${FAIL_AT} severity or above outside the allow-list.`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
