/**
 * The user's selection as something we can save: a Range over page text (never inside a form field,
 * an editable region or the extension's own UI) and its W3C selectors over the whole page's text.
 *
 * Saving and re-anchoring must read the page the same way, so both go through `pageSnapshot`
 * (dom/extract.ts over <body>, default options). Offsets are UTF-16 units of that text.
 */
import type { SelectorPair } from '../engine/annotation';
import { describeQuote } from '../engine/quote-match';
import { extractText, isInSkippedContext, isInsideOwnUi, offsetsFromRange, rangeFromOffsets, type TextSnapshot } from './extract';

/** The page text every user highlight is described against. */
export function pageSnapshot(doc: Document): TextSnapshot {
  return extractText(doc.body ?? doc.documentElement);
}

const FIELD_TAGS = new Set(['input', 'textarea', 'select']);

function inField(el: Element | null): boolean {
  if (!el) return false;
  if (FIELD_TAGS.has(el.localName)) return true;
  return (el as HTMLElement).isContentEditable === true;
}

/**
 * The current selection's first range when it covers page text the user can highlight, else null:
 * collapsed or whitespace-only selections, selections in inputs/textareas, contenteditable regions,
 * skipped subtrees (scripts, hidden) or inside our own UI give null. Never throws.
 */
export function selectableRange(doc: Document): Range | null {
  try {
    const sel = doc.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null;
    // Text selected inside an <input>/<textarea> is not in the document's ranges but the field has focus.
    if (inField(doc.activeElement)) return null;
    // Focus in our own UI (a shadow host carrying data-claim-lens): its fields are not page text.
    if (doc.activeElement && isInsideOwnUi(doc.activeElement)) return null;
    const range = sel.getRangeAt(0);
    if (range.collapsed || !range.toString().trim()) return null;
    for (const node of [range.startContainer, range.endContainer, range.commonAncestorContainer]) {
      if (!node.isConnected || node.getRootNode() !== doc) return null;
      if (isInSkippedContext(node)) return null;
    }
    return range.cloneRange();
  } catch {
    return null;
  }
}

export interface DescribedRange {
  selectors: SelectorPair;
  /** Offsets into the snapshot's text, whitespace at both ends trimmed. */
  start: number;
  end: number;
  /** A Range rebuilt from those offsets (what gets painted). */
  range: Range | null;
}

/**
 * Selectors (quote with ~32 units of context each side, and position) for `range` over `snapshot`.
 * Leading and trailing whitespace of the selection is left out of the quote. Null when the range
 * covers no extracted text. Never throws.
 */
export function describeRange(snapshot: TextSnapshot, range: AbstractRange): DescribedRange | null {
  try {
    const o = offsetsFromRange(snapshot, range);
    if (!o) return null;
    let { start, end } = o;
    const text = snapshot.text;
    while (start < end && /\s/u.test(text[start]!)) start++;
    while (end > start && /\s/u.test(text[end - 1]!)) end--;
    const selectors = describeQuote(text, start, end);
    if (!selectors) return null;
    return { selectors, start, end, range: rangeFromOffsets(snapshot, start, end) };
  } catch {
    return null;
  }
}
