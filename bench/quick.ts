/**
 * `--quick`: every benchmark runs with small sizes in seconds, so `npm test` (test/bench.test.ts)
 * runs each `bench:*` script this way and a benchmark that stops working fails CI. Quick figures
 * are only a smoke test; measure without it.
 */
export const QUICK = process.argv.includes('--quick');

/** The full-run value, or the quick one under --quick. */
export const sized = <T>(full: T, quick: T): T => (QUICK ? quick : full);
