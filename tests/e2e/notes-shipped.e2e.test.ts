/**
 * The build as shipped (without VITE_CLAIM_LENS_E2E, unlike the rest of the e2e suite): the notes
 * toolbar and the claim card live in closed shadow roots, so a page script finds our hosts but
 * cannot reach inside them (a private note in an open editor stays out of its reach), and the
 * background exposes no test hooks. The same user actions as elsewhere still open both UIs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, launchWithExtension, serveDir, type Launched, type StaticServer } from '../../scripts/e2e-utils';
import { FIXTURES, claimPoint, dragSelect, waitForExpected } from './harness';

let out = '';
let server: StaticServer | undefined;
let browser: Launched | undefined;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'claim-lens-shipped-'));
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', CLAIM_LENS_OUT_DIR: out };
  delete env.VITE_CLAIM_LENS_E2E;
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'wxt', 'bin', 'wxt.mjs'), 'build'], { cwd: ROOT, encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`wxt build failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  const dir = join(out, 'chrome-mv3');
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`no manifest in ${dir}`);
  server = await serveDir(FIXTURES);
  browser = await launchWithExtension({ extensionDir: dir });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (out.startsWith(tmpdir())) rmSync(out, { recursive: true, force: true });
});

describe('shipped build', () => {
  it('the selection toolbar is a closed shadow root: the page sees the host, not the fields', async () => {
    const page = await browser!.context.newPage();
    await page.goto(server!.url('/notes.html'));
    await dragSelect(page, '#target', 'la qualité perçue');
    await page.waitForFunction(() => document.querySelector('claim-lens-note') !== null, undefined, { timeout: 30_000, polling: 50 });
    const seen = await page.evaluate(() => {
      const host = document.querySelector('claim-lens-note')!;
      return { shadowRoot: host.shadowRoot, textareas: document.querySelectorAll('textarea').length, text: host.textContent };
    });
    expect(seen).toEqual({ shadowRoot: null, textareas: 0, text: '' });
    await page.close();
  });

  it('the claim card is a closed shadow root too', async () => {
    const page = await browser!.context.newPage();
    await page.goto(server!.url('/fr-marketing.html'));
    await waitForExpected(page);
    const pt = await claimPoint(page, '[data-expect][data-category="environmental"]');
    await page.mouse.click(pt.x, pt.y);
    await page.waitForFunction(() => document.querySelector('claim-lens-card') !== null, undefined, { timeout: 30_000, polling: 50 });
    expect(await page.evaluate(() => document.querySelector('claim-lens-card')!.shadowRoot)).toBeNull();
    await page.close();
  });

  it('the background exposes no test hooks', async () => {
    expect(await browser!.worker.evaluate(() => typeof (globalThis as Record<string, unknown>).__claimLensE2E)).toBe('undefined');
  });
});
