/**
 * The renderer's import aliases, for Vite (electron.vite.config.ts) and the renderer's unit tests
 * (vitest.config.ts); tsconfig.web.json repeats them as `paths` for the type checker and
 * svelte-check. `$lib` is the renderer's own modules; `$api`, `$domain` and `$services` are the
 * shared folders the renderer may use (eslint.config.js says which parts of them). `root` is the
 * project folder, given by each config: a bundled config file has no reliable folder of its own.
 */
export function rendererAliases(root: string): Record<string, string> {
  return {
    $lib: `${root}/renderer/src/lib`,
    $api: `${root}/api`,
    $domain: `${root}/domain`,
    $services: `${root}/services`,
  };
}
