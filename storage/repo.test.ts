import { Dexie, liveQuery } from 'dexie';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ClaimLensDB } from './db';
import {
  allHighlights,
  countAll,
  deleteHighlight,
  getHighlight,
  getSetting,
  highlightsForUrl,
  listDeleted,
  listSites,
  listTags,
  purgeDeleted,
  restoreHighlight,
  saveHighlight,
  searchHighlights,
  setSetting,
  updateHighlight,
  CHANGED_ELSEWHERE,
  type SearchQuery,
} from './repo';
import { HighlightSchema, type Highlight, type HighlightInput, type HighlightPatch } from './schema';
import { fakeIdb, freshDb, makeInput, makeRow, testId } from './test-helpers';

const dbs: ClaimLensDB[] = [];
function db(): ClaimLensDB {
  const d = freshDb();
  dbs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dbs.splice(0)) d.close();
});

const T0 = 1_700_000_000_000;

async function saved(d: ClaimLensDB, input: unknown, now = T0): Promise<Highlight> {
  const r = await saveHighlight(d, input as HighlightInput, { now });
  if (!r.ok) throw new Error(r.error);
  return r.row;
}

describe('saveHighlight', () => {
  it('fills defaults, normalises url and tags, and stores a valid row', async () => {
    const d = db();
    const row = await saved(d, {
      ...makeInput('l’offre éco-responsable', 'HTTPS://Example.com/a?utm_source=nl&b=2#top'),
      pageTitle: '  Un   titre\navec retour  ',
      tags: ['#Écologie', ' green washing ', 'écologie', '', '#'],
    });
    expect(row.url).toBe('https://example.com/a?b=2');
    expect(row.text).toBe('l’offre éco-responsable');
    expect(row.pageTitle).toBe('Un titre avec retour');
    expect(row.tags).toEqual(['Écologie', 'green-washing']);
    expect(row.color).toBe('yellow');
    expect(row.note).toBe('');
    expect(row.origin).toBe('user');
    expect(row.createdAt).toBe(T0);
    expect(row.updatedAt).toBe(T0);
    expect(row.deletedAt).toBeUndefined();
    expect(HighlightSchema.safeParse(row).success).toBe(true);
    expect(await getHighlight(d, row.id)).toEqual(row);
  });

  it('is idempotent on id: a second save returns the stored row and writes nothing', async () => {
    const d = db();
    const id = testId(42);
    const first = await saved(d, { ...makeInput('premier'), id, note: 'un' }, T0);
    const second = await saveHighlight(d, { ...makeInput('second'), id, note: 'deux' }, { now: T0 + 5 });
    expect(second).toEqual({ ok: true, row: first });
    expect(await d.highlights.count()).toBe(1);
  });

  it('keeps claim origin, category and concepts', async () => {
    const d = db();
    const row = await saved(d, { ...makeInput('100 % recyclable'), origin: 'claim', category: 'environmental', concepts: ['greenwashing', 'greenwashing', 'preuve'] });
    expect(row).toMatchObject({ origin: 'claim', category: 'environmental', concepts: ['greenwashing', 'preuve'] });
  });

  const bad: [string, unknown, string][] = [
    ['missing selectors', { url: 'https://a.b/' }, 'selectors'],
    ['empty quote', makeInput(''), 'selectors.quote.exact'],
    ['bad color', { ...makeInput('x'), color: 'red' }, 'color'],
    ['end before start', { ...makeInput('x'), selectors: { quote: { type: 'TextQuoteSelector', exact: 'x' }, position: { type: 'TextPositionSelector', start: 5, end: 2 } } }, 'selectors.position.end'],
    ['bad id', { ...makeInput('x'), id: 'not-a-uuid' }, 'id'],
    ['unknown field', { ...makeInput('x'), deletedAt: 5 }, '(record)'],
    ['empty url', { ...makeInput('x'), url: '' }, 'url'],
    ['javascript: url', makeInput('x', 'javascript:alert(document.domain)//'), 'url'],
    ['data: url', makeInput('x', 'data:text/html,<b>x</b>'), 'url'],
    ['file: url', makeInput('x', 'file:///home/lecteur/page.html'), 'url'],
    ['not an object', 'hello', '(record)'],
    ['null', null, '(record)'],
  ];
  it.each(bad)('rejects %s without throwing or writing', async (_name, input, path) => {
    const d = db();
    const r = await saveHighlight(d, input as HighlightInput, { now: T0 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues?.map((i) => i.path)).toContain(path);
    expect(await d.highlights.count()).toBe(0);
  });
});

describe('updateHighlight', () => {
  it('changes note, tags, color, category; keeps createdAt; bumps updatedAt', async () => {
    const d = db();
    const row = await saved(d, { ...makeInput('x'), category: 'urgency' });
    const r = await updateHighlight(d, row.id, { note: 'À vérifier', tags: ['#preuve', 'Preuve'], color: 'pink', category: null }, { now: T0 + 1000 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.row).toEqual({ ...row, note: 'À vérifier', tags: ['preuve'], color: 'pink', updatedAt: T0 + 1000, category: undefined });
    expect('category' in r.row).toBe(false);
    expect(await getHighlight(d, row.id)).toEqual(r.row);
  });

  it.each([
    ['unknown id', async (d: ClaimLensDB) => updateHighlight(d, testId(999), { note: 'x' })],
    ['invalid color', async (d: ClaimLensDB, id: string) => updateHighlight(d, id, { color: 'red' } as unknown as HighlightPatch)],
    ['forbidden field', async (d: ClaimLensDB, id: string) => updateHighlight(d, id, { createdAt: 1 } as HighlightPatch)],
    ['deleted row', async (d: ClaimLensDB, id: string) => (await deleteHighlight(d, id), updateHighlight(d, id, { note: 'x' }))],
    ['empty id', async (d: ClaimLensDB) => updateHighlight(d, '', { note: 'x' })],
  ] as const)('refuses: %s', async (_name, run) => {
    const d = db();
    const row = await saved(d, makeInput('x'));
    const r = await run(d, row.id);
    expect(r.ok).toBe(false);
    expect((await getHighlight(d, row.id))?.note).toBe('');
  });
});

describe('updateHighlight with an ifUpdatedAt guard (finding 2)', () => {
  it('applies when the stored updatedAt is the one the editor read, and the result carries the new one', async () => {
    const d = db();
    const row = await saved(d, makeInput('x'));
    const r = await updateHighlight(d, row.id, { color: 'blue', ifUpdatedAt: row.updatedAt }, { now: T0 + 500 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.row).toEqual({ ...row, color: 'blue', updatedAt: T0 + 500 });
    expect('ifUpdatedAt' in r.row).toBe(false);
    // The returned updatedAt guards the next edit.
    const again = await updateHighlight(d, row.id, { note: 'suite', ifUpdatedAt: r.row.updatedAt }, { now: T0 + 600 });
    expect(again.ok && again.row.note).toBe('suite');
  });

  it('refuses with "changed elsewhere" when the row was saved since, and writes nothing', async () => {
    const d = db();
    const row = await saved(d, makeInput('x'));
    // Another tab (the library) edits the note.
    const other = await updateHighlight(d, row.id, { note: 'note écrite dans la bibliothèque' }, { now: T0 + 100 });
    expect(other.ok).toBe(true);
    // The stale editor changes only the colour, guarded by what it read.
    const stale = await updateHighlight(d, row.id, { color: 'pink', note: 'ancienne note', ifUpdatedAt: row.updatedAt }, { now: T0 + 200 });
    expect(stale).toEqual({ ok: false, error: 'changed elsewhere' });
    expect(stale.ok === false && stale.error).toBe(CHANGED_ELSEWHERE);
    const now = await getHighlight(d, row.id);
    expect(now).toMatchObject({ note: 'note écrite dans la bibliothèque', color: 'yellow', updatedAt: T0 + 100 });
  });

  it('two saves in the same millisecond still change updatedAt, so the guard sees the first', async () => {
    const d = db();
    const row = await saved(d, makeInput('x'));
    const first = await updateHighlight(d, row.id, { note: 'a', ifUpdatedAt: row.updatedAt }, { now: row.updatedAt });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.row.updatedAt).toBeGreaterThan(row.updatedAt);
    const second = await updateHighlight(d, row.id, { note: 'b', ifUpdatedAt: row.updatedAt }, { now: row.updatedAt });
    expect(second).toEqual({ ok: false, error: 'changed elsewhere' });
    expect((await getHighlight(d, row.id))?.note).toBe('a');
  });

  it('a clock that went back never moves updatedAt backwards', async () => {
    const d = db();
    const row = await saved(d, makeInput('x'));
    const r = await updateHighlight(d, row.id, { note: 'a' }, { now: row.updatedAt - 10_000 });
    expect(r.ok && r.row.updatedAt).toBe(row.updatedAt + 1);
  });

  it.each([
    ['a string', 'yesterday'],
    ['negative', -1],
    ['fractional', 1.5],
  ])('refuses an invalid guard (%s) as an invalid change', async (_n, bad) => {
    const d = db();
    const row = await saved(d, makeInput('x'));
    const r = await updateHighlight(d, row.id, { note: 'x', ifUpdatedAt: bad } as unknown as HighlightPatch);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues?.map((i) => i.path)).toContain('ifUpdatedAt');
    expect((await getHighlight(d, row.id))?.note).toBe('');
  });

  it('without the guard an update applies as before (backward compatible)', async () => {
    const d = db();
    const row = await saved(d, makeInput('x'));
    await updateHighlight(d, row.id, { note: 'elsewhere' }, { now: T0 + 10 });
    const r = await updateHighlight(d, row.id, { color: 'green' }, { now: T0 + 20 });
    expect(r.ok && r.row).toMatchObject({ note: 'elsewhere', color: 'green' });
  });
});

describe('delete / restore / purge', () => {
  it('soft-deletes, restores exactly, and purges only old deletions', async () => {
    const d = db();
    const a = await saved(d, makeInput('alpha', 'https://a.fr/', 0));
    const b = await saved(d, makeInput('beta', 'https://a.fr/', 10));
    const del = await deleteHighlight(d, a.id, { now: T0 + 100 });
    expect(del.ok && del.row.deletedAt).toBe(T0 + 100);
    expect((await highlightsForUrl(d, 'https://a.fr/')).map((h) => h.id)).toEqual([b.id]);
    expect(await countAll(d)).toBe(1);
    expect((await listDeleted(d)).map((h) => h.id)).toEqual([a.id]);

    // Deleting twice changes nothing.
    const again = await deleteHighlight(d, a.id, { now: T0 + 999 });
    expect(again.ok && again.row.deletedAt).toBe(T0 + 100);

    const res = await restoreHighlight(d, a.id);
    expect(res).toEqual({ ok: true, row: a });
    expect(await getHighlight(d, a.id)).toEqual(a);
    expect(await countAll(d)).toBe(2);

    await deleteHighlight(d, a.id, { now: T0 + 100 });
    await deleteHighlight(d, b.id, { now: T0 + 5000 });
    expect(await purgeDeleted(d, 1000, { now: T0 + 2000 })).toBe(1); // only a is old enough
    expect(await getHighlight(d, a.id)).toBeUndefined();
    expect(await getHighlight(d, b.id)).toBeDefined();
    expect((await restoreHighlight(d, a.id)).ok).toBe(false);
    expect(await purgeDeleted(d, Number.NaN)).toBe(0);
    expect(await purgeDeleted(d, 0, { now: T0 + 5000 })).toBe(1);
    expect(await d.highlights.count()).toBe(0);
  });

  it('deleting an unknown id fails without throwing', async () => {
    const d = db();
    expect((await deleteHighlight(d, testId(1))).ok).toBe(false);
    expect((await deleteHighlight(d, undefined as unknown as string)).ok).toBe(false);
  });
});

describe('highlightsForUrl', () => {
  it('returns the page’s live rows in reading order, whatever the link variant', async () => {
    const d = db();
    await d.highlights.bulkAdd([
      makeRow(1, { url: 'https://news.fr/a', selectors: makeRow(1, { text: 'one' }).selectors, text: 'one' }),
      makeRow(2, { url: 'https://news.fr/a', selectors: { ...makeRow(2).selectors, position: { type: 'TextPositionSelector', start: 3, end: 9 } } }),
      makeRow(3, { url: 'https://news.fr/b' }),
      makeRow(4, { url: 'https://news.fr/a?page=2' }),
      makeRow(5, { url: 'https://news.fr/a', deletedAt: T0 }),
    ]);
    const ids = (await highlightsForUrl(d, 'https://NEWS.fr/a?utm_campaign=x#comments')).map((h) => h.id);
    expect(ids).toEqual([testId(2), testId(1)]);
    expect(await highlightsForUrl(d, 'https://news.fr/none')).toEqual([]);
    expect(await highlightsForUrl(d, '')).toEqual([]);
  });

  it('reads through the url index only (no table scan), among thousands of rows', async () => {
    const d = freshDb();
    dbs.push(d);
    const reads: string[] = [];
    d.use({
      stack: 'dbcore',
      name: 'read-spy',
      create: (down) => ({
        ...down,
        table: (name) => {
          const t = down.table(name);
          return {
            ...t,
            query: (req) => {
              reads.push(`${name}:${req.query.index.name || '(primary)'}:${req.query.range.type}`);
              return t.query(req);
            },
            openCursor: (req) => {
              reads.push(`${name}:${req.query.index.name || '(primary)'}:${req.query.range.type}:cursor`);
              return t.openCursor(req);
            },
          };
        },
      }),
    });
    const rows = Array.from({ length: 5000 }, (_, i) => makeRow(i, { url: `https://site.fr/p${i % 500}` }));
    await d.highlights.bulkAdd(rows);
    reads.length = 0;
    const found = await highlightsForUrl(d, 'https://site.fr/p123');
    expect(found).toHaveLength(10);
    expect(found.every((h) => h.url === 'https://site.fr/p123')).toBe(true);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toBe('highlights:url:1'); // DBCoreRangeType.Equal === 1
  });
});

describe('searchHighlights', () => {
  async function corpus(): Promise<ClaimLensDB> {
    const d = db();
    await d.highlights.bulkAdd([
      makeRow(1, { text: 'Une démarche éco-responsable', url: 'https://www.marque.fr/engagements', tags: ['greenwashing'], concepts: ['allegation-environnementale'], category: 'environmental', color: 'green' }),
      makeRow(2, { text: 'Offre limitée : plus que 2 jours !', note: 'Urgence artificielle ?', url: 'https://shop.example.com/promo', category: 'urgency', origin: 'claim', color: 'pink' }),
      makeRow(3, { text: 'Our customers love us', note: 'no source given', tags: ['Preuve-sociale'], url: 'https://shop.example.com/about', concepts: ['preuve-sociale'] }),
      makeRow(4, { text: 'Un chef-d’œuvre de savoir-faire', note: 'l’ŒUVRE du marketing', url: 'https://www.marque.fr/savoir-faire', color: 'blue' }),
      makeRow(5, { text: 'éco-conception supprimée', url: 'https://www.marque.fr/engagements', deletedAt: T0 }),
      makeRow(6, { text: 'Le e-commerce responsable', tags: ['ÉCOLOGIE'], url: 'https://blog.fr/post' }),
    ]);
    return d;
  }

  const cases: [string, SearchQuery, number[]][] = [
    ['accent-insensitive prefix: eco', { text: 'eco' }, [6, 1]],
    ['accented query finds plain and accented', { text: 'ÉCO-RESPONSABLE' }, [1]],
    ['hyphen-less query', { text: 'ecoresponsable' }, [1]],
    ['hyphenated query on joined word', { text: 'e-commerce' }, [6]],
    ['note is searched', { text: 'urgence' }, [2]],
    ['tags are searched', { text: 'greenwash' }, [1]],
    ['tag with accents via text', { text: 'ecologie' }, [6]],
    ['œ ligature and curly apostrophe', { text: "chef-d'oeuvre" }, [4]],
    ['case-insensitive note with ligature', { text: 'oeuvre du' }, [4]],
    ['all words must match', { text: 'offre jours' }, [2]],
    ['words in different fields', { text: 'customers source' }, [3]],
    ['no match', { text: 'introuvable' }, []],
    ['deleted rows never match', { text: 'conception' }, []],
    ['site', { site: 'www.marque.fr' }, [4, 1]],
    ['site is exact host', { site: 'marque.fr' }, []],
    ['site + text', { site: 'shop.example.com', text: 'love' }, [3]],
    ['concept', { concept: 'preuve-sociale' }, [3]],
    ['category', { category: 'urgency' }, [2]],
    ['tag, case-insensitive, # ignored', { tag: '#preuve-SOCIALE' }, [3]],
    ['tag with accent, other case', { tag: 'écologie' }, [6]],
    ['color', { color: 'green' }, [1]],
    ['date range inclusive', { from: T0 + 2000, to: T0 + 4000 }, [4, 3, 2]],
    ['date range + text', { from: T0 + 2000, text: 'e' }, [6, 4, 3, 2]],
    ['empty query lists all live rows newest first', {}, [6, 4, 3, 2, 1]],
    ['limit', { limit: 2 }, [6, 4]],
    ['text + limit stops at the newest matches', { text: 'e', limit: 2 }, [6, 4]],
    ['tag + limit', { tag: 'greenwashing', limit: 1 }, [1]],
    ['from after to', { from: T0 + 5000, to: T0 }, []],
    ['invalid query yields nothing', { color: 'red' } as unknown as SearchQuery, []],
  ];

  it.each(cases)('%s', async (_name, query, expected) => {
    const d = await corpus();
    const rows = await searchHighlights(d, query);
    expect(rows.map((r) => r.id)).toEqual(expected.map(testId));
  });

  it('never throws on hostile queries', async () => {
    const d = await corpus();
    for (const q of [null, undefined, 5, 'text', { text: 5 }, { from: Number.NaN }, { tag: '   ' }, { site: '' }]) {
      await expect(searchHighlights(d, q as unknown as SearchQuery)).resolves.toBeInstanceOf(Array);
    }
  });
});

describe('listSites, listTags, countAll, allHighlights', () => {
  it('count live rows only', async () => {
    const d = db();
    await d.highlights.bulkAdd([
      makeRow(1, { url: 'https://a.fr/1', tags: ['x', 'y'] }),
      makeRow(2, { url: 'https://a.fr/2', tags: ['x'] }),
      makeRow(3, { url: 'https://a.fr/2', tags: ['z'], deletedAt: T0 }),
      makeRow(4, { url: 'http://localhost:8080/', tags: ['y'] }),
      makeRow(5, { url: 'https://b.fr/', tags: ['x'] }),
      makeRow(6, { url: 'https://c.fr/', tags: ['w'], deletedAt: T0 }),
    ]);
    expect(await listSites(d)).toEqual([
      { site: 'a.fr', count: 2, pages: 2 },
      { site: 'b.fr', count: 1, pages: 1 },
      { site: 'localhost:8080', count: 1, pages: 1 },
    ]);
    expect(await listTags(d)).toEqual([
      { tag: 'x', count: 3 },
      { tag: 'y', count: 2 },
    ]);
    expect(await countAll(d)).toBe(4);
    expect((await allHighlights(d)).map((h) => h.id)).toEqual([5, 4, 2, 1].map(testId));
  });

  it('are empty on an empty database', async () => {
    const d = db();
    expect(await listSites(d)).toEqual([]);
    expect(await listTags(d)).toEqual([]);
    expect(await countAll(d)).toBe(0);
  });
});

describe('liveQuery', () => {
  // liveQuery does nothing unless Dexie sees a global indexedDB (true in extension pages). Under Node
  // there is none, so give Dexie's dependency slot a fake one for these tests only.
  const deps = Dexie.dependencies as { indexedDB?: unknown; IDBKeyRange?: unknown };
  const saved0 = { ...deps };
  beforeAll(() => Object.assign(deps, fakeIdb()));
  afterAll(() => Object.assign(deps, saved0));

  it('an extension page sees saves and deletes as they happen', async () => {
    const d = db();
    const seen: number[] = [];
    let resolveWhen: ((n: number[]) => void) | undefined;
    const wait = (n: number) =>
      new Promise<void>((resolve) => {
        const check = () => (seen.length >= n ? resolve() : (resolveWhen = check));
        check();
      });
    const sub = liveQuery(() => highlightsForUrl(d, 'https://live.fr/')).subscribe({
      next: (rows) => {
        seen.push(rows.length);
        resolveWhen?.(seen);
      },
    });
    await wait(1);
    const row = await saved(d, makeInput('vivant', 'https://live.fr/#x'));
    await wait(2);
    await deleteHighlight(d, row.id);
    await wait(3);
    sub.unsubscribe();
    expect(seen).toEqual([0, 1, 0]);
  });
});

describe('settings', () => {
  it('round-trips JSON values and falls back on missing or invalid ones', async () => {
    const d = db();
    expect(await getSetting(d, 'threshold', z.number(), 0.5)).toBe(0.5);
    expect(await setSetting(d, 'threshold', 0.7)).toEqual({ ok: true });
    expect(await getSetting(d, 'threshold', z.number(), 0.5)).toBe(0.7);
    expect(await getSetting(d, 'threshold', z.string(), 'x')).toBe('x');
    expect((await setSetting(d, 'bad', () => 1)).ok).toBe(false);
    expect((await setSetting(d, '', 1)).ok).toBe(false);
  });
});
