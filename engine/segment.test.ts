import { describe, expect, it } from 'vitest';
import { blockEnd, MAX_BLOCK, splitSentences } from './segment';

const split = (t: string) => splitSentences(t).map((s) => t.slice(s.start, s.end));

describe('splitSentences: Intl.Segmenter with its gaps mended', () => {
  it.each<[string, string[]]>([
    ['Bonjour. Au revoir.', ['Bonjour.', 'Au revoir.']],
    ['M. Dupont est arrivé. Il repart.', ['M. Dupont est arrivé.', 'Il repart.']],
    ['Mme. Martin et Dr. House ont signé.', ['Mme. Martin et Dr. House ont signé.']],
    ['Mr. Smith agreed. Mrs. Jones did not.', ['Mr. Smith agreed.', 'Mrs. Jones did not.']],
    ['Some brands, e.g. Acme, say so. Others i.e. most do not.', ['Some brands, e.g. Acme, say so.', 'Others i.e. most do not.']],
    ['Voir p. ex. la page 3. Puis la suite.', ['Voir p. ex. la page 3.', 'Puis la suite.']],
    ['Il a dit : « C’est parfait. Vraiment. » Puis il est parti.', ['Il a dit : « C’est parfait. Vraiment. » Puis il est parti.']],
    ['Il a dit\u00a0: «\u00a0Top\u00a0! Super\u00a0!\u00a0» Fin.', ['Il a dit\u00a0: «\u00a0Top\u00a0! Super\u00a0!\u00a0» Fin.']],
    ['He said “Great. Really.” Then left.', ['He said “Great. Really.”', 'Then left.']],
    ['J. Martin signe. Fin.', ['J. Martin signe.', 'Fin.']],
    ['Des pommes, des poires, etc. Et puis voilà.', ['Des pommes, des poires, etc.', 'Et puis voilà.']],
    ['Des pommes, etc. et des poires.', ['Des pommes, etc. et des poires.']],
    ['Une ligne\nqui continue. Fin.', ['Une ligne\nqui continue.', 'Fin.']],
    ['Titre\n\nParagraphe.', ['Titre', 'Paragraphe.']],
    ['Offre limitée\u202f! Plus que 2 en stock\u202f!', ['Offre limitée\u202f!', 'Plus que 2 en stock\u202f!']],
    ['', []],
    ['   \n\n  ', []],
  ])('%j', (text, expected) => {
    expect(split(text)).toEqual(expected);
  });
});

describe('blockEnd', () => {
  it('stops after a paragraph break', () => {
    expect(blockEnd('ab\n\ncd', 0)).toBe(4);
    expect(blockEnd('ab\n \u00a0\ncd', 0)).toBe(6);
  });
  it('cuts long paragraphs at a sentence end, then whitespace, then hard, never past MAX_BLOCK', () => {
    const sentences = 'Une phrase assez ordinaire. '.repeat(400);
    const e = blockEnd(sentences, 0);
    expect(e).toBeLessThanOrEqual(MAX_BLOCK);
    expect(sentences.slice(0, e)).toMatch(/\. $/);
    const words = 'mot '.repeat(2000);
    expect(words.slice(0, blockEnd(words, 0))).toMatch(/ $/);
    const solid = 'x'.repeat(10_000);
    expect(blockEnd(solid, 0)).toBe(MAX_BLOCK);
  });
  it('does not split a surrogate pair at a hard cut', () => {
    const t = 'x'.repeat(MAX_BLOCK - 1) + '😀' + 'x'.repeat(10);
    expect(blockEnd(t, 0)).toBe(MAX_BLOCK + 1);
  });
});
