import { defineConfig } from 'vitest/config';

// Real browsers on a 2-core machine: one file at a time, generous per-step time limits.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
