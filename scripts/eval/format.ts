/** Plain-text output helpers: aligned tables, figures to 3 decimals. Pure. */

export type Cell = string | number | null | undefined;

/** A ratio to 3 decimals; `n/a` when undefined (zero denominator). */
export function fmt3(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(3);
}

function cellText(c: Cell): string {
  if (c === null || c === undefined) return 'n/a';
  if (typeof c === 'number') return Number.isInteger(c) ? String(c) : c.toFixed(3);
  return c;
}

/** Visible width: code points, so accented text and « » line up. */
function width(s: string): number {
  return [...s].length;
}

/**
 * Renders rows under a header; the first column is left-aligned, the others right-aligned unless
 * `align` says otherwise. Integers print as is, other numbers to 3 decimals, null as n/a.
 */
export function renderTable(headers: readonly string[], rows: readonly (readonly Cell[])[], align?: readonly ('l' | 'r')[]): string {
  const text = [headers.map(String), ...rows.map((r) => headers.map((_, i) => cellText(r[i])))];
  const widths = headers.map((_, i) => Math.max(...text.map((r) => width(r[i]!))));
  const al = headers.map((_, i) => align?.[i] ?? (i === 0 ? 'l' : 'r'));
  const line = (r: string[]) =>
    r
      .map((c, i) => {
        const pad = ' '.repeat(widths[i]! - width(c));
        return al[i] === 'l' ? c + pad : pad + c;
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(text[0]!), rule, ...text.slice(1).map(line)].join('\n');
}

/** One-line rendering of untrusted text for the terminal: control characters escaped, length capped. */
export function quote(text: string, max = 160): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const cut = [...clean].length > max ? [...clean].slice(0, max - 1).join('') + '…' : clean;
  return `"${cut}"`;
}
