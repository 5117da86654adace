/**
 * Storage with 100,000 highlights over 2,000 pages in Chromium's real IndexedDB: the storage/ module
 * bundled with esbuild into a page served on 127.0.0.1 (the same Dexie code the background and the
 * extension pages run; the origin differs, the database engine does not). Figures: the popup's
 * "notes on this page" query (highlightsForUrl; median over 20 pages, first query included) and a
 * full Markdown export (allHighlights + exportHighlights), median of several runs, each in a fresh tab.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { serveDir, type StaticServer } from '../e2e-utils';
import { bundleForPage, launchPlain } from './chromium';
import { summarise, type Figure } from './stats';

export interface StorageBench {
  rows: number;
  pages: number;
  seedMs: number;
  pageRows: number;
  pageQueryMs: number;
  pageQueryFigure: Figure;
  exportMarkdownMs: number;
  exportFigure: Figure;
  readAllMs: Figure;
  formatMarkdownMs: Figure;
  /** The same live rows read with one table getAll (toArray), sorted and filtered in JS. */
  readAllGetAllMs: Figure;
  exportMB: number;
}

export async function runStorageBench({ rows = 100_000, pages = 2_000, runs = 3, queries = 20 } = {}): Promise<StorageBench> {
  const dir = mkdtempSync(join(tmpdir(), 'claim-lens-bench-storage-'));
  let server: StaticServer | null = null;
  let B: Browser | null = null;
  try {
    writeFileSync(join(dir, 'storage.js'), await bundleForPage(join(import.meta.dirname, 'storage-page.ts'), '__storageBench'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>storage bench</title><script src="/storage.js"></script><p>storage bench</p>');
    server = await serveDir(dir);
    B = await launchPlain();
    const ctx = await B.newContext();
    let page = await ctx.newPage();
    await page.goto(server.url('/index.html'));
    const seeded = await page.evaluate(([r, p]) => (window as any).__storageBench.seed(r, p) as Promise<{ rows: number; seedMs: number }>, [rows, pages] as const);
    await page.close();
    const q: number[] = [];
    const ex: number[] = [];
    const all: number[] = [];
    const md: number[] = [];
    const ga: number[] = [];
    let pageRows = 0;
    let exportChars = 0;
    for (let r = 0; r < runs; r++) {
      page = await ctx.newPage();
      await page.goto(server.url('/index.html'));
      const m = await page.evaluate(([p, n]) => (window as any).__storageBench.measure(p, n), [pages, queries] as const);
      q.push(summarise(m.pageQueryMs).median);
      ex.push(m.exportMs);
      all.push(m.allMs);
      md.push(m.markdownMs);
      ga.push(m.allGetAllMs);
      pageRows = m.pageRows;
      exportChars = m.exportChars;
      await page.close();
    }
    page = await ctx.newPage();
    await page.goto(server.url('/index.html'));
    await page.evaluate(() => (window as any).__storageBench.drop());
    await ctx.close();
    const qf = summarise(q);
    const ef = summarise(ex);
    return {
      rows: seeded.rows,
      pages,
      seedMs: seeded.seedMs,
      pageRows,
      pageQueryMs: qf.median,
      pageQueryFigure: qf,
      exportMarkdownMs: ef.median,
      exportFigure: ef,
      readAllMs: summarise(all),
      formatMarkdownMs: summarise(md),
      readAllGetAllMs: summarise(ga),
      exportMB: exportChars / 1048576,
    };
  } finally {
    await B?.close().catch(() => {});
    await server?.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}
