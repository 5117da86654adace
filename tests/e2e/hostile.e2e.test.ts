/**
 * Hostile pages: a stylesheet that attacks every element does not change the card, claim text that
 * looks like markup is shown as text in the card and in the popup (nothing runs), and the page's
 * window gets no message from us (its listeners may be anything).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { changedShare, decodePng, openPopupFor, tabIdOf, type Bitmap } from '../../scripts/e2e-utils';
import { CARD, claimPoint, startHarness, waitForExpected, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const STYLED = ['.cl-root', '.cl-card', '.cl-card__title', '.cl-card__kicker', '.cl-card__close', '.cl-card__claim', '.cl-h3', '.cl-concept', '.cl-concept__title', '.cl-button'];
const PROPS = ['display', 'position', 'font-family', 'font-size', 'font-weight', 'line-height', 'letter-spacing', 'color', 'background-color', 'padding-top', 'padding-left', 'border-top-width', 'border-top-color', 'margin-top', 'width', 'text-transform'];

async function openCard(page: Page, selector: string) {
  const pt = await claimPoint(page, selector);
  await page.mouse.click(pt.x, pt.y);
  await page.locator(`${CARD} .cl-card`).waitFor({ state: 'visible', timeout: 30_000 });
  // the concepts are rendered in the same pass as the title; wait for the last section too
  await page.locator(`${CARD} .cl-concept`).first().waitFor({ timeout: 30_000 });
}

async function cardStyles(page: Page): Promise<Record<string, Record<string, string>>> {
  return page.evaluate(
    ({ selectors, props, host }) => {
      const root = document.querySelector(host)!.shadowRoot!;
      const out: Record<string, Record<string, string>> = {};
      for (const sel of selectors) {
        const el = root.querySelector(sel);
        if (!el) {
          out[sel] = { missing: 'yes' };
          continue;
        }
        const cs = getComputedStyle(el);
        out[sel] = Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
      }
      const hostCs = getComputedStyle(document.querySelector(host)!);
      out.host = { display: hostCs.display, visibility: hostCs.visibility, opacity: hostCs.opacity };
      return out;
    },
    { selectors: STYLED, props: PROPS, host: CARD },
  );
}

/** The card's pixels, inset past its rounded corners (where the page shows through by design). */
async function cardShot(page: Page): Promise<Bitmap> {
  const box = (await page.locator(`${CARD} .cl-root`).boundingBox())!;
  const inset = 12;
  return decodePng(await page.screenshot({ clip: { x: box.x + inset, y: box.y + inset, width: box.width - 2 * inset, height: box.height - 2 * inset } }));
}

describe('a page whose CSS attacks every element', () => {
  it('does not change the card (computed styles and pixels)', async () => {
    const page = await h.browser.context.newPage();
    // Tall enough that the card gets its full height wherever the claim sits in either layout.
    await page.setViewportSize({ width: 1280, height: 1400 });
    await page.goto(h.server.url('/attack.html'));
    await waitForExpected(page);
    const sel = '[data-expect][data-category="urgency"]';

    // With the attack.
    await openCard(page, sel);
    const attacked = await cardStyles(page);
    const attackedShot = await cardShot(page);
    // The attack is live on the page itself (so the comparison means something).
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('p')!).color)).toBe('rgb(255, 0, 0)');
    await page.keyboard.press('Escape');
    await page.locator(CARD).waitFor({ state: 'detached', timeout: 30_000 });

    // Without it.
    await page.evaluate(() => {
      (document.getElementById('attack') as HTMLStyleElement).sheet!.disabled = true;
    });
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('p')!).color)).not.toBe('rgb(255, 0, 0)');
    await openCard(page, sel);
    const clean = await cardStyles(page);
    const cleanShot = await cardShot(page);

    expect(attacked).toEqual(clean);
    expect(attacked.host).toMatchObject({ visibility: 'visible', opacity: '1' });
    expect(attacked['.cl-root']!.position).toBe('fixed');
    expect(attacked['.cl-card__title']!.color).not.toBe('rgb(255, 0, 0)');
    expect([attackedShot.width, attackedShot.height]).toEqual([cleanShot.width, cleanShot.height]);
    expect(attackedShot.height).toBeGreaterThan(200);
    // Same pixels (a hair of tolerance for anti-aliasing; a style leak changes far more).
    expect(changedShare(attackedShot, cleanShot)).toBeLessThan(0.002);
    await page.close();
  });
});

describe('claim text that looks like markup', () => {
  it('is shown as text in the card and in the popup, and nothing runs', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(h.server.url('/hostile.html'));
    await waitForExpected(page);
    await openCard(page, '[data-expect][data-category="urgency"]');
    const sentence = await page.locator(`${CARD} [data-testid="claim-sentence"]`).textContent();
    expect(sentence).toContain('<img src=x onerror="window.__pwned=1">');
    const inCard = await page.evaluate((host) => {
      const root = document.querySelector(host)!.shadowRoot!;
      return { imgs: root.querySelectorAll('img').length, scripts: root.querySelectorAll('script').length };
    }, CARD);
    expect(inCard).toEqual({ imgs: 0, scripts: 0 });

    const tabId = await tabIdOf(h.browser, page);
    const popup = await openPopupFor(h.browser, tabId);
    await popup.locator('.cl-claim').first().waitFor({ timeout: 30_000 });
    const sentences = await popup.locator('.cl-claim__sentence').allTextContents();
    expect(sentences.some((s) => s.includes('<img src=x onerror="window.__pwned=1">'))).toBe(true);
    expect(sentences.some((s) => s.includes('<script>window.__pwned=2</script>'))).toBe(true);
    expect(await popup.locator('img').count()).toBe(0);
    expect(await popup.locator('.cl-popup script').count()).toBe(0);

    expect(await page.evaluate(() => (window as unknown as { __pwned: number }).__pwned)).toBe(0);
    await popup.close();
    await page.close();
  });
});

describe('messages to the page', () => {
  it('the page window receives no postMessage from the extension while it scans', async () => {
    const page = await h.browser.context.newPage();
    // Recorded from the page's own world, before any script of the page or of the extension runs.
    await page.addInitScript(() => {
      const seen: unknown[] = [];
      (window as unknown as { __messages: unknown[] }).__messages = seen;
      window.addEventListener('message', (e) => seen.push(typeof e.data === 'object' ? JSON.stringify(e.data) : String(e.data)));
    });
    await page.goto(h.server.url('/hostile.html'));
    await waitForExpected(page);
    expect(await page.evaluate(() => (window as unknown as { __messages: unknown[] }).__messages)).toEqual([]);
    await page.close();
  });
});

describe('network', () => {
  it('no request went anywhere but 127.0.0.1 and the extension', () => {
    expect(h.browser.foreign).toEqual([]);
  });
});
