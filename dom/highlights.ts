/**
 * Painting the user's own highlights (notes), apart from the claim painter (dom/paint.ts).
 *
 * CSS Custom Highlight API, one `Highlight` per colour, registered as `<prefix>-<colour>` (default
 * prefix 'claim-lens-note', so never the same names as the claims' 'claim-lens-<category>'). Claims
 * are a translucent wash of their category's colour; notes are a solid, opaque marker background
 * with near-black text, painted above claims (higher priority), so the two never look alike. Nothing
 * in the page DOM changes, except one `<style data-claim-lens>` element unless the page carries the
 * rules already (option stylesheet).
 *
 * When the browser has no Highlight API, nothing is painted (`mode` is 'none'); the notes still
 * exist and the popup lists them.
 */
import { caretPoint, parseHex, type HighlightApi, type HighlightLike } from './paint';
import { OWN_ATTR } from './extract';

export interface NotePainterOptions {
  /** Highlight-name prefix. Default 'claim-lens-note'. */
  prefix?: string;
  /** Colour name → '#rrggbb'. Names must be simple identifiers. */
  colors: Readonly<Record<string, string>>;
  /** Use this Highlight API instead of the global one (tests). */
  highlightApi?: HighlightApi;
  /**
   * 'inject' (default): add a `<style data-claim-lens>` with noteCss(prefix, colors) when first
   * painting. 'provided': the page carries those rules already (the extension's content script CSS),
   * so nothing is added to the page (see dom/paint.ts, PainterOptions.stylesheet).
   */
  stylesheet?: 'inject' | 'provided';
}

export interface NotePainter {
  readonly mode: 'highlight-api' | 'none';
  /** Paint `range` for note `id` in `color`, replacing what `id` painted before. */
  set(id: string, color: string, range: Range): void;
  remove(id: string): void;
  clear(): void;
  has(id: string): boolean;
  ids(): string[];
  rangeOf(id: string): Range | undefined;
  colorOf(id: string): string | undefined;
  /** The name a colour is registered under (`<prefix>-<colour>`). */
  nameOf(color: string): string;
  /** Ids of the notes painted under the viewport point (x, y) (reads layout: call on events only). */
  hitTest(x: number, y: number): string[];
  dispose(): void;
}

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Above the claim painter's highlights (which keep the default priority 0). */
const PRIORITY = 10;

function globalApi(doc: Document): HighlightApi | null {
  for (const g of [globalThis as Record<string, unknown>, (doc.defaultView ?? {}) as Record<string, unknown>]) {
    const css = g.CSS as { highlights?: HighlightApi['registry'] } | undefined;
    const Ctor = g.Highlight as HighlightApi['Highlight'] | undefined;
    if (css?.highlights && typeof Ctor === 'function') return { registry: css.highlights, Highlight: Ctor };
  }
  return null;
}

/** Dark text on the marker colour, whatever the page's own text colour (contrast on dark themes too). */
export function noteCss(prefix: string, colors: Readonly<Record<string, string>>): string {
  const rules: string[] = [];
  for (const [name, hex] of Object.entries(colors)) {
    if (!NAME_RE.test(name)) continue;
    const rgb = parseHex(hex);
    if (!rgb) continue;
    rules.push(`::highlight(${prefix}-${name}) { background-color: rgb(${rgb.join(', ')}); color: #111; text-decoration: none; }`);
  }
  return rules.join('\n');
}

export function createNotePainter(doc: Document, options: NotePainterOptions): NotePainter {
  const prefix = NAME_RE.test(options.prefix ?? '') ? options.prefix! : 'claim-lens-note';
  const colors = options.colors;
  const api = options.highlightApi ?? globalApi(doc);
  const byId = new Map<string, { color: string; range: Range }>();
  const groups = new Map<string, HighlightLike>();
  let styleEl: HTMLStyleElement | null = null;

  const nameOf = (color: string) => `${prefix}-${color}`;

  function ensureStyle() {
    if (options.stylesheet === 'provided' || styleEl?.isConnected) return;
    try {
      styleEl = doc.createElement('style');
      styleEl.setAttribute(OWN_ATTR, 'note-style');
      styleEl.textContent = noteCss(prefix, colors);
      (doc.head ?? doc.documentElement).append(styleEl);
    } catch {
      styleEl = null;
    }
  }

  function group(color: string): HighlightLike | null {
    if (!api) return null;
    let g = groups.get(color);
    if (!g) {
      g = new api.Highlight();
      try {
        g.priority = PRIORITY;
      } catch {
        /* read-only in some engines */
      }
      groups.set(color, g);
      api.registry.set(nameOf(color), g);
    }
    return g;
  }

  function remove(id: string) {
    const prev = byId.get(id);
    if (!prev) return;
    byId.delete(id);
    const g = groups.get(prev.color);
    if (g) {
      g.delete(prev.range);
      if (g.size === 0 && api) {
        api.registry.delete(nameOf(prev.color));
        groups.delete(prev.color);
      }
    }
  }

  return {
    mode: api ? 'highlight-api' : 'none',
    set(id, color, range) {
      if (typeof id !== 'string' || !range || !Object.prototype.hasOwnProperty.call(colors, color) || !NAME_RE.test(color)) return;
      remove(id);
      byId.set(id, { color, range });
      ensureStyle();
      group(color)?.add(range);
    },
    remove,
    clear() {
      for (const id of [...byId.keys()]) remove(id);
    },
    has: (id) => byId.has(id),
    ids: () => [...byId.keys()],
    rangeOf: (id) => byId.get(id)?.range,
    colorOf: (id) => byId.get(id)?.color,
    nameOf,
    hitTest(x, y) {
      try {
        const point = caretPoint(doc, x, y);
        if (!point) return [];
        const out: string[] = [];
        for (const [id, { range }] of byId) {
          if (!range.startContainer.isConnected) continue;
          let inside = false;
          try {
            inside = range.isPointInRange(point.node, point.offset);
          } catch {
            inside = false;
          }
          if (!inside) continue;
          // The caret lands between characters: confirm with the range's boxes when layout gives any.
          const rects = Array.from(range.getClientRects?.() ?? []).filter((b) => b.width > 0 || b.height > 0);
          if (rects.length === 0 || rects.some((b) => x >= b.left - 1 && x <= b.right + 1 && y >= b.top - 1 && y <= b.bottom + 1)) out.push(id);
        }
        return out;
      } catch {
        return [];
      }
    },
    dispose() {
      for (const id of [...byId.keys()]) remove(id);
      styleEl?.remove();
      styleEl = null;
    },
  };
}
