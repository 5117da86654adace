/**
 * W3C Web Annotation selectors (https://www.w3.org/TR/annotation-model/#selectors), shared by
 * dom/ (which creates and anchors them) and storage/ (which stores, exports and imports them).
 * Pure types and zod schemas: no DOM.
 */
import { z } from 'zod';
import { lazySchema } from './lazy-schema';

export const TextQuoteSelectorSchema = lazySchema(() =>
  z
    .object({
      type: z.literal('TextQuoteSelector'),
      exact: z.string().min(1).max(10_000),
      prefix: z.string().max(200).optional(),
      suffix: z.string().max(200).optional(),
    })
    .strict(),
);
export type TextQuoteSelector = z.infer<typeof TextQuoteSelectorSchema>;

export const TextPositionSelectorSchema = lazySchema(() =>
  z
    .object({
      type: z.literal('TextPositionSelector'),
      start: z.number().int().nonnegative(),
      end: z.number().int().nonnegative(),
    })
    .strict()
    .refine((s) => s.end > s.start, { message: 'end must be greater than start', path: ['end'] }),
);
export type TextPositionSelector = z.infer<typeof TextPositionSelectorSchema>;

/** What a stored highlight keeps to find its text again: both selectors, always. */
export const SelectorPairSchema = lazySchema(() =>
  z.object({ quote: TextQuoteSelectorSchema, position: TextPositionSelectorSchema }).strict(),
);
export type SelectorPair = z.infer<typeof SelectorPairSchema>;

/** How many characters of context a TextQuoteSelector keeps on each side. */
export const QUOTE_CONTEXT_CHARS = 32;
