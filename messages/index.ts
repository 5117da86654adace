/**
 * Every runtime message exchanged between the content script, the background and the popup.
 * Each side parses what it receives with these schemas and ignores anything that does not parse:
 * a page (or another extension) must never be able to make us act on a malformed message.
 *
 * Directions:
 *   content → background : claims-updated, get-pause-state, open-concept
 *   popup   → background : get-pause-state, set-paused
 *   popup   → content    : get-claims, scroll-to-claim   (browser.tabs.sendMessage)
 *
 * The concept a card asks the popup to show travels with the content script's get-claims answer
 * (`focus`): it lives exactly as long as the card that asked for it, and nothing is stored.
 */
import { z } from 'zod';
import { CATEGORIES, LANGS } from '../engine/types';

const CategorySchema = z.enum(CATEGORIES);
const LangSchema = z.enum(LANGS);

/** Claim ids come from the dom scanner; keep them short opaque strings. */
export const ClaimIdSchema = z.string().min(1).max(200);
const ConceptIdSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/).max(100);
/** An origin such as https://example.com (what the pause switch is keyed on). */
export const OriginSchema = z
  .string()
  .max(300)
  .regex(/^https?:\/\/[^/\s]+$/, 'an http(s) origin, without path');

/** What the popup needs to know about one claim: plain data, page text kept as strings. */
export const ClaimSummarySchema = z
  .object({
    id: ClaimIdSchema,
    category: CategorySchema,
    lang: LangSchema,
    /** The claim's text (page text: hostile, rendered as text only). */
    text: z.string().max(2000),
    /** The sentence around the claim. */
    sentence: z.string().max(4000),
    concepts: z.array(ConceptIdSchema).max(20),
    score: z.number().min(0).max(1),
    signals: z.array(z.string().max(60)).max(30),
  })
  .strict();
export type ClaimSummary = z.infer<typeof ClaimSummarySchema>;

export const ClaimsUpdatedSchema = z
  .object({
    type: z.literal('claims-updated'),
    count: z.number().int().nonnegative(),
    byCategory: z.partialRecord(CategorySchema, z.number().int().nonnegative()),
  })
  .strict();
export const GetPauseStateSchema = z.object({ type: z.literal('get-pause-state'), origin: OriginSchema }).strict();
export const SetPausedSchema = z.object({ type: z.literal('set-paused'), origin: OriginSchema, paused: z.boolean() }).strict();
/** The card's "see in the popup" button: ask the background to open the popup. */
export const OpenConceptSchema = z
  .object({ type: z.literal('open-concept'), conceptId: ConceptIdSchema, claimId: ClaimIdSchema.optional() })
  .strict();

export const GetClaimsSchema = z.object({ type: z.literal('get-claims') }).strict();
export const ScrollToClaimSchema = z
  .object({ type: z.literal('scroll-to-claim'), id: ClaimIdSchema, openCard: z.boolean().optional() })
  .strict();

export const BackgroundRequestSchema = z.discriminatedUnion('type', [
  ClaimsUpdatedSchema,
  GetPauseStateSchema,
  SetPausedSchema,
  OpenConceptSchema,
]);
export type BackgroundRequest = z.infer<typeof BackgroundRequestSchema>;

export const ContentRequestSchema = z.discriminatedUnion('type', [GetClaimsSchema, ScrollToClaimSchema]);
export type ContentRequest = z.infer<typeof ContentRequestSchema>;

// ---- responses -------------------------------------------------------------------------------

export const PauseStateSchema = z.object({ paused: z.boolean() }).strict();
export type PauseState = z.infer<typeof PauseStateSchema>;

export const OpenConceptResultSchema = z.object({ popupOpened: z.boolean() }).strict();
export type OpenConceptResult = z.infer<typeof OpenConceptResultSchema>;

export const FocusSchema = z.object({ conceptId: ConceptIdSchema, claimId: ClaimIdSchema }).strict();
export type Focus = z.infer<typeof FocusSchema>;

/** The content script's answer to get-claims. */
export const ClaimsReportSchema = z.discriminatedUnion('status', [
  z
    .object({
      status: z.literal('ok'),
      origin: OriginSchema,
      claims: z.array(ClaimSummarySchema).max(5000),
      /** True while the scanner still has page text to read (the list may grow). */
      pending: z.boolean(),
      /** The concept the open card asked the popup to show, if any. */
      focus: FocusSchema.nullable(),
    })
    .strict(),
  z.object({ status: z.literal('paused'), origin: OriginSchema }).strict(),
]);
export type ClaimsReport = z.infer<typeof ClaimsReportSchema>;

export const ScrollResultSchema = z.object({ found: z.boolean() }).strict();
export type ScrollResult = z.infer<typeof ScrollResultSchema>;

/** Parse without throwing: the value, or undefined when it is not a valid message. */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const r = schema.safeParse(value);
  return r.success ? r.data : undefined;
}

/** The origin of an http(s) URL, or undefined for anything else (chrome://, about:, file:, garbage). */
export function httpOrigin(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    return OriginSchema.safeParse(u.origin).success ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Badge text for a claim count: empty for none, capped so it fits. */
export function badgeText(count: number): string {
  if (!Number.isFinite(count) || count <= 0) return '';
  return count > 999 ? '999+' : String(Math.floor(count));
}
