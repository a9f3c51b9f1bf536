// Lint: the Svelte plugin's recommended rules, with the TypeScript parser for .ts files and for
// <script lang="ts"> in .svelte files. Its main job is a security rule: {@html} is banned
// (svelte/no-at-html-tags), because article and source text must only ever be rendered as text.
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

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
];
