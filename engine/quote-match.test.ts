import { describe, expect, it } from 'vitest';
import { SelectorPairSchema, type SelectorPair } from './annotation';
import {
  approximateEnds,
  createMatcher,
  DEFAULT_MIN_SCORE,
  describeQuote,
  matchMany,
  matchQuote,
  type MatchMethod,
} from './quote-match';

// A small product page, French and English, with the typography real pages have (U+202F before %,
// U+00A0 inside « », ’ apostrophes).
const P1 = 'Bienvenue sur la boutique Verdure. Nous fabriquons des cosmétiques depuis 1998 à Lyon.';
const P2 = 'Notre crème hydratante réduit les rides de 50\u202f% en 4 semaines, selon une étude interne.';
const P3 = 'Livraison gratuite dès 50\u202f€ d’achat. Retours acceptés sous 30 jours.';
const P4 = 'Découvrez l’offre « Printemps » : deux produits achetés, le troisième offert.';
const P5 = 'Our best-selling serum is loved by 10,000 customers. Try it today and see the difference.';
const P6 = 'Nos emballages sont recyclables et nos ingrédients proviennent de France.';
const PAGE = [P1, P2, P3, P4, P5, P6].join('\n\n');

/** Selectors for the first occurrence (or the nth) of `quote` in `text`. */
function sel(text: string, quote: string, nth = 0): SelectorPair {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(quote, i + 1);
    if (i < 0) throw new Error(`fixture: ${quote} not found`);
  }
  const pair = describeQuote(text, i, i + quote.length);
  if (!pair) throw new Error('fixture: describeQuote returned null');
  return pair;
}

describe('describeQuote', () => {
  it('keeps up to 32 units of context on each side and the position', () => {
    const i = PAGE.indexOf('réduit les rides');
    const pair = describeQuote(PAGE, i, i + 16)!;
    expect(SelectorPairSchema.safeParse(pair).success).toBe(true);
    expect(pair.quote.exact).toBe('réduit les rides');
    expect(pair.quote.prefix).toBe(PAGE.slice(i - 32, i));
    expect(pair.quote.suffix).toBe(PAGE.slice(i + 16, i + 48));
    expect(pair.position).toEqual({ type: 'TextPositionSelector', start: i, end: i + 16 });
  });

  it.each([
    ['start of text', 0, 9, '', PAGE.slice(9, 41)],
    ['end of text', PAGE.length - 6, PAGE.length, PAGE.slice(PAGE.length - 38, PAGE.length - 6), ''],
  ])('short context at the %s', (_name, s, e, prefix, suffix) => {
    const pair = describeQuote(PAGE, s, e)!;
    expect(pair.quote.prefix).toBe(prefix);
    expect(pair.quote.suffix).toBe(suffix);
  });

  it.each([
    ['empty range', 5, 5],
    ['reversed range', 9, 3],
    ['NaN', Number.NaN, 4],
    ['start beyond text', PAGE.length + 5, PAGE.length + 9],
  ])('returns null for an %s', (_name, s, e) => {
    expect(describeQuote(PAGE, s, e)).toBeNull();
  });

  it('clamps to the text and returns null for a quote over 10,000 units', () => {
    expect(describeQuote('abc', -4, 99)?.quote.exact).toBe('abc');
    expect(describeQuote('x'.repeat(20_000), 0, 10_001)).toBeNull();
    expect(describeQuote(null as unknown as string, 0, 1)).toBeNull();
  });

  it('never cuts a surrogate pair at the edge of the context', () => {
    const text = '🌱'.repeat(40) + 'quote' + '🌿'.repeat(40);
    const pair = describeQuote(text, 80, 85)!;
    expect(pair.quote.prefix).toBe('🌱'.repeat(16)); // 32 units exactly, whole pairs
    // 'a' puts every pair at an odd index: 32 units back from the quote lands on a low half.
    const odd = 'a' + '🌱'.repeat(40) + 'Xquote' + 'Y' + '🌿'.repeat(40);
    const p2 = describeQuote(odd, 82, 87)!;
    expect(p2.quote.exact).toBe('quote');
    expect(p2.quote.prefix).toBe('🌱'.repeat(15) + 'X'); // 31 units: one fewer rather than half an emoji
    expect(p2.quote.suffix).toBe('Y' + '🌿'.repeat(15));
    const p3 = describeQuote('🌿'.repeat(40) + 'x' + '🌿'.repeat(40), 80, 81)!;
    expect(p3.quote.suffix).toBe('🌿'.repeat(16));
  });
});

describe('approximateEnds (Myers) agrees with the textbook dynamic programme', () => {
  function naive(t: string, p: string, k: number) {
    let prev = Array.from({ length: p.length + 1 }, (_, i) => i);
    const out: { end: number; errors: number }[] = [];
    for (let j = 1; j <= t.length; j++) {
      const cur = [0];
      for (let i = 1; i <= p.length; i++) cur[i] = Math.min(prev[i]! + 1, cur[i - 1]! + 1, prev[i - 1]! + (p[i - 1] === t[j - 1] ? 0 : 1));
      if (cur[p.length]! <= k) out.push({ end: j, errors: cur[p.length]! });
      prev = cur;
    }
    return out;
  }
  const rnd = prng(7);
  const cases = Array.from({ length: 120 }, (_, n) => {
    const alpha = 'abcé’'.slice(0, 2 + (n % 4));
    const m = [1, 5, 31, 32, 33, 64, 65, 100][n % 8]!;
    const pick = () => alpha[Math.floor(rnd() * alpha.length)]!;
    const p = Array.from({ length: m }, pick).join('');
    const t = Array.from({ length: 40 + Math.floor(rnd() * 200) }, pick).join('');
    return { p, t, k: Math.floor((rnd() * m) / 2) };
  });
  it.each(cases.map((c, i) => [i, c.p.length, c.k, c] as const))('case %i (pattern %i, k %i)', (_i, _m, _k, c) => {
    expect(approximateEnds(c.t, c.p, c.k)).toEqual(naive(c.t, c.p, c.k));
  });
  // Patterns cut from the text and edited, with k from 0 to past m: the blocks computed per column
  // (Ukkonen's cut-off) grow and shrink as the text comes near the pattern and moves away again.
  const near = Array.from({ length: 160 }, (_, n) => {
    const alpha = 'abcdé’ '.slice(0, 3 + (n % 5));
    const pick = () => alpha[Math.floor(rnd() * alpha.length)]!;
    const t = Array.from({ length: 200 + Math.floor(rnd() * 500) }, pick).join('');
    const m = [20, 32, 33, 63, 64, 65, 97, 130, 160][n % 9]!;
    const at = Math.floor(rnd() * (t.length - m));
    const cut = [...t.slice(at, at + m)];
    for (let e = Math.floor(rnd() * (m / 3)); e > 0; e--) cut[Math.floor(rnd() * cut.length)] = pick();
    const k = [0, 1, 5, 31, 32, 33, 40, 64, m, m + 3][Math.floor(rnd() * 10)]!;
    return { p: cut.join(''), t, k };
  });
  it.each(near.map((c, i) => [i, c.p.length, c.k, c] as const))('near case %i (pattern %i, k %i)', (_i, _m, _k, c) => {
    const found = approximateEnds(c.t, c.p, c.k);
    expect(found).toEqual(naive(c.t, c.p, c.k));
    // scanned in pieces (each starting m + k units early), as a whole-text search does between steps
    for (const piece of [1, 7, c.p.length, 97]) expect(approximateEnds(c.t, c.p, c.k, piece)).toEqual(found);
  });
  it('the near cases do find matches (the cut-off is exercised, not skipped)', () => {
    expect(near.filter((c) => approximateEnds(c.t, c.p, c.k).length > 0).length).toBeGreaterThan(100);
  });
  it('returns nothing for bad input', () => {
    expect(approximateEnds('abc', '', 1)).toEqual([]);
    expect(approximateEnds('abc', 'a', -1)).toEqual([]);
    expect(approximateEnds('abc', 'a', Number.NaN)).toEqual([]);
  });
});

interface Case {
  name: string;
  /** The text the selectors were made from, and the quote in it (nth occurrence). */
  before: string;
  quote: string;
  nth?: number;
  /** The text to anchor in. */
  after: string;
  /** Expected text.slice(start, end) in `after` and method; null = must not anchor. */
  expect: { found: string; nth?: number; method: MatchMethod } | null;
}

const SHIFT = 'Bandeau : -20\u202f% sur tout le site ce week-end seulement !\n\n';

const cases: Case[] = [
  { name: 'exact at the old position', before: PAGE, quote: 'réduit les rides de 50\u202f%', after: PAGE, expect: { found: 'réduit les rides de 50\u202f%', method: 'position' } },
  {
    name: 'moved text: position off, exact found',
    before: PAGE,
    quote: 'Livraison gratuite dès 50\u202f€',
    after: SHIFT + PAGE,
    expect: { found: 'Livraison gratuite dès 50\u202f€', method: 'exact' },
  },
  {
    name: 'paragraphs reordered: found by its context far from the old position',
    before: PAGE,
    quote: 'loved by 10,000 customers',
    after: [P5, P3, P1, P2, P6, P4].join('\n\n'),
    expect: { found: 'loved by 10,000 customers', method: 'exact' },
  },
  {
    name: 'short quote: one word changed inside, context intact',
    before: PAGE,
    quote: 'réduit les rides de 50\u202f% en 4 semaines',
    after: PAGE.replace('de 50\u202f% en 4', 'de 40\u202f% en 4'),
    expect: { found: 'réduit les rides de 40\u202f% en 4 semaines', method: 'fuzzy' },
  },
  {
    name: 'words changed around and inside the quote',
    before: PAGE,
    quote: 'Notre crème hydratante réduit les rides de 50\u202f% en 4 semaines',
    after: PAGE.replace('1998 à Lyon.', '1998 à Lyon et Paris.')
      .replace('crème hydratante réduit', 'crème de nuit réduit')
      .replace('selon une étude interne', 'selon une étude indépendante'),
    expect: { found: 'Notre crème de nuit réduit les rides de 50\u202f% en 4 semaines', method: 'fuzzy' },
  },
  {
    name: 'English sentence edited in place',
    before: PAGE,
    quote: 'Our best-selling serum is loved by 10,000 customers.',
    after: PAGE.replace('Our best-selling serum is loved by 10,000', 'Our best-selling face serum is loved by 12,000'),
    expect: { found: 'Our best-selling face serum is loved by 12,000 customers.', method: 'fuzzy' },
  },
  {
    name: 'typographic apostrophe saved, straight apostrophe now (zero errors)',
    before: PAGE,
    quote: 'Découvrez l’offre « Printemps »',
    after: PAGE.replace('Découvrez l’offre', "Découvrez l'offre"),
    expect: { found: "Découvrez l'offre « Printemps »", method: 'fuzzy' },
  },
  {
    name: 'narrow no-break space now a plain space, line break now a space',
    before: PAGE,
    quote: 'de 50\u202f% en 4 semaines, selon une étude interne.\n\nLivraison',
    after: PAGE.replace('50\u202f% en 4', '50 % en 4').replace('interne.\n\nLivraison', 'interne. Livraison'),
    expect: { found: 'de 50 % en 4 semaines, selon une étude interne. Livraison', method: 'fuzzy' },
  },
  // Rejections: a wrong anchor is worse than none.
  {
    name: 'REJECT: claim deleted, a similar claim remains in another paragraph',
    before: PAGE + '\n\nNotre sérum réduit les taches de 30\u202f% en 8 semaines, prouvé en laboratoire.',
    quote: 'Notre crème hydratante réduit les rides de 50\u202f% en 4 semaines',
    after: [P1, P3, P4, P5, P6].join('\n\n') + '\n\nNotre sérum réduit les taches de 30\u202f% en 8 semaines, prouvé en laboratoire.',
    expect: null,
  },
  {
    // Quote similarity ≈ 0.88 (above the 0.75 floor): only the context and the minimum score reject it.
    name: 'REJECT: claim deleted, a near-identical claim about another product remains in another paragraph',
    before: PAGE + '\n\nNotre crème hydratante réduit les taches de 30\u202f% en 8 semaines, prouvé en laboratoire.',
    quote: 'Notre crème hydratante réduit les rides de 50\u202f% en 4 semaines',
    after: [P1, P3, P4, P5, P6].join('\n\n') + '\n\nNotre crème hydratante réduit les taches de 30\u202f% en 8 semaines, prouvé en laboratoire.',
    expect: null,
  },
  {
    name: 'REJECT: short quote deleted, the same words remain nearby in another context',
    before: PAGE,
    quote: 'le troisième offert',
    after: PAGE.replace('deux produits achetés, le troisième offert.', 'voir conditions en magasin.').replace(
      'Retours acceptés sous 30 jours.',
      'Retours : le troisième offert ?',
    ),
    expect: null,
  },
  {
    name: 'REJECT: sentence deleted, nothing similar left',
    before: PAGE,
    quote: 'Nos emballages sont recyclables',
    after: [P1, P2, P3, P4, P5].join('\n\n'),
    expect: null,
  },
  {
    name: 'REJECT: page replaced by an unrelated page',
    before: PAGE,
    quote: 'Retours acceptés sous 30 jours',
    after: 'Conditions générales de vente. Article 1 : objet. Les présentes conditions régissent les ventes.',
    expect: null,
  },
  {
    name: 'REJECT: sentence rewritten beyond recognition at the same place',
    before: PAGE,
    quote: 'Nos emballages sont recyclables et nos ingrédients proviennent de France.',
    after: PAGE.replace(P6, 'Nos flacons en verre sont consignés et nos huiles viennent du Maroc.'),
    expect: null,
  },
  { name: 'empty text', before: PAGE, quote: 'Livraison gratuite', after: '', expect: null },
  { name: 'quote longer than text', before: PAGE, quote: P2, after: 'Notre crème.', expect: null },
];

describe('matchQuote', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const m = matchQuote(c.after, sel(c.before, c.quote, c.nth));
    if (c.expect === null) {
      expect(m).toBeNull();
      return;
    }
    expect(m).not.toBeNull();
    expect(c.after.slice(m!.start, m!.end)).toBe(c.expect.found);
    let at = -1;
    for (let k = 0; k <= (c.expect.nth ?? 0); k++) at = c.after.indexOf(c.expect.found, at + 1);
    expect(m!.start).toBe(at);
    expect(m!.method).toBe(c.expect.method);
    expect(m!.score).toBeGreaterThanOrEqual(DEFAULT_MIN_SCORE);
    expect(m!.score).toBeLessThanOrEqual(1);
  });

  describe('duplicates', () => {
    const item = (name: string) => `Produit ${name}. Prix : 12 €. Ajouter au panier.`;
    const page = ['Soldes.', item('Savon'), item('Shampoing'), item('Baume'), 'Fin.'].join(' ');
    it.each([0, 1, 2])('occurrence %i of a repeated button, page shifted, told apart by prefix', (nth) => {
      const m = matchQuote(SHIFT + page, sel(page, 'Ajouter au panier', nth));
      expect(m?.method).toBe('exact');
      expect(m?.start).toBe(SHIFT.length + indexOfNth(page, 'Ajouter au panier', nth));
    });

    // Identical surroundings: only the old position can tell them apart.
    const block = 'x'.repeat(40) + ' Ajouter au panier ' + 'y'.repeat(40);
    const same = ['a', block, 'b', block, 'c', block, 'd'].join('');
    it.each([0, 1, 2])('occurrence %i with identical context, told apart by position', (nth) => {
      const m = matchQuote('zz' + same, sel(same, 'Ajouter au panier', nth));
      expect(m?.method).toBe('exact');
      expect(m?.start).toBe(2 + indexOfNth(same, 'Ajouter au panier', nth));
    });

    it('prefers an in-place edit with intact context over an identical copy elsewhere', () => {
      // The footer repeats the quote exactly (and it is ≥ 32 units, unique after the edit): the trust
      // rule for long unique quotes must not win over the in-place edit.
      const before = PAGE + '\n\nRappel : Livraison gratuite dès 50\u202f€ d’achat. Voir les conditions.';
      const after = before.replace('Livraison gratuite dès 50\u202f€ d’achat. Retours', 'Livraison gratuite dès 60\u202f€ d’achat. Retours');
      const quote = 'Livraison gratuite dès 50\u202f€ d’achat.';
      expect(quote.length).toBeGreaterThanOrEqual(32);
      expect(after.split(quote)).toHaveLength(2);
      const m = matchQuote(after, sel(before, quote));
      expect(m?.method).toBe('fuzzy');
      expect(after.slice(m!.start, m!.end)).toBe('Livraison gratuite dès 60\u202f€ d’achat.');
    });
  });

  describe('long quotes', () => {
    const words = 'la marque propose des produits naturels fabriqués en France avec des ingrédients biologiques certifiés et un emballage recyclable pour réduire notre impact sur la planète chaque jour'.split(' ');
    const long = (n: number, offset: number) => Array.from({ length: n }, (_, i) => words[(i * 7 + offset) % words.length]).join(' ');
    const q40 = 'Une formule douce, testée sous contrôle dermatologique.';
    const q400 = long(55, 3) + '.';
    const q2000 = long(280, 5) + '.';
    const page = ['Intro du site.', 'Avant le passage.', q40, 'Entre les deux.', q400, 'Encore du texte.', q2000, 'Fin de page.'].join(' ');
    it('lengths are what the test means', () => {
      expect(q40.length).toBeGreaterThan(32);
      expect(q400.length).toBeGreaterThan(300);
      expect(q2000.length).toBeGreaterThan(1500);
    });

    it.each([
      ['> 32', q40],
      ['> 300', q400],
      ['> 1500', q2000],
    ])('%s units: exact after a shift', (_n, q) => {
      const m = matchQuote(SHIFT + page, sel(page, q));
      expect(m?.method).toBe('exact');
      expect(m?.start).toBe(SHIFT.length + page.indexOf(q));
    });

    function edit(q: string, every: number): string {
      // replace one word in `every` by another word
      return q
        .split(' ')
        .map((w, i) => (i % every === 2 ? 'changé' : w))
        .join(' ');
    }
    it.each([
      ['> 32', q40, 6],
      ['> 300', q400, 12],
      ['> 1500', q2000, 40],
    ])('%s units: a few words changed inside → fuzzy', (_n, q, every) => {
      const changed = edit(q, every);
      expect(changed).not.toBe(q);
      const after = page.replace(q, changed);
      const m = matchQuote(after, sel(page, q));
      expect(m?.method).toBe('fuzzy');
      expect(after.slice(m!.start, m!.end)).toBe(changed);
    });

    it('> 300 units: its first 60 units rewritten (more errors than the head filter allows), found through its tail', () => {
      const changed = 'TEXTE ENTIÈREMENT NOUVEAU À LA PLACE DU DÉBUT DU PASSAGE. '.padEnd(60, '-') + q400.slice(60);
      expect(changed.length).toBe(q400.length);
      const after = page.replace(q400, changed);
      const m = matchQuote(after, sel(page, q400));
      expect(m?.method).toBe('fuzzy');
      expect(m!.end).toBe(after.indexOf(changed) + changed.length);
      expect(Math.abs(m!.start - after.indexOf(changed))).toBeLessThanOrEqual(3);
    });

    it('> 300 units: passage deleted → null, although another passage is built from the same words', () => {
      const after = page.replace(q400, '');
      expect(matchQuote(after, sel(page, q400))).toBeNull();
    });
  });

  describe('surrogates and emoji', () => {
    const text = 'Nouveau 🌱 gamme verte 🌱 pour vous 👩🏽‍🔬 et un \uD800 isolé, puis la suite du texte.';
    it('exact quote with emoji and a lone surrogate', () => {
      const m = matchQuote('>>' + text, sel(text, 'vous 👩🏽‍🔬 et un \uD800 isolé'));
      expect(m?.method).toBe('exact');
      expect(m?.start).toBe(2 + text.indexOf('vous 👩🏽‍🔬'));
    });
    it('emoji changed: fuzzy match that never splits a pair', () => {
      const after = text.replace('gamme verte 🌱', 'gamme verte 🌿');
      const m = matchQuote(after, sel(text, 'Nouveau 🌱 gamme verte 🌱 pour'));
      expect(m?.method).toBe('fuzzy');
      expect(after.slice(m!.start, m!.end)).toBe('Nouveau 🌱 gamme verte 🌿 pour');
    });
    it('quote ending on an emoji whose low half changed is widened, not cut', () => {
      const after = text.replace('verte 🌱', 'verte 🌿').replace('Nouveau', 'Nouvelle');
      const m = matchQuote(after, sel(text, 'gamme verte 🌱'), { minScore: 0.5 });
      expect(m).not.toBeNull();
      const s = after.slice(m!.start, m!.end);
      expect(s.endsWith('🌿')).toBe(true);
      expect(s.isWellFormed()).toBe(true);
    });
  });

  it.each([
    ['null', null],
    ['no quote', { position: { type: 'TextPositionSelector', start: 0, end: 3 } }],
    ['empty exact', { quote: { type: 'TextQuoteSelector', exact: '' }, position: { type: 'TextPositionSelector', start: 0, end: 3 } }],
    ['exact not a string', { quote: { type: 'TextQuoteSelector', exact: 42 } }],
  ])('bad selectors (%s) → null, no throw', (_n, bad) => {
    expect(matchQuote(PAGE, bad as unknown as SelectorPair)).toBeNull();
  });

  it('a quote without position or context still anchors when unique and long', () => {
    const m = matchQuote(PAGE, { quote: { type: 'TextQuoteSelector', exact: 'Nos emballages sont recyclables et nos ingrédients' } } as SelectorPair);
    expect(m?.start).toBe(PAGE.indexOf('Nos emballages'));
  });

  it.each([
    ['long (≥ 32) and unique: trusted', 'Nos emballages sont recyclables et nos ingrédients', true],
    ['short: not trusted', 'Nos emballages', false],
  ])('context rewritten on both sides and moved 3,000 units away, %s', (_n, quote, anchored) => {
    const filler = 'Texte ajouté au-dessus. '.repeat(125);
    const after = filler + 'Tout a changé ici : ' + quote + ' — et là aussi, vraiment tout.';
    const m = matchQuote(after, sel(PAGE, quote));
    if (!anchored) {
      expect(m).toBeNull();
      return;
    }
    expect(m?.method).toBe('exact');
    expect(m?.start).toBe(after.indexOf(quote));
    expect(m!.score).toBeLessThan(DEFAULT_MIN_SCORE); // accepted by the trust rule, not the score
  });

  it('a nonsense position selector is ignored', () => {
    const pair = sel(PAGE, 'Retours acceptés sous 30 jours');
    const m = matchQuote(SHIFT + PAGE, { ...pair, position: { type: 'TextPositionSelector', start: 1e12, end: -3 } } as SelectorPair);
    expect(m?.start).toBe(SHIFT.length + PAGE.indexOf('Retours acceptés'));
  });

  it('the near-identical claim is a fuzzy candidate within the quote floor, rejected by the score only', () => {
    const c = cases.find((x) => x.name.startsWith('REJECT: claim deleted, a near-identical'))!;
    const m = matchQuote(c.after, sel(c.before, c.quote), { minScore: 0 });
    expect(m?.method).toBe('fuzzy');
    expect(c.after.slice(m!.start, m!.end)).toBe('Notre crème hydratante réduit les taches de 30\u202f% en 8 semaines');
    expect(m!.quoteSimilarity).toBeGreaterThan(0.85);
    expect(m!.score).toBeLessThan(0.7);
  });

  it('fuzzy: false stops at the exact step', () => {
    const after = PAGE.replace('Découvrez l’offre', "Découvrez l'offre");
    expect(matchQuote(after, sel(PAGE, 'Découvrez l’offre « Printemps »'), { fuzzy: false })).toBeNull();
  });

  it('minScore is honoured: a stricter threshold rejects a moderate fuzzy match', () => {
    const c = cases.find((x) => x.name === 'words changed around and inside the quote')!;
    const m = matchQuote(c.after, sel(c.before, c.quote))!;
    expect(m.score).toBeLessThan(0.99);
    expect(matchQuote(c.after, sel(c.before, c.quote), { minScore: m.score + 0.005 })).toBeNull();
  });
});

/** Deterministic 32-bit PRNG (mulberry32), so fixtures are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function indexOfNth(text: string, s: string, nth: number): number {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(s, i + 1);
  return i;
}

describe('matchMany', () => {
  it('yields one result per item in order and can be stopped between items', () => {
    const list = [sel(PAGE, 'Livraison gratuite'), sel(PAGE, 'Nos emballages'), sel(PAGE, 'loved by')];
    const seen: number[] = [];
    for (const { index, match } of matchMany(SHIFT + PAGE, list)) {
      seen.push(index);
      expect(match?.start).toBe(SHIFT.length + list[index]!.position.start);
      if (index === 1) break;
    }
    expect(seen).toEqual([0, 1]);
    expect([...matchMany(PAGE, null as unknown as SelectorPair[])]).toEqual([]);
  });
});

describe('a 1 MB text with 1,000 quotes', () => {
  it('completes and finds them all (exact after a shift, fuzzy after edits, deleted ones rejected)', () => {
    const rnd = prng(42);
    const syll = ['ma', 're', 'ti', 'on', 'lu', 'pra', 'ver', 'dé', 'ça', 'quo', 'bi', 'ne', 'sol', 'fa', 'gré', 'tu', 'sé', 'ux'];
    const word = () => Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => syll[Math.floor(rnd() * syll.length)]).join('');
    const parts: string[] = [];
    let len = 0;
    while (len < 1_000_000) {
      const sentence = Array.from({ length: 6 + Math.floor(rnd() * 14) }, word).join(' ') + (rnd() < 0.2 ? '.\n\n' : '. ');
      parts.push(sentence);
      len += sentence.length;
    }
    const text = parts.join('');
    const quotes: SelectorPair[] = [];
    for (let i = 0; i < 1000; i++) {
      const start = Math.floor(rnd() * (text.length - 400));
      quotes.push(describeQuote(text, start, start + 20 + Math.floor(rnd() * 300))!);
    }
    // 10 quotes get a word changed inside, 5 are deleted; then the page gets a banner on top.
    const edited = new Map<number, string>();
    let after = text;
    for (let i = 0; i < 15; i++) {
      const q = quotes[i * 50]!;
      const exact = q.quote.exact;
      const replacement = i < 10 ? exact.slice(0, 8) + 'ZZ' + exact.slice(10) : '#'.repeat(exact.length);
      after = after.slice(0, q.position.start) + replacement + after.slice(q.position.end);
      if (i < 10) edited.set(i * 50, replacement);
    }
    const shifted = SHIFT + after;
    // Overlapping quotes may have been hit by an edit: recompute what each should be.
    const matcher = createMatcher(shifted);
    expect(matcher.text.length).toBeGreaterThan(1_000_000);
    const methods: Record<string, number> = { position: 0, exact: 0, fuzzy: 0, none: 0 };
    let wrong = 0;
    let overlapped = 0;
    const results = [...matchMany(shifted, quotes)];
    expect(results).toHaveLength(1000);
    for (const { index, match } of results) {
      const q = quotes[index]!;
      const deleted = index % 50 === 0 && index / 50 >= 10 && index / 50 < 15;
      const untouched = after.slice(q.position.start, q.position.end) === q.quote.exact;
      methods[match ? match.method : 'none']!++;
      if (deleted) {
        if (match) wrong++;
      } else if (edited.has(index)) {
        if (!match || match.method !== 'fuzzy' || shifted.slice(match.start, match.end) !== edited.get(index)) wrong++;
      } else if (untouched) {
        if (!match || match.start !== SHIFT.length + q.position.start || match.end !== SHIFT.length + q.position.end) wrong++;
      } else if (match) {
        // Overlaps an edited or deleted quote: orphaned, or anchored where it was (never elsewhere).
        overlapped++;
        if (Math.abs(match.start - (SHIFT.length + q.position.start)) > 2) wrong++;
      }
    }
    expect(wrong).toBe(0);
    expect(methods.none).toBeGreaterThanOrEqual(5);
    expect(methods.none).toBeLessThanOrEqual(5 + 20); // the deleted ones, plus quotes overlapping an edit
    expect(methods.fuzzy).toBeGreaterThanOrEqual(10);
    expect(methods.exact).toBeGreaterThan(900);
  });
});
