/**
 * Sentence-level evaluation of a detector over the labelled corpus. The detector is injected, so
 * this module is pure apart from calling it: it never imports the engine.
 */
import { CATEGORIES, type Category, type Lang } from '../../engine/types';
import type { CorpusItem, Split } from './corpus';
import {
  categoryCounts,
  detectionCounts,
  falseAlarms,
  macroF1,
  microAverage,
  prf,
  type CategoryCounts,
  type Counts,
  type FalseAlarmStats,
  type Prf,
} from './metrics';

/** What the harness needs from a claim (engine/types.ts Claim satisfies it). */
export interface FoundClaim {
  category: Category;
  text: string;
  lang?: Lang;
}

/** detect(text, { threshold }) without `lang`: language detection is part of what is measured. */
export type DetectFn = (text: string, options?: { threshold?: number }) => readonly FoundClaim[];

export interface RunResult {
  claims: FoundClaim[];
  /** unique categories of the claims, in CATEGORIES order */
  predicted: Category[];
  /** set when the detector threw (it must not); the example then counts as "nothing found" */
  error?: string;
}

/** Runs the detector on one text, never throws. */
export function runDetector(detect: DetectFn, text: string, threshold?: number): RunResult {
  try {
    const claims = [...detect(text, threshold === undefined ? undefined : { threshold })];
    const set = new Set(claims.map((c) => c.category));
    return { claims, predicted: CATEGORIES.filter((c) => set.has(c)) };
  } catch (e) {
    return { claims: [], predicted: [], error: e instanceof Error ? e.message : String(e) };
  }
}

export interface ItemResult extends RunResult {
  item: CorpusItem;
}

export function runCorpus(items: readonly CorpusItem[], detect: DetectFn, threshold?: number): ItemResult[] {
  return items.map((item) => ({ item, ...runDetector(detect, item.text, threshold) }));
}

export type SplitSel = Split | 'all';

export function selectSplit<T extends { item: CorpusItem }>(results: readonly T[], split: SplitSel): T[] {
  return split === 'all' ? [...results] : results.filter((r) => r.item.split === split);
}

export interface CorpusReport {
  lang: Lang;
  split: SplitSel;
  sentences: number;
  positives: number;
  negatives: number;
  detection: Counts & { tn: number } & Prf;
  categories: Record<Category, CategoryCounts & Prf>;
  micro: CategoryCounts & Prf;
  macroF1: number | null;
  /** claims found in the negative sentences, per 10,000 words of them */
  falseAlarms: FalseAlarmStats;
  /** claims whose detected language is not the corpus language */
  wrongLanguageClaims: number;
  detectorErrors: number;
}

export function summarise(results: readonly ItemResult[], lang: Lang, split: SplitSel): CorpusReport {
  const rows = selectSplit(results, split);
  const pairs = rows.map((r) => ({ expected: r.item.labels, predicted: r.predicted }));
  const det = detectionCounts(pairs);
  const perCat = categoryCounts(pairs, CATEGORIES);
  const categories = {} as Record<Category, CategoryCounts & Prf>;
  for (const c of CATEGORIES) {
    const k = perCat.get(c)!;
    categories[c] = { ...k, ...prf(k) };
  }
  const negatives = rows.filter((r) => r.item.labels.length === 0);
  return {
    lang,
    split,
    sentences: rows.length,
    positives: rows.length - negatives.length,
    negatives: negatives.length,
    detection: { ...det, ...prf(det) },
    categories,
    micro: microAverage(perCat.values()),
    macroF1: macroF1(perCat.values()),
    falseAlarms: falseAlarms(negatives.map((r) => ({ text: r.item.text, claims: r.claims.length }))),
    wrongLanguageClaims: rows.reduce((n, r) => n + r.claims.filter((c) => c.lang !== undefined && c.lang !== lang).length, 0),
    detectorErrors: rows.filter((r) => r.error !== undefined).length,
  };
}

export interface Mismatch {
  id: string;
  split: Split;
  /** FP: a category found that is not in the labels; FN: a label not found; both can happen */
  type: 'FP' | 'FN' | 'FP+FN';
  expected: Category[];
  got: Category[];
  matched: { category: Category; text: string; lang?: Lang }[];
  text: string;
}

/** Every example whose predicted category set differs from its labels. */
export function mismatches(results: readonly ItemResult[]): Mismatch[] {
  const out: Mismatch[] = [];
  for (const r of results) {
    const gold = new Set(r.item.labels);
    const extra = r.predicted.filter((c) => !gold.has(c));
    const missing = r.item.labels.filter((c) => !r.predicted.includes(c));
    if (extra.length === 0 && missing.length === 0) continue;
    out.push({
      id: r.item.id,
      split: r.item.split,
      type: extra.length && missing.length ? 'FP+FN' : extra.length ? 'FP' : 'FN',
      expected: [...r.item.labels],
      got: r.predicted,
      matched: r.claims.map((c) => ({ category: c.category, text: c.text, ...(c.lang ? { lang: c.lang } : {}) })),
      text: r.item.text,
    });
  }
  return out;
}
