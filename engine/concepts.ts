/**
 * The concept knowledge base: concepts drawn from the five source articles (../shared/articles/) and,
 * for each claim category, the concepts it illustrates, best first.
 *
 * The bundled data (engine/data/concepts.json) is validated with KnowledgeBaseSchema on first use and
 * memoised. `loadKnowledgeBase` is the same gate for any other JSON (a user-supplied base, later): it
 * never throws and names the path of the first problems it finds.
 * Pure: no DOM, no file system.
 */
import bundled from './data/concepts.json';
import { KnowledgeBaseSchema, type CategoryInfo, type Concept, type KnowledgeBase } from './schema';
import type { Category, Localised } from './types';

export type { CategoryInfo, Concept, KnowledgeBase } from './schema';

export type LoadResult = { ok: true; kb: KnowledgeBase } | { ok: false; error: string };

/** How many validation issues an error message lists before summarising the rest. */
const MAX_ISSUES = 3;

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Validates `json` as a knowledge base. Never throws.
 * On failure, `error` reads like `invalid knowledge base at concepts[3].quote: <reason>`.
 * On success the returned base is a deep-frozen copy: callers cannot alter it for others.
 */
export function loadKnowledgeBase(json: unknown): LoadResult {
  try {
    const parsed = KnowledgeBaseSchema.safeParse(json);
    if (parsed.success) return { ok: true, kb: deepFreeze(parsed.data) };
    const issues = parsed.error.issues;
    const listed = issues.slice(0, MAX_ISSUES).map((i) => `${formatPath(i.path)}: ${i.message}`);
    const more = issues.length > MAX_ISSUES ? ` (and ${issues.length - MAX_ISSUES} more)` : '';
    return { ok: false, error: `invalid knowledge base at ${listed.join('; ')}${more}` };
  } catch (e) {
    // A hostile object (throwing getter, revoked proxy) must not escape as an exception.
    return { ok: false, error: `invalid knowledge base: ${e instanceof Error ? e.message : String(e)}` };
  }
}

interface Index {
  kb: KnowledgeBase;
  concepts: Map<string, Concept>;
  categories: Map<string, CategoryInfo>;
}

let INDEX: Index | null = null;

function index(): Index {
  if (INDEX) return INDEX;
  const r = loadKnowledgeBase(bundled);
  // Only a broken build gets here; engine/concepts.test.ts validates the bundled file.
  if (!r.ok) throw new Error(`bundled concepts.json: ${r.error}`);
  INDEX = {
    kb: r.kb,
    concepts: new Map(r.kb.concepts.map((c) => [c.id, c])),
    categories: new Map(r.kb.categories.map((c) => [c.category, c])),
  };
  return INDEX;
}

/** The bundled knowledge base, validated on first call and memoised. Deep-frozen. */
export function getKnowledgeBase(): KnowledgeBase {
  return index().kb;
}

/** A concept by id, or undefined for an unknown id (or a non-string at run time). */
export function getConcept(id: string): Concept | undefined {
  return typeof id === 'string' ? index().concepts.get(id) : undefined;
}

/**
 * Label, description and links of a category. Every category has an entry in valid data; a value that
 * is not a category (possible at run time, from a message) gets a neutral entry with no links.
 */
export function getCategoryInfo(category: Category): CategoryInfo {
  const info = typeof category === 'string' ? index().categories.get(category) : undefined;
  if (info) return info;
  const name = String(category);
  return {
    category,
    label: { fr: name, en: name },
    description: { fr: 'Catégorie inconnue.', en: 'Unknown category.' },
    links: [],
  };
}

/** Concept ids linked to a category, best first (a fresh array); [] for an unknown category. */
export function conceptIdsFor(category: Category): string[] {
  const info = typeof category === 'string' ? index().categories.get(category) : undefined;
  return info ? info.links.map((l) => l.concept) : [];
}

/** The one-line reason why a claim of `category` illustrates `conceptId`, if they are linked. */
export function explainLink(category: Category, conceptId: string): Localised | undefined {
  const info = typeof category === 'string' ? index().categories.get(category) : undefined;
  return info?.links.find((l) => l.concept === conceptId)?.why;
}
