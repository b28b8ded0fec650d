import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['./test/support/device-file.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // e2e tests each start a browser; two cores are all we have.
    fileParallelism: true,
    maxWorkers: 2,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
