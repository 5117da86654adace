/**
 * Claims are painted on French and English marketing pages (in the page's own CSS.highlights
 * registry, with the category's highlight), the paint is visible on screen, ordinary prose gets
 * nothing, and no request ever leaves for anywhere but 127.0.0.1 and the extension.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedShare, decodePng, paintedRanges, waitForPaint } from '../../scripts/e2e-utils';
import { expectedHits, settledReport, startHarness, waitForExpected, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe.each([
  ['French', '/fr-marketing.html', 7],
  ['English', '/en-marketing.html', 6],
])('%s marketing page', (_, path, expectedCount) => {
  it('paints every expected claim with its category', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(h.server.url(path));
    await waitForExpected(page);
    const hits = await expectedHits(page);
    expect(hits).toHaveLength(expectedCount);
    for (const hit of hits) {
      // Each expected phrase is covered by a highlight named after its category.
      expect({ text: hit.text, names: hit.names }).toEqual({ text: hit.text, names: expect.arrayContaining([`claim-lens-${hit.category}`]) });
    }
    // Nothing painted in the plain product facts (sizes, weights, address).
    const painted = await paintedRanges(page);
    for (const r of painted) expect(r.text).not.toMatch(/\b(cm|kg|Tanneurs|LED)\b/);
    await page.close();
  });

  it('makes the paint visible: the claim box changes colour when the highlights are removed', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(h.server.url(path));
    await waitForExpected(page);
    const box = await page.locator('[data-expect]').first().boundingBox();
    expect(box).not.toBeNull();
    const clip = { x: box!.x, y: box!.y, width: box!.width, height: box!.height };
    const painted = decodePng(await page.screenshot({ clip }));
    // The same pixels with our highlights taken out of the page's registry.
    await page.evaluate(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.clear());
    await page.waitForFunction(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.size === 0);
    const plain = decodePng(await page.screenshot({ clip }));
    expect(painted.width).toBe(plain.width);
    // Most of the claim's box is tinted (background wash), not just a few anti-aliased pixels.
    expect(changedShare(painted, plain)).toBeGreaterThan(0.3);
    await page.close();
  });
});

describe('ordinary prose', () => {
  it('gets no highlight at all', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(h.server.url('/prose.html'));
    // Wait until the content script says it has read the whole page (no clock involved).
    const state = await settledReport(h, page);
    expect(state).toMatchObject({ status: 'ok', claims: [] });
    expect(await paintedRanges(page)).toEqual([]);
    await page.close();
  });
});

describe('the demo page', () => {
  it('is painted, and the traps (legal text, free software, logiciel libre) are not', async () => {
    const { serveDir, ROOT } = await import('../../scripts/e2e-utils');
    const demo = await serveDir(`${ROOT}/demo`);
    try {
      const page = await h.browser.context.newPage();
      await page.goto(demo.url('/index.html'));
      await waitForPaint(page, 10);
      const legal = await page.evaluate(() => {
        const reg = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights;
        const out: string[] = [];
        const traps = [document.getElementById('mentions')!, document.querySelector('#pipeline .note')!];
        for (const [, hl] of reg)
          for (const r of hl)
            if (r instanceof Range && traps.some((t) => t.contains(r.startContainer))) out.push(r.toString());
        return out;
      });
      expect(legal).toEqual([]);
      await page.close();
    } finally {
      await demo.close();
    }
  });
});

describe('network', () => {
  it('no request went anywhere but 127.0.0.1 and the extension', () => {
    // Every page above was loaded in this context; the route recorded (and aborted) anything else.
    expect(h.browser.foreign).toEqual([]);
  });
});
