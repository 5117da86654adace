/**
 * What one change to `CSS.highlights` costs the browser's rendering on a generated bench page, with
 * our shipped highlight CSS (entrypoints/content/page-css.ts) and with the same rules plus the
 * underline they used to have — the measurement behind painting claims without an underline
 * (dom/paint.ts, highlightCss). No extension: the rules go into the page's own stylesheet, the page
 * settles, then each change is made from the page and the next two frames are traced (PrePaint and
 * Paint self time from a Chromium trace; a frame cannot time its own pre-paint from script).
 *
 *   npx tsx scripts/bench/highlight-cost.ts [--size 100KB|1MB|5MB|<n>]   (default 5MB; <n> in KB)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serveDir } from '../e2e-utils';
import { pageCss } from '../../entrypoints/content/page-css';
import { launchPlain, readTrace, type TraceEvent } from './chromium';
import { benchPageHtml } from './pages';
import { parseSize } from './profile';
import { fmt, printTable } from './stats';

/** Total duration (ms) of the complete ('X') events named `name`. */
export function totalMs(events: readonly TraceEvent[], name: string): number {
  let us = 0;
  for (const e of events) if (e.ph === 'X' && e.name === name) us += e.dur ?? 0;
  return us / 1000;
}

/** The claim rules as they were before the wash-only change: the same, plus a 2px solid underline. */
export function withUnderline(css: string): string {
  return css.replace(/::highlight\((claim-lens-(?!note-)[a-z_-]+)\) \{ background-color: rgba\((\d+), (\d+), (\d+), ([\d.]+)\); \}/g, (_m, name, r, g, b, a) =>
    `::highlight(${name}) { background-color: rgba(${r}, ${g}, ${b}, ${a}); text-decoration-line: underline; text-decoration-style: solid; text-decoration-color: rgb(${r}, ${g}, ${b}); text-decoration-thickness: 2px; }`,
  );
}

/** Each step runs in the page (globals: T = text nodes, R(i) = a 5-unit range in T[i]). */
const STEPS: [string, string][] = [
  ['2 ranges registered', `CSS.highlights.set('claim-lens-urgency', new Highlight(R(0), R(T.length - 1)))`],
  ['2 ranges removed', `CSS.highlights.delete('claim-lens-urgency')`],
  ['2,000 ranges registered', `CSS.highlights.set('claim-lens-urgency', new Highlight(...Array.from({ length: 2000 }, (_, i) => R(Math.floor((i * T.length) / 2000)))))`],
  ['+1 range beside those', `CSS.highlights.set('claim-lens-fear', new Highlight(R(9)))`],
  ['no change', ''],
];

async function measure(chars: number): Promise<{ step: string; rules: string; prePaint: number; paint: number }[]> {
  const dir = mkdtempSync(join(tmpdir(), 'claim-lens-hl-cost-'));
  const server = await serveDir(dir);
  const B = await launchPlain();
  const out: { step: string; rules: string; prePaint: number; paint: number }[] = [];
  try {
    const page0 = benchPageHtml(chars).html;
    for (const [rules, css] of [['shipped (wash)', pageCss()], ['with underline', withUnderline(pageCss())]] as const) {
      writeFileSync(join(dir, 'p.html'), page0.replace('</head>', `<style>${css}</style></head>`));
      const page = await B.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(server.url('/p.html'), { waitUntil: 'load', timeout: 120_000 });
      await page.waitForTimeout(4000); // let a large page finish its own first paints
      await page.evaluate(`(() => {
        const T = [];
        const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = w.nextNode(); n; n = w.nextNode()) if (n.data.trim().length > 10) T.push(n);
        window.T = T;
        window.R = (i) => { const r = new Range(); r.setStart(T[i], 0); r.setEnd(T[i], 5); return r; };
      })()`);
      for (const [step, code] of STEPS) {
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReturnAsStream' } as never);
        await page.evaluate(`(async () => { ${code}; for (let i = 0; i < 2; i++) await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))); })()`);
        const events = await readTrace(cdp);
        out.push({ step, rules, prePaint: totalMs(events, 'PrePaint'), paint: totalMs(events, 'Paint') });
      }
      await page.close();
    }
  } finally {
    await B.close().catch(() => {});
    await server.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  const i = argv.indexOf('--size');
  const size = parseSize(i >= 0 ? (argv[i + 1] ?? '') : '5MB');
  if (!size) throw new Error('--size takes 100KB, 1MB, 5MB or a number of KB');
  const { chars, label } = size;
  const rows = await measure(chars);
  console.log(`One change to CSS.highlights on the ${label} bench page, no extension: rendering in the next two frames (Chromium trace)`);
  printTable([['change', 'rules', 'PrePaint ms', 'Paint ms'], ...rows.map((r) => [r.step, r.rules, fmt(r.prePaint, 1), fmt(r.paint, 1)])]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
