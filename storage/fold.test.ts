import { describe, expect, it } from 'vitest';
import { foldForSearch, matchesTerms, searchTerms } from './fold';

describe('foldForSearch', () => {
  it.each([
    ['Éco-Responsable', 'eco-responsable'],
    ['ÇA CONTINUE', 'ca continue'],
    ['l’offre qu‘il', "l'offre qu'il"],
    ['Œuvre, cœur, Æsop, straße', 'oeuvre, coeur, aesop, strasse'],
    ['prix\u00a0: 10\u202f€ !', 'prix : 10 € !'],
    ['éco‑responsable — vraiment', 'eco-responsable - vraiment'],
    ['ﬁdèle', 'fidele'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(foldForSearch(input)).toBe(expected);
  });
  it('never throws', () => {
    expect(foldForSearch(undefined as unknown as string)).toBe('');
  });
});

describe('searchTerms and matchesTerms', () => {
  it.each([
    ['eco', 'une démarche éco-responsable', true],
    ['« éco »', 'une démarche éco-responsable', true],
    ['ecoresponsable', 'une démarche éco-responsable', true],
    ['e-commerce', 'le ecommerce', true],
    ["l'offre", 'l’offre limitée', true],
    ['offre limitee', 'l’offre limitée', true],
    ['offre illimitee', 'l’offre limitée', false],
    ['coeur', 'le cœur du sujet', true],
    ['', 'anything', true],
  ])('%j in %j → %s', (query, text, expected) => {
    expect(matchesTerms(foldForSearch(text), searchTerms(query))).toBe(expected);
  });
});
