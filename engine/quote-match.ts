/**
 * Re-anchoring of saved highlights: find the text a W3C selector pair (engine/annotation.ts) points at
 * in a new snapshot of a page's text. Pure string code: no DOM.
 *
 * Order of attempts (first one accepted wins):
 *  1. position — `text.slice(position.start, position.end) === quote.exact`;
 *  2. exact    — every occurrence of `quote.exact` (indexOf), scored on prefix/suffix agreement and
 *                closeness to the old position;
 *  3. fuzzy    — approximate search (Myers' bit-parallel algorithm, multi-word blocks for long
 *                patterns) with at most k = min(maxErrors, ⌊m · (1 − minQuoteSimilarity)⌋) edits,
 *                i.e. ⌊m/4⌋ capped at 64 by default; each candidate's start is found by the same
 *                search run backwards, and it is scored as above. The exact occurrences take part in
 *                this round too, so an in-place edited passage with its surroundings intact beats an
 *                identical copy of the old words elsewhere on the page. The winner's boundaries are
 *                then re-chosen to maximise quote errors + context agreement on each side (an edit at
 *                the edge of the quote leaves several near-equal alignments). A fuzzy result whose
 *                text is exactly the quote is reported as 'exact'.
 *
 * Score (0..1) = weighted mean of
 *   quote similarity  1 − errors / quoteLength                      weight 0.60
 *   prefix agreement  chance-corrected similarity of the stored prefix with the text before:
 *                     sim = 1 − editDistance(stored, found) / storedLength, then
 *                     max(0, (sim − 0.25) / 0.75)                    weight 0.15
 *   suffix agreement  the same on the other side                     weight 0.15
 *   position          1 − min(1, |start − oldStart| / 2048)          weight 0.10
 * 0.25 is what unrelated text gets: the median similarity of two random 32-unit contexts drawn from
 * the five articles in shared/articles is 0.25 (p90 0.31, p99 0.41), so context that merely looks
 * like language adds nothing.
 * A component with no evidence (no position selector; empty prefix while the candidate is not at the
 * start of the text; empty suffix while it is not at the end) is left out of the mean.
 *
 * A match is returned only when score ≥ minScore (default 0.75) and quote similarity ≥
 * minQuoteSimilarity (default 0.75), except that an exact occurrence of a quote of at least
 * `trustExactLength` (default 32) units is accepted whatever its context when it is at the old
 * position or is the only occurrence in the text. Otherwise null: a wrong anchor is worse than none.
 * Why 0.75 (see quote-match.test.ts, scores with the thresholds off): accepted edits score 0.81 (one
 * word changed in the prefix, in the quote and in the suffix) to 1.0; the rejections that get past the
 * quote floor score 0.64 (deleted claim, near-identical claim about another product two paragraphs
 * away, quote similarity 0.90) and 0.70 (short quote deleted, the same words 100 units away in another
 * sentence). Limitation: an edit that turns the sentence into a different claim IN PLACE, with its
 * surroundings intact, is indistinguishable from an edit of the same claim and is anchored.
 *
 * What is treated as equal (documented normalisation; applies to fuzzy search and context scoring,
 * never to the position/exact steps): typographic apostrophes ’ ‘ ʼ ′ ´ ` ＇ and ' ; every run of
 * whitespace (space, tab, line breaks, U+00A0, U+202F and the other Unicode spaces) counts as one
 * space; soft hyphen U+00AD, zero-width space U+200B, word joiner U+2060 and BOM U+FEFF are ignored.
 * Case, accents, quotation marks and dashes are NOT folded: changing them is an edit.
 *
 * Offsets are UTF-16 code units. A fuzzy match never starts or ends between the two halves of a
 * surrogate pair (it is widened by one unit instead).
 *
 * Cost: the position step is O(quote). The exact step first searches ±4,096 units around the old
 * position and stops there when the best occurrence found beats what any farther one could score
 * (the position term caps it); otherwise it scans the whole text, scoring at most MAX_CANDIDATES
 * (1,000) occurrences nearest first. Context agreement is one machine word per text unit (Myers'
 * bit vectors) for contexts up to 32 units. Folding the text is O(n) once per matcher
 * (`createMatcher(text)`, reuse it for many quotes; `prepare('fold')` does it in pieces). A fuzzy
 * search first scans a window around the old position; the whole-text search of quotes up to 256
 * units goes through a lossless q-gram filter (index built once per matcher, `prepare('index')` in
 * pieces) and verifies only the regions it keeps, O(n · ⌈m/32⌉) at worst when the filter cannot rule
 * anything out; longer quotes are located by their first and last 128 units (two filters of 4
 * blocks each) and verified only around those hits. Verification computes, per text unit, only the
 * pattern blocks that can still hold a match (Ukkonen's cut-off), and runs in pieces: matchSteps()
 * lets a caller yield inside one whole-text search. Measured in Chromium on 2 busy cores, 1 MB page,
 * 1,000 quotes after a shift (95 with edited context, 14 deleted): 165–185 ms (medians of four bench
 * runs) in all through dom/anchor.ts, no step over 20 ms (npm run bench, section 4).
 */
import { QUOTE_CONTEXT_CHARS, type SelectorPair } from './annotation';
import { runSteps } from './steps';

export type MatchMethod = 'position' | 'exact' | 'fuzzy';

export interface QuoteMatch {
  /** UTF-16 offsets into the text given to the matcher. */
  start: number;
  end: number;
  /** 0..1, see the module comment. */
  score: number;
  method: MatchMethod;
  /** 1 − errors / quote length (1 for position and exact matches). */
  quoteSimilarity: number;
}

export interface MatchOptions {
  /** Minimum combined score. Default 0.75. */
  minScore?: number;
  /** Minimum quote similarity (1 − errors/length) of a fuzzy match. Default 0.75. */
  minQuoteSimilarity?: number;
  /** Hard cap on the number of edits a fuzzy match may have. Default 64. */
  maxErrors?: number;
  /** Quotes at least this long (UTF-16 units) are trusted without context when exact and unambiguous. Default 32. */
  trustExactLength?: number;
  /** Set to false to skip the fuzzy step. Default true. */
  fuzzy?: boolean;
}

export const DEFAULT_MIN_SCORE = 0.75;
export const DEFAULT_MIN_QUOTE_SIMILARITY = 0.75;
export const DEFAULT_MAX_ERRORS = 64;
export const DEFAULT_TRUST_EXACT_LENGTH = QUOTE_CONTEXT_CHARS;

const W_QUOTE = 0.6;
const W_PREFIX = 0.15;
const W_SUFFIX = 0.15;
const W_POSITION = 0.1;

/**
 * Distance (UTF-16 units) at which the position stops counting. Fixed rather than relative to the
 * text length: on a long page every occurrence is "near" in relative terms, and an unrelated
 * occurrence would get the position weight for free.
 */
const POSITION_SCALE = 2048;

/** Similarity two unrelated contexts get by chance (see module comment); subtracted before weighting. */
const CONTEXT_CHANCE = 0.25;

function agreement(sim: number): number {
  return Math.max(0, (sim - CONTEXT_CHANCE) / (1 - CONTEXT_CHANCE));
}

/**
 * At most this many candidates are scored per step (exact occurrences nearest the old position first;
 * fuzzy ones with the fewest errors, then nearest). Only a quote that occurs more often than this and
 * moved far can be missed, and then it is orphaned, never anchored elsewhere.
 */
const MAX_CANDIDATES = 1000;

/** Patterns longer than this are located by their head and tail (see module comment). */
const LONG_PATTERN = 256;
const PIECE = 128;
/** Half-width of the first fuzzy window around the old position, beyond the quote itself. */
const WINDOW_MARGIN = 2048;
/** Half-width of the first exact search around the old position (see match, step 2). */
const EXACT_WINDOW = 2 * POSITION_SCALE;

// ---------------------------------------------------------------------------------------------
// describeQuote

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
/** True when index i falls between the two halves of a surrogate pair. */
function splitsPair(text: string, i: number): boolean {
  return i > 0 && i < text.length && isHigh(text.charCodeAt(i - 1)) && isLow(text.charCodeAt(i));
}

/**
 * Selectors for text.slice(start, end): the quote with up to QUOTE_CONTEXT_CHARS units of context on
 * each side (shortened by one rather than cutting a surrogate pair), and the position. Offsets are
 * truncated to integers and clamped to the text. Returns null when the range is empty or invalid, or
 * longer than the 10,000 units a TextQuoteSelector may hold.
 */
export function describeQuote(text: string, start: number, end: number): SelectorPair | null {
  if (typeof text !== 'string' || typeof start !== 'number' || typeof end !== 'number') return null;
  if (!Number.isFinite(start) || !Number.isFinite(end)) return null;
  const s = Math.max(0, Math.min(text.length, Math.trunc(start)));
  const e = Math.max(0, Math.min(text.length, Math.trunc(end)));
  if (e <= s || e - s > 10_000) return null;
  let ps = Math.max(0, s - QUOTE_CONTEXT_CHARS);
  if (splitsPair(text, ps)) ps++;
  let se = Math.min(text.length, e + QUOTE_CONTEXT_CHARS);
  if (splitsPair(text, se)) se--;
  return {
    quote: { type: 'TextQuoteSelector', exact: text.slice(s, e), prefix: text.slice(ps, s), suffix: text.slice(e, se) },
    position: { type: 'TextPositionSelector', start: s, end: e },
  };
}

// ---------------------------------------------------------------------------------------------
// Folding (see module comment): one folded unit per kept input unit, with a map back to the input.

const KEEP = 0;
const SPACE = 1;
const DROP = 2;
let FOLD: Uint16Array | null = null;
let KIND: Uint8Array | null = null;

function tables(): [Uint16Array, Uint8Array] {
  if (!FOLD || !KIND) {
    const fold = new Uint16Array(65536);
    const kind = new Uint8Array(65536);
    for (let c = 0; c < 65536; c++) fold[c] = c;
    for (const ch of '\u2019\u2018\u02bc\u2032\u00b4\u0060\uff07') fold[ch.charCodeAt(0)] = 0x27;
    const spaces = ' \t\n\r\u000b\u000c\u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';
    for (const ch of spaces) {
      kind[ch.charCodeAt(0)] = SPACE;
      fold[ch.charCodeAt(0)] = 0x20;
    }
    for (const ch of '\u00ad\u200b\u2060\ufeff') kind[ch.charCodeAt(0)] = DROP;
    FOLD = fold;
    KIND = kind;
  }
  return [FOLD, KIND];
}

interface Folded {
  codes: Uint16Array;
  /** map[i] = index in the input of folded unit i; map[length] = input length. */
  map: Int32Array;
}

function foldText(text: string, withMap: boolean): Folded {
  const job = startFold(text, withMap);
  while (!foldSome(job, text.length)) {
    /* one go */
  }
  return job.result!;
}

/** A fold in progress (so a long text can be folded in pieces, see Matcher.prepare). */
interface FoldJob {
  text: string;
  withMap: boolean;
  codes: Uint16Array;
  map: Int32Array;
  i: number;
  n: number;
  inSpace: boolean;
  result: Folded | null;
}

function startFold(text: string, withMap: boolean): FoldJob {
  return { text, withMap, codes: new Uint16Array(text.length), map: new Int32Array(withMap ? text.length + 1 : 1), i: 0, n: 0, inSpace: false, result: null };
}

/** Fold up to `units` more input units; true when the whole text is folded (job.result set). */
function foldSome(job: FoldJob, units: number): boolean {
  const [fold, kind] = tables();
  const { text, withMap, codes, map } = job;
  const stop = Math.min(text.length, job.i + Math.max(1, units));
  let n = job.n;
  let inSpace = job.inSpace;
  let i = job.i;
  for (; i < stop; i++) {
    const c = text.charCodeAt(i);
    const k = kind[c];
    if (k === DROP) continue;
    if (k === SPACE) {
      if (inSpace) continue;
      inSpace = true;
    } else inSpace = false;
    if (withMap) map[n] = i;
    codes[n++] = fold[c]!;
  }
  job.i = i;
  job.n = n;
  job.inSpace = inSpace;
  if (i < text.length) return false;
  if (withMap) map[n] = text.length;
  job.result = { codes: codes.subarray(0, n), map: withMap ? map.subarray(0, n + 1) : map };
  return true;
}

/** First folded index whose input index is ≥ raw (binary search; map is increasing). */
function toFolded(map: Int32Array, raw: number): number {
  let lo = 0;
  let hi = map.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (map[mid]! < raw) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------------
// Myers' bit-parallel approximate matching (G. Myers 1999; blocks as in H. Hyyrö 2003).
// Pattern characters are given small ids through a shared table that is set for one quote at a time.

let CHAR_ID: Int32Array | null = null;

interface Alphabet {
  size: number;
  release(): void;
}

/** Whether an Alphabet is set (the table holds one pattern's ids at a time). */
let ALPHABET_HELD = false;

function setAlphabet(codes: Uint16Array): Alphabet {
  if (ALPHABET_HELD) throw new Error('quote-match: the character table is already in use by another search');
  if (!CHAR_ID) CHAR_ID = new Int32Array(65536);
  ALPHABET_HELD = true;
  const ids = CHAR_ID;
  const used: number[] = [];
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (ids[c] === 0) {
      used.push(c);
      ids[c] = used.length;
    }
  }
  let held = true;
  return {
    size: used.length + 1,
    release() {
      if (!held) return;
      held = false;
      for (const c of used) ids[c] = 0;
      ALPHABET_HELD = false;
    },
  };
}

interface Pattern {
  length: number;
  blocks: number;
  /** peq[id * blocks + b]: bit i set when pattern unit 32·b + i has that id. Row 0 (id 0) stays zero. */
  peq: Int32Array;
  lastHigh: number;
}

function buildPattern(codes: Uint16Array, alpha: Alphabet): Pattern {
  const ids = CHAR_ID!;
  const blocks = Math.max(1, Math.ceil(codes.length / 32));
  const peq = new Int32Array(alpha.size * blocks);
  for (let i = 0; i < codes.length; i++) {
    const id = ids[codes[i]!]!;
    peq[id * blocks + (i >>> 5)]! |= 1 << (i & 31);
  }
  return { length: codes.length, blocks, peq, lastHigh: 1 << ((codes.length - 1) & 31) };
}

/**
 * Scans text[from, to) and calls report(end, errors) for every end position whose best alignment of
 * the whole pattern (starting anywhere at or after `from`) has at most k edits.
 *
 * Ukkonen's cut-off on blocks (as described by Hyyrö 2003): only the blocks down to the last one that
 * can hold a cell ≤ k are computed in each column. A block below it is brought in when the cell just
 * above it can lead to a value ≤ k in this column (a match on its first row, or a falling value above
 * it), assuming its previous column grew by one per row (an upper bound, exact wherever the true value
 * is ≤ k); the last block is dropped while its bottom value is ≥ k + 32 (every cell in it is > k). The
 * bottom row is reported only while the last block is computed. Same output as computing every block;
 * on page text most columns need only the first ⌈k/32⌉ + 1 or 2 blocks.
 */
function scan(text: Uint16Array, from: number, to: number, p: Pattern, k: number, report: (end: number, errors: number) => void): void {
  const ids = CHAR_ID!;
  const B = p.blocks;
  const peq = p.peq;
  const m = p.length;
  const pv = new Int32Array(B).fill(-1);
  const mv = new Int32Array(B);
  /** bottom[b]: value in the current column at the last row of block b (row min(32(b + 1), m)). */
  const bottom = new Int32Array(B);
  for (let b = 0; b < B; b++) bottom[b] = Math.min(32 * (b + 1), m);
  // In the first column every row i holds i: the blocks starting at a row ≤ k.
  let last = Math.min(B - 1, Math.floor(k / 32));
  for (let j = from; j < to; j++) {
    const base = ids[text[j]!]! * B;
    let hin = 0;
    for (let b = 0; b <= last; b++) {
      const hout = stepBlock(pv, mv, b, peq[base + b]!, hin, b === B - 1 ? p.lastHigh : HIGH_BIT);
      bottom[b]! += hout;
      hin = hout;
    }
    if (last < B - 1 && bottom[last]! - hin <= k && ((peq[base + last + 1]! & 1) !== 0 || hin < 0)) {
      const b = last + 1;
      const before = bottom[last]! - hin + Math.min(32, m - 32 * b); // its bottom in the previous column, at most
      pv[b] = -1;
      mv[b] = 0;
      bottom[b] = before + stepBlock(pv, mv, b, peq[base + b]!, hin, b === B - 1 ? p.lastHigh : HIGH_BIT);
      last = b;
    } else {
      while (last > 0 && bottom[last]! >= k + 32) last--;
    }
    if (last === B - 1 && bottom[last]! <= k) report(j + 1, bottom[last]!);
  }
}

const HIGH_BIT = 1 << 31;

/**
 * One text unit through block b (Myers' step, carries as in Hyyrö 2003): updates pv[b], mv[b] and
 * returns the horizontal difference (−1, 0 or +1) leaving the block's last row (bit `high`).
 */
function stepBlock(pv: Int32Array, mv: Int32Array, b: number, eq: number, hin: number, high: number): number {
  const Pv = pv[b]!;
  const Mv = mv[b]!;
  const xv = eq | Mv;
  if (hin < 0) eq |= 1;
  const xh = (((eq & Pv) + Pv) ^ Pv) | eq;
  let ph = Mv | ~(xh | Pv);
  let mh = Pv & xh;
  const hout = ph & high ? 1 : mh & high ? -1 : 0;
  ph <<= 1;
  mh <<= 1;
  if (hin < 0) mh |= 1;
  else if (hin > 0) ph |= 1;
  pv[b] = mh | ~(xv | ph);
  mv[b] = ph & xv;
  return hout;
}

/**
 * Every end position in `text` where `pattern` matches with at most maxErrors edits (insertions,
 * deletions, substitutions of UTF-16 units), with the smallest number of edits for that end.
 * Exposed for tests and tools; no folding is applied. `pieceUnits`: scan in pieces of that many
 * units, as a whole-text search does between its steps (same result).
 */
export function approximateEnds(text: string, pattern: string, maxErrors: number, pieceUnits = Infinity): { end: number; errors: number }[] {
  const out: { end: number; errors: number }[] = [];
  if (typeof text !== 'string' || typeof pattern !== 'string' || pattern.length === 0) return out;
  const k = Math.floor(maxErrors);
  if (!(k >= 0)) return out;
  const t = codesOf(text);
  const pc = codesOf(pattern);
  const alpha = setAlphabet(pc);
  try {
    const p = buildPattern(pc, alpha);
    const report = (end: number, errors: number) => void out.push({ end, errors });
    if (!Number.isFinite(pieceUnits) || pieceUnits >= t.length) scan(t, 0, t.length, p, k, report);
    else for (const _ of scanInPieces(t, 0, t.length, p, k, pieceUnits, report));
  } finally {
    alpha.release();
  }
  return out;
}

function codesOf(s: string): Uint16Array {
  const a = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) a[i] = s.charCodeAt(i);
  return a;
}

function reversed(a: Uint16Array): Uint16Array {
  const r = new Uint16Array(a.length);
  for (let i = 0; i < a.length; i++) r[i] = a[a.length - 1 - i]!;
  return r;
}

// ---------------------------------------------------------------------------------------------
// Edit distance of a short stored context against the text next to a candidate (≤ 32 units).

/** Reused rows of the context edit-distance table (grown on demand). */
let ROW_A = new Int32Array(64);
let ROW_B = new Int32Array(64);
let SIDE = new Uint16Array(64);

/**
 * Similarity of `stored` with the text on one side of `boundary`: the stored context is aligned
 * starting at the boundary and going away from the quote (dir −1 for a prefix, +1 for a suffix),
 * with a free end in the text. 1 − edits / stored length, in 0..1.
 */
function contextSimilarity(stored: Uint16Array, text: Uint16Array, boundary: number, dir: -1 | 1): number {
  const L = stored.length;
  if (L === 0) return 1;
  return L <= 32 ? contextSimilarityBits(stored, text, boundary, dir) : contextSimilarityTable(stored, text, boundary, dir);
}

/** peq masks of the stored context, by UTF-16 unit (set and cleared around each use). */
let CONTEXT_PEQ: Int32Array | null = null;

/**
 * contextSimilarity for a stored context of at most 32 units: Myers' bit-vector recurrence with the
 * start pinned at the boundary (row 0 grows by one per text unit) and a free end, one machine word
 * per text unit instead of a row of the table. Same result as contextSimilarityTable.
 */
function contextSimilarityBits(stored: Uint16Array, text: Uint16Array, boundary: number, dir: -1 | 1): number {
  const L = stored.length;
  const W = Math.min(L + (L >> 2) + 1, dir < 0 ? boundary : text.length - boundary);
  if (!CONTEXT_PEQ) CONTEXT_PEQ = new Int32Array(65536);
  const peq = CONTEXT_PEQ;
  // stored is read from the quote outwards: prefix from its last unit, suffix from its first.
  for (let i = 0; i < L; i++) {
    const c = dir < 0 ? stored[L - 1 - i]! : stored[i]!;
    peq[c]! |= 1 << i;
  }
  const high = 1 << (L - 1);
  let pv = -1;
  let mv = 0;
  let score = L;
  let best = L;
  for (let j = 1; j <= W; j++) {
    const c = dir < 0 ? text[boundary - j]! : text[boundary + j - 1]!;
    const eq = peq[c]!;
    const xv = eq | mv;
    const xh = (((eq & pv) + pv) ^ pv) | eq;
    let ph = mv | ~(xh | pv);
    let mh = pv & xh;
    if (ph & high) score++;
    else if (mh & high) score--;
    ph = (ph << 1) | 1; // row 0: D[0][j] = j, one more per text unit
    mh <<= 1;
    pv = mh | ~(xv | ph);
    mv = ph & xv;
    if (score < best) best = score;
  }
  for (let i = 0; i < L; i++) peq[stored[i]!] = 0;
  return 1 - best / L;
}

/** The same by the textbook table (any stored length). */
function contextSimilarityTable(stored: Uint16Array, text: Uint16Array, boundary: number, dir: -1 | 1): number {
  const L = stored.length;
  if (L === 0) return 1;
  const W = Math.min(L + (L >> 2) + 1, dir < 0 ? boundary : text.length - boundary);
  // stored is read from the quote outwards: prefix from its last unit, suffix from its first.
  if (ROW_A.length < W + 1) {
    ROW_A = new Int32Array(W + 1);
    ROW_B = new Int32Array(W + 1);
  }
  let prev = ROW_A;
  let cur = ROW_B;
  // The text side read outwards from the boundary, once (not per cell).
  if (SIDE.length < W + 1) SIDE = new Uint16Array(W + 1);
  const side = SIDE;
  for (let j = 1; j <= W; j++) side[j] = dir < 0 ? text[boundary - j]! : text[boundary + j - 1]!;
  for (let j = 0; j <= W; j++) prev[j] = j;
  for (let i = 1; i <= L; i++) {
    const a = dir < 0 ? stored[L - i]! : stored[i - 1]!;
    cur[0] = i;
    for (let j = 1; j <= W; j++) {
      const sub = prev[j - 1]! + (a === side[j] ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    const swap = prev; // no array destructuring: it allocates on every row
    prev = cur;
    cur = swap;
  }
  let best = L;
  for (let j = 0; j <= W; j++) if (prev[j]! < best) best = prev[j]!;
  return 1 - best / L;
}

// ---------------------------------------------------------------------------------------------
// The matcher

export interface QuoteMatcher {
  readonly text: string;
  /** Find the selectors' text; null when nothing scores well enough or the selectors are unusable. */
  match(selectors: SelectorPair, opts?: MatchOptions): QuoteMatch | null;
  /**
   * The matcher's one-off work on the text in pieces of about `units` units, so a caller can pause
   * between them (each iteration is one piece): 'fold' folds the text (every match needs it),
   * 'index' also builds the q-gram index that whole-text fuzzy searches use. Optional to call: both
   * are otherwise done in one go when first needed.
   */
  prepare(what: 'fold' | 'index', units?: number): Generator<void, void, void>;
  /**
   * Like match, but returns DEFERRED instead of doing a whole-text fuzzy search while the q-gram
   * index is not built (so a caller can build it in pieces with prepare('index') and come back).
   * Any other result is exactly what match would return.
   */
  matchOrDefer(selectors: SelectorPair, opts?: MatchOptions): QuoteMatch | null | typeof DEFERRED;
  /**
   * match, cut into steps: each next() does a bounded piece of work (a whole-text fuzzy search is
   * verified in pieces of about VERIFY_UNITS units of pattern-block work, its candidates scored in
   * groups), so a caller can pause between them; the generator returns what match would. Builds the
   * q-gram index in one go if a whole-text search needs it (see prepare). Other searches may run
   * between two steps, and a generator may be abandoned between steps.
   */
  matchSteps(selectors: SelectorPair, opts?: MatchOptions): Generator<void, QuoteMatch | null, void>;
}

/** See QuoteMatcher.matchOrDefer. */
export const DEFERRED: unique symbol = Symbol('deferred');

interface Resolved {
  minScore: number;
  minQuote: number;
  maxErrors: number;
  trustLen: number;
  fuzzy: boolean;
}

function num(v: unknown, def: number, lo: number, hi: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.max(lo, Math.min(hi, v)) : def;
}

function resolve(opts: MatchOptions | undefined): Resolved {
  const o: MatchOptions = opts && typeof opts === 'object' ? opts : {};
  return {
    minScore: num(o.minScore, DEFAULT_MIN_SCORE, 0, 1),
    minQuote: num(o.minQuoteSimilarity, DEFAULT_MIN_QUOTE_SIMILARITY, 0, 1),
    maxErrors: Math.floor(num(o.maxErrors, DEFAULT_MAX_ERRORS, 0, 10_000)),
    trustLen: num(o.trustExactLength, DEFAULT_TRUST_EXACT_LENGTH, 1, Infinity),
    fuzzy: o.fuzzy !== false,
  };
}

/** What one quote brings to scoring, in folded form. */
interface Query {
  exact: string;
  prefix: Uint16Array;
  suffix: Uint16Array;
  /** Old start in input units, or −1 when there is no usable position selector. */
  oldStart: number;
  oldEnd: number;
}

function readSelectors(selectors: unknown): Query | null {
  if (!selectors || typeof selectors !== 'object') return null;
  const { quote, position } = selectors as { quote?: unknown; position?: unknown };
  if (!quote || typeof quote !== 'object') return null;
  const { exact, prefix, suffix } = quote as { exact?: unknown; prefix?: unknown; suffix?: unknown };
  if (typeof exact !== 'string' || exact.length === 0) return null;
  let oldStart = -1;
  let oldEnd = -1;
  if (position && typeof position === 'object') {
    const { start, end } = position as { start?: unknown; end?: unknown };
    if (typeof start === 'number' && typeof end === 'number' && Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start) {
      oldStart = start;
      oldEnd = end;
    }
  }
  return {
    exact,
    prefix: foldText(typeof prefix === 'string' ? prefix : '', false).codes,
    suffix: foldText(typeof suffix === 'string' ? suffix : '', false).codes,
    oldStart,
    oldEnd,
  };
}

interface Candidate {
  start: number;
  end: number;
  q: number;
  score: number;
}

// ---------------------------------------------------------------------------------------------
// q-gram filter for whole-text fuzzy searches.
//
// An alignment of a pattern of length m with at most k edits leaves at least t = m − Q + 1 − k·Q of
// the pattern's Q-grams untouched (each edit touches at most Q of them), and an untouched Q-gram at
// pattern offset i sits in the text at p with |p − i − s| ≤ k, s being where the match starts. So
// counting, for every pattern Q-gram, its text occurrences by diagonal d = p − i, a match can only
// start at s where the 2k + 1 diagonals around s hold ≥ t votes (one sliding-window pass).
// Lossless: hash collisions only add votes; a Q-gram too frequent to vote cheaply is skipped and
// lowers t by one; when t falls below 1, there is no filter (whole text). Patterns of 2..257 units.

const Q = 3;
const HASH_BITS = 18;
/** Q-grams with more text occurrences than this do not vote (t is lowered instead). */
const MAX_QGRAM_OCCURRENCES = 8192;
/** Texts shorter than this are scanned whole (the index would cost more than it saves). */
const FILTER_MIN_TEXT = 16_384;

interface QgramIndex {
  /** heads[h] .. heads[h + 1]: slice of `pos` holding the text offsets of the Q-grams with hash h. */
  heads: Int32Array;
  pos: Int32Array;
}

function qgramHash(c: Uint16Array, i: number): number {
  return (Math.imul(c[i]!, 0x9e3779b1) ^ Math.imul(c[i + 1]!, 0x85ebca77) ^ Math.imul(c[i + 2]!, 0xc2b2ae3d)) >>> (32 - HASH_BITS);
}

function buildQgramIndex(codes: Uint16Array): QgramIndex {
  const steps = qgramIndexSteps(codes, Infinity);
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

/** Build the index, pausing (yield) after about `units` Q-grams of work. */
function* qgramIndexSteps(codes: Uint16Array, units: number): Generator<void, QgramIndex, void> {
  const size = 1 << HASH_BITS;
  const heads = new Int32Array(size + 1);
  const count = Math.max(0, codes.length - Q + 1);
  const step = Math.max(1024, units);
  // The loops live in plain functions: V8 optimises those while they run, not a generator's body.
  for (let a = 0; a < count; a += step) {
    const b = Math.min(count, a + step);
    countQgrams(codes, heads, a, b);
    if (b < count) yield;
  }
  for (let h = 0; h < size; h++) heads[h + 1]! += heads[h]!;
  const fill = heads.slice(0, size);
  const pos = new Int32Array(count);
  for (let a = 0; a < count; a += step) {
    yield;
    placeQgrams(codes, fill, pos, a, Math.min(count, a + step));
  }
  return { heads, pos };
}

function countQgrams(codes: Uint16Array, heads: Int32Array, a: number, b: number): void {
  for (let i = a; i < b; i++) heads[qgramHash(codes, i) + 1]!++;
}

function placeQgrams(codes: Uint16Array, fill: Int32Array, pos: Int32Array, a: number, b: number): void {
  for (let i = a; i < b; i++) pos[fill[qgramHash(codes, i)]!++] = i;
}

/**
 * Folded-text regions [a, b) to scan for `pat` with ≤ k edits; null = no filtering possible.
 * `votes` is a zeroed scratch buffer of at least n + m + 1 entries (left zeroed on return).
 */
function qgramRegions(index: QgramIndex, n: number, pat: Uint16Array, k: number, votes: Uint8Array): [number, number][] | null {
  const m = pat.length;
  const grams = m - Q + 1;
  let t = grams - k * Q;
  if (grams <= 0 || grams > 255 || t < 1) return null;
  const { heads, pos } = index;
  // votes[d + m]: pattern Q-grams whose text occurrence lies on diagonal d (each pattern offset
  // votes at most once per diagonal, so a byte is enough).
  let lo = n + m;
  let hi = 0;
  // votes per block of 2k + 1 diagonals, to skip the stretches where no window can reach t
  const blocks = new Int32Array(Math.floor((n + m) / (2 * k + 1)) + 2);
  const bw = 2 * k + 1;
  for (let i = 0; i < grams; i++) {
    const h = qgramHash(pat, i);
    const a = heads[h]!;
    const b = heads[h + 1]!;
    if (b - a > MAX_QGRAM_OCCURRENCES) {
      t -= 1;
      continue;
    }
    for (let j = a; j < b; j++) {
      const d = pos[j]! - i + m;
      votes[d]!++;
      blocks[(d / bw) | 0]!++;
      if (d < lo) lo = d;
      if (d > hi) hi = d;
    }
  }
  const out: [number, number][] = [];
  if (t < 1) {
    votes.fill(0, lo, hi + 1);
    return null;
  }
  // A match starting at s has ≥ t votes on diagonals [s − k, s + k]: windows of w = 2k + 1. A window
  // ending at x lies in blocks ⌊x/w⌋ − 1 and ⌊x/w⌋ of w diagonals, so only the windows ending in a
  // block whose sum with the previous block's reaches t are counted, one by one.
  const w = 2 * k + 1;
  const nb = Math.floor(hi / w) + 1;
  let covered = 0;
  for (let bx = Math.floor(lo / w); bx < nb; bx++) {
    if ((bx > 0 ? blocks[bx - 1]! : 0) + blocks[bx]! < t) continue;
    const x0 = Math.max(lo, bx * w);
    const x1 = Math.min(hi, bx * w + w - 1);
    let sum = 0;
    for (let y = Math.max(lo, x0 - w + 1); y <= x0; y++) sum += votes[y]!;
    for (let x = x0; x <= x1; x++) {
      if (x > x0) {
        sum += votes[x]!;
        if (x - w >= lo) sum -= votes[x - w]!;
      }
      if (sum < t) continue;
      // window [x − 2k, x] of diagonals (offset by m): the match starts at s = x − k − m
      const st = x - k - m;
      const ra = Math.max(0, st - 1);
      const rb = Math.min(n, st + m + k + 1);
      if (rb <= ra) continue;
      const last = out[out.length - 1];
      if (last && ra <= last[1]) {
        covered += Math.max(0, rb - last[1]);
        last[1] = Math.max(last[1], rb);
      } else {
        out.push([ra, rb]);
        covered += rb - ra;
      }
    }
  }
  votes.fill(0, lo, hi + 1);
  return covered > n / 2 ? null : out;
}

/** A quote that steps 1 and 2 did not settle: what the fuzzy round starts from. */
class Pending {
  constructor(
    readonly q: Query,
    readonly o: Resolved,
    readonly best: Candidate | null,
    readonly exactFallback: Candidate | null,
  ) {}
}

class Matcher implements QuoteMatcher {
  readonly text: string;
  private folded: Folded | null = null;
  private index: QgramIndex | null = null;
  private votes: Uint8Array | null = null;

  constructor(text: string) {
    this.text = text;
  }

  private deferring = false;
  private foldJob: FoldJob | null = null;

  private getFolded(): Folded {
    if (!this.folded) {
      const job = this.foldJob ?? startFold(this.text, true);
      while (!foldSome(job, this.text.length)) {
        /* finish in one go */
      }
      this.folded = job.result!;
      this.foldJob = null;
    }
    return this.folded;
  }

  *prepare(what: 'fold' | 'index', units = 65_536): Generator<void, void, void> {
    const step = Math.max(1024, Number.isFinite(units) ? Math.floor(units) : 65_536);
    if (!this.folded) {
      this.foldJob ??= startFold(this.text, true);
      while (!foldSome(this.foldJob, step)) yield;
      this.folded = this.foldJob.result!;
      this.foldJob = null;
    }
    if (what !== 'index' || this.index || this.folded.codes.length < FILTER_MIN_TEXT) return;
    yield;
    const steps = qgramIndexSteps(this.folded.codes, step);
    let r = steps.next();
    while (!r.done) {
      yield;
      if (this.index) return; // built meanwhile by a match
      r = steps.next();
    }
    this.index = r.value;
  }

  matchOrDefer(selectors: SelectorPair, opts?: MatchOptions): QuoteMatch | null | typeof DEFERRED {
    this.deferring = true;
    try {
      return this.match(selectors, opts);
    } catch (e) {
      if (e === DEFERRED) return DEFERRED;
      throw e;
    } finally {
      this.deferring = false;
    }
  }

  /** Position closeness 0..1 of a candidate starting at `start`, or −1 when there is no old position. */
  private positionScore(q: Query, start: number): number {
    if (q.oldStart < 0) return -1;
    return 1 - Math.min(1, Math.abs(start - q.oldStart) / POSITION_SCALE);
  }

  private score(q: Query, start: number, end: number, quoteSim: number): number {
    const f = this.getFolded();
    let total = W_QUOTE * quoteSim;
    let weight = W_QUOTE;
    const pos = this.positionScore(q, start);
    if (pos >= 0) {
      total += W_POSITION * pos;
      weight += W_POSITION;
    }
    const fs = toFolded(f.map, start);
    const fe = toFolded(f.map, end);
    if (q.prefix.length > 0) {
      total += W_PREFIX * agreement(contextSimilarity(q.prefix, f.codes, fs, -1));
      weight += W_PREFIX;
    } else if (fs === 0) {
      total += W_PREFIX;
      weight += W_PREFIX;
    }
    if (q.suffix.length > 0) {
      total += W_SUFFIX * agreement(contextSimilarity(q.suffix, f.codes, fe, 1));
      weight += W_SUFFIX;
    } else if (fe === f.codes.length) {
      total += W_SUFFIX;
      weight += W_SUFFIX;
    }
    return total / weight;
  }

  /** Best possible score given the quote similarity and position only (contexts assumed perfect). */
  private bound(q: Query, start: number, quoteSim: number): number {
    let total = W_QUOTE * quoteSim + W_PREFIX + W_SUFFIX;
    let weight = W_QUOTE + W_PREFIX + W_SUFFIX;
    const pos = this.positionScore(q, start);
    if (pos >= 0) {
      total += W_POSITION * pos;
      weight += W_POSITION;
    }
    return total / weight;
  }

  match(selectors: SelectorPair, opts?: MatchOptions): QuoteMatch | null {
    const r = this.begin(selectors, opts);
    return r instanceof Pending ? runSteps(this.finish(r)) : r;
  }

  *matchSteps(selectors: SelectorPair, opts?: MatchOptions): Generator<void, QuoteMatch | null, void> {
    const r = this.begin(selectors, opts);
    return r instanceof Pending ? yield* this.finish(r) : r;
  }

  /** Steps 1 and 2 (plain code: most quotes end here); Pending when the fuzzy round is needed. */
  private begin(selectors: SelectorPair, opts?: MatchOptions): QuoteMatch | null | Pending {
    const q = readSelectors(selectors);
    if (!q) return null;
    const o = resolve(opts);
    const text = this.text;
    const m = q.exact.length;
    if (m > text.length + o.maxErrors) return null;
    const trusted = m >= o.trustLen;

    // 1. position
    if (q.oldStart >= 0 && q.oldEnd <= text.length && q.oldEnd - q.oldStart === m && text.startsWith(q.exact, q.oldStart)) {
      const score = this.score(q, q.oldStart, q.oldEnd, 1);
      if (trusted || score >= o.minScore) return { start: q.oldStart, end: q.oldEnd, score, method: 'position', quoteSimilarity: 1 };
    }

    // 2. exact occurrences, scored nearest the old position first (so that, once the right one is
    //    scored, the bound skips the rest); ties go to the one nearest the old position
    //    First only the occurrences near the old position: when the best of them already scores at
    //    least minScore and more than any occurrence farther away could (its position term is
    //    capped by the distance), the rest of the text is not searched. Same result, no O(n) pass.
    let best: Candidate | null = null;
    let occurrences = -1;
    if (q.oldStart >= 0 && text.length > 2 * EXACT_WINDOW) {
      const from = Math.max(0, q.oldStart - EXACT_WINDOW);
      const to = Math.min(text.length, q.oldStart + EXACT_WINDOW + m);
      const near: number[] = [];
      // Searched in a slice: indexOf on the whole text would run on to the end when nothing is near.
      const hay = text.slice(from, to);
      for (let i = hay.indexOf(q.exact); i >= 0; i = hay.indexOf(q.exact, i + 1)) near.push(from + i);
      best = this.bestExact(q, near, m, null);
      // Any occurrence outside [from, to) starts at least this far from the old position.
      const gap = Math.min(from > 0 ? q.oldStart - from : Infinity, to < text.length ? to - m - q.oldStart : Infinity);
      if (!(best && best.score >= o.minScore && best.score > this.bound(q, gap >= q.oldStart ? 0 : q.oldStart - gap, 1))) best = null;
    }
    if (!best) {
      const found: number[] = [];
      for (let i = text.indexOf(q.exact); i >= 0; i = text.indexOf(q.exact, i + 1)) found.push(i);
      occurrences = found.length;
      best = this.bestExact(q, found, m, null);
    }
    if (best && best.score >= o.minScore) {
      return { start: best.start, end: best.end, score: best.score, method: 'exact', quoteSimilarity: 1 };
    }
    // A long quote found once is trusted without context, but only if the fuzzy round finds nothing
    // acceptable: an in-place edit with its surroundings intact wins over a copy elsewhere.
    const exactFallback = best && trusted && occurrences === 1 ? best : null;
    return new Pending(q, o, best, exactFallback);
  }

  /** Step 3, in steps (see matchSteps). */
  private *finish({ q, o, best, exactFallback }: Pending): Generator<void, QuoteMatch | null, void> {
    const text = this.text;
    // 3. fuzzy; the exact occurrences come back here with zero errors and compete on score
    if (o.fuzzy) {
      const fz = yield* this.fuzzy(q, o, best);
      if (fz) {
        const method: MatchMethod = text.slice(fz.start, fz.end) === q.exact ? 'exact' : 'fuzzy';
        return { start: fz.start, end: fz.end, score: fz.score, method, quoteSimilarity: fz.q };
      }
    }
    if (exactFallback) return { start: exactFallback.start, end: exactFallback.end, score: exactFallback.score, method: 'exact', quoteSimilarity: 1 };
    return null;
  }

  /** Best exact occurrence by score, nearest the old position first (at most MAX_CANDIDATES scored). */
  private bestExact(q: Query, found: number[], m: number, best: Candidate | null): Candidate | null {
    if (q.oldStart >= 0 && found.length > 1) found.sort((a, b) => Math.abs(a - q.oldStart) - Math.abs(b - q.oldStart) || a - b);
    for (const i of found.length > MAX_CANDIDATES ? found.slice(0, MAX_CANDIDATES) : found) {
      if (best && this.bound(q, i, 1) < best.score) continue;
      const score = this.score(q, i, i + m, 1);
      if (!best || score > best.score || (score === best.score && this.closer(q, i, best.start))) best = { start: i, end: i + m, q: 1, score };
    }
    return best;
  }

  private closer(q: Query, a: number, b: number): boolean {
    if (q.oldStart < 0) return a < b;
    return Math.abs(a - q.oldStart) < Math.abs(b - q.oldStart);
  }

  private *fuzzy(q: Query, o: Resolved, seed: Candidate | null): Generator<void, Candidate | null, void> {
    const pat = foldText(q.exact, false).codes;
    if (pat.length === 0) return null;
    return yield* holdingAlphabet(pat, (alpha) => this.fuzzySteps(q, o, seed, pat, alpha));
  }

  private *fuzzySteps(q: Query, o: Resolved, seed: Candidate | null, pat: Uint16Array, alpha: Alphabet): Generator<void, Candidate | null, void> {
    const f = this.getFolded();
    const m = pat.length;
    const k = Math.min(o.maxErrors, Math.floor(m * (1 - o.minQuote) + 1e-9));
    const n = f.codes.length;
    const s: Search = {
      m,
      k,
      full: buildPattern(pat, alpha),
      rev: buildPattern(reversed(pat), alpha),
      head: m > LONG_PATTERN ? buildPattern(pat.subarray(0, PIECE), alpha) : null,
      tail: m > LONG_PATTERN ? buildPattern(pat.subarray(m - PIECE), alpha) : null,
    };
    const accept = (c: Candidate | null): c is Candidate => !!c && c.score >= o.minScore && c.q >= o.minQuote;
    let best = seed;
    // First a window around the old position, then (if nothing acceptable) the whole text.
    if (q.oldStart >= 0 && n > 2 * (m + k + WINDOW_MARGIN)) {
      const center = toFolded(f.map, q.oldStart);
      const from = Math.max(0, center - k - WINDOW_MARGIN);
      const to = Math.min(n, center + m + k + WINDOW_MARGIN);
      best = yield* this.bestIn(q, f, s, from, to, best);
      if (accept(best)) return this.snap(q, best, s);
    }
    const regions = s.head ? null : this.filterRegions(pat, k);
    yield;
    best = yield* this.bestIn(q, f, s, 0, n, best, regions);
    return accept(best) ? this.snap(q, best, s) : null;
  }

  /**
   * Where the edges of the quote were edited, alignments with about as many errors may start or end
   * several units apart, and the minimum-error one can cut into or spill past the old passage. For the
   * winning fuzzy candidate, each boundary is chosen again (within min(k, 32) units for the end, among
   * the alignments with at most k errors for the start) to maximise the score's own terms on that
   * side: W_QUOTE · (1 − errors/m) + W_SUFFIX (W_PREFIX) · context agreement; ties go to the old
   * boundary (the length nearest m). Exact matches are left alone.
   */
  private snap(q: Query, c: Candidate, s: Search): Candidate {
    if (this.text.slice(c.start, c.end) === q.exact) return c;
    const f = this.getFolded();
    const codes = f.codes;
    const { m, k } = s;
    const radius = Math.min(k, QUOTE_CONTEXT_CHARS);
    const fs0 = toFolded(f.map, c.start);
    const fe0 = toFolded(f.map, c.end);

    // End: errors of the best alignment ending at each e near fe0 (start free).
    let bestE = fe0;
    let bestV = -Infinity;
    scan(codes, Math.max(0, fe0 - radius - m - k), Math.min(codes.length, fe0 + radius), s.full, k, (e, err) => {
      if (e < fe0 - radius) return;
      let v = W_QUOTE * (1 - err / m);
      if (q.suffix.length > 0) v += W_SUFFIX * agreement(contextSimilarity(q.suffix, codes, e, 1));
      if (v > bestV + 1e-9 || (Math.abs(v - bestV) <= 1e-9 && Math.abs(e - fe0) < Math.abs(bestE - fe0))) {
        bestV = v;
        bestE = e;
      }
    });
    if (bestV === -Infinity) return c;

    // Start: errors of the alignment of the whole pattern ending at bestE, for each start.
    const lo = Math.max(0, bestE - m - k);
    const window = reversed(codes.subarray(lo, bestE));
    let bestS = -1;
    let bestErr = 0;
    bestV = -Infinity;
    scan(window, 0, window.length, s.rev, k, (len, err) => {
      const st = bestE - len;
      let v = W_QUOTE * (1 - err / m);
      if (q.prefix.length > 0) v += W_PREFIX * agreement(contextSimilarity(q.prefix, codes, st, -1));
      if (v > bestV + 1e-9 || (Math.abs(v - bestV) <= 1e-9 && Math.abs(len - m) < Math.abs(bestE - bestS - m))) {
        bestV = v;
        bestS = st;
        bestErr = err;
      }
    });
    if (bestS < 0 || bestS >= bestE || (bestS === fs0 && bestE === fe0)) return c;
    let start = f.map[bestS]!;
    let end = f.map[bestE - 1]! + 1;
    if (splitsPair(this.text, start)) start--;
    if (splitsPair(this.text, end)) end++;
    const qs = 1 - bestErr / m;
    const snapped = { start, end, q: qs, score: this.score(q, start, end, qs) };
    return snapped.score >= c.score ? snapped : c;
  }

  /** The folded text's q-gram index (built on the first whole-text fuzzy search, then reused). */
  private getIndex(): QgramIndex {
    if (!this.index) this.index = buildQgramIndex(this.getFolded().codes);
    return this.index;
  }

  /**
   * Regions of the folded text that can hold a match of `pat` with at most k edits (q-gram filter,
   * see filterRegions below), or null when the filter cannot rule anything out (then: whole text).
   */
  private filterRegions(pat: Uint16Array, k: number): [number, number][] | null {
    const n = this.getFolded().codes.length;
    if (n < FILTER_MIN_TEXT) return null;
    if (this.deferring && !this.index) throw DEFERRED;
    const need = n + pat.length + 1;
    if (!this.votes || this.votes.length < need) this.votes = new Uint8Array(need);
    return qgramRegions(this.getIndex(), n, pat, k, this.votes);
  }

  /**
   * Best candidate (by score) among the fuzzy matches lying in folded text [from, to); only inside
   * `regions` (sorted, disjoint, within [from, to)) when given. Yields after about VERIFY_UNITS units
   * of scanning work and after every CANDIDATES_PER_STEP candidates scored.
   */
  private *bestIn(
    q: Query,
    f: Folded,
    s: Search,
    from: number,
    to: number,
    best: Candidate | null,
    regions: [number, number][] | null = null,
  ): Generator<void, Candidate | null, void> {
    const { m, k } = s;
    const codes = f.codes;
    let verify = regions ?? [[from, to] as [number, number]];
    if (s.head && s.tail) {
      // Long pattern: where its first and last PIECE units are found, in pieces, then merged.
      const raw: [number, number][] = [];
      for (const [ra, rb] of verify) {
        for (const [a, b, lead] of pieces(ra, rb, PIECE + (k >> 1), pieceSize(s.head))) {
          longHits(codes, a, b, lead, s, raw);
          yield;
        }
      }
      verify = mergeRegions(raw, from, to);
    }
    const ends: number[] = [];
    const errs: number[] = [];
    const collect = (end: number, errors: number) => {
      ends.push(end);
      errs.push(errors);
    };
    let work = 0;
    for (const [ra, rb] of verify) {
      for (const units of scanInPieces(codes, ra, rb, s.full, k, pieceSize(s.full), collect)) {
        work += units;
        if (work >= VERIFY_UNITS) {
          work = 0;
          yield;
        }
      }
    }

    // Keep local minima: one candidate per valley of the error curve.
    const cand: number[] = [];
    for (let i = 0; i < ends.length; i++) {
      const e = errs[i]!;
      const prev = i > 0 && ends[i - 1] === ends[i]! - 1 ? errs[i - 1]! : Infinity;
      const next = i + 1 < ends.length && ends[i + 1] === ends[i]! + 1 ? errs[i + 1]! : Infinity;
      if (e < prev && e <= next) cand.push(i);
    }
    // Fewest errors first, then nearest the old position: good candidates early make the bound prune.
    const oldF = q.oldStart >= 0 ? toFolded(f.map, q.oldStart) + m : -1;
    cand.sort((a, b) => errs[a]! - errs[b]! || (oldF >= 0 ? Math.abs(ends[a]! - oldF) - Math.abs(ends[b]! - oldF) : ends[a]! - ends[b]!));
    if (cand.length > MAX_CANDIDATES) cand.length = MAX_CANDIDATES;
    let scored = 0;
    for (const i of cand) {
      const fe = ends[i]!;
      const errors = errs[i]!;
      const qs = 1 - errors / m;
      if (best && this.bound(q, f.map[Math.max(0, fe - m)]!, qs) < best.score) continue;
      if (++scored % CANDIDATES_PER_STEP === 0) yield;
      const fs = startOf(codes, fe, s, errors, from);
      let start = f.map[fs]!;
      let end = f.map[fe - 1]! + 1;
      if (splitsPair(this.text, start)) start--;
      if (splitsPair(this.text, end)) end++;
      const score = this.score(q, start, end, qs);
      if (!best || score > best.score || (score === best.score && this.closer(q, start, best.start))) best = { start, end, q: qs, score };
    }
    return best;
  }
}

/** Pattern-block units of scanning (text units × 32-unit blocks) between two steps of a search. */
const VERIFY_UNITS = 65_536;
/** Fuzzy candidates located and scored between two steps. */
const CANDIDATES_PER_STEP = 64;

/** Text units per piece of a scan with pattern p: about VERIFY_UNITS of work, at least 4,096 units. */
function pieceSize(p: Pattern): number {
  return Math.max(4096, Math.floor(VERIFY_UNITS / p.blocks));
}

/**
 * [ra, rb) cut into pieces [a, b) of `size` units, each with the `lead` units before it that a scan
 * must also read (never before ra): yields [a, b, lead].
 */
function* pieces(ra: number, rb: number, lead: number, size: number): Generator<[number, number, number], void, void> {
  const step = Math.max(1, Math.floor(size));
  for (let a = ra; a < rb; a += step) yield [a, Math.min(rb, a + step), Math.min(lead, a - ra)];
}

/**
 * One piece [a, b) of a scan cut by pieces(): reads its `lead` units too and reports only the ends
 * past a (those before were the previous piece's).
 */
function scanPiece(codes: Uint16Array, a: number, b: number, lead: number, p: Pattern, k: number, report: (end: number, errors: number) => void): void {
  scan(codes, a - lead, b, p, k, lead === 0 ? report : (end, errors) => end > a && report(end, errors));
}

/**
 * scan over [ra, rb) in pieces of `size` units, reporting exactly what one scan of [ra, rb) would:
 * each piece starts m + k units early (an alignment of at most k edits is at most m + k long, so
 * every end past the piece's own start gets its value as in one go) and reports only the ends past
 * its start. Yields the work done by each piece (text units × pattern blocks).
 */
function* scanInPieces(
  codes: Uint16Array,
  ra: number,
  rb: number,
  p: Pattern,
  k: number,
  size: number,
  report: (end: number, errors: number) => void,
): Generator<number, void, void> {
  for (const [a, b, lead] of pieces(ra, rb, p.length + k, size)) {
    scanPiece(codes, a, b, lead, p, k, report);
    yield (b - a + lead) * p.blocks;
  }
}

interface Search {
  m: number;
  k: number;
  full: Pattern;
  rev: Pattern;
  /** First and last PIECE units, for patterns longer than LONG_PATTERN. */
  head: Pattern | null;
  tail: Pattern | null;
}

/** Folded start of the best alignment of the pattern ending at fe with `errors` edits (length nearest m). */
function startOf(codes: Uint16Array, fe: number, s: Search, errors: number, from: number): number {
  const m = s.m;
  const lo = Math.max(from, fe - m - s.k);
  const window = reversed(codes.subarray(lo, fe));
  let bestStart = Math.max(lo, fe - m);
  let bestGap = Infinity;
  scan(window, 0, window.length, s.rev, errors, (len) => {
    const gap = Math.abs(len - m);
    if (gap < bestGap) {
      bestGap = gap;
      bestStart = fe - len;
    }
  });
  return bestStart;
}

/**
 * Regions worth verifying for a long pattern: around the hits of its first and last PIECE units, each
 * searched with ⌊k/2⌋ errors (if both pieces had more, the whole would have more than k). A head
 * alignment ending at x puts the whole match in [x − PIECE − k/2, x − PIECE + k/2 + m + k]; a tail
 * alignment ending at y puts it in [y − m − k, y]. Scans the piece [a, b) with its lead (scanPiece)
 * and adds the windows of its hits to `raw`. Merge them with mergeRegions.
 */
function longHits(codes: Uint16Array, a: number, b: number, lead: number, s: Search, raw: [number, number][]): void {
  const { m, k } = s;
  const half = k >> 1;
  scanPiece(codes, a, b, lead, s.head!, half, (x) => void raw.push([x - PIECE - half, x - PIECE + half + m + k]));
  scanPiece(codes, a, b, lead, s.tail!, half, (y) => void raw.push([y - m - k, y]));
}

/** Windows clipped to [from, to), sorted and merged into disjoint regions. */
function mergeRegions(raw: [number, number][], from: number, to: number): [number, number][] {
  raw.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [a0, b0] of raw) {
    const a = Math.max(from, a0);
    const b = Math.min(to, b0);
    if (b <= a) continue;
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

/**
 * Runs `steps` (a search using the shared character-id table for `pat`) holding the table only while
 * a step runs: it is released before each yield and set again before the next step (the same ids:
 * they follow the order of first occurrence in `pat`). So other searches may run between two steps,
 * and a generator abandoned between steps leaves the table clean.
 */
function* holdingAlphabet<T>(pat: Uint16Array, steps: (alpha: Alphabet) => Generator<void, T, void>): Generator<void, T, void> {
  let alpha: Alphabet | null = setAlphabet(pat);
  try {
    const it = steps(alpha);
    for (;;) {
      const r = it.next();
      if (r.done) return r.value;
      alpha.release();
      alpha = null;
      yield;
      alpha = setAlphabet(pat);
    }
  } finally {
    alpha?.release();
  }
}

/** A matcher for one text, to reuse for many quotes (folding the text is done once, lazily). */
export function createMatcher(text: string): QuoteMatcher {
  return new Matcher(typeof text === 'string' ? text : '');
}

let lastMatcher: Matcher | null = null;

/**
 * Find the selectors' text in `text` (see module comment for the steps, score and thresholds).
 * Calling it repeatedly with the same text reuses the folded text of the previous call.
 */
export function matchQuote(text: string, selectors: SelectorPair, opts?: MatchOptions): QuoteMatch | null {
  if (typeof text !== 'string') return null;
  if (!lastMatcher || lastMatcher.text !== text) lastMatcher = new Matcher(text);
  return lastMatcher.match(selectors, opts);
}

/**
 * Match many selector pairs against one text, one item per iteration, so a caller can stop between
 * items (yield to the page, give up). Yields { index, match } in input order.
 */
export function* matchMany(
  text: string,
  selectorsList: readonly SelectorPair[],
  opts?: MatchOptions,
): Generator<{ index: number; match: QuoteMatch | null }, void, void> {
  const matcher = createMatcher(text);
  const list = Array.isArray(selectorsList) ? selectorsList : [];
  for (let index = 0; index < list.length; index++) yield { index, match: matcher.match(list[index]!, opts) };
}

/**
 * The regions [a, b) of `text` that the q-gram filter keeps for a search of `pattern` with at most
 * `maxErrors` edits (null: the filter cannot rule anything out, the whole text is searched). Exposed
 * for tests and tools; no folding is applied, and texts shorter than the filter's minimum are indexed
 * all the same.
 */
export function qgramFilterRegions(text: string, pattern: string, maxErrors: number): [number, number][] | null {
  if (typeof text !== 'string' || typeof pattern !== 'string' || !(maxErrors >= 0)) return null;
  const t = codesOf(text);
  const p = codesOf(pattern);
  return qgramRegions(buildQgramIndex(t), t.length, p, Math.floor(maxErrors), new Uint8Array(t.length + p.length + 1));
}

/**
 * Similarity (0..1) of a stored context with the text on one side of `boundary` (dir −1: the text
 * before it, read backwards, as for a prefix; +1: after it, as for a suffix), by the bit-vector
 * method ('bits', contexts of at most 32 units) or the table ('table'). Exposed for tests; no folding.
 */
export function contextSimilarityOf(stored: string, text: string, boundary: number, dir: -1 | 1, method: 'bits' | 'table'): number {
  const s = codesOf(typeof stored === 'string' ? stored : '');
  const t = codesOf(typeof text === 'string' ? text : '');
  const b = Math.max(0, Math.min(t.length, Math.trunc(boundary) || 0));
  if (s.length === 0) return 1;
  return method === 'bits' && s.length <= 32 ? contextSimilarityBits(s, t, b, dir) : contextSimilarityTable(s, t, b, dir);
}
