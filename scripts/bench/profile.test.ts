import { describe, expect, it } from 'vitest';
import { parseProfileArgs, selfTimeByName, summariseProfile, type CpuProfile } from './profile';

const EXT = 'chrome-extension://abcdef/content-scripts/content.js';
const frame = (functionName: string, url = EXT, lineNumber = 0) => ({ functionName, url, lineNumber, columnNumber: 0 });

/**
 * (root) ─┬─ pump (ext) ─── detect (ext) ─── step (ext)
 *         ├─ pageScript (page)
 *         └─ (idle)
 * Samples are 1 ms apart (timeDeltas in µs).
 */
function profile(samples: number[]): CpuProfile {
  return {
    nodes: [
      { id: 1, callFrame: frame('(root)', ''), children: [2, 5, 6] },
      { id: 2, callFrame: frame('pump', EXT, 10), children: [3] },
      { id: 3, callFrame: frame('detect', EXT, 20), children: [4] },
      { id: 4, callFrame: frame('step', EXT, 30) },
      { id: 5, callFrame: frame('pageScript', 'http://127.0.0.1/p.js') },
      { id: 6, callFrame: frame('(idle)', '') },
    ],
    startTime: 1_000_000,
    endTime: 1_000_000 + samples.length * 1000,
    samples,
    timeDeltas: samples.map(() => 1000),
  };
}

describe('summariseProfile', () => {
  it('self and total time of extension functions; page code and idle are left out', () => {
    const s = summariseProfile(profile([4, 4, 3, 2, 5, 5, 6, 4]));
    const by = Object.fromEntries(s.functions.map((f) => [f.name, f]));
    expect(s.extensionMs).toBe(5);
    expect(by['step content-scripts/content.js:31']).toMatchObject({ selfMs: 3, totalMs: 3 });
    expect(by['detect content-scripts/content.js:21']).toMatchObject({ selfMs: 1, totalMs: 4 });
    expect(by['pump content-scripts/content.js:11']).toMatchObject({ selfMs: 1, totalMs: 5 });
    expect(s.functions.some((f) => f.name.startsWith('pageScript'))).toBe(false);
    expect(s.functions[0]!.name.startsWith('step')).toBe(true); // largest self time first
  });

  it('splits the samples by task and ranks the tasks with extension code by length', () => {
    // samples at 1,001 ... 1,008 ms (µs on the profile clock)
    const s = summariseProfile(profile([4, 4, 3, 2, 5, 5, 6, 4]), [
      { ts: 1_000_500, dur: 3_000 }, // samples 1-3: step, step, detect
      { ts: 1_003_500, dur: 3_000 }, // pump, pageScript, pageScript
      { ts: 1_006_500, dur: 500 }, // idle only: no extension code, not listed
      { ts: 1_007_500, dur: 1_000 }, // step
    ]);
    expect(s.tasks.map((t) => t.durMs)).toEqual([3, 3, 1]);
    expect(s.tasks[0]!.extensionMs).toBe(3);
    expect(s.tasks[0]!.top[0]!.name.startsWith('step')).toBe(true);
    expect(s.tasks[0]!.heaviestStack.map((l) => l.split(' ')[0])).toEqual(['pump', 'detect', 'step']);
    expect(s.tasks[1]!.extensionMs).toBe(1);
  });

  it('takes an empty or junk profile without throwing', () => {
    expect(summariseProfile({ nodes: [], startTime: 0, endTime: 0 }).extensionMs).toBe(0);
  });
});

describe('selfTimeByName', () => {
  it('subtracts nested events from their parent, per thread', () => {
    const ev = (name: string, ts: number, dur: number, tid = 1) => ({ name, ph: 'X', ts, dur, pid: 1, tid });
    const out = selfTimeByName(
      [ev('RunTask', 0, 10_000), ev('FunctionCall', 1_000, 4_000), ev('PrePaint', 6_000, 3_000), ev('RunTask', 0, 50_000, 2)],
      '1:1',
    );
    expect(out).toEqual([
      { name: 'FunctionCall', ms: 4 },
      { name: 'RunTask', ms: 3 },
      { name: 'PrePaint', ms: 3 },
    ]);
  });
});

describe('parseProfileArgs', () => {
  it.each([
    [[], { chars: 1024 * 1024, label: '1MB', runs: 1 }],
    [['--size', '5MB', '--runs', '2'], { chars: 5 * 1024 * 1024, label: '5MB', runs: 2 }],
    [['--size', '100KB'], { chars: 100 * 1024 }],
    [['--size', '64'], { chars: 64 * 1024 }],
  ] as const)('%j', (argv, want) => {
    expect(parseProfileArgs([...argv])).toMatchObject(want);
  });
  it('refuses unknown arguments', () => {
    expect(parseProfileArgs(['--nope'])).toHaveProperty('error');
    expect(parseProfileArgs(['--size', 'big'])).toHaveProperty('error');
  });
});
