/**
 * The page scanner: finds the page's text blocks, runs the engine on them in budgeted slices,
 * paints the claims, and keeps everything current as the page changes.
 *
 * - A block is an element from BLOCK_TAGS (p, li, td, div…) that directly owns visible text; its
 *   text is extractText(block, { stopAtBlocks: true }) (nested blocks are blocks of their own).
 *   Claim offsets (start, end, sentenceStart, sentenceEnd) are relative to that block text.
 * - Small blocks are batched into one detect() call of up to `sliceChars` characters, joined with
 *   "\n\n" (a sentence boundary for the engine); a claim that would cross two blocks is dropped.
 *   A block longer than the slice is cut at line or sentence ends into several calls, one per task.
 * - Slices adapt to the engine's speed: the scanner measures detect() time (with `now`) and sizes
 *   the next slices to take about `sliceMs`, between 256 characters and `sliceChars` (1,000 until
 *   two calls have been timed; a slower call shrinks them at once, faster ones let them grow back
 *   gradually). A clock that does not move (tests) then gives `sliceChars`.
 * - Blocks intersecting the viewport go first (found with a binary search over the blocks' boxes:
 *   O(log n) getBoundingClientRect reads, no writes, so at most one layout), then the rest in
 *   document order.
 * - One MutationObserver (childList, characterData, subtree, and the hidden/open/contenteditable/
 *   style attributes) marks changed blocks dirty; they are rescanned in the next frame through the
 *   scheduler. A block whose text did not change is not sent to detect() again (its claims are
 *   re-anchored to the new nodes). A burst touching more than `hugeBurst` blocks becomes one
 *   deferred full rescan. Mutations inside the extension's own UI (`data-claim-lens`) are ignored,
 *   and in wrap-painting mode the scanner drops the mutations its own marks cause.
 * - popstate, hashchange and `claim-lens:navigate` (dispatched by the content script after
 *   pushState/replaceState) trigger a full rescan; unchanged blocks cost an extraction, not a detect.
 * - onClaims(claims, info) is called at most once per frame, after a frame in which claims changed
 *   or the last pending block was scanned, with the full current list in document order and the
 *   number of blocks still waiting (info.pending; 0 means the page is fully scanned).
 *
 * Not covered: text in shadow roots and iframes; CSS-hidden text unless extract.checkVisibility.
 */
import type { Claim, DetectOptions } from '../engine/types';
import {
  BLOCK_SEPARATOR,
  extractText,
  hiddenByClosedDetails,
  isInsideOwnUi,
  isOwnUiElement,
  isSkippedElement,
  nearestBlock,
  rangeFromOffsets,
  type ExtractOptions,
  type TextSnapshot,
} from './extract';
import type { Painter } from './paint';
import type { Scheduler, Task } from './scheduler';

export type DetectFn = (text: string, options?: DetectOptions) => Claim[];

/** A claim on the page. Offsets are relative to the block's text (see file comment). */
export interface PageClaim extends Claim {
  /** Stable while the block and the claim's offsets and category stay the same. */
  id: string;
  /** The claim's text on the page. Kept current when the block is re-anchored. */
  range: Range;
  /** The text of the sentence the claim sits in. */
  sentence: string;
  /** The block element the claim was found in. */
  block: Node;
}

export interface ScanInfo {
  /** Blocks still waiting to be scanned (0 when the page is fully scanned). */
  pending: number;
}

export interface ScannerOptions {
  /** Default: document.body. */
  root?: Node;
  detect: DetectFn;
  painter: Painter;
  scheduler: Scheduler;
  /** Passed to detect(). */
  threshold?: number;
  /** Other detect() options (lang, categories). */
  detectOptions?: Omit<DetectOptions, 'threshold'>;
  onClaims?: (claims: readonly PageClaim[], info: ScanInfo) => void;
  /**
   * Like onClaims, without the list (which costs a sort by document order each time): for callers
   * that read claims() later, if at all.
   */
  onChange?: (info: ScanInfo) => void;
  /**
   * Maximum characters per detect() call. Default 2,000: the engine's throughput is about the same
   * from 2,000 characters up, and a call on text full of words it has not seen yet costs up to ten
   * times a warm one, so large calls were the scan's longest tasks.
   */
  sliceChars?: number;
  /** Target duration of one detect() call, in ms; slices shrink to fit. Default 6. */
  sliceMs?: number;
  /** Clock for sliceMs. Default performance.now. */
  now?: () => number;
  /** More changed blocks than this in one batch of mutations: one full rescan instead. Default 2,000. */
  hugeBurst?: number;
  /** Extraction options (checkVisibility, skipAriaHidden). */
  extract?: Omit<ExtractOptions, 'stopAtBlocks' | 'maxChars'>;
  /** Called when detect() or painting throws (the scanner goes on). */
  onError?: (error: unknown) => void;
  /** Paint window (see PAINT_ALL_LIMIT): all claims are registered up to `all`; above, `window` around the viewport, moved after `slack`. */
  paintWindow?: { all?: number; window?: number; slack?: number };
}

export interface ScannerStats {
  detectCalls: number;
  /** Current slice size in characters (adapted to the engine's measured speed). */
  sliceChars: number;
  detectChars: number;
  /** Blocks whose text was sent to detect(). */
  blocksDetected: number;
  /** Blocks rescanned whose text had not changed (no detect call). */
  blocksUnchanged: number;
  fullScans: number;
  mutationBatches: number;
}

export interface Scanner {
  /** Disconnect observers and listeners, drop queued work, unpaint every claim. */
  stop(): void;
  /** Schedule a full rescan (deferred). `force` re-runs detect() even on unchanged blocks. */
  rescan(options?: { force?: boolean }): void;
  /** Change detect options and rescan everything. */
  configure(options: { threshold?: number; detectOptions?: Omit<DetectOptions, 'threshold'> }): void;
  /** All current claims in document order. */
  claims(): readonly PageClaim[];
  claim(id: string): PageClaim | undefined;
  /** Claims painted under a viewport point, best score first (for a click). */
  claimsAt(x: number, y: number): PageClaim[];
  claimAt(x: number, y: number): PageClaim | null;
  /** Claims whose text overlaps `range` (e.g. the user's selection). */
  claimsInRange(range: AbstractRange): PageClaim[];
  /** Scroll the claim into view and mark it active. False when the claim is unknown or detached. */
  scrollTo(id: string, options?: { behavior?: ScrollBehavior; activate?: boolean }): boolean;
  /** Paint one claim with the "active" highlight (highlight-API mode only), or none. */
  setActive(id: string | null): void;
  /** Resolves when queued scanning work is done. */
  idle(): Promise<void>;
  /** Claims whose ranges are in the page's highlight registry (all of them unless the paint window is on). */
  shownCount(): number;
  readonly stats: Readonly<ScannerStats>;
}

interface BlockState {
  id: number;
  snapshot: TextSnapshot;
  claims: PageClaim[];
}

interface BatchItem {
  block: Node;
  snapshot: TextSnapshot;
  offset: number;
}

export const NAVIGATE_EVENT = 'claim-lens:navigate';
const ACTIVE_KEY = 'claim-lens-active';
const OBSERVED_ATTRIBUTES = ['hidden', 'open', 'contenteditable', 'style'];
const HIDING_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse))\b/i;
/** Blocks looked at per task at most (unchanged blocks cost an extraction each). */
const MAX_BLOCKS_PER_TASK = 400;
const MIN_SLICE = 256;
/** Slice size before the engine's speed is known (its first call also compiles its rules). */
const INITIAL_SLICE = 1_000;
/**
 * Painting commits (deferred painters): any change to the page's highlights makes Chromium rebuild
 * the markers of every registered range in its next frame (see URGENT_COMMIT_MS for figures). So
 * claims are committed: viewport and changed blocks once none of them waits (URGENT_COMMIT_MS), a
 * scroll (the user may now look at claims found in the background), the end of a scan, and, during a
 * long scan, every FLUSH_INTERVAL_MS — not as background blocks are found (nobody sees those before
 * scrolling, which commits): a 1 MB page is painted in 2 commits instead of 5.
 */
const FLUSH_INTERVAL_MS = 2_000;
/**
 * Viewport and changed blocks are committed together once none is left waiting, not frame by frame:
 * each change to the highlight registry costs the browser a pre-paint pass over the registered ranges
 * (5 MB bench page: under 1 ms for 2 ranges, 17–31 ms for 2,000; 35–90 ms whatever the count while
 * our rules had an underline, see highlightCss in dom/paint.ts). Should they take longer than
 * URGENT_COMMIT_MS, what is done is committed then.
 */
const URGENT_COMMIT_MS = 250;
/**
 * Paint window. For the same reason, each commit costs time in proportion to every range registered
 * (about 14 ms per 1,000 ranges here: ~140 ms per commit with the 9,700 claims of a 5 MB page). Up to
 * PAINT_ALL_LIMIT claims, all are registered. Above, only the PAINT_WINDOW claims around the viewport
 * (in document order) are; the others stay known (popup, card, counts, clicks) and are registered
 * when the user scrolls near them: the window moves once the viewport is WINDOW_SLACK claims away
 * from where it was placed.
 */
const PAINT_ALL_LIMIT = 2_500;
const PAINT_WINDOW = 2_000;
const WINDOW_SLACK = 400;

/**
 * Cut `text` into pieces of at most `max` characters, preferring line ends, then sentence ends,
 * then spaces. Returns the start offsets of the pieces (the first is 0).
 */
export function sliceOffsets(text: string, max: number): number[] {
  const starts = [0];
  for (let pos = nextCut(text, 0, max); pos < text.length; pos = nextCut(text, pos, max)) starts.push(pos);
  return starts;
}

/** Where the piece of `text` starting at `pos` should end (at most `max` characters later). */
export function nextCut(text: string, pos: number, max: number): number {
  max = Math.max(16, Math.floor(max));
  if (text.length - pos <= max) return text.length;
  const window = text.slice(pos, pos + max);
  let cut = window.lastIndexOf('\n');
  if (cut < max / 2) {
    const sentenceEnd = /[.!?…]["»”’)\]\s\u00a0\u202f]*\s(?=[^\s])/g;
    let m: RegExpExecArray | null;
    let best = -1;
    while ((m = sentenceEnd.exec(window))) best = m.index + m[0].length - 1;
    cut = best >= max / 2 ? best : Math.max(window.lastIndexOf(' '), cut);
  }
  if (cut <= 0) cut = max - 1;
  let next = pos + cut + 1;
  // never split a surrogate pair
  const code = text.charCodeAt(next - 1);
  if (code >= 0xd800 && code <= 0xdbff) next -= 1;
  return next <= pos ? pos + max : next;
}

/**
 * Blocks waiting to be scanned, first in first out, with O(1) add, delete and shift. (A Set used as
 * a queue is quadratic in V8: every delete at the front leaves a hole that the next
 * `values().next()` walks over again until the table is rebuilt; 190 ms on the 5 MB page.)
 * Deleted blocks stay in the array and are skipped when they reach the front.
 */
export class BlockQueue {
  private items: Node[] = [];
  private head = 0;
  private readonly members = new Set<Node>();

  get size(): number {
    return this.members.size;
  }
  has(n: Node): boolean {
    return this.members.has(n);
  }
  add(n: Node): void {
    if (this.members.has(n)) return;
    this.members.add(n);
    this.items.push(n);
  }
  delete(n: Node): boolean {
    return this.members.delete(n);
  }
  shift(): Node | undefined {
    while (this.head < this.items.length) {
      const n = this.items[this.head]!;
      this.items[this.head] = undefined as unknown as Node;
      this.head += 1;
      if (this.members.delete(n)) {
        this.compact();
        return n;
      }
    }
    this.clear();
    return undefined;
  }
  clear(): void {
    this.items = [];
    this.head = 0;
    this.members.clear();
  }
  *[Symbol.iterator](): IterableIterator<Node> {
    const seen = new Set<Node>();
    for (let i = this.head; i < this.items.length; i++) {
      const n = this.items[i]!;
      if (this.members.has(n) && !seen.has(n)) {
        seen.add(n);
        yield n;
      }
    }
  }
  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}

function isElementNode(n: Node): n is Element {
  return n.nodeType === 1;
}

/** Text of scripts and styles (CSS-in-JS rewrites it constantly) never matters to the scan. */
function inScriptOrStyle(n: Node): boolean {
  const el = isElementNode(n) ? n : n.parentElement;
  const tag = el ? (el.localName || '').toLowerCase() : '';
  return tag === 'script' || tag === 'style' || tag === 'noscript' || tag === 'template';
}

/**
 * Binary search over `count` boxes in document order (stacked top to bottom in normal flow): the
 * index of the first whose box is not wholly above the viewport. `boxOf` returns null for a box with
 * no size (hidden); up to 16 such neighbours are skipped at each probe. O(log n) box reads.
 */
function firstNotAbove(count: number, boxOf: (i: number) => DOMRect | null): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    let j = mid;
    let r: DOMRect | null = null;
    for (let k = 0; k < 16 && j < count; k++, j++) if ((r = boxOf(j))) break;
    if (r && r.bottom <= 0) lo = j + 1;
    else hi = mid;
  }
  return lo;
}

export function startScanner(options: ScannerOptions): Scanner {
  const doc: Document = (options.root?.ownerDocument ?? (options.root as Document | undefined) ?? document) as Document;
  const root: Node = options.root && options.root.nodeType !== 9 ? options.root : (doc.body ?? doc.documentElement);
  const { painter, scheduler } = options;
  const detectFn = options.detect;
  let threshold = options.threshold;
  let detectOptions = options.detectOptions ?? {};
  const sliceChars = Math.max(MIN_SLICE, options.sliceChars ?? 2_000);
  const sliceMs = Math.max(0.5, options.sliceMs ?? 6);
  const now = options.now ?? (() => (globalThis.performance ? globalThis.performance.now() : Date.now()));
  /** Measured engine cost in ms per character (exponential moving average); null until measured. */
  let msPerChar: number | null = null;
  let warmedUp = false;
  const currentSlice = (): number => {
    if (msPerChar === null) return Math.min(sliceChars, INITIAL_SLICE); // cautious until measured
    if (msPerChar <= 0) return sliceChars;
    return Math.max(MIN_SLICE, Math.min(sliceChars, Math.floor(sliceMs / msPerChar)));
  };
  /** A block longer than a slice, being detected one piece per task. */
  let large: { block: Node; snapshot: TextSnapshot; pos: number; found: Claim[]; urgent: boolean } | null = null;
  const hugeBurst = Math.max(1, options.hugeBurst ?? 2_000);
  const extractOpts: ExtractOptions = { ...(options.extract ?? {}), stopAtBlocks: true };
  const onError = options.onError ?? ((e: unknown) => console.error('[claim-lens] scanner', e));
  const wrapMode = painter.mode === 'wrap';

  const stats: ScannerStats = { sliceChars: 0, detectCalls: 0, detectChars: 0, blocksDetected: 0, blocksUnchanged: 0, fullScans: 0, mutationBatches: 0 };
  const blockIds = new WeakMap<Node, number>();
  let nextBlockId = 1;
  const blocks = new Map<Node, BlockState>();
  const byId = new Map<string, PageClaim>();
  const urgent = new BlockQueue();
  const rest = new BlockQueue();
  let pendingRecords: MutationRecord[] = [];
  let mutationTaskQueued = false;
  let fullScanQueued = false;
  /** A full scan's block walk in progress. */
  let collecting: { resume: Node | null; found: Set<Node>; restarts: number } | null = null;
  let pumpQueued = false;
  let forceDetect = false;
  let claimsChanged = false;
  let sorted: PageClaim[] | null = null;
  /** Document-order ranks of blocks (see currentClaims); dropped when the page's structure changes. */
  let ranks: Map<Node, number> | null = null;
  let activeId: string | null = null;
  let stopped = false;
  /** Commit painting at the end of this frame (viewport or changed blocks were painted). */
  let flushSoon = false;
  /** When painting was last committed (null until the first frame that had something to commit). */
  let lastFlushAt: number | null = null;
  /** Set by takeNext: the block came from the urgent set. */
  let tookUrgent = false;
  /** When the first urgent block not yet committed was taken (null: none waiting). */
  let urgentSince: number | null = null;
  const paintAll = Math.max(1, options.paintWindow?.all ?? PAINT_ALL_LIMIT);
  const windowSize = Math.max(1, options.paintWindow?.window ?? PAINT_WINDOW);
  const windowSlack = Math.max(1, options.paintWindow?.slack ?? WINDOW_SLACK);
  /** The paint window is on: only the claims in `shownIds` are registered. */
  let windowed = false;
  const shownIds = new Set<string>();
  /** Index (in document order of claims) of the first claim on screen when the window was placed. */
  let windowAt = -1;
  /** Claims were added or removed since the window was placed. */
  let windowStale = false;
  let lastWindowAt = 0;
  let windowCheckQueued = false;

  const blockIdOf = (b: Node): number => {
    let id = blockIds.get(b);
    if (id === undefined) blockIds.set(b, (id = nextBlockId++));
    return id;
  };

  // ------------------------------------------------------------------ observation
  // The content script's own global first (Firefox hands content scripts an X-ray view of the page window).
  const Observer = globalThis.MutationObserver ?? (doc.defaultView as (Window & typeof globalThis) | null)?.MutationObserver;
  const observer: MutationObserver | null = typeof Observer === 'function' ? new Observer(onMutations) : null;
  const observe = (): void => {
    observer?.observe(root, {
      childList: true,
      characterData: true,
      subtree: true,
      attributes: true,
      attributeFilter: OBSERVED_ATTRIBUTES,
      attributeOldValue: true,
    });
  };
  observe();

  function onMutations(records: MutationRecord[]): void {
    if (stopped) return;
    for (const r of records) pendingRecords.push(r);
    if (!mutationTaskQueued) {
      mutationTaskQueued = true;
      scheduler.pushFront(processMutations);
    }
  }

  /** In wrap mode our own painting mutates the page: keep the page's records, drop ours. */
  function beginOwnMutations(): void {
    if (!wrapMode || !observer) return;
    const taken = observer.takeRecords();
    if (taken.length) onMutations(taken);
  }
  function endOwnMutations(): void {
    if (!wrapMode || !observer) return;
    observer.takeRecords();
  }

  const view = doc.defaultView;
  const onNavigate = (): void => requestFullScan();
  for (const type of ['popstate', 'hashchange', NAVIGATE_EVENT]) view?.addEventListener(type, onNavigate);
  // Capture: scroll events of inner scrolling elements do not bubble but pass the window going down.
  const onScroll = (): void => {
    if (painter.pending > 0) flushSoon = true;
    if (windowed && !windowCheckQueued && !stopped) {
      windowCheckQueued = true;
      scheduler.pushFront(checkWindow);
    }
  };
  view?.addEventListener('scroll', onScroll, { capture: true, passive: true });

  let lastPending = 0;
  const pendingBlocks = (): number => urgent.size + rest.size + (large || collecting || fullScanQueued ? 1 : 0);
  const offFrameEnd = scheduler.onFrameEnd(() => {
    if (stopped) return;
    const pending = pendingBlocks();
    commitPaint(pending);
    // Report changed claims, and also the end of a scan (pending back to 0) so "done" is visible.
    const finished = pending === 0 && lastPending > 0;
    if (!claimsChanged && !finished) return;
    claimsChanged = false;
    lastPending = pending;
    try {
      options.onChange?.({ pending });
      if (options.onClaims) options.onClaims(currentClaims(), { pending });
    } catch (e) {
      onError(e);
    }
  });

  /** Apply held-back painting when the policy says so (see FLUSH_INTERVAL_MS). */
  function commitPaint(pendingBlockCount: number): void {
    if (windowStale && !wrapMode) {
      const t = now();
      if (!windowed ? byId.size > paintAll : flushSoon || pendingBlockCount === 0 || t - lastWindowAt >= FLUSH_INTERVAL_MS) placeWindow();
    }
    const waiting = painter.pending;
    if (!(waiting > 0)) {
      flushSoon = false;
      return;
    }
    const t = now();
    lastFlushAt ??= t;
    if (flushSoon || pendingBlockCount === 0 || t - lastFlushAt >= FLUSH_INTERVAL_MS) {
      flushSoon = false;
      lastFlushAt = t;
      try {
        painter.flush();
      } catch (e) {
        onError(e);
      }
    }
  }

  // ------------------------------------------------------------------ paint window
  /** Index of the first claim of `all` (document order) not above the viewport; O(log n) box reads. */
  function firstOnScreen(all: readonly PageClaim[]): number {
    if (!view) return 0;
    const boxOf = (i: number): DOMRect | null => {
      const c = all[i]!;
      const r = isElementNode(c.block) ? c.block.getBoundingClientRect() : c.range.getBoundingClientRect();
      return r.width > 0 || r.height > 0 ? r : null;
    };
    return Math.min(firstNotAbove(all.length, boxOf), Math.max(0, all.length - 1));
  }

  /** Register the claims around the viewport and unregister the others (or all of them when few). */
  function placeWindow(): void {
    windowStale = false;
    lastWindowAt = now();
    try {
      const all = currentClaims();
      if (all.length <= paintAll) {
        if (windowed) {
          windowed = false;
          windowAt = -1;
          for (const c of all) painter.show(c.id, true);
          shownIds.clear();
        }
        return;
      }
      if (!windowed) {
        windowed = true;
        shownIds.clear();
        for (const c of all) if (painter.isShown(c.id)) shownIds.add(c.id);
      }
      const at = firstOnScreen(all);
      windowAt = at;
      // A third of the window above the viewport, the rest from it down (reading goes down).
      const from = Math.max(0, Math.min(all.length - windowSize, at - Math.floor(windowSize / 3)));
      const wanted = new Set<string>();
      for (let i = from; i < Math.min(all.length, from + windowSize); i++) wanted.add(all[i]!.id);
      for (const id of shownIds) {
        if (!wanted.has(id)) {
          painter.show(id, false);
          shownIds.delete(id);
        }
      }
      for (const id of wanted) {
        if (!shownIds.has(id)) {
          painter.show(id, true);
          shownIds.add(id);
        }
      }
    } catch (e) {
      onError(e);
    }
  }

  /** After a scroll: move the window if the viewport left its middle, and show the result now. */
  function checkWindow(): void {
    windowCheckQueued = false;
    if (!windowed || stopped) return;
    try {
      const all = currentClaims();
      if (windowStale || Math.abs(firstOnScreen(all) - windowAt) > windowSlack) {
        placeWindow();
        flushPainter();
      }
    } catch (e) {
      onError(e);
    }
  }

  // ------------------------------------------------------------------ block discovery
  /** Blocks owning visible text under `subtree` (inclusive), in document order; false when it stopped past `limit`. */
  function collectBlocks(subtree: Node, out: Set<Node>, limit: number): boolean {
    if (subtree.nodeType === 3) {
      if (!/^\s*$/.test((subtree as Text).data)) out.add(nearestBlock(subtree, root));
      return out.size <= limit;
    }
    if (!isElementNode(subtree) && subtree.nodeType !== 11 && subtree.nodeType !== 9) return true;
    if (isElementNode(subtree) && subtree !== root && isSkippedElement(subtree, extractOpts)) return true;
    return !walkBlocks(subtree, out, limit, Infinity, subtree.firstChild).overLimit;
  }

  /**
   * Depth-first walk of `subtree` from node `from`, adding to `out` the block of every visible
   * non-blank Text node. Stops past `limit` blocks (overLimit) or once `deadline` (by `now`) has
   * passed, returning the node to resume from; `resume` is null when the walk is complete.
   * Hand-written: a TreeWalker with a JavaScript filter costs several times more.
   */
  function walkBlocks(
    subtree: Node,
    out: Set<Node>,
    limit: number,
    deadline: number,
    from: Node | null,
  ): { resume: Node | null; overLimit: boolean } {
    let lastParent: Node | null = null;
    let n: Node | null = from;
    let steps = 0;
    while (n) {
      if ((++steps & 255) === 0 && deadline !== Infinity && now() >= deadline) return { resume: n, overLimit: false };
      let descend = false;
      if (n.nodeType === 3) {
        const parent = n.parentNode;
        if (parent !== lastParent && !/^\s*$/.test((n as Text).data) && !hiddenByClosedDetails(n, parent)) {
          lastParent = parent;
          out.add(nearestBlock(n, root));
          if (out.size > limit) return { resume: null, overLimit: true };
        }
      } else if (n.nodeType === 1) {
        descend = !isSkippedElement(n as Element, extractOpts) && !hiddenByClosedDetails(n, n.parentNode);
      }
      if (descend && n.firstChild) {
        n = n.firstChild;
        continue;
      }
      while (n && n !== subtree && !n.nextSibling) n = n.parentNode;
      if (!n || n === subtree) break;
      n = n.nextSibling;
    }
    return { resume: null, overLimit: false };
  }

  /** Known blocks inside a (possibly removed) subtree. */
  function knownBlocksUnder(subtree: Node, out: Set<Node>): void {
    if (blocks.size === 0) return;
    if (blocks.has(subtree)) out.add(subtree);
    if (!isElementNode(subtree) && subtree.nodeType !== 11) return;
    if (blocks.size < 64) {
      for (const b of blocks.keys()) if (b !== subtree && subtree.contains(b)) out.add(b);
      return;
    }
    const walker = doc.createTreeWalker(subtree, 1);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (blocks.has(n)) out.add(n);
  }

  /**
   * The blocks of `list` (in document order) that intersect the viewport. Layout is read, never
   * written, so it costs at most one layout. Blocks in normal flow are stacked in document order,
   * so a binary search finds the first block not above the viewport in O(log n) box reads, then a
   * forward walk takes the visible ones and stops after 32 blocks below the fold. Layouts that break
   * the ordering (columns, fixed or absolute boxes) only lose priority, never a scan.
   */
  function visibleBlocks(list: Node[]): Node[] {
    if (!view || list.length === 0) return [];
    const vh = view.innerHeight;
    const vw = view.innerWidth;
    const boxOf = (i: number): DOMRect | null => {
      const b = list[i];
      if (!b || !isElementNode(b)) return null;
      const r = b.getBoundingClientRect();
      return r.width > 0 || r.height > 0 ? r : null;
    };
    const lo = firstNotAbove(list.length, boxOf);
    const visible: Node[] = [];
    let below = 0;
    for (let i = lo; i < list.length && below < 32; i++) {
      const r = boxOf(i);
      if (!r) continue;
      if (r.top >= vh) {
        below += 1;
        continue;
      }
      if (r.bottom > 0 && r.right > 0 && r.left < vw) visible.push(list[i]!);
    }
    return visible;
  }

  // ------------------------------------------------------------------ full scan
  function requestFullScan(): void {
    if (stopped || fullScanQueued) return;
    fullScanQueued = true;
    scheduler.push(fullScan);
  }

  /**
   * A full scan first walks the whole root for blocks, `sliceMs` at a time (resuming where it
   * stopped; restarting if the page removed that node, with no time limit after three restarts),
   * then queues the visible blocks first and the others after. Mutations during the walk are
   * handled incrementally as usual.
   */
  function fullScan(): Task | void {
    if (stopped) return;
    if (!collecting) {
      fullScanQueued = false;
      stats.fullScans += 1;
      ranks = null; // the page may have been rebuilt (a huge burst is not looked at record by record)
      sorted = null;
      collecting = { resume: root.firstChild, found: new Set(), restarts: 0 };
    }
    const job = collecting;
    if (job.resume && !root.contains(job.resume)) {
      job.restarts += 1;
      job.resume = root.firstChild;
    }
    const deadline = job.restarts >= 3 ? Infinity : now() + sliceMs;
    job.resume = job.resume ? walkBlocks(root, job.found, Infinity, deadline, job.resume).resume : null;
    if (job.resume) return fullScan;
    collecting = null;
    const found = job.found;
    // Known blocks that are gone or hidden must be rescanned too (they drop their claims).
    for (const b of blocks.keys()) found.add(b);
    rest.clear();
    for (const b of visibleBlocks([...found])) urgent.add(b);
    for (const b of found) if (!urgent.has(b)) rest.add(b);
    claimsChanged = true; // report at least once per full scan, even when the page has no claim
    ensurePump();
  }

  // ------------------------------------------------------------------ mutations
  function processMutations(): void {
    mutationTaskQueued = false;
    if (stopped) return;
    const records = pendingRecords;
    pendingRecords = [];
    if (records.length === 0) return;
    stats.mutationBatches += 1;
    if (fullScanQueued) return; // the full scan will read the current DOM anyway
    if (records.length > hugeBurst * 4) {
      requestFullScan(); // too many records to even sort through
      return;
    }
    const changed = new Set<Node>();
    const tooMany = (): boolean => changed.size > hugeBurst;
    for (const rec of records) {
      if (tooMany()) break;
      const target = rec.target;
      if (isInsideOwnUi(target) || inScriptOrStyle(target)) continue;
      if (rec.type === 'characterData') {
        changed.add(nearestBlock(target, root));
      } else if (rec.type === 'childList') {
        let relevant = false;
        for (const n of Array.from(rec.addedNodes)) {
          if (isElementNode(n) && isOwnUiElement(n)) continue;
          relevant = true;
          if (!collectBlocks(n, changed, hugeBurst)) break;
        }
        for (const n of Array.from(rec.removedNodes)) {
          if (isElementNode(n) && isOwnUiElement(n)) continue;
          relevant = true;
          knownBlocksUnder(n, changed);
        }
        if (relevant) {
          changed.add(nearestBlock(target, root));
          ranks = null; // nodes added, removed or moved: the order may have changed
          sorted = null;
        }
      } else if (rec.type === 'attributes') {
        if (rec.attributeName === 'style') {
          const now = isElementNode(target) ? target.getAttribute('style') : null;
          if (HIDING_STYLE.test(rec.oldValue ?? '') === HIDING_STYLE.test(now ?? '')) continue;
        }
        changed.add(nearestBlock(target, root));
        knownBlocksUnder(target, changed);
        collectBlocks(target, changed, hugeBurst);
      }
    }
    if (tooMany()) {
      requestFullScan();
      return;
    }
    for (const b of changed) {
      rest.delete(b);
      urgent.add(b);
    }
    ensurePump();
  }

  // ------------------------------------------------------------------ scanning
  function ensurePump(): void {
    if (pumpQueued || stopped || (urgent.size === 0 && rest.size === 0)) return;
    pumpQueued = true;
    scheduler.push(pump);
  }

  function takeNext(): Node | undefined {
    let n = urgent.shift();
    tookUrgent = n !== undefined;
    if (n === undefined) n = rest.shift();
    return n;
  }

  function sameNodes(a: TextSnapshot, b: TextSnapshot): boolean {
    if (a.segments.length !== b.segments.length) return false;
    for (let i = 0; i < a.segments.length; i++) {
      const x = a.segments[i]!;
      const y = b.segments[i]!;
      if (x.node !== y.node || x.start !== y.start || x.end !== y.end) return false;
    }
    return true;
  }

  function pump(): Task | void {
    pumpQueued = false;
    if (stopped) return;
    beginOwnMutations();
    try {
      if (large) {
        largeStep();
      } else {
        const items: BatchItem[] = [];
        const limit = currentSlice();
        const startedAt = now();
        let chars = 0;
        let visited = 0;
        // Unchanged blocks cost an extraction each: bound the walk by count and by time too.
        while (chars < limit && visited < MAX_BLOCKS_PER_TASK && !large && (visited % 16 !== 15 || now() - startedAt < sliceMs)) {
          const block = takeNext();
          if (!block) break;
          if (tookUrgent) urgentSince ??= now();
          visited += 1;
          const prev = blocks.get(block);
          const connected = block === root || root.contains(block);
          const snapshot = connected ? extractText(block, extractOpts) : null;
          if (!snapshot || !/\S/.test(snapshot.text)) {
            if (prev) dropBlock(block, prev);
            continue;
          }
          if (prev && !forceDetect && prev.snapshot.text === snapshot.text) {
            stats.blocksUnchanged += 1;
            if (!(wrapMode && sameNodes(prev.snapshot, snapshot))) reanchor(block, prev, snapshot);
            continue;
          }
          if (snapshot.text.length > limit) {
            // Detected piece by piece in the next tasks.
            large = { block, snapshot, pos: 0, found: [], urgent: tookUrgent };
            break;
          }
          items.push({ block, snapshot, offset: chars });
          chars += snapshot.text.length + BLOCK_SEPARATOR.length;
        }
        if (items.length) detectBatch(items);
      }
      if (!large && urgent.size === 0 && rest.size === 0) forceDetect = false;
      // Urgent blocks are committed together once none waits (see URGENT_COMMIT_MS).
      if (urgentSince !== null && ((urgent.size === 0 && !large?.urgent) || now() - urgentSince >= URGENT_COMMIT_MS)) {
        flushSoon = true;
        urgentSince = null;
      }
    } finally {
      endOwnMutations();
    }
    if (large || urgent.size > 0 || rest.size > 0) {
      pumpQueued = true;
      return pump;
    }
  }

  function largeStep(): void {
    const job = large!;
    const text = job.snapshot.text;
    // The piece size follows the engine speed measured so far.
    const s = job.pos;
    const e = nextCut(text, s, currentSlice());
    for (const c of runDetect(text.slice(s, e))) {
      const moved = shift(c, s, text.length);
      if (moved) job.found.push(moved);
    }
    job.pos = e;
    if (job.pos >= text.length) {
      large = null;
      if (job.urgent) urgentSince ??= now();
      const connected = job.block === root || root.contains(job.block);
      if (connected) applyBlock(job.block, job.snapshot, job.found);
      else {
        const prev = blocks.get(job.block);
        if (prev) dropBlock(job.block, prev);
      }
    }
  }

  function runDetect(text: string): Claim[] {
    stats.detectCalls += 1;
    stats.detectChars += text.length;
    const t0 = now();
    try {
      const out = detectFn(text, threshold === undefined ? { ...detectOptions } : { ...detectOptions, threshold });
      return Array.isArray(out) ? out : [];
    } catch (e) {
      onError(e);
      return [];
    } finally {
      measure(text.length, now() - t0);
    }
  }

  /** Update the engine speed estimate; the first call is a warm-up (the engine compiles its rules). */
  function measure(chars: number, ms: number): void {
    if (!warmedUp) {
      warmedUp = true;
      return;
    }
    if (!(ms >= 0) || chars < 64) return;
    const sample = ms / chars;
    // A slower call shrinks the next slices at once (the engine meets new words at an uneven pace:
    // a slice of fresh vocabulary costs several times a warm one); faster calls pull it back slowly.
    msPerChar = msPerChar === null || sample > msPerChar ? sample : msPerChar * 0.7 + sample * 0.3;
  }

  function detectBatch(items: BatchItem[]): void {
    const text = items.map((i) => i.snapshot.text).join(BLOCK_SEPARATOR);
    const found = runDetect(text);
    const perItem: Claim[][] = items.map(() => []);
    for (const c of found) {
      if (!c || typeof c.start !== 'number' || typeof c.end !== 'number') continue;
      // binary search the item holding the claim's start
      let lo = 0;
      let hi = items.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (items[mid]!.offset <= c.start) lo = mid;
        else hi = mid - 1;
      }
      const item = items[lo]!;
      const local = shift(c, -item.offset, item.snapshot.text.length);
      if (local) perItem[lo]!.push(local);
    }
    items.forEach((item, i) => applyBlock(item.block, item.snapshot, perItem[i]!));
  }

  /** Move a claim's offsets by `delta`; null when it falls outside [0, length]. */
  function shift(c: Claim, delta: number, length: number): Claim | null {
    const start = c.start + delta;
    const end = c.end + delta;
    if (!(start >= 0 && end <= length && end > start)) return null;
    const ss = Math.max(0, Math.min(start, (c.sentenceStart ?? c.start) + delta));
    const se = Math.min(length, Math.max(end, (c.sentenceEnd ?? c.end) + delta));
    return { ...c, start, end, sentenceStart: ss, sentenceEnd: se };
  }

  function claimId(blockId: number, c: Claim, taken: Set<string>): string {
    const base = `b${blockId}-${c.start}-${c.end}-${c.category}`;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    return id;
  }

  function unpaint(state: BlockState): void {
    for (const c of state.claims) {
      painter.remove(c.id);
      byId.delete(c.id);
      // Kept in shownIds: a block repainted with the same claim (same id) shows it again at once;
      // ids gone for good leave at the next placeWindow().
      if (windowed) windowStale = true;
    }
  }

  /** Keep the active highlight on its claim's new range, or drop it when the claim is gone. */
  function refreshActive(): void {
    if (activeId !== null) setActive(byId.has(activeId) ? activeId : null);
  }

  function dropBlock(block: Node, state: BlockState): void {
    unpaint(state);
    blocks.delete(block);
    if (state.claims.length) markChanged();
    refreshActive();
  }

  function markChanged(): void {
    claimsChanged = true;
    sorted = null;
  }

  /** Replace a block's claims with `found` (offsets relative to the block text) and paint them. */
  function applyBlock(block: Node, snapshot: TextSnapshot, found: Claim[]): void {
    stats.blocksDetected += 1;
    const prev = blocks.get(block);
    const hadClaims = (prev?.claims.length ?? 0) > 0;
    if (prev) {
      unpaint(prev);
      // Unwrapping marks merges Text nodes back: same text, new nodes.
      if (wrapMode && prev.claims.length) snapshot = extractText(block, extractOpts);
    }
    const id = blockIdOf(block);
    const taken = new Set<string>();
    const claims: PageClaim[] = [];
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    for (const c of found) {
      const range = rangeFromOffsets(snapshot, c.start, c.end);
      if (!range) continue;
      const text = snapshot.text;
      claims.push({
        ...c,
        text: text.slice(c.start, c.end),
        id: claimId(id, c, taken),
        range,
        sentence: text.slice(c.sentenceStart, c.sentenceEnd),
        block,
      });
    }
    const state: BlockState = { id, snapshot, claims };
    blocks.set(block, state);
    paintBlock(block, state);
    if (claims.length || hadClaims) markChanged();
    refreshActive();
  }

  function paintBlock(block: Node, state: BlockState): void {
    try {
      if (!wrapMode) {
        // Under the paint window a claim is registered only where it falls inside the window,
        // which placeWindow() decides at the next commit.
        for (const c of state.claims) {
          byId.set(c.id, c);
          const show = !windowed || shownIds.has(c.id);
          painter.set(c.id, c.category, [c.range], show);
          if (!show || byId.size > paintAll) windowStale = true;
        }
        return;
      }
      // Wrapping moves nodes: rebuild each range from a fresh extraction right before painting it,
      // then re-anchor every claim on the final DOM.
      for (const c of state.claims) {
        const fresh = extractText(block, extractOpts);
        const r = rangeFromOffsets(fresh, c.start, c.end);
        if (r) painter.set(c.id, c.category, [r]);
      }
      const final = extractText(block, extractOpts);
      state.snapshot = final;
      for (const c of state.claims) {
        c.range = rangeFromOffsets(final, c.start, c.end) ?? c.range;
        byId.set(c.id, c);
      }
    } catch (e) {
      onError(e);
    }
  }

  /** Same text, maybe new nodes: move the claims to the new snapshot without calling detect. */
  function reanchor(block: Node, state: BlockState, snapshot: TextSnapshot): void {
    if (!wrapMode && rangesStillMatch(state, snapshot)) {
      state.snapshot = snapshot; // nothing moved: no repaint (tickers and counters mutate often)
      return;
    }
    unpaint(state);
    if (wrapMode && state.claims.length) snapshot = extractText(block, extractOpts);
    state.snapshot = snapshot;
    const kept: PageClaim[] = [];
    for (const c of state.claims) {
      const r = rangeFromOffsets(snapshot, c.start, c.end);
      if (!r) continue;
      c.range = r;
      kept.push(c);
    }
    if (kept.length !== state.claims.length) markChanged();
    state.claims = kept;
    paintBlock(block, state);
    refreshActive();
  }

  function rangesStillMatch(state: BlockState, snapshot: TextSnapshot): boolean {
    for (const c of state.claims) {
      const want = rangeFromOffsets(snapshot, c.start, c.end);
      const have = c.range;
      if (
        !want ||
        want.startContainer !== have.startContainer ||
        want.startOffset !== have.startOffset ||
        want.endContainer !== have.endContainer ||
        want.endOffset !== have.endOffset
      ) {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------------ queries
  function currentClaims(): PageClaim[] {
    if (sorted) return sorted;
    const states = [...blocks.values()].filter((s) => s.claims.length > 0);
    if (states.length > 16) {
      // One walk over the elements gives every block its rank: compareDocumentPosition in a sort
      // costs a walk over siblings per comparison (seconds on pages with thousands of blocks).
      // The ranks are kept until the page's structure changes, and cover the blocks still queued,
      // so a scan in progress does not walk the page again each time it reports.
      let rank = ranks;
      if (!rank || states.some((st) => !rank!.has(st.claims[0]!.block))) rank = ranks = documentRanks([...blocks.keys(), ...urgent, ...rest]);
      if (states.every((st) => rank!.has(st.claims[0]!.block))) {
        states.sort((a, b) => rank!.get(a.claims[0]!.block)! - rank!.get(b.claims[0]!.block)! || a.id - b.id);
        sorted = states.flatMap((s) => s.claims);
        return sorted;
      }
    }
    const order = (a: BlockState, b: BlockState): number => {
      const na = a.claims[0]!.block;
      const nb = b.claims[0]!.block;
      if (na === nb) return 0;
      const pos = na.compareDocumentPosition(nb);
      if (pos & 4 /* FOLLOWING */) return -1; // nb after na
      if (pos & 2 /* PRECEDING */) return 1;
      return a.id - b.id;
    };
    // A block containing another one precedes it but its own text may follow the nested block's;
    // document order of block elements is close enough for a list and stable.
    states.sort(order);
    sorted = states.flatMap((s) => s.claims);
    return sorted;
  }

  /**
   * Document-order rank of the `nodes` that are elements under root or root itself (depth-first
   * order of elements; others are left out, and the caller compares positions for them instead).
   */
  function documentRanks(nodes: Iterable<Node>): Map<Node, number> {
    const wanted = new Set<Node>();
    for (const b of nodes) if (b === root || isElementNode(b)) wanted.add(b);
    const rank = new Map<Node, number>();
    if (wanted.has(root)) rank.set(root, 0);
    let i = 1;
    let n: Element | null = isElementNode(root) ? root.firstElementChild : ((root as ParentNode).firstElementChild ?? null);
    while (n && rank.size < wanted.size) {
      if (wanted.has(n)) rank.set(n, i++);
      if (n.firstElementChild) {
        n = n.firstElementChild;
        continue;
      }
      while (n && n !== root && !n.nextElementSibling) n = n.parentElement;
      if (!n || n === root) break;
      n = n.nextElementSibling;
    }
    return rank;
  }

  function byScore(a: PageClaim, b: PageClaim): number {
    return b.score - a.score || a.end - a.start - (b.end - b.start);
  }

  function setActive(id: string | null): void {
    const hadActive = activeId !== null;
    activeId = null;
    painter.remove(ACTIVE_KEY);
    const c = id === null || wrapMode || stopped ? undefined : byId.get(id);
    if (c) {
      activeId = id;
      painter.set(ACTIVE_KEY, 'active', [c.range]);
    }
    if (c || hadActive) flushPainter(); // a user action (or its claim gone): show it now
  }

  function flushPainter(): void {
    try {
      painter.flush();
      lastFlushAt = now();
    } catch (e) {
      onError(e);
    }
  }

  const scanner: Scanner = {
    stop() {
      if (stopped) return;
      stopped = true;
      observer?.disconnect();
      for (const type of ['popstate', 'hashchange', NAVIGATE_EVENT]) view?.removeEventListener(type, onNavigate);
      view?.removeEventListener('scroll', onScroll, { capture: true });
      offFrameEnd();
      urgent.clear();
      rest.clear();
      large = null;
      collecting = null;
      pendingRecords = [];
      try {
        painter.remove(ACTIVE_KEY);
        for (const state of blocks.values()) for (const c of state.claims) painter.remove(c.id);
        painter.flush();
      } catch (e) {
        onError(e);
      }
      blocks.clear();
      byId.clear();
      shownIds.clear();
      windowed = false;
      sorted = [];
    },
    rescan(opts) {
      if (stopped) return;
      if (opts?.force) forceDetect = true;
      requestFullScan();
    },
    configure(opts) {
      if (stopped) return;
      if ('threshold' in opts) threshold = opts.threshold;
      if (opts.detectOptions) detectOptions = opts.detectOptions;
      forceDetect = true;
      requestFullScan();
    },
    claims: () => currentClaims(),
    claim: (id) => byId.get(id),
    claimsAt(x, y) {
      return painter
        .hitTest(x, y)
        .map((k) => byId.get(k))
        .filter((c): c is PageClaim => c !== undefined)
        .sort(byScore);
    },
    claimAt(x, y) {
      return scanner.claimsAt(x, y)[0] ?? null;
    },
    claimsInRange(range) {
      const out: PageClaim[] = [];
      try {
        const probe = doc.createRange();
        /** Sign of (n1, o1) - (n2, o2) in document order. */
        const cmp = (n1: Node, o1: number, n2: Node, o2: number): number => {
          probe.setStart(n2, o2);
          probe.collapse(true);
          return probe.comparePoint(n1, o1);
        };
        for (const c of currentClaims()) {
          const r = c.range;
          // overlap: claim start < selection end and selection start < claim end
          if (
            cmp(r.startContainer, r.startOffset, range.endContainer, range.endOffset) < 0 &&
            cmp(range.startContainer, range.startOffset, r.endContainer, r.endOffset) < 0
          ) {
            out.push(c);
          }
        }
      } catch {
        /* a range from another document */
      }
      return out;
    },
    scrollTo(id, opts) {
      const c = byId.get(id);
      if (!c) return false;
      const node = c.range.startContainer;
      const el = isElementNode(node) ? node : node.parentElement;
      if (!el || !el.isConnected) return false;
      try {
        el.scrollIntoView({ block: 'center', inline: 'nearest', behavior: opts?.behavior ?? 'smooth' });
      } catch {
        /* old engines: scrollIntoView(boolean) */
        el.scrollIntoView();
      }
      if (opts?.activate !== false) setActive(id);
      return true;
    },
    setActive,
    idle: () => scheduler.idle(),
    shownCount() {
      if (!windowed) return byId.size;
      let n = 0;
      for (const id of shownIds) if (byId.has(id)) n += 1;
      return n;
    },
    get stats() {
      stats.sliceChars = currentSlice();
      return stats;
    },
  };

  requestFullScan();
  return scanner;
}
