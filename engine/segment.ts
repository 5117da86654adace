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

function endsWithAbbreviation(seg: string, next: string): boolean {
  const m = /(?:^|[\s(«"“'’])((?:[\p{L}]{1,6}\.){0,3}[\p{L}]{1,8})\.\s*$/u.exec(seg);
  if (!m) return false;
  const word = m[1]!.toLowerCase();
  const nextStartsLower = /^\s*[\p{Ll}\d]/u.test(next);
  if (ALWAYS_ABBR.has(word)) return true;
  if (SOMETIMES_ABBR.has(word)) return nextStartsLower;
  // A single capital initial ("J. Dupont") followed by a capitalised word.
  if (/^\p{Lu}$/u.test(m[1]!)) return true;
  return false;
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

let SEGMENTER: Intl.Segmenter | null = null;

/** Sentences of text[start, end), as absolute spans. Whitespace-only spans are dropped. */
export function sentencesOf(text: string, start: number, end: number): Span[] {
  // Lone line breaks inside a paragraph are wrapping, not sentence ends: hide them from the
  // segmenter (same length, so offsets hold). Paragraph breaks stay.
  const slice = text.slice(start, end).replace(/([^\n])\n(?=[^\n])/g, '$1 ');
  SEGMENTER ??= new Intl.Segmenter('fr', { granularity: 'sentence' });
  const raw: Span[] = [];
  for (const s of SEGMENTER.segment(slice)) raw.push({ start: start + s.index, end: start + s.index + s.segment.length });
  // Mend: merge after abbreviations and inside open guillemets.
  const merged: Span[] = [];
  for (let k = 0; k < raw.length; k++) {
    let cur = raw[k]!;
    let curText = text.slice(cur.start, cur.end);
    while (k + 1 < raw.length) {
      const next = raw[k + 1]!;
      const nextText = text.slice(next.start, next.end);
      if (/\n\s*\n\s*$/.test(curText)) break;
      if (endsWithAbbreviation(curText, nextText) || quoteBalance(curText) > 0) {
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
