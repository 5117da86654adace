import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { CHROMIUM_PATH, OUT_DIR, buildExtension } from '../../scripts/e2e-utils';

export default function setup() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  buildExtension();
  // Teardown: remove a per-run build folder (never the project's own .output).
  return () => {
    if (OUT_DIR.startsWith(tmpdir())) rmSync(OUT_DIR, { recursive: true, force: true });
  };
}
