/**
 * A browser whose language is French gets the French interface: the card's and the popup's strings,
 * the category labels, and the concepts' titles. (Debian's Chromium ships only the en-US UI pack, so
 * the browser chrome stays English; the extension follows the message bundle the browser picked.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCategoryInfo, getConcept } from '../../engine/concepts';
import { openPopupFor, tabIdOf } from '../../scripts/e2e-utils';
import { CARD, claimPoint, settledReport, startHarness, waitForExpected, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ lang: 'fr' });
});
afterAll(async () => {
  await h?.close();
});

describe('French interface', () => {
  it('card and popup speak French, concepts included', async () => {
    const bundle = await h.browser.worker.evaluate(() => (globalThis as unknown as { chrome: any }).chrome.i18n.getMessage('ui_lang'));
    expect(bundle).toBe('fr');
    const page = await h.browser.context.newPage();
    await page.goto(h.server.url('/en-marketing.html'));
    await waitForExpected(page);
    const report = await settledReport(h, page);
    const pt = await claimPoint(page, '[data-expect][data-category="environmental"]');
    await page.mouse.click(pt.x, pt.y);
    const card = page.locator(`${CARD} .cl-card`);
    await card.waitFor({ timeout: 30_000 });
    expect(await card.locator('.cl-card__kicker').textContent()).toBe('Allégation marketing');
    expect(await card.locator('.cl-card__title').textContent()).toBe(getCategoryInfo('environmental').label.fr);
    const firstId = await card.locator('.cl-concept').first().getAttribute('data-concept');
    expect(await card.locator('.cl-concept__title').first().textContent()).toBe(getConcept(firstId!)!.title.fr);
    expect(await card.locator('.cl-concept .cl-button').first().textContent()).toBe('Voir dans la fenêtre de l’extension');

    const popup = await openPopupFor(h.browser, await tabIdOf(h.browser, page));
    await popup.locator('.cl-group').first().waitFor({ timeout: 30_000 });
    expect(await popup.locator('html').getAttribute('lang')).toBe('fr');
    expect(await popup.locator('.cl-totals h2').textContent()).toBe(`Allégations par type · ${report.claims.length} allégations`);
    expect(await popup.locator('.cl-switch').textContent()).toBe('Mettre en pause sur ce site');
    const firstGroup = await popup.locator('.cl-group').first().getAttribute('data-group');
    const groupTitle = await popup.locator('.cl-group__title').first().textContent();
    expect(groupTitle!.startsWith(getConcept(firstGroup!.replace('concept:', ''))!.title.fr)).toBe(true);
    await popup.close();
    await page.close();
  });

  it('no request went anywhere but 127.0.0.1 and the extension', () => {
    expect(h.browser.foreign).toEqual([]);
  });
});
