/**
 * Chromium plumbing shared by the browser benchmarks: build the extension when missing or stale,
 * launch Debian's Chromium with or without it, bundle our own modules for a page (esbuild, which
 * wxt/vite already bring), and an init script that watches the page from its main world (long tasks,
 * long animation frames, the CSS.highlights range count frame by frame).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, EXTENSION_DIR, ROOT, buildExtension, launchWithExtension, type Launched } from '../e2e-utils';

const SOURCES = ['entrypoints', 'engine', 'dom', 'components', 'messages', 'storage', 'public', 'wxt.config.ts', 'package.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

/** Build the extension if its manifest is missing or older than any source file. Returns whether it built. */
export function ensureBuilt(): { built: boolean; dir: string } {
  const manifest = join(EXTENSION_DIR, 'manifest.json');
  const builtAt = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
  const newest = Math.max(...SOURCES.map((s) => newestMtime(join(ROOT, s))));
  if (builtAt > 0 && builtAt >= newest) return { built: false, dir: EXTENSION_DIR };
  buildExtension();
  return { built: true, dir: EXTENSION_DIR };
}

/** Chromium without any extension (same flags as the extension runs). */
export function launchPlain(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export { launchWithExtension, type Launched };

/**
 * Bundle `entry` (a TypeScript module of ours) as one IIFE script that puts its exports on
 * `window[globalName]`. Used to run dom/ and storage/ code in a page served on 127.0.0.1.
 */
export async function bundleForPage(entry: string, globalName: string): Promise<string> {
  const esbuild = await import('esbuild');
  const r = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    globalName,
    platform: 'browser',
    target: 'es2022',
    write: false,
    charset: 'ascii',
    logLevel: 'silent',
  });
  return r.outputFiles[0]!.text;
}

/**
 * Main-world watcher, installed before any page script (addInitScript). window.__bench holds:
 * longtasks (startTime, duration), loaf (long animation frames with their scripts' source URLs),
 * count (ranges in CSS.highlights), lastChange (performance.now() of the last count change), and for
 * each range seen, the time of the frame it first appeared in (ranges/times).
 */
export const MONITOR_SCRIPT = `(() => {
  // tsx (esbuild keepNames) wraps named functions passed to page.evaluate in __name(...)
  if (!window.__name) window.__name = (f) => f;
  if (window.__bench) return;
  const mon = window.__bench = { longtasks: [], loaf: [], count: 0, changes: 0, lastChange: -1, firstPaint: -1, ranges: [], times: [], stopped: false };
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) mon.longtasks.push({ start: e.startTime, dur: e.duration }); })
      .observe({ type: 'longtask', buffered: true });
  } catch (e) {}
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries())
        mon.loaf.push({ start: e.startTime, dur: e.duration, blocking: e.blockingDuration,
          scripts: (e.scripts || []).map((s) => ({ url: s.sourceURL || '', dur: s.duration, invoker: s.invoker || '' })) });
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch (e) {}
  const seen = new WeakSet();
  const tick = () => {
    if (mon.stopped) return;
    const reg = typeof CSS !== 'undefined' && CSS.highlights;
    if (reg) {
      let n = 0;
      for (const [, hl] of reg) n += hl.size;
      if (n !== mon.count) {
        const t = performance.now();
        mon.count = n;
        mon.changes += 1;
        mon.lastChange = t;
        if (mon.firstPaint < 0 && n > 0) mon.firstPaint = t;
        for (const [, hl] of reg) for (const r of hl) if (!seen.has(r)) { seen.add(r); mon.ranges.push(r); mon.times.push(t); }
      }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

export interface PageWatch {
  longtasks: { start: number; dur: number }[];
  loaf: { start: number; dur: number; blocking: number; scripts: { url: string; dur: number; invoker: string }[] }[];
  count: number;
  /** Frames in which the registered range count changed (a lower bound on painting commits). */
  changes: number;
  lastChange: number;
  firstPaint: number;
}

/**
 * Wait until the highlight count has not changed for `quietMs` (and is > 0 unless `allowZero`), then
 * stop the watcher. Polls from the outside every 200 ms (no work in the page beyond the watcher).
 */
export async function waitQuiet(page: Page, { quietMs = 1500, allowZero = false, timeoutMs = 180_000 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await page.evaluate(() => {
      const m = (window as any).__bench;
      return { count: m.count as number, since: performance.now() - (m.lastChange as number), last: m.lastChange as number };
    });
    if ((s.count > 0 || allowZero) && (s.last >= 0 || allowZero) && s.since >= quietMs) return;
    if (Date.now() > deadline) throw new Error(`page never settled: ${JSON.stringify(s)}`);
    await page.waitForTimeout(200);
  }
}

export function stopWatch(page: Page, { stop = true } = {}): Promise<PageWatch> {
  return page.evaluate((halt) => {
    const m = (window as any).__bench;
    if (halt) m.stopped = true;
    return { longtasks: [...m.longtasks], loaf: [...m.loaf], count: m.count, changes: m.changes, lastChange: m.lastChange, firstPaint: m.firstPaint };
  }, stop);
}

/** The content script's claims report for the active tab (as the popup gets it). */
export async function claimsReport(
  launched: Launched,
  page: Page,
): Promise<{ status: string; claims?: unknown[]; pending?: boolean; total?: number; shown?: number; scannedAt?: number | null } | null> {
  await page.bringToFront();
  return launched.worker.evaluate(async () => {
    const c = (globalThis as unknown as { chrome: any }).chrome;
    const [tab] = await c.tabs.query({ active: true, lastFocusedWindow: true });
    try {
      return await c.tabs.sendMessage(tab.id, { type: 'get-claims' }, { frameId: 0 });
    } catch {
      return null;
    }
  });
}

/** Pause or resume the extension on `origin`, through the popup's own message. */
export async function setPaused(launched: Launched, origin: string, paused: boolean): Promise<void> {
  const p = await launched.context.newPage();
  try {
    await p.goto(`chrome-extension://${launched.extensionId}/popup.html`);
    await p.evaluate(
      async ([o, v]) => {
        const c = (globalThis as unknown as { chrome: any }).chrome;
        await c.runtime.sendMessage({ type: 'set-paused', origin: o, paused: v });
      },
      [origin, paused] as const,
    );
  } finally {
    await p.close();
  }
}

/** JS heap in use after a forced garbage collection (the tab's whole V8 isolate: page and content scripts). */
export async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.enable');
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    const u = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    return u.usedSize;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

// ---- tracing: which main-thread time is the extension's ---------------------------------------

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; scriptName?: string; frame?: string } };
}

export interface TraceSummary {
  /** Wall time covered by the trace window, ms. */
  windowMs: number;
  /** Main-thread tasks of the page's renderer, ms in all. */
  taskMs: number;
  /** Script time in the extension's content script (chrome-extension:// URLs), ms. */
  extensionScriptMs: number;
  /** Longest main-thread task that ran extension script, ms (the whole task, rendering included). */
  longestExtensionTaskMs: number;
  /** Of that task, the extension's own script time, ms. */
  longestExtensionTaskScriptMs: number;
  /** Main-thread tasks of 50 ms or more that ran extension script. */
  extensionLongTasks: number;
  /** Longest main-thread task of any origin, ms. */
  longestTaskMs: number;
}

const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8.execute'].join(',');

/** Start a trace of the tab's renderer over CDP; the returned function stops it and summarises. */
export async function startTrace(page: Page): Promise<() => Promise<TraceSummary>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Tracing.start', { categories: TRACE_CATEGORIES, transferMode: 'ReturnAsStream' } as never);
  return async () => summariseTrace(await readTrace(cdp));
}

/** End a CDP trace started on `cdp`, read its stream and detach: the trace events. */
export async function readTrace(cdp: CDPSession): Promise<TraceEvent[]> {
  const done = new Promise<{ stream?: string }>((ok) => cdp.once('Tracing.tracingComplete', (e: { stream?: string }) => ok(e)));
  await cdp.send('Tracing.end');
  const { stream } = await done;
  const chunks: string[] = [];
  if (stream) {
    for (;;) {
      const r = (await cdp.send('IO.read', { handle: stream, size: 4 << 20 } as never)) as { data: string; eof: boolean; base64Encoded?: boolean };
      chunks.push(r.base64Encoded ? Buffer.from(r.data, 'base64').toString('utf8') : r.data);
      if (r.eof) break;
    }
    await cdp.send('IO.close', { handle: stream } as never);
  }
  await cdp.detach().catch(() => {});
  const parsed = JSON.parse(chunks.join('')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
}

const SCRIPT_EVENTS = new Set(['FunctionCall', 'EvaluateScript', 'v8.compile', 'v8.callFunction', 'v8.run', 'TimerFire', 'FireAnimationFrame', 'EventDispatch']);

function urlOf(e: TraceEvent): string {
  return e.args?.data?.url ?? e.args?.data?.scriptName ?? '';
}

/** Exported for the unit test (a hand-written trace). */
export function summariseTrace(events: TraceEvent[]): TraceSummary {
  const mains = new Set<string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') mains.add(`${e.pid}:${e.tid}`);
  // The page's renderer main thread: the one that ran the content script.
  const extEvents = events.filter((e) => e.ph === 'X' && SCRIPT_EVENTS.has(e.name) && urlOf(e).startsWith('chrome-extension://') && mains.has(`${e.pid}:${e.tid}`));
  const key = extEvents[0] ? `${extEvents[0].pid}:${extEvents[0].tid}` : [...mains][0];
  const onMain = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === key).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const tasks = onMain.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  // Top-level extension script spans (nested ones are inside an outer span already counted).
  const ext: { ts: number; end: number }[] = [];
  let lastEnd = -Infinity;
  for (const e of onMain) {
    if (!SCRIPT_EVENTS.has(e.name) || !urlOf(e).startsWith('chrome-extension://')) continue;
    const end = e.ts + (e.dur ?? 0);
    if (e.ts < lastEnd) continue;
    ext.push({ ts: e.ts, end });
    lastEnd = end;
  }
  const extensionScriptMs = ext.reduce((s, x) => s + (x.end - x.ts), 0) / 1000;
  let taskMs = 0;
  let longestTaskMs = 0;
  let longestExt = 0;
  let longestExtScript = 0;
  let extLong = 0;
  let j = 0;
  let lastTaskEnd = -Infinity;
  let first = Infinity;
  let last = -Infinity;
  for (const t of tasks) {
    const end = t.ts + (t.dur ?? 0);
    first = Math.min(first, t.ts);
    last = Math.max(last, end);
    if (t.ts < lastTaskEnd) continue; // nested task event
    lastTaskEnd = end;
    const d = (t.dur ?? 0) / 1000;
    taskMs += d;
    longestTaskMs = Math.max(longestTaskMs, d);
    while (j < ext.length && ext[j]!.end <= t.ts) j++;
    let script = 0;
    for (let k = j; k < ext.length && ext[k]!.ts < end; k++) script += Math.min(end, ext[k]!.end) - Math.max(t.ts, ext[k]!.ts);
    if (script > 0) {
      if (d >= 50) extLong += 1;
      if (d > longestExt) {
        longestExt = d;
        longestExtScript = script / 1000;
      }
    }
  }
  return {
    windowMs: Number.isFinite(first) ? (last - first) / 1000 : 0,
    taskMs,
    extensionScriptMs,
    longestExtensionTaskMs: longestExt,
    longestExtensionTaskScriptMs: longestExtScript,
    extensionLongTasks: extLong,
    longestTaskMs,
  };
}
