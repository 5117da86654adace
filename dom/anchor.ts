/**
 * Re-anchoring saved highlights in the page. Works over an abstract text snapshot (`{ text }`) and a
 * function turning snapshot offsets into a DOM Range (e.g. dom/extract.ts: `extractText` and
 * `(s, e) => rangeFromOffsets(snapshot, s, e)`), so the text matching itself stays pure
 * (engine/quote-match.ts) and the DOM walk stays in one place.
 *
 * Matching runs one item at a time; between items, and between the steps of one item's whole-text
 * search, `shouldYield()` is asked and, when it says so, `await yieldFn()` lets the page breathe.
 * The default is a time slice of SLICE_MS followed by a macrotask (yieldToPage). The matcher's one-off work on the page text (folding it; the q-gram
 * index, only if some item needs a whole-text fuzzy search) is done in pieces with the same
 * yielding, and the items needing that index are matched after it is built, each search itself in
 * steps (QuoteMatcher.matchSteps): no single step costs more than one piece of one search.
 */
import type { SelectorPair } from '../engine/annotation';
import { DEFERRED, createMatcher, describeQuote, type MatchMethod, type MatchOptions, type QuoteMatch } from '../engine/quote-match';

export interface AnchorSnapshot {
  readonly text: string;
}

/** Offsets into the snapshot text → a live Range, or null when they cannot be mapped. */
export type ToRange = (start: number, end: number) => Range | null;

export interface AnchorItem {
  id: string;
  selectors: SelectorPair;
}

export interface AnchoredItem {
  id: string;
  range: Range;
  /** Offsets into the snapshot text. */
  start: number;
  end: number;
  method: MatchMethod;
  score: number;
}

export interface AnchorResult {
  anchored: AnchoredItem[];
  /** Ids of the items that could not be anchored (no acceptable match, or no Range for it). */
  orphans: string[];
}

export interface AnchorOptions extends MatchOptions {
  /**
   * Asked after each item and after each step of a whole-text search; true = yield before going on.
   * Default: a SLICE_MS time slice has passed.
   */
  shouldYield?: () => boolean;
  /** Awaited when yielding. Default: yieldToPage (one macrotask). */
  yieldFn?: () => Promise<void>;
}

/** Default time slice (ms) before yielding to the page. */
export const SLICE_MS = 8;

/** Text units of one-off matcher work (folding, indexing) between two chances to yield. */
const PREPARE_UNITS = 32_768;

const now = (): number => (typeof performance !== 'undefined' && typeof performance.now === 'function' ? performance.now() : Date.now());

/**
 * Yield to the page for one macrotask. A MessageChannel message where there is one: setTimeout(0)
 * is clamped to 4 ms once timers nest, which idled ~30 ms of the 1,000-highlight bench's ~215 ms.
 */
export function yieldToPage(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

/**
 * Anchor every item in the snapshot. Never rejects: an item that cannot be matched or mapped to a
 * Range (toRange returns null or throws) is an orphan; items without a string id are skipped, as
 * they could not be reported. Results keep the input order.
 */
export async function anchorAll(
  snapshot: AnchorSnapshot,
  toRange: ToRange,
  items: readonly AnchorItem[],
  opts: AnchorOptions = {},
): Promise<AnchorResult> {
  const anchored: AnchoredItem[] = [];
  const orphans: string[] = [];
  const list = Array.isArray(items) ? items : [];
  if (list.length === 0) return { anchored, orphans };
  const text = snapshot && typeof snapshot.text === 'string' ? snapshot.text : '';
  const o = opts && typeof opts === 'object' ? opts : {};
  const matcher = createMatcher(text);
  let sliceStart = now();
  const shouldYield = typeof o.shouldYield === 'function' ? o.shouldYield : () => now() - sliceStart >= SLICE_MS;
  const yieldFn = typeof o.yieldFn === 'function' ? o.yieldFn : yieldToPage;
  const pause = async (): Promise<void> => {
    try {
      await yieldFn();
    } catch {
      // a failing yield only costs responsiveness
    }
    sliceStart = now();
  };
  /** Runs work cut into steps, asking shouldYield after each one; returns its result. */
  const drive = async <T>(steps: Generator<void, T, void>): Promise<T> => {
    let r = steps.next();
    while (!r.done) {
      if (ask(shouldYield)) await pause();
      r = steps.next();
    }
    return r.value;
  };

  // The matcher's one-off work (folding the page text) in pieces, not inside the first item.
  await drive(matcher.prepare('fold', PREPARE_UNITS));

  // Pass 1: every item, except those that need a whole-text fuzzy search before the text's q-gram
  // index exists; pass 2 builds the index in pieces and finishes them. Same results as one pass.
  const results: (AnchoredItem | null | undefined)[] = new Array(list.length);
  const later: number[] = [];
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (item && typeof item === 'object' && typeof item.id === 'string') {
      const m = matcher.matchOrDefer(item.selectors, o);
      if (m === DEFERRED) later.push(i);
      else results[i] = anchorOne(m, toRange, item.id);
    }
    if (i + 1 < list.length && ask(shouldYield)) await pause();
  }
  if (later.length) {
    await drive(matcher.prepare('index', PREPARE_UNITS));
    for (let j = 0; j < later.length; j++) {
      const i = later[j]!;
      const item = list[i]!;
      // A whole-text fuzzy search is itself cut into steps: a slice can end inside it.
      results[i] = anchorOne(await drive(matcher.matchSteps(item.selectors, o)), toRange, item.id);
      if (j + 1 < later.length && ask(shouldYield)) await pause();
    }
  }
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (!item || typeof item !== 'object' || typeof item.id !== 'string') continue;
    const r = results[i];
    if (r) anchored.push(r);
    else orphans.push(item.id);
  }
  return { anchored, orphans };
}

function anchorOne(m: QuoteMatch | null, toRange: ToRange, id: string): AnchoredItem | null {
  if (!m) return null;
  let range: Range | null = null;
  try {
    range = typeof toRange === 'function' ? toRange(m.start, m.end) : null;
  } catch {
    range = null;
  }
  if (!range) return null;
  return { id, range, start: m.start, end: m.end, method: m.method, score: m.score };
}

function ask(shouldYield: () => boolean): boolean {
  try {
    return shouldYield() === true;
  } catch {
    return false;
  }
}

/** Selectors to store for snapshot text [start, end): see describeQuote (null for an empty or invalid range). */
export function selectorsFromRange(text: string, start: number, end: number): SelectorPair | null {
  return describeQuote(text, start, end);
}
