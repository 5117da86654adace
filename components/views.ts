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

/**
 * At most `max` characters of `sentence` around [from, to) (the claim's offsets in it), cut at spaces
 * where it can and marked with "…" where cut. The popup lists every claim of the page with its
 * sentence; on a long page, sending whole paragraphs made opening it a long task.
 */
export function excerptAround(sentence: string, from: number, to: number, max = 320): string {
  if (sentence.length <= max) return sentence;
  const a = Math.max(0, Math.min(from, sentence.length));
  const b = Math.max(a, Math.min(to, sentence.length));
  const room = Math.max(0, max - (b - a));
  let start = Math.max(0, a - Math.floor(room / 3));
  let end = Math.min(sentence.length, b + (room - (a - start)));
  start = Math.max(0, Math.min(start, end - max));
  // Whole words: move each cut to the nearest space inside the excerpt.
  if (start > 0) {
    const sp = sentence.indexOf(' ', start);
    if (sp >= 0 && sp < a) start = sp + 1;
  }
  if (end < sentence.length) {
    const sp = sentence.lastIndexOf(' ', end);
    if (sp > b) end = sp;
  }
  return `${start > 0 ? '…' : ''}${sentence.slice(start, end)}${end < sentence.length ? '…' : ''}`;
}
