import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClaimLensDB } from './db';
import { exportHighlights } from './export';
import { importHighlights, importParsed, parseImport, previewImport, type ImportError } from './import';
import { saveHighlight } from './repo';
import { HighlightSchema, type Highlight } from './schema';
import { freshDb, makeInput, makeRow, testId } from './test-helpers';

const NOW = Date.UTC(2024, 4, 1, 12);
const FIXTURE = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'v1.json'), 'utf8')) as {
  tables: { highlights: Highlight[] };
};

const dbs: ClaimLensDB[] = [];
function db(): ClaimLensDB {
  const d = freshDb();
  dbs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dbs.splice(0)) d.close();
});

const byId = (a: Highlight, b: Highlight) => (a.id < b.id ? -1 : 1);

/** A library with everything a row can hold: fixture rows (incl. a deleted one) plus saved ones. */
async function library(): Promise<Highlight[]> {
  const d = db();
  // The v1 fixture also holds a file: row (what an early import let in); import refuses those now
  // (tested below), so the round trips use the web rows.
  await d.highlights.bulkAdd(FIXTURE.tables.highlights.filter((r) => r.url.startsWith('http')));
  await saveHighlight(d, { ...makeInput('« Offre exclusive\u202f! »', 'https://boutique.fr/?utm_source=x&id=3'), note: 'l’offre\n\n2e paragraphe, "cité"', tags: ['#Urgence', 'rareté'], category: 'urgency', origin: 'claim', concepts: ['urgence'], color: 'blue' }, { now: NOW });
  await saveHighlight(d, makeInput('plain', 'https://plain.example/'), { now: NOW + 1 });
  return (await d.highlights.toArray()).sort(byId);
}

describe('round trips into an empty database', () => {
  it('JSON export → import is lossless (deep equal) except that rows come in live (deletedAt stripped)', async () => {
    const rows = await library();
    expect(rows.some((r) => r.deletedAt !== undefined)).toBe(true);
    const text = exportHighlights(rows, 'json', { now: NOW });
    const target = db();
    const res = await importHighlights(target, text);
    expect(res).toEqual({ added: rows.length, restored: 0, skipped: 0, errors: [], format: 'json' });
    const live = rows.map(({ deletedAt: _d, ...r }) => r);
    expect((await target.highlights.toArray()).sort(byId)).toEqual(live);
  });

  it('JSON-LD export → import keeps everything it can carry (all but deletedAt)', async () => {
    const rows = (await library()).filter((r) => r.deletedAt === undefined);
    const text = exportHighlights(rows, 'jsonld', { now: NOW });
    const target = db();
    const res = await importHighlights(target, text, { now: NOW + 99 });
    expect(res).toEqual({ added: rows.length, restored: 0, skipped: 0, errors: [], format: 'jsonld' });
    expect((await target.highlights.toArray()).sort(byId)).toEqual(rows);
  });

  it('JSON-LD drops deletedAt and keeps the quote selector text as the text', async () => {
    const row = makeRow(1, { deletedAt: NOW, text: 'vu à l’écran' });
    const parsed = parseImport(exportHighlights([row], 'jsonld', { now: NOW }));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const { deletedAt: _d, ...live } = row;
    expect(parsed.rows).toEqual([{ ...live, text: row.selectors.quote.exact }]);
  });

  it('importing the same file twice adds nothing the second time', async () => {
    const rows = await library();
    const text = exportHighlights(rows, 'json', { now: NOW });
    const target = db();
    await importHighlights(target, text);
    expect(await importHighlights(target, text)).toEqual({ added: 0, restored: 0, skipped: rows.length, errors: [], format: 'json' });
    expect(await target.highlights.count()).toBe(rows.length);
  });

  it('existing ids are skipped, never overwritten; ids repeated in the file count once', async () => {
    const target = db();
    const mine = makeRow(1, { note: 'my local note' });
    await target.highlights.add(mine);
    const text = exportHighlights([makeRow(1, { note: 'from the file' }), makeRow(2), makeRow(2)], 'json', { now: NOW });
    expect(await importHighlights(target, text)).toEqual({ added: 1, restored: 0, skipped: 2, errors: [], format: 'json' });
    expect((await target.highlights.get(testId(1)))?.note).toBe('my local note');
    expect(await target.highlights.count()).toBe(2);
  });
});

function envelope(rows: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ format: 'claim-lens-export', version: 1, exportedAt: new Date(NOW).toISOString(), rows, ...extra });
}

describe('parseImport: file-level problems', () => {
  const valid = envelope([makeRow(1)]);
  const cases: [string, unknown, RegExp][] = [
    ['empty file', '', /empty/],
    ['only whitespace', ' \n\t ', /empty/],
    ['only a BOM', '\uFEFF', /empty/],
    ['not JSON', 'hello, world', /not JSON/],
    ['truncated JSON', valid.slice(0, 50), /not JSON/],
    ['wrong format name', envelope([], { format: 'other-app' }), /Unknown format "other-app"/],
    ['future version', envelope([], { version: 2 }), /newer version of Claim Lens \(export format version 2\).*reads version 1/],
    ['version zero', envelope([], { version: 0 }), /Invalid export version 0/],
    ['version missing', JSON.stringify({ format: 'claim-lens-export', rows: [] }), /Invalid export version/],
    ['rows missing', JSON.stringify({ format: 'claim-lens-export', version: 1 }), /no "rows" list/],
    ['some other JSON', '{"hello":"world"}', /Unrecognised file/],
    ['a JSON number', '42', /Unrecognised file/],
    ['JSON null', 'null', /Unrecognised file/],
    ['not a string', 42, /expected the text of a file/],
    ['collection whose pages are links', JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', first: 'https://x/page1' }), /pages are not in the file/],
  ];
  it.each(cases)('%s', (_name, input, message) => {
    const r = parseImport(input as string);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.record).toBe('file');
    expect(r.errors[0]!.message).toMatch(message);
  });

  it('accepts a BOM at the start', () => {
    const r = parseImport('\uFEFF' + valid);
    expect(r.ok && r.rows).toEqual([makeRow(1)]);
  });

  it('refuses a file over the size limit before parsing it', () => {
    const r = parseImport(valid, { maxChars: 100 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/too large/);
  });

  it('refuses more records than the limit', () => {
    const r = parseImport(envelope([makeRow(1), makeRow(2), makeRow(3)]), { maxRecords: 2 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/Too many records \(3; at most 2\)/);
  });

  it('an empty export imports nothing, successfully', () => {
    expect(parseImport(envelope([]))).toEqual({ ok: true, rows: [], format: 'json' });
    expect(parseImport(exportHighlights([], 'jsonld', { now: NOW }))).toEqual({ ok: true, rows: [], format: 'jsonld' });
  });

  it('a large file (20,000 rows) parses in one piece', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => makeRow(i));
    const r = parseImport(exportHighlights(rows, 'json', { now: NOW }));
    expect(r.ok && r.rows.length).toBe(20_000);
  });
});

describe('parseImport: invalid records name the record and the field', () => {
  const good = makeRow(1);
  const cases: [string, unknown, Partial<ImportError>, RegExp][] = [
    ['missing text', (({ text: _t, ...r }) => r)(makeRow(2)), { record: 1, id: testId(2), path: 'text' }, /rows\[1\] \(id 00000000-0000-4000-8000-000000000002\), field text:/],
    ['bad color', makeRow(2, { color: 'red' as 'pink' }), { record: 1, path: 'color' }, /field color:/],
    ['end before start', makeRow(2, { selectors: { quote: good.selectors.quote, position: { type: 'TextPositionSelector', start: 9, end: 3 } } }), { record: 1, path: 'selectors.position.end' }, /field selectors\.position\.end: end must be greater than start/],
    ['tag with a space', makeRow(2, { tags: ['two words'] }), { record: 1, path: 'tags[0]' }, /field tags\[0\]/],
    ['unknown field', { ...makeRow(2), extra: 1 }, { record: 1, path: '(record)' }, /Unrecognized key/],
    ['not an object', 'row', { record: 1, path: '(record)' }, /rows\[1\], field \(record\)/],
    ['negative time', makeRow(2, { createdAt: -5 }), { record: 1, path: 'createdAt' }, /field createdAt/],
    ['bad id', makeRow(2, { id: 'abc' }), { record: 1, id: 'abc', path: 'id' }, /rows\[1\] \(id abc\), field id/],
  ];
  it.each(cases)('%s', (_name, bad, expected, message) => {
    const r = parseImport(envelope([good, bad, makeRow(3)]));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject(expected);
    expect(r.errors[0]!.message).toMatch(message);
  });

  it('caps the error list and says how many more there were', () => {
    const bad = Array.from({ length: 30 }, (_, i) => makeRow(i, { color: 'red' as 'pink' }));
    const r = parseImport(envelope(bad), { maxErrors: 10 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(11);
    expect(r.errors[10]).toEqual({ record: 'file', path: '', message: '…and 20 more errors' });
  });
});

describe('importHighlights writes nothing when a record is invalid', () => {
  it.each([
    ['json', (rows: Highlight[]) => envelope([...rows, { ...makeRow(99), color: 'red' }])],
    [
      'jsonld',
      (rows: Highlight[]) => {
        const doc = JSON.parse(exportHighlights(rows, 'jsonld', { now: NOW }));
        doc.first.items[1].target.selector = [doc.first.items[1].target.selector[0]]; // no position
        return JSON.stringify(doc);
      },
    ],
  ] as const)('%s', async (_f, build) => {
    const target = db();
    await target.highlights.bulkAdd([makeRow(500), makeRow(501)]);
    const rows = [makeRow(1), makeRow(2), makeRow(3)];
    const res = await importHighlights(target, build(rows));
    expect(res.added).toBe(0);
    expect(res.errors.length).toBeGreaterThan(0);
    expect(await target.highlights.count()).toBe(2);
    expect(await target.highlights.get(testId(1))).toBeUndefined();
  });

  it('reports the JSON-LD record and field', () => {
    const doc = JSON.parse(exportHighlights([makeRow(1), makeRow(2)], 'jsonld', { now: NOW }));
    doc.first.items[1].target.selector = [doc.first.items[1].target.selector[0]];
    doc.first.items[0].created = 'yesterday';
    const r = parseImport(JSON.stringify(doc));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { record: 0, id: `urn:uuid:${testId(1)}`, path: 'created', message: `first.items[0] (id urn:uuid:${testId(1)}), field created: not a date: "yesterday"` },
      { record: 1, id: `urn:uuid:${testId(2)}`, path: 'target.selector', message: `first.items[1] (id urn:uuid:${testId(2)}), field target.selector: a TextPositionSelector is required` },
    ]);
  });
});

describe('foreign W3C annotations', () => {
  const foreign = {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'AnnotationCollection',
    first: {
      type: 'AnnotationPage',
      items: [
        {
          id: 'https://annotations.example/anno/42',
          type: 'Annotation',
          motivation: 'commenting',
          created: '2024-03-01T10:00:00Z',
          body: [
            { type: 'TextualBody', value: 'Un commentaire', format: 'text/markdown' },
            { type: 'TextualBody', value: 'marketing vert', purpose: 'tagging' },
          ],
          target: [
            {
              source: 'https://Exemple.fr/article?utm_medium=social#p2',
              selector: [
                { type: 'RangeSelector', startSelector: { type: 'XPathSelector', value: '/p[2]' } },
                { type: 'TextPositionSelector', start: 100, end: 112 },
                { type: 'TextQuoteSelector', exact: 'éco-conçu', prefix: 'x'.repeat(500), suffix: 'y'.repeat(500) },
              ],
            },
          ],
        },
        { type: 'Annotation', bodyValue: 'juste une note', target: { source: 'https://b.fr/', selector: [{ type: 'TextQuoteSelector', exact: 'b' }, { type: 'TextPositionSelector', start: 0, end: 1 }] } },
      ],
    },
  };

  it('maps what it can, with stable ids', () => {
    const r = parseImport(JSON.stringify(foreign), { now: NOW });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.format).toBe('jsonld');
    const [a, b] = r.rows;
    expect(a).toMatchObject({
      url: 'https://exemple.fr/article',
      text: 'éco-conçu',
      note: 'Un commentaire',
      tags: ['marketing-vert'],
      color: 'yellow',
      origin: 'user',
      createdAt: Date.parse('2024-03-01T10:00:00Z'),
      updatedAt: Date.parse('2024-03-01T10:00:00Z'),
      pageTitle: '',
    });
    expect(a!.selectors.quote.prefix).toBe('x'.repeat(200));
    expect(a!.selectors.position).toEqual({ type: 'TextPositionSelector', start: 100, end: 112 });
    expect(b).toMatchObject({ note: 'juste une note', createdAt: NOW });
    for (const row of r.rows) expect(HighlightSchema.safeParse(row).success).toBe(true);
    const again = parseImport(JSON.stringify(foreign), { now: NOW + 5 });
    expect(again.ok && again.rows.map((x) => x.id)).toEqual(r.rows.map((x) => x.id));
  });

  it('accepts a bare annotation, a bare page, and a plain list', async () => {
    const one = foreign.first.items[1]!;
    for (const doc of [one, { type: 'AnnotationPage', items: [one] }, [one]]) {
      const r = parseImport(JSON.stringify(doc), { now: NOW });
      expect(r.ok && r.rows.length).toBe(1);
    }
  });

  it('refuses an annotation without a text selector', () => {
    const r = parseImport(JSON.stringify({ type: 'Annotation', id: 'x:1', body: 'https://x/', target: 'https://example.com/' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ record: 0, id: 'x:1', path: 'target' });
  });
});

describe('import refuses page addresses that are not http(s) (finding 6)', () => {
  const hostile = 'javascript:alert(document.domain)//';
  it.each([
    [hostile, 'javascript:'],
    ['JAVASCRIPT:alert(1)', 'javascript:'],
    ['data:text/html,<script>alert(1)</script>', 'data:'],
    ['file:///etc/passwd', 'file:'],
    ['vbscript:msgbox', 'vbscript:'],
    ['not a url at all', ''],
  ])('JSON row with url %j: refused, naming the record and the field, nothing written', async (url, scheme) => {
    const target = db();
    const text = envelope([makeRow(1), makeRow(2, { url })]);
    const r = parseImport(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ record: 1, id: testId(2), path: 'url' });
    expect(r.errors[0]!.message).toMatch(/^rows\[1\] \(id 00000000-0000-4000-8000-000000000002\), field url: only http and https/);
    if (scheme) expect(r.errors[0]!.message).toContain(`"${scheme}"`);
    const res = await importHighlights(target, text);
    expect(res.added).toBe(0);
    expect(await target.highlights.count()).toBe(0);
  });

  it('a JSON-LD annotation whose target.source is javascript: is refused with the field named', () => {
    const doc = JSON.parse(exportHighlights([makeRow(1), makeRow(2)], 'jsonld', { now: NOW }));
    doc.first.items[1].target.source = hostile;
    const r = parseImport(JSON.stringify(doc));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([expect.objectContaining({ record: 1, path: 'target.source', message: expect.stringMatching(/^first\.items\[1\] .*field target\.source: only http and https page addresses can be imported \(this one starts with "javascript:"\)/) })]);
  });

  it('our own JSON-LD export of a legacy non-http row (an inert URN) does not import back as a link', () => {
    const doc = exportHighlights([makeRow(1, { url: hostile })], 'jsonld', { now: NOW });
    const r = parseImport(doc);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ path: 'target.source' });
  });

  it('a backup holding a legacy file: row (v1 fixture) is refused as a whole, naming that row', () => {
    const legacy = FIXTURE.tables.highlights;
    const at = legacy.findIndex((r) => r.url.startsWith('file:'));
    expect(at).toBeGreaterThanOrEqual(0);
    const r = parseImport(exportHighlights(legacy, 'json', { now: NOW }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([expect.objectContaining({ record: at, id: legacy[at]!.id, path: 'url' })]);
  });

  it('http and https addresses of any case are accepted and normalised', () => {
    const r = parseImport(envelope([makeRow(1, { url: 'HTTPS://Exemple.FR/a?utm_source=x' }), makeRow(2, { url: 'http://b.fr/' })]));
    expect(r.ok && r.rows.map((x) => x.url)).toEqual(['https://exemple.fr/a', 'http://b.fr/']);
  });
});

describe('import and Recently deleted (finding 7)', () => {
  it('rows whose ids are in the trash are previewed separately and restored as they were deleted', async () => {
    const target = db();
    const trashedRow = makeRow(1, { note: 'note at deletion', deletedAt: NOW - 5_000 });
    const liveRow = makeRow(2, { note: 'live' });
    await target.highlights.bulkAdd([trashedRow, liveRow]);
    const file = exportHighlights([makeRow(1, { note: 'older backup' }), makeRow(2), makeRow(3), makeRow(3)], 'json', { now: NOW });
    const parsed = parseImport(file);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(await previewImport(target, parsed.rows)).toEqual({ total: 4, fresh: 1, present: 1, trashed: 1, repeated: 1 });
    // The preview wrote nothing.
    expect((await target.highlights.get(testId(1)))?.deletedAt).toBe(NOW - 5_000);

    expect(await importParsed(target, parsed)).toEqual({ added: 1, restored: 1, skipped: 2, errors: [], format: 'json' });
    const back = await target.highlights.get(testId(1));
    expect(back).toBeDefined();
    expect(back!.deletedAt).toBeUndefined();
    expect(back!.note).toBe('note at deletion');
    expect(back).toEqual((({ deletedAt: _d, ...r }) => r)(trashedRow));
    expect((await target.highlights.get(testId(2)))?.note).toBe('live');
    expect(await target.highlights.get(testId(3))).toBeDefined();
    // Importing again: everything is live now.
    expect(await importParsed(target, parsed)).toMatchObject({ added: 0, restored: 0, skipped: 4 });
  });

  it('a JSON row carrying deletedAt is imported live (never straight into the trash)', async () => {
    const target = db();
    const file = envelope([makeRow(7, { deletedAt: NOW - 1 }), makeRow(8)]);
    const parsed = parseImport(file);
    expect(parsed.ok && parsed.rows.every((r) => !('deletedAt' in r))).toBe(true);
    expect(await importHighlights(target, file)).toMatchObject({ added: 2, restored: 0, errors: [] });
    for (const r of await target.highlights.toArray()) expect(r.deletedAt).toBeUndefined();
  });

  it('importParsed strips deletedAt even from rows that did not come through parseImport', async () => {
    const target = db();
    const res = await importParsed(target, { ok: true, format: 'json', rows: [makeRow(9, { deletedAt: NOW })] });
    expect(res).toMatchObject({ added: 1, restored: 0, errors: [] });
    expect((await target.highlights.get(testId(9)))?.deletedAt).toBeUndefined();
  });

  it('importParsed refuses a non-http(s) row handed to it directly', async () => {
    const target = db();
    const res = await importParsed(target, { ok: true, format: 'json', rows: [makeRow(9, { url: 'javascript:alert(1)' })] });
    expect(res.errors[0]).toMatchObject({ record: 0, path: 'url' });
    expect(await target.highlights.count()).toBe(0);
  });

  it('previewImport of a bad argument counts nothing', async () => {
    expect(await previewImport(db(), null as unknown as Highlight[])).toEqual({ total: 0, fresh: 0, present: 0, trashed: 0, repeated: 0 });
  });
});
