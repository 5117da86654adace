/** Queries the notes library needs: concepts in use, import preview, and writing pre-parsed rows. */
import { afterEach, describe, expect, it } from 'vitest';
import type { ClaimLensDB } from './db';
import { exportHighlights } from './export';
import { importParsed, parseImport, previewImport } from './import';
import { deleteHighlight, listConcepts, saveHighlight, countAll, searchHighlights } from './repo';
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
  it('counts new, already present (trash included) and repeated ids, then writes only the new ones', async () => {
    const d = db();
    await put(d, [makeRow(1), makeRow(2)]);
    await deleteHighlight(d, makeRow(2).id, { now: NOW });
    const file = exportHighlights([makeRow(1), makeRow(2), makeRow(3), makeRow(4), makeRow(3)], 'json', { now: NOW });
    const parsed = parseImport(file);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(await previewImport(d, parsed.rows)).toEqual({ total: 5, fresh: 2, present: 2, repeated: 1 });
    // the preview wrote nothing
    expect(await d.highlights.count()).toBe(2);
    const result = await importParsed(d, parsed);
    expect(result).toMatchObject({ added: 2, skipped: 3, errors: [] });
    expect(await countAll(d)).toBe(3);
    // the row in the trash was not overwritten or restored
    expect((await d.highlights.get(makeRow(2).id))?.deletedAt).toBe(NOW);
    expect(await previewImport(d, parsed.rows)).toEqual({ total: 5, fresh: 0, present: 4, repeated: 1 });
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
    expect(await previewImport(d, null as never)).toEqual({ total: 0, fresh: 0, present: 0, repeated: 0 });
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
