import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './main/security';
import { rendererAliases } from './renderer/aliases';

const root = import.meta.dirname;

/** The page's CSP meta tag comes from the same constant main sends as a header. */
const csp: Plugin = {
  name: 'factdesk-csp',
  transformIndexHtml: (html) => html.replace('%CONTENT_SECURITY_POLICY%', CONTENT_SECURITY_POLICY),
};

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        // The `factdesk` command shares the main process's handlers and store, and is built with it.
        // Both start import-worker.js to read files and pages from strangers (services/isolate).
        input: {
          index: resolve(root, 'main/index.ts'),
          factdesk: resolve(root, 'cli/factdesk.ts'),
          'import-worker': resolve(root, 'services/isolate/worker.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can neither be ESM nor require anything but `electron`:
      // one CommonJS file with everything it imports bundled in.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [svelte({ configFile: resolve(root, 'svelte.config.js') }), csp],
    resolve: { alias: rendererAliases(root) },
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
