/**
 * Pure mapping from engine data (concepts, category info, claims) to the view models the components
 * render, in the interface language. No browser API here: the entrypoints pass the language and the
 * translate function in.
 */
import { getCategoryInfo, getConcept } from '../engine/concepts';
import { CATEGORIES, type Category, type Lang, type Localised } from '../engine/types';
import { categoryColor } from './colors';
import type { CardClaimView, CategoryView, ConceptView, Translate } from './types';

/** The interface language: French when the browser's UI language is French, English otherwise. */
export function uiLang(uiLanguage: string | undefined): Lang {
  return typeof uiLanguage === 'string' && uiLanguage.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/**
 * The language of the message bundle the browser picked (its `ui_lang` message), so that concept
 * titles and summaries are in the same language as the interface strings around them; the browser's
 * UI language when the bundle does not say.
 */
export function bundleLang(getMessage: (key: string) => string, getUILanguage: () => string): Lang {
  const fromBundle = safe(() => getMessage('ui_lang'));
  if (fromBundle === 'fr' || fromBundle === 'en') return fromBundle;
  return uiLang(safe(() => getUILanguage()));
}

function pick(l: Localised | undefined, lang: Lang): string {
  return l ? l[lang] || l.en : '';
}

export function categoryView(category: Category, lang: Lang): CategoryView {
  const info = safe(() => getCategoryInfo(category));
  return {
    category,
    label: pick(info?.label, lang) || category,
    description: pick(info?.description, lang),
    color: categoryColor(category),
  };
}

export function allCategoryViews(lang: Lang): Record<Category, CategoryView> {
  return Object.fromEntries(CATEGORIES.map((c) => [c, categoryView(c, lang)])) as Record<Category, CategoryView>;
}

export function conceptView(id: string, lang: Lang, category?: Category): ConceptView | undefined {
  const c = safe(() => getConcept(id));
  if (!c) return undefined;
  const link = category ? safe(() => getCategoryInfo(category))?.links.find((l) => l.concept === id) : undefined;
  return {
    id: c.id,
    title: pick(c.title, lang),
    summary: pick(c.summary, lang),
    quote: c.quote,
    sourceTitle: c.source.title,
    sourceAuthor: c.source.author,
    why: link ? pick(link.why, lang) : undefined,
  };
}

/** Every concept the given claims link to, keyed by id. */
export function conceptViewsFor(claims: { concepts: string[] }[], lang: Lang): Record<string, ConceptView> {
  const out: Record<string, ConceptView> = {};
  for (const cl of claims)
    for (const id of cl.concepts) {
      if (out[id]) continue;
      const v = conceptView(id, lang);
      if (v) out[id] = v;
    }
  return out;
}

/** A signal code in words; unknown codes are shown as "other clue: code". */
export function signalText(t: Translate, signal: string): string {
  const key = `signal_${signal}`;
  const s = /^[a-z_]+$/.test(signal) ? t(key) : '';
  return s || t('signal_other', signal);
}

export function cardClaimView(
  claim: { id: string; text: string; sentence: string; category: Category; signals: string[] },
  lang: Lang,
  t: Translate,
): CardClaimView {
  return {
    id: claim.id,
    text: claim.text,
    sentence: claim.sentence,
    category: categoryView(claim.category, lang),
    signals: [...new Set(claim.signals)].map((s) => signalText(t, s)),
  };
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}
