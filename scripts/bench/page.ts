/**
 * Page scan in headless Chromium with the built extension, beside mark.js on the same page in the
 * same run, plus the tab's extra JS heap and a check that a paused site costs nothing.
 *
 * Ours: a fresh tab per run, the watcher (chromium.ts MONITOR_SCRIPT) installed before page scripts;
 * done = the CSS.highlights range count has not changed for 1.5 s and equals the number of claims
 * the content script reports (get-claims, not pending). Figures, from the page's clock:
 *  - navToPaintedMs: navigation start → last range painted;
 *  - scanMs: load event end → last range painted (the content script runs at document_idle, so this
 *    is the extension's own time, compile of its rules included);
 *  - viewport: ranges that intersect the first screen at the end; viewportDoneMs is when the last of
 *    them appeared; viewportFirst is true when no range outside the first screen appeared in an
 *    earlier frame than that;
 *  - longestTaskMs: longest 'longtask' entry from navigation to done in the extension run;
 *    baselineLongestTaskMs: the same window on the same page without the extension;
 *  - trace (one extra run per size, not timed): tasks that ran the content script's code (CDP
 *    tracing, script URL chrome-extension://): the longest, how many ≥ 50 ms, script time.
 * mark.js: the same page in a browser without the extension, mark.js 8.11 served on 127.0.0.1, timed
 * from the call to its done callback, two ways:
 *  - keywords (the comparison the issue asks for, and how keyword highlighters use mark.js):
 *    mark(array) with every trigger phrase of both packs (their canonical spellings, ~2,500),
 *    separateWordSearch off, other options mark.js's defaults (diacritics-insensitive, as our engine
 *    is). One call with all of them overflows the stack (mark.js chains keywords through nested
 *    callbacks: "RangeError: Maximum call stack size exceeded" at ~2,500), so they go in calls of
 *    KEYWORD_BATCH, one after another, and the figure is the sum of the calls' times (the pauses
 *    between calls excluded). Once per size listed in `markjsKeywords` (about 100 s on 1 MB).
 *    vsMarkjs = this ÷ our median scanMs.
 *  - one regular expression: markRegExp with a single alternation of the same phrases, the fastest
 *    way mark.js can be driven (but accent- and apostrophe-sensitive, so not the same job); every run.
 *    vsMarkjsRegExp = mark.js ms ÷ our scanMs, median of per-run ratios.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { bundledPacks } from '../../engine/index';
import { ROOT, serveDir, type StaticServer } from '../e2e-utils';
import {
  MONITOR_SCRIPT,
  claimsReport,
  ensureBuilt,
  heapAfterGc,
  launchPlain,
  launchWithExtension,
  setPaused,
  startTrace,
  stopWatch,
  waitQuiet,
  type Launched,
  type TraceSummary,
} from './chromium';
import { benchPageHtml } from './pages';
import { summarise, type Figure } from './stats';

export interface PageSizeBench {
  label: string;
  textChars: number;
  elements: number;
  claims: number;
  /** Ranges registered at the end (fewer than claims above the paint window's limit, dom/scanner.ts). */
  paintedRanges: number;
  navToPaintedMs: Figure;
  scanMs: Figure;
  firstPaintMs: Figure;
  viewportDoneMs: Figure;
  viewportClaims: number;
  viewportFirst: boolean;
  /**
   * Longest main-thread task that ran extension code (median over the traced runs; the whole task,
   * rendering included), or when not traced the longest 'longtask' after the load event.
   */
  longestTaskMs: number;
  /** Longest 'longtask' entry from navigation to done, extension run (page loading included). */
  longestTaskMsFigure: Figure;
  /** Longest 'longtask' entry after the load event (when the content script works), extension run. */
  longestTaskAfterLoadMs: Figure;
  baselineLongestTaskMs: Figure;
  /**
   * Painting commits during the scan, counted as the frames where the number of registered ranges
   * changed: a lower bound (a commit that swaps ranges at the same count is not seen).
   */
  commits: Figure;
  trace: TraceSummary | null;
  /** Longest task running extension code, over the traced runs (median is longestTaskMs). */
  longestExtensionTaskFigure: Figure | null;
  /** Most tasks ≥ 50 ms with extension code in one traced run. */
  extensionLongTasksMax: number | null;
  /** markRegExp with one regular expression of every phrase, every run. */
  markjsRegExpMs: Figure | null;
  markjsRegExpMatches: number | null;
  vsMarkjsRegExp: number | null;
  vsMarkjsRegExpFigure: Figure | null;
  /** mark(array) with every phrase (in calls of KEYWORD_BATCH), once; null where not run. */
  markjsKeywordsMs: number | null;
  markjsKeywordsMatches: number | null;
  /** markjsKeywordsMs ÷ our median scanMs (the contract's page[SIZE].vsMarkjs); null where not run. */
  vsMarkjs: number | null;
}

export interface PageBench {
  sizes: PageSizeBench[];
  buildMs: number;
  built: boolean;
  phrases: number;
  memory: { extraHeapMB: number; extraHeapMBFigure: Figure; withMB: number; withoutMB: number; page: string } | null;
  paused: { ranges: number; extensionScriptMs: number; claimsReport: string } | null;
}

export interface PageBenchOptions {
  sizes?: { label: string; chars: number }[];
  runs?: number;
  markjs?: boolean;
  /** Sizes (labels) where mark(array) runs with every phrase. Default 100KB and 1MB (5 MB: ~10 min). */
  markjsKeywords?: string[];
  memory?: boolean;
  paused?: boolean;
  trace?: boolean;
  /** How long the paused page is watched. Default 2,000 ms. */
  pausedWatchMs?: number;
  log?: (s: string) => void;
}

export const DEFAULT_SIZES = [
  { label: '100KB', chars: 100 * 1024 },
  { label: '1MB', chars: 1024 * 1024 },
  { label: '5MB', chars: 5 * 1024 * 1024 },
];

interface ExtRun {
  navToPainted: number;
  scan: number;
  firstPaint: number;
  viewportDone: number;
  viewportClaims: number;
  viewportFirst: boolean;
  longest: number;
  longestAfterLoad: number;
  count: number;
  /** Frames in which the page's registered highlight ranges changed (painting commits). */
  commits: number;
  claims: number;
  trace: TraceSummary | null;
}

/** Combined regular expression of every phrase, longest first (the same baseline as the engine bench). */
export function combinedPattern(phrases: readonly string[]): string {
  const sorted = [...new Set(phrases)].sort((a, b) => b.length - a.length);
  return `\\b(?:${sorted.map((p) => p.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')).join('|')})\\b`;
}

async function extRun(L: Launched, url: string, trace: boolean): Promise<ExtRun> {
  const page = await L.context.newPage();
  try {
    await page.addInitScript(MONITOR_SCRIPT);
    const stopTrace = trace ? await startTrace(page) : null;
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    let report: Awaited<ReturnType<typeof claimsReport>> = null;
    let watch: Awaited<ReturnType<typeof stopWatch>> | null = null;
    let summary: TraceSummary | null = null;
    for (let attempt = 0; attempt < 60; attempt++) {
      await waitQuiet(page);
      // Figures are read before asking the content script for its claims: the reply carries every
      // claim (the popup's request, not part of the scan), so its cost must not count as the scan's.
      watch = await stopWatch(page, { stop: false });
      if (stopTrace && !summary) summary = await stopTrace();
      report = await claimsReport(L, page);
      if (report && report.status === 'ok' && !report.pending && (report.shown ?? -1) === watch.count) break;
    }
    await stopWatch(page);
    if (!watch) throw new Error('no watch');
    const claims = report?.total ?? report?.claims?.length ?? -1;
    const shown = report?.shown ?? -1;
    if (shown !== watch.count) throw new Error(`painted ${watch.count} ranges but the content script reports ${shown} painted of ${claims} claims (${JSON.stringify(report).slice(0, 200)})`);
    // With the paint window (over 2,500 claims) the last claims read are not painted: the scan ends
    // when the content script says so, which is never before the last paint.
    const doneAt = Math.max(watch.lastChange, report?.scannedAt ?? -1);
    const view = await page.evaluate(() => {
      const m = (window as any).__bench;
      window.scrollTo(0, 0);
      const vh = innerHeight;
      const vw = innerWidth;
      let viewportDone = -1;
      let firstOff = Infinity;
      let n = 0;
      for (let i = 0; i < m.ranges.length; i++) {
        const r = m.ranges[i] as Range;
        const t = m.times[i] as number;
        const b = r.getBoundingClientRect();
        const inView = b.bottom > 0 && b.top < vh && b.right > 0 && b.left < vw && (b.width > 0 || b.height > 0);
        if (inView) {
          n++;
          viewportDone = Math.max(viewportDone, t);
        } else firstOff = Math.min(firstOff, t);
      }
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { viewportDone, firstOff: Number.isFinite(firstOff) ? firstOff : -1, n, loadEnd: nav.loadEventEnd };
    });
    const longest = Math.max(0, ...watch.longtasks.filter((t) => t.start <= watch.lastChange).map((t) => t.dur));
    const longestAfterLoad = Math.max(0, ...watch.longtasks.filter((t) => t.start >= view.loadEnd && t.start <= watch.lastChange).map((t) => t.dur));
    return {
      navToPainted: doneAt,
      scan: doneAt - view.loadEnd,
      firstPaint: watch.firstPaint,
      viewportDone: view.viewportDone,
      viewportClaims: view.n,
      viewportFirst: view.n === 0 || view.firstOff < 0 || view.viewportDone <= view.firstOff,
      longest,
      longestAfterLoad,
      count: watch.count,
      commits: watch.changes,
      claims,
      trace: summary,
    };
  } finally {
    await page.close().catch(() => {});
  }
}

/** The same page without the extension: longest task from navigation to `windowMs`. */
async function baselineRun(B: Browser, url: string, windowMs: number): Promise<number> {
  const page = await B.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await page.addInitScript(MONITOR_SCRIPT);
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    const left = windowMs - (await page.evaluate(() => performance.now()));
    if (left > 0) await page.waitForTimeout(left);
    const w = await stopWatch(page);
    return Math.max(0, ...w.longtasks.filter((t) => t.start <= windowMs).map((t) => t.dur));
  } finally {
    await page.close().catch(() => {});
  }
}

/** Keywords per mark() call: 2,500 in one call overflow mark.js's callback chain; 400 were measured fine. */
export const KEYWORD_BATCH = 250;

async function markjsRun(B: Browser, url: string, pattern: string, phrases: string[] | null): Promise<{ ms: number; matches: number }> {
  const page = await B.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await page.addInitScript(MONITOR_SCRIPT);
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    await page.addScriptTag({ url: '/mark.min.js' });
    return await page.evaluate(
      ([source, list, batch]) =>
        new Promise<{ ms: number; matches: number }>((ok, fail) => {
          const Mark = (window as any).Mark;
          let matches = 0;
          if (!list) {
            const t0 = performance.now();
            new Mark(document.body).markRegExp(new RegExp(source, 'gi'), { each: () => (matches += 1), done: () => ok({ ms: performance.now() - t0, matches }) });
            return;
          }
          let ms = 0;
          let at = 0;
          const next = () => {
            if (at >= list.length) return ok({ ms, matches });
            const keywords = list.slice(at, at + batch);
            at += batch;
            const t0 = performance.now();
            try {
              new Mark(document.body).mark(keywords, {
                separateWordSearch: false,
                each: () => (matches += 1),
                done: () => {
                  ms += performance.now() - t0;
                  setTimeout(next, 0); // a fresh stack for the next call
                },
              });
            } catch (e) {
              fail(e);
            }
          };
          next();
        }),
      [pattern, phrases, KEYWORD_BATCH] as const,
    );
  } finally {
    await page.close().catch(() => {});
  }
}

export async function runPageBench(opts: PageBenchOptions = {}): Promise<PageBench> {
  const log = opts.log ?? (() => {});
  const runs = Math.max(1, opts.runs ?? 3);
  const sizes = opts.sizes ?? DEFAULT_SIZES;
  const t0 = performance.now();
  const { built } = ensureBuilt();
  const buildMs = performance.now() - t0;
  const phrases = [...new Set(bundledPacks().flatMap((p) => p.phrases))];
  const pattern = combinedPattern(phrases);
  const dir = mkdtempSync(join(tmpdir(), 'claim-lens-bench-pages-'));
  let server: StaticServer | null = null;
  let L: Launched | null = null;
  let B: Browser | null = null;
  try {
    copyFileSync(join(ROOT, 'node_modules', 'mark.js', 'dist', 'mark.min.js'), join(dir, 'mark.min.js'));
    const pages = sizes.map((s) => {
      const g = benchPageHtml(s.chars, { title: `Bench ${s.label}` });
      writeFileSync(join(dir, `${s.label}.html`), g.html);
      return { ...s, textChars: g.textChars, elements: g.elements };
    });
    server = await serveDir(dir);
    L = await launchWithExtension();
    B = await launchPlain();
    const out: PageSizeBench[] = [];
    for (const p of pages) {
      const url = server.url(`/${p.label}.html`);
      const ext: ExtRun[] = [];
      const base: number[] = [];
      const mk: { ms: number; matches: number }[] = [];
      const ratios: number[] = [];
      // Alternate ours and mark.js so noise on this shared machine hits both alike.
      for (let r = 0; r < runs; r++) {
        const e = await extRun(L, url, false);
        ext.push(e);
        base.push(await baselineRun(B, url, e.navToPainted));
        if (opts.markjs !== false) {
          const m = await markjsRun(B, url, pattern, null);
          mk.push(m);
          ratios.push(m.ms / Math.max(1, e.scan));
        }
        log(`  page ${p.label} run ${r + 1}: painted ${e.count} in ${e.scan.toFixed(0)} ms after load; mark.js ${mk.at(-1)?.ms.toFixed(0) ?? '-'} ms`);
      }
      // Traced runs (tracing slows the page, so they are not the timed ones): one per timed run, so
      // the longest extension task is a median with min and max, like every other figure.
      const tracedRuns: TraceSummary[] = [];
      if (opts.trace !== false) for (let r = 0; r < runs; r++) {
        const t = (await extRun(L, url, true)).trace;
        if (t) tracedRuns.push(t);
      }
      const longestFigure = tracedRuns.length ? summarise(tracedRuns.map((t) => t.longestExtensionTaskMs)) : null;
      // The run whose longest extension task is the median one, for the other trace figures.
      const traced = longestFigure ? { trace: tracedRuns.find((t) => t.longestExtensionTaskMs === longestFigure.median) ?? tracedRuns[0]! } : null;
      const res: PageSizeBench = {
        label: p.label,
        textChars: p.textChars,
        elements: p.elements,
        claims: ext[0]!.claims,
        paintedRanges: ext[0]!.count,
        navToPaintedMs: summarise(ext.map((e) => e.navToPainted)),
        scanMs: summarise(ext.map((e) => e.scan)),
        firstPaintMs: summarise(ext.map((e) => e.firstPaint)),
        viewportDoneMs: summarise(ext.map((e) => e.viewportDone)),
        viewportClaims: ext[0]!.viewportClaims,
        viewportFirst: ext.every((e) => e.viewportFirst),
        longestTaskMs: longestFigure ? longestFigure.median : Math.max(...ext.map((e) => e.longestAfterLoad)),
        longestExtensionTaskFigure: longestFigure,
        extensionLongTasksMax: tracedRuns.length ? Math.max(...tracedRuns.map((t) => t.extensionLongTasks)) : null,
        longestTaskMsFigure: summarise(ext.map((e) => e.longest)),
        longestTaskAfterLoadMs: summarise(ext.map((e) => e.longestAfterLoad)),
        baselineLongestTaskMs: summarise(base),
        commits: summarise(ext.map((e) => e.commits)),
        trace: traced?.trace ?? null,
        markjsRegExpMs: mk.length ? summarise(mk.map((m) => m.ms)) : null,
        markjsRegExpMatches: mk[0]?.matches ?? null,
        vsMarkjsRegExp: ratios.length ? summarise(ratios).median : null,
        vsMarkjsRegExpFigure: ratios.length ? summarise(ratios) : null,
        markjsKeywordsMs: null,
        markjsKeywordsMatches: null,
        vsMarkjs: null,
      };
      if (opts.markjs !== false && (opts.markjsKeywords ?? ['100KB', '1MB']).includes(p.label)) {
        log(`  page ${p.label}: mark.js mark(array) with all ${phrases.length} phrases (slow: ~100 s on 1MB)…`);
        const m = await markjsRun(B, url, pattern, phrases);
        res.markjsKeywordsMs = m.ms;
        res.markjsKeywordsMatches = m.matches;
        res.vsMarkjs = m.ms / Math.max(1, res.scanMs.median);
      }
      out.push(res);
    }

    // Memory: the same page (1 MB if measured, else the largest) with and without the extension.
    let memory: PageBench['memory'] = null;
    if (opts.memory !== false) {
      const p = pages.find((x) => x.label === '1MB') ?? pages[pages.length - 1]!;
      const url = server.url(`/${p.label}.html`);
      const extra: number[] = [];
      let withMB = 0;
      let withoutMB = 0;
      for (let r = 0; r < runs; r++) {
        const a = await L.context.newPage();
        await a.addInitScript(MONITOR_SCRIPT);
        await a.goto(url, { waitUntil: 'load' });
        await waitQuiet(a);
        await stopWatch(a);
        const w = await heapAfterGc(a);
        await a.close();
        const b = await B.newPage();
        await b.addInitScript(MONITOR_SCRIPT);
        await b.goto(url, { waitUntil: 'load' });
        await b.waitForTimeout(500);
        await stopWatch(b);
        const wo = await heapAfterGc(b);
        await b.close();
        withMB = w / 1048576;
        withoutMB = wo / 1048576;
        extra.push(withMB - withoutMB);
      }
      const f = summarise(extra);
      memory = { extraHeapMB: f.median, extraHeapMBFigure: f, withMB, withoutMB, page: p.label };
    }

    // Paused site: nothing painted, no extension script beyond answering messages.
    let paused: PageBench['paused'] = null;
    if (opts.paused !== false) {
      const p = pages[0]!;
      const url = server.url(`/${p.label}.html`);
      await setPaused(L, server.origin, true);
      const page = await L.context.newPage();
      await page.addInitScript(MONITOR_SCRIPT);
      const stop = await startTrace(page);
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForTimeout(opts.pausedWatchMs ?? 2000);
      const w = await stopWatch(page);
      const tr = await stop();
      const rep = await claimsReport(L, page);
      await page.close();
      await setPaused(L, server.origin, false);
      paused = { ranges: w.count, extensionScriptMs: tr.extensionScriptMs, claimsReport: rep?.status ?? 'none' };
    }
    return { sizes: out, buildMs, built, phrases: phrases.length, memory, paused };
  } finally {
    await L?.close().catch(() => {});
    await B?.close().catch(() => {});
    await server?.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}
