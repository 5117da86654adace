/**
 * Runs inside the storage bench page (bundled by storage.ts with esbuild): the real storage/ module
 * on Chromium's real IndexedDB. Seeds `rows` highlights over `pages` page URLs, then times the
 * popup's "notes on this page" query (highlightsForUrl) and a full Markdown export (allHighlights +
 * exportHighlights), as the library page does them.
 */
import { Dexie } from 'dexie';
import { newUuid } from '../../storage/ids';
import { ClaimLensDB, allHighlights, countAll, exportHighlights, highlightsForUrl, type Highlight } from '../../storage/index';

const NAME = 'claim-lens-bench';

function urlOf(page: number): string {
  return `https://site${page % 97}.example.fr/articles/${page}/une-page-de-produit`;
}

export async function seed(rows: number, pages: number): Promise<{ rows: number; seedMs: number }> {
  await Dexie.delete(NAME);
  const db = new ClaimLensDB(NAME);
  await db.open();
  const t0 = performance.now();
  const now = Date.UTC(2026, 0, 1);
  const batch: Highlight[] = [];
  const words = ['offre limitée', 'n°1 en France', '100 % naturel', 'résultats prouvés', 'best price', 'clinically proven', 'l’offre qu’il vous faut'];
  for (let i = 0; i < rows; i++) {
    const page = i % pages;
    const exact = `${words[i % words.length]} — passage ${i}`;
    const start = (i * 131) % 50_000;
    batch.push({
      id: newUuid(),
      url: urlOf(page),
      pageTitle: `Page ${page} : « Produits » d’exemple`,
      selectors: {
        quote: { type: 'TextQuoteSelector', exact, prefix: 'Le texte juste avant la citation, ', suffix: ' et le texte juste après elle.' },
        position: { type: 'TextPositionSelector', start, end: start + exact.length },
      },
      text: exact,
      color: (['yellow', 'green', 'blue', 'pink', 'purple'] as const)[i % 5]!,
      note: i % 3 === 0 ? `Note ${i} : à vérifier avant publication, voir la source.` : '',
      tags: i % 4 === 0 ? ['à-vérifier', `lot${i % 10}`] : [],
      concepts: i % 2 === 0 ? ['preuve-sociale'] : [],
      origin: i % 5 === 0 ? 'claim' : 'user',
      createdAt: now + i * 1000,
      updatedAt: now + i * 1000,
    });
    if (batch.length === 5000) {
      await db.highlights.bulkPut(batch);
      batch.length = 0;
    }
  }
  if (batch.length) await db.highlights.bulkPut(batch);
  const count = await countAll(db);
  db.close();
  return { rows: count, seedMs: performance.now() - t0 };
}

export async function measure(pages: number, queries: number): Promise<{ pageQueryMs: number[]; pageRows: number; allMs: number; allGetAllMs: number; markdownMs: number; exportMs: number; exportChars: number }> {
  const db = new ClaimLensDB(NAME);
  await db.open();
  const pageQueryMs: number[] = [];
  let pageRows = 0;
  for (let q = 0; q < queries; q++) {
    const url = urlOf((q * 613) % pages);
    const t = performance.now();
    const rows = await highlightsForUrl(db, url);
    pageQueryMs.push(performance.now() - t);
    pageRows = rows.length;
  }
  let t = performance.now();
  const all = await allHighlights(db);
  const allMs = performance.now() - t;
  // The same rows read in one getAll on the table (no index, no cursor), sorted and filtered in JS.
  t = performance.now();
  const viaGetAll = (await db.highlights.toArray()).filter((h) => h.deletedAt === undefined).sort((a, b) => b.createdAt - a.createdAt);
  const allGetAllMs = performance.now() - t;
  if (viaGetAll.length !== all.length) throw new Error('getAll read differs from allHighlights');
  t = performance.now();
  const md = exportHighlights(all, 'markdown', { now: Date.UTC(2026, 5, 1), concepts: (id) => (id === 'preuve-sociale' ? 'Preuve sociale' : undefined) });
  const markdownMs = performance.now() - t;
  db.close();
  return { pageQueryMs, pageRows, allMs, allGetAllMs, markdownMs, exportMs: allMs + markdownMs, exportChars: md.length };
}

export async function drop(): Promise<void> {
  await Dexie.delete(NAME);
}
