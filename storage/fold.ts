/**
 * Search folding for the notes library: case-, accent- and punctuation-variant-insensitive, so that
 * « eco » finds « éco-responsable », « l'offre » finds « l’offre », « OEUVRE » finds « œuvre ».
 * Output length may differ from the input (œ → oe): use it for matching, not for offsets.
 */

const APOSTROPHES = /[\u2019\u2018\u02bc\u0060\u00b4\u2032\u02b9\uff07]/g;
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d\u00ad]/g;
const MARKS = /\p{M}+/gu;
const SPACES = /\s+/gu;

export function foldForSearch(s: string): string {
  if (typeof s !== 'string' || s.length === 0) return '';
  return s
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/ø/g, 'o')
    .replace(/ł/g, 'l')
    .replace(APOSTROPHES, "'")
    .replace(DASHES, '-')
    .replace(SPACES, ' ');
}

/** Split a query into folded terms; every term must match (AND). Quotes and « » are ignored. */
export function searchTerms(query: string): string[] {
  return foldForSearch(query)
    .replace(/["«»“”]/g, ' ')
    .split(' ')
    .filter((t) => t.length > 0);
}

/**
 * Does the folded haystack contain every term? A term also matches across hyphens
 * (« ecoresponsable » finds « éco-responsable », « e-commerce » finds « ecommerce »).
 */
export function matchesTerms(foldedHaystack: string, terms: readonly string[]): boolean {
  let dehyphenated: string | undefined;
  for (const t of terms) {
    if (foldedHaystack.includes(t)) continue;
    dehyphenated ??= foldedHaystack.replace(/-/g, '');
    const t2 = t.replace(/-/g, '');
    if (t2 && dehyphenated.includes(t2)) continue;
    return false;
  }
  return true;
}
