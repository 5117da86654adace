/**
 * The content script's view of page scanning: dom/'s scanner with our colours, plus the few
 * conveniences the wiring needs (busy state, the claim's rectangle for placing the card).
 */
import {
  NAVIGATE_EVENT,
  createPainter,
  createScheduler,
  startScanner,
  type DetectFn,
  type PageClaim,
} from '../../dom';
import { pageStylesheet } from './page-css';

export type { PageClaim };

export interface PageScanner {
  claims(): readonly PageClaim[];
  claim(id: string): PageClaim | undefined;
  claimAt(x: number, y: number): PageClaim | undefined;
  /** The claim's first line box on screen, or null when it is gone. */
  rectOf(id: string): DOMRect | null;
  /** Scroll to the claim and mark it active (painted stronger); false when it is gone. */
  scrollTo(id: string): boolean;
  setActive(id: string | null): void;
  /** A full pass after a same-document navigation. */
  navigated(): void;
  stop(): void;
  /** True while page text is waiting to be read. */
  busy(): boolean;
  /** Claims painted right now (see the paint window in dom/scanner.ts). */
  shownCount(): number;
  /** performance.now() at the end of the frame in which the page was last fully read; null before. */
  scannedAt(): number | null;
}

export interface PageScannerOptions {
  detect: DetectFn;
  colors: Record<string, string>;
  onChange: () => void;
  onError?: (e: unknown) => void;
}

export function startPageScanner(opts: PageScannerOptions): PageScanner {
  // Deferred: the scanner commits painting in batches (see dom/paint.ts and dom/scanner.ts).
  // The ::highlight rules ship as the content script's CSS (page-css.ts): no <style> added to the page.
  const painter = createPainter(document, { colors: opts.colors, deferred: true, stylesheet: pageStylesheet(import.meta.env.COMMAND) });
  const scheduler = createScheduler({ onError: opts.onError });
  let scannedAt: number | null = null;
  const scanner = startScanner({
    detect: opts.detect,
    painter,
    scheduler,
    // Not onClaims: the content script reads claims() when it reports, so no sorted list per frame.
    onChange: (info) => {
      if (info.pending === 0) scannedAt = performance.now();
      opts.onChange();
    },
    onError: opts.onError,
  });
  // The scanner reports only when claims change; a page without claims must still report "0".
  scheduler.onFrameEnd(() => {
    if (scheduler.stats.pending === 0) opts.onChange();
  });
  return {
    claims: () => scanner.claims(),
    claim: (id) => scanner.claim(id),
    claimAt: (x, y) => scanner.claimAt(x, y) ?? undefined,
    rectOf: (id) => {
      const c = scanner.claim(id);
      if (!c || !c.range.startContainer.isConnected) return null;
      return c.range.getClientRects()[0] ?? c.range.getBoundingClientRect();
    },
    scrollTo: (id) => scanner.scrollTo(id, { behavior: 'smooth', activate: true }),
    setActive: (id) => scanner.setActive(id),
    navigated: () => window.dispatchEvent(new Event(NAVIGATE_EVENT)),
    stop: () => {
      scanner.stop();
      painter.dispose();
    },
    busy: () => scheduler.stats.pending > 0,
    shownCount: () => scanner.shownCount(),
    scannedAt: () => scannedAt,
  };
}
