/**
 * Pages that change: text added after load and a pushState navigation are flagged; a
 * contenteditable area (and a textarea) is never touched nor painted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paintedRanges } from '../../scripts/e2e-utils';
import { settledReport, startHarness, waitForExpected, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('dynamic pages', () => {
  it('flags text added after load', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(h.server.url('/dynamic.html'));
    await waitForExpected(page);
    expect(await page.locator('[data-expect]').count()).toBe(1);
    await page.evaluate(() => (window as unknown as { addLateText: () => void }).addLateText());
    expect(await page.locator('[data-expect]').count()).toBe(2);
    await waitForExpected(page);
    const texts = (await paintedRanges(page)).map((r) => r.text).join(' | ');
    expect(texts).toMatch(/rated 4\.9/);
    await page.close();
  });

  it('flags the new view after a pushState navigation', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(h.server.url('/dynamic.html'));
    await waitForExpected(page);
    await page.click('#offers');
    await page.waitForURL(/\/dynamic\/offers$/);
    await page.locator('#view [data-category="urgency"]').waitFor();
    await waitForExpected(page);
    const painted = await paintedRanges(page);
    expect(painted.some((r) => r.name === 'claim-lens-urgency' && /ends tonight/i.test(r.text))).toBe(true);
    // The old view's claim is gone with its text.
    expect(painted.some((r) => /eco-friendly/.test(r.text))).toBe(false);
    await page.close();
  });
});

describe('editable regions', () => {
  it('leaves a contenteditable area and a textarea untouched and unpainted', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(h.server.url('/editable.html'));
    const before = await page.evaluate(() => ({
      editor: document.getElementById('editor')!.innerHTML,
      ta: (document.getElementById('ta') as HTMLTextAreaElement).value,
    }));
    // The claim outside the editor is painted, so the scanner has run over the page...
    await waitForExpected(page);
    // ...and has finished reading it.
    const report = await settledReport(h, page);
    expect(report.status).toBe('ok');
    const inEditor = await page.evaluate(() => {
      const reg = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights;
      const editor = document.getElementById('editor')!;
      const out: string[] = [];
      for (const [, hl] of reg) for (const r of hl) if (r instanceof Range && (editor.contains(r.startContainer) || editor.contains(r.endContainer))) out.push(r.toString());
      return out;
    });
    expect(inEditor).toEqual([]);
    // Every reported claim is the one outside the editor (the editor repeats the same words).
    expect(report.claims.length).toBeGreaterThan(0);
    for (const c of report.claims) expect(c.sentence).toMatch(/^Notre offre/);
    const after = await page.evaluate(() => ({
      editor: document.getElementById('editor')!.innerHTML,
      ta: (document.getElementById('ta') as HTMLTextAreaElement).value,
    }));
    expect(after).toEqual(before);

    // Typing in the editor stays the user's business: still nothing painted there.
    await page.click('#editor p');
    await page.keyboard.type(' Offre exclusive, dernière chance !');
    await settledReport(h, page);
    const stillNone = await page.evaluate(() => {
      const reg = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights;
      const editor = document.getElementById('editor')!;
      let n = 0;
      for (const [, hl] of reg) for (const r of hl) if (r instanceof Range && editor.contains(r.startContainer)) n++;
      return n;
    });
    expect(stillNone).toBe(0);
    await page.close();
  });
});

describe('network', () => {
  it('no request went anywhere but 127.0.0.1 and the extension', () => {
    expect(h.browser.foreign).toEqual([]);
  });
});
