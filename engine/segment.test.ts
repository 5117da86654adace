import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { blockEnd, MAX_BLOCK, mendSentences, splitSentences } from './segment';

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

describe('the splitter agrees with Intl.Segmenter (after the same mending) on real prose', () => {
  // Intl.Segmenter is the reference for sentence boundaries; it is too slow for a content script
  // (see segment.ts), so the engine has its own splitter. Both are mended the same way.
  const intl = (text: string) => {
    const seg = new Intl.Segmenter('fr', { granularity: 'sentence' });
    const slice = text.replace(/([^\n])\n(?=[^\n])/g, '$1 ');
    const raw = [...seg.segment(slice)].map((s) => ({ start: s.index, end: s.index + s.segment.length }));
    return mendSentences(text, raw).map((s) => text.slice(s.start, s.end));
  };
  const corpusDir = resolve(import.meta.dirname, '../tests/fixtures/eval');
  const articlesDir = resolve(import.meta.dirname, '../../shared/articles');
  const paragraphs: string[] = [];
  for (const lang of ['fr', 'en']) {
    const lines = readFileSync(resolve(corpusDir, `${lang}.jsonl`), 'utf8').split('\n').filter(Boolean);
    const texts = lines.map((l) => (JSON.parse(l) as { text: string }).text);
    for (let k = 0; k < texts.length; k += 5) paragraphs.push(texts.slice(k, k + 5).join(' '));
  }
  if (existsSync(articlesDir)) {
    for (const f of readdirSync(articlesDir).filter((f) => f.endsWith('.txt'))) {
      paragraphs.push(...readFileSync(resolve(articlesDir, f), 'utf8').split(/\n\s*\n/).filter((p) => p.trim().length > 0));
    }
  } else console.warn('segment.test: ../shared/articles is absent; comparing on the eval corpus only');

  it('on at least 97 % of the sentences', () => {
    let same = 0;
    let total = 0;
    const diffs: string[] = [];
    for (const p of paragraphs) {
      const ours = new Set(split(p));
      const ref = intl(p);
      total += ref.length;
      for (const s of ref) {
        if (ours.has(s)) same++;
        else if (diffs.length < 5) diffs.push(s);
      }
    }
    expect(total).toBeGreaterThan(500);
    expect(same / total, `differences, e.g.: ${JSON.stringify(diffs)}`).toBeGreaterThanOrEqual(0.97);
  });
});
