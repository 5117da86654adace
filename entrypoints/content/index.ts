/**
 * Content script (top frame of http/https pages, at document_idle).
 *
 * - Asks the background whether the site is paused; if so it does nothing but answer the popup.
 * - Otherwise starts the dom scanner with the engine: claims are painted with the CSS Custom
 *   Highlight API (no DOM change), counts go to the background for the badge.
 * - A click on a painted claim opens the card (claims are not elements: the click point is
 *   hit-tested against the painted ranges). Keyboard path: the popup lists every claim; Enter on one
 *   scrolls the page to it and opens its card with focus inside (Escape closes and gives focus back).
 * - The user's own highlights (notes.tsx) work on every page, paused or not: the selection toolbar,
 *   saved highlights painted again, their editor, and saving a claim as a note from its card.
 */
import { browser } from 'wxt/browser';
import { detectorFromSnapshot } from '../../engine/snapshot';
import { yieldToPage } from '../../dom/anchor';
import type { Translate } from '../../components/types';
import { CATEGORY_COLORS } from '../../components/colors';
import { bundleLang, cardClaimView, conceptView, excerptAround } from '../../components/views';
import {
  ContentRequestSchema,
  MAX_REPORTED_CLAIMS,
  OpenConceptResultSchema,
  PauseStateSchema,
  RulePacksSchema,
  httpOrigin,
  parseWith,
  type BackgroundRequest,
  type ClaimSummary,
  type ClaimsReport,
  type SaveClaimResult,
  type ScrollResult,
} from '../../messages';
import { createCardController } from './card';
import { createNotesController } from './notes';
import { startPageScanner, type PageClaim, type PageScanner } from './scan';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  allFrames: false,
  cssInjectionMode: 'manual',
  // WXT's legacy "script started" window.postMessage (the document event it also sends is enough to
  // retire an older copy of this script): pages would see a message from us, and Blink records the
  // sender's source location, which made V8 re-parse this whole bundle — 20–40 ms on every page.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    // Loading this script (compiling and evaluating it) is one task of the page; start in the next
    // one, so the two together never make a long task.
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    if (!ctx.isValid) return;
    const origin = httpOrigin(location.href);
    if (!origin) return;
    const t: Translate = (key, subs) => browser.i18n.getMessage(key as never, subs as never) || '';
    const lang = bundleLang((k) => browser.i18n.getMessage(k as never), () => browser.i18n.getUILanguage());
    const send = (msg: BackgroundRequest) => browser.runtime.sendMessage(msg);

    let scanner: PageScanner | null = null;
    let paused = false;
    /** The concept the open card asked the popup to show (cleared when the card closes). */
    let focus: { conceptId: string; claimId: string } | null = null;

    const notes = createNotesController(ctx, { t, send, onEditorOpen: () => card?.close() });
    let card: ReturnType<typeof createCardController> | null = null;

    // Answer the popup first, so it gets "paused" or the claims whatever happens next.
    browser.runtime.onMessage.addListener((raw: unknown, sender): Promise<unknown> | undefined => {
      if (sender.id !== browser.runtime.id) return undefined;
      const msg = parseWith(ContentRequestSchema, raw);
      if (!msg) return undefined;
      switch (msg.type) {
        case 'get-claims': {
          const report: ClaimsReport = paused
            ? { status: 'paused', origin }
            : (() => {
                const all = scanner?.claims() ?? [];
                return {
                  status: 'ok',
                  origin,
                  claims: all.slice(0, MAX_REPORTED_CLAIMS).map(summary),
                  total: all.length,
                  shown: scanner?.shownCount() ?? 0,
                  scannedAt: scanner?.scannedAt() ?? null,
                  pending: scanner ? scanner.busy() : true,
                  focus,
                } as const;
              })();
          return Promise.resolve(report);
        }
        case 'scroll-to-claim': {
          const claim = scanner?.claim(msg.id);
          if (!scanner || !claim || !scanner.scrollTo(claim.id)) return Promise.resolve<ScrollResult>({ found: false });
          if (msg.openCard) void openCard(claim, true);
          return Promise.resolve<ScrollResult>({ found: true });
        }
        case 'highlight-selection':
          return notes.highlightSelection().catch((e: unknown): SaveClaimResult => ({ ok: false, error: String(e).slice(0, 2000) }));
        case 'get-notes':
          return Promise.resolve(notes.report(scanner?.claims() ?? []));
        case 'save-claim': {
          const claim = scanner?.claim(msg.id);
          if (!claim) return Promise.resolve<SaveClaimResult>({ ok: false, error: 'no such claim on the page' });
          return notes.saveClaim(claim).catch((e: unknown): SaveClaimResult => ({ ok: false, error: String(e).slice(0, 2000) }));
        }
        case 'scroll-to-note':
          return Promise.resolve<ScrollResult>({ found: notes.scrollTo(msg.id) });
      }
    });

    // The user's highlights do not depend on claim scanning (nor on the site being paused).
    void notes.start();

    const state = parseWith(PauseStateSchema, await send({ type: 'get-pause-state', origin }).catch(() => undefined));
    paused = state?.paused ?? false;
    if (paused || !ctx.isValid) return;

    const theCard = createCardController(ctx, {
      t,
      onClose: () => {
        focus = null;
        scanner?.setActive(null);
      },
      onShowConcept: async (conceptId, claimId) => {
        focus = { conceptId, claimId };
        const r = parseWith(OpenConceptResultSchema, await send({ type: 'open-concept', conceptId, claimId }).catch(() => undefined));
        return r?.popupOpened ? undefined : t('card_popupHint');
      },
    });

    card = theCard;

    async function openCard(claim: PageClaim, autoFocus: boolean) {
      const view = cardClaimView(
        {
          id: claim.id,
          text: claim.text,
          sentence: claim.sentence,
          category: claim.category,
          signals: claim.signals,
        },
        lang,
        t,
      );
      view.sentenceOffset = claim.start - claim.sentenceStart;
      const concepts = claim.concepts.map((id) => conceptView(id, lang, claim.category)).filter((c) => c !== undefined);
      await theCard.open(
        {
          claim: view,
          concepts,
          saved: notes.isClaimSaved(claim),
          saveNote: async () => (await notes.saveClaim(claim)).ok,
        },
        () => scanner?.rectOf(claim.id) ?? null,
        { autoFocus },
      );
      scanner?.setActive(claim.id);
    }

    let reportTimer: number | undefined;
    const report = () => {
      if (reportTimer !== undefined) return;
      reportTimer = ctx.setTimeout(() => {
        reportTimer = undefined;
        const claims = scanner?.claims() ?? [];
        const byCategory: Record<string, number> = {};
        for (const c of claims) byCategory[c.category] = (byCategory[c.category] ?? 0) + 1;
        send({ type: 'claims-updated', count: claims.length, byCategory }).catch(() => {});
      }, 150);
    };

    // The rule packs were compiled at build time (engine/snapshot.ts); decoding them is a few ms of
    // work, still done in small pieces so it never is one of the page's long tasks.
    // The background holds them (see GetRulePacksSchema).
    let detector: Awaited<ReturnType<typeof detectorFromSnapshot>>;
    try {
      const packs = parseWith(RulePacksSchema, await send({ type: 'get-rule-packs' }));
      if (!packs) throw new Error('no rule packs in the answer');
      detector = await detectorFromSnapshot(packs.text, { budgetMs: 8, yieldFn: yieldToPage });
    } catch (e) {
      console.error('Claim Lens: the bundled rule packs could not be loaded; nothing is flagged.', e);
      return;
    }
    if (!ctx.isValid) return;
    scanner = startPageScanner({ detect: (text, options) => detector.detect(text, options), colors: CATEGORY_COLORS, onChange: report });
    ctx.onInvalidated(() => {
      theCard.close();
      scanner?.stop();
    });
    report();

    // Single-page apps: the scanner's observer sees new text; a navigation also gets a fresh pass.
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      theCard.close();
      scanner?.navigated();
    });

    // Capture phase, so a page that stops propagation cannot hide clicks from us. We never prevent
    // the page's own handling of the click.
    ctx.addEventListener(
      window,
      'click',
      (e: MouseEvent) => {
        // Only the user's own clicks: a page script's dispatched click opens nothing.
        if (!e.isTrusted) return;
        if (theCard.contains(e)) return;
        // A click on a saved highlight (or inside its editor) belongs to the notes.
        if (notes.tookClick(e)) {
          if (theCard.isOpen()) theCard.close();
          return;
        }
        const sel = document.getSelection();
        const selecting = !!sel && !sel.isCollapsed;
        const hit = !selecting && e.button === 0 ? scanner?.claimAt(e.clientX, e.clientY) : undefined;
        if (hit) void openCard(hit, false);
        else if (theCard.isOpen()) theCard.close();
      },
      { capture: true },
    );
    ctx.addEventListener(
      window,
      'keydown',
      (e: KeyboardEvent) => {
        if (!e.isTrusted) return;
        if (e.key === 'Escape' && theCard.isOpen()) theCard.close();
      },
      { capture: true },
    );
  },
});

function summary(c: PageClaim): ClaimSummary {
  return {
    id: c.id,
    category: c.category,
    lang: c.lang,
    text: c.text.slice(0, 2000),
    sentence: excerptAround(c.sentence, c.start - c.sentenceStart, c.end - c.sentenceStart),
    concepts: c.concepts.slice(0, 20),
    score: Math.max(0, Math.min(1, c.score)),
    signals: c.signals.slice(0, 30),
  };
}
