/**
 * The content script's view of page scanning: a small interface over dom/ so the wiring does not
 * depend on the scanner's internals.
 *
 * TEMPORARY: until dom/scanner.ts lands this uses dom/extract + dom/paint directly with a whole-page
 * pass (debounced on mutations). It is replaced by startScanner from dom/ as soon as that exists.
 */
import type { Category, Claim, Lang } from '../../engine/types';
import { extractText, rangeFromOffsets } from '../../dom/extract';
import { createPainter } from '../../dom/paint';

export interface PageClaim {
  id: string;
  text: string;
  sentence: string;
  /** Offset of `text` inside `sentence`. */
  sentenceOffset: number;
  category: Category;
  lang: Lang;
  score: number;
  signals: string[];
  concepts: string[];
}

export interface PageScanner {
  claims(): PageClaim[];
  claimAt(x: number, y: number): PageClaim | undefined;
  rectOf(id: string): DOMRect | null;
  scrollTo(id: string): void;
  rescan(): void;
  stop(): void;
  /** True while page text is waiting to be read. */
  busy(): boolean;
}

export interface PageScannerOptions {
  detect: (text: string) => Claim[];
  colors: Record<string, string>;
  onChange: () => void;
}

export function startPageScanner(opts: PageScannerOptions): PageScanner {
  const painter = createPainter(document, { colors: opts.colors });
  let claims: PageClaim[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const scan = () => {
    timer = undefined;
    if (stopped) return;
    observer.disconnect();
    painter.clear();
    const snap = extractText(document.body);
    const found = opts.detect(snap.text);
    const next: PageClaim[] = [];
    found.forEach((c, i) => {
      const range = rangeFromOffsets(snap, c.start, c.end);
      if (!range) return;
      const id = `c${i}-${c.start}`;
      painter.set(id, c.category, [range]);
      next.push({
        id,
        text: c.text,
        sentence: snap.text.slice(c.sentenceStart, c.sentenceEnd),
        sentenceOffset: c.start - c.sentenceStart,
        category: c.category,
        lang: c.lang,
        score: c.score,
        signals: c.signals,
        concepts: c.concepts,
      });
    });
    claims = next;
    observe();
    opts.onChange();
  };
  const schedule = () => {
    if (timer === undefined && !stopped) timer = setTimeout(scan, 200);
  };
  const observer = new MutationObserver((records) => {
    if (records.some((r) => !(r.target instanceof Element && r.target.closest('[data-claim-lens]')))) schedule();
  });
  const observe = () => observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  scan();

  const byId = (id: string) => claims.find((c) => c.id === id);
  return {
    claims: () => claims,
    claimAt: (x, y) => {
      for (const key of painter.hitTest(x, y)) {
        const c = byId(key);
        if (c) return c;
      }
      return undefined;
    },
    rectOf: (id) => painter.rangesOf(id)[0]?.getBoundingClientRect() ?? null,
    scrollTo: (id) => {
      const r = painter.rangesOf(id)[0];
      if (!r) return;
      const el = r.startContainer.parentElement;
      el?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
    },
    rescan: schedule,
    busy: () => timer !== undefined,
    stop: () => {
      stopped = true;
      observer.disconnect();
      if (timer !== undefined) clearTimeout(timer);
      painter.dispose();
    },
  };
}
