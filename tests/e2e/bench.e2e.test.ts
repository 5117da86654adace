/**
 * The Chromium sections of the bench harness on tiny inputs: each produces finite numbers and the
 * JSON keys other tools read. Never asserts a duration (this machine is shared and noisy); it checks
 * what the figures rest on: painting completes and matches the content script's claims, the viewport
 * is painted first, a paused site gets no paint, anchoring finds the quotes it should, storage holds
 * the rows, the in-page scanner sends only changed text to detect().
 */
import { describe, expect, it } from 'vitest';
import { runBusyBench } from '../../scripts/bench/busy';
import { runPageBench } from '../../scripts/bench/page';
import { runReanchorBench } from '../../scripts/bench/reanchor';
import { runStorageBench } from '../../scripts/bench/storage';

const finite = (x: unknown) => typeof x === 'number' && Number.isFinite(x);

describe('bench harness in Chromium (tiny inputs)', () => {
  it('page scan beside mark.js, memory and the paused site', async () => {
    const p = await runPageBench({ sizes: [{ label: 'tiny', chars: 16 * 1024 }], runs: 1, pausedWatchMs: 1000, markjsKeywords: ['tiny'] });
    const s = p.sizes[0]!;
    expect(s.claims).toBeGreaterThan(0);
    // mark.js both ways: every phrase as keywords (in batches), and one regular expression
    expect(finite(s.vsMarkjs)).toBe(true);
    expect(s.markjsKeywordsMatches).toBeGreaterThan(0);
    expect(finite(s.vsMarkjsRegExp)).toBe(true);
    expect(s.markjsRegExpMatches).toBeGreaterThan(0);
    expect(finite(s.longestTaskMs)).toBe(true);
    expect(finite(s.scanMs.median)).toBe(true);
    expect(s.viewportFirst).toBe(true);
    expect(s.commits.median).toBeGreaterThanOrEqual(1); // the painting commits were seen
    expect(s.trace).not.toBeNull();
    expect(s.trace!.extensionScriptMs).toBeGreaterThan(0); // the trace does see the content script
    expect(finite(p.memory?.extraHeapMB)).toBe(true);
    expect(p.paused).toMatchObject({ ranges: 0, claimsReport: 'paused' });
  });

  it('busy page: detect() gets the changed text only; a huge burst is one deferred full rescan', async () => {
    const b = await runBusyBench({ cells: 2500, seconds: 1, rates: [1000] });
    expect(finite(b.longestTaskMs)).toBe(true);
    expect(finite(b.extensionShare)).toBe(true);
    for (const r of b.rates) {
      expect(r.changed).toBe(r.perSecond);
      // about one sentence per changed node, far from the page's text
      expect(r.detectCharsPerChange).toBeLessThan(1000);
      expect(r.detectChars).toBeLessThan(r.pageTextChars);
    }
    expect(b.burst.small.fullScans).toBe(0);
    expect(b.burst.huge.deferred).toBe(true);
  });

  it('re-anchoring and storage', async () => {
    const r = await runReanchorBench({ chars: 48 * 1024, count: 40, runs: 1 });
    expect(finite(r.anchorMs.median)).toBe(true);
    expect(r.last.items).toBe(40);
    expect(r.last.anchored + r.last.orphans).toBe(40);
    expect(r.last.anchored).toBeGreaterThanOrEqual(40 - r.last.gone);
    expect(r.last.wrongText).toBe(0);
    const s = await runStorageBench({ rows: 1_000, pages: 20, runs: 1, queries: 3 });
    expect(s.rows).toBe(1_000);
    expect(s.pageRows).toBe(50);
    expect(finite(s.pageQueryMs)).toBe(true);
    expect(finite(s.exportMarkdownMs)).toBe(true);
    expect(s.exportMB).toBeGreaterThan(0);
  });
});
