/**
 * Re-anchoring 1,000 saved highlights on a 1 MB page, in headless Chromium (no extension needed:
 * dom/anchor.ts, dom/extract.ts and engine/quote-match.ts are bundled with esbuild and run in a page
 * served on 127.0.0.1). See reanchor-page.ts for the edits and the figures.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { serveDir, type StaticServer } from '../e2e-utils';
import { bundleForPage, launchPlain, MONITOR_SCRIPT } from './chromium';
import { benchPageHtml } from './pages';
import type { ReanchorPageResult } from './reanchor-page';
import { summarise, type Figure } from './stats';

export interface ReanchorBench {
  last: ReanchorPageResult;
  anchorMs: Figure;
  extractMs: Figure;
  longestSliceMs: Figure;
  /** Longest 'longtask' entry seen while anchoring, 0 when none reached 50 ms. */
  longestTaskMs: number;
}

export async function runReanchorBench({ chars = 1024 * 1024, count = 1000, runs = 3 } = {}): Promise<ReanchorBench> {
  const dir = mkdtempSync(join(tmpdir(), 'claim-lens-bench-anchor-'));
  let server: StaticServer | null = null;
  let B: Browser | null = null;
  try {
    writeFileSync(join(dir, 'anchor.js'), await bundleForPage(join(import.meta.dirname, 'reanchor-page.ts'), '__anchorBench'));
    writeFileSync(join(dir, 'page.html'), benchPageHtml(chars, { title: 'Re-anchoring bench', extraHead: '<script src="/anchor.js"></script>' }).html);
    server = await serveDir(dir);
    B = await launchPlain();
    const results: ReanchorPageResult[] = [];
    let longestTaskMs = 0;
    for (let r = 0; r < runs; r++) {
      const page = await B.newPage({ viewport: { width: 1280, height: 900 } });
      await page.addInitScript(MONITOR_SCRIPT);
      await page.goto(server.url('/page.html'), { waitUntil: 'load' });
      await page.waitForTimeout(300);
      const res = await page.evaluate((n) => (window as any).__anchorBench.run(n) as Promise<ReanchorPageResult>, count);
      await page.waitForTimeout(100);
      const lt = await page.evaluate(() => (window as any).__bench.longtasks as { start: number; dur: number }[]);
      // Only the tasks that overlap the anchoring (not the page laying out its own edits before it).
      const during = lt.filter((t) => t.start < res.anchorEnd && t.start + t.dur > res.anchorStart);
      longestTaskMs = Math.max(longestTaskMs, ...during.map((t) => t.dur), 0);
      results.push(res);
      await page.close();
    }
    return {
      last: results[results.length - 1]!,
      anchorMs: summarise(results.map((x) => x.anchorMs)),
      extractMs: summarise(results.map((x) => x.extractMs)),
      longestSliceMs: summarise(results.map((x) => x.longestSliceMs)),
      longestTaskMs,
    };
  } finally {
    await B?.close().catch(() => {});
    await server?.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}
