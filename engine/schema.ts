/**
 * zod schemas for the engine's data: rule packs and the concept knowledge base.
 * Both are data (JSON under engine/data/), validated when loaded, so that user rule packs can be
 * loaded later through exactly the same gate.
 */
import { z } from 'zod';
import { lazySchema } from './lazy-schema';
import { CATEGORIES, LANGS } from './types';

export const LangSchema = lazySchema(() =>
  z.enum(LANGS),
);
export const CategorySchema = lazySchema(() =>
  z.enum(CATEGORIES),
);
export const LocalisedSchema = lazySchema(() =>
  z.object({ fr: z.string().min(1), en: z.string().min(1) }).strict(),
);

/** Context signals computed on the sentence around a candidate claim (see engine/context.ts). */
export const SIGNALS = [
  'second_person', // vous/votre/tu, you/your
  'first_plural', // nous/notre/nos, we/our/us
  'imperative', // sentence opens with an imperative marketing verb (achetez, shop, join…)
  'exclamation', // "!" in the sentence
  'number', // a digit in the sentence
  'percent', // "%" in the sentence
  'price', // currency sign or price word
  'product', // product / offer / shop vocabulary
  'superlative', // superlative or intensifier nearby
  'legal', // legal, contractual or regulatory vocabulary (lowers scores)
  'question', // the sentence is a question (lowers scores)
  'negation', // a negation right before the claim (lowers scores)
  'first_singular', // je/j', I/my (personal narrative, reviews; lowers corporate claims)
  'past', // narrative past / encyclopaedic register (lowers scores)
] as const;
export const SignalSchema = lazySchema(() =>
  z.enum(SIGNALS),
);
export type Signal = z.infer<typeof SignalSchema>;

const IdSchema = lazySchema(() =>
  z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'ids are lower-case ascii: letters, digits, . _ -'),
);

export const RuleSchema = lazySchema(() =>
  z
    .object({
      id: IdSchema,
      category: CategorySchema,
      /** Score before context, 0..1. The default report threshold is 0.5. */
      base: z.number().min(0).max(1),
      /** Patterns in the rule pattern language (engine/RULES.md). */
      patterns: z.array(z.string().min(1)).min(1),
      /** The claim is dropped unless at least one of these signals is present in its sentence. */
      requireAny: z.array(SignalSchema).optional(),
      /** Per-signal score deltas that replace the pack defaults for this rule. */
      weights: z.partialRecord(SignalSchema, z.number().min(-1).max(1)).optional(),
      /** Concept ids that override the category's default links, best first. */
      concepts: z.array(IdSchema).optional(),
      /** Match in sentences of either language (numbers like "4.8/5", "#1"). */
      anyLang: z.boolean().optional(),
      /** Higher priority patterns are tried first at the same position. Default 0. */
      priority: z.number().int().optional(),
      /** Free text for maintainers: the real-world pattern this rule captures. */
      note: z.string().optional(),
    })
    .strict(),
);
export type Rule = z.infer<typeof RuleSchema>;

export const StopSchema = lazySchema(() =>
  z.object({ id: IdSchema, patterns: z.array(z.string().min(1)).min(1), note: z.string().optional() }).strict(),
);

/** The fields of a pack besides its stops and rules (RulePackSchema and RulePackHeadSchema share them). */
const packHeadFields = () => ({
  format: z.literal('claim-lens-rules'),
  version: z.literal(1),
  lang: LangSchema,
  name: z.string().min(1),
  /** Named word lists, referenced from patterns as {NAME}. */
  lexicon: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), z.array(z.string().min(1)).min(1)).default({}),
  /** Default per-signal deltas for every rule of the pack. */
  weights: z.partialRecord(SignalSchema, z.number().min(-1).max(1)).default({}),
});

export const RulePackSchema = lazySchema(() =>
  z
    .object({
      ...packHeadFields(),
      /** Phrases that are never claims ("free software", « logiciel libre »): any candidate overlapping one is dropped. */
      stops: z.array(StopSchema).default([]),
      rules: z.array(RuleSchema).min(1),
    })
    .strict()
    .superRefine((pack, ctx) => {
      const seen = new Set<string>();
      for (const [i, r] of pack.rules.entries()) {
        if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id ${r.id}` });
        seen.add(r.id);
      }
    }),
);
export type RulePack = z.infer<typeof RulePackSchema>;

/** The pack without its rules and stops validated (compile.ts validates those one by one). */
export const RulePackHeadSchema = lazySchema(() =>
  z
    .object({
      ...packHeadFields(),
      stops: z.array(z.unknown()).default([]),
      rules: z.array(z.unknown()).min(1),
    })
    .strict(),
);
export type RulePackInput = z.input<typeof RulePackSchema>;

export const ConceptSchema = lazySchema(() =>
  z
    .object({
      id: IdSchema,
      title: LocalisedSchema,
      /** 2–4 sentences, in our own words. */
      summary: LocalisedSchema,
      /** One short verbatim quote (at most two sentences) from the source article. */
      quote: z.string().min(10).max(400),
      source: z
        .object({
          file: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/),
          title: z.string().min(1),
          author: z.string().min(1),
          date: z.string().optional(),
        })
        .strict(),
    })
    .strict(),
);
export type Concept = z.infer<typeof ConceptSchema>;

export const CategoryInfoSchema = lazySchema(() =>
  z
    .object({
      category: CategorySchema,
      label: LocalisedSchema,
      /** One or two sentences: what this claim type is. */
      description: LocalisedSchema,
      /** Linked concepts, best first; `why` is one line shown to users. */
      links: z.array(z.object({ concept: IdSchema, why: LocalisedSchema }).strict()).min(1),
    })
    .strict(),
);
export type CategoryInfo = z.infer<typeof CategoryInfoSchema>;

export const KnowledgeBaseSchema = lazySchema(() =>
  z
    .object({
      format: z.literal('claim-lens-concepts'),
      version: z.literal(1),
      concepts: z.array(ConceptSchema).min(20),
      categories: z.array(CategoryInfoSchema),
    })
    .strict()
    .superRefine((kb, ctx) => {
      const ids = new Set<string>();
      kb.concepts.forEach((c, i) => {
        if (ids.has(c.id)) ctx.addIssue({ code: 'custom', path: ['concepts', i, 'id'], message: `duplicate concept id ${c.id}` });
        ids.add(c.id);
      });
      const cats = new Set(kb.categories.map((c) => c.category));
      for (const c of CATEGORIES) if (!cats.has(c)) ctx.addIssue({ code: 'custom', path: ['categories'], message: `category ${c} has no entry` });
      kb.categories.forEach((c, i) =>
        c.links.forEach((l, j) => {
          if (!ids.has(l.concept)) ctx.addIssue({ code: 'custom', path: ['categories', i, 'links', j, 'concept'], message: `unknown concept ${l.concept}` });
        }),
      );
    }),
);
export type KnowledgeBase = z.infer<typeof KnowledgeBaseSchema>;
