/**
 * Visible text extraction with an offset map.
 *
 * `extractText(root)` concatenates the data of the visible Text nodes under `root`, in document
 * order, and records where each node's data sits in the result (the segment table). Offsets are
 * UTF-16 code units, like the engine's. Text is never normalised: a segment maps one-to-one onto
 * its node's data, so an offset into the snapshot text is an offset into a node.
 *
 * Separators (they belong to no node; a Range never starts or ends inside one):
 * - "\n\n" between the text of two different blocks. A block boundary is decided by tag name only
 *   (BLOCK_TAGS: p, div, li, h1-h6, td, br, section, article, button…), never by getComputedStyle,
 *   so extraction forces no style or layout work. The cost: a `span` styled `display:block` is
 *   read as inline (its text runs into its neighbour's), a `div` styled inline gets a separator.
 * - nothing at inline boundaries: `<b>Prix</b>imbattable` reads "Priximbattable" as the browser
 *   renders it, `<b>Prix</b> imbattable` keeps the page's own space.
 * - whitespace-only Text nodes (indentation between tags) are kept only between two pieces of
 *   text of the same block; at the start or end of a block they are dropped.
 *
 * Skipped subtrees (their text is not extracted):
 * - tags whose text is not page prose: script, style, noscript, template, iframe, object, embed,
 *   canvas, svg (including its <style> and <text>), math, head, title, audio, video;
 * - form controls whose text is a value, not prose: textarea, input, select, option, optgroup,
 *   datalist. Buttons are kept: their labels ("Commandez vite !") are exactly the calls to action
 *   the engine looks for; they count as blocks.
 * - `hidden` (including hidden="until-found"), `<dialog>` without `open`, the content of a closed
 *   `<details>` except its `<summary>`, inline `style` with display:none or visibility:hidden
 *   (visibility is inherited and a child can turn it back on; we skip the whole subtree anyway);
 * - editable regions: an element with a `contenteditable` attribute other than "false", or whose
 *   `isContentEditable` is true (the user's own text is not page marketing, and painting inside
 *   an editor would corrupt it);
 * - anything the extension inserted: an element carrying `data-claim-lens`, except our own
 *   highlight marks (`data-claim-lens="mark"`, the wrap-painting fallback) which only wrap page
 *   text and are transparent.
 * - `aria-hidden="true"` is NOT skipped by default: such text is usually visible (decorative
 *   duplicates, visual versions of screen-reader text) and the extension highlights what the
 *   reader sees. Pass `skipAriaHidden: true` to skip it.
 *
 * CSS-hidden content (display:none from a stylesheet class: closed menus, inactive tabs) is only
 * detected with `checkVisibility: true`, which calls `Element.checkVisibility()` (Chromium 105+,
 * Firefox 106+) on every element walked. That reads computed style: after a DOM change the first
 * call pays one style recalculation for the document (not a layout), later calls are cheap.
 * Off by default: the scanner prefers a few highlights in hidden text to stalling a busy page.
 */

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;
const DOCUMENT_NODE = 9;
const DOCUMENT_FRAGMENT_NODE = 11;

/** Attribute carried by every element the extension inserts into the page. */
export const OWN_ATTR = 'data-claim-lens';
/** Value of OWN_ATTR on highlight marks (wrap fallback): transparent to extraction. */
export const MARK_VALUE = 'mark';

export const BLOCK_SEPARATOR = '\n\n';

/** Tags read as block boundaries (lower case local names). `br` is a boundary but holds no text. */
export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'button', 'caption', 'center', 'dd',
  'details', 'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'listing',
  'main', 'menu', 'nav', 'ol', 'p', 'plaintext', 'pre', 'search', 'section', 'summary', 'table',
  'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'xmp',
]);

/** Tags whose whole subtree is never extracted. */
export const SKIP_TAGS: ReadonlySet<string> = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed',
  'canvas', 'svg', 'math', 'head', 'title', 'meta', 'link', 'base', 'audio', 'video', 'track',
  'source', 'textarea', 'input', 'select', 'option', 'optgroup', 'datalist', 'img', 'picture',
  'map', 'area',
]);

export interface ExtractOptions {
  /** Also skip subtrees that `Element.checkVisibility()` reports invisible (see file comment). */
  checkVisibility?: boolean;
  /** Skip `aria-hidden="true"` subtrees. Default false. */
  skipAriaHidden?: boolean;
  /**
   * Extract only the text that belongs to `root` as a block: nested block elements are boundaries
   * and are not entered (they are blocks of their own). Used by the scanner. Default false.
   */
  stopAtBlocks?: boolean;
  /** When `root` is an element, return an empty snapshot if an ancestor would have been skipped. Default true. */
  checkAncestors?: boolean;
  /** Stop collecting once the text is at least this long (a safety cap). Default: no cap. */
  maxChars?: number;
}

/** Text offsets [start, end) are the whole data of `node` as it was at extraction. */
export interface TextSegment {
  readonly start: number;
  readonly end: number;
  readonly node: Text;
}

export interface TextSnapshot {
  readonly root: Node;
  readonly text: string;
  /** Sorted by start, non-overlapping; gaps between them are separators. */
  readonly segments: readonly TextSegment[];
}

function isElement(n: Node): n is Element {
  return n.nodeType === ELEMENT_NODE;
}

function tagOf(el: Element): string {
  // localName is already lower case for HTML elements (the common, hot case); XML pages may differ.
  const name = el.localName || el.nodeName || '';
  return LOWER.test(name) ? name : name.toLowerCase();
}
const LOWER = /^[a-z0-9-]*$/;

const SVG_NS = 'http://www.w3.org/2000/svg';
const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';

/** True for an element the extension inserted (UI hosts, style elements), but not our marks. */
export function isOwnUiElement(el: Element): boolean {
  const v = el.getAttribute(OWN_ATTR);
  return v !== null && v !== MARK_VALUE;
}

/** True when `node` is, or is inside, an element the extension inserted (marks excluded). */
export function isInsideOwnUi(node: Node | null): boolean {
  let n: Node | null = node;
  while (n) {
    if (isElement(n) && isOwnUiElement(n)) return true;
    n = n.parentNode;
  }
  return false;
}

export function isBlockElement(el: Element): boolean {
  return BLOCK_TAGS.has(tagOf(el));
}

/**
 * The contenteditable attribute, read without `isContentEditable` (which makes Chromium bring
 * style up to date on every call). Editable descendants are covered because the walk skips the
 * editing host's subtree; isInSkippedContext() and designMode documents use isContentEditable.
 */
function isEditable(el: Element): boolean {
  const ce = el.getAttribute('contenteditable');
  return ce !== null && ce.trim().toLowerCase() !== 'false';
}

function inlineHidden(el: Element): boolean {
  if (!el.hasAttribute('style')) return false;
  const style = (el as HTMLElement).style as CSSStyleDeclaration | undefined;
  if (!style) return false;
  const display = style.display;
  const visibility = style.visibility;
  return display === 'none' || visibility === 'hidden' || visibility === 'collapse';
}

function cssInvisible(el: Element): boolean {
  const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  if (typeof check !== 'function') return false;
  let visible: boolean;
  try {
    visible = check.call(el, { visibilityProperty: true, checkVisibilityCSS: true });
  } catch {
    return false;
  }
  if (visible) return false;
  // checkVisibility() is false for display:contents (no box of its own) although its children show.
  try {
    const view = el.ownerDocument?.defaultView;
    if (view && view.getComputedStyle(el).display === 'contents') return false;
  } catch {
    /* fall through */
  }
  return true;
}

/**
 * Is this element's subtree skipped by extraction (ignoring its ancestors)?
 * Exported so the scanner and tests agree with extraction.
 */
export function isSkippedElement(el: Element, opts: ExtractOptions = {}): boolean {
  const ns = el.namespaceURI;
  if (ns === SVG_NS || ns === MATHML_NS) return true;
  const tag = tagOf(el);
  if (SKIP_TAGS.has(tag)) return true;
  if (isOwnUiElement(el)) return true;
  if (el.hasAttribute('hidden')) return true;
  if (tag === 'dialog' && !el.hasAttribute('open')) return true;
  if (isEditable(el)) return true;
  if (inlineHidden(el)) return true;
  if (opts.skipAriaHidden && el.getAttribute('aria-hidden') === 'true') return true;
  if (opts.checkVisibility && cssInvisible(el)) return true;
  return false;
}

/** A child of a closed <details> is hidden unless it is the summary. */
export function hiddenByClosedDetails(child: Node, parent: Node | null): boolean {
  if (!parent || !isElement(parent) || tagOf(parent) !== 'details' || parent.hasAttribute('open')) return false;
  if (!isElement(child) || tagOf(child) !== 'summary') return true;
  // Only the first summary child is the visible one.
  for (let c = parent.firstElementChild; c; c = c.nextElementSibling) {
    if (tagOf(c) === 'summary') return c !== child;
  }
  return true;
}

/** Is `node` inside a subtree that extraction skips (looking at `node` itself and its ancestors)? */
export function isInSkippedContext(node: Node, opts: ExtractOptions = {}): boolean {
  const ancestorOpts = { ...opts, checkVisibility: false };
  const start = isElement(node) ? node : node.parentElement;
  if (start && (start as HTMLElement).isContentEditable === true) return true;
  if (node.ownerDocument?.designMode === 'on') return true;
  let n: Node | null = node;
  while (n && n.nodeType !== DOCUMENT_NODE && n.nodeType !== DOCUMENT_FRAGMENT_NODE) {
    const parent: Node | null = n.parentNode;
    if (isElement(n) && isSkippedElement(n, ancestorOpts)) return true;
    if (hiddenByClosedDetails(n, parent)) return true;
    n = parent;
  }
  if (opts.checkVisibility) {
    const el = isElement(node) ? node : node.parentElement;
    if (el && cssInvisible(el)) return true;
  }
  return false;
}

/** The nearest ancestor-or-self block element of `node`, stopping at `root` (returned when none is found). */
export function nearestBlock(node: Node, root: Node): Node {
  let n: Node | null = node.nodeType === TEXT_NODE ? node.parentNode : node;
  while (n && n !== root) {
    if (isElement(n) && isBlockElement(n)) return n;
    n = n.parentNode;
  }
  return root;
}

const WS_ONLY = /^[\t\n\f\r ]*$/;

function emptySnapshot(root: Node): TextSnapshot {
  return { root, text: '', segments: [] };
}

/**
 * Extract the visible text under `root` (any node: document, element, fragment, text).
 * Never throws: a failure yields the text gathered so far.
 */
export function extractText(root: Node, opts: ExtractOptions = {}): TextSnapshot {
  try {
    return extractUnsafe(root, opts);
  } catch {
    return emptySnapshot(root);
  }
}

function extractUnsafe(root: Node, opts: ExtractOptions): TextSnapshot {
  if (!root) return emptySnapshot(root);
  const start: Node = root.nodeType === DOCUMENT_NODE ? ((root as Document).body ?? (root as Document).documentElement ?? root) : root;
  if (opts.checkAncestors !== false && start.nodeType !== DOCUMENT_NODE && isInSkippedContext(start, opts)) {
    return emptySnapshot(root);
  }
  if (start.ownerDocument?.designMode === 'on') return emptySnapshot(root);
  const parts: string[] = [];
  const segments: TextSegment[] = [];
  let length = 0;
  let breakPending = false;
  let pendingWs: Text[] = [];
  const max = opts.maxChars ?? Infinity;

  const pushText = (t: Text): void => {
    const data = t.data;
    if (data.length === 0) return;
    segments.push({ start: length, end: length + data.length, node: t });
    parts.push(data);
    length += data.length;
  };
  const addText = (t: Text): void => {
    const data = t.data;
    if (data.length === 0) return;
    // Most text nodes start with a visible character: skip the regular expression for them.
    if (data.charCodeAt(0) <= 32 && WS_ONLY.test(data)) {
      if (length > 0 && !breakPending) pendingWs.push(t);
      return;
    }
    if (breakPending && length > 0) {
      parts.push(BLOCK_SEPARATOR);
      length += BLOCK_SEPARATOR.length;
    } else {
      for (const w of pendingWs) pushText(w);
    }
    breakPending = false;
    pendingWs = [];
    pushText(t);
  };
  const boundary = (): void => {
    if (length > 0) breakPending = true;
    pendingWs = [];
  };

  if (start.nodeType === TEXT_NODE) {
    addText(start as Text);
    return { root, text: parts.join(''), segments };
  }

  let n: Node | null = start.firstChild;
  while (n && length < max) {
    let descend = false;
    if (n.nodeType === TEXT_NODE) {
      if (!hiddenByClosedDetails(n, n.parentNode)) addText(n as Text);
    } else if (isElement(n)) {
      const block = isBlockElement(n);
      if (block) boundary();
      if (!isSkippedElement(n, opts) && !hiddenByClosedDetails(n, n.parentNode)) {
        descend = !(block && opts.stopAtBlocks);
      }
    }
    if (descend && n.firstChild) {
      n = n.firstChild;
      continue;
    }
    if (isElement(n) && isBlockElement(n)) boundary();
    // Next node in document order, closing the blocks we leave.
    while (n && n !== start && !n.nextSibling) {
      n = n.parentNode;
      if (n && n !== start && isElement(n) && isBlockElement(n)) boundary();
    }
    if (!n || n === start) break;
    n = n.nextSibling;
  }
  return { root, text: parts.join(''), segments };
}

// ---------------------------------------------------------------------------------------------
// Offsets <-> DOM

/** Index of the last segment whose start <= offset, or -1. */
function lastStartingAtOrBefore(segments: readonly TextSegment[], offset: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid]!.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The segment's node still holds the data it had at extraction and is still under the root. */
function segmentIsCurrent(snapshot: TextSnapshot, seg: TextSegment): boolean {
  const node = seg.node;
  if (node.data.length !== seg.end - seg.start) return false;
  if (node.data !== snapshot.text.slice(seg.start, seg.end)) return false;
  const root = snapshot.root;
  if (root === node) return true;
  return typeof root.contains === 'function' ? root.contains(node) : node.isConnected;
}

/**
 * A Range covering text offsets [start, end) of the snapshot, or null when the offsets are out of
 * range, cover only separators, or the boundary nodes were detached or changed since extraction.
 * A start inside a separator moves forward to the next text; an end inside one moves back.
 */
export function rangeFromOffsets(snapshot: TextSnapshot, start: number, end: number): Range | null {
  try {
    const segs = snapshot.segments;
    if (!Number.isFinite(start) || !Number.isFinite(end) || segs.length === 0) return null;
    start = Math.max(0, Math.floor(start));
    end = Math.min(snapshot.text.length, Math.floor(end));
    if (end <= start) return null;

    let si = lastStartingAtOrBefore(segs, start);
    if (si < 0 || start >= segs[si]!.end) {
      si += 1; // in a separator (or before the first segment): move to the next segment's start
      if (si >= segs.length) return null;
      start = segs[si]!.start;
    }
    let ei = lastStartingAtOrBefore(segs, end - 1);
    if (ei < 0) return null;
    if (end > segs[ei]!.end) end = segs[ei]!.end; // end inside a separator: back to the previous text
    if (end <= start || ei < si) return null;

    const s = segs[si]!;
    const e = segs[ei]!;
    if (!segmentIsCurrent(snapshot, s) || (e !== s && !segmentIsCurrent(snapshot, e))) return null;
    const doc = s.node.ownerDocument;
    if (!doc) return null;
    const range = doc.createRange();
    range.setStart(s.node, start - s.start);
    range.setEnd(e.node, end - e.start);
    return range;
  } catch {
    return null;
  }
}

const nodeIndexCache = new WeakMap<TextSnapshot, Map<Text, number>>();

function segmentIndexOf(snapshot: TextSnapshot, node: Text): number {
  let map = nodeIndexCache.get(snapshot);
  if (!map) {
    map = new Map();
    snapshot.segments.forEach((s, i) => map!.set(s.node, i));
    nodeIndexCache.set(snapshot, map);
  }
  return map.get(node) ?? -1;
}

/**
 * The text offset of a DOM boundary point (node, offset), or null when the point is not under the
 * snapshot root. A point that is not inside an extracted Text node (an element boundary, skipped
 * text) maps to the nearest text: with bias 'forward' (default, for range starts) to the start of
 * the next extracted text, with bias 'backward' (range ends) to the end of the previous one.
 */
export function offsetOfPoint(
  snapshot: TextSnapshot,
  node: Node,
  offset: number,
  bias: 'forward' | 'backward' = 'forward',
): number | null {
  try {
    const root = snapshot.root;
    if (!node || !(root === node || root.contains(node))) return null;
    const segs = snapshot.segments;
    if (node.nodeType === TEXT_NODE) {
      const i = segmentIndexOf(snapshot, node as Text);
      if (i >= 0) {
        const s = segs[i]!;
        return s.start + Math.max(0, Math.min(offset, s.end - s.start));
      }
    }
    if (segs.length === 0) return 0;
    const doc = (node.nodeType === DOCUMENT_NODE ? (node as Document) : node.ownerDocument)!;
    const probe = doc.createRange();
    probe.setStart(node, Math.max(0, Math.min(offset, nodeLength(node))));
    // Binary search for the first segment that lies after the point.
    let lo = 0;
    let hi = segs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      // comparePoint: -1 when (seg.node, 0) is before the probe's (collapsed) position.
      if (probe.comparePoint(segs[mid]!.node, 0) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (bias === 'forward') return lo < segs.length ? segs[lo]!.start : snapshot.text.length;
    return lo > 0 ? segs[lo - 1]!.end : 0;
  } catch {
    return null;
  }
}

function nodeLength(node: Node): number {
  if (node.nodeType === TEXT_NODE || node.nodeType === 4 || node.nodeType === 8 || node.nodeType === 7) {
    return (node as CharacterData).data.length;
  }
  return node.childNodes.length;
}

/**
 * Text offsets [start, end) of a DOM Range (for instance the user's selection), or null when the
 * range is outside the snapshot root or covers no extracted text.
 */
export function offsetsFromRange(snapshot: TextSnapshot, range: AbstractRange): { start: number; end: number } | null {
  try {
    const start = offsetOfPoint(snapshot, range.startContainer, range.startOffset, 'forward');
    const end = offsetOfPoint(snapshot, range.endContainer, range.endOffset, 'backward');
    if (start === null || end === null || end <= start) return null;
    return { start, end };
  } catch {
    return null;
  }
}
