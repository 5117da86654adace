import { describe, expect, it } from 'vitest';
import { parseEvalArgs } from './cli';
import { fmt3, quote, renderTable } from './format';

describe('parseEvalArgs', () => {
  const good: { argv: string[]; want: Record<string, unknown> }[] = [
    { argv: [], want: { splits: ['dev', 'test', 'all'], verbose: false, external: true } },
    { argv: ['--split', 'test'], want: { splits: ['test'] } },
    { argv: ['--split=dev,all'], want: { splits: ['dev', 'all'] } },
    { argv: ['--split', 'dev', '--split', 'dev'], want: { splits: ['dev'] } },
    { argv: ['--threshold', '0.35'], want: { threshold: 0.35 } },
    { argv: ['--threshold=1'], want: { threshold: 1 } },
    { argv: ['--verbose', '--json', 'out.json'], want: { verbose: true, json: 'out.json' } },
    { argv: ['--no-external', '--data', '/x'], want: { external: false, dataDir: '/x' } },
    { argv: ['-h'], want: { help: true } },
  ];
  it.each(good)('$argv', ({ argv, want }) => {
    const r = parseEvalArgs(argv);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.options).toMatchObject(want);
  });

  const bad: { argv: string[]; error: RegExp }[] = [
    { argv: ['--split', 'train'], error: /--split/ },
    { argv: ['--split'], error: /needs a value/ },
    { argv: ['--threshold', '2'], error: /0 to 1/ },
    { argv: ['--threshold', 'abc'], error: /0 to 1/ },
    { argv: ['--threshold', '--verbose'], error: /needs a value/ },
    { argv: ['--json'], error: /needs a value/ },
    { argv: ['--frobnicate'], error: /unknown/ },
    { argv: ['file.txt'], error: /unknown/ },
  ];
  it.each(bad)('rejects $argv', ({ argv, error }) => {
    const r = parseEvalArgs(argv);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });
});

describe('format', () => {
  it.each([
    [0, '0.000'],
    [1, '1.000'],
    [2 / 3, '0.667'],
    [null, 'n/a'],
    [Number.NaN, 'n/a'],
  ] as const)('fmt3(%s) = %s', (x, s) => expect(fmt3(x)).toBe(s));

  it('aligns columns, first left, others right, accents counted as one', () => {
    const t = renderTable(['name', 'n', 'p'], [
      ['écologie', 12, 0.5],
      ['x', 3, null],
    ]);
    expect(t.split('\n')).toEqual(['name       n      p', '--------  --  -----', 'écologie  12  0.500', 'x          3    n/a']);
  });

  it('quote escapes control characters and caps length', () => {
    expect(quote('a\nb\u0000')).toBe('"a\\u000ab\\u0000"');
    expect(quote('x'.repeat(10), 5)).toBe('"xxxx…"');
  });
});
