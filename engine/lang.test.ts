import { describe, expect, it } from 'vitest';
import { fold } from './fold';
import { buildSignalModel, decide, langScore } from './signals';
import { tokenize, Vocabulary } from './tokens';

const vocab = new Vocabulary();
const model = buildSignalModel(vocab);
function decideLang(text: string): 'fr' | 'en' | null {
  const ts = tokenize(text, vocab);
  return decide(langScore(model, text, ts, 0, ts.count));
}

describe('decideLang per sentence', () => {
  it.each<[string, 'fr' | 'en' | null]>([
    ['Profitez de notre offre exceptionnelle dès aujourd’hui.', 'fr'],
    ['Plus que 2 en stock !', 'fr'],
    ['Offre limitée', 'fr'],
    ['Éco-conçu', 'fr'],
    ["Qu'il vienne, c'est l'offre du jour.", 'fr'],
    ['Only 2 left in stock!', 'en'],
    ['Join the movement and save the planet.', 'en'],
    ["Don't miss out on the deal of the year.", 'en'],
    ['The best coffee in town.', 'en'],
    ['OK', null],
    ['4,8/5', null],
    ['', null],
  ])('%j → %s', (text, expected) => {
    expect(decideLang(text)).toBe(expected);
  });
});

describe('fold keeps length and offsets', () => {
  it.each(['Éco‑responsable', 'L’Œuvre « 98\u00a0% »', '😀\ud800 x', 'İSTANBUL ß', '\u2028\u2029\r\n'])('%j', (s) => {
    const f = fold(s);
    expect(f.length).toBe(s.length);
  });
  it('folds accents, case, apostrophes, spaces and dashes', () => {
    expect(fold('Éco\u2011Responsable L’Offre\u00a0!\u202f«')).toBe("eco-responsable l'offre ! «");
  });
});
