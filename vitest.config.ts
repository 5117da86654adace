import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests: engine, dom (happy-dom per file), storage (fake-indexeddb), components.
// The end-to-end suite in a real Chromium has its own config: vitest.e2e.config.ts.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['engine/**/*.test.ts', 'dom/**/*.test.ts', 'storage/**/*.test.ts', 'components/**/*.test.{ts,tsx}', 'messages/**/*.test.ts', 'entrypoints/**/*.test.{ts,tsx}', 'tests/unit/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
