import { describe, expect, it } from 'vitest';
import { compilePack, type CompiledPack } from './compile';
import { createDetector } from './detect';
import type { RulePackInput } from './schema';

// A small pack written for these tests: it exercises the machinery, not the bundled rules.
const fr: RulePackInput = {
  format: 'claim-lens-rules',
  version: 1,
  lang: 'fr',
  name: 'test fr',
  lexicon: { ECO: ['eco-responsable(s)', 'ecologique(s)'] },
  weights: { second_person: 0.1, exclamation: 0.1, legal: -0.4, negation: -0.3 },
  stops: [{ id: 'stop.libre', patterns: ['logiciel(s) libre(s)'] }],
  rules: [
    { id: 'fr.env', category: 'environmental', base: 0.7, patterns: ['{ECO}', 'neutre en carbone'] },
    { id: 'fr.urg.stock', category: 'urgency', base: 0.8, patterns: ['plus que {NUM} en stock', 'offre(s) limitee(s)'] },
    { id: 'fr.proof.pct', category: 'social_proof', base: 0.6, patterns: ['{NUM} % de clients satisfaits'], anyLang: false },
    { id: 'fr.libre', category: 'ethical', base: 0.6, patterns: ['libre(s)'] },
    { id: 'fr.unique', category: 'superiority', base: 0.3, patterns: ['unique(s)'], requireAny: ['second_person', 'exclamation'] },
    { id: 'fr.coeur', category: 'customer_centric', base: 0.7, patterns: ['le client au coeur'] },
    { id: 'fr.gap', category: 'performance', base: 0.7, patterns: ['boostez {0-2} ventes'] },
  ],
};
const en: RulePackInput = {
  format: 'claim-lens-rules',
  version: 1,
  lang: 'en',
  name: 'test en',
  stops: [{ id: 'stop.regards', patterns: ['best regards'] }],
  rules: [
    { id: 'en.env', category: 'environmental', base: 0.7, patterns: ['eco-friendly', 'carbon neutral'] },
    { id: 'en.best', category: 'superiority', base: 0.6, patterns: ['best'] },
    { id: 'en.rating', category: 'social_proof', base: 0.7, patterns: ['{NUM}/5'], anyLang: true },
    { id: 'en.no1', category: 'superiority', base: 0.7, patterns: ['#1', 'no. 1'] },
    { id: 'en.mission', category: 'purpose', base: 0.6, patterns: ['mission'], requireAny: ['first_plural'] },
  ],
};

function build(): CompiledPack[] {
  return [fr, en].map((p) => {
    const r = compilePack(p);
    if (!r.ok) throw new Error(r.error);
    return r.pack;
  });
}
const { detect } = createDetector(build(), (c) => [`concept-of-${c}`]);
const cats = (t: string) => detect(t).map((c) => `${c.category}:${c.text}`);

describe('detect: matching as French and English are written', () => {
  it.each<[string, string[]]>([
    ['Un emballage éco-responsable et recyclé.', ['environmental:éco-responsable']],
    ['Un emballage écoresponsable pour la planète.', ['environmental:écoresponsable']],
    ['Un emballage éco\u2011responsable pour la planète.', ['environmental:éco\u2011responsable']],
    ['Un emballage eco responsable pour la planète.', ['environmental:eco responsable']],
    ['DES SACS ÉCOLOGIQUES POUR LES COURSES.', ['environmental:ÉCOLOGIQUES']],
    ['Il ne reste plus que 2 en stock\u202f!', ['urgency:plus que 2 en stock']],
    ['Il ne reste plus que 2\u00a0en stock !', ['urgency:plus que 2\u00a0en stock']],
    ['Déjà 98\u00a0% de clients satisfaits dans notre boutique.', ['social_proof:98\u00a0% de clients satisfaits']],
    ['Déjà 98% de clients satisfaits dans notre boutique.', ['social_proof:98% de clients satisfaits']],
    ['Chez nous, le client au cœur de tout ce que nous faisons.', ['customer_centric:le client au cœur']],
    ['Chez nous, le client au coeur de tout ce que nous faisons.', ['customer_centric:le client au coeur']],
    ['Boostez vos ventes dès aujourd’hui avec notre outil.', ['performance:Boostez vos ventes']],
    ['Boostez les ventes de votre boutique.', ['performance:Boostez les ventes']], // one word in the gap
    ['Boostez la croissance de toutes vos ventes.', []], // four words: outside the {0-2} gap
    ['Nous utilisons des logiciels libres dans nos écoles.', []], // a stop hides "libres"
    ['Un parfum unique pour vous !', ['superiority:unique']],
    ['Chaque flocon de neige est unique.', []], // requireAny not met
    ['Our eco friendly bottles are carbon neutral.', ['environmental:eco friendly', 'environmental:carbon neutral']],
    ['Our ecofriendly bottles are great.', ['environmental:ecofriendly']],
    ['Best regards, the team at the shop.', []],
    ['Rated 4.8/5 by our customers.', ['social_proof:4.8/5']],
    ['Noté 4,8/5 par nos clients.', ['social_proof:4,8/5']], // anyLang rule fires in a French sentence
    ["We're the #1 brand for runners.", ['superiority:#1']],
    ['The No. 1 choice of dentists.', ['superiority:No. 1']],
    ['This is the best tool for the job.', ['superiority:best']],
    ['Le best-seller est le meilleur.', []], // "best" is an English rule, and this sentence is French
    ['', []],
  ])('%j → %j', (text, expected) => {
    expect(cats(text)).toEqual(expected);
  });

  it('offsets point into the input, including after emoji and lone surrogates', () => {
    const text = '😀\ud800 Un produit éco-responsable ! \udc00 Our eco-friendly cups.';
    const claims = detect(text);
    expect(claims.map((c) => c.text)).toEqual(['éco-responsable', 'eco-friendly']);
    for (const c of claims) expect(text.slice(c.start, c.end)).toBe(c.text);
  });

  it('carries language, concepts, sentence bounds and signals', () => {
    const text = 'Bonjour. Vos sacs écologiques sont arrivés ! Merci.';
    const [c] = detect(text);
    expect(c).toMatchObject({ lang: 'fr', category: 'environmental', ruleId: 'fr.env', concepts: ['concept-of-environmental'] });
    expect(text.slice(c!.sentenceStart, c!.sentenceEnd)).toBe('Vos sacs écologiques sont arrivés !');
    expect(c!.signals.sort()).toEqual(['exclamation', 'second_person']);
    expect(c!.score).toBeCloseTo(0.9);
  });

  it('decides the language per sentence in mixed text', () => {
    const text = 'Notre slogan est simple. "The best coffee in town." Nos grains sont écologiques.';
    expect(detect(text).map((c) => [c.lang, c.text])).toEqual([
      ['en', 'best'],
      ['fr', 'écologiques'],
    ]);
  });

  it('lowers scores in legal text and after a negation, and honours the threshold option', () => {
    expect(cats('Conformément à la loi, le vendeur fournit un emballage écologique.')).toEqual([]);
    expect(detect('Conformément à la loi, le vendeur fournit un emballage écologique.', { threshold: 0.2 })).toHaveLength(1);
    expect(cats('Ce produit n’est pas écologique du tout.')).toEqual([]);
    expect(detect('Un emballage écologique.', { threshold: 0.95 })).toEqual([]);
  });

  it('filters categories and forces a language when asked', () => {
    const text = 'Offre limitée sur nos sacs écologiques.';
    expect(detect(text, { categories: ['urgency'] }).map((c) => c.category)).toEqual(['urgency']);
    expect(detect('The best sac écologique.', { lang: 'en' }).map((c) => c.text)).toEqual(['best']);
  });

  it.each<[string, string[]]>([
    ['Rated 4/5 by our readers.', ['social_proof:4/5']],
    ['Noté 4,8/5.', ['social_proof:4,8/5']],
    ['The meeting of 3/5/2020 was moved.', []],
    ['Version 2.4/5.1 of the protocol.', []],
    ['Score 4/5, then 5/5!', ['social_proof:4/5', 'social_proof:5/5']],
  ])('a rating is not read inside a longer number: %s', (text, expected) => {
    expect(cats(text)).toEqual(expected);
  });

  it.each<[string, boolean]>([
    ['Our mission is simple.', true],
    ['Join us on a mission to change food.', true],
    ['JOIN US ON OUR MISSION', true],
    ['US space agency announces new mission.', false],
    ['The mission of the US Navy was classified.', false],
  ])('"US" in capitals beside ordinary words is the country, not "us": %s', (text, flagged) => {
    expect(cats(text).includes('purpose:' + (text.match(/mission/i)?.[0] ?? ''))).toBe(flagged);
  });

  it('does not join words across a paragraph break or a sentence end', () => {
    expect(cats('Il reste plus que\n\n2 en stock.')).toEqual([]);
    expect(cats('Il en reste plus que. 2 en stock.')).toEqual([]);
  });

});

describe('detect: hostile input never throws and stays bounded', () => {
  const hostile: [string, string][] = [
    ['lone surrogates', '\ud800\udc00\ud800 écologique \udfff'.repeat(1000)],
    ['binary garbage', Array.from({ length: 100_000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('')],
    ['no spaces', 'écologique'.repeat(50_000)],
    ['one huge word', 'a'.repeat(1_000_000)],
    ['only newlines', '\n'.repeat(100_000)],
  ];
  it.each(hostile)('%s', (_name, text) => {
    expect(() => detect(text)).not.toThrow();
  });
  it('rejects non-strings quietly', () => {
    expect(detect(undefined as unknown as string)).toEqual([]);
    expect(detect(42 as unknown as string)).toEqual([]);
  });
});

describe('compilePack', () => {
  it.each<[string, unknown, RegExp]>([
    ['not an object', 'nope', /invalid rule pack/],
    ['unknown category', { ...en, rules: [{ id: 'x', category: 'nope', base: 0.5, patterns: ['a'] }] }, /rules\[0\]\.category/],
    ['unknown lexicon list', { ...en, rules: [{ id: 'x', category: 'fear', base: 0.5, patterns: ['{NOPE}'] }] }, /unknown lexicon list \{NOPE\}/],
    ['unclosed group', { ...en, rules: [{ id: 'x', category: 'fear', base: 0.5, patterns: ['a(b'] }] }, /unclosed/],
    ['duplicate ids', { ...en, rules: [en.rules[0], en.rules[0]] }, /duplicate rule id/],
    ['empty match', { ...en, rules: [{ id: 'x', category: 'fear', base: 0.5, patterns: ['(a|)'] }] }, /empty/],
  ])('refuses %s with a message naming the place', (_n, pack, msg) => {
    const r = compilePack(pack);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(msg);
  });
});

describe('detect: a 50 MB page', () => {
  it('returns claims without throwing', () => {
    const para = 'Le comité a publié son rapport annuel sur les transports. Offre limitée sur nos sacs écologiques ! The council met on Tuesday to discuss the budget.\n\n';
    const text = para.repeat(Math.ceil((50 * 1024 * 1024) / para.length));
    const claims = detect(text);
    expect(claims.length).toBeGreaterThan(100_000);
    const last = claims[claims.length - 1]!;
    expect(text.slice(last.start, last.end)).toBe(last.text);
  });
});

describe('compiling in pieces', () => {
  it('compileSteps yields after every pattern and gives the same matcher as compilePack', async () => {
    const { compileSteps } = await import('./compile');
    const steps = compileSteps(fr);
    let pieces = 0;
    let r = steps.next();
    while (!r.done) {
      pieces++;
      r = steps.next();
    }
    const patterns = fr.rules.reduce((n, rule) => n + rule.patterns.length, 0) + (fr.stops ?? []).reduce((n, st) => n + st.patterns.length, 0);
    expect(pieces).toBe(patterns);
    expect(r.value.ok).toBe(true);
  });
  it('prepareDetector awaits between pieces and then detects like detect()', async () => {
    const { prepareDetector, detect: bundled } = await import('./index');
    let yields = 0;
    let clock = 0;
    const d = await prepareDetector({ budgetMs: 1, now: () => (clock += 2), yieldFn: async () => void yields++ });
    expect(yields).toBeGreaterThan(10);
    const text = 'Offre limitée : plus que 2 en stock ! Only 3 left in stock.';
    expect(d.detect(text)).toEqual(bundled(text));
    expect(d.detect(text).length).toBeGreaterThan(1);
  });
  it('reports an invalid rule with its index and field', async () => {
    const { compilePack } = await import('./compile');
    const bad = { ...en, rules: [...en.rules, { id: 'z', category: 'fear', base: 2, patterns: ['x'] }] };
    const r = compilePack(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(new RegExp(`rules\\[${en.rules.length}\\]\\.base`));
  });
});
