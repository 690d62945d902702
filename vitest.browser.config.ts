import { defineConfig } from 'vitest/config';

// Suites that drive a real Chromium (Debian's, through playwright-core). One file at a time:
// each starts its own browser and the machine has two cores.
export default defineConfig({
  test: {
    include: ['packages/*/test/browser/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
