/**
 * The `factdesk` command starts without loading what only some commands need: the desk's
 * PouchDB, the PDF printer's browser driver, the readers of outside files (pdf.js, mammoth,
 * jsdom, which run in the reading worker), and the app's file log (electron-log). Checked on
 * the built command's static imports, which are what Node loads before the first line runs; the
 * commands that need the rest import it when they run. Needs `npm run build` first.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const OUT = path.resolve(import.meta.dirname, '../out/main');
const LAZY = ['pouchdb-node', 'playwright-core', 'pdfjs-dist', 'mammoth', 'jsdom', '@mozilla/readability', 'electron-log'];

/** Every package the file loads before it runs, following its own chunks. */
function staticPackages(file: string, seen = new Set<string>()): Set<string> {
  const packages = new Set<string>();
  if (seen.has(file)) return packages;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const [, specifier] of code.matchAll(/^(?:import|export)\s(?:[^'"]*?\sfrom\s)?["']([^"']+)["'];?$/gm)) {
    if (specifier!.startsWith('.')) for (const p of staticPackages(path.resolve(path.dirname(file), specifier!), seen)) packages.add(p);
    else packages.add(specifier!);
  }
  return packages;
}

describe('the built factdesk command', () => {
  it('loads the desk, the PDF driver and the file readers only in the commands that use them', () => {
    const entry = path.join(OUT, 'factdesk.js');
    if (!existsSync(entry)) throw new Error('out/main/factdesk.js is missing: run `npm run build` first.');
    const loaded = staticPackages(entry);
    // The walk sees the store's own packages, so it is reading the imports at all.
    expect(loaded).toContain('lowdb');
    expect([...loaded].filter((p) => LAZY.some((lazy) => p === lazy || p.startsWith(`${lazy}/`)))).toEqual([]);
  });
});
