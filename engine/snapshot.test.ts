import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePack, type CompiledPack } from './compile';
import { conceptIdsFor } from './concepts';
import { createDetector } from './detect';
import { bundledPacks } from './index';
import { detectorFromSnapshot, encodeSnapshot, restorePacks, SnapshotError } from './snapshot';
import { Vocabulary } from './tokens';

const ROOT = join(__dirname, '..');

/** Every sentence of the evaluation corpus, and the articles when ../shared is there. */
function corpusText(): string {
  const parts: string[] = [];
  for (const lang of ['fr', 'en']) {
    for (const line of readFileSync(join(ROOT, 'tests/fixtures/eval', `${lang}.jsonl`), 'utf8').split('\n'))
      if (line.trim()) parts.push((JSON.parse(line) as { text: string }).text);
  }
  const articles = join(ROOT, '..', 'shared', 'articles');
  if (existsSync(articles)) for (const f of readdirSync(articles).filter((x) => x.endsWith('.txt')).sort()) parts.push(readFileSync(join(articles, f), 'utf8'));
  return parts.join('\n\n');
}

const TINY = {
  format: 'claim-lens-rules',
  version: 1,
  lang: 'fr',
  name: 'tiny',
  lexicon: { ECO: ['eco-responsable(s)', 'ecologique(s)'] },
  stops: [{ id: 'stop.libre', patterns: ['logiciel(s) libre(s)'] }],
  rules: [
    { id: 'fr.env', category: 'environmental', base: 0.7, patterns: ['{ECO}', 'neutre en carbone'] },
    { id: 'fr.note', category: 'social_proof', base: 0.7, patterns: ['{NUM}/5'], requireAny: ['number'] },
  ],
};

function tinyPacks(vocab = new Vocabulary()): CompiledPack[] {
  const r = compilePack(TINY, vocab);
  if (!r.ok) throw new Error(r.error);
  return [r.pack];
}

describe('compiled pack snapshots', () => {
  const packs = bundledPacks();
  const text = encodeSnapshot(packs);
  const sample = corpusText();

  it('restores the bundled packs into a detector that finds exactly what the compiled one finds', () => {
    const restored = restorePacks(text, new Vocabulary());
    const a = createDetector(packs, conceptIdsFor).detect(sample);
    const b = createDetector(restored, conceptIdsFor).detect(sample);
    expect(a.length).toBeGreaterThan(300);
    expect(b).toEqual(a);
    // Same rules, same automaton sizes.
    expect(restored.map((p) => [p.lang, p.name, p.rules.length, p.matcher.stateCount, p.stops?.stateCount])).toEqual(
      packs.map((p) => [p.lang, p.name, p.rules.length, p.matcher.stateCount, p.stops?.stateCount]),
    );
  });

  it('renumbers tokens into a vocabulary that already holds other words', () => {
    const vocab = new Vocabulary();
    for (let k = 0; k < 500; k++) vocab.id(`mot${k}`);
    vocab.id('meilleur');
    const restored = restorePacks(text, vocab);
    expect(createDetector(restored, conceptIdsFor).detect(sample)).toEqual(createDetector(packs, conceptIdsFor).detect(sample));
  });

  it('is deterministic, and a restored pack encodes to the same text', () => {
    expect(encodeSnapshot(bundledPacks())).toBe(text);
    expect(encodeSnapshot(restorePacks(text, new Vocabulary()))).toBe(text);
  });

  it('stores only the tokens the automata use', () => {
    const vocab = new Vocabulary();
    for (let k = 0; k < 100; k++) vocab.id(`unused${k}`);
    const snap = JSON.parse(encodeSnapshot(tinyPacks(vocab))) as { vocab: string };
    const words = snap.vocab.split('\n');
    expect(words.some((w) => w.startsWith('unused'))).toBe(false);
    expect(words).toContain('carbone');
  });

  it('keeps French forms: accents folded, plural groups, hyphen variants, numbers, stops', () => {
    const d = createDetector(restorePacks(encodeSnapshot(tinyPacks()), new Vocabulary()), conceptIdsFor);
    const compiled = createDetector(tinyPacks(), conceptIdsFor);
    const found = (t: string) => d.detect(t).map((c) => c.text);
    expect(found('Des produits éco-responsables.')).toEqual(['éco-responsables']);
    expect(found('Un emballage eco responsable.')).toEqual(['eco responsable']);
    expect(found('Noté 4,8/5 par nos clients.')).toEqual(['4,8/5']);
    for (const t of ['Un logiciel libre écologique.', 'Des logiciels libres, écologiques ?', 'L’offre « neutre en carbone » !', 'Neutre\u00a0en carbone ; 5/5'])
      expect(d.detect(t)).toEqual(compiled.detect(t));
  });

  const tiny = JSON.parse(encodeSnapshot(tinyPacks())) as {
    format: string;
    version: number;
    vocab: string;
    packs: { rules: unknown[]; matcher: { root: number; states: number; eps: number; edges: number; ids: number; priority: number[]; code: string }; stops: unknown }[];
  };
  const damage = (f: (s: typeof tiny) => void): string => {
    const c = structuredClone(tiny);
    f(c);
    return JSON.stringify(c);
  };
  const code = tiny.packs[0]!.matcher.code;

  it.each([
    ['not JSON', '{"format":', /not JSON/],
    ['another format', damage((s) => (s.format = 'claim-lens-rules')), /format/],
    ['a newer version', damage((s) => (s.version = 99)), /version/],
    ['no pack', damage((s) => (s.packs = [])), /packs/],
    ['a rule without category', damage((s) => delete (s.packs[0]!.rules[0] as Record<string, unknown>).category), /category/],
    ['a truncated automaton', damage((s) => (s.packs[0]!.matcher.code = code.slice(0, code.length >> 1))), /matcher: code ends|matcher: .*out of range/],
    ['characters left over', damage((s) => (s.packs[0]!.matcher.code = `${code}AA`)), /characters left/],
    ['more states announced than coded', damage((s) => (s.packs[0]!.matcher.states += 5)), /matcher/],
    ['fewer edges announced than coded', damage((s) => (s.packs[0]!.matcher.edges -= 1)), /more edges than the header/],
    ['more token ids announced than coded', damage((s) => (s.packs[0]!.matcher.ids += 1)), /counts differ from the header/],
    ['a foreign character', damage((s) => (s.packs[0]!.matcher.code = `!${code.slice(1)}`)), /unexpected character/],
    ['a root outside the automaton', damage((s) => (s.packs[0]!.matcher.root = 10_000)), /root/],
    ['a token outside the vocabulary', damage((s) => (s.vocab = s.vocab.split('\n').slice(0, 2).join('\n'))), /token \d+ out of range/],
    ['an empty token', damage((s) => (s.vocab = `\n${s.vocab}`)), /empty token at vocab line 1/],
    ['an accepted rule the pack lacks', damage((s) => (s.packs[0]!.matcher.priority = [])), /accept .* out of range/],
  ])('refuses %s with a message', (_what, bad, message) => {
    let err: unknown;
    try {
      restorePacks(bad, new Vocabulary());
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SnapshotError);
    expect((err as Error).message).toMatch(message);
  });

  it('decodes in slices: with no time budget it yields many times, then detects', async () => {
    let yields = 0;
    let clock = 0;
    const d = await detectorFromSnapshot(text, {
      budgetMs: 0,
      now: () => (clock += 1),
      yieldFn: async () => {
        yields += 1;
      },
    });
    // ~47,000 states in pieces of 1,000, plus parse, vocabulary, rules, signal model and warm-up steps.
    expect(yields).toBeGreaterThan(15);
    expect(d.detect('Livraison gratuite, 100 % satisfait ou remboursé !').length).toBeGreaterThan(0);
  });
});
