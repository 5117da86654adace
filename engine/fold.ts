/**
 * Folding: one UTF-16 unit in, one out, so offsets into the folded string are offsets into the input.
 * Lower case, accents removed, apostrophes unified to "'", horizontal spaces to " ", vertical spaces to
 * "\n", dashes to "-". See engine/RULES.md.
 */

let TABLE: Uint16Array | null = null;

const APOSTROPHES = '\u2019\u2018\u02bc\u0060\u00b4\u2032\u02b9\uff07';
const HSPACES = '\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000';
const VSPACES = '\r\u000b\u000c\u0085\u2028\u2029';
const DASHES = '\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d';

function buildTable(): Uint16Array {
  const t = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) {
    t[c] = c;
    if (c >= 0xd800 && c <= 0xdfff) continue; // surrogates stay as they are
    if (c < 128) {
      t[c] = c >= 65 && c <= 90 ? c + 32 : c;
      continue;
    }
    const s = String.fromCharCode(c);
    const base = s.normalize('NFD')[0] ?? s;
    const lower = base.toLowerCase();
    if (lower.length === 1) t[c] = lower.charCodeAt(0);
    else if (s.toLowerCase().length === 1) t[c] = s.toLowerCase().charCodeAt(0);
  }
  for (const ch of APOSTROPHES) t[ch.charCodeAt(0)] = 0x27;
  for (const ch of HSPACES) t[ch.charCodeAt(0)] = 0x20;
  for (const ch of VSPACES) t[ch.charCodeAt(0)] = 0x0a;
  for (const ch of DASHES) t[ch.charCodeAt(0)] = 0x2d;
  t[0xad] = 0x2d; // soft hyphen
  // Ligatures keep their own code unit; patterns spell "oe" and match either (see compile.ts).
  t[0x152] = 0x153; // Œ → œ
  t[0xc6] = 0xe6; // Æ → æ
  t[0x131] = 0x69; // dotless i → i
  t[0x130] = 0x69; // İ → i
  t[0xdf] = 0xdf; // ß stays
  return t;
}

export function foldTable(): Uint16Array {
  return (TABLE ??= buildTable());
}

const CHUNK = 8192;

/** Fold a string; the result has exactly the same length. */
export function fold(input: string): string {
  const t = foldTable();
  const n = input.length;
  if (n === 0) return '';
  const out = new Uint16Array(Math.min(n, CHUNK));
  const parts: string[] = [];
  for (let off = 0; off < n; off += CHUNK) {
    const len = Math.min(CHUNK, n - off);
    for (let i = 0; i < len; i++) out[i] = t[input.charCodeAt(off + i)]!;
    parts.push(String.fromCharCode.apply(null, out.subarray(0, len) as unknown as number[]));
  }
  return parts.join('');
}
