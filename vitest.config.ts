import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{store,services,main,cli,test}/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
