/**
 * The layer rules in eslint.config.js, fed wrong-way imports. Each case lints a line of code as if
 * it stood in a file of that layer, so a rule that is deleted, mistyped or shadowed fails here.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const wrongWay: [layer: string, file: string, code: string][] = [
  ['domain', 'domain/example.ts', "import { Store } from '../store/store';"],
  ['domain', 'domain/example.ts', "import { UserError } from '../store/errors';"],
  ['domain', 'domain/example.ts', "import { segment } from '../services/segment';"],
  ['domain', 'domain/example.ts', "import { createHandlers } from '../main/handlers';"],
  ['domain', 'domain/example.ts', "import type { FactdeskApi } from '../api/contract';"],
  ['domain', 'domain/example.ts', "import { check } from '../renderer/src/lib/check.svelte';"],
  ['domain', 'domain/example.ts', "import { app } from 'electron';"],
  ['domain', 'domain/example.ts', "import { mount } from 'svelte';"],
  ['domain', 'domain/example.ts', "import { randomBytes } from 'node:crypto';"],
  ['domain', 'domain/example.ts', "import { readFileSync } from 'fs';"],
  ['store', 'store/example.ts', "import { segment } from '../services/segment';"],
  ['store', 'store/example.ts', "import { createHandlers } from '../main/handlers';"],
  ['store', 'store/example.ts', "import { app } from 'electron';"],
  ['store', 'store/example.ts', "import { mount } from 'svelte';"],
  ['services', 'services/report/example.ts', "import { createHandlers } from '../../main/handlers';"],
  ['services', 'services/example.ts', "import { ipcMain } from 'electron';"],
  ['services', 'services/example.ts', "import { writable } from 'svelte/store';"],
  ['api', 'api/example.ts', "import { produceReport } from '../services/report';"],
  ['renderer', 'renderer/src/lib/example.ts', "import { readFile } from 'node:fs/promises';"],
  ['renderer', 'renderer/src/lib/example.ts', "import path from 'path';"],
  ['renderer', 'renderer/src/lib/example.ts', "import { Store } from '../../../store/store';"],
  ['renderer', 'renderer/src/lib/example.ts', "import { acquireLock } from '../../../store/lock';"],
  ['renderer', 'renderer/src/lib/example.ts', "import { SCHEMA_VERSION } from '../../../store/file-schemas';"],
  ['renderer', 'renderer/src/lib/example.ts', "import { createHandlers } from '../../../main/handlers';"],
  ['renderer', 'renderer/src/lib/example.ts', "import { ipcRenderer } from 'electron';"],
  ['renderer', 'renderer/src/components/Example.svelte', "<script lang=\"ts\">\n  import { readFileSync } from 'node:fs';\n</script>\n"],
];

const rightWay: [layer: string, file: string, code: string][] = [
  ['domain', 'domain/example.ts', "import * as v from 'valibot';\nimport { VERDICTS } from './verdicts';"],
  ['store', 'store/example.ts', "import { VERDICTS } from '../domain/verdicts';"],
  ['services', 'services/example.ts', "import type { Article } from '../domain/schema';"],
  ['main', 'main/example.ts', "import { app } from 'electron';\nimport { Store } from '../store/store';"],
  ['renderer', 'renderer/src/lib/example.ts', "import type { Article } from '$api/contract';\nimport { VERDICTS } from '$domain/verdicts';"],
  // Tests may cross layers: a store test builds its articles with the segmenter.
  ['a store test', 'store/example.test.ts', "import { segment } from '../services/segment';"],
];

describe('layer rules', () => {
  it.each(wrongWay)('refuse a wrong-way import in %s (%s: %s)', async (_layer, file, code) => {
    expect(await importErrors(file, code)).toHaveLength(1);
  });

  it.each(rightWay)('allow the right direction in %s (%s)', async (_layer, file, code) => {
    expect(await importErrors(file, code)).toEqual([]);
  });
});
