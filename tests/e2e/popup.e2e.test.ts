/**
 * The popup, opened for a fixture tab: lists the page's concepts and claims, totals per category,
 * regroups by category, scrolls the page to a claim (keyboard path: Enter opens its card with focus
 * inside), shows its empty states, and its pause switch stops scanning after a reload. The badge
 * shows the count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCategoryInfo, getConcept } from '../../engine/concepts';
import type { Category } from '../../engine/types';
import { openPopupFor, paintedRanges, tabIdOf } from '../../scripts/e2e-utils';
import { CARD, settledReport, startHarness, waitForExpected, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function badgeOf(tabId: number): Promise<string> {
  return h.browser.worker.evaluate((id) => (globalThis as unknown as { chrome: any }).chrome.action.getBadgeText({ tabId: id }), tabId);
}

describe('popup', () => {
  it('lists the concepts and claims of the page, with totals, and regroups by category', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(h.server.url('/fr-marketing.html'));
    await waitForExpected(page);
    const report = await settledReport(h, page);
    const tabId = await tabIdOf(h.browser, page);

    // The badge shows the number of claims.
    await expect.poll(() => badgeOf(tabId), { timeout: 30_000 }).toBe(String(report.claims.length));

    const popup = await openPopupFor(h.browser, tabId);
    await popup.locator('.cl-group').first().waitFor({ timeout: 30_000 });
    // One group per best concept of the claims, titled in the interface language (English here).
    const expectedConcepts = [...new Set(report.claims.map((c: { concepts: string[] }) => c.concepts[0]))] as string[];
    const groups = await popup.locator('.cl-group').evaluateAll((els) => els.map((e) => e.getAttribute('data-group')));
    expect(groups.sort()).toEqual(expectedConcepts.map((id) => `concept:${id}`).sort());
    const titles = await popup.locator('.cl-group__title').allTextContents();
    for (const id of expectedConcepts) expect(titles.some((t) => t.startsWith(getConcept(id)!.title.en))).toBe(true);
    // Every claim is listed once, with its text.
    const listed = await popup.locator('.cl-claim__text').allTextContents();
    expect(listed.sort()).toEqual(report.claims.map((c: { text: string }) => c.text).sort());
    // Totals per category add up.
    const totals = await popup.locator('.cl-totals__n').allTextContents();
    expect(totals.map(Number).reduce((a, b) => a + b, 0)).toBe(report.claims.length);

    // By category: one group per category, labelled.
    await popup.getByLabel('claim type').check();
    const catGroups = await popup.locator('.cl-group').evaluateAll((els) => els.map((e) => e.getAttribute('data-group')));
    const cats = [...new Set(report.claims.map((c: { category: string }) => c.category))] as Category[];
    expect(catGroups.sort()).toEqual(cats.map((c) => `cat:${c}`).sort());
    expect(await popup.locator('.cl-group__title').first().textContent()).toMatch(
      new RegExp(`^(${cats.map((c) => getCategoryInfo(c).label.en.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`),
    );
    // The legend lists all thirteen categories.
    expect(await popup.locator('.cl-legend__list li').count()).toBe(13);
    await popup.close();
    await page.close();
  });

  it('scrolls the page to a claim and, from the keyboard, opens its card with focus inside', async () => {
    const page = await h.browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 400 });
    await page.goto(h.server.url('/fr-marketing.html'));
    await waitForExpected(page);
    await settledReport(h, page);
    const tabId = await tabIdOf(h.browser, page);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const popup = await openPopupFor(h.browser, tabId);
    // The last claim of the page is below the fold of this short window.
    const last = popup.locator('[data-group^="concept:"] .cl-claim button', { hasText: 'neutre en carbone' });
    await last.focus();
    await popup.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => window.scrollY), { timeout: 30_000 }).toBeGreaterThan(0);
    // The claim is flashed with the "active" highlight and its card is open, focus on its close button.
    await expect
      .poll(() => page.evaluate(() => [...((CSS as any).highlights.get('claim-lens-active') ?? [])].map((r: Range) => r.toString())), { timeout: 30_000 })
      .toEqual([expect.stringContaining('neutre en carbone')]);
    await page.locator(`${CARD} .cl-card`).waitFor({ timeout: 30_000 });
    await expect
      .poll(() => page.evaluate((host) => document.querySelector(host)?.shadowRoot?.activeElement?.className ?? '', CARD), { timeout: 30_000 })
      .toBe('cl-card__close');
    // Escape closes the card and clears the active highlight.
    await page.bringToFront();
    await page.keyboard.press('Escape');
    await page.locator(CARD).waitFor({ state: 'detached', timeout: 30_000 });
    expect(await page.evaluate(() => (CSS as any).highlights.get('claim-lens-active')?.size ?? 0)).toBe(0);
    await popup.close();
    await page.close();
  });

  it('says when there is no claim, and when the page cannot be scanned', async () => {
    const prose = await h.browser.context.newPage();
    await prose.goto(h.server.url('/prose.html'));
    await settledReport(h, prose);
    const popup = await openPopupFor(h.browser, await tabIdOf(h.browser, prose));
    await popup.locator('[data-testid="empty-none"]').waitFor({ timeout: 30_000 });
    expect(await popup.locator('.cl-claim').count()).toBe(0);
    await popup.close();
    await prose.close();

    const internal = await h.browser.context.newPage();
    await internal.goto('chrome://version');
    const popup2 = await openPopupFor(h.browser, await tabIdOf(h.browser, internal));
    await popup2.locator('[data-testid="empty-unavailable"]').waitFor({ timeout: 30_000 });
    expect(await popup2.locator('[data-testid="pause-switch"]').count()).toBe(0);
    await popup2.close();
    await internal.close();
  });

  it('pause on this site: remembered, takes effect on reload, and can be undone', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(h.server.url('/en-marketing.html'));
    await waitForExpected(page);
    const tabId = await tabIdOf(h.browser, page);
    let popup = await openPopupFor(h.browser, tabId);
    const toggle = popup.locator('[data-testid="pause-switch"]');
    await toggle.waitFor({ timeout: 30_000 });
    expect(await toggle.isChecked()).toBe(false);
    await toggle.check();
    await popup.getByText('Takes effect when you reload the page.').waitFor({ timeout: 30_000 });
    // Still painted until the reload.
    expect((await paintedRanges(page)).length).toBeGreaterThan(0);
    await popup.close();

    await page.reload();
    // The content script answers "paused" and has painted nothing, on this page and on another
    // page of the same site.
    expect(await settledReport(h, page)).toEqual({ status: 'paused', origin: h.server.origin });
    expect(await paintedRanges(page)).toEqual([]);
    const other = await h.browser.context.newPage();
    await other.goto(h.server.url('/fr-marketing.html'));
    expect(await settledReport(h, other)).toEqual({ status: 'paused', origin: h.server.origin });
    expect(await paintedRanges(other)).toEqual([]);
    await other.close();

    popup = await openPopupFor(h.browser, await tabIdOf(h.browser, page));
    await popup.locator('[data-testid="empty-paused"]').waitFor({ timeout: 30_000 });
    expect(await popup.locator('[data-testid="pause-switch"]').isChecked()).toBe(true);
    // Undo: the next reload scans again.
    await popup.locator('[data-testid="pause-switch"]').uncheck();
    await popup.getByText('Takes effect when you reload the page.').waitFor({ timeout: 30_000 });
    await popup.close();
    await page.reload();
    await waitForExpected(page);
    await page.close();
  });

  it('no request went anywhere but 127.0.0.1 and the extension', () => {
    expect(h.browser.foreign).toEqual([]);
  });
});
