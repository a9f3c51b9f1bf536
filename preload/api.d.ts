import type { Bridge } from '../api/contract';

declare global {
  interface Window {
    /** Provided by preload/index.ts (or, in the Chromium e2e run, by the test's bridge). */
    readonly api: Bridge;
  }
}

export {};
