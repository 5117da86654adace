/**
 * npm run bench [-- --only engine,page,busy,reanchor,storage] [--json FILE] [--quick]
 * Prints every figure as a median with min and max; comparisons are ratios measured in the same run
 * on the same input. Absolute times on a shared machine are indications only.
 *
 * Sections: 1 engine (Node) · 2 page scan in Chromium with the built extension beside mark.js,
 * plus 6 memory and the paused-site check · 3 busy page · 4 re-anchoring · 5 storage.
 * --quick: tiny inputs and one run each, to prove the harness works (CI), not to measure.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runBusyBench, type BusyBench } from './bench/busy';
import { runEngineBench } from './bench/engine';
import { DEFAULT_SIZES, KEYWORD_BATCH, runPageBench, type PageBench } from './bench/page';
import { runReanchorBench, type ReanchorBench } from './bench/reanchor';
import { fmt, fmtFigure, printTable, type Figure } from './bench/stats';
import { runStorageBench, type StorageBench } from './bench/storage';

export const SECTIONS = ['engine', 'page', 'busy', 'reanchor', 'storage'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchArgs {
  json?: string;
  only: Section[];
  quick: boolean;
}

export function parseArgs(argv: string[]): BenchArgs | { error: string } {
  let json: string | undefined;
  let only: Section[] = [...SECTIONS];
  let quick = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') {
      json = argv[++i];
      if (!json) return { error: '--json needs a file name' };
    } else if (a === '--quick') quick = true;
    else if (a === '--only') {
      const wanted = (argv[++i] ?? '').split(',').filter(Boolean);
      const bad = wanted.filter((s) => !(SECTIONS as readonly string[]).includes(s));
      if (bad.length || wanted.length === 0) return { error: `--only takes some of ${SECTIONS.join(',')}` };
      only = wanted as Section[];
    } else return { error: `unknown argument ${a}` };
  }
  return { json, only, quick };
}

const ms = (f: Figure) => fmtFigure(f, 0, ' ms');
const yes = (b: boolean) => (b ? 'yes' : 'NO');

function printPage(p: PageBench): void {
  console.log(`\n## 2. Page scan, headless Chromium, built extension (${p.built ? `built now in ${fmt(p.buildMs / 1000, 1)} s` : 'build up to date'}); mark.js 8.11 on the same page, same run`);
  console.log(`   ours: navigation → all claims painted (and from the load event, when the content script starts). mark.js, call → done, on the same ${p.phrases} trigger phrases:`);
  console.log(`   "keywords" = mark(array) of all of them (how keyword highlighters call it; in calls of ${KEYWORD_BATCH}, one call overflows its stack; once per size);`);
  console.log('   "one regex" = markRegExp of a single alternation of them (fastest possible use, but blind to accents and apostrophe variants)');
  const rows: string[][] = [['page', 'text, elements, claims', 'ours after load', 'ours from navigation', 'first viewport done', 'viewport first', 'mark.js keywords', 'keywords ÷ ours (target ≥ 20 on 1MB)', 'mark.js one regex', 'one regex ÷ ours']];
  for (const s of p.sizes) {
    rows.push([
      s.label,
      `${fmt(s.textChars / 1024, 0)} KB, ${s.elements}, ${s.claims}${s.paintedRanges !== s.claims ? ` (${s.paintedRanges} painted near the viewport)` : ''}`,
      ms(s.scanMs),
      ms(s.navToPaintedMs),
      ms(s.viewportDoneMs),
      `${yes(s.viewportFirst)} (${s.viewportClaims} on screen)`,
      s.markjsKeywordsMs !== null ? `${fmt(s.markjsKeywordsMs, 0)} ms (n=1, ${s.markjsKeywordsMatches} marks)` : 'not run',
      s.vsMarkjs !== null ? fmt(s.vsMarkjs, 1) : 'n/a',
      s.markjsRegExpMs ? ms(s.markjsRegExpMs) : 'n/a',
      s.vsMarkjsRegExpFigure ? fmtFigure(s.vsMarkjsRegExpFigure, 2) : 'n/a',
    ]);
  }
  printTable(rows);
  console.log('\n   Long tasks (target: none over 50 ms caused by the extension)');
  const lt: string[][] = [['page', "longest 'longtask' navigation → done", 'same page, no extension', "after the load event", 'longest task running extension code (traced runs)', 'its extension script', 'tasks ≥ 50 ms with extension code', 'extension script / main-thread tasks', 'painting commits (frames where the painted count changed)']];
  for (const s of p.sizes) {
    lt.push([
      s.label,
      fmtFigure(s.longestTaskMsFigure, 0, ' ms'),
      ms(s.baselineLongestTaskMs),
      ms(s.longestTaskAfterLoadMs),
      s.longestExtensionTaskFigure ? fmtFigure(s.longestExtensionTaskFigure, 0, ' ms') : 'n/a',
      s.trace ? `${fmt(s.trace.longestExtensionTaskScriptMs, 0)} ms` : 'n/a',
      s.extensionLongTasksMax !== null ? `${s.extensionLongTasksMax} (most in one run)` : 'n/a',
      s.trace ? `${fmt(s.trace.extensionScriptMs, 0)} / ${fmt(s.trace.taskMs, 0)} ms` : 'n/a',
      fmtFigure(s.commits, 0, ''),
    ]);
  }
  printTable(lt);
  if (p.memory) {
    console.log(`\n## 6. Memory: JS heap after GC of a tab on the ${p.memory.page} page, with − without the extension: ${fmtFigure(p.memory.extraHeapMBFigure, 1, ' MB')} (last: ${fmt(p.memory.withMB, 1)} vs ${fmt(p.memory.withoutMB, 1)} MB)`);
  }
  if (p.paused) {
    console.log(`   Paused site: ${p.paused.ranges} ranges painted, content script answers "${p.paused.claimsReport}", extension script ${fmt(p.paused.extensionScriptMs, 0)} ms in 2 s (loading the script and asking the background; no scan)`);
  }
}

function printBusy(b: BusyBench): void {
  console.log(`\n## 3. Busy page: ${b.cells} lines, a page script rewrites text nodes for ${b.rates[0]?.seconds ?? 0} s (extension in Chromium, CDP trace)`);
  const rows: string[][] = [['changes', 'nodes changed', 'extension script', 'share of main-thread tasks', 'share of wall time', 'ms per change', "longest 'longtask'", 'longest task with extension code', 'chars to detect() per change (page text)']];
  for (const r of b.rates) {
    rows.push([
      `${r.perSecond}/s`,
      String(r.changed),
      `${fmt(r.extensionScriptMs, 0)} ms`,
      `${fmt(r.extensionShareOfMainThread * 100, 1)} %`,
      `${fmt(r.extensionShareOfWall * 100, 1)} %`,
      fmt(r.extensionMsPerChange, 3),
      `${fmt(r.longestTaskMs, 0)} ms`,
      `${fmt(r.longestExtensionTaskMs, 0)} ms`,
      `${fmt(r.detectCharsPerChange, 0)} (${fmt(r.pageTextChars / 1024, 0)} KB)`,
    ]);
  }
  printTable(rows);
  console.log(`   extension time at the high rate ÷ low rate: ${fmt(b.costRatio1000vs100, 2)} (rate ratio ${fmt(Math.max(...b.rates.map((r) => r.perSecond)) / Math.min(...b.rates.map((r) => r.perSecond)), 0)})`);
  console.log(`   burst of ${b.burst.small.nodes} nodes in one task: ${b.burst.small.fullScans} full rescan, ${b.burst.small.detectChars} chars detected; burst of ${b.burst.huge.nodes}: ${b.burst.huge.fullScans} deferred full rescan (${yes(b.burst.huge.deferred)}), ${b.burst.huge.detectChars} chars`);
}

function printReanchor(r: ReanchorBench): void {
  const l = r.last;
  console.log(`\n## 4. Re-anchoring in Chromium (dom/anchor.ts over a dom/extract.ts snapshot, bundled into the page): ${l.items} highlights on ${fmt(l.textChars / 1048576, 2)} MB, positions shifted, ${l.editedContext} with edited context, ${l.gone} deleted`);
  printTable([
    ['what', 'median (min, max, runs)'],
    ['anchor all (target < 200 ms)', ms(r.anchorMs)],
    ['longest step between yields (target ≤ 50 ms)', ms(r.longestSliceMs)],
    ['page text extraction (once, before)', ms(r.extractMs)],
    ["longest 'longtask' while anchoring", `${fmt(r.longestTaskMs, 0)} ms`],
  ]);
  console.log(`   last run: ${l.anchored} anchored (${Object.entries(l.byMethod).map(([k, v]) => `${k} ${v}`).join(', ')}), ${l.orphans} orphans, ${l.wrongText} anchored to other text than their quote; ${l.slices} slices, ${l.steps} steps`);
}

function printStorage(s: StorageBench): void {
  console.log(`\n## 5. Storage: ${s.rows} highlights over ${s.pages} pages in Chromium's IndexedDB (storage/ bundled into a 127.0.0.1 page; seeded in ${fmt(s.seedMs / 1000, 1)} s)`);
  printTable([
    ['what', 'median (min, max, runs)'],
    [`notes on this page, highlightsForUrl (${s.pageRows} rows; target < 50 ms)`, fmtFigure(s.pageQueryFigure, 1, ' ms')],
    [`full Markdown export (target < 3 s; ${fmt(s.exportMB, 1)} MB)`, ms(s.exportFigure)],
    ['  of which allHighlights read', ms(s.readAllMs)],
    ['  of which exportHighlights formatting', ms(s.formatMarkdownMs)],
    ['  (same rows read with one table getAll)', ms(s.readAllGetAllMs)],
  ]);
}

export async function runBench(args: BenchArgs, log: (s: string) => void = () => {}): Promise<Record<string, unknown>> {
  const { only, quick } = args;
  const out: Record<string, unknown> = { quick, node: process.version, when: new Date().toISOString() };
  if (only.includes('engine')) {
    const e = runEngineBench(quick ? { chars: 256 * 1024, runs: 3 } : {});
    console.log(`\n## 1. Engine (Node ${process.version}): ${fmt(e.inputMB, 2)} MB of mixed French/English page text, ${e.claims} claims`);
    printTable([
      ['what', 'MB/s median (min, max, runs)'],
      ['engine detect()', fmtFigure(e.engineMBs, 1)],
      ['one combined regex pass', fmtFigure(e.regexMBs, 1)],
      ['ratio engine/regex (target >= 0.30)', fmtFigure(e.ratio, 2)],
    ]);
    console.log(`(rule packs compiled in ${fmt(e.compileMs, 1)} ms)`);
    out.engine = { ...e, ratio: e.ratio.median, ratioFigure: e.ratio };
  }
  if (only.includes('page')) {
    const p = await runPageBench(
      quick
        ? { sizes: [{ label: '100KB', chars: 24 * 1024 }, { label: '1MB', chars: 48 * 1024 }, { label: '5MB', chars: 64 * 1024 }], runs: 1, log }
        : { sizes: DEFAULT_SIZES, runs: 3, log },
    );
    printPage(p);
    const page: Record<string, unknown> = {};
    for (const s of p.sizes) page[s.label] = s;
    out.page = page;
    out.memory = p.memory ?? { extraHeapMB: null };
    out.paused = p.paused;
  }
  if (only.includes('busy')) {
    const b = await runBusyBench(quick ? { cells: 300, seconds: 1, rates: [100, 1000] } : {});
    printBusy(b);
    out.busy = b;
  }
  if (only.includes('reanchor')) {
    const r = await runReanchorBench(quick ? { chars: 64 * 1024, count: 50, runs: 1 } : {});
    printReanchor(r);
    out.reanchor = r;
    out.reanchor1000Ms = r.anchorMs.median;
  }
  if (only.includes('storage')) {
    const s = await runStorageBench(quick ? { rows: 2_000, pages: 40, runs: 1, queries: 5 } : {});
    printStorage(s);
    out.storage = s;
  }
  return out;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if ('error' in args) {
    console.error(`bench: ${args.error}`);
    process.exit(2);
  }
  const out = await runBench(args, (s) => console.error(s));
  if (args.json) {
    writeFileSync(args.json, JSON.stringify(out, null, 2) + '\n');
    console.log(`\nfigures written to ${args.json}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
