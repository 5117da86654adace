/**
 * Stored rows. Every row is validated with these schemas before it is written, and every imported
 * record before anything is written. Types are inferred from the schemas, so the two cannot drift.
 */
import { z } from 'zod';
import { lazySchema } from '../engine/lazy-schema';
import { SelectorPairSchema } from '../engine/annotation';
import { CATEGORIES } from '../engine/types';

export const COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export const ColorSchema = lazySchema(() =>
  z.enum(COLORS),
);
export type Color = z.infer<typeof ColorSchema>;

export const ORIGINS = ['user', 'claim'] as const;
export const OriginSchema = lazySchema(() =>
  z.enum(ORIGINS),
);
export type Origin = z.infer<typeof OriginSchema>;

export const CategorySchema = lazySchema(() =>
  z.enum(CATEGORIES),
);

/** Limits keep one bad row (or a hostile import) from filling the database. */
export const LIMITS = {
  url: 8_192,
  pageTitle: 1_000,
  text: 10_000,
  note: 100_000,
  tag: 100,
  tags: 100,
  concept: 200,
  concepts: 100,
} as const;

/** Milliseconds since the epoch, within what Date can represent. */
const TimeSchema = lazySchema(() =>
  z.number().int().nonnegative().max(8.64e15),
);

/** A tag as stored: trimmed, no leading '#', no whitespace inside (see normaliseTag). */
export const TagSchema = lazySchema(() =>
  z
    .string()
    .min(1)
    .max(LIMITS.tag)
    .regex(/^[^\s#][^\s]*$/u, 'a tag has no spaces and does not start with #'),
);

export const ConceptIdSchema = lazySchema(() =>
  z.string().min(1).max(LIMITS.concept),
);

export const HighlightSchema = lazySchema(() =>
  z
    .object({
      id: z.uuid(),
      /** Normalised with normaliseUrl (storage/url.ts). */
      url: z.string().min(1).max(LIMITS.url),
      pageTitle: z.string().max(LIMITS.pageTitle),
      selectors: SelectorPairSchema,
      /** The exact quote, as the user saw it. */
      text: z.string().min(1).max(LIMITS.text),
      color: ColorSchema,
      note: z.string().max(LIMITS.note),
      tags: z.array(TagSchema).max(LIMITS.tags),
      /** Concept ids (engine/data), best first. */
      concepts: z.array(ConceptIdSchema).max(LIMITS.concepts),
      category: CategorySchema.optional(),
      origin: OriginSchema,
      createdAt: TimeSchema,
      updatedAt: TimeSchema,
      /** Set by deleteHighlight (soft delete, undoable); purged later by purgeDeleted. */
      deletedAt: TimeSchema.optional(),
      /**
       * Set by recordAnchoring when a visit to the page could not place the highlight (an orphan),
       * to the time of the first such visit; removed when a later visit places it again. Not indexed.
       */
      orphanSince: TimeSchema.optional(),
    })
    .strict(),
);
export type Highlight = z.infer<typeof HighlightSchema>;

/**
 * What a caller gives saveHighlight. The id and times are filled in when missing; text defaults to
 * the quote selector's exact text; tags are normalised; the url is normalised.
 */
export const HighlightInputSchema = lazySchema(() =>
  z
    .object({
      id: z.uuid().optional(),
      url: z.string().min(1).max(LIMITS.url),
      pageTitle: z.string().max(LIMITS.pageTitle * 4).optional(),
      selectors: SelectorPairSchema,
      text: z.string().min(1).max(LIMITS.text).optional(),
      color: ColorSchema.optional(),
      note: z.string().max(LIMITS.note).optional(),
      tags: z.array(z.string().max(LIMITS.tag * 2)).max(LIMITS.tags * 2).optional(),
      concepts: z.array(ConceptIdSchema).max(LIMITS.concepts).optional(),
      category: CategorySchema.optional(),
      origin: OriginSchema.optional(),
      createdAt: TimeSchema.optional(),
    })
    .strict(),
);
export type HighlightInput = z.input<typeof HighlightInputSchema>;

/**
 * Fields updateHighlight may change. `category: null` removes the category. `ifUpdatedAt` (optional)
 * is a guard, not a field: the row's updatedAt as the editor last read it; when the stored row's
 * updatedAt differs the update is refused with `{ ok: false, error: 'changed elsewhere' }`.
 */
export const HighlightPatchSchema = lazySchema(() =>
  z
    .object({
      ifUpdatedAt: TimeSchema,
      pageTitle: z.string().max(LIMITS.pageTitle * 4),
      selectors: SelectorPairSchema,
      text: z.string().min(1).max(LIMITS.text),
      color: ColorSchema,
      note: z.string().max(LIMITS.note),
      tags: z.array(z.string().max(LIMITS.tag * 2)).max(LIMITS.tags * 2),
      concepts: z.array(ConceptIdSchema).max(LIMITS.concepts),
      category: CategorySchema.nullable(),
    })
    .partial()
    .strict(),
);
export type HighlightPatch = z.input<typeof HighlightPatchSchema>;

/** A small key-value table for storage-side settings (not paused sites: those live in extension storage). */
export const SettingSchema = lazySchema(() =>
  z
    .object({
      key: z.string().min(1).max(200),
      value: z.json(),
    })
    .strict(),
);
export type Setting = z.infer<typeof SettingSchema>;

/**
 * Tag normalisation: trim, drop leading '#', whitespace runs (incl. U+00A0, U+202F) become '-'.
 * Returns '' for a tag with nothing left (callers drop it). Case is kept as typed.
 */
export function normaliseTag(tag: string): string {
  if (typeof tag !== 'string') return '';
  const t = tag
    .normalize('NFC')
    .trim()
    .replace(/^#+/u, '')
    .trim()
    .replace(/\s+/gu, '-');
  return t.length > LIMITS.tag ? t.slice(0, LIMITS.tag) : t;
}

/** Normalise, drop empties, and drop duplicates that differ only by case (the first spelling wins). */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const t = normaliseTag(raw);
    if (!t) continue;
    const key = t.toLocaleLowerCase('fr');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(t);
    if (out.length >= LIMITS.tags) break;
  }
  return out;
}

/** Concept ids without duplicates, order kept. */
export function normaliseConcepts(ids: readonly string[]): string[] {
  return [...new Set(ids.filter((c) => typeof c === 'string' && c.length > 0))];
}

/** Flatten zod issues into `path: message` pairs. */
export function describeIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
}

export function formatPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) {
    if (typeof p === 'number') s += `[${p}]`;
    else s += s ? `.${String(p)}` : String(p);
  }
  return s || '(record)';
}
