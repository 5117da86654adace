/**
 * Sentence boundaries, computed lazily and only around the places where candidate claims were found.
 *
 * The text is cut into blocks (paragraphs, at most MAX_BLOCK characters) walking forward; a block is
 * segmented with Intl.Segmenter only when a candidate falls in it, and the segmenter's known gaps are
 * mended: abbreviations (« M. », "Mr.", "e.g.", « p. ex. ») and sentences cut inside « » or “ ”.
 */

export interface Span {
  start: number;
  end: number;
}

export const MAX_BLOCK = 4000;

const PARA_BREAK = /\n[ \t\u00a0\u202f]*\n/g;

/** Finds the end of the block starting at `start` (exclusive). */
export function blockEnd(text: string, start: number): number {
  const limit = Math.min(text.length, start + MAX_BLOCK);
  PARA_BREAK.lastIndex = start;
  const m = PARA_BREAK.exec(text);
  if (m && m.index < limit) return m.index + m[0].length;
  if (limit === text.length) return limit;
  // No paragraph break: cut after the last sentence-ish end, else the last whitespace, else hard.
  const windowStart = start + (MAX_BLOCK >> 1);
  for (const re of [/[.!?…]["»”)\]]?\s/g, /\s/g]) {
    let cut = -1;
    re.lastIndex = windowStart;
    let mm: RegExpExecArray | null;
    while ((mm = re.exec(text)) && mm.index + mm[0].length <= limit) cut = mm.index + mm[0].length;
    if (cut > start) return cut;
  }
  return avoidSplittingSurrogate(text, limit);
}

function avoidSplittingSurrogate(text: string, i: number): number {
  const c = text.charCodeAt(i - 1);
  return c >= 0xd800 && c <= 0xdbff && i < text.length ? i + 1 : i;
}

// Abbreviations after which a period does not end a sentence (folded to lower case, without the dot).
const ALWAYS_ABBR = new Set([
  'm', 'mm', 'mme', 'mmes', 'mlle', 'mlles', 'dr', 'pr', 'me', 'mgr', 'st', 'ste', 'mr', 'mrs', 'ms', 'messrs', 'prof', 'jr', 'sr',
  'vs', 'cf', 'env', 'p', 'pp', 'ex', 'no', 'nos', 'art', 'al', 'fig', 'vol', 'ch', 'chap', 'approx', 'ca', 'inc', 'ltd', 'co', 'corp',
  'e.g', 'i.e', 'p.ex', 'c.-a-d', 'c.-à-d', 'n.b', 'a.m', 'p.m', 'u.s', 'u.k', 'av', 'bd', 'boul', 'tel', 'tél', 'réf', 'ref', 'min', 'max', 'ed', 'éd',
  'janv', 'févr', 'fevr', 'avr', 'juil', 'sept', 'oct', 'nov', 'déc', 'dec', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep',
]);
// These usually end sentences too; only a lower-case continuation says otherwise.
const SOMETIMES_ABBR = new Set(['etc', 'cie', 'co']);

function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/** Does `seg` end with an abbreviation such as "M.", "Mr.", "e.g.", "p. ex."? `next` is what follows. */
function endsWithAbbreviation(seg: string, next: string): boolean {
  let e = seg.length;
  while (e > 0 && /\s/.test(seg[e - 1]!)) e--;
  if (e === 0 || seg.charCodeAt(e - 1) !== 0x2e) return false;
  // The word before the final dot: letters and inner dots, at most 16 characters.
  let b = e - 1;
  while (b > 0 && e - b < 17 && (isLetter(seg.charCodeAt(b - 1)) || (seg.charCodeAt(b - 1) === 0x2e && b - 1 > 0 && isLetter(seg.charCodeAt(b - 2))))) b--;
  if (b === e - 1) return false;
  if (b > 0 && !/[\s(«"“'’]/.test(seg[b - 1]!)) return false;
  const raw = seg.slice(b, e - 1);
  const word = raw.toLowerCase();
  const nextStartsLower = /^\s*[\p{Ll}\d]/u.test(next);
  if (ALWAYS_ABBR.has(word)) return true;
  if (SOMETIMES_ABBR.has(word)) return nextStartsLower;
  // A single capital initial ("J. Dupont").
  return raw.length === 1 && raw !== raw.toLowerCase();
}

function quoteBalance(seg: string): number {
  let b = 0;
  for (let k = 0; k < seg.length; k++) {
    const c = seg.charCodeAt(k);
    if (c === 0xab || c === 0x201c) b++;
    else if ((c === 0xbb || c === 0x201d) && b > 0) b--;
  }
  return b;
}

const TERMINATORS = new Set([0x2e, 0x21, 0x3f, 0x2026]); // . ! ? …
const CLOSERS = new Set([0x22, 0x27, 0xbb, 0x201d, 0x2019, 0x29, 0x5d]); // " ' » ” ’ ) ]

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0xa0 || c === 0x202f || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x3000;
}
function isLower(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0xdf && c <= 0xff && c !== 0xf7);
}

/**
 * Sentence boundaries as Unicode's sentence rules (UAX #29, which Intl.Segmenter implements) place them
 * for ordinary text: after . ! ? … (and closing quotes or brackets) followed by white space, unless the
 * next word starts in lower case; and at line breaks that separate paragraphs. Written here because
 * Intl.Segmenter costs about 50 µs a sentence in Node 20 and Chromium (1 MB in 0.8 s when cut into
 * 4 KB pieces, 200 s in one piece), far beyond what a content script can spend; a test checks that
 * both agree on the project's corpus. The known gaps of both are mended below.
 */
function rawSentences(text: string, start: number, end: number): Span[] {
  const raw: Span[] = [];
  let s = start;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (!TERMINATORS.has(c)) continue;
    let j = k + 1;
    while (j < end && TERMINATORS.has(text.charCodeAt(j))) j++;
    while (j < end && CLOSERS.has(text.charCodeAt(j))) j++;
    if (j < end && !isSpace(text.charCodeAt(j))) {
      k = j - 1;
      continue;
    }
    let m = j;
    while (m < end && isSpace(text.charCodeAt(m))) m++;
    if (m < end && isLower(text.charCodeAt(m))) {
      k = m - 1;
      continue;
    }
    raw.push({ start: s, end: m });
    s = m;
    k = m - 1;
  }
  if (s < end) raw.push({ start: s, end });
  return raw;
}

/** Sentences of text[start, end), as absolute spans. Whitespace-only spans are dropped. */
export function sentencesOf(text: string, start: number, end: number): Span[] {
  return mendSentences(text, rawSentences(text, start, end));
}

/** Merges raw sentence spans after abbreviations and inside open guillemets, trims whitespace. */
export function mendSentences(text: string, raw: Span[]): Span[] {
  // Mend: merge after abbreviations and inside open guillemets.
  const merged: Span[] = [];
  for (let k = 0; k < raw.length; k++) {
    let cur = raw[k]!;
    let curText = text.slice(cur.start, cur.end);
    while (k + 1 < raw.length) {
      const next = raw[k + 1]!;
      const nextText = text.slice(next.start, Math.min(next.end, next.start + 8));
      if (/\n\s*\n\s*$/.test(curText)) break;
      if (endsWithAbbreviation(curText.slice(-32), nextText.slice(0, 8)) || quoteBalance(curText) > 0) {
        cur = { start: cur.start, end: next.end };
        curText = text.slice(cur.start, cur.end);
        k++;
      } else break;
    }
    merged.push(cur);
  }
  // Trim whitespace at both ends.
  const out: Span[] = [];
  for (const s of merged) {
    let a = s.start;
    let b = s.end;
    while (a < b && /\s/.test(text[a]!)) a++;
    while (b > a && /\s/.test(text[b - 1]!)) b--;
    if (b > a) out.push({ start: a, end: b });
  }
  return out;
}

/** Convenience for callers that want every sentence of a text (tests, CLI). Linear. */
export function splitSentences(text: string): Span[] {
  const out: Span[] = [];
  for (let s = 0; s < text.length; ) {
    const e = blockEnd(text, s);
    out.push(...sentencesOf(text, s, e));
    s = e;
  }
  return out;
}
