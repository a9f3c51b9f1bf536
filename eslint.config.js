// Lint: the Svelte plugin's recommended rules, with the TypeScript parser for .ts files and for
// <script lang="ts"> in .svelte files, plus two jobs that matter more than style:
// - security: {@html} is banned (svelte/no-at-html-tags), because article and source text must
//   only ever be rendered as text;
// - layers: the dependency direction renderer -> preload API -> main -> store and services -> domain
//   is held by the import rules below (VS Code keeps its layers the same way). domain/ is what every
//   layer may use (the documents' schemas, verdicts, the sign-off rule, the words); it imports none
//   of them. test/lint-layers.test.ts
//   feeds each rule a wrong-way import, so a rule that stops working fails the tests.
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Import patterns (gitignore-style, matched against the import specifier) with the reason shown. */
// Node's built-ins as one anchored expression: as gitignore-style patterns, "domain" (a
// deprecated built-in) would match the domain/ folder in any relative path.
const NODE_BUILTINS = `^(node:.+|(${builtinModules.filter((m) => !m.startsWith('_')).join('|')})(/.*)?)$`;
const MAIN = { group: ['**/main', '**/main/**'], message: 'main/ is the Electron host: lower layers never import it.' };
const ELECTRON = { group: ['electron', 'electron/**'], message: 'Only main/ and preload/ talk to Electron.' };
const SVELTE = { group: ['svelte', 'svelte/**'], message: 'Svelte belongs to the renderer.' };
const SERVICES = { group: ['**/services', '**/services/**'], message: 'The store sits below the services: it never imports them.' };
// The store's implementation (files, locks, recovery). The renderer uses domain/ for the types and
// words, and store/errors for the error codes it shows.
const STORE_IMPL = {
  group: ['**/store/*', '!**/store/errors'],
  message: 'The renderer reaches the store only through window.api; the types and words it needs are in domain/.',
};
const NODE = { regex: NODE_BUILTINS, message: 'The renderer runs sandboxed without Node: use window.api.' };
// domain/ runs everywhere, the sandboxed renderer included: plain TypeScript and valibot only.
const DOMAIN_ONLY = {
  group: ['**/store', '**/store/**', '**/services', '**/services/**', '**/main', '**/main/**', '**/api', '**/api/**', '**/renderer/**', '**/preload/**'],
  message: 'domain/ is used by every layer and imports none of them.',
};
const DOMAIN_NODE = { regex: NODE_BUILTINS, message: 'domain/ also runs in the sandboxed renderer: no Node built-ins.' };

/** One layer's rule: what its files may not import. */
const layer = (files, patterns) => ({
  files,
  // Tests cross layers where they must (a store test builds an article with the segmenter, the
  // wiring test loads main), so the rules hold for production code only.
  ignores: ['**/*.test.ts', '**/fixtures/**'],
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

export default [
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tsbuild/**'] },
  ...svelte.configs.recommended,
  {
    files: ['**/*.ts'],
    // The plugin is registered (none of its rules is on) so that eslint-disable comments naming
    // its rules resolve.
    plugins: { '@typescript-eslint': tseslint.plugin },
    languageOptions: { parser: tseslint.parser, globals: { ...globals.node } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'], svelteConfig },
    },
  },
  {
    rules: {
      'svelte/no-at-html-tags': 'error',
    },
  },
  layer(['domain/**/*.ts'], [DOMAIN_ONLY, DOMAIN_NODE, ELECTRON, SVELTE]),
  layer(['store/**/*.ts'], [SERVICES, MAIN, ELECTRON, SVELTE]),
  layer(['services/**/*.ts'], [MAIN, ELECTRON, SVELTE]),
  layer(['api/**/*.ts'], [MAIN, ELECTRON, SVELTE, SERVICES]),
  layer(['renderer/**/*.ts', 'renderer/**/*.svelte'], [NODE, MAIN, ELECTRON, STORE_IMPL]),
];
