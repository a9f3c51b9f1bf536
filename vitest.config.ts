import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';
import { rendererAliases } from './renderer/aliases';

export default defineConfig({
  test: {
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: { name: 'node', include: ['{domain,store,services,main,cli,test}/**/*.test.ts'], environment: 'node' },
      },
      {
        // The renderer's state modules (*.svelte.ts) use runes: compiled by the Svelte plugin, and
        // run with Svelte's browser runtime (the server one has no reactivity). window.api is a
        // fake each test installs.
        extends: true,
        plugins: [svelte({ configFile: resolve(import.meta.dirname, 'svelte.config.js') })],
        resolve: { conditions: ['browser'], alias: rendererAliases(import.meta.dirname) },
        test: { name: 'renderer', include: ['renderer/**/*.test.ts'], environment: 'node' },
      },
    ],
  },
});
