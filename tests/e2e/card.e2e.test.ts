/**
 * The in-page card: a click on a painted claim opens it next to the claim with the category, the
 * reasons and the linked concepts (those the engine gives for that claim), Escape and a click
 * outside close it, the page does not move, and "see in the popup" shows the concept in the popup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCategoryInfo, getConcept } from '../../engine/concepts';
import { detect } from '../../engine';
import type { Category } from '../../engine/types';
import { openPopupFor, tabIdOf } from '../../scripts/e2e-utils';
import { CARD, claimPoint, startHarness, waitForExpected, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** What the engine says about the claim inside `selector`'s paragraph: its concepts, best first. */
async function engineConcepts(page: import('playwright-core').Page, selector: string): Promise<string[]> {
  const { para, phrase } = await page.evaluate((sel) => {
    const el = document.querySelector(sel)!;
    return { para: el.closest('p')!.textContent ?? '', phrase: el.textContent ?? '' };
  }, selector);
  const at = para.indexOf(phrase);
  const claim = detect(para).find((c) => c.start < at + phrase.length && at < c.end);
  if (!claim) throw new Error(`engine finds no claim on "${phrase}"`);
  return claim.concepts;
}

describe('card', () => {
  it('opens on click next to the claim and lists the expected concepts', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(h.server.url('/fr-marketing.html'));
    await waitForExpected(page);
    const sel = '[data-expect][data-category="environmental"]';
    const expected = await engineConcepts(page, sel);
    expect(expected.length).toBeGreaterThan(0);
    const scrollBefore = await page.evaluate(() => [window.scrollX, window.scrollY, document.documentElement.scrollHeight]);
    const pt = await claimPoint(page, sel);
    const scrollAtClick = await page.evaluate(() => [window.scrollX, window.scrollY, document.documentElement.scrollHeight]);
    await page.mouse.click(pt.x, pt.y);

    const card = page.locator(`${CARD} .cl-card`);
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    // Category label in the interface language (this browser runs in English).
    const info = getCategoryInfo('environmental' as Category);
    await expect.poll(() => card.locator('.cl-card__title').textContent()).toBe(info.label.en);
    expect(await card.locator('[data-testid="claim-text"]').textContent()).toMatch(/éco-responsable/);
    expect(await card.locator('.cl-card__desc').textContent()).toBe(info.description.en);
    // Every concept the engine linked, in order, with its English title and its source.
    const ids = await card.locator('.cl-concept').evaluateAll((els) => els.map((e) => e.getAttribute('data-concept')));
    expect(ids).toEqual(expected);
    const titles = await card.locator('.cl-concept__title').allTextContents();
    expect(titles).toEqual(expected.map((id) => getConcept(id)!.title.en));
    const first = getConcept(expected[0]!)!;
    expect(await card.locator('.cl-concept').first().locator('blockquote').textContent()).toBe(first.quote);
    expect(await card.locator('.cl-concept').first().locator('figcaption').textContent()).toContain(first.source.author);

    // Placed next to the claim, inside the viewport, as an overlay: the page did not move or grow.
    const box = (await page.locator(`${CARD} .cl-root`).boundingBox())!;
    const vp = page.viewportSize()!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(vp.width);
    expect(Math.abs(box.y - pt.y) < 200 || Math.abs(box.y + box.height - pt.y) < 200).toBe(true);
    expect(await page.evaluate(() => [window.scrollX, window.scrollY, document.documentElement.scrollHeight])).toEqual(scrollAtClick);
    expect(scrollBefore[2]).toBe(scrollAtClick[2]);

    // Escape closes it.
    await page.keyboard.press('Escape');
    await page.locator(CARD).waitFor({ state: 'detached', timeout: 30_000 });

    // Reopen, then a click elsewhere closes it; a click inside does not.
    await page.mouse.click(pt.x, pt.y);
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    await card.locator('.cl-card__desc').click();
    expect(await page.locator(CARD).count()).toBe(1);
    await page.mouse.click(5, 5);
    await page.locator(CARD).waitFor({ state: 'detached', timeout: 30_000 });
    await page.close();
  });

  it('"see in the popup" shows the concept in the popup', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(h.server.url('/en-marketing.html'));
    await waitForExpected(page);
    const sel = '[data-expect][data-category="fear"]';
    const expected = await engineConcepts(page, sel);
    const pt = await claimPoint(page, sel);
    await page.mouse.click(pt.x, pt.y);
    const card = page.locator(`${CARD} .cl-card`);
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    await card.locator('.cl-concept .cl-button').first().click();
    // The background opens the action popup (headless Chromium opens it off screen) or, where it
    // cannot, the card says how to open it.
    await expect
      .poll(
        async () =>
          (await card.locator('.cl-card__notice').count()) > 0 ||
          (await h.browser.worker.evaluate(async () => {
            const c = (globalThis as unknown as { chrome: any }).chrome;
            return (await c.runtime.getContexts({ contextTypes: ['POPUP'] })).length > 0;
          })),
        { timeout: 30_000 },
      )
      .toBe(true);

    // The popup, for this tab, shows the concept the card asked for, while the card is open.
    const tabId = await tabIdOf(h.browser, page);
    const popup = await openPopupFor(h.browser, tabId);
    const focused = popup.locator('[data-testid="focused-concept"]');
    await focused.waitFor({ timeout: 30_000 });
    expect(await focused.getAttribute('data-concept')).toBe(expected[0]);
    expect(await focused.locator('h2').textContent()).toBe(getConcept(expected[0]!)!.title.en);
    // Closing the card drops it: the popup opened afterwards lists the claims without it.
    await page.bringToFront();
    await page.keyboard.press('Escape');
    await page.locator(CARD).waitFor({ state: 'detached', timeout: 30_000 });
    await popup.reload();
    await popup.locator('.cl-group').first().waitFor({ timeout: 30_000 });
    expect(await popup.locator('[data-testid="focused-concept"]').count()).toBe(0);
    await popup.close();
    await page.close();
  });

  it('a page-dispatched click on a claim opens no card, a dispatched Escape closes none; the user’s click and Escape do', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(h.server.url('/fr-marketing.html'));
    await waitForExpected(page);
    const pt = await claimPoint(page, '[data-expect][data-category="environmental"]');
    await page.evaluate(({ x, y }) => {
      const w = window as unknown as { __cards: number };
      w.__cards = 0;
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.addedNodes) if (n.nodeName.toLowerCase() === 'claim-lens-card') w.__cards++;
      }).observe(document.documentElement, { childList: true });
      const el = document.elementFromPoint(x, y)!;
      const init = { bubbles: true, composed: true, cancelable: true, clientX: x, clientY: y, button: 0 };
      el.dispatchEvent(new MouseEvent('mousedown', init));
      el.dispatchEvent(new MouseEvent('mouseup', init));
      el.dispatchEvent(new MouseEvent('click', init));
    }, pt);
    // Opening takes no message round trip, but is asynchronous: give it ample time to (wrongly) happen.
    await page.waitForTimeout(1000);
    expect(await page.evaluate(() => (window as unknown as { __cards: number }).__cards)).toBe(0);
    // Control: the user's click at the same point opens it.
    await page.mouse.click(pt.x, pt.y);
    await page.locator(`${CARD} .cl-card`).waitFor({ state: 'visible', timeout: 30_000 });
    // Closing is synchronous: a dispatched Escape or click elsewhere is checked right away.
    const stillOpen = await page.evaluate((host) => {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
      document.body.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, clientX: 5, clientY: 5 }));
      return document.querySelector(host) !== null;
    }, CARD);
    expect(stillOpen).toBe(true);
    await page.keyboard.press('Escape');
    await page.locator(CARD).waitFor({ state: 'detached', timeout: 30_000 });
    await page.close();
  });

  it('makes no request outside 127.0.0.1 and the extension', () => {
    expect(h.browser.foreign).toEqual([]);
  });
});
