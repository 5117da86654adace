/**
 * The in-page card: a WXT shadow-root UI mounted on demand next to a claim, fixed-position so it
 * never shifts the page's layout. The host carries `data-claim-lens` so the scanner skips it, gets
 * `all: initial !important` from WXT (page CSS cannot restyle it) and holds our own stylesheet.
 */
import { render } from 'preact';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import cardCss from '../../components/card.css?inline';
import { ClaimCard } from '../../components/ClaimCard';
import type { CardClaimView, ConceptView, Translate } from '../../components/types';
import { uiShadowMode } from '../../messages/build-flags';

export interface CardContent {
  claim: CardClaimView;
  concepts: ConceptView[];
  /** "Save as note": resolves true once stored. Absent: no button. */
  saveNote?: () => Promise<boolean>;
  /** Already saved as a note in this page view. */
  saved?: boolean;
}

export interface CardController {
  open(content: CardContent, getRect: () => DOMRect | null, opts?: { autoFocus?: boolean }): Promise<void>;
  close(): void;
  isOpen(): boolean;
  /** True when the event came from inside the card. */
  contains(event: Event): boolean;
}

const GAP = 8;
const MAX_HEIGHT = 520;

/** Puts `el` (a fixed-position panel at most `maxWidth` wide) next to the rectangle `r`. */
export function placeBeside(el: HTMLElement, r: DOMRect, maxWidth: number): void {
  const vw = document.documentElement.clientWidth || window.innerWidth;
  const vh = window.innerHeight;
  const p = placeCard(r, Math.min(maxWidth, vw - 2 * GAP), vw, vh);
  el.style.left = `${p.left}px`;
  el.style.top = p.top === undefined ? 'auto' : `${p.top}px`;
  el.style.bottom = p.bottom === undefined ? 'auto' : `${p.bottom}px`;
  el.style.maxHeight = `${p.maxHeight}px`;
}

const PANEL_EVENTS = ['keydown', 'keyup', 'keypress', 'click', 'mousedown', 'mouseup', 'pointerdown', 'pointerup'] as const;

/**
 * An in-page panel (the claim card, the note toolbar/editor): a shadow root appended to <html>
 * rather than <body> (a transformed or hidden body cannot move or clip it), with the card styles, its
 * events kept from the page, and a `.cl-root` element for Preact. Closed in shipped builds (open only in
 * the e2e build, so the tests can look inside): a page script cannot reach into it.
 */
export function createPanelUi(
  ctx: ContentScriptContext,
  opts: { name: string; kind: string; rootClass: string; moreEvents?: readonly string[] },
): Promise<ShadowRootContentScriptUi<HTMLElement>> {
  return createShadowRootUi<HTMLElement>(ctx, {
    name: opts.name,
    mode: uiShadowMode(),
    position: 'inline',
    anchor: () => document.documentElement,
    append: 'last',
    css: cardCss,
    isolateEvents: [...PANEL_EVENTS, ...(opts.moreEvents ?? [])],
    onMount: (container, _shadow, host) => {
      host.setAttribute('data-claim-lens', opts.kind);
      const root = document.createElement('div');
      root.className = opts.rootClass;
      root.setAttribute('lang', document.documentElement.lang || '');
      container.append(root);
      return root;
    },
    onRemove: (root) => {
      if (root) render(null, root);
    },
  });
}

/** Where to put a card of width `w` next to `r` in a viewport of `vw`×`vh` (fixed coordinates). */
export function placeCard(r: { left: number; top: number; bottom: number }, w: number, vw: number, vh: number) {
  // Whole pixels: crisp text, and the same rendering wherever the claim sits.
  const left = Math.round(Math.max(GAP, Math.min(r.left, vw - w - GAP)));
  const below = vh - r.bottom - GAP * 2;
  const above = r.top - GAP * 2;
  if (below >= 280 || below >= above) {
    const top = Math.round(Math.max(GAP, Math.min(r.bottom + GAP, vh - 120)));
    return { left, top, bottom: undefined, maxHeight: Math.min(MAX_HEIGHT, Math.max(120, vh - top - GAP)) };
  }
  const bottom = Math.round(Math.max(GAP, vh - r.top + GAP));
  return { left, top: undefined, bottom, maxHeight: Math.min(MAX_HEIGHT, Math.max(120, vh - bottom - GAP)) };
}

export function createCardController(
  ctx: ContentScriptContext,
  deps: {
    t: Translate;
    onShowConcept: (conceptId: string, claimId: string) => Promise<string | undefined>;
    onClose?: () => void;
  },
): CardController {
  let ui: ShadowRootContentScriptUi<HTMLElement> | null = null;
  let current: {
    content: CardContent;
    getRect: () => DOMRect | null;
    autoFocus: boolean;
    notice?: string;
    saveState?: 'idle' | 'saving' | 'saved' | 'error';
  } | null = null;
  let returnFocus: Element | null = null;
  let frame = 0;

  const box = () => ui?.uiContainer.querySelector<HTMLElement>('.cl-root') ?? null;

  const position = () => {
    frame = 0;
    const el = box();
    if (!el || !current) return;
    const r = current.getRect();
    if (r) placeBeside(el, r, 380);
  };
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(position);
  };

  const draw = () => {
    const el = box();
    if (!el || !current) return;
    const c = current;
    render(
      <ClaimCard
        claim={c.content.claim}
        concepts={c.content.concepts}
        t={deps.t}
        autoFocus={c.autoFocus}
        notice={c.notice}
        saveState={c.saveState ?? (c.content.saved ? 'saved' : 'idle')}
        onSaveNote={
          c.content.saveNote
            ? async () => {
                c.saveState = 'saving';
                draw();
                const ok = await c.content.saveNote!().catch(() => false);
                if (current === c) {
                  c.saveState = ok ? 'saved' : 'error';
                  draw();
                }
              }
            : undefined
        }
        onClose={close}
        onShowConcept={async (conceptId) => {
          const notice = await deps.onShowConcept(conceptId, c.content.claim.id);
          if (current === c) {
            c.notice = notice;
            draw();
          }
        }}
      />,
      el,
    );
  };

  function close() {
    if (!current) return;
    current = null;
    window.removeEventListener('scroll', schedule, true);
    window.removeEventListener('resize', schedule);
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
    ui?.remove();
    ui = null;
    deps.onClose?.();
    // Give focus back to where it was when the card took it (keyboard users).
    if (returnFocus instanceof HTMLElement && returnFocus.isConnected) returnFocus.focus({ preventScroll: true });
    returnFocus = null;
  }

  async function open(content: CardContent, getRect: () => DOMRect | null, opts: { autoFocus?: boolean } = {}) {
    if (current) close();
    current = { content, getRect, autoFocus: !!opts.autoFocus };
    if (opts.autoFocus) returnFocus = document.activeElement;
    const mine = current;
    const created = await createPanelUi(ctx, { name: 'claim-lens-card', kind: 'card', rootClass: 'cl-root' });
    if (current !== mine) return; // closed or replaced while the UI was being created
    ui = created;
    ui.mount();
    draw();
    position();
    window.addEventListener('scroll', schedule, { capture: true, passive: true });
    window.addEventListener('resize', schedule, { passive: true });
  }

  return {
    open,
    close,
    isOpen: () => current !== null,
    contains: (event) => !!ui && event.composedPath().includes(ui.shadowHost),
  };
}
