/** Test helper: a Translate backed by the real locale files, with chrome.i18n's $1..$9 substitutions. */
import en from '../public/_locales/en/messages.json';
import fr from '../public/_locales/fr/messages.json';
import type { Translate } from './types';

export function localeT(lang: 'en' | 'fr'): Translate {
  const messages = (lang === 'fr' ? fr : en) as Record<string, { message: string }>;
  return (key, subs) => {
    const m = messages[key]?.message;
    if (m === undefined) return '';
    const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
    return m.replace(/\$(\d)/g, (_, d: string) => list[Number(d) - 1] ?? '');
  };
}
