import { defineConfig } from '@playwright/test';
import type { HostOption } from './e2e/fixtures';

/**
 * The same specs run twice: in real Electron where its binary exists, and in Debian's
 * Chromium against the built renderer with window.api bridged to the real handlers
 * (e2e/fixtures.ts). Build first: `npm run build`.
 */
export default defineConfig<HostOption>({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    { name: 'chromium', use: { host: 'chromium' } },
    { name: 'electron', use: { host: 'electron' } },
  ],
});
