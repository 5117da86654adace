/**
 * The re-anchoring speed-ups keep results identical: the q-gram filter never drops a region holding
 * a match within k edits, the exact search near the old position gives what the whole-text search
 * gives, and prepare()/matchOrDefer() change when work is done, not what is found.
 */
import { describe, expect, it } from 'vitest';
import { DEFERRED, approximateEnds, contextSimilarityOf, createMatcher, describeQuote, qgramFilterRegions } from './quote-match';

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = 'la ma pro po se des pro duits na tu rels fa bri qués en fran ce a vec in gré dients bio lo gi ques cer ti fiés em bal la ge re cy cla ble ré dui re no tre im pact pla nè te cha que jour gar an tis sons ré sul tats vi si bles pre miè re se mai ne cli ni cal ly pro ven best qua li ty trus ted mil lions'.split(' ');

/** A vocabulary of 3,000 made-up words (1 to 4 syllables), picked with a Zipf-like skew like real prose. */
function vocabulary(rnd: () => number): string[] {
  return Array.from({ length: 3000 }, () => {
    const n = 1 + Math.floor(rnd() * 4);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)]!;
    return rnd() < 0.05 ? `l’${w}` : w;
  });
}

function prose(n: number, rnd: () => number): string {
  const words = vocabulary(rnd);
  const out: string[] = [];
  let len = 0;
  while (len < n) {
    const w = words[Math.floor(words.length * rnd() ** 2.5)]!;
    out.push(w);
    len += w.length + 1;
    if (rnd() < 0.08) {
      out.push('.');
      len += 2;
    }
  }
  return out.join(' ').slice(0, n);
}

/** `edits` random substitutions, insertions or deletions. */
function mutate(s: string, edits: number, rnd: () => number): string {
  let r = s;
  for (let e = 0; e < edits; e++) {
    const i = Math.floor(rnd() * r.length);
    const kind = Math.floor(rnd() * 3);
    const c = String.fromCharCode(0x61 + Math.floor(rnd() * 26));
    r = kind === 0 ? r.slice(0, i) + c + r.slice(i + 1) : kind === 1 ? r.slice(0, i) + c + r.slice(i) : r.slice(0, i) + r.slice(i + 1);
  }
  return r;
}

describe('q-gram filter (lossless)', () => {
  const rnd = prng(3);
  const text = prose(60_000, rnd);
  const cases: [m: number, edits: number][] = [
    [20, 0],
    [20, 5],
    [40, 10],
    [80, 4],
    [80, 20],
    [150, 37],
    [200, 50],
    [250, 30],
  ];
  let filtered = 0;
  it.each(cases)('a planted copy of a %i-unit passage with %i edits lies in a kept region', (m, edits) => {
    for (let trial = 0; trial < 6; trial++) {
      const at = 1000 + Math.floor(rnd() * (text.length - 2000 - m));
      const pattern = text.slice(at, at + m);
      const edited = mutate(pattern, edits, rnd);
      const hay = text.slice(0, 30_000) + edited + text.slice(30_000);
      const k = Math.floor(m / 4);
      const regions = qgramFilterRegions(hay, pattern, k);
      // The planted copy is a real match within k edits (checked by the reference search)...
      expect(approximateEnds(hay.slice(30_000 - 64, 30_000 + edited.length + 64), pattern, k).length).toBeGreaterThan(0);
      if (regions === null) continue; // no filtering: the whole text is searched
      filtered += 1;
      // ...and the filter keeps a region holding all of it.
      expect(regions.some(([a, b]) => a <= 30_000 && b >= 30_000 + edited.length)).toBe(true);
    }
  });

  it('keeps every start the q-gram lemma allows (brute-force reference on the same votes)', () => {
    const Q = 3;
    const hay = text.slice(0, 20_000);
    const at = new Map<string, number[]>();
    for (let p = 0; p + Q <= hay.length; p++) {
      const g = hay.slice(p, p + Q);
      const list = at.get(g);
      if (list) list.push(p);
      else at.set(g, [p]);
    }
    let checked = 0;
    for (const [from, m, k] of [
      [3000, 40, 6],
      [9000, 80, 12],
      [15000, 120, 20],
      [500, 60, 14],
    ] as const) {
      const pattern = mutate(hay.slice(from, from + m), 2, rnd);
      const regions = qgramFilterRegions(hay, pattern, k);
      if (regions === null) continue;
      const grams = pattern.length - Q + 1;
      const votes = new Map<number, number>();
      for (let i = 0; i < grams; i++) for (const p of at.get(pattern.slice(i, i + Q)) ?? []) votes.set(p - i, (votes.get(p - i) ?? 0) + 1);
      const t = grams - k * Q;
      for (let st = 0; st < hay.length; st++) {
        let sum = 0;
        for (let d = st - k; d <= st + k; d++) sum += votes.get(d) ?? 0;
        if (sum < t) continue;
        checked++;
        const a = Math.max(0, st - 1);
        const b = Math.min(hay.length, st + pattern.length + k + 1);
        expect(regions.some(([ra, rb]) => ra <= a && rb >= b)).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('the cases above were mostly filtered (not vacuous)', () => {
    expect(filtered).toBeGreaterThan((cases.length * 6) / 2);
  });

  it('filters at all on typical quotes', () => {
    const pattern = text.slice(5000, 5080);
    const regions = qgramFilterRegions(text, pattern, 20);
    expect(regions).not.toBeNull();
    expect(regions!.some(([a, b]) => a <= 5000 && b >= 5080)).toBe(true);
  });

  it('rules out most of a text that does not hold the passage', () => {
    const other = prose(60_000, prng(9)).replace(/[aeiou]/g, 'x');
    const regions = qgramFilterRegions(other, 'nous garantissons des résultats visibles dès la première semaine', 16);
    expect(regions).not.toBeNull();
    const kept = regions === null ? other.length : regions.reduce((s, [a, b]) => s + b - a, 0);
    expect(kept).toBeLessThan(other.length / 10);
  });

  it('bad input gives null, never throws', () => {
    expect(qgramFilterRegions(null as unknown as string, 'abc', 1)).toBeNull();
    expect(qgramFilterRegions('abc', 'abcdef', -1)).toBeNull();
    expect(qgramFilterRegions('', '', 0)).toBeNull();
  });
});

describe('deferred whole-text search and prepare() give the results of match()', () => {
  const rnd = prng(11);
  const base = prose(120_000, rnd);
  // Quotes: kept in place, shifted by an insertion at the top, edited, deleted, duplicated.
  const picks = Array.from({ length: 40 }, (_, i) => {
    const s = 500 + i * 2900;
    return describeQuote(base, s, s + 30 + ((i * 37) % 170))!;
  });
  let edited = base;
  for (const [i, p] of [...picks.entries()].reverse()) {
    const { start, end } = p.position;
    if (i % 7 === 3) edited = edited.slice(0, start) + edited.slice(end); // gone
    else if (i % 7 === 5) edited = edited.slice(0, start + 3) + 'ZZ' + edited.slice(start + 5); // edited inside
    else if (i % 7 === 6) edited = edited + ' ' + edited.slice(start, end); // a far copy too
  }
  const texts: [string, string][] = [
    ['unchanged', base],
    ['edited', edited],
    ['edited and shifted', 'Un paragraphe ajouté en haut. '.repeat(20) + edited],
    ['moved far', edited.slice(60_000) + ' ' + edited.slice(0, 60_000)],
  ];
  it.each(texts)('%s', (_, text) => {
    const reference = picks.map((p) => createMatcher(text).match(p));
    const m = createMatcher(text);
    for (const _step of m.prepare('fold', 4096)) {
      /* pieces */
    }
    const first = picks.map((p) => m.matchOrDefer(p));
    for (const _step of m.prepare('index', 4096)) {
      /* pieces */
    }
    const second = picks.map((p, i) => (first[i] === DEFERRED ? m.match(p) : first[i]));
    expect(second).toEqual(reference);
  });

  it('matchOrDefer defers only whole-text fuzzy searches, and not once the index exists', () => {
    const text = 'Un paragraphe ajouté en haut. '.repeat(20) + edited;
    const m = createMatcher(text);
    const results = picks.map((p) => m.matchOrDefer(p));
    expect(results.filter((r) => r === DEFERRED).length).toBeGreaterThan(0);
    for (const _step of m.prepare('index')) {
      /* pieces */
    }
    expect(picks.map((p) => m.matchOrDefer(p)).filter((r) => r === DEFERRED)).toHaveLength(0);
  });
});

describe('matchSteps: a whole-text search in steps finds what one go finds', () => {
  const rnd = prng(23);
  const base = prose(120_000, rnd);
  // A long (> 256 units: located by its head and tail) and a short passage, each moved far away with
  // its surroundings and edited; the long one lands across the boundary between two pieces of its
  // head scan (16,384 units).
  const everyNinthSpace = (exact: string) => {
    let spaces = 0;
    return exact.replace(/ /g, (sp) => (++spaces % 9 === 4 ? ' X ' : sp));
  };
  // 40 substitutions in the last 120 units: more than the k/2 = 32 edits the tail piece may have,
  // fewer than the k = 64 of the whole — only the head piece can locate it.
  const tailOnly = (exact: string) => exact.slice(0, -120) + [...exact.slice(-120)].map((ch, i) => (i % 3 === 0 ? 'Q' : ch)).join('');
  function moved(start: number, len: number, to: number, edit = everyNinthSpace) {
    const sel = describeQuote(base, start, start + len)!;
    const { exact } = sel.quote;
    const prefix = sel.quote.prefix ?? '';
    const suffix = sel.quote.suffix ?? '';
    const edited = edit(exact);
    const without = base.slice(0, start - prefix.length) + base.slice(start + len + suffix.length);
    const text = without.slice(0, to) + prefix + edited + suffix + without.slice(to);
    return { sel, edited, text, at: to + prefix.length };
  }
  it.each([
    ['long (400 units)', moved(5_000, 400, 3 * 16_384 - 60)],
    ['short (120 units)', moved(9_000, 120, 70_000)],
    ['long, edited in its last 120 units only (found through its head, across a piece boundary)', moved(12_000, 400, 3 * 16_384 - 100, tailOnly)],
  ])('%s', (_name, c) => {
    expect(c.edited).not.toBe(c.sel.quote.exact);
    const m = createMatcher(c.text);
    const steps = m.matchSteps(c.sel);
    let n = 0;
    let r = steps.next();
    for (; !r.done; r = steps.next()) n++;
    expect(n).toBeGreaterThan(3); // cut into steps, not one go
    const found = r.value;
    expect(found?.method).toBe('fuzzy');
    expect(Math.abs(found!.start - c.at)).toBeLessThanOrEqual(2);
    expect(Math.abs(found!.end - (c.at + c.edited.length))).toBeLessThanOrEqual(2);
    expect(createMatcher(c.text).match(c.sel)).toEqual(found);
  });
});

describe('matchSteps: other searches between the steps of one', () => {
  const rnd = prng(29);
  const base = prose(60_000, rnd);
  const sel = describeQuote(base, 20_000, 20_150)!;
  // the passage moved far away with its surroundings, two places in it changed: a whole-text search
  const q = sel.quote.exact;
  const chunk = (sel.quote.prefix ?? '') + q.slice(0, 40) + 'ZZ' + q.slice(42, 100) + 'WW' + q.slice(102) + (sel.quote.suffix ?? '');
  const text = base.slice(0, 20_000 - 32) + base.slice(20_150 + 32, 50_000) + chunk + base.slice(50_000);
  const other = describeQuote(base, 40_000, 40_090)!;
  const otherText = 'Ajouté en tête. '.repeat(30) + base.slice(0, 40_000) + base.slice(40_000, 40_090).replace(/e/g, 'é') + base.slice(40_090);

  it('interleaved with match() and with another matchSteps, each finds what it finds alone', () => {
    const alone = createMatcher(text).match(sel);
    const otherAlone = createMatcher(otherText).match(other);
    expect(alone?.method).toBe('fuzzy');
    expect(otherAlone).not.toBeNull();
    const a = createMatcher(text).matchSteps(sel);
    const b = createMatcher(otherText).matchSteps(other);
    let ra = a.next();
    let rb = b.next();
    while (!ra.done || !rb.done) {
      if (!ra.done) ra = a.next();
      expect(createMatcher(otherText).match(other)).toEqual(otherAlone); // a whole search in between
      if (!rb.done) rb = b.next();
    }
    expect(ra.value).toEqual(alone);
    expect(rb.value).toEqual(otherAlone);
  });

  it('a search abandoned between two steps leaves nothing behind', () => {
    const alone = createMatcher(otherText).match(other);
    const a = createMatcher(text).matchSteps(sel);
    for (let i = 0; i < 3; i++) a.next();
    // never finished, never returned
    expect(createMatcher(otherText).match(other)).toEqual(alone);
    expect(approximateEnds('abcXdef', 'abcdef', 1)).toEqual([{ end: 7, errors: 1 }]);
  });

  it('pieces of a non-finite size scan in one go', () => {
    expect(approximateEnds('xxabcxx', 'abc', 0, Number.NaN)).toEqual([{ end: 5, errors: 0 }]);
  });
});

describe('context similarity: bit-vector method = table', () => {
  const cases: [string, string, string, number, -1 | 1, number][] = [
    ['identical prefix', 'la marque', 'voici la marque', 15, -1, 1],
    ['identical suffix', ' propose des', 'Q propose des produits', 1, 1, 1],
    ['one substitution in 10', 'abcdefghij', 'xxabcdeXghij', 12, -1, 0.9],
    ['free end: extra text beyond the context costs nothing', 'abc', 'abcdefgh', 0, 1, 1],
    ['nothing alike', 'zzzz', 'aaaaaaaa', 4, -1, 0],
    ['boundary at the start of the text, prefix side', 'abc', 'abc', 0, -1, 0],
    ['32 units (one machine word)', 'a'.repeat(31) + 'b', 'a'.repeat(31) + 'b', 32, -1, 1],
    ['typographic apostrophe is a unit like any other', 'l’offre', "l'offre qu’il", 7, -1, 6 / 7],
  ];
  it.each(cases)('%s', (_, stored, text, boundary, dir, want) => {
    expect(contextSimilarityOf(stored, text, boundary, dir, 'table')).toBeCloseTo(want, 10);
    expect(contextSimilarityOf(stored, text, boundary, dir, 'bits')).toBe(contextSimilarityOf(stored, text, boundary, dir, 'table'));
  });

  it('agrees with the table on 20,000 random contexts of 1 to 32 units, both sides', () => {
    const rnd = prng(1);
    const alpha = 'abcde ’é\u00a0';
    const pick = (n: number) => Array.from({ length: n }, () => alpha[Math.floor(rnd() * alpha.length)]).join('');
    let disagreements = 0;
    for (let k = 0; k < 10_000; k++) {
      const L = 1 + Math.floor(rnd() * 32);
      const text = pick(80);
      const stored = rnd() < 0.5 ? text.slice(40 - L, 40) : pick(L);
      const b = Math.floor(rnd() * 81);
      for (const dir of [-1, 1] as const) if (contextSimilarityOf(stored, text, b, dir, 'bits') !== contextSimilarityOf(stored, text, b, dir, 'table')) disagreements++;
    }
    expect(disagreements).toBe(0);
  });
});
