import { defineConfig } from 'vitest/config';

// Unit and integration tests in Node. Browser suites have their own config (vitest.browser.config.ts)
// because they start Chromium and a page server, which is slow and wants to run alone.
export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'packages/*/test/browser/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
