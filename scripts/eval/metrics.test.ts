import { describe, expect, it } from 'vitest';
import {
  categoryCounts,
  detectionCounts,
  falseAlarms,
  macroF1,
  microAverage,
  perWords,
  prf,
  wordCount,
  type LabelledPrediction,
} from './metrics';

const close = (got: number | null, want: number | null) => {
  if (want === null) expect(got).toBeNull();
  else {
    expect(got).not.toBeNull();
    expect(got!).toBeCloseTo(want, 10);
  }
};

describe('prf', () => {
  const cases: { name: string; tp: number; fp: number; fn: number; p: number | null; r: number | null; f: number | null }[] = [
    { name: 'perfect', tp: 10, fp: 0, fn: 0, p: 1, r: 1, f: 1 },
    { name: 'textbook 8/2/4', tp: 8, fp: 2, fn: 4, p: 0.8, r: 8 / 12, f: 16 / 22 },
    { name: 'half and half', tp: 1, fp: 1, fn: 1, p: 0.5, r: 0.5, f: 0.5 },
    { name: 'all wrong', tp: 0, fp: 3, fn: 5, p: 0, r: 0, f: 0 },
    { name: 'nothing predicted, something to find', tp: 0, fp: 0, fn: 4, p: null, r: 0, f: 0 },
    { name: 'nothing to find, something predicted', tp: 0, fp: 2, fn: 0, p: 0, r: null, f: 0 },
    { name: 'empty', tp: 0, fp: 0, fn: 0, p: null, r: null, f: null },
    { name: 'high precision low recall', tp: 3, fp: 0, fn: 9, p: 1, r: 0.25, f: 0.4 },
  ];
  it.each(cases)('$name', ({ tp, fp, fn, p, r, f }) => {
    const got = prf({ tp, fp, fn });
    close(got.precision, p);
    close(got.recall, r);
    close(got.f1, f);
  });

  it('F1 is the harmonic mean of P and R when both are defined', () => {
    const g = prf({ tp: 7, fp: 3, fn: 11 });
    close(g.f1, (2 * g.precision! * g.recall!) / (g.precision! + g.recall!));
  });
});

describe('detectionCounts', () => {
  const cases: { name: string; rows: LabelledPrediction[]; want: { tp: number; fp: number; fn: number; tn: number } }[] = [
    { name: 'empty input', rows: [], want: { tp: 0, fp: 0, fn: 0, tn: 0 } },
    {
      name: 'one of each',
      rows: [
        { expected: ['a'], predicted: ['a'] },
        { expected: [], predicted: ['b'] },
        { expected: ['c'], predicted: [] },
        { expected: [], predicted: [] },
      ],
      want: { tp: 1, fp: 1, fn: 1, tn: 1 },
    },
    {
      name: 'wrong category still counts as detected',
      rows: [{ expected: ['urgency'], predicted: ['fear'] }],
      want: { tp: 1, fp: 0, fn: 0, tn: 0 },
    },
    {
      name: 'several predictions on one sentence count once',
      rows: [{ expected: [], predicted: ['a', 'b', 'a'] }],
      want: { tp: 0, fp: 1, fn: 0, tn: 0 },
    },
  ];
  it.each(cases)('$name', ({ rows, want }) => expect(detectionCounts(rows)).toEqual(want));
});

describe('categoryCounts (multi-label)', () => {
  const cats = ['a', 'b', 'c'] as const;
  type C = (typeof cats)[number];
  const cases: { name: string; rows: LabelledPrediction<C>[]; want: Record<C, { tp: number; fp: number; fn: number; support: number }> }[] = [
    {
      name: 'empty',
      rows: [],
      want: { a: { tp: 0, fp: 0, fn: 0, support: 0 }, b: { tp: 0, fp: 0, fn: 0, support: 0 }, c: { tp: 0, fp: 0, fn: 0, support: 0 } },
    },
    {
      name: 'two labels, one found, one extra',
      rows: [{ expected: ['a', 'b'], predicted: ['a', 'c'] }],
      want: { a: { tp: 1, fp: 0, fn: 0, support: 1 }, b: { tp: 0, fp: 0, fn: 1, support: 1 }, c: { tp: 0, fp: 1, fn: 0, support: 0 } },
    },
    {
      name: 'duplicates in predictions are a set',
      rows: [{ expected: ['a'], predicted: ['a', 'a', 'a'] }],
      want: { a: { tp: 1, fp: 0, fn: 0, support: 1 }, b: { tp: 0, fp: 0, fn: 0, support: 0 }, c: { tp: 0, fp: 0, fn: 0, support: 0 } },
    },
    {
      name: 'negatives add false positives only',
      rows: [
        { expected: [], predicted: ['b'] },
        { expected: [], predicted: [] },
        { expected: ['b'], predicted: ['b'] },
      ],
      want: { a: { tp: 0, fp: 0, fn: 0, support: 0 }, b: { tp: 1, fp: 1, fn: 0, support: 1 }, c: { tp: 0, fp: 0, fn: 0, support: 0 } },
    },
  ];
  it.each(cases)('$name', ({ rows, want }) => {
    const got = categoryCounts(rows, cats);
    expect(Object.fromEntries(got)).toEqual(want);
  });

  it('micro-average pools counts; macro F1 averages categories with data', () => {
    const rows: LabelledPrediction<C>[] = [
      { expected: ['a', 'b'], predicted: ['a'] }, // a tp, b fn
      { expected: ['a'], predicted: ['a', 'b'] }, // a tp, b fp
      { expected: [], predicted: [] },
    ];
    const counts = categoryCounts(rows, cats);
    const micro = microAverage(counts.values());
    expect({ tp: micro.tp, fp: micro.fp, fn: micro.fn, support: micro.support }).toEqual({ tp: 2, fp: 1, fn: 1, support: 3 });
    close(micro.precision, 2 / 3);
    close(micro.recall, 2 / 3);
    close(micro.f1, 2 / 3);
    // a: F1 1; b: tp 0, fp 1, fn 1 → F1 0; c: no data → left out
    close(macroF1(counts.values()), 0.5);
  });

  it('micro and macro of nothing are undefined', () => {
    const counts = categoryCounts<C>([], cats);
    const micro = microAverage(counts.values());
    expect(micro.precision).toBeNull();
    expect(micro.f1).toBeNull();
    expect(macroF1(counts.values())).toBeNull();
  });
});

describe('wordCount', () => {
  it.each([
    ['', 0],
    ['   ', 0],
    ['Add to cart', 3],
    ['Best regards, Claire', 3],
    ["l'offre qu’il préfère", 3],
    ['eco-friendly and éco‑responsable', 3],
    ['98 % de clients satisfaits !', 4],
    ['Rated 4.9/5 by 10,000 customers', 6],
    ['4,8/5 — 12 000 avis', 5],
    ['00:14:59', 3],
  ] as const)('%j → %i', (text, n) => expect(wordCount(text)).toBe(n));
});

describe('false alarm rate', () => {
  it.each([
    { events: 0, words: 1000, want: 0 },
    { events: 3, words: 10_000, want: 3 },
    { events: 1, words: 2_500, want: 4 },
    { events: 5, words: 0, want: null },
  ])('$events in $words words', ({ events, words, want }) => close(perWords(events, words), want));

  it('counts claims, sentences fired and words', () => {
    const got = falseAlarms([
      { text: 'one two three four', claims: 0 },
      { text: 'five six', claims: 2 },
      { text: 'seven eight nine ten', claims: 1 },
    ]);
    expect(got).toEqual({ sentences: 3, words: 10, sentencesFired: 2, claims: 3, claimsPer10kWords: 3000 });
  });

  it('no sentences: rate undefined', () => {
    expect(falseAlarms([])).toEqual({ sentences: 0, words: 0, sentencesFired: 0, claims: 0, claimsPer10kWords: null });
  });
});
