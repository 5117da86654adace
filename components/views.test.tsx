import { describe, expect, it } from 'vitest';
import { conceptIdsFor, getCategoryInfo, getConcept } from '../engine/concepts';
import { CATEGORIES } from '../engine/types';
import { SIGNALS } from '../engine/schema';
import { CATEGORY_COLORS } from './colors';
import { localeT } from './test-utils';
import { allCategoryViews, bundleLang, cardClaimView, conceptView, conceptViewsFor, excerptAround, signalText, uiLang } from './views';

describe('uiLang', () => {
  it.each([
    ['fr', 'fr'],
    ['fr-FR', 'fr'],
    ['FR-ca', 'fr'],
    ['en-US', 'en'],
    ['de', 'en'],
    ['', 'en'],
    [undefined, 'en'],
  ] as const)('%j → %s', (ui, want) => {
    expect(uiLang(ui)).toBe(want);
  });
});

describe('bundleLang', () => {
  it('follows the message bundle, else the UI language, and never throws', () => {
    expect(bundleLang(localeT('fr'), () => 'en-US')).toBe('fr');
    expect(bundleLang(localeT('en'), () => 'fr-FR')).toBe('en');
    expect(bundleLang(() => '', () => 'fr-FR')).toBe('fr');
    expect(bundleLang(() => 'de', () => 'de-DE')).toBe('en');
    expect(
      bundleLang(
        () => {
          throw new Error('no i18n');
        },
        () => {
          throw new Error('no i18n');
        },
      ),
    ).toBe('en');
  });
});

describe('category views', () => {
  it('every category has a label, a description and the painter colour, in both languages', () => {
    for (const lang of ['fr', 'en'] as const) {
      const all = allCategoryViews(lang);
      for (const c of CATEGORIES) {
        expect(all[c].label).toBe(getCategoryInfo(c).label[lang]);
        expect(all[c].description).toBe(getCategoryInfo(c).description[lang]);
        expect(all[c].color).toBe(CATEGORY_COLORS[c]);
      }
    }
  });
  it('colours are distinct', () => {
    expect(new Set(Object.values(CATEGORY_COLORS)).size).toBe(CATEGORIES.length);
  });
});

describe('concept views', () => {
  const id = conceptIdsFor('environmental')[0]!;
  it('picks the interface language and says why the concept is linked to the category', () => {
    const c = getConcept(id)!;
    const fr = conceptView(id, 'fr', 'environmental')!;
    expect(fr).toMatchObject({ id, title: c.title.fr, summary: c.summary.fr, quote: c.quote, sourceTitle: c.source.title, sourceAuthor: c.source.author });
    expect(fr.why).toBe(getCategoryInfo('environmental').links[0]!.why.fr);
    expect(conceptView(id, 'en')!.title).toBe(c.title.en);
    expect(conceptView(id, 'en')!.why).toBeUndefined();
  });
  it('skips unknown concept ids instead of throwing', () => {
    expect(conceptView('no-such-concept', 'en')).toBeUndefined();
    expect(Object.keys(conceptViewsFor([{ concepts: ['no-such-concept', id] }, { concepts: [id] }], 'en'))).toEqual([id]);
  });
});

describe('signals in words', () => {
  it('every engine signal reads as words in both languages', () => {
    for (const lang of ['fr', 'en'] as const)
      for (const s of SIGNALS) {
        const text = signalText(localeT(lang), s);
        expect(text).not.toBe('');
        expect(text).not.toMatch(/^(other clue|autre indice)/);
      }
  });
  it('an unknown signal is shown as "other clue" with its code, as text', () => {
    expect(signalText(localeT('en'), 'brand_new')).toBe('other clue: brand_new');
    expect(signalText(localeT('fr'), '<b>x</b>')).toBe('autre indice\u00a0: <b>x</b>');
  });
  it('the card view deduplicates signals and keeps page text as is', () => {
    const v = cardClaimView(
      { id: 'c1', text: '<i>Offre</i>', sentence: 's', category: 'urgency', signals: ['exclamation', 'exclamation', 'number'] },
      'en',
      localeT('en'),
    );
    expect(v.text).toBe('<i>Offre</i>');
    expect(v.signals).toEqual(['ends with an exclamation mark', 'contains a figure']);
    expect(v.category.label).toBe(getCategoryInfo('urgency').label.en);
  });
});

describe('excerptAround', () => {
  const filler = (n: number) => Array.from({ length: n }, (_, i) => `mot${i}`).join(' ');
  const claim = 'l’offre « 100\u00a0% naturelle » !';
  const cases: [string, string, string][] = [
    ['short sentence: unchanged', `Découvrez ${claim}`, 'whole'],
    ['claim in the middle of a long sentence', `${filler(80)} ${claim} ${filler(80)}`, 'both'],
    ['claim at the start', `${claim} ${filler(120)}`, 'end'],
    ['claim at the end', `${filler(120)} ${claim}`, 'start'],
  ];
  it.each(cases)('%s', (_what, sentence, cut) => {
    const from = sentence.indexOf(claim);
    const out = excerptAround(sentence, from, from + claim.length, 120);
    expect(out).toContain(claim);
    if (cut === 'whole') return expect(out).toBe(sentence);
    expect(out.length).toBeLessThanOrEqual(122);
    expect(out.startsWith('…')).toBe(cut !== 'end');
    expect(out.endsWith('…')).toBe(cut !== 'start');
    // cut at word boundaries: every word of the excerpt is a whole word of the sentence
    for (const w of out.replace(/…/g, '').split(' ').filter(Boolean)) expect(sentence.split(' ')).toContain(w);
  });
  it('keeps a claim longer than the limit whole', () => {
    const long = `${filler(5)} ${filler(60)} ${filler(5)}`;
    const from = long.indexOf('mot0', 10);
    const out = excerptAround(long, from, from + 200, 50);
    expect(out).toContain(long.slice(from, from + 200));
  });
  it('never throws on offsets outside the sentence', () => {
    const s = filler(100);
    expect(excerptAround(s, -5, 10_000, 40).length).toBeGreaterThan(0);
    expect(excerptAround(s, 10_000, 5, 40).length).toBeGreaterThan(0);
  });
});
