/**
 * Language of a sentence, French or English, from words that belong to one language only, plus
 * French typography (accents, elisions). Returns null when the evidence is too thin to decide.
 */
import type { Lang } from './types';

const FR = new Set(
  ('le la les des du un une et est sont pour avec dans sur vous nous votre vos notre nos qui que quoi ce cette ces au aux pas plus ' +
    'par ne se son sa ses leur leurs mais ou donc car chez tout tous toute toutes tres sans entre elle elles il ils je tu ton ta tes ' +
    'moi toi lui cela ceci ici deja encore aussi bien etre avoir fait faire avez avons sera seront ete etait comme depuis dont meme ' +
    "notre votre offre prix livraison gratuit gratuite jusqu'a decouvrez profitez client clients produit produits nouveau nouvelle " +
    "selon apres avant pendant contre vers sous chaque aucun aucune peut peuvent doit doivent")
    .split(' '),
);
const EN = new Set(
  ('the and of to is are for with you your our we this that these those it its in on be will at from by an as not can all more ' +
    "was were has have had been being which who what when where how there their they them he she his her my me i do does did " +
    "would should could than then into over out up about just only get now new free shop buy today off save best order our us " +
    "don't you're we're it's you'll we'll isn't aren't won't can't left customers people").split(' '),
);
const FR_ELISION = /^(?:l|d|qu|c|j|n|s|m|t|jusqu|lorsqu|puisqu)'/;

/** Score > 0 means French, < 0 English. `folded` must be lower case without accents (engine/fold.ts). */
export function langScore(original: string, folded: string): number {
  let score = 0;
  const words = folded.match(/[a-z']+/g);
  if (words) {
    for (const w of words) {
      if (FR.has(w)) score += 1;
      else if (EN.has(w)) score -= 1;
      else if (FR_ELISION.test(w)) score += 1;
    }
  }
  // French diacritics are strong evidence (English loans like "café" are rare in claims).
  const accents = original.match(/[éèêàùçôîûœ]/gi);
  if (accents) score += Math.min(3, accents.length) * 0.75;
  return score;
}

export function decideLang(original: string, folded: string): Lang | null {
  const s = langScore(original, folded);
  if (s >= 1) return 'fr';
  if (s <= -1) return 'en';
  return null;
}
