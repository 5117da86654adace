/**
 * Pure metric computations for the evaluation harness. No I/O, no engine import: everything
 * here takes counts or (expected, predicted) pairs and returns numbers.
 *
 * Conventions
 * - precision = tp / (tp + fp), recall = tp / (tp + fn), F1 = 2tp / (2tp + fp + fn).
 * - A ratio whose denominator is 0 is `null` (undefined), never NaN and never a made-up 0 or 1:
 *   precision with no prediction at all, recall with nothing to find, F1 with neither.
 */

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Prf {
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export function ratio(num: number, den: number): number | null {
  return den > 0 ? num / den : null;
}

export function prf(c: Counts): Prf {
  return {
    precision: ratio(c.tp, c.tp + c.fp),
    recall: ratio(c.tp, c.tp + c.fn),
    f1: ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn),
  };
}

/** One evaluated example: the gold labels and the predicted labels (duplicates ignored). */
export interface LabelledPrediction<L extends string = string> {
  expected: readonly L[];
  predicted: readonly L[];
}

/** "Is it a claim?": positive when the example has any label / any prediction. */
export function detectionCounts(rows: readonly LabelledPrediction[]): Counts & { tn: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const r of rows) {
    const gold = r.expected.length > 0;
    const pred = r.predicted.length > 0;
    if (gold && pred) tp++;
    else if (pred) fp++;
    else if (gold) fn++;
    else tn++;
  }
  return { tp, fp, fn, tn };
}

export interface CategoryCounts extends Counts {
  /** examples whose gold labels contain the category */
  support: number;
}

/** Per-category counts, multi-label: each example counts once per category, sets not lists. */
export function categoryCounts<L extends string>(
  rows: readonly LabelledPrediction<L>[],
  categories: readonly L[],
): Map<L, CategoryCounts> {
  const out = new Map<L, CategoryCounts>();
  for (const c of categories) out.set(c, { tp: 0, fp: 0, fn: 0, support: 0 });
  for (const r of rows) {
    const gold = new Set(r.expected);
    const pred = new Set(r.predicted);
    for (const c of categories) {
      const k = out.get(c)!;
      const g = gold.has(c);
      const p = pred.has(c);
      if (g) k.support++;
      if (g && p) k.tp++;
      else if (p) k.fp++;
      else if (g) k.fn++;
    }
  }
  return out;
}

/** Micro-average: pool the counts of every category, then compute P/R/F1 once. */
export function microAverage(counts: Iterable<CategoryCounts>): CategoryCounts & Prf {
  const sum: CategoryCounts = { tp: 0, fp: 0, fn: 0, support: 0 };
  for (const c of counts) {
    sum.tp += c.tp;
    sum.fp += c.fp;
    sum.fn += c.fn;
    sum.support += c.support;
  }
  return { ...sum, ...prf(sum) };
}

/** Macro F1: mean of the per-category F1 over categories that have support or predictions. */
export function macroF1(counts: Iterable<CategoryCounts>): number | null {
  let total = 0;
  let n = 0;
  for (const c of counts) {
    const f = prf(c).f1;
    if (f === null) continue;
    total += f;
    n++;
  }
  return n > 0 ? total / n : null;
}

const WORD = /[\p{L}\p{N}]+(?:(?:['’\-‑]|(?<=\d)[.,](?=\d))[\p{L}\p{N}]+)*/gu;

/**
 * Words in ordinary text: runs of letters/digits; an inner apostrophe or hyphen, or a decimal
 * separator between digits (4,8 / 4.9), keeps one word.
 */
export function wordCount(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(WORD)) n++;
  return n;
}

/** Rate of `events` per `per` words (10,000 by default); null when there are no words. */
export function perWords(events: number, words: number, per = 10_000): number | null {
  return words > 0 ? (events * per) / words : null;
}

export interface FalseAlarmStats {
  sentences: number;
  words: number;
  /** sentences where at least one claim fired */
  sentencesFired: number;
  /** claims found in all those sentences */
  claims: number;
  claimsPer10kWords: number | null;
}

/** False alarms over text presumed to hold no claim: one entry per sentence. */
export function falseAlarms(rows: readonly { text: string; claims: number }[]): FalseAlarmStats {
  let words = 0;
  let fired = 0;
  let claims = 0;
  for (const r of rows) {
    words += wordCount(r.text);
    if (r.claims > 0) fired++;
    claims += r.claims;
  }
  return { sentences: rows.length, words, sentencesFired: fired, claims, claimsPer10kWords: perWords(claims, words) };
}
