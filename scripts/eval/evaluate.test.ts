import { describe, expect, it } from 'vitest';
import type { Category } from '../../engine/types';
import type { CorpusItem } from './corpus';
import { mismatches, runCorpus, runDetector, summarise, type DetectFn, type FoundClaim } from './evaluate';

const item = (id: string, split: 'dev' | 'test', labels: Category[], text: string): CorpusItem => ({ id, split, kind: 'x', labels, text });

// A fake detector driven by a lookup table: text → claims. Threshold-aware to check it is passed.
function fake(table: Record<string, FoundClaim[]>): DetectFn & { calls: { text: string; options?: { threshold?: number } }[] } {
  const calls: { text: string; options?: { threshold?: number } }[] = [];
  const fn: DetectFn = (text, options) => {
    calls.push({ text, ...(options ? { options } : {}) });
    return table[text] ?? [];
  };
  return Object.assign(fn, { calls });
}

const items: CorpusItem[] = [
  item('en-0001', 'dev', ['urgency'], 'Only 2 left!'),
  item('en-0002', 'dev', ['fear', 'urgency'], "Don't miss out, ends tonight"),
  item('en-0003', 'dev', [], 'Best regards, Claire'),
  item('en-0004', 'test', ['social_proof'], 'Rated 4.9/5'),
  item('en-0005', 'test', [], 'The green light is on'),
  item('en-0006', 'test', [], 'Add to cart'),
];
const detector = fake({
  'Only 2 left!': [{ category: 'urgency', text: 'Only 2 left', lang: 'en' }],
  "Don't miss out, ends tonight": [{ category: 'urgency', text: 'ends tonight', lang: 'en' }],
  'Best regards, Claire': [{ category: 'superiority', text: 'Best', lang: 'en' }],
  'The green light is on': [
    { category: 'environmental', text: 'green', lang: 'fr' },
    { category: 'environmental', text: 'green light', lang: 'fr' },
  ],
});

describe('runDetector', () => {
  it('dedupes categories in CATEGORIES order and passes the threshold only when given', () => {
    const d = fake({ t: [{ category: 'urgency', text: 'a' }, { category: 'emotional', text: 'b' }, { category: 'urgency', text: 'c' }] });
    expect(runDetector(d, 't').predicted).toEqual(['emotional', 'urgency']);
    runDetector(d, 't', 0.7);
    expect(d.calls).toEqual([{ text: 't' }, { text: 't', options: { threshold: 0.7 } }]);
  });

  it('a detector that throws counts as nothing found, with the error kept', () => {
    const r = runDetector(() => {
      throw new Error('boom');
    }, 'x');
    expect(r).toEqual({ claims: [], predicted: [], error: 'boom' });
  });
});

describe('summarise', () => {
  const results = runCorpus(items, detector);

  it('all splits: detection, per category, micro, false alarms, wrong language', () => {
    const r = summarise(results, 'en', 'all');
    expect([r.sentences, r.positives, r.negatives]).toEqual([6, 3, 3]);
    // claims: 1 tp, 2 tp, 4 fn; negatives: 3 fp, 5 fp, 6 tn
    expect(r.detection).toMatchObject({ tp: 2, fp: 2, fn: 1, tn: 1, precision: 0.5 });
    expect(r.detection.recall).toBeCloseTo(2 / 3);
    expect(r.categories.urgency).toMatchObject({ tp: 2, fp: 0, fn: 0, support: 2, precision: 1, recall: 1, f1: 1 });
    expect(r.categories.fear).toMatchObject({ tp: 0, fp: 0, fn: 1, support: 1, precision: null, recall: 0, f1: 0 });
    expect(r.categories.social_proof).toMatchObject({ tp: 0, fn: 1, support: 1 });
    expect(r.categories.superiority).toMatchObject({ fp: 1, support: 0, recall: null, f1: 0 });
    expect(r.categories.environmental).toMatchObject({ fp: 1, support: 0 });
    expect(r.micro).toMatchObject({ tp: 2, fp: 2, fn: 2, support: 4, precision: 0.5, recall: 0.5, f1: 0.5 });
    // negatives: 3 + 5 + 3 words = 11; claims there: 1 + 2 = 3
    expect(r.falseAlarms).toMatchObject({ sentences: 3, words: 11, sentencesFired: 2, claims: 3 });
    expect(r.falseAlarms.claimsPer10kWords).toBeCloseTo(30000 / 11);
    expect(r.wrongLanguageClaims).toBe(2);
    expect(r.detectorErrors).toBe(0);
  });

  it('one split only counts its own lines', () => {
    const dev = summarise(results, 'en', 'dev');
    expect(dev.sentences).toBe(3);
    expect(dev.detection).toMatchObject({ tp: 2, fp: 1, fn: 0, tn: 0 });
    const test = summarise(results, 'en', 'test');
    expect(test.detection).toMatchObject({ tp: 0, fp: 1, fn: 1, tn: 1, precision: 0, recall: 0 });
  });

  it('empty corpus gives undefined ratios, not NaN', () => {
    const r = summarise([], 'fr', 'all');
    expect(r.detection.precision).toBeNull();
    expect(r.micro.f1).toBeNull();
    expect(r.falseAlarms.claimsPer10kWords).toBeNull();
    expect(JSON.stringify(r)).not.toContain('NaN');
  });
});

describe('mismatches', () => {
  it('lists FP, FN and both, with what matched', () => {
    const m = mismatches(runCorpus(items, detector));
    expect(m.map((x) => [x.id, x.type, x.expected, x.got])).toEqual([
      ['en-0002', 'FN', ['fear', 'urgency'], ['urgency']],
      ['en-0003', 'FP', [], ['superiority']],
      ['en-0004', 'FN', ['social_proof'], []],
      ['en-0005', 'FP', [], ['environmental']],
    ]);
    expect(m[1]!.matched).toEqual([{ category: 'superiority', text: 'Best', lang: 'en' }]);
  });

  it('a wrong category is FP+FN', () => {
    const m = mismatches(runCorpus([item('fr-0001', 'dev', ['fear'], 'x')], fake({ x: [{ category: 'urgency', text: 'x' }] })));
    expect(m[0]!.type).toBe('FP+FN');
  });
});
