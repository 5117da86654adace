import { defineConfig } from 'vitest/config';

// End-to-end suite: the built extension in Debian's Chromium (playwright-core). The global setup
// builds the extension once; files run one after the other, each with its own browser and profile.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
