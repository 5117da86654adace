/**
 * Folding: one UTF-16 unit in, one out, so offsets into the folded string are offsets into the input.
 * Lower case, accents removed, apostrophes unified to "'", horizontal spaces to " ", vertical spaces to
 * "\n", dashes to "-". See engine/RULES.md.
 */

const APOSTROPHES = '\u2019\u2018\u02bc\u0060\u00b4\u2032\u02b9\uff07';
const HSPACES = '\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000';
const VSPACES = '\r\u000b\u000c\u0085\u2028\u2029';
const DASHES = '\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d\u00ad';
const SPECIAL = new Map<number, number>([
  [0x152, 0x153], // Œ → œ (patterns spell "oe" and match either, see automaton.ts)
  [0xc6, 0xe6], // Æ → æ
  [0x131, 0x69], // dotless i → i
  [0x130, 0x69], // İ → i
  [0xdf, 0xdf], // ß stays
]);
for (const ch of APOSTROPHES) SPECIAL.set(ch.charCodeAt(0), 0x27);
for (const ch of HSPACES) SPECIAL.set(ch.charCodeAt(0), 0x20);
for (const ch of VSPACES) SPECIAL.set(ch.charCodeAt(0), 0x0a);
for (const ch of DASHES) SPECIAL.set(ch.charCodeAt(0), 0x2d);

function computeFold(c: number): number {
  if (c >= 0xd800 && c <= 0xdfff) return c; // surrogates stay as they are
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  const special = SPECIAL.get(c);
  if (special !== undefined) return special;
  const s = String.fromCharCode(c);
  const lower = (s.normalize('NFD')[0] ?? s).toLowerCase();
  if (lower.length === 1) return lower.charCodeAt(0);
  const l2 = s.toLowerCase();
  return l2.length === 1 ? l2.charCodeAt(0) : c;
}

// Filled lazily, one code at a time (building all 65,536 entries up front costs ~70 ms, too much for
// a content script's first task). 0 means "not computed yet" (code 0 folds to itself anyway).
export const FOLD = new Uint16Array(65536);

/** The lazily filled tables themselves, for hot loops (read them into locals: module bindings can be slow). */
export function foldTables(): { fold: Uint16Array; word: Uint8Array } {
  return { fold: FOLD, word: WORD };
}

/** Folded code of one UTF-16 unit. */
export function foldCode(c: number): number {
  let f = FOLD[c]!;
  if (f === 0 && c !== 0) FOLD[c] = f = computeFold(c);
  return f;
}

// 0 unknown, 1 not a word character, 2 a word character.
export const WORD = new Uint8Array(65536);
const WORD_RE = /[\p{L}\p{N}\p{M}]/u;
/** Is this UTF-16 unit part of a word (a letter, a digit or a mark, any script)? Surrogates count as letters. */
export function isWordCode(c: number): boolean {
  let w = WORD[c]!;
  if (w === 0) {
    if (c >= 0xd800 && c <= 0xdfff) w = 2;
    else if (c < 128) w = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 2 : 1;
    else w = WORD_RE.test(String.fromCharCode(c)) ? 2 : 1;
    WORD[c] = w;
  }
  return w === 2;
}

const CHUNK = 8192;

/** Fold a string; the result has exactly the same length. */
export function fold(input: string): string {
  const n = input.length;
  if (n === 0) return '';
  const out = new Uint16Array(Math.min(n, CHUNK));
  const parts: string[] = [];
  for (let off = 0; off < n; off += CHUNK) {
    const len = Math.min(CHUNK, n - off);
    for (let i = 0; i < len; i++) out[i] = foldCode(input.charCodeAt(off + i));
    parts.push(String.fromCharCode.apply(null, out.subarray(0, len) as unknown as number[]));
  }
  return parts.join('');
}
