/** Queries the notes library needs: concepts in use, import preview, and writing pre-parsed rows. */
import { afterEach, describe, expect, it } from 'vitest';
import type { ClaimLensDB } from './db';
import { exportHighlights } from './export';
import { importParsed, parseImport, previewImport } from './import';
import { deleteHighlight, listConcepts, saveHighlight, countAll, searchHighlights, recordAnchoring, updateHighlight } from './repo';
import { exportHighlights as exportRows, ENGLISH_MARKDOWN_LABELS } from './export';
import type { Highlight } from './schema';
import { freshDb, makeRow } from './test-helpers';

const NOW = Date.UTC(2024, 4, 1, 12);
const dbs: ClaimLensDB[] = [];
function db(): ClaimLensDB {
  const d = freshDb();
  dbs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dbs.splice(0)) d.close();
});

async function put(d: ClaimLensDB, rows: Highlight[]) {
  await d.highlights.bulkAdd(rows);
}

describe('listConcepts', () => {
  it('counts live rows per concept, most used first, ignoring the trash', async () => {
    const d = db();
    await put(d, [
      makeRow(1, { concepts: ['greenwashing', 'anxieties'] }),
      makeRow(2, { concepts: ['greenwashing'] }),
      makeRow(3, { concepts: ['social-proof'] }),
      makeRow(4, { concepts: ['social-proof'] }),
      makeRow(5, { concepts: ['social-proof'] }),
    ]);
    await deleteHighlight(d, makeRow(5).id, { now: NOW });
    expect(await listConcepts(d)).toEqual([
      { concept: 'greenwashing', count: 2 },
      { concept: 'social-proof', count: 2 },
      { concept: 'anxieties', count: 1 },
    ]);
  });
  it('is empty for an empty database', async () => {
    expect(await listConcepts(db())).toEqual([]);
  });
});

describe('previewImport and importParsed', () => {
  it('counts new, already live, in the trash and repeated ids, then adds the new ones and restores the trashed one', async () => {
    const d = db();
    await put(d, [makeRow(1), makeRow(2)]);
    await deleteHighlight(d, makeRow(2).id, { now: NOW });
    const file = exportHighlights([makeRow(1), makeRow(2), makeRow(3), makeRow(4), makeRow(3)], 'json', { now: NOW });
    const parsed = parseImport(file);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(await previewImport(d, parsed.rows)).toEqual({ total: 5, fresh: 2, present: 1, trashed: 1, repeated: 1 });
    // the preview wrote nothing
    expect(await d.highlights.count()).toBe(2);
    expect(await countAll(d)).toBe(1);
    const result = await importParsed(d, parsed);
    expect(result).toMatchObject({ added: 2, restored: 1, skipped: 2, errors: [] });
    expect(await countAll(d)).toBe(4);
    // the row in the trash is live again
    expect((await d.highlights.get(makeRow(2).id))?.deletedAt).toBeUndefined();
    expect(await previewImport(d, parsed.rows)).toEqual({ total: 5, fresh: 0, present: 4, trashed: 0, repeated: 1 });
  });

  it('refuses tampered rows, naming the record and field, and writes nothing', async () => {
    const d = db();
    const parsed = parseImport(exportHighlights([makeRow(1), makeRow(2)], 'json', { now: NOW }));
    if (!parsed.ok) throw new Error('fixture should parse');
    (parsed.rows[1] as { color: string }).color = 'orange';
    const result = await importParsed(d, parsed);
    expect(result.added).toBe(0);
    expect(result.errors[0]).toMatchObject({ record: 1, path: 'color' });
    expect(result.errors[0]!.message).toContain('rows[1]');
    expect(await d.highlights.count()).toBe(0);
  });

  it('passes a failed parse through and never throws on nonsense', async () => {
    const d = db();
    const bad = parseImport('{"format":"claim-lens-export","version":1,"rows":[{"id":"x"}]}');
    expect(bad.ok).toBe(false);
    const r = await importParsed(d, bad);
    expect(r.added).toBe(0);
    expect(r.errors.length).toBeGreaterThan(0);
    expect((await importParsed(d, null as never)).errors.length).toBe(1);
    expect(await previewImport(d, null as never)).toEqual({ total: 0, fresh: 0, present: 0, trashed: 0, repeated: 0 });
    await saveHighlight(d, { url: 'https://a.example/', selectors: makeRow(9).selectors });
    expect(await d.highlights.count()).toBe(1);
  });
});

describe('searchHighlights: tags typed with #', () => {
  it('"#tag" and "tag" both find a tagged row; "#" does not match inside quotes', async () => {
    const d = db();
    await put(d, [makeRow(1, { tags: ['urgence'] }), makeRow(2, { text: 'une urgence' }), makeRow(3, { tags: ['à-vérifier'] })]);
    const found = async (text: string) => (await searchHighlights(d, { text })).map((r) => r.id).sort();
    expect(await found('#urgence')).toEqual([makeRow(1).id]);
    expect(await found('urgence')).toEqual([makeRow(1).id, makeRow(2).id].sort());
    expect(await found('#A-VERIFIER')).toEqual([makeRow(3).id]);
  });
});

describe('recordAnchoring', () => {
  const url = 'https://example.com/page-1';
  it('marks orphans once (the first time stays), clears found ones, and leaves updatedAt alone', async () => {
    const d = db();
    const [a, b, c] = [makeRow(1), makeRow(8), makeRow(15)]; // all on page-1 (n % 7 === 1)
    const other = makeRow(2);
    await put(d, [a, b, c, other]);
    expect(await recordAnchoring(d, url + '?utm_source=x#frag', { found: [a.id], orphans: [b.id, c.id, other.id] }, { now: NOW })).toEqual({ ok: true, changed: 2 });
    expect((await d.highlights.get(b.id))?.orphanSince).toBe(NOW);
    expect((await d.highlights.get(c.id))?.updatedAt).toBe(c.updatedAt);
    // another page's row is not touched even if named
    expect((await d.highlights.get(other.id))?.orphanSince).toBeUndefined();
    // a later visit: b still missing (time kept), c found again
    expect(await recordAnchoring(d, url, { found: [c.id], orphans: [b.id] }, { now: NOW + 5000 })).toEqual({ ok: true, changed: 1 });
    expect((await d.highlights.get(b.id))?.orphanSince).toBe(NOW);
    expect('orphanSince' in (await d.highlights.get(c.id))!).toBe(false);
    // the search filter
    expect((await searchHighlights(d, { orphan: true })).map((r) => r.id)).toEqual([b.id]);
    expect((await searchHighlights(d, { orphan: false })).map((r) => r.id).sort()).toEqual([a.id, c.id, other.id].sort());
    // an edit keeps the mark; the JSON export carries it and imports back
    await updateHighlight(d, b.id, { note: 'x' }, { now: NOW + 9000 });
    expect((await d.highlights.get(b.id))?.orphanSince).toBe(NOW);
    const back = parseImport(exportRows([(await d.highlights.get(b.id))!], 'json', { now: NOW }));
    expect(back.ok && back.rows[0]!.orphanSince).toBe(NOW);
  });

  it('a deleted row is not touched; an id in both lists counts as found', async () => {
    const d = db();
    const [a, b] = [makeRow(1), makeRow(8)];
    await put(d, [a, { ...b, orphanSince: NOW - 1 }]);
    await deleteHighlight(d, a.id, { now: NOW });
    expect(await recordAnchoring(d, url, { found: [b.id], orphans: [a.id, b.id] }, { now: NOW })).toEqual({ ok: true, changed: 1 });
    expect((await d.highlights.get(a.id))?.orphanSince).toBeUndefined();
    expect((await d.highlights.get(b.id))?.orphanSince).toBeUndefined();
  });

  it.each([
    ['no url', '', { found: [], orphans: [] }],
    ['bad report', 'https://example.com/page-1', { found: 'x' }],
    ['extra field', 'https://example.com/page-1', { found: [], orphans: [], more: 1 }],
    ['null report', 'https://example.com/page-1', null],
  ])('refuses %s without throwing', async (_n, u, report) => {
    const r = await recordAnchoring(db(), u, report as never);
    expect(r.ok).toBe(false);
  });
});

describe('Markdown export wording', () => {
  const rows = [makeRow(1, { tags: ['urgence'], concepts: ['transparency'], category: 'urgency', pageTitle: '' })];
  it('uses the labels and category names it is given (French here), escaped', () => {
    const md = exportRows(rows, 'markdown', {
      now: NOW,
      categoryLabel: (c) => (c === 'urgency' ? 'Urgence et rareté' : undefined),
      concepts: (c) => (c === 'transparency' ? 'La transparence' : undefined),
      markdownLabels: {
        title: 'Surlignages Claim Lens',
        summary: (at, n, p) => `Exporté le ${at} · surlignages\u202f: ${n} · pages\u202f: ${p}`,
        pageMeta: (day, n) => `Surligné le ${day} · ${n} surlignage`,
        untitled: 'Page sans titre',
        tags: 'Étiquettes',
        concepts: 'Concepts',
        claimType: 'Type d’allégation',
      },
    });
    expect(md).toContain('# Surlignages Claim Lens\n');
    expect(md).toContain(`Exporté le ${new Date(NOW).toISOString()} · surlignages\u202f: 1 · pages\u202f: 1`);
    expect(md).toContain('## https://example.com/page-1\n'); // no title: the URL names the page
    expect(md).toContain('Étiquettes: #urgence');
    expect(md).toContain('Concepts: La transparence');
    expect(md).toContain('Type d’allégation: Urgence et rareté');
    expect(md).not.toContain('Claim type');
  });
  it('falls back to English for missing, empty or throwing labels', () => {
    const md = exportRows(rows, 'markdown', {
      now: NOW,
      categoryLabel: () => {
        throw new Error('x');
      },
      markdownLabels: { title: '  ', summary: () => { throw new Error('boom'); }, tags: 42 as never },
    });
    expect(md.startsWith(`# ${ENGLISH_MARKDOWN_LABELS.title}\n`)).toBe(true);
    expect(md).toContain('Exported ');
    expect(md).toContain('Tags: #urgence');
    expect(md).toContain('Claim type: urgency');
  });
});
