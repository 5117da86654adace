/**
 * Helpers for the notes-library e2e tests: rows to seed, seeding and reading the extension's own
 * IndexedDB from the library page (an extension page, so the database is the extension's), and an
 * RFC 4180 CSV parser written for the tests.
 */
import type { Page } from 'playwright-core';
import type { Launched } from '../../scripts/e2e-utils';
import { HighlightSchema, type Highlight } from '../../storage';

export const DAY = 24 * 3600 * 1000;
/** Noon UTC on 2024-03-10: far from day boundaries in any time zone the tests run in. */
export const T0 = Date.UTC(2024, 2, 10, 12);

const ID = (n: number) => `10000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export function row(n: number, over: Partial<Highlight> & { text: string; url: string }): Highlight {
  const start = 100 + n * 3;
  const r: Highlight = {
    id: ID(n),
    pageTitle: '',
    selectors: {
      quote: { type: 'TextQuoteSelector', exact: over.text, prefix: 'avant ', suffix: ' après' },
      position: { type: 'TextPositionSelector', start, end: start + over.text.length },
    },
    color: 'yellow',
    note: '',
    tags: [],
    concepts: [],
    origin: 'user',
    createdAt: T0 + n * DAY,
    updatedAt: T0 + n * DAY,
    ...over,
  };
  return HighlightSchema.parse(r);
}

/**
 * A small library over three sites and four pages, French first: accents, both apostrophes, U+00A0 /
 * U+202F before punctuation and inside « », a note with a comma, quotes and a line break, and a
 * hostile quote that must stay text.
 */
export function sampleRows(base: string): Highlight[] {
  return [
    row(1, {
      url: 'https://www.lemonde.fr/planete/article-1',
      pageTitle: 'Le Monde — planète',
      text: 'Un emballage 100\u00a0% écologique\u202f!',
      note: 'Preuve\u202f? Aucun label cité.',
      tags: ['greenwashing', 'à-vérifier'],
      concepts: ['proof-and-traceability', 'social-environmental-responsibility'],
      category: 'environmental',
      color: 'green',
    }),
    row(2, {
      url: 'https://www.lemonde.fr/planete/article-1',
      pageTitle: 'Le Monde — planète',
      text: 'l’offre qu’il ne faut pas manquer',
      note: 'urgence "artificielle", typique\nà citer',
      tags: ['urgence'],
      concepts: ['needs-created-by-anxiety'],
      category: 'urgency',
      color: 'pink',
      origin: 'claim',
    }),
    row(3, {
      url: 'https://shop.example.com/produit?id=7',
      pageTitle: 'Boutique « Élan »',
      text: 'Le meilleur café du monde, garanti',
      tags: ['superlatif'],
      concepts: ['no-superiority-claims'],
      category: 'superiority',
      color: 'blue',
    }),
    row(4, {
      url: 'https://shop.example.com/produit?id=7',
      pageTitle: 'Boutique « Élan »',
      text: '<img src=x onerror="document.title=\'pwned\'">',
      note: '<b>not bold</b>',
      color: 'purple',
    }),
    row(5, {
      url: 'https://blog.example.org/post',
      pageTitle: 'A blog post',
      text: 'Join 10,000 happy customers today',
      tags: ['social-proof', 'urgence'],
      concepts: ['group-conformity'],
      category: 'social_proof',
      color: 'yellow',
    }),
    row(6, {
      url: base,
      pageTitle: 'Fixture page',
      text: 'durable',
      note: 'a note on the local page',
      color: 'yellow',
    }),
  ];
}

/** Open the library page and wait until it has answered its first query. */
export async function openLibrary(b: Launched, query = ''): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/library.html${query}`);
  await waitReady(page);
  return page;
}

export async function waitReady(page: Page): Promise<void> {
  await page.locator('.cl-lib-list[aria-busy="false"]').waitFor({ timeout: 30_000 });
}

/** A direct change to the extension's highlights store: rows to put, ids to delete, an id range to delete. */
export interface StoreChange {
  put?: Highlight[];
  remove?: string[];
  removeRange?: [string, string];
}

/** Apply `change` straight to the extension's database, from its own origin (no page reload). */
export async function changeStore(page: Page, change: StoreChange): Promise<void> {
  await page.evaluate(async (c) => {
    const db = await new Promise<IDBDatabase>((ok, ko) => {
      const r = indexedDB.open('claim-lens');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error);
    });
    await new Promise<void>((ok, ko) => {
      const tx = db.transaction('highlights', 'readwrite');
      const store = tx.objectStore('highlights');
      for (const x of c.put ?? []) store.put(x);
      for (const id of c.remove ?? []) store.delete(id);
      if (c.removeRange) store.delete(IDBKeyRange.bound(c.removeRange[0], c.removeRange[1]));
      tx.oncomplete = () => ok();
      tx.onerror = () => ko(tx.error);
    });
    db.close();
  }, change);
}

/** Put rows straight into the extension's database, then reload the page. */
export async function seed(page: Page, rows: Highlight[]): Promise<void> {
  await changeStore(page, { put: rows });
  await page.reload();
  await waitReady(page);
}

/** Remove rows straight from the extension's database (test clean-up), then reload the page. */
export async function unseed(page: Page, ids: string[]): Promise<void> {
  await changeStore(page, { remove: ids });
  await page.reload();
  await waitReady(page);
}

/** Every stored row (deleted ones included), by id. */
export async function storedRows(page: Page): Promise<Highlight[]> {
  const rows = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, ko) => {
      const r = indexedDB.open('claim-lens');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error);
    });
    const all = await new Promise<unknown[]>((ok, ko) => {
      const q = db.transaction('highlights').objectStore('highlights').getAll();
      q.onsuccess = () => ok(q.result);
      q.onerror = () => ko(q.error);
    });
    db.close();
    return all;
  });
  return (rows as Highlight[]).sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Ids of the highlights listed, in order. */
export function listedIds(page: Page): Promise<string[]> {
  return page.locator('.cl-lib-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
}

export { parseCsv } from '../support/csv';
