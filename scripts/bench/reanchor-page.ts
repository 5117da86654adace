/**
 * Runs inside the bench page (bundled by reanchor.ts with esbuild): saves `count` highlights from the
 * page's text, edits the page (a new paragraph at the top shifts every position; some quotes get an
 * edited character in their context, a few are deleted), then re-anchors all of them with
 * dom/anchor.ts over a fresh dom/extract.ts snapshot, yielding as the content script would.
 */
import { anchorAll, SLICE_MS, yieldToPage } from '../../dom/anchor';
import { extractText, rangeFromOffsets } from '../../dom/extract';
import type { SelectorPair } from '../../engine/annotation';
import { describeQuote } from '../../engine/quote-match';

export interface ReanchorPageResult {
  textChars: number;
  items: number;
  editedContext: number;
  gone: number;
  extractMs: number;
  anchorMs: number;
  /** performance.now() when anchoring started and ended (to pick the long tasks inside it). */
  anchorStart: number;
  anchorEnd: number;
  /** Longest stretch of anchoring work between two yields. */
  longestSliceMs: number;
  /** Longest single step (one item, or one piece of the matcher's preparation) and its index. */
  longestStepMs: number;
  longestStepAt: number;
  steps: number;
  slices: number;
  anchored: number;
  orphans: number;
  /** Anchored items whose text differs from their saved quote (fuzzy matches). */
  wrongText: number;
  byMethod: Record<string, number>;
}

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function run(count = 1000, seed = 5): Promise<ReanchorPageResult> {
  const rnd = prng(seed);
  const before = extractText(document.body);
  const text = before.text;
  // Quotes on word boundaries, 20–200 units, spread over the page.
  const saved: { id: string; selectors: SelectorPair; fate: 'kept' | 'context' | 'gone' }[] = [];
  const used: [number, number][] = [];
  for (let i = 0; saved.length < count && i < count * 20; i++) {
    let s = Math.floor(rnd() * (text.length - 300));
    while (s > 0 && /\S/.test(text[s - 1]!)) s--;
    let e = s + 20 + Math.floor(rnd() * 180);
    while (e < text.length && /\S/.test(text[e]!)) e++;
    if (!/\S/.test(text.slice(s, e)) || used.some(([a, b]) => s < b + 40 && a < e + 40)) continue;
    const sel = describeQuote(text, s, e);
    if (!sel) continue;
    used.push([s, e]);
    const r = rnd();
    saved.push({ id: `h${saved.length}`, selectors: sel, fate: r < 0.1 ? 'context' : r < 0.11 ? 'gone' : 'kept' });
  }
  // Edit the page from the end backwards so earlier offsets stay valid in `before`.
  const order = [...saved].sort((a, b) => b.selectors.position.start - a.selectors.position.start);
  for (const h of order) {
    const { start, end } = h.selectors.position;
    if (h.fate === 'context' && start >= 8) {
      const r = rangeFromOffsets(before, start - 6, start - 5);
      if (r) {
        r.deleteContents();
        r.insertNode(document.createTextNode('Z'));
      }
    } else if (h.fate === 'gone') {
      const r = rangeFromOffsets(before, start, end);
      r?.deleteContents();
    }
  }
  const p = document.createElement('p');
  p.textContent = 'Nouveau : un paragraphe ajouté en haut de la page décale toutes les positions enregistrées. '.repeat(3);
  document.body.insertBefore(p, document.body.firstChild);
  // Let the page lay out and paint its edited text before timing anything: a page that changed since
  // the highlights were saved arrives already laid out, and that re-layout (~35 ms here) is the
  // page's work, which the first yield would otherwise absorb and count as anchoring time.
  await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

  let t0 = performance.now();
  const snapshot = extractText(document.body);
  const extractMs = performance.now() - t0;
  let sliceStart = 0;
  let longestSliceMs = 0;
  let slices = 0;
  t0 = performance.now();
  sliceStart = t0;
  let lastAsk = t0;
  let longestStepMs = 0;
  let longestStepAt = -1;
  let asks = 0;
  const res = await anchorAll(snapshot, (s, e) => rangeFromOffsets(snapshot, s, e), saved, {
    shouldYield: () => {
      const t = performance.now();
      if (t - lastAsk > longestStepMs) {
        longestStepMs = t - lastAsk;
        longestStepAt = asks;
      }
      asks++;
      lastAsk = t;
      return t - sliceStart >= SLICE_MS;
    },
    yieldFn: async () => {
      longestSliceMs = Math.max(longestSliceMs, performance.now() - sliceStart);
      slices++;
      await yieldToPage(); // what the content script's anchoring awaits
      sliceStart = performance.now();
      lastAsk = sliceStart;
    },
  });
  const end = performance.now();
  longestSliceMs = Math.max(longestSliceMs, end - sliceStart);
  slices++;
  const byMethod: Record<string, number> = {};
  let wrongText = 0;
  const quoteOf = new Map(saved.map((h) => [h.id, h.selectors.quote.exact]));
  for (const a of res.anchored) {
    byMethod[a.method] = (byMethod[a.method] ?? 0) + 1;
    if (snapshot.text.slice(a.start, a.end) !== quoteOf.get(a.id)) wrongText++;
  }
  return {
    textChars: snapshot.text.length,
    items: saved.length,
    editedContext: saved.filter((h) => h.fate === 'context').length,
    gone: saved.filter((h) => h.fate === 'gone').length,
    extractMs,
    anchorMs: end - t0,
    anchorStart: t0,
    anchorEnd: end,
    longestSliceMs,
    longestStepMs,
    longestStepAt,
    steps: asks,
    slices,
    anchored: res.anchored.length,
    orphans: res.orphans.length,
    wrongText,
    byMethod,
  };
}
