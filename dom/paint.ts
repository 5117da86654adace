/**
 * Painting claims on the page.
 *
 * Preferred: the CSS Custom Highlight API. One `Highlight` per name (a claim category, "note",
 * "active"), registered as `CSS.highlights.set('<prefix>-<name>', highlight)`, styled by
 * `::highlight(<prefix>-<name>)` rules (highlightCss): in one injected `<style data-claim-lens>`, or
 * already on the page (the extension's content script CSS, option stylesheet). Painting this way
 * never touches the page DOM: no layout change, no interference with the page's scripts.
 * Ranges are added and removed per key (a claim id), so rescanning a block only touches its ranges.
 *
 * Fallback, only when `CSS.highlights` is missing: each range's text is wrapped in
 * `<mark data-claim-lens="mark">` elements whose inline style resets everything (`all: unset`) and
 * sets only a background (the same wash as the highlights), so layout does not move. This does
 * mutate the page: Text nodes are split; removing a key unwraps its marks and merges back only the fragments the
 * painter split off, restoring the original Text nodes' data. In this mode the ranges given to
 * set() are consumed (wrapping moves their nodes); use rangesOf(key) afterwards.
 */
import type { Category } from '../engine/types';
import { MARK_VALUE, OWN_ATTR, isInSkippedContext } from './extract';

export type PaintMode = 'highlight-api' | 'wrap';

export type ColorName = Category | 'note' | 'active';

/** Base colour per highlight name (#rrggbb), used as a semi-transparent background. */
export const DEFAULT_COLORS: Readonly<Record<ColorName, string>> = {
  emotional: '#e64980',
  fear: '#fa5252',
  superiority: '#7950f2',
  urgency: '#fd7e14',
  social_proof: '#15aabf',
  environmental: '#40c057',
  ethical: '#12b886',
  customer_centric: '#4c6ef5',
  purpose: '#be4bdb',
  personalisation: '#228be6',
  performance: '#fab005',
  community: '#82c91e',
  unverifiable: '#868e96',
  note: '#ffd43b',
  active: '#1c7ed6',
};

/** Minimal shapes of the Highlight API, so a test can install a fake. */
export interface HighlightLike {
  add(range: AbstractRange): unknown;
  delete(range: AbstractRange): boolean;
  readonly size: number;
  priority?: number;
}
export interface HighlightRegistryLike {
  set(name: string, highlight: HighlightLike): unknown;
  get(name: string): HighlightLike | undefined;
  delete(name: string): boolean;
}
export interface HighlightApi {
  registry: HighlightRegistryLike;
  Highlight: new (...ranges: AbstractRange[]) => HighlightLike;
}

export interface PainterOptions {
  /** Prefix of highlight names and of the style element id. Default 'claim-lens'. */
  prefix?: string;
  /** Colours by name; merged over DEFAULT_COLORS. */
  colors?: Partial<Record<string, string>>;
  /** Force a mode (tests, or a user setting). Default: 'highlight-api' when available. */
  mode?: PaintMode;
  /** Use this Highlight API instead of the global one (tests). */
  highlightApi?: HighlightApi;
  /**
   * Highlight-API mode: hold range additions and removals back until flush(). Chromium rebuilds
   * the markers of every range of every registered highlight in the next frame after any change,
   * so painting claims a few at a time costs O(ranges) per frame, quadratic over a long scan; the
   * scanner paints in fewer, larger commits instead. Logical state (has, keys, rangesOf, keysAt,
   * hitTest) is current at once. No effect in wrap mode. Default false.
   */
  deferred?: boolean;
  /**
   * 'inject' (default): the painter adds its `<style data-claim-lens>` to the page when it first
   * paints. 'provided': the page already carries highlightCss(colors, prefix) — the extension lists
   * it as its content script's CSS, which the browser applies before the page is first styled —
   * so no style element is added (adding one to a loaded page restyles every element: 50–90 ms
   * on a 1 MB page). A style element still appears for a name outside `colors` or after
   * styleText() changes a colour.
   */
  stylesheet?: 'inject' | 'provided';
}

/**
 * The `::highlight()` rules for `names` (default: every name of `colors`), sorted by name: a
 * translucent wash of each colour. What the painter injects, and what the extension ships as its
 * content script's CSS (painter option stylesheet: 'provided').
 *
 * No text-decoration: an underline in a ::highlight rule makes Chromium walk the whole page's
 * pre-paint on every change to any highlight (5 MB bench page, 2 ranges changed: PrePaint 35–56 ms
 * with underline rules, under 1 ms without; 2,000 ranges: 75–90 ms vs 17–31 ms;
 * `npx tsx scripts/bench/highlight-cost.ts` measures it).
 */
export function highlightCss(colors: Readonly<Record<string, string>>, prefix = 'claim-lens', names: Iterable<string> = Object.keys(colors)): string {
  const rules: string[] = [];
  for (const name of [...new Set(names)].sort()) {
    const c = paintColors(colors[name] ?? '', name);
    rules.push(`::highlight(${safeName(prefix)}-${safeName(name)}) { background-color: ${c.background}; }`);
  }
  return rules.join('\n');
}

export interface Painter {
  readonly mode: PaintMode;
  /**
   * Paint `ranges` under `name` for `key`, replacing what `key` painted before. `shown` false
   * (Highlight-API mode only): the key is painted logically (has, keys, rangesOf, keysAt, hitTest)
   * but its ranges stay out of the page's highlight registry until show(key, true).
   */
  set(key: string, name: string, ranges: readonly AbstractRange[], shown?: boolean): void;
  /**
   * Highlight-API mode: put `key`'s ranges into (true) or take them out of (false) the page's
   * highlight registry, keeping the key painted logically. Chromium's cost per highlight change
   * grows with every registered range, so a page with thousands of claims registers only those
   * near the viewport (see dom/scanner.ts). No effect in wrap mode or for an unknown key.
   */
  show(key: string, shown: boolean): void;
  /** Whether `key`'s ranges are in the highlight registry (wrap mode: whether it is painted). */
  isShown(key: string): boolean;
  remove(key: string): void;
  /** Apply the changes held back by the `deferred` option (a no-op otherwise or when none wait). */
  flush(): void;
  /** Range additions and removals waiting for flush() (always 0 unless deferred). */
  readonly pending: number;
  /** Remove everything this painter painted (other highlights on the page are left alone). */
  clear(): void;
  has(key: string): boolean;
  keys(): string[];
  /** The painted ranges of `key` (wrap mode: rebuilt from its marks). */
  rangesOf(key: string): Range[];
  /** Set colours (merged over the current ones), rewrite the style element; returns the CSS text. */
  styleText(colors?: Partial<Record<string, string>>): string;
  /** Keys whose painted ranges contain the DOM point (node, offset), ends included. */
  keysAt(node: Node, offset: number): string[];
  /** Keys painted under the viewport point (x, y), e.g. a click. Reads layout: call on events only. */
  hitTest(x: number, y: number): string[];
  /** clear() and remove the style element. */
  dispose(): void;
}

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function safeName(name: string): string {
  const s = String(name ?? '');
  if (NAME_RE.test(s)) return s;
  const cleaned = s.replace(/[^A-Za-z0-9_-]/g, '_');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

/** '#rgb' or '#rrggbb' to [r, g, b]; anything else gives null. */
export function parseHex(color: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(String(color ?? '').trim());
  if (!m) return null;
  let h = m[1]!;
  if (h.length === 3) h = h.replace(/./g, (c) => c + c);
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
}

function paintColors(color: string, name: string): { background: string } {
  const rgb = parseHex(color) ?? [255, 212, 59];
  const alpha = name === 'active' ? 0.5 : 0.28;
  return { background: `rgba(${rgb.join(', ')}, ${alpha})` };
}

function globalHighlightApi(doc: Document): HighlightApi | null {
  const candidates = [globalThis as Record<string, unknown>, (doc.defaultView ?? {}) as Record<string, unknown>];
  for (const g of candidates) {
    const css = g.CSS as { highlights?: HighlightRegistryLike } | undefined;
    const Ctor = g.Highlight as HighlightApi['Highlight'] | undefined;
    if (css && css.highlights && typeof Ctor === 'function') return { registry: css.highlights, Highlight: Ctor };
  }
  return null;
}

/** Containers in which a stray inline element would break structure (tables, lists, selects). */
const NO_INLINE_CHILD = new Set(['table', 'tbody', 'thead', 'tfoot', 'tr', 'colgroup', 'ul', 'ol', 'dl', 'menu', 'select', 'datalist', 'optgroup', 'html', 'head', 'frameset']);

export function createPainter(doc: Document, options: PainterOptions = {}): Painter {
  const prefix = safeName(options.prefix ?? 'claim-lens');
  const colors: Record<string, string> = { ...DEFAULT_COLORS };
  for (const [k, v] of Object.entries(options.colors ?? {})) if (typeof v === 'string') colors[k] = v;
  const api = options.mode === 'wrap' ? null : (options.highlightApi ?? globalHighlightApi(doc));
  const mode: PaintMode = api ? 'highlight-api' : 'wrap';
  const deferred = options.deferred === true && mode === 'highlight-api';

  let styleEl: HTMLStyleElement | null = null;
  const usedNames = new Set<string>();
  /** The page carries our rules for these names already (option stylesheet: 'provided'). */
  let provided = options.stylesheet === 'provided' ? new Set(Object.keys(colors)) : null;

  /** Whether the page's own rules cover every name painted so far (no style element needed). */
  function coveredByPage(): boolean {
    if (!provided) return false;
    for (const n of usedNames) if (!provided.has(n)) return false;
    return true;
  }

  function ensureStyle(): void {
    if (coveredByPage()) return;
    try {
      if (!styleEl) {
        styleEl = doc.createElement('style');
        styleEl.setAttribute(OWN_ATTR, 'style');
        styleEl.id = `${prefix}-style`;
        styleEl.textContent = buildCss();
      }
      if (!styleEl.isConnected) (doc.head ?? doc.documentElement)?.appendChild(styleEl);
    } catch {
      /* a page without a head or a frozen DOM: painting still works, unstyled */
    }
  }

  function buildCss(): string {
    return highlightCss(colors, prefix, [...Object.keys(colors), ...usedNames]);
  }

  // ---------------------------------------------------------------- highlight-api mode
  const hlByKey = new Map<string, { name: string; ranges: AbstractRange[]; shown: boolean }>();
  /** Logical state: how many keys paint each range under each full name. */
  const refCounts = new Map<string, Map<AbstractRange, number>>();
  /** Deferred mode: range additions and removals not yet applied to the registered highlights. */
  const toAdd = new Map<string, Set<AbstractRange>>();
  const toDelete = new Map<string, Set<AbstractRange>>();
  let pendingCount = 0;

  function highlightFor(fullName: string): HighlightLike | null {
    if (!api) return null;
    let h = api.registry.get(fullName);
    if (!h) {
      h = new api.Highlight();
      if (fullName.endsWith('-active')) h.priority = 10;
      api.registry.set(fullName, h);
    }
    return h;
  }

  function queue(into: Map<string, Set<AbstractRange>>, from: Map<string, Set<AbstractRange>>, fullName: string, range: AbstractRange): void {
    // An addition cancels a pending removal of the same range (and the other way round).
    const opposite = from.get(fullName);
    if (opposite && opposite.delete(range)) {
      pendingCount -= 1;
      return;
    }
    let set = into.get(fullName);
    if (!set) into.set(fullName, (set = new Set()));
    if (!set.has(range)) {
      set.add(range);
      pendingCount += 1;
    }
  }

  /** Drop a registered highlight this painter no longer uses once it is empty. */
  function dropIfUnused(fullName: string): void {
    if (!api || refCounts.has(fullName)) return;
    const h = api.registry.get(fullName);
    if (h && h.size === 0) api.registry.delete(fullName);
  }

  function hlAdd(name: string, range: AbstractRange): void {
    const fullName = `${prefix}-${name}`;
    let counts = refCounts.get(fullName);
    if (!counts) refCounts.set(fullName, (counts = new Map()));
    const n = counts.get(range) ?? 0;
    if (n === 0) {
      if (deferred) queue(toAdd, toDelete, fullName, range);
      else highlightFor(fullName)?.add(range);
    }
    counts.set(range, n + 1);
  }

  /** Add `ranges` under `name`; returns those the API accepted (it refuses e.g. a range from another document). */
  function register(name: string, ranges: readonly AbstractRange[]): AbstractRange[] {
    const kept: AbstractRange[] = [];
    for (const r of ranges) {
      try {
        hlAdd(name, r);
        kept.push(r);
      } catch {
        /* refused */
      }
    }
    return kept;
  }

  function hlDelete(name: string, range: AbstractRange): void {
    const fullName = `${prefix}-${name}`;
    const counts = refCounts.get(fullName);
    const n = counts?.get(range) ?? 0;
    if (!counts || n === 0) return;
    if (n > 1) {
      counts.set(range, n - 1);
      return;
    }
    counts.delete(range);
    if (counts.size === 0) refCounts.delete(fullName);
    if (deferred) {
      queue(toDelete, toAdd, fullName, range);
      return;
    }
    api?.registry.get(fullName)?.delete(range);
    dropIfUnused(fullName);
  }

  /** Apply the held-back changes: removals first, then additions, then drop emptied highlights. */
  function flush(): void {
    if (!api || pendingCount === 0) return;
    const names = new Set([...toDelete.keys(), ...toAdd.keys()]);
    try {
      for (const [fullName, set] of toDelete) {
        const h = api.registry.get(fullName);
        if (h) for (const r of set) h.delete(r);
      }
      for (const [fullName, set] of toAdd) {
        if (set.size === 0) continue;
        const h = highlightFor(fullName);
        if (!h) continue;
        for (const r of set) {
          try {
            h.add(r);
          } catch {
            /* a range the API refuses */
          }
        }
      }
      for (const fullName of names) dropIfUnused(fullName);
    } catch {
      /* a page that replaced CSS.highlights: nothing more to do */
    } finally {
      toAdd.clear();
      toDelete.clear();
      pendingCount = 0;
    }
  }

  // ---------------------------------------------------------------- wrap mode
  const wrapByKey = new Map<string, { name: string; marks: HTMLElement[] }>();
  const markKey = new WeakMap<Element, string>();
  /** Text nodes the painter split off, mapped to the page node they came from. */
  const fragmentOrigin = new WeakMap<Text, Text>();

  function originOf(t: Text): Text {
    return fragmentOrigin.get(t) ?? t;
  }

  function split(t: Text, at: number): Text {
    const tail = t.splitText(at);
    fragmentOrigin.set(tail, originOf(t));
    return tail;
  }

  function markStyle(name: string): string {
    const c = paintColors(colors[name] ?? '', name);
    return `all: unset !important; background-color: ${c.background} !important;`;
  }

  function wrapRange(range: AbstractRange, name: string, key: string): HTMLElement[] {
    const pieces: Array<{ t: Text; s: number; e: number }> = [];
    const startC = range.startContainer;
    const endC = range.endContainer;
    if (range.collapsed) return [];
    if (startC === endC && startC.nodeType === 3) {
      pieces.push({ t: startC as Text, s: range.startOffset, e: range.endOffset });
    } else {
      const live = doc.createRange();
      live.setStart(startC, range.startOffset);
      live.setEnd(endC, range.endOffset);
      const common = live.commonAncestorContainer;
      const walker = doc.createTreeWalker(common, 4 /* SHOW_TEXT */);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!live.intersectsNode(n)) continue;
        const t = n as Text;
        const s = t === startC ? range.startOffset : 0;
        const e = t === endC ? range.endOffset : t.data.length;
        pieces.push({ t, s, e });
      }
    }
    const marks: HTMLElement[] = [];
    for (const { t, s, e } of pieces) {
      if (e <= s || !t.parentNode) continue;
      const parent = t.parentElement;
      const wsOnly = /^\s*$/.test(t.data.slice(s, e));
      if (wsOnly && parent && NO_INLINE_CHILD.has(parent.localName)) continue;
      if (isInSkippedContext(t)) continue;
      let mid = t;
      if (s > 0) mid = split(t, s);
      if (e - s < mid.data.length) split(mid, e - s);
      const mark = doc.createElement('mark');
      mark.setAttribute(OWN_ATTR, MARK_VALUE);
      mark.setAttribute(`${OWN_ATTR}-name`, name);
      mark.setAttribute('style', markStyle(name));
      markKey.set(mark, key);
      mid.parentNode!.insertBefore(mark, mid);
      mark.appendChild(mid);
      marks.push(mark);
    }
    return marks;
  }

  function unwrap(mark: HTMLElement): void {
    const parent = mark.parentNode;
    if (!parent) return;
    const first = mark.firstChild;
    const after = mark.nextSibling;
    while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
    parent.removeChild(mark);
    // Merge back the fragments we split off, from the first moved node to the node after the mark.
    let n: Node | null = first ?? after;
    while (n) {
      const next: Node | null = n === after ? null : n.nextSibling;
      if (n.nodeType === 3) {
        const t = n as Text;
        const prev = t.previousSibling;
        if (fragmentOrigin.has(t) && prev && prev.nodeType === 3 && originOf(prev as Text) === originOf(t)) {
          (prev as Text).appendData(t.data);
          parent.removeChild(t);
        }
      }
      if (n === after) break;
      n = next;
    }
  }

  // ---------------------------------------------------------------- common
  function remove(key: string): void {
    try {
      const h = hlByKey.get(key);
      if (h) {
        hlByKey.delete(key);
        if (h.shown) for (const r of h.ranges) hlDelete(h.name, r);
      }
      const w = wrapByKey.get(key);
      if (w) {
        wrapByKey.delete(key);
        // Unwrap in reverse creation order so nested marks come apart cleanly.
        for (let i = w.marks.length - 1; i >= 0; i--) unwrap(w.marks[i]!);
      }
    } catch {
      /* the page removed our nodes: nothing left to undo */
    }
  }

  function isRange(r: unknown): r is AbstractRange {
    return !!r && typeof r === 'object' && 'startContainer' in r && 'endContainer' in r;
  }

  function rangesOfMarks(marks: HTMLElement[]): Range[] {
    const live = marks.filter((m) => m.isConnected);
    if (live.length === 0) return [];
    const r = doc.createRange();
    r.setStart(live[0]!, 0);
    const last = live[live.length - 1]!;
    r.setEnd(last, last.childNodes.length);
    return [r];
  }

  function toRange(r: AbstractRange): Range | null {
    if (typeof (r as Range).isPointInRange === 'function') return r as Range;
    try {
      const live = doc.createRange();
      live.setStart(r.startContainer, r.startOffset);
      live.setEnd(r.endContainer, r.endOffset);
      return live;
    } catch {
      return null;
    }
  }

  const painter: Painter = {
    mode,
    set(key, name, ranges, shown = true) {
      try {
        key = String(key);
        name = safeName(name);
        remove(key);
        const valid = (Array.isArray(ranges) ? ranges : []).filter(isRange);
        if (valid.length === 0) return;
        if (!usedNames.has(name)) {
          usedNames.add(name);
          if (styleEl && !(name in colors)) styleEl.textContent = buildCss();
        }
        ensureStyle();
        if (mode === 'highlight-api') {
          if (shown === false) {
            hlByKey.set(key, { name, ranges: [...valid], shown: false });
            return;
          }
          const kept = register(name, valid);
          if (kept.length) hlByKey.set(key, { name, ranges: kept, shown: true });
        } else {
          const marks: HTMLElement[] = [];
          for (const r of valid) {
            try {
              marks.push(...wrapRange(r, name, key));
            } catch {
              /* range across nodes the page just moved: skip it */
            }
          }
          if (marks.length) wrapByKey.set(key, { name, marks });
        }
      } catch {
        /* never throw into the caller */
      }
    },
    show(key, shown) {
      const h = hlByKey.get(key);
      if (!h || h.shown === shown) return;
      h.shown = shown;
      try {
        if (!shown) {
          for (const r of h.ranges) hlDelete(h.name, r);
          return;
        }
        h.ranges = register(h.name, h.ranges);
      } catch {
        /* never throw into the caller */
      }
    },
    isShown(key) {
      return hlByKey.get(key)?.shown ?? wrapByKey.has(key);
    },
    remove,
    flush,
    get pending() {
      return pendingCount;
    },
    clear() {
      for (const key of [...hlByKey.keys(), ...wrapByKey.keys()]) remove(key);
      if (api) {
        const names = new Set([...refCounts.keys(), ...toAdd.keys(), ...toDelete.keys()]);
        for (const fullName of names) api.registry.delete(fullName);
        refCounts.clear();
        toAdd.clear();
        toDelete.clear();
        pendingCount = 0;
      }
    },
    has(key) {
      return hlByKey.has(key) || wrapByKey.has(key);
    },
    keys() {
      return [...hlByKey.keys(), ...wrapByKey.keys()];
    },
    rangesOf(key) {
      const h = hlByKey.get(key);
      if (h) return h.ranges.map(toRange).filter((r): r is Range => r !== null);
      const w = wrapByKey.get(key);
      return w ? rangesOfMarks(w.marks) : [];
    },
    styleText(newColors) {
      for (const [k, v] of Object.entries(newColors ?? {})) if (typeof v === 'string' && parseHex(v)) colors[k] = v;
      if (newColors && Object.keys(newColors).length) provided = null; // the provided rules are out of date
      const css = buildCss();
      if (styleEl) styleEl.textContent = css;
      else if (newColors) ensureStyle();
      for (const { name, marks } of wrapByKey.values()) for (const m of marks) m.setAttribute('style', markStyle(name));
      return css;
    },
    keysAt(node, offset) {
      const found: string[] = [];
      try {
        if (mode === 'wrap') {
          for (let n: Node | null = node; n; n = n.parentNode) {
            const k = n.nodeType === 1 ? markKey.get(n as Element) : undefined;
            if (k !== undefined && wrapByKey.has(k) && !found.includes(k)) found.push(k);
          }
          return found;
        }
        for (const [key, { ranges }] of hlByKey) {
          for (const r of ranges) {
            const live = toRange(r);
            if (live && live.isPointInRange(node, offset)) {
              found.push(key);
              break;
            }
          }
        }
      } catch {
        /* point from another document */
      }
      return found;
    },
    hitTest(x, y) {
      try {
        if (mode === 'wrap') {
          const el = doc.elementFromPoint?.(x, y);
          return el ? painter.keysAt(el, 0) : [];
        }
        const point = caretPoint(doc, x, y);
        if (!point) return [];
        const keys = painter.keysAt(point.node, point.offset);
        // The caret lands between characters: confirm with the ranges' boxes when layout gives any.
        return keys.filter((key) => {
          let sawRect = false;
          for (const r of painter.rangesOf(key)) {
            const rects = typeof r.getClientRects === 'function' ? Array.from(r.getClientRects()) : [];
            for (const b of rects) {
              if (b.width === 0 && b.height === 0) continue;
              sawRect = true;
              if (x >= b.left - 1 && x <= b.right + 1 && y >= b.top - 1 && y <= b.bottom + 1) return true;
            }
          }
          return !sawRect;
        });
      } catch {
        return [];
      }
    },
    dispose() {
      painter.clear();
      styleEl?.remove();
      styleEl = null;
    },
  };
  return painter;
}

/** The DOM point under viewport coordinates, with whichever caret API the browser has. */
export function caretPoint(doc: Document, x: number, y: number): { node: Node; offset: number } | null {
  const d = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  try {
    if (typeof d.caretPositionFromPoint === 'function') {
      const p = d.caretPositionFromPoint(x, y);
      if (p && p.offsetNode) return { node: p.offsetNode, offset: p.offset };
    }
    if (typeof d.caretRangeFromPoint === 'function') {
      const r = d.caretRangeFromPoint(x, y);
      if (r) return { node: r.startContainer, offset: r.startOffset };
    }
  } catch {
    /* fall through */
  }
  return null;
}
