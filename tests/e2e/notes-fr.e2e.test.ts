/**
 * The notes UI in a French browser: the selection toolbar, the editor and the popup's notes section
 * speak French, and a French quote with typographic apostrophes and narrow no-break spaces
 * (« … », before « : ») is stored and painted exactly as written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPopupFor, tabIdOf } from '../../scripts/e2e-utils';
import { dragSelect, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ lang: 'fr' });
});
afterAll(async () => {
  await h?.close();
});

const TOOLBAR = 'claim-lens-note';

describe('notes in French', () => {
  it('toolbar, editor and popup in French; French typography kept in the quote', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(h.server.url('/notes-fr.html'));
    const quote = await page.evaluate(() => (document.getElementById('q')!.firstChild as Text).data);
    // Selected with the real mouse: the content script ignores a page-dispatched mouseup.
    await dragSelect(page, '#q', quote);
    expect(quote).toContain('\u202f»');
    const toolbar = page.locator(`${TOOLBAR} .cl-note-editor[data-mode="new"]`);
    await toolbar.waitFor({ timeout: 30_000 });
    expect(await toolbar.locator('.cl-note-editor__title').textContent()).toBe('Surligner');
    expect(await toolbar.locator('[role="radio"]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual(['Jaune', 'Vert', 'Bleu', 'Rose', 'Violet']);
    expect(await toolbar.locator('[data-action="save"]').textContent()).toBe('Surligner');
    await toolbar.locator('textarea').fill('L’argument « qualité »');
    await toolbar.locator('textarea').press('Enter');
    await page.waitForFunction((q) => [...((CSS as any).highlights.get('claim-lens-note-yellow') ?? [])].some((r: Range) => r.toString() === q), quote, { timeout: 30_000 });

    const popup = await openPopupFor(h.browser, await tabIdOf(h.browser, page));
    const section = popup.locator('[data-testid="page-notes"]');
    await section.waitFor({ timeout: 30_000 });
    expect(await section.locator('h2').textContent()).toBe('Notes sur cette page · 1 surlignage');
    expect(await section.locator('.cl-note__text').textContent()).toBe(quote);
    expect(await section.locator('.cl-note__note').textContent()).toBe('L’argument « qualité »');
    expect(await section.locator('[data-testid="open-library"]').textContent()).toBe('Ouvrir la bibliothèque de notes');
    await popup.close();
    await page.close();
  });
});
