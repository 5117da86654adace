import { existsSync } from 'node:fs';
import { CHROMIUM_PATH, buildExtension } from '../../scripts/e2e-utils';

export default function setup() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  buildExtension();
}
