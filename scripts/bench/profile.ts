/**
 * Where the content script's time goes on a generated page: a CDP CPU profile of the tab's renderer
 * (the page's main world and the extension's isolated world share one V8 isolate, so one profile
 * covers both) taken from navigation until every claim is painted, beside a trace of the same run
 * for task boundaries.
 *
 *   npx tsx scripts/bench/profile.ts [--size 1MB|100KB|5MB|<KB>] [--runs N] [--top N] [--interval µs]
 *                                     [--minified] [--json FILE]
 *
 * The extension is built unminified (function names readable) into its own folder
 * ($CLAIM_LENS_PROFILE_OUT, default a temporary folder) unless --minified, which profiles the
 * normal build (.output/). Prints, for chrome-extension:// code:
 *  - top functions by self time and by total time (a function counted once per sample however
 *    often it is on the stack);
 *  - the longest main-thread tasks that ran extension code (from the trace) with, for each, its
 *    top self-time functions and its heaviest extension stack.
 * Not a benchmark: profiling slows the page; use the figures to rank costs, not to time them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CDPSession, Page } from 'playwright-core';
import { ROOT, serveDir, type StaticServer } from '../e2e-utils';
import { MONITOR_SCRIPT, ensureBuilt, launchWithExtension, readTrace, stopWatch, waitQuiet, type Launched, type TraceEvent } from './chromium';
import { benchPageHtml } from './pages';
import { fmt, printTable } from './stats';

// ---- the profile model -------------------------------------------------------------------------

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
  scriptId?: string;
}
export interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}
export interface Task {
  /** Microseconds, same clock as the profile. */
  ts: number;
  dur: number;
}

export interface FunctionCost {
  name: string;
  selfMs: number;
  totalMs: number;
}

export interface TaskCost {
  startMs: number;
  durMs: number;
  extensionMs: number;
  top: FunctionCost[];
  /** The extension stack seen most often in the task (outermost first). */
  heaviestStack: string[];
}

export interface ProfileSummary {
  sampledMs: number;
  extensionMs: number;
  functions: FunctionCost[];
  tasks: TaskCost[];
}

const EXT = 'chrome-extension://';

function frameLabel(f: CallFrame): string {
  const name = f.functionName || '(anonymous)';
  if (!f.url) return name;
  const file = f.url.startsWith(EXT) ? f.url.slice(f.url.indexOf('/', EXT.length) + 1) : f.url.replace(/^.*\//, '');
  return `${name} ${file}:${f.lineNumber + 1}`;
}

/** Sample i lasts until sample i + 1 (the last one gets the previous interval). Microseconds. */
function sampleTimes(p: CpuProfile): { at: number[]; dur: number[] } {
  const samples = p.samples ?? [];
  const deltas = p.timeDeltas ?? [];
  const at: number[] = [];
  let t = p.startTime;
  for (let i = 0; i < samples.length; i++) {
    t += deltas[i] ?? 0;
    at.push(t);
  }
  const dur = at.map((x, i) => (i + 1 < at.length ? at[i + 1]! - x : i > 0 ? x - at[i - 1]! : 0));
  return { at, dur };
}

/**
 * Self and total time of extension code, overall and per task. Pure (exported for the unit test):
 * `tasks` are main-thread tasks of the same renderer on the profile's clock (may be empty).
 */
export function summariseProfile(p: CpuProfile, tasks: Task[] = [], top = 25): ProfileSummary {
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of p.nodes ?? []) byId.set(n.id, n);
  for (const n of p.nodes ?? []) for (const c of n.children ?? []) parent.set(c, n.id);
  /** Stack of a node, outermost first, and whether it runs extension code. */
  const stackCache = new Map<number, { labels: string[]; ext: boolean }>();
  const stackOf = (id: number): { labels: string[]; ext: boolean } => {
    const hit = stackCache.get(id);
    if (hit) return hit;
    const labels: string[] = [];
    let ext = false;
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)?.callFrame;
      if (!f || f.functionName === '(root)') continue;
      if (f.url.startsWith(EXT)) ext = true;
      labels.push(frameLabel(f));
    }
    labels.reverse();
    const out = { labels, ext };
    stackCache.set(id, out);
    return out;
  };
  const { at, dur } = sampleTimes(p);
  const samples = p.samples ?? [];

  const aggregate = (from: number, to: number): { fns: FunctionCost[]; ext: number; heaviest: string[] } => {
    const self = new Map<string, number>();
    const total = new Map<string, number>();
    const stacks = new Map<string, number>();
    let ext = 0;
    for (let i = from; i < to; i++) {
      const s = stackOf(samples[i]!);
      if (!s.ext) continue;
      const d = dur[i]!;
      ext += d;
      const leaf = s.labels[s.labels.length - 1] ?? '(root)';
      self.set(leaf, (self.get(leaf) ?? 0) + d);
      for (const l of new Set(s.labels)) total.set(l, (total.get(l) ?? 0) + d);
      // the extension part of the stack: from its first extension frame down
      const first = s.labels.findIndex(isExtLabel);
      const key = s.labels.slice(Math.max(0, first)).join('\n');
      stacks.set(key, (stacks.get(key) ?? 0) + d);
    }
    const names = new Set([...self.keys(), ...total.keys()]);
    const fns = [...names]
      .map((name) => ({ name, selfMs: (self.get(name) ?? 0) / 1000, totalMs: (total.get(name) ?? 0) / 1000 }))
      .sort((a, b) => b.selfMs - a.selfMs || b.totalMs - a.totalMs);
    let heaviest: string[] = [];
    let best = -1;
    for (const [k, v] of stacks) if (v > best) ((best = v), (heaviest = k.split('\n')));
    return { fns, ext: ext / 1000, heaviest };
  };

  const all = aggregate(0, samples.length);
  const taskCosts: TaskCost[] = [];
  // Tasks with extension samples, longest first.
  const sortedTasks = [...tasks].sort((a, b) => a.ts - b.ts);
  let i = 0;
  for (const t of sortedTasks) {
    while (i < at.length && at[i]! < t.ts) i++;
    let j = i;
    while (j < at.length && at[j]! < t.ts + t.dur) j++;
    const a = aggregate(i, j);
    if (a.ext > 0) {
      taskCosts.push({
        startMs: (t.ts - p.startTime) / 1000,
        durMs: t.dur / 1000,
        extensionMs: a.ext,
        top: a.fns.slice(0, 8),
        heaviestStack: a.heaviest,
      });
    }
  }
  taskCosts.sort((a, b) => b.durMs - a.durMs);
  return {
    sampledMs: (at.length ? at[at.length - 1]! - at[0]! : 0) / 1000,
    extensionMs: all.ext,
    functions: all.fns.slice(0, top),
    tasks: taskCosts,
  };
}

function isExtLabel(label: string): boolean {
  // labels of extension frames carry the script path inside the extension (e.g. content-scripts/content.js:12)
  return /\s(?:content-scripts|chunks|assets)\/[^\s]*:\d+$/.test(label);
}

// ---- the run -------------------------------------------------------------------------------------

const TRACE_CATEGORIES = ['devtools.timeline', 'toplevel', 'disabled-by-default-devtools.timeline'].join(',');


/**
 * Self time by trace event name on one thread (an event's duration minus its children's), from
 * `fromTs` on, in ms, largest first. Shows what the main thread did besides script (style, layout,
 * paint, the highlight markers' rebuild inside "UpdateLayoutTree"/"PrePaint"...).
 */
export function selfTimeByName(events: TraceEvent[], thread: string, fromTs = -Infinity): { name: string; ms: number }[] {
  const list = events
    .filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === thread && e.ts >= fromTs)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self = new Map<string, number>();
  const stack: { end: number; name: string }[] = [];
  for (const e of list) {
    const end = e.ts + (e.dur ?? 0);
    while (stack.length && stack[stack.length - 1]!.end <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - (e.dur ?? 0));
    self.set(e.name, (self.get(e.name) ?? 0) + (e.dur ?? 0));
    stack.push({ end, name: e.name });
  }
  return [...self].map(([name, us]) => ({ name, ms: us / 1000 })).sort((a, b) => b.ms - a.ms);
}

/** Top-level RunTask events of every renderer main thread. */
function mainThreadTasks(events: TraceEvent[]): Map<string, Task[]> {
  const mains = new Set<string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') mains.add(`${e.pid}:${e.tid}`);
  const out = new Map<string, Task[]>();
  const sorted = events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && mains.has(`${e.pid}:${e.tid}`)).sort((a, b) => a.ts - b.ts);
  const lastEnd = new Map<string, number>();
  for (const e of sorted) {
    const k = `${e.pid}:${e.tid}`;
    if (e.ts < (lastEnd.get(k) ?? -Infinity)) continue;
    lastEnd.set(k, e.ts + (e.dur ?? 0));
    if (!out.has(k)) out.set(k, []);
    out.get(k)!.push({ ts: e.ts, dur: e.dur ?? 0 });
  }
  return out;
}

export interface ProfileArgs {
  chars: number;
  label: string;
  runs: number;
  top: number;
  interval: number;
  minified: boolean;
  json?: string;
}

/** A page size for the bench tools: '100KB', '1MB', '5MB' or a number of KB; null when unreadable. */
export function parseSize(v: string): { chars: number; label: string } | null {
  const m = /^(\d+(?:\.\d+)?)\s*(KB|MB)?$/i.exec(v);
  if (!m) return null;
  return { chars: Math.round(Number(m[1]) * 1024 * ((m[2] ?? 'KB').toUpperCase() === 'MB' ? 1024 : 1)), label: v };
}

export function parseProfileArgs(argv: string[]): ProfileArgs | { error: string } {
  const a: ProfileArgs = { chars: 1024 * 1024, label: '1MB', runs: 1, top: 25, interval: 100, minified: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[i + 1];
    if (k === '--minified') a.minified = true;
    else if (k === '--size' && v) {
      i++;
      const size = parseSize(v);
      if (!size) return { error: `--size takes 100KB, 1MB, 5MB or a number of KB` };
      a.chars = size.chars;
      a.label = size.label;
    } else if (k === '--runs' && v) ((a.runs = Math.max(1, Number(v) | 0)), i++);
    else if (k === '--top' && v) ((a.top = Math.max(1, Number(v) | 0)), i++);
    else if (k === '--interval' && v) ((a.interval = Math.max(50, Number(v) | 0)), i++);
    else if (k === '--json' && v) ((a.json = v), i++);
    else return { error: `unknown argument ${k}` };
  }
  return a;
}

async function buildUnminified(outDir: string): Promise<string> {
  process.env.CLAIM_LENS_OUT_DIR = outDir;
  process.env.VITE_CLAIM_LENS_E2E = '1';
  const wxt = await import('wxt');
  await wxt.build({ root: ROOT, vite: () => ({ build: { minify: false } }) });
  return join(outDir, 'chrome-mv3');
}

async function profileOnce(
  L: Launched,
  url: string,
  interval: number,
): Promise<{
  profile: CpuProfile;
  tasks: Task[];
  painted: number;
  mainThread: { name: string; ms: number }[];
  inTask: (startMs: number, durMs: number) => { name: string; ms: number }[];
}> {
  const page: Page = await L.context.newPage();
  try {
    await page.addInitScript(MONITOR_SCRIPT);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval });
    await cdp.send('Tracing.start', { categories: TRACE_CATEGORIES, transferMode: 'ReturnAsStream' } as never);
    await cdp.send('Profiler.start');
    await page.goto(url, { waitUntil: 'load', timeout: 180_000 });
    await waitQuiet(page, { quietMs: 1500 });
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
    const events = await readTrace(cdp); // also detaches the session
    const w = await stopWatch(page);
    // The renderer whose tasks hold the profile's extension samples.
    const byThread = mainThreadTasks(events);
    let tasks: Task[] = [];
    let thread = '';
    let best = -1;
    const s = summariseProfile(profile, [], 1);
    for (const [key, list] of byThread) {
      const covered = summariseProfile(profile, list, 1).tasks.reduce((x, t) => x + t.extensionMs, 0);
      if (covered > best) ((best = covered), (tasks = list), (thread = key));
    }
    if (best < s.extensionMs * 0.5) console.error(`  (trace tasks cover only ${fmt(best, 0)} of ${fmt(s.extensionMs, 0)} ms of extension samples: clocks may differ)`);
    // From the first task that ran extension code (the content script starts at document_idle).
    const firstExt = summariseProfile(profile, tasks, 1).tasks.reduce((m, t) => Math.min(m, t.startMs), Infinity);
    const fromTs = Number.isFinite(firstExt) ? profile.startTime + firstExt * 1000 : -Infinity;
    // Per long task: what the main thread did inside it (script compile, style, layout, paint...).
    const inTask = (startMs: number, durMs: number) => {
      const from = profile.startTime + startMs * 1000;
      const within = events.filter((e) => e.ts >= from && e.ts + (e.dur ?? 0) <= from + durMs * 1000 + 1);
      return thread ? selfTimeByName(within, thread) : [];
    };
    return { profile, tasks, painted: w.count, mainThread: thread ? selfTimeByName(events, thread, fromTs) : [], inTask };
  } finally {
    await page.close().catch(() => {});
  }
}

function printSummary(s: ProfileSummary, top: number, inTask?: (startMs: number, durMs: number) => { name: string; ms: number }[]): void {
  console.log(`\nextension code: ${fmt(s.extensionMs, 0)} ms of samples in ${fmt(s.sampledMs, 0)} ms profiled`);
  printTable([['function (chrome-extension:// stacks)', 'self ms', 'total ms'], ...s.functions.slice(0, top).map((f) => [f.name, fmt(f.selfMs, 1), fmt(f.totalMs, 1)])]);
  const byTotal = [...s.functions].sort((a, b) => b.totalMs - a.totalMs);
  console.log('\nby total time');
  printTable([['function', 'total ms', 'self ms'], ...byTotal.slice(0, top).map((f) => [f.name, fmt(f.totalMs, 1), fmt(f.selfMs, 1)])]);
  const long = s.tasks.slice(0, 6);
  console.log(`\ntasks with extension code: ${s.tasks.length}; ≥ 50 ms: ${s.tasks.filter((t) => t.durMs >= 50).length}; longest:`);
  for (const t of long) {
    console.log(`\n  task at ${fmt(t.startMs, 0)} ms: ${fmt(t.durMs, 1)} ms, extension samples ${fmt(t.extensionMs, 1)} ms`);
    for (const f of t.top.slice(0, 6)) console.log(`    ${fmt(f.selfMs, 1).padStart(7)} self ${fmt(f.totalMs, 1).padStart(7)} total  ${f.name}`);
    console.log(`    heaviest stack:\n      ${t.heaviestStack.slice(-14).join('\n      ')}`);
    if (inTask) console.log(`    trace events (self ms): ${inTask(t.startMs, t.durMs).slice(0, 8).map((e) => `${e.name} ${fmt(e.ms, 1)}`).join(', ')}`);
  }
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  const args = parseProfileArgs(argv);
  if ('error' in args) {
    console.error(`profile: ${args.error}`);
    process.exit(2);
  }
  const tmp = mkdtempSync(join(tmpdir(), 'claim-lens-profile-'));
  const outDir = process.env.CLAIM_LENS_PROFILE_OUT ? resolve(process.env.CLAIM_LENS_PROFILE_OUT) : join(tmp, 'build');
  let server: StaticServer | null = null;
  let L: Launched | null = null;
  try {
    const extDir = args.minified ? ensureBuilt().dir : await buildUnminified(outDir);
    const g = benchPageHtml(args.chars, { title: `Profile ${args.label}` });
    writeFileSync(join(tmp, 'page.html'), g.html);
    console.log(`page: ${fmt(g.textChars / 1024, 0)} KB of text, ${g.elements} elements; extension ${extDir}`);
    server = await serveDir(tmp);
    L = await launchWithExtension({ extensionDir: extDir });
    const results: ProfileSummary[] = [];
    for (let r = 0; r < args.runs; r++) {
      const { profile, tasks, painted, mainThread, inTask } = await profileOnce(L, server.url('/page.html'), args.interval);
      const s = summariseProfile(profile, tasks, Math.max(args.top, 60));
      console.log(`\n# run ${r + 1}: ${painted} ranges painted`);
      printSummary(s, args.top, inTask);
      console.log('\nmain thread from the first extension task to the end, self time by trace event');
      printTable([['event', 'self ms'], ...mainThread.slice(0, 15).map((e) => [e.name, fmt(e.ms, 1)])]);
      results.push(s);
    }
    if (args.json) writeFileSync(args.json, JSON.stringify(results, null, 2) + '\n');
  } finally {
    await L?.close().catch(() => {});
    await server?.close().catch(() => {});
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
