/**
 * Every runtime message exchanged between the content script, the background and the popup.
 * Each side parses what it receives with these schemas and ignores anything that does not parse:
 * a page (or another extension) must never be able to make us act on a malformed message.
 *
 * Directions:
 *   content → background : claims-updated, get-pause-state, get-rule-packs, open-concept
 *   popup   → background : get-pause-state, set-paused
 *   popup   → content    : get-claims, scroll-to-claim   (browser.tabs.sendMessage)
 *
 * Notes (user highlights, see the NOTES section below):
 *   content → background : note-save, note-update, note-delete, note-restore, note-list, note-anchoring
 *   popup   → background : open-library
 *   popup   → content    : get-notes, save-claim, scroll-to-note
 *   background → content : highlight-selection (keyboard shortcut, context menu)
 *
 * The concept a card asks the popup to show travels with the content script's get-claims answer
 * (`focus`): it lives exactly as long as the card that asked for it, and nothing is stored.
 */
import { z } from 'zod';
import { lazySchema } from '../engine/lazy-schema';
import { CATEGORIES, LANGS } from '../engine/types';
import { SelectorPairSchema } from '../engine/annotation';
// Row schemas only (no Dexie): safe to bundle into the content script.
import { ColorSchema, HighlightSchema, LIMITS } from '../storage/schema';

const CategorySchema = lazySchema(() =>
  z.enum(CATEGORIES),
);
const LangSchema = lazySchema(() =>
  z.enum(LANGS),
);

/** Claim ids come from the dom scanner; keep them short opaque strings. */
export const ClaimIdSchema = lazySchema(() =>
  z.string().min(1).max(200),
);
const ConceptIdSchema = lazySchema(() =>
  z.string().regex(/^[a-z0-9][a-z0-9._-]*$/).max(100),
);
/** An origin such as https://example.com (what the pause switch is keyed on). */
export const OriginSchema = lazySchema(() =>
  z
    .string()
    .max(300)
    .regex(/^https?:\/\/[^/\s]+$/, 'an http(s) origin, without path'),
);

/** What the popup needs to know about one claim: plain data, page text kept as strings. */
export const ClaimSummarySchema = lazySchema(() =>
  z
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
    .strict(),
);
export type ClaimSummary = z.infer<typeof ClaimSummarySchema>;

export const ClaimsUpdatedSchema = lazySchema(() =>
  z
    .object({
      type: z.literal('claims-updated'),
      count: z.number().int().nonnegative(),
      byCategory: z.partialRecord(CategorySchema, z.number().int().nonnegative()),
    })
    .strict(),
);
export const GetPauseStateSchema = lazySchema(() =>
  z.object({ type: z.literal('get-pause-state'), origin: OriginSchema }).strict(),
);
/**
 * The rule packs compiled at build time (engine/snapshot.ts). The background holds them, not the
 * content script: 640 KB of data parsed with every page's script would cost each page 10–25 ms.
 */
export const GetRulePacksSchema = lazySchema(() =>
  z.object({ type: z.literal('get-rule-packs') }).strict(),
);
export const SetPausedSchema = lazySchema(() =>
  z.object({ type: z.literal('set-paused'), origin: OriginSchema, paused: z.boolean() }).strict(),
);
/** The card's "see in the popup" button: ask the background to open the popup. */
export const OpenConceptSchema = lazySchema(() =>
  z
    .object({ type: z.literal('open-concept'), conceptId: ConceptIdSchema, claimId: ClaimIdSchema.optional() })
    .strict(),
);

export const GetClaimsSchema = lazySchema(() =>
  z.object({ type: z.literal('get-claims') }).strict(),
);
export const ScrollToClaimSchema = lazySchema(() =>
  z
    .object({ type: z.literal('scroll-to-claim'), id: ClaimIdSchema, openCard: z.boolean().optional() })
    .strict(),
);

// ---- notes (user highlights) -----------------------------------------------------------------

export { ColorSchema as NoteColorSchema };
export type NoteColor = z.infer<typeof ColorSchema>;
const NoteIdSchema = lazySchema(() =>
  z.uuid(),
);
/** The page URL a note belongs to (normalised by storage). */
const PageUrlSchema = lazySchema(() =>
  z.string().min(1).max(LIMITS.url).regex(/^https?:\/\//, 'an http(s) URL'),
);

/** What the content script sends to save a highlight; storage fills ids, times and normalisation. */
export const NoteInputSchema = lazySchema(() =>
  z
    .object({
      url: PageUrlSchema,
      pageTitle: z.string().max(LIMITS.pageTitle * 4),
      selectors: SelectorPairSchema,
      color: ColorSchema,
      note: z.string().max(LIMITS.note),
      tags: z.array(z.string().max(LIMITS.tag * 2)).max(LIMITS.tags * 2),
      concepts: z.array(ConceptIdSchema).max(LIMITS.concepts).optional(),
      category: CategorySchema.optional(),
      origin: z.enum(['user', 'claim']),
    })
    .strict(),
);
export type NoteInput = z.infer<typeof NoteInputSchema>;

/**
 * Fields the in-page editor may change. `ifUpdatedAt`: the row's updatedAt as the editor read it;
 * storage refuses the write with NOTE_CHANGED_ELSEWHERE when the row was saved since.
 */
export const NotePatchSchema = lazySchema(() =>
  z
    .object({
      ifUpdatedAt: z.number().int().nonnegative(),
      color: ColorSchema,
      note: z.string().max(LIMITS.note),
      tags: z.array(z.string().max(LIMITS.tag * 2)).max(LIMITS.tags * 2),
    })
    .partial()
    .strict(),
);
export type NotePatch = z.infer<typeof NotePatchSchema>;
/** The error of a note-update refused by its ifUpdatedAt guard (storage's CHANGED_ELSEWHERE). */
export const NOTE_CHANGED_ELSEWHERE = 'changed elsewhere';

export const NoteSaveSchema = lazySchema(() =>
  z.object({ type: z.literal('note-save'), note: NoteInputSchema }).strict(),
);
export const NoteUpdateSchema = lazySchema(() =>
  z.object({ type: z.literal('note-update'), id: NoteIdSchema, patch: NotePatchSchema }).strict(),
);
export const NoteDeleteSchema = lazySchema(() =>
  z.object({ type: z.literal('note-delete'), id: NoteIdSchema }).strict(),
);
export const NoteRestoreSchema = lazySchema(() =>
  z.object({ type: z.literal('note-restore'), id: NoteIdSchema }).strict(),
);
export const NoteListSchema = lazySchema(() =>
  z.object({ type: z.literal('note-list'), url: PageUrlSchema }).strict(),
);
export const OpenLibrarySchema = lazySchema(() =>
  z.object({ type: z.literal('open-library') }).strict(),
);
/** After anchoring a page: which of its notes were placed and which were not (storage marks orphans). */
export const NoteAnchoringSchema = lazySchema(() =>
  z
    .object({
      type: z.literal('note-anchoring'),
      url: PageUrlSchema,
      found: z.array(NoteIdSchema).max(100_000),
      orphans: z.array(NoteIdSchema).max(100_000),
    })
    .strict(),
);

/** The notes requests, the background's notes handler's own union and part of BackgroundRequestSchema. */
const noteRequests = () => [NoteSaveSchema, NoteUpdateSchema, NoteDeleteSchema, NoteRestoreSchema, NoteListSchema, NoteAnchoringSchema] as const;

export const NoteRequestSchema = lazySchema(() => z.discriminatedUnion('type', noteRequests()));
export type NoteRequest = z.infer<typeof NoteRequestSchema>;

/** A stored highlight as the background sends it back (storage's row schema). */
export const NoteRowSchema = HighlightSchema;
export type NoteRow = z.infer<typeof NoteRowSchema>;

/** The background's answer to note-save / update / delete / restore. */
export const NoteResultSchema = lazySchema(() =>
  z.union([
    z.object({ ok: z.literal(true), row: NoteRowSchema }).strict(),
    z.object({ ok: z.literal(false), error: z.string().max(2000) }).strict(),
  ]),
);
export type NoteResult = z.infer<typeof NoteResultSchema>;

/** The background's answer to note-list. */
export const NoteListResultSchema = lazySchema(() =>
  z.union([
    z.object({ ok: z.literal(true), rows: z.array(NoteRowSchema).max(10_000) }).strict(),
    z.object({ ok: z.literal(false), error: z.string().max(2000) }).strict(),
  ]),
);
export type NoteListResult = z.infer<typeof NoteListResultSchema>;

/** The background's answer to note-anchoring. */
export const NoteAnchoringResultSchema = lazySchema(() =>
  z.union([
    z.object({ ok: z.literal(true), changed: z.number().int().nonnegative() }).strict(),
    z.object({ ok: z.literal(false), error: z.string().max(2000) }).strict(),
  ]),
);
export type NoteAnchoringResult = z.infer<typeof NoteAnchoringResultSchema>;

/** Background → content: highlight the current selection and open the editor (shortcut, context menu). */
export const HighlightSelectionSchema = lazySchema(() =>
  z.object({ type: z.literal('highlight-selection') }).strict(),
);
/** Popup → content: the notes of this page, with whether each was found on the page. */
export const GetNotesSchema = lazySchema(() =>
  z.object({ type: z.literal('get-notes') }).strict(),
);
/** Popup → content: save a flagged claim as a note. */
export const SaveClaimSchema = lazySchema(() =>
  z.object({ type: z.literal('save-claim'), id: ClaimIdSchema }).strict(),
);
/** Popup → content: scroll to a note and open its editor. */
export const ScrollToNoteSchema = lazySchema(() =>
  z.object({ type: z.literal('scroll-to-note'), id: NoteIdSchema }).strict(),
);

/** One note of the page as the popup shows it. Page text stays plain strings. */
export const PageNoteSchema = lazySchema(() =>
  z
    .object({
      id: NoteIdSchema,
      text: z.string().max(LIMITS.text),
      note: z.string().max(LIMITS.note),
      tags: z.array(z.string().max(LIMITS.tag)).max(LIMITS.tags),
      color: ColorSchema,
      origin: z.enum(['user', 'claim']),
      /** False when the highlight could not be found on the page (an orphan). */
      found: z.boolean(),
    })
    .strict(),
);
export type PageNote = z.infer<typeof PageNoteSchema>;

export const PageNotesReportSchema = lazySchema(() =>
  z
    .object({
      /** False until the page's notes were fetched and anchored once. */
      ready: z.boolean(),
      notes: z.array(PageNoteSchema).max(10_000),
      /** Claim ids already saved as notes in this page view. */
      savedClaims: z.array(ClaimIdSchema).max(5000),
    })
    .strict(),
);
export type PageNotesReport = z.infer<typeof PageNotesReportSchema>;

export const SaveClaimResultSchema = lazySchema(() =>
  z.union([
    z.object({ ok: z.literal(true), id: NoteIdSchema }).strict(),
    z.object({ ok: z.literal(false), error: z.string().max(2000) }).strict(),
  ]),
);
export type SaveClaimResult = z.infer<typeof SaveClaimResultSchema>;

export const BackgroundRequestSchema = lazySchema(() =>
  z.discriminatedUnion('type', [
    ClaimsUpdatedSchema,
    GetPauseStateSchema,
    GetRulePacksSchema,
    SetPausedSchema,
    OpenConceptSchema,
    ...noteRequests(),
    OpenLibrarySchema,
  ]),
);
export type BackgroundRequest = z.infer<typeof BackgroundRequestSchema>;

export const ContentRequestSchema = lazySchema(() =>
  z.discriminatedUnion('type', [
    GetClaimsSchema,
    ScrollToClaimSchema,
    HighlightSelectionSchema,
    GetNotesSchema,
    SaveClaimSchema,
    ScrollToNoteSchema,
  ]),
);
export type ContentRequest = z.infer<typeof ContentRequestSchema>;

// ---- responses -------------------------------------------------------------------------------

export const PauseStateSchema = lazySchema(() =>
  z.object({ paused: z.boolean() }).strict(),
);
export type PauseState = z.infer<typeof PauseStateSchema>;

export const OpenConceptResultSchema = lazySchema(() =>
  z.object({ popupOpened: z.boolean() }).strict(),
);
export type OpenConceptResult = z.infer<typeof OpenConceptResultSchema>;

export const FocusSchema = lazySchema(() =>
  z.object({ conceptId: ConceptIdSchema, claimId: ClaimIdSchema }).strict(),
);
export type Focus = z.infer<typeof FocusSchema>;

/** At most this many claims travel in a get-claims answer (the first ones in page order). */
export const MAX_REPORTED_CLAIMS = 5000;

/** The content script's answer to get-claims. */
export const ClaimsReportSchema = lazySchema(() =>
  z.discriminatedUnion('status', [
    z
      .object({
        status: z.literal('ok'),
        origin: OriginSchema,
        claims: z.array(ClaimSummarySchema).max(MAX_REPORTED_CLAIMS),
        /** Claims on the page (more than `claims` holds on a page with over MAX_REPORTED_CLAIMS). */
        total: z.number().int().nonnegative().optional(),
        /** Claims painted right now (on a page with thousands, only those near the viewport are). */
        shown: z.number().int().nonnegative().optional(),
        /** When the page was last fully read (the page's performance.now()); null before (benchmarks read it). */
        scannedAt: z.number().nonnegative().nullable().optional(),
        /** True while the scanner still has page text to read (the list may grow). */
        pending: z.boolean(),
        /** The concept the open card asked the popup to show, if any. */
        focus: FocusSchema.nullable(),
      })
      .strict(),
    z.object({ status: z.literal('paused'), origin: OriginSchema }).strict(),
  ]),
);
export type ClaimsReport = z.infer<typeof ClaimsReportSchema>;

/** The answer to get-rule-packs: the snapshot's JSON text (checked again, in depth, when decoded). */
export const RulePacksSchema = lazySchema(() =>
  z.object({ text: z.string().min(1).max(8_000_000) }).strict(),
);
export type RulePacks = z.infer<typeof RulePacksSchema>;

export const ScrollResultSchema = lazySchema(() =>
  z.object({ found: z.boolean() }).strict(),
);
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
