// Runs the worker from its TypeScript source (tests, `tsx cli/factdesk.ts`); the built app and
// the built command start out/main/import-worker.js instead. tsx is a development dependency.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
