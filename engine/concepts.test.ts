import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import bundled from './data/concepts.json';
import {
  conceptIdsFor,
  explainLink,
  getCategoryInfo,
  getConcept,
  getKnowledgeBase,
  loadKnowledgeBase,
} from './concepts';
import { CATEGORIES, LANGS, type Category } from './types';

// ---------- helpers ----------

/** Collapse every run of whitespace (U+00A0 and U+202F included: \s covers them) to one space, trim. */
const normaliseSpace = (s: string): string => s.replace(/\s+/gu, ' ').trim();

/**
 * Counts sentences: a sentence ends at . ! ? … (repeated or not, possibly followed by closing quotes or
 * brackets) when what follows is whitespace then anything but a lower-case letter or a closing mark, or
 * the end of text.
 * "4.9/5", "l’informatique...jusqu’à" or "« démantelé ? » pour" are not sentence ends.
 */
function countSentences(text: string): number {
  const t = normaliseSpace(text);
  if (!t) return 0;
  // Closing marks may follow the stop directly ('."', '...)') or after a space (French '? »').
  const ends = t.match(/[.!?…]+(?:\s*[»”)\]]|["’])*(?=\s+[^\p{Ll}»”)\]]|$)/gu) ?? [];
  const closed = /[.!?…]+(?:\s*[»”)\]]|["’])*$/u.test(t);
  return ends.length + (closed ? 0 : 1);
}

/** Lower-case ascii words without accents, for comparing wording. */
function words(s: string): string[] {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The first run of `n` consecutive words of `text` that also occurs in `source`, if any. */
function sharedRun(text: string, source: string, n: number): string | undefined {
  const src = new Set<string>();
  const sw = words(source);
  for (let i = 0; i + n <= sw.length; i++) src.add(sw.slice(i, i + n).join(' '));
  const tw = words(text);
  for (let i = 0; i + n <= tw.length; i++) {
    const run = tw.slice(i, i + n).join(' ');
    if (src.has(run)) return run;
  }
  return undefined;
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

const kb = getKnowledgeBase();

/** The five source files (../shared/articles/README.md). */
const ARTICLES = [
  '000_e4e003516e4c8353.txt',
  '001_6d9e1d21c73d0185.txt',
  '002_2990468ac6f7945d.txt',
  '003_451c7eec2da53dee.txt',
  '004_e90d460aca6a8b51.txt',
] as const;

/** Where each article's own text ends: reader comments, signatures or page furniture follow. */
const AUTHOR_TEXT_ENDS_BEFORE: Record<(typeof ARTICLES)[number], string> = {
  '000_e4e003516e4c8353.txt': 'à supprimer',
  '001_6d9e1d21c73d0185.txt': 'Responses to',
  '002_2990468ac6f7945d.txt': 'Un article de notre dossier',
  '003_451c7eec2da53dee.txt': 'Retour à La Une',
  '004_e90d460aca6a8b51.txt': 'Agnes Vernier',
};

// ---------- the bundled data ----------

describe('bundled knowledge base', () => {
  it('validates against KnowledgeBaseSchema', () => {
    const r = loadKnowledgeBase(bundled);
    expect(r.ok ? '' : r.error).toBe('');
    expect(kb.format).toBe('claim-lens-concepts');
    expect(kb.concepts.length).toBeGreaterThanOrEqual(24);
  });

  it('lists the categories once each, in the order of CATEGORIES', () => {
    expect(kb.categories.map((c) => c.category)).toEqual([...CATEGORIES]);
  });

  it('has kebab-case ids and distinct titles', () => {
    for (const c of kb.concepts) expect(c.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    for (const lang of LANGS) {
      const titles = kb.concepts.map((c) => c.title[lang]);
      expect(new Set(titles).size).toBe(titles.length);
    }
  });

  it.each(ARTICLES.map((f) => [f]))('%s is cited by at least 3 concepts, with one title and author', (file) => {
    const citing = kb.concepts.filter((c) => c.source.file === file);
    expect(citing.length).toBeGreaterThanOrEqual(3);
    expect(new Set(citing.map((c) => `${c.source.title}|${c.source.author}|${c.source.date ?? ''}`)).size).toBe(1);
  });

  it('cites only the five articles', () => {
    for (const c of kb.concepts) expect(ARTICLES).toContain(c.source.file);
  });

  it.each(kb.concepts.map((c) => [c.id, c] as const))('%s: summaries have 2 to 4 sentences in each language', (_id, c) => {
    for (const lang of LANGS) {
      const n = countSentences(c.summary[lang]);
      expect(n, `${lang}: ${c.summary[lang]}`).toBeGreaterThanOrEqual(2);
      expect(n, `${lang}: ${c.summary[lang]}`).toBeLessThanOrEqual(4);
    }
  });

  it.each(kb.concepts.map((c) => [c.id, c] as const))('%s: the quote is short (≤ 2 sentences, ≤ 300 characters)', (_id, c) => {
    expect(countSentences(c.quote), c.quote).toBeLessThanOrEqual(2);
    expect(c.quote.length).toBeLessThanOrEqual(300);
    expect(c.quote).toBe(c.quote.trim());
  });

  it('never uses the same quote twice', () => {
    const seen = new Map<string, string>();
    for (const c of kb.concepts) {
      const q = normaliseSpace(c.quote);
      expect(seen.get(q), `${c.id} repeats the quote of ${seen.get(q)}`).toBeUndefined();
      seen.set(q, c.id);
    }
  });

  it.each(kb.categories.map((c) => [c.category, c] as const))('%s: links ≥ 1 existing concept, once each, with a one-line why', (_cat, info) => {
    expect(info.links.length).toBeGreaterThanOrEqual(1);
    const ids = info.links.map((l) => l.concept);
    expect(new Set(ids).size).toBe(ids.length);
    for (const l of info.links) {
      expect(getConcept(l.concept), l.concept).toBeDefined();
      for (const lang of LANGS) {
        expect(l.why[lang]).not.toMatch(/\n/);
        expect(l.why[lang].length).toBeLessThanOrEqual(200);
        expect(countSentences(l.why[lang])).toBe(1);
      }
    }
    for (const lang of LANGS) {
      const n = countSentences(info.description[lang]);
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(2);
      expect(info.label[lang].length).toBeLessThanOrEqual(48);
    }
  });

  it('writes French with French spacing: no plain space before ; : ! ? or inside « »', () => {
    const texts: string[] = [];
    for (const c of kb.concepts) texts.push(c.title.fr, c.summary.fr);
    for (const c of kb.categories) texts.push(c.label.fr, c.description.fr, ...c.links.map((l) => l.why.fr));
    for (const t of texts) {
      expect(t, t).not.toMatch(/ [;:!?»]|« /);
      expect(t, t).not.toMatch(/'/); // typographic apostrophe in our own French text
    }
  });
});

// ---------- the public API ----------

describe('lookups', () => {
  it('memoises the validated base and freezes it', () => {
    expect(getKnowledgeBase()).toBe(kb);
    expect(Object.isFrozen(kb)).toBe(true);
    expect(Object.isFrozen(kb.concepts[0]!.title)).toBe(true);
  });

  it('finds a concept by id and nothing for unknown or non-string ids', () => {
    expect(getConcept('needs-created-by-anxiety')?.source.file).toBe('000_e4e003516e4c8353.txt');
    expect(getConcept('no-such-concept')).toBeUndefined();
    expect(getConcept('')).toBeUndefined();
    expect(getConcept(undefined as unknown as string)).toBeUndefined();
    expect(getConcept('__proto__')).toBeUndefined();
  });

  it.each(CATEGORIES.map((c) => [c]))('%s: info, ids best first and why-lines agree', (cat) => {
    const info = getCategoryInfo(cat);
    expect(info.category).toBe(cat);
    const ids = conceptIdsFor(cat);
    expect(ids).toEqual(info.links.map((l) => l.concept));
    for (const [i, id] of ids.entries()) expect(explainLink(cat, id)).toEqual(info.links[i]!.why);
  });

  it('follows the README map for the first link of some categories', () => {
    const first: [Category, string][] = [
      ['environmental', 'proof-and-traceability'],
      ['customer_centric', 'declared-vs-real-customer-orientation'],
      ['superiority', 'no-superiority-claims'],
      ['personalisation', 'personalised-relationship'],
      ['purpose', 'inside-out-marketing'],
      ['performance', 'everything-is-leads'],
    ];
    for (const [cat, id] of first) expect(conceptIdsFor(cat)[0]).toBe(id);
  });

  it('returns a fresh array from conceptIdsFor', () => {
    const a = conceptIdsFor('urgency');
    a.push('tampered');
    a.shift();
    expect(conceptIdsFor('urgency')).toEqual(getCategoryInfo('urgency').links.map((l) => l.concept));
  });

  it('answers unlinked or bogus pairs without throwing', () => {
    const unlinked = kb.concepts.find((c) => !conceptIdsFor('urgency').includes(c.id))!;
    expect(explainLink('urgency', unlinked.id)).toBeUndefined();
    expect(explainLink('urgency', 'no-such-concept')).toBeUndefined();
    const bogus = 'not-a-category' as Category;
    expect(conceptIdsFor(bogus)).toEqual([]);
    expect(explainLink(bogus, 'needs-created-by-anxiety')).toBeUndefined();
    expect(getCategoryInfo(bogus)).toMatchObject({ category: bogus, links: [] });
    expect(conceptIdsFor(null as unknown as Category)).toEqual([]);
  });
});

// ---------- the validation gate ----------

describe('loadKnowledgeBase refuses invalid data, naming the path', () => {
  type Mutate = (d: any) => void; // eslint-disable-line @typescript-eslint/no-explicit-any
  const cases: [string, Mutate, RegExp][] = [
    ['a missing summary', (d) => delete d.concepts[0].summary, /concepts\[0\]\.summary/],
    ['a missing English title', (d) => delete d.concepts[2].title.en, /concepts\[2\]\.title\.en/],
    ['an empty French label', (d) => (d.categories[1].label.fr = ''), /categories\[1\]\.label\.fr/],
    ['an unknown concept in a link', (d) => (d.categories[3].links[0].concept = 'made-up'), /categories\[3\]\.links\[0\]\.concept: unknown concept made-up/],
    ['a duplicate concept id', (d) => (d.concepts[1].id = d.concepts[0].id), /concepts\[1\]\.id: duplicate concept id/],
    ['a missing category', (d) => d.categories.pop(), /categories: category unverifiable has no entry/],
    ['a category without links', (d) => (d.categories[0].links = []), /categories\[0\]\.links/],
    ['a bad source file name', (d) => (d.concepts[4].source.file = 'article.txt'), /concepts\[4\]\.source\.file/],
    ['an extra field', (d) => (d.concepts[0].extra = 1), /concepts\[0\]/],
    ['a wrong format tag', (d) => (d.format = 'claim-lens-rules'), /format/],
  ];
  it.each(cases)('%s', (_name, mutate, message) => {
    const d = clone(bundled);
    mutate(d);
    const r = loadKnowledgeBase(d);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it.each([[null], [undefined], ['{}'], [42], [[]], [{}]])('refuses %j without throwing', (input) => {
    const r = loadKnowledgeBase(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^invalid knowledge base/);
  });

  it('refuses a hostile object whose getters throw', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
        ownKeys() {
          throw new Error('boom');
        },
        getOwnPropertyDescriptor() {
          throw new Error('boom');
        },
      },
    );
    const r = loadKnowledgeBase(hostile);
    expect(r.ok).toBe(false);
  });

  it('accepts a valid copy and does not share it with the bundled base', () => {
    const r = loadKnowledgeBase(clone(bundled));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.kb).not.toBe(kb);
      expect(r.kb.concepts.length).toBe(kb.concepts.length);
    }
  });
});

// ---------- against the source articles ----------

const ARTICLES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/articles');
const haveArticles = existsSync(ARTICLES_DIR);
if (!haveArticles) {
  console.warn(`[concepts.test] ${ARTICLES_DIR} not found: the quote and own-words checks against the source articles are SKIPPED.`);
}

describe.skipIf(!haveArticles)('against the source articles in ../shared/articles', () => {
  const read = (f: string) => readFileSync(path.join(ARTICLES_DIR, f), 'utf8');
  const readme = () => read('README.md');

  it('knows every article in the folder', () => {
    const onDisk = readdirSync(ARTICLES_DIR).filter((f) => f.endsWith('.txt')).sort();
    expect(onDisk).toEqual([...ARTICLES]);
  });

  it.each(kb.concepts.map((c) => [c.id, c] as const))('%s: the quote is verbatim in the authors’ text', (_id, c) => {
    const text = normaliseSpace(read(c.source.file));
    const quote = normaliseSpace(c.quote);
    const at = text.indexOf(quote);
    expect(at, `quote not found in ${c.source.file}: ${c.quote}`).toBeGreaterThanOrEqual(0);
    const end = text.indexOf(AUTHOR_TEXT_ENDS_BEFORE[c.source.file as (typeof ARTICLES)[number]]);
    expect(end).toBeGreaterThan(0);
    expect(at + quote.length, 'quoted from comments or page furniture').toBeLessThanOrEqual(end);
  });

  it.each(ARTICLES.map((f) => [f]))('%s: the cited title appears in the article and in the README', (file) => {
    const c = kb.concepts.find((k) => k.source.file === file)!;
    expect(normaliseSpace(read(file))).toContain(normaliseSpace(c.source.title));
    expect(normaliseSpace(readme())).toContain(normaliseSpace(c.source.title));
    expect(readme()).toContain(file);
  });

  it.each(kb.concepts.map((c) => [c.id, c] as const))('%s: summaries are in our own words (no 7-word run from the article or README)', (_id, c) => {
    const sources = read(c.source.file) + '\n' + readme();
    for (const lang of LANGS) expect(sharedRun(c.summary[lang], sources, 7), `${lang} summary`).toBeUndefined();
  });
});

// ---------- the helpers themselves (they guard the data, so they must be right) ----------

describe('test helpers', () => {
  it.each([
    ['One. Two.', 2],
    ['Une question ? Une réponse.', 2],
    ['Noté 4.9/5 par 10 000 clients.', 1],
    ['« Le Shadow Marketing, vers un marketing démantelé ? » pour ZDnet.', 1],
    ['tables rondes...), communication récurrente', 1],
    ['"Achetez ceci et les autres vous aimeront." "Achetez cela et vous réussirez."', 2],
    ['a fragment without a full stop', 1],
    ['One. Two! Three? Four… Five.', 5],
  ])('countSentences(%j) = %i', (text, n) => {
    expect(countSentences(text)).toBe(n);
  });

  it('normalises every kind of space', () => {
    expect(normaliseSpace(' a\u00a0:\u202f!\n\t b ')).toBe('a : ! b');
  });

  it('finds shared word runs regardless of accents and apostrophes', () => {
    expect(sharedRun('Il était une fois l’été à Noël', "il etait une fois l'ete a noel, voila", 7)).toBe('il etait une fois l ete a');
    expect(sharedRun('tout autre chose ici', 'il etait une fois', 3)).toBeUndefined();
  });
});
