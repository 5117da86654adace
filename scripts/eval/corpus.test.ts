import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, LANGS } from '../../engine/types';
import { CorpusError, DEFAULT_CORPUS_DIR, formatIssue, loadCorpus, loadCorpusFile, parseCorpus } from './corpus';

const ok = (o: Record<string, unknown> = {}) => JSON.stringify({ id: 'fr-0001', split: 'dev', kind: 'product', labels: ['urgency'], text: 'Plus que 2 en stock !', ...o });

describe('parseCorpus', () => {
  it('accepts valid lines and skips blank ones', () => {
    const r = parseCorpus([ok(), '', ok({ id: 'fr-0002', labels: [], split: 'test' }), ''].join('\n'), 'fr.jsonl', 'fr');
    expect(r.issues).toEqual([]);
    expect(r.items.map((i) => i.id)).toEqual(['fr-0001', 'fr-0002']);
    expect(r.items[1]!.labels).toEqual([]);
  });

  const bad: { name: string; line: string; message: RegExp }[] = [
    { name: 'not JSON', line: '{"id": "fr-0001",', message: /not JSON/ },
    { name: 'unknown category', line: ok({ labels: ['greenwashing'] }), message: /labels/ },
    { name: 'repeated label', line: ok({ labels: ['fear', 'fear'] }), message: /repeat/ },
    { name: 'bad split', line: ok({ split: 'train' }), message: /split/ },
    { name: 'bad id', line: ok({ id: 'fr-1' }), message: /id/ },
    { name: 'missing text', line: JSON.stringify({ id: 'fr-0001', split: 'dev', kind: 'ad', labels: [] }), message: /text/ },
    { name: 'blank text', line: ok({ text: '   ' }), message: /text/ },
    { name: 'padded text', line: ok({ text: ' Offre ' }), message: /text/ },
    { name: 'extra field', line: ok({ lang: 'fr' }), message: /lang|Unrecognized/i },
    { name: 'bad kind', line: ok({ kind: 'Product Page' }), message: /kind/ },
    { name: 'id of the other language', line: ok({ id: 'en-0001' }), message: /not a fr id/ },
  ];
  it.each(bad)('reports $name with file:line', ({ line, message }) => {
    const r = parseCorpus([ok({ id: 'fr-0009' }), line].join('\n'), 'fr.jsonl', 'fr');
    expect(r.items.map((i) => i.id)).toEqual(['fr-0009']);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]!.line).toBe(2);
    expect(formatIssue(r.issues[0]!)).toMatch(/^fr\.jsonl:2: /);
    expect(r.issues[0]!.message).toMatch(message);
  });

  it('reports duplicate ids with the first line', () => {
    const r = parseCorpus([ok(), ok()].join('\n'), 'x.jsonl');
    expect(r.issues.map(formatIssue)).toEqual(['x.jsonl:2: duplicate id fr-0001 (first on line 1)']);
  });

  it('an empty file is an error', () => {
    expect(parseCorpus('\n\n', 'e.jsonl').issues).toHaveLength(1);
  });

  it('never throws on hostile input', () => {
    for (const t of ['\u0000', 'null', '[]', '"x"', '{"__proto__":{}}', '\uFEFF' + ok()]) expect(() => parseCorpus(t, 'h')).not.toThrow();
  });
});

describe('loadCorpusFile / loadCorpus', () => {
  it('throws CorpusError listing every bad line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
    const f = join(dir, 'fr.jsonl');
    writeFileSync(f, [ok(), 'oops', ok({ id: 'fr-0003', split: 'x' })].join('\n'));
    expect(() => loadCorpusFile(f, 'fr')).toThrow(CorpusError);
    try {
      loadCorpusFile(f, 'fr');
    } catch (e) {
      expect((e as CorpusError).issues.map((i) => i.line)).toEqual([2, 3]);
      expect((e as Error).message).toContain(`${f}:2:`);
    }
  });

  it('a missing file is a CorpusError too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
    writeFileSync(join(dir, 'fr.jsonl'), ok() + '\n');
    expect(() => loadCorpus(dir)).toThrow(/en\.jsonl/);
  });
});

// The committed corpus itself: the properties its README promises.
describe('the committed corpus', () => {
  const corpus = loadCorpus(DEFAULT_CORPUS_DIR);

  it.each(LANGS)('%s: size, negatives, coverage', (lang) => {
    const items = corpus[lang];
    expect(items.length).toBeGreaterThanOrEqual(340);
    const neg = items.filter((i) => i.labels.length === 0).length;
    expect(neg / items.length).toBeGreaterThanOrEqual(0.45);
    for (const c of CATEGORIES) expect(items.filter((i) => i.labels.includes(c)).length, c).toBeGreaterThanOrEqual(12);
    expect(items.some((i) => i.labels.length > 1)).toBe(true);
  });

  it.each(LANGS)('%s: ids are sequential and texts unique', (lang) => {
    const items = corpus[lang];
    items.forEach((it, i) => expect(it.id).toBe(`${lang}-${String(i + 1).padStart(4, '0')}`));
    expect(new Set(items.map((i) => i.text)).size).toBe(items.length);
  });

  it.each(LANGS)('%s: dev and test each hold 40–60 %% of every category and of the negatives', (lang) => {
    const items = corpus[lang];
    for (const c of [...CATEGORIES, null]) {
      const rows = items.filter((i) => (c === null ? i.labels.length === 0 : i.labels.includes(c)));
      const dev = rows.filter((i) => i.split === 'dev').length;
      const share = dev / rows.length;
      expect(share, `${lang} ${c ?? 'negatives'}: ${dev}/${rows.length} in dev`).toBeGreaterThanOrEqual(0.4);
      expect(share, `${lang} ${c ?? 'negatives'}: ${dev}/${rows.length} in dev`).toBeLessThanOrEqual(0.6);
    }
  });

  it('French lines are written as the web writes French', () => {
    const texts = corpus.fr.map((i) => i.text);
    const has = (re: RegExp) => texts.some((t) => re.test(t));
    expect(has(/\u00a0[;:!?]/)).toBe(true);
    expect(has(/\u202f[;:!?]/)).toBe(true);
    expect(has(/«\u00a0|«\u202f/)).toBe(true);
    expect(has(/’/)).toBe(true);
    expect(has(/'/)).toBe(true);
    expect(has(/\u2011/)).toBe(true);
    expect(has(/\beco-responsable/)).toBe(true);
    expect(has(/écoresponsable/)).toBe(true);
    expect(has(/\d,\d\/5/)).toBe(true);
  });

  it('English lines carry the usual variants', () => {
    const texts = corpus.en.map((i) => i.text).join('\n');
    for (const s of ['#1', 'No. 1', '4.9/5', "don't", 'eco-friendly', 'Ecofriendly', 'free software', 'Best regards', 'limited liability', 'natural language', 'green light', 'The best way to configure', 'first-class citizens'])
      expect(texts, s).toContain(s);
  });
});
