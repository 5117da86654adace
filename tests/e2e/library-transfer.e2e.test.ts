/**
 * Export and import in the notes library, in Chromium: each format is downloaded and parsed back
 * (JSON and JSON-LD through storage's parseImport, CSV through an RFC 4180 parser, Markdown checked
 * for its sections and block quotes), the current filter and one page export only their rows, a
 * malformed file (or one with a javascript: page address) is refused naming the record and field with
 * nothing written, a failed export is an alert with no download, a file can be dropped, rows in
 * Recently deleted are restored by an import, and export → import into a fresh profile (French
 * interface) is lossless.
 */
import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCategoryInfo, getConcept } from '../../engine/concepts';
import { launchWithExtension } from '../../scripts/e2e-utils';
import { CSV_COLUMNS, exportHighlights, parseImport, type Highlight } from '../../storage';
import { startHarness, type Harness } from './harness';
import { listedIds, openLibrary, parseCsv, row, sampleRows, seed, storedRows, unseed } from './library-helpers';

let h: Harness;
let rows: Highlight[];
let lib: Page;
beforeAll(async () => {
  h = await startHarness();
  rows = sampleRows(h.server.url('/fr-marketing.html'));
  lib = await openLibrary(h.browser);
  await seed(lib, rows);
  await lib.locator('.cl-lib-count', { hasText: '6 highlights' }).waitFor({ timeout: 15_000 });
});
afterAll(async () => {
  await h?.close();
});

const byId = (a: Highlight, b: Highlight) => (a.id < b.id ? -1 : 1);
const TODAY = /^claim-lens-\d{4}-\d{2}-\d{2}/;

async function exportVia(page: Page, format: string, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  await page.locator('select[name="format"]').selectOption(format);
  const [dl] = await Promise.all([page.waitForEvent('download') as Promise<Download>, click()]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), bytes: readFileSync(path!) };
}
const exportAll = (page: Page, format: string) => exportVia(page, format, () => page.locator('.cl-lib-export__all').click());

async function importFile(page: Page, name: string, text: string, mimeType = 'application/json'): Promise<void> {
  await page.locator('.cl-lib-import__file').setInputFiles({ name, mimeType, buffer: Buffer.from(text, 'utf8') });
}

describe('export', () => {
  it('JSON: a versioned envelope that parses back to exactly the stored rows', async () => {
    const { name, bytes } = await exportAll(lib, 'json');
    expect(name).toMatch(new RegExp(TODAY.source + '\\.json$'));
    const env = JSON.parse(bytes.toString('utf8'));
    expect(env).toMatchObject({ format: 'claim-lens-export', version: 1 });
    expect(Number.isNaN(Date.parse(env.exportedAt))).toBe(false);
    const parsed = parseImport(bytes.toString('utf8'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.rows.sort(byId)).toEqual([...rows].sort(byId));
    await expect.poll(() => lib.locator('.cl-lib-notice').textContent()).toContain(name);
  });

  it('W3C JSON-LD: an AnnotationCollection with both selectors that parses back to the same rows', async () => {
    const { name, bytes } = await exportAll(lib, 'jsonld');
    expect(name).toMatch(/\.jsonld$/);
    const doc = JSON.parse(bytes.toString('utf8'));
    expect(doc['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(doc.type).toBe('AnnotationCollection');
    expect(doc.total).toBe(6);
    for (const a of doc.first.items) expect(a.target.selector.map((s: { type: string }) => s.type).sort()).toEqual(['TextPositionSelector', 'TextQuoteSelector']);
    const parsed = parseImport(bytes.toString('utf8'));
    expect(parsed.ok && parsed.format).toBe('jsonld');
    if (!parsed.ok) return;
    expect(parsed.rows.sort(byId)).toEqual([...rows].sort(byId));
  });

  it('CSV: RFC 4180, UTF-8 with BOM, every field back intact', async () => {
    const { name, bytes } = await exportAll(lib, 'csv');
    expect(name).toMatch(/\.csv$/);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.includes('\r\n')).toBe(true);
    const [head, ...recs] = parseCsv(text);
    expect(head).toEqual([...CSV_COLUMNS]);
    expect(recs).toHaveLength(6);
    const col = (r: string[], c: (typeof CSV_COLUMNS)[number]) => r[CSV_COLUMNS.indexOf(c)];
    for (const want of rows) {
      const r = recs.find((x) => col(x, 'id') === want.id)!;
      expect(r).toHaveLength(CSV_COLUMNS.length);
      expect(col(r, 'url')).toBe(want.url);
      expect(col(r, 'page_title')).toBe(want.pageTitle);
      expect(col(r, 'text')).toBe(want.text);
      expect(col(r, 'note')).toBe(want.note);
      expect(col(r, 'tags')).toBe(want.tags.join(' '));
      expect(col(r, 'concepts')).toBe(want.concepts.join(' '));
      expect(col(r, 'color')).toBe(want.color);
      expect(col(r, 'created_at')).toBe(new Date(want.createdAt).toISOString());
      expect(Number(col(r, 'position_start'))).toBe(want.selectors.position.start);
    }
    // Concept titles are in the interface language (English here).
    const r2 = recs.find((x) => col(x, 'id') === rows[1]!.id)!;
    expect(col(r2, 'concept_titles')).toBe(getConcept('needs-created-by-anxiety')!.title.en);
  });

  it('Markdown: one section per page with its URL, quotes as block quotes, notes and tags', async () => {
    const { name, bytes } = await exportAll(lib, 'markdown');
    expect(name).toMatch(/\.md$/);
    const md = bytes.toString('utf8');
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings.sort()).toEqual(['## A blog post', '## Boutique « Élan »', '## Fixture page', '## Le Monde — planète'].sort());
    expect(md).toContain('<https://www.lemonde.fr/planete/article-1>');
    expect(md).toContain('> Un emballage 100\u00a0% écologique\u202f!');
    expect(md).toContain('> l’offre qu’il ne faut pas manquer');
    expect(md).toContain('Preuve\u202f? Aucun label cité.');
    expect(md).toContain('#greenwashing');
    // Claim types and concepts by name, in the interface language.
    expect(md).toContain(`Claim type: ${getCategoryInfo('urgency').label.en}`);
    expect(md).toContain(`Concepts: ${getConcept('needs-created-by-anxiety')!.title.en}`);
    // Page markup stays inert.
    expect(md).not.toMatch(/(^|[^\\])<(img|b)\b/m);
    expect(md).toContain('\\<img');
  });

  it('the current filter and one page export only their rows, with telling file names', async () => {
    await lib.locator('input[type="search"]').fill('urgence');
    await expect.poll(() => listedIds(lib)).toHaveLength(2);
    const f = await exportVia(lib, 'json', () => lib.locator('.cl-lib-export__filter').click());
    expect(f.name).toMatch(/-filtered\.json$/);
    const pf = parseImport(f.bytes.toString('utf8'));
    expect(pf.ok && pf.rows.map((r) => r.id).sort()).toEqual([rows[1]!.id, rows[4]!.id].sort());
    await lib.locator('.cl-lib-filters__clear').click();
    await expect.poll(() => listedIds(lib)).toHaveLength(6);

    const shop = lib.locator('.cl-lib-page[data-url="https://shop.example.com/produit?id=7"]');
    const p = await exportVia(lib, 'csv', () => shop.locator('.cl-lib-page__export').click());
    expect(p.name).toMatch(/-shop\.example\.com\.csv$/);
    const recs = parseCsv(p.bytes.toString('utf8').slice(1)).slice(1);
    expect(recs.map((r) => r[0]).sort()).toEqual([rows[2]!.id, rows[3]!.id].sort());
  });
});

describe('a failed export (finding 8)', () => {
  it('shows an error and downloads nothing, instead of an empty file with a success message', async () => {
    // A damaged row (no selectors) next to a good one on the same page: the Markdown export cannot format it.
    const damaged = { ...row(70, { url: rows[0]!.url, text: 'ligne abîmée' }), selectors: undefined } as unknown as Highlight;
    await seed(lib, [damaged]);
    await expect.poll(() => lib.locator('.cl-lib-count').textContent()).toBe('7 highlights');
    const downloads: string[] = [];
    const onDownload = (d: Download) => downloads.push(d.suggestedFilename());
    lib.on('download', onDownload);
    try {
      await lib.locator('select[name="format"]').selectOption('markdown');
      await lib.locator('.cl-lib-export__all').click();
      const alert = lib.locator('.cl-lib-alert[role="alert"]');
      await alert.waitFor({ timeout: 15_000 });
      expect(await alert.textContent()).toMatch(/^Export failed, nothing was downloaded: a highlight could not be exported \(/);
      expect(await lib.locator('.cl-lib-notice').textContent()).not.toContain('Downloaded');
      expect(downloads).toEqual([]);
    } finally {
      lib.off('download', onDownload);
      await unseed(lib, [damaged.id]);
    }
    // With the damaged row gone the same export works again and the alert goes away.
    const { bytes } = await exportAll(lib, 'markdown');
    expect(bytes.toString('utf8').startsWith('# Claim Lens highlights\n')).toBe(true);
    await expect.poll(() => lib.locator('.cl-lib-alert').count()).toBe(0);
    expect(await lib.locator('.cl-lib-count').textContent()).toBe('6 highlights');
  });
});

describe('import', () => {
  it('refuses a javascript: page address, naming the record and the field; nothing is written (finding 6)', async () => {
    const before = await storedRows(lib);
    const env = JSON.parse(exportHighlights([row(52, { url: 'https://new.example/c', text: 'correcte' }), row(53, { url: 'https://new.example/d', text: 'piégée' })], 'json', { now: Date.now() }));
    env.rows[1].url = 'javascript:alert(document.domain)//';
    await importFile(lib, 'hostile.json', JSON.stringify(env));
    const err = lib.locator('.cl-lib-import__error').first();
    await err.waitFor({ timeout: 15_000 });
    expect(await err.getAttribute('data-record')).toBe('1');
    expect(await err.getAttribute('data-path')).toBe('url');
    expect(await err.textContent()).toBe('Record 2 (id 10000000-0000-4000-8000-000000000035), field url: only http and https page addresses can be imported (this one starts with "javascript:")');
    expect(await storedRows(lib)).toEqual(before);
    await lib.locator('.cl-lib-import__dismiss').click();
  });

  it('refuses a malformed file, naming the record and the field; nothing is written', async () => {
    const before = await storedRows(lib);
    const good = row(50, { url: 'https://new.example/a', text: 'nouvelle citation' });
    const env = JSON.parse(exportHighlights([good, row(51, { url: 'https://new.example/b', text: 'autre' })], 'json', { now: Date.now() }));
    env.rows[1].color = 'orange';
    await importFile(lib, 'broken.json', JSON.stringify(env));
    const err = lib.locator('.cl-lib-import__error').first();
    await err.waitFor({ timeout: 15_000 });
    expect(await err.getAttribute('data-record')).toBe('1');
    expect(await err.getAttribute('data-path')).toBe('color');
    expect(await err.textContent()).toMatch(/^Record 2 \(id 10000000-0000-4000-8000-000000000033\), field color: /);
    expect(await lib.locator('.cl-lib-import__errors').textContent()).toContain('broken.json was not imported, nothing was written');
    expect(await storedRows(lib)).toEqual(before);
    expect(await lib.locator('.cl-lib-count').textContent()).toBe('6 highlights');

    // Not JSON at all: a file-level error, still nothing written.
    await importFile(lib, 'notes.json', '{ not json');
    await expect.poll(() => lib.locator('.cl-lib-import__error').first().textContent()).toContain('not JSON');
    expect(await storedRows(lib)).toEqual(before);
    await lib.locator('.cl-lib-import__dismiss').click();
    expect(await lib.locator('.cl-lib-import__errors').count()).toBe(0);
  });

  it('previews new vs already present, imports only the new rows, and takes a dropped file', async () => {
    const fresh = [row(60, { url: 'https://import.example/x', text: 'importé un', tags: ['import'] }), row(61, { url: 'https://import.example/x', text: 'importé deux' })];
    const file = exportHighlights([...fresh, rows[0]!], 'jsonld', { now: Date.now() });
    // Drag and drop onto the drop zone.
    await lib.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'dropped.jsonld', { type: 'application/ld+json' }));
      document.querySelector('.cl-lib-drop')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, file);
    const summary = lib.locator('.cl-lib-import__summary');
    await summary.waitFor({ timeout: 15_000 });
    expect(await summary.textContent()).toBe('dropped.jsonld: 3 records, 2 new, 1 already in your library (kept as they are).');
    expect(await storedRows(lib)).toHaveLength(6);
    await lib.locator('.cl-lib-import__confirm').click();
    await expect.poll(() => lib.locator('.cl-lib-import__done').textContent()).toBe('Imported 2 highlights; 1 were already present.');
    await expect.poll(() => lib.locator('.cl-lib-count').textContent()).toBe('8 highlights');
    const stored = await storedRows(lib);
    expect(stored.filter((r) => r.url === 'https://import.example/x').sort(byId)).toEqual(fresh);
    // The existing row was left as it was.
    expect(stored.find((r) => r.id === rows[0]!.id)).toEqual(rows[0]);
  });

  it('restores rows that are in Recently deleted, and says so in the preview (finding 7)', async () => {
    const target = rows[4]!;
    const item = lib.locator(`.cl-lib-item[data-id="${target.id}"]`);
    await item.locator('.cl-lib-item__delete').click();
    await expect.poll(() => item.count()).toBe(0);
    await lib.locator('.cl-lib-undo__dismiss').click();
    expect((await storedRows(lib)).find((r) => r.id === target.id)!.deletedAt).toBeGreaterThan(0);
    await expect.poll(() => lib.locator('.cl-lib-count').textContent()).toBe('7 highlights');

    const extra = row(62, { url: 'https://import.example/y', text: 'importé trois' });
    // A backup holding the deleted row (as it was) and a new one; the new one even claims to be deleted.
    await importFile(lib, 'backup.json', exportHighlights([target, { ...extra, deletedAt: Date.now() }], 'json', { now: Date.now() }));
    const summary = lib.locator('.cl-lib-import__summary');
    await summary.waitFor({ timeout: 15_000 });
    expect(await summary.textContent()).toBe('backup.json: 2 records, 1 new, 0 already in your library (kept as they are).');
    expect(await lib.locator('.cl-lib-import__trashed').textContent()).toBe('1 of them in Recently deleted, will be restored.');
    expect(await lib.locator('.cl-lib-import__confirm').textContent()).toBe('Import 2');
    await lib.locator('.cl-lib-import__confirm').click();
    await expect.poll(() => lib.locator('.cl-lib-import__done').textContent()).toBe('Imported 1 highlight; 0 were already present. 1 restored from Recently deleted.');
    await expect.poll(() => lib.locator('.cl-lib-count').textContent()).toBe('9 highlights');
    const stored = await storedRows(lib);
    expect(stored.find((r) => r.id === target.id)).toEqual(target);
    expect(stored.find((r) => r.id === extra.id)).toEqual(extra);
    await expect.poll(() => item.count()).toBe(1);
  });

  it('export then import into a fresh profile (French interface) is lossless', async () => {
    const source = await storedRows(lib);
    const json = await exportAll(lib, 'json');
    const jsonld = await exportAll(lib, 'jsonld');
    for (const file of [json, jsonld]) {
      const other = await launchWithExtension({ lang: 'fr' });
      try {
        const page = await openLibrary(other);
        expect(await page.locator('h1').textContent()).toBe('Bibliothèque de notes');
        expect(await page.locator('.cl-lib-empty').textContent()).toMatch(/^Aucun surlignage/);
        await importFile(page, file.name, file.bytes.toString('utf8'));
        const summary = page.locator('.cl-lib-import__summary');
        await summary.waitFor({ timeout: 15_000 });
        expect(await summary.textContent()).toContain(`${source.length} enregistrements, ${source.length} nouveaux, 0 déjà`);
        await page.locator('.cl-lib-import__confirm').click();
        await expect.poll(() => page.locator('.cl-lib-import__done').textContent()).toMatch(new RegExp(`^Importé ${source.length} surlignages`));
        expect(await storedRows(page)).toEqual(source);
        expect((await listedIds(page)).sort()).toEqual(source.map((r) => r.id).sort());
        // The Markdown export speaks the interface language.
        const md = (await exportAll(page, 'markdown')).bytes.toString('utf8');
        expect(md.startsWith('# Surlignages Claim Lens\n')).toBe(true);
        expect(md).toContain(`Type d’allégation: ${getCategoryInfo('urgency').label.fr}`);
        expect(md).toContain(getConcept('needs-created-by-anxiety')!.title.fr);
      } finally {
        await other.close();
      }
    }
  });
});
