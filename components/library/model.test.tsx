import { describe, expect, it } from 'vitest';
import {
  EMPTY_FILTERS,
  activeFilterCount,
  dayEnd,
  dayStart,
  filtersToQuery,
  filtersFromSearch,
  filtersToSearch,
  firstRows,
  groupByPage,
  httpUrl,
  localDay,
  parseTagInput,
  scopedFileName,
  textFragmentUrl,
  type LibraryRow,
} from './model';

function r(n: number, url: string, over: Partial<LibraryRow> = {}): LibraryRow {
  return {
    id: `id-${String(n).padStart(3, '0')}`,
    url,
    pageTitle: '',
    text: `t${n}`,
    note: '',
    tags: [],
    concepts: [],
    color: 'yellow',
    origin: 'user',
    createdAt: n * 1000,
    updatedAt: n * 1000,
    ...over,
  };
}

describe('filtersToQuery', () => {
  const cases: [string, Partial<typeof EMPTY_FILTERS>, object][] = [
    ['empty filters: no criteria', {}, {}],
    ['trims the search text', { text: '  éco  ' }, { text: 'éco' }],
    ['blank text is no criterion', { text: ' \u00a0 ' }, {}],
    ['site, concept, tag as given', { site: 'a.fr', concept: 'transparency', tag: 'x' }, { site: 'a.fr', concept: 'transparency', tag: 'x' }],
    ['known category and colour', { category: 'fear', color: 'blue' }, { category: 'fear', color: 'blue' }],
    ['unknown category and colour are dropped', { category: 'nope', color: 'orange' }, {}],
    ['invalid dates are dropped', { from: '2024-02-31', to: 'yesterday' }, {}],
    ['not found at the last visit', { anchor: 'orphan' }, { orphan: true }],
    ['found', { anchor: 'found' }, { orphan: false }],
    ['unknown anchor value', { anchor: 'maybe' }, {}],
  ];
  it.each(cases)('%s', (_n, f, want) => {
    expect(filtersToQuery({ ...EMPTY_FILTERS, ...f })).toEqual(want);
  });
  it('dates become local day bounds, inclusive', () => {
    const q = filtersToQuery({ ...EMPTY_FILTERS, from: '2024-03-10', to: '2024-03-10' });
    expect(q.from).toBe(new Date(2024, 2, 10).getTime());
    expect(q.to).toBe(new Date(2024, 2, 11).getTime() - 1);
    expect(localDay(q.from!)).toBe('2024-03-10');
    expect(localDay(q.to!)).toBe('2024-03-10');
  });
  it('never throws on nonsense and counts active criteria', () => {
    expect(filtersToQuery(undefined)).toEqual({});
    expect(filtersToQuery(42 as never)).toEqual({});
    expect(filtersToQuery({ text: 5 as never })).toEqual({});
    expect(activeFilterCount({ ...EMPTY_FILTERS, text: 'a', color: 'green', from: '2024-01-01' })).toBe(3);
    expect(dayStart('2024-13-01')).toBeUndefined();
    expect(dayEnd('')).toBeUndefined();
  });
});

describe('groupByPage', () => {
  it('orders pages by their newest row and rows newest first; the latest titled row names the page', () => {
    const rows = [
      r(1, 'https://a.fr/', { pageTitle: 'Old A', updatedAt: 1000 }),
      r(5, 'https://b.fr/', { pageTitle: 'B' }),
      r(3, 'https://a.fr/', { pageTitle: 'New A', updatedAt: 9000 }),
      r(4, 'https://a.fr/', { pageTitle: '' , updatedAt: 99_000 }),
      r(2, 'https://c.fr/'),
    ];
    const g = groupByPage(rows);
    expect(g.map((x) => x.url)).toEqual(['https://b.fr/', 'https://a.fr/', 'https://c.fr/']);
    expect(g[1]!.rows.map((x) => x.id)).toEqual(['id-004', 'id-003', 'id-001']);
    expect(g[1]!.title).toBe('New A');
    expect(g[1]!.latest).toBe(4000);
    expect(g[2]!.title).toBe('');
  });
  it('ignores junk and is empty for nothing', () => {
    expect(groupByPage([])).toEqual([]);
    expect(groupByPage(null as never)).toEqual([]);
    expect(groupByPage([null, { url: 3 }] as never)).toEqual([]);
  });
});

describe('firstRows', () => {
  const groups = groupByPage([r(1, 'a'), r(2, 'a'), r(3, 'b'), r(4, 'b'), r(5, 'b'), r(6, 'c')]);
  const cases: [number, number, number[]][] = [
    [0, 0, []],
    [1, 1, [1]],
    [3, 3, [1, 2]],
    [4, 4, [1, 3]],
    [100, 6, [1, 3, 2]],
    [Number.NaN, 0, []],
  ];
  it.each(cases)('limit %d shows %d rows', (limit, shown, perGroup) => {
    const p = firstRows(groups, limit);
    expect(p.shown).toBe(shown);
    expect(p.total).toBe(6);
    expect(p.groups.map((g) => g.rows.length)).toEqual(perGroup);
  });
});

describe('links', () => {
  const cases: [unknown, string | undefined][] = [
    ['https://exemple.fr/a?b=1', 'https://exemple.fr/a?b=1'],
    ['http://127.0.0.1:8080/x', 'http://127.0.0.1:8080/x'],
    ['javascript:alert(1)', undefined],
    ['JaVaScRiPt:alert(1)', undefined],
    ['data:text/html,<b>x</b>', undefined],
    ['file:///etc/passwd', undefined],
    ['chrome-extension://abc/library.html', undefined],
    ['not a url', undefined],
    [42, undefined],
  ];
  it.each(cases)('httpUrl(%s)', (url, want) => {
    expect(httpUrl(url)).toBe(want);
  });
  it('text fragments encode the quote (incl. - , &) and use start,end for long quotes', () => {
    expect(textFragmentUrl('https://a.fr/p#old', 'l’offre éco-responsable, 100 % & plus')).toBe(
      'https://a.fr/p#:~:text=l%E2%80%99offre%20%C3%A9co%2Dresponsable%2C%20100%20%25%20%26%20plus',
    );
    const long = 'Un très long passage qui dépasse largement la limite fixée pour un fragment de texte simple et lisible';
    expect(textFragmentUrl('https://a.fr/p', long)).toBe(
      `https://a.fr/p#:~:text=${encodeURIComponent('Un très long passage')},${encodeURIComponent('fragment de texte simple et lisible'.split(' ').slice(-4).join(' '))}`,
    );
    expect(textFragmentUrl('https://a.fr/p', '   ')).toBe('https://a.fr/p');
    expect(textFragmentUrl('javascript:alert(1)', 'x')).toBeUndefined();
  });
});

describe('scopedFileName and parseTagInput', () => {
  const names: [string, 'all' | 'filter' | 'page', string | undefined, string][] = [
    ['claim-lens-2024-05-01.md', 'all', undefined, 'claim-lens-2024-05-01.md'],
    ['claim-lens-2024-05-01.md', 'filter', undefined, 'claim-lens-2024-05-01-filtered.md'],
    ['claim-lens-2024-05-01.csv', 'page', 'https://www.Lemonde.fr/a', 'claim-lens-2024-05-01-www.lemonde.fr.csv'],
    ['claim-lens-2024-05-01.json', 'page', 'https://xn--lan-bma.fr:8443/a', 'claim-lens-2024-05-01-xn--lan-bma.fr-8443.json'],
    ['claim-lens-2024-05-01.json', 'page', 'file:///../../etc', 'claim-lens-2024-05-01-page.json'],
  ];
  it.each(names)('%s, %s, %s', (base, scope, url, want) => {
    expect(scopedFileName(base, scope, url)).toBe(want);
  });
  const tags: [string, string[]][] = [
    ['', []],
    ['#a, b  c', ['a', 'b', 'c']],
    ['Café café CAFÉ', ['Café']],
    ['un\u00a0deux\u202ftrois', ['un', 'deux', 'trois']],
    ['##, ,', []],
  ];
  it.each(tags)('tags %j', (input, want) => {
    expect(parseTagInput(input)).toEqual(want);
  });
});

describe('filters in the URL', () => {
  it('round-trip through the query string, accents and spaces included', () => {
    const f = { ...EMPTY_FILTERS, text: 'l’offre éco 100\u00a0%', site: 'www.lemonde.fr', tag: 'à-vérifier', from: '2024-01-02', anchor: 'orphan' };
    const q = filtersToSearch(f);
    expect(q.startsWith('?q=')).toBe(true);
    expect(filtersFromSearch(q)).toEqual(f);
    expect(filtersToSearch(EMPTY_FILTERS)).toBe('');
  });
  it.each([
    ['', EMPTY_FILTERS],
    ['?site=a.fr&evil=1', { ...EMPTY_FILTERS, site: 'a.fr' }],
    ['?q=%E9', { ...EMPTY_FILTERS, text: '\uFFFD' }],
    [42 as never, EMPTY_FILTERS],
  ])('filtersFromSearch(%j)', (search, want) => {
    expect(filtersFromSearch(search)).toEqual(want);
  });
});
