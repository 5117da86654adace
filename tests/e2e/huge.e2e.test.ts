/**
 * A page with ten thousand claims: only those around the viewport are registered with
 * CSS.highlights (dom/scanner.ts, paint window), the window follows a scroll, every claim stays
 * known to the content script, and the popup lists the first 5,000 and says how many there are.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPopupFor, paintedRanges, tabIdOf } from '../../scripts/e2e-utils';
import { settledReport, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Paragraph numbers (p<i>) holding a registered claim range, sorted. */
async function paintedParagraphs(page: import('playwright-core').Page): Promise<number[]> {
  return page.evaluate(() => {
    const reg = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights;
    const out = new Set<number>();
    for (const [name, hl] of reg) {
      if (!name.startsWith('claim-lens-')) continue;
      for (const r of hl) {
        const p = (r.startContainer.parentElement as HTMLElement | null)?.closest('p');
        if (p?.id) out.add(Number(p.id.slice(1)));
      }
    }
    return [...out].sort((a, b) => a - b);
  });
}

describe('a page with ten thousand claims', () => {
  it('paints the claims around the viewport, follows a scroll, and the popup says how many there are', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(h.server.url('/many-claims.html'));
    const report = await settledReport(h, page, 120_000);
    expect(report.status).toBe('ok');
    expect(report.total).toBe(10_400); // two claims per paragraph, all known
    expect(report.claims).toHaveLength(5000); // the answer lists the first 5,000
    expect(report.claims[0].text).toBe('plus que quelques heures');
    expect(report.shown).toBe(2000);

    // Only the window is registered: the top of the page, not its end.
    await expect.poll(async () => (await paintedRanges(page)).length, { timeout: 30_000 }).toBe(2000);
    let painted = await paintedParagraphs(page);
    expect(painted[0]).toBe(0);
    expect(painted).not.toContain(5199);

    // Scrolled to the end: the window moves there.
    await page.evaluate(() => document.getElementById('p5199')!.scrollIntoView({ block: 'end' }));
    await expect.poll(async () => (await paintedParagraphs(page)).includes(5199), { timeout: 30_000 }).toBe(true);
    painted = await paintedParagraphs(page);
    expect(painted).not.toContain(0);
    expect((await paintedRanges(page)).length).toBeLessThanOrEqual(2000);

    const tabId = await tabIdOf(h.browser, page);
    const popup = await openPopupFor(h.browser, tabId);
    await popup.locator('[data-testid="listed-of"]').waitFor({ timeout: 30_000 });
    expect(await popup.locator('[data-testid="listed-of"]').textContent()).toBe(
      'Only the first 5000 of the 10400 claims on this page are listed (totals count the listed ones).',
    );
    expect(await popup.locator('.cl-claim__text').count()).toBe(5000);
    // Choosing a claim far from the window of the moment (paragraph 0, top of the page) scrolls
    // there, and the window follows: it is painted again.
    await popup.locator('[data-group] .cl-claim[data-claim-id] .cl-claim__button').first().click();
    await expect.poll(async () => (await paintedParagraphs(page)).includes(0), { timeout: 30_000 }).toBe(true);
    expect((await paintedRanges(page)).length).toBeLessThanOrEqual(2001); // the window, plus the chosen claim's "active" mark
    await popup.close();
    await page.close();
  });
});
