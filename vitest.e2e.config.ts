import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Each run builds into its own folder, so concurrent runs (or a demo) never replace the extension
// under a running browser. The global setup removes it at the end.
process.env.CLAIM_LENS_OUT_DIR ||= join(tmpdir(), `claim-lens-e2e-${process.pid}`);

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
