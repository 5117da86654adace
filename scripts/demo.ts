/**
 * npm run demo: build the extension, serve demo/ on 127.0.0.1, and open it in Debian's Chromium
 * with the extension loaded.
 *
 * - With a display (DISPLAY set): a normal window; the script waits until you close it.
 * - Without one: headless. Waits until the claims are painted, saves screenshots of the page, of an
 *   opened card and of the popup into artifacts/demo/, prints their paths and the claims found.
 *
 * Environment: CHROMIUM_PATH (default /usr/bin/chromium), DEMO_HEADLESS=1 to force headless.
 */
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  ROOT,
  buildExtension,
  launchWithExtension,
  openPopupFor,
  serveDir,
  tabIdOf,
  waitForPaint,
  type Launched,
} from './e2e-utils';

const OUT = join(ROOT, 'artifacts', 'demo');

interface ReportedClaim {
  category: string;
  text: string;
  lang: string;
  concepts: string[];
}

async function claimsOf(launched: Launched, tabId: number): Promise<ReportedClaim[]> {
  for (let i = 0; i < 600; i++) {
    const r = await launched.worker.evaluate(
      (id) => (globalThis as unknown as { chrome: any }).chrome.tabs.sendMessage(id, { type: 'get-claims' }, { frameId: 0 }).catch(() => null),
      tabId,
    );
    if (r && r.status === 'ok' && !r.pending) return r.claims;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error('the page was not scanned');
}

async function main() {
  const headed = !!process.env.DISPLAY && process.env.DEMO_HEADLESS !== '1';
  process.stdout.write('Building the extension (wxt build)…\n');
  buildExtension();
  const server = await serveDir(join(ROOT, 'demo'));
  const launched = await launchWithExtension({ headless: !headed });
  const url = server.url('/index.html');
  process.stdout.write(`Extension ${launched.extensionId} loaded; demo page at ${url}\n`);
  try {
    const page = launched.context.pages()[0] ?? (await launched.context.newPage());
    await page.goto(url);

    if (headed) {
      process.stdout.write('Chromium is open: click a highlighted claim, or the Claim Lens toolbar button. Close the window to finish.\n');
      await new Promise<void>((ok) => launched.context.on('close', () => ok()));
      return;
    }

    await waitForPaint(page, 5);
    const tabId = await tabIdOf(launched, page);
    const claims = await claimsOf(launched, tabId);
    mkdirSync(OUT, { recursive: true });
    const shots: string[] = [];

    const pageShot = join(OUT, 'page.png');
    await page.screenshot({ path: pageShot, fullPage: true });
    shots.push(pageShot);

    // Open the card on the first painted claim in view, as a user would, by clicking it.
    await page.evaluate(() => window.scrollTo(0, 0));
    const point = await page.evaluate(() => {
      const reg = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights;
      for (const [name, hl] of reg) {
        if (name.endsWith('-active')) continue;
        for (const r of hl) {
          if (!(r instanceof Range)) continue;
          const rect = r.getClientRects()[0];
          if (rect && rect.top > 0 && rect.bottom < window.innerHeight / 2) return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
        }
      }
      return null;
    });
    if (point) {
      await page.mouse.click(point.x, point.y);
      await page.locator('claim-lens-card .cl-concept').first().waitFor({ timeout: 30_000 });
      const cardShot = join(OUT, 'card.png');
      await page.screenshot({ path: cardShot });
      shots.push(cardShot);
      await page.keyboard.press('Escape');
    }

    const popup = await openPopupFor(launched, tabId);
    await popup.locator('.cl-group').first().waitFor({ timeout: 30_000 });
    const popupShot = join(OUT, 'popup.png');
    await popup.screenshot({ path: popupShot });
    shots.push(popupShot);

    process.stdout.write(`\n${claims.length} claims found on the demo page:\n`);
    for (const c of claims) process.stdout.write(`  [${c.lang}] ${c.category.padEnd(16)} ${JSON.stringify(c.text)}\n`);
    process.stdout.write('\nScreenshots:\n');
    for (const s of shots) process.stdout.write(`  ${relative(process.cwd(), s) || s}\n`);
    if (launched.foreign.length) {
      process.stdout.write(`\nUnexpected requests (blocked): ${launched.foreign.join(', ')}\n`);
      process.exitCode = 1;
    }
  } finally {
    await launched.close();
    await server.close();
  }
}

main().catch((e) => {
  process.stderr.write(`demo failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
