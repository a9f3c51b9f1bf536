/**
 * The installer configuration, read by electron-builder's own loader (with `extends` resolved)
 * and checked against its own schema: the targets, the fuses, what goes into app.asar, and the
 * icon. Nothing is packaged here (that downloads Electron for the target platform).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

interface FileSet {
  filter?: string[];
}
interface BuilderConfig {
  appId?: string;
  productName?: string;
  asar?: boolean;
  npmRebuild?: boolean;
  icon?: string;
  files?: (string | FileSet)[];
  directories?: { output?: string; buildResources?: string };
  electronFuses?: Record<string, boolean>;
  linux?: { target?: unknown };
  mac?: { target?: unknown };
  win?: { target?: unknown };
}

async function load(configPath: string | null): Promise<BuilderConfig> {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
  const { DebugLogger } = require('builder-util');
  const config = (await getConfig(ROOT, configPath, null)) as BuilderConfig;
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

/** The `files` patterns as electron-builder normalises them: one list, in order. */
function patterns(config: BuilderConfig): string[] {
  return (config.files ?? []).flatMap((f) => (typeof f === 'string' ? [f] : (f.filter ?? [])));
}

/** Whether electron-builder's own file matcher, given the `files` patterns, would package `file`. */
function packaged(config: BuilderConfig, file: string): boolean {
  const { FileMatcher } = require('app-builder-lib/out/fileMatcher.js');
  const filter = new FileMatcher(ROOT, '/app', (p: string) => p, patterns(config)).createFilter();
  const stat = { isDirectory: () => false, isFile: () => true, isSymbolicLink: () => false };
  return filter(path.join(ROOT, file), stat) === true;
}

const targets = (t: unknown) => (Array.isArray(t) ? t : [t]).map((x) => (typeof x === 'string' ? x : (x as { target: string }).target));

const PRODUCTION_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
};

describe('electron-builder.yml', () => {
  let config: BuilderConfig;
  beforeAll(async () => {
    config = await load(null);
  }, 30_000);

  it('names the app and builds AppImage and .deb, .dmg and NSIS installers', () => {
    expect(config.productName).toBe('Factdesk');
    expect(config.appId).toMatch(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*){2,}$/);
    expect(targets(config.linux?.target).sort()).toEqual(['AppImage', 'deb']);
    expect(targets(config.mac?.target)).toEqual(['dmg']);
    expect(targets(config.win?.target)).toEqual(['nsis']);
  });

  it('sets the production fuses', () => {
    expect(config.electronFuses).toMatchObject(PRODUCTION_FUSES);
    expect(config.asar).toBe(true);
  });

  it('packages the build output and package.json, and none of the sources', () => {
    expect(patterns(config).filter((p) => !p.startsWith('!'))).toEqual(['out/**', 'package.json']);
    for (const file of ['out/main/index.js', 'out/main/factdesk.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/renderer/assets/index-abc.js', 'package.json']) {
      expect(packaged(config, file), file).toBe(true);
    }
    const sources = ['api', 'bench', 'cli', 'docs', 'e2e', 'main', 'preload', 'renderer', 'scripts', 'services', 'store', 'test'];
    for (const dir of sources) expect(packaged(config, `${dir}/index.ts`), dir).toBe(false);
    for (const file of ['renderer/src/App.svelte', 'main/log.ts', 'test/fuzz/hostile-corpus.ts', 'electron-builder.yml', 'tsconfig.json', 'README.md', 'out/main/index.js.map', 'build/icon.png', '.ci/run']) {
      expect(packaged(config, file), file).toBe(false);
    }
  });

  it('has a 512×512 PNG icon in the build resources', () => {
    expect(config.directories?.buildResources).toBe('build');
    const icon = path.join(ROOT, config.icon ?? '');
    expect(existsSync(icon)).toBe(true);
    const png = readFileSync(icon);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });

  it('rebuilds no native modules and keeps Electron and the packager out of the app', () => {
    expect(config.npmRebuild).toBe(false);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.main).toMatch(/^out\//);
    expect(pkg.devDependencies).toHaveProperty('electron');
    expect(pkg.devDependencies).toHaveProperty('electron-builder');
    expect(pkg.dependencies ?? {}).not.toHaveProperty('electron');
    expect(pkg.dependencies ?? {}).not.toHaveProperty('electron-builder');
    expect(pkg.scripts.dist).toMatch(/electron-builder/);
  });
});

describe('electron-builder.e2e.yml', () => {
  it('is the production build with only the inspector fuse on, for Playwright, in its own folder', async () => {
    const production = await load(null);
    const e2e = await load('electron-builder.e2e.yml');
    expect(e2e.electronFuses).toEqual({ ...production.electronFuses, enableNodeCliInspectArguments: true });
    expect(e2e.directories?.output).not.toBe(production.directories?.output);
    const { electronFuses: _a, directories: _b, extends: _e, ...rest } = e2e as BuilderConfig & { extends?: unknown };
    const { electronFuses: _c, directories: _d, ...productionRest } = production;
    expect(rest).toEqual(productionRest);
  }, 30_000);
});
