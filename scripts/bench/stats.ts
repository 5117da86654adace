/** Small statistics helpers for benchmarks: medians with min and max, never a single sample. */
export interface Figure {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function summarise(samples: number[]): Figure {
  const s = [...samples].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return { median: NaN, min: NaN, max: NaN, runs: 0 };
  const median = n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
  return { median, min: s[0]!, max: s[n - 1]!, runs: n };
}

export function fmt(x: number, digits = 1): string {
  return Number.isFinite(x) ? x.toFixed(digits) : 'n/a';
}

export function fmtFigure(f: Figure, digits = 1, unit = ''): string {
  return `${fmt(f.median, digits)}${unit} (min ${fmt(f.min, digits)}, max ${fmt(f.max, digits)}, n=${f.runs})`;
}

/** A tiny deterministic PRNG (mulberry32) so generated inputs are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  for (const [k, r] of rows.entries()) {
    console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd());
    if (k === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}
