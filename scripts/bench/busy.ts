/**
 * Busy page: a page script rewrites text nodes at a steady rate (pages.ts busyPageHtml), 100/s and
 * 1,000/s for 5 s each.
 *  - With the extension (headless Chromium): the extension's share of main-thread time from a CDP
 *    trace (script time under chrome-extension:// ÷ the renderer main thread's task time, and ÷ wall
 *    time) and the longest task ('longtask' observer; and the longest task that ran extension code).
 *  - The same dom/ scanner and engine bundled into the page (no extension), to read its counters:
 *    characters sent to detect() per rate (cost follows what changed, not the page), and a burst of
 *    5,000 changed nodes in one task (more than the scanner's hugeBurst of 2,000) becoming one
 *    deferred full rescan, while a burst of 500 is rescanned incrementally.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { serveDir, type StaticServer } from '../e2e-utils';
import { MONITOR_SCRIPT, bundleForPage, ensureBuilt, launchPlain, launchWithExtension, startTrace, waitQuiet, type Launched } from './chromium';
import { benchSentenceSets } from './corpus';
import { busyPageHtml } from './pages';

export interface BusyRate {
  perSecond: number;
  seconds: number;
  changed: number;
  /** Extension script ms ÷ renderer main-thread task ms during the changes. */
  extensionShareOfMainThread: number;
  /** Extension script ms ÷ wall ms. */
  extensionShareOfWall: number;
  extensionScriptMs: number;
  extensionMsPerChange: number;
  longestTaskMs: number;
  longestExtensionTaskMs: number;
  /** In-page scanner: characters sent to detect() during the changes, and per changed node. */
  detectChars: number;
  detectCharsPerChange: number;
  pageTextChars: number;
}

export interface BusyBench {
  cells: number;
  rates: BusyRate[];
  longestTaskMs: number;
  extensionShare: number;
  /** Ratio of extension script time 1,000/s ÷ 100/s (10 if cost follows the amount changed). */
  costRatio1000vs100: number;
  burst: { small: { nodes: number; fullScans: number; detectChars: number }; huge: { nodes: number; fullScans: number; detectChars: number; deferred: boolean } };
}

async function longtasksSince(page: Page, since: number): Promise<number> {
  const lt = await page.evaluate(() => (window as any).__bench.longtasks as { start: number; dur: number }[]);
  return Math.max(0, ...lt.filter((t) => t.start >= since).map((t) => t.dur));
}

export async function runBusyBench({ cells = 3000, seconds = 5, rates = [100, 1000] } = {}): Promise<BusyBench> {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'claim-lens-bench-busy-'));
  let server: StaticServer | null = null;
  let L: Launched | null = null;
  let B: Browser | null = null;
  try {
    const { claims, ordinary } = benchSentenceSets();
    const pool = [...ordinary.filter((s) => s.length < 300).slice(0, 340), ...claims.slice(0, 60)];
    const html = busyPageHtml(cells, pool);
    writeFileSync(join(dir, 'busy.html'), html);
    writeFileSync(join(dir, 'scanner.js'), await bundleForPage(join(import.meta.dirname, 'busy-page.ts'), '__busyScanner'));
    writeFileSync(join(dir, 'busy-local.html'), html.replace('</head>', '<script src="/scanner.js"></script></head>'));
    server = await serveDir(dir);

    // With the extension.
    L = await launchWithExtension();
    const out: BusyRate[] = [];
    for (const perSecond of rates) {
      const page = await L.context.newPage();
      await page.addInitScript(MONITOR_SCRIPT);
      await page.goto(server.url('/busy.html'), { waitUntil: 'load' });
      await waitQuiet(page, { quietMs: 1500 });
      const since = await page.evaluate(() => performance.now());
      const stop = await startTrace(page);
      const t0 = Date.now();
      const changed = await page.evaluate(([r, s]) => (window as any).__busyStart(r, s) as Promise<number>, [perSecond, seconds] as const);
      await page.waitForTimeout(500); // let the last changes be rescanned
      const wall = Date.now() - t0;
      const tr = await stop();
      const longest = await longtasksSince(page, since);
      const textChars = await page.evaluate(() => document.body.innerText.length);
      await page.close();
      out.push({
        perSecond,
        seconds,
        changed,
        extensionShareOfMainThread: tr.taskMs > 0 ? tr.extensionScriptMs / tr.taskMs : 0,
        extensionShareOfWall: tr.extensionScriptMs / wall,
        extensionScriptMs: tr.extensionScriptMs,
        extensionMsPerChange: changed > 0 ? tr.extensionScriptMs / changed : 0,
        longestTaskMs: longest,
        longestExtensionTaskMs: tr.longestExtensionTaskMs,
        detectChars: 0,
        detectCharsPerChange: 0,
        pageTextChars: textChars,
      });
    }
    await L.close();
    L = null;

    // The scanner in the page, for its counters.
    B = await launchPlain();
    for (const r of out) {
      const page = await B.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(server.url('/busy-local.html'), { waitUntil: 'load' });
      await page.evaluate(() => (window as any).__busyScanner.start());
      const before = await page.evaluate(() => (window as any).__busyScanner.stats());
      await page.evaluate(([rate, s]) => (window as any).__busyStart(rate, s), [r.perSecond, r.seconds] as const);
      await page.evaluate(() => (window as any).__busyScanner.idle());
      const after = await page.evaluate(() => (window as any).__busyScanner.stats());
      r.detectChars = after.detectChars - before.detectChars;
      r.detectCharsPerChange = r.changed > 0 ? r.detectChars / r.changed : 0;
      await page.close();
    }
    const burst = async (nodes: number) => {
      const page = await B!.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(server!.url('/busy-local.html'), { waitUntil: 'load' });
      await page.evaluate(() => (window as any).__busyScanner.start());
      const before = await page.evaluate(() => (window as any).__busyScanner.stats());
      await page.evaluate((n) => (window as any).__busyBurst(n), nodes);
      await page.waitForTimeout(50);
      await page.evaluate(() => (window as any).__busyScanner.idle());
      const after = await page.evaluate(() => (window as any).__busyScanner.stats());
      await page.close();
      return { nodes, fullScans: after.fullScans - before.fullScans, detectChars: after.detectChars - before.detectChars };
    };
    const small = await burst(500);
    const hugeRaw = await burst(Math.min(cells, 5000) === cells ? cells : 5000);
    const lo = out.find((x) => x.perSecond === Math.min(...rates))!;
    const hi = out.find((x) => x.perSecond === Math.max(...rates))!;
    return {
      cells,
      rates: out,
      longestTaskMs: Math.max(...out.map((x) => x.longestTaskMs)),
      extensionShare: hi.extensionShareOfMainThread,
      costRatio1000vs100: lo.extensionScriptMs > 0 ? hi.extensionScriptMs / lo.extensionScriptMs : NaN,
      burst: { small, huge: { ...hugeRaw, deferred: hugeRaw.fullScans > 0 } },
    };
  } finally {
    await L?.close().catch(() => {});
    await B?.close().catch(() => {});
    await server?.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}
