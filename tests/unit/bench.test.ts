/**
 * The bench harness (scripts/bench.ts and scripts/bench/) on tiny inputs: every section's pure parts
 * produce numbers, the JSON keys other tools read exist, and the pieces that feed the figures
 * (argument parsing, trace attribution, generated pages) do what the figures assume. No timing is
 * ever asserted; the Chromium sections are exercised by tests/e2e/bench.e2e.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { parseArgs, runBench, SECTIONS } from '../../scripts/bench';
import { summariseTrace } from '../../scripts/bench/chromium';
import { combinedPattern } from '../../scripts/bench/page';
import { benchPageHtml, busyPageHtml, escapeHtml } from '../../scripts/bench/pages';
import { summarise } from '../../scripts/bench/stats';

describe('bench arguments', () => {
  const cases: [string[], unknown][] = [
    [[], { json: undefined, only: [...SECTIONS], quick: false }],
    [['--quick'], { json: undefined, only: [...SECTIONS], quick: true }],
    [['--json', 'out.json', '--only', 'engine,storage'], { json: 'out.json', only: ['engine', 'storage'], quick: false }],
    [['--only', 'page'], { json: undefined, only: ['page'], quick: false }],
    [['--only', 'nope'], { error: expect.stringContaining('--only') }],
    [['--only'], { error: expect.stringContaining('--only') }],
    [['--json'], { error: expect.stringContaining('--json') }],
    [['--fast'], { error: expect.stringContaining('unknown argument --fast') }],
  ];
  it.each(cases)('%j', (argv, want) => {
    expect(parseArgs(argv)).toEqual(want);
  });
});

describe('stats', () => {
  it.each([
    [[3, 1, 2], 2, 1, 3],
    [[4, 1, 3, 2], 2.5, 1, 4],
    [[7], 7, 7, 7],
  ])('summarise(%j) → median %d', (xs, median, min, max) => {
    expect(summarise(xs)).toEqual({ median, min, max, runs: xs.length });
  });
  it('no samples → NaN, 0 runs', () => {
    expect(summarise([]).runs).toBe(0);
    expect(summarise([]).median).toBeNaN();
  });
});

describe('trace attribution (summariseTrace)', () => {
  const meta = (pid: number, tid: number, name: string) => ({ name: 'thread_name', ph: 'M', ts: 0, pid, tid, args: { name } });
  const task = (ts: number, durMs: number, pid = 1, tid = 10) => ({ name: 'RunTask', ph: 'X', ts, dur: durMs * 1000, pid, tid });
  const call = (ts: number, durMs: number, url: string, pid = 1, tid = 10) => ({ name: 'FunctionCall', ph: 'X', ts, dur: durMs * 1000, pid, tid, args: { data: { url } } });
  const EXT = 'chrome-extension://abc/content-scripts/content.js';
  it('attributes a task to the extension only when it ran extension code, on the page renderer main thread', () => {
    const events = [
      meta(1, 10, 'CrRendererMain'),
      meta(2, 20, 'CrRendererMain'),
      task(0, 80), // page only: longest task, not the extension's
      call(1000, 70_000 / 1000, 'http://127.0.0.1/page.js'),
      task(100_000, 60), // ran 5 ms of extension code (+ 55 ms of rendering)
      call(101_000, 5, EXT),
      call(102_000, 1, EXT), // nested in the previous span: not counted twice
      task(200_000, 10),
      call(201_000, 8, EXT),
      task(300_000, 90, 2, 20), // another renderer (another tab): ignored
      call(301_000, 90, EXT, 2, 20),
    ];
    // The page renderer is the first one whose main thread ran extension code.
    const s = summariseTrace(events as never);
    expect(s.longestTaskMs).toBe(80);
    expect(s.longestExtensionTaskMs).toBe(60);
    expect(s.longestExtensionTaskScriptMs).toBe(5);
    expect(s.extensionLongTasks).toBe(1);
    expect(s.extensionScriptMs).toBe(13);
    expect(s.taskMs).toBe(150);
  });
  it('an empty trace gives zeros', () => {
    expect(summariseTrace([])).toMatchObject({ taskMs: 0, extensionScriptMs: 0, longestExtensionTaskMs: 0, extensionLongTasks: 0 });
  });
});

describe('generated pages', () => {
  it('escapes page text (never markup from the corpora)', () => {
    expect(escapeHtml(`<script>"x" & 'y'</script>`)).toBe('&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;');
  });

  it.each([20_000, 120_000])('a page of about %i characters has realistic markup', (chars) => {
    const g = benchPageHtml(chars);
    expect(g.textChars).toBeGreaterThan(chars * 0.9);
    expect(g.textChars).toBeLessThan(chars * 1.2);
    for (const tag of ['<h2>', '<p>', '<section', '<nav>', '<footer>']) expect(g.html).toContain(tag);
    if (chars > 100_000) for (const tag of ['<ul>', '<table>', '<a href=']) expect(g.html).toContain(tag);
    expect(g.elements).toBeGreaterThan(chars / 200);
    // Same input, same page (figures compare runs on the same page).
    expect(benchPageHtml(chars).html).toBe(g.html);
    // No script from the generator itself.
    expect(g.html).not.toMatch(/<script/i);
  });

  it('the busy page rewrites the text of its spans and escapes its sentences', () => {
    const html = busyPageHtml(10, ['<b>bold</b> claim', 'Offre limitée !']);
    expect(html.match(/<span id="c\d+">/g)).toHaveLength(10);
    expect(html).not.toContain('<b>bold</b>');
    expect(html).toContain('__busyStart');
    expect(html).toContain('__busyBurst');
  });

  it('the mark.js pattern is one alternation of the escaped phrases, longest first', () => {
    const src = combinedPattern(['a.b', 'offre limitée', 'a.b', '(x)']);
    expect(src).toBe('\\b(?:offre limitée|a\\.b|\\(x\\))\\b');
    expect(new RegExp(src, 'gi').test('une OFFRE LIMITÉE ici')).toBe(true);
  });
});

describe('runBench --quick --only engine', () => {
  it('produces the engine figures and the engine.ratio key', async () => {
    const out = (await runBench({ only: ['engine'], quick: true })) as { engine: { ratio: number; engineMBs: { median: number }; claims: number } };
    expect(Number.isFinite(out.engine.ratio)).toBe(true);
    expect(out.engine.ratio).toBeGreaterThan(0);
    expect(out.engine.engineMBs.median).toBeGreaterThan(0);
    expect(out.engine.claims).toBeGreaterThan(0);
  });
});
