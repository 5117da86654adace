/**
 * Per-file harness for the e2e tests: a static server for tests/fixtures/pages and a Chromium with
 * the extension (fresh profile), plus helpers that read the page's highlights and the card.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, launchWithExtension, serveDir, type Launched, type StaticServer } from '../../scripts/e2e-utils';

export const FIXTURES = join(ROOT, 'tests', 'fixtures', 'pages');

export interface Harness {
  server: StaticServer;
  browser: Launched;
  close: () => Promise<void>;
}

export async function startHarness(opts: { lang?: string } = {}): Promise<Harness> {
  const server = await serveDir(FIXTURES, { spaFallback: 'dynamic.html' });
  const browser = await launchWithExtension({ lang: opts.lang });
  return {
    server,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

export interface ExpectedHit {
  text: string;
  category: string | null;
  /** Names of the highlights whose ranges overlap this [data-expect] element. */
  names: string[];
}

/** For every [data-expect] element, the highlights (by name) whose ranges overlap it. */
export function expectedHits(page: Page, selector = '[data-expect]'): Promise<ExpectedHit[]> {
  return page.evaluate((sel) => {
    const reg = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights;
    return [...document.querySelectorAll(sel)].map((el) => {
      const er = document.createRange();
      er.selectNodeContents(el);
      const names = new Set<string>();
      for (const [name, hl] of reg)
        for (const r of hl) {
          if (!(r instanceof Range)) continue;
          // overlap: r starts before er ends and er starts before r ends
          if (r.compareBoundaryPoints(Range.END_TO_START, er) < 0 && er.compareBoundaryPoints(Range.END_TO_START, r) < 0) names.add(name);
        }
      return { text: el.textContent ?? '', category: el.getAttribute('data-category'), names: [...names] };
    });
  }, selector);
}

/** Wait until every [data-expect] element (matching `selector`) overlaps a highlight. */
export async function waitForExpected(page: Page, selector = '[data-expect]', timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    (sel) => {
      const reg = (CSS as unknown as { highlights?: Map<string, Set<AbstractRange>> }).highlights;
      if (!reg) return false;
      const ranges: Range[] = [];
      for (const [, hl] of reg) for (const r of hl) if (r instanceof Range) ranges.push(r);
      const els = [...document.querySelectorAll(sel)];
      return (
        els.length > 0 &&
        els.every((el) => {
          const er = document.createRange();
          er.selectNodeContents(el);
          return ranges.some((r) => r.compareBoundaryPoints(Range.END_TO_START, er) < 0 && er.compareBoundaryPoints(Range.END_TO_START, r) < 0);
        })
      );
    },
    selector,
    { timeout, polling: 100 },
  );
}

/** Viewport centre of the first painted range overlapping `selector` (where a user would click). */
export async function claimPoint(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const p = await page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    el.scrollIntoView({ block: 'center' });
    const reg = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights;
    const er = document.createRange();
    er.selectNodeContents(el);
    for (const [, hl] of reg)
      for (const r of hl) {
        if (!(r instanceof Range)) continue;
        if (r.compareBoundaryPoints(Range.END_TO_START, er) < 0 && er.compareBoundaryPoints(Range.END_TO_START, r) < 0) {
          const rect = r.getClientRects()[0];
          if (rect) return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
        }
      }
    return null;
  }, selector);
  if (!p) throw new Error(`no painted claim under ${selector}`);
  return p;
}

/** The card's shadow host (WXT custom element) if open. */
export const CARD = 'claim-lens-card';

/** The content script's report for `page` (as the popup gets it), once the scanner is idle. */
export async function settledReport(h: Harness, page: Page, timeout = 60_000): Promise<any> {
  await page.bringToFront();
  const deadline = Date.now() + timeout;
  for (;;) {
    const report = await h.browser.worker.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: any }).chrome;
      const [tab] = await c.tabs.query({ active: true, lastFocusedWindow: true });
      try {
        return await c.tabs.sendMessage(tab.id, { type: 'get-claims' }, { frameId: 0 });
      } catch {
        return null;
      }
    });
    if (report && !(report.status === 'ok' && report.pending)) return report;
    if (Date.now() > deadline) throw new Error(`content script not settled: ${JSON.stringify(report)}`);
    await page.waitForTimeout(100);
  }
}

/**
 * Select `phrase` inside `selector` with the real mouse (press before its first character, drag to
 * after its last, release), as a user would: the content script ignores page-made (untrusted)
 * events, so a scripted selection plus a dispatched mouseup would open nothing. `occurrence` picks
 * the n-th match (0 = first). Throws unless the page's selection is exactly `phrase`.
 */
export async function dragSelect(page: Page, selector: string, phrase: string, occurrence = 0): Promise<void> {
  const pts = await page.evaluate(
    ([sel, text, nth]) => {
      const el = document.querySelector(sel as string);
      if (!el) return null;
      el.scrollIntoView({ block: 'center' });
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        let i = n.data.indexOf(text as string);
        while (i >= 0 && seen < (nth as number)) {
          seen++;
          i = n.data.indexOf(text as string, i + 1);
        }
        if (i < 0) continue;
        const end = i + (text as string).length;
        const charRect = (a: number, b: number) => {
          const r = document.createRange();
          r.setStart(n!, a);
          r.setEnd(n!, b);
          return r.getClientRects()[0] ?? r.getBoundingClientRect();
        };
        const first = charRect(i, i + 1);
        const last = charRect(end - 1, end);
        return {
          x0: first.left + Math.min(1, first.width / 4),
          y0: first.top + first.height / 2,
          x1: last.right - Math.min(1, last.width / 4),
          y1: last.top + last.height / 2,
        };
      }
      return null;
    },
    [selector, phrase, occurrence] as const,
  );
  if (!pts) throw new Error(`no "${phrase}" in ${selector}`);
  await page.mouse.move(pts.x0, pts.y0);
  await page.mouse.down();
  await page.mouse.move((pts.x0 + pts.x1) / 2, (pts.y0 + pts.y1) / 2, { steps: 3 });
  await page.mouse.move(pts.x1, pts.y1, { steps: 3 });
  await page.mouse.up();
  const got = await page.evaluate(() => document.getSelection()?.toString() ?? '');
  if (got !== phrase) throw new Error(`mouse selection gave ${JSON.stringify(got)}, wanted ${JSON.stringify(phrase)}`);
}
