/**
 * The notes library (/library.html) in Chromium with the built extension: search and every filter
 * narrow the list, edit, delete with undo, live update from another tab, a stale editor refused
 * ("changed elsewhere") instead of overwriting another tab's edit, "open the page" (http(s) only, at
 * the quote), paging over
 * 10,000+ rows, and the persistence state. Rows are seeded into the extension's own IndexedDB from
 * the library page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConcept } from '../../engine/concepts';
import type { Highlight } from '../../storage';
import { startHarness, type Harness } from './harness';
import { DAY, T0, changeStore, listedIds, openLibrary, row, sampleRows, seed, storedRows, unseed, waitReady } from './library-helpers';

let h: Harness;
let rows: Highlight[];
beforeAll(async () => {
  h = await startHarness();
  rows = sampleRows(h.server.url('/fr-marketing.html'));
});
afterAll(async () => {
  await h?.close();
});

const ids = (...ns: number[]) => ns.map((n) => rows[n - 1]!.id);
const sorted = (a: string[]) => [...a].sort();

describe('notes library', () => {
  it('lists every highlight grouped by page, newest first, page text as text only', async () => {
    const page = await openLibrary(h.browser);
    await seed(page, rows);
    await expect.poll(() => page.locator('.cl-lib-count').textContent()).toBe('6 highlights');
    // Pages ordered by their newest highlight; rows newest first inside a page.
    const groups = await page.locator('.cl-lib-page').evaluateAll((els) => els.map((e) => e.getAttribute('data-url')));
    expect(groups).toEqual([rows[5]!.url, rows[4]!.url, rows[2]!.url, rows[0]!.url]);
    expect(await listedIds(page)).toEqual(ids(6, 5, 4, 3, 2, 1));
    // Titles and URLs are shown; the hostile quote is text, not markup.
    await expect.poll(() => page.locator('.cl-lib-page__title').allTextContents()).toEqual(['Fixture page', 'A blog post', 'Boutique « Élan »', 'Le Monde — planète']);
    expect(await page.locator('.cl-lib-item img').count()).toBe(0);
    expect(await page.locator('.cl-lib-item b').count()).toBe(0);
    expect(await page.locator(`[data-id="${rows[3]!.id}"] blockquote`).textContent()).toBe(rows[3]!.text);
    expect(await page.title()).not.toContain('pwned');
    // Concept titles come from the knowledge base, in the interface language (English here).
    expect(await page.locator(`[data-id="${rows[1]!.id}"] .cl-lib-concept`).allTextContents()).toEqual([getConcept('needs-created-by-anxiety')!.title.en]);
    // The persistence state is settled and said in words.
    const persist = page.locator('.cl-lib-persist');
    await expect.poll(() => persist.getAttribute('data-state')).toMatch(/^(granted|denied)$/);
    expect((await persist.textContent())!.length).toBeGreaterThan(20);
    await page.close();
  });

  it('search (accents, case, apostrophes) and each filter narrow the list', async () => {
    const page = await openLibrary(h.browser);
    const search = page.locator('input[type="search"]');
    const expectIds = async (want: string[]) => expect.poll(async () => sorted(await listedIds(page)), { timeout: 15_000 }).toEqual(sorted(want));

    await search.fill('ECOLOGIQUE');
    await expectIds(ids(1));
    // A typed straight apostrophe finds the curly one; notes and tags are searched too.
    await search.fill("l'offre");
    await expectIds(ids(2));
    await search.fill('label');
    await expectIds(ids(1));
    await search.fill('#urgence');
    await expectIds(ids(2, 5));
    await expect.poll(() => page.locator('.cl-lib-count').textContent()).toBe('2 of 6 highlights match');
    await search.fill('');
    await expectIds(ids(1, 2, 3, 4, 5, 6));

    const pick = async (name: string, value: string, want: string[]) => {
      await page.locator(`select[name="${name}"]`).selectOption(value);
      await expectIds(want);
      await page.locator(`select[name="${name}"]`).selectOption('');
      await expectIds(ids(1, 2, 3, 4, 5, 6));
    };
    await pick('site', 'shop.example.com', ids(3, 4));
    await pick('concept', 'needs-created-by-anxiety', ids(2));
    await pick('category', 'environmental', ids(1));
    await pick('tag', 'urgence', ids(2, 5));
    await pick('color', 'yellow', ids(5, 6));

    // Date range: local days around the rows' creation (row n is created T0 + n days at noon UTC).
    const day = (ms: number) => {
      const d = new Date(ms);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };
    await page.locator('input[name="from"]').fill(day(T0 + 3 * DAY));
    await expectIds(ids(3, 4, 5, 6));
    await page.locator('input[name="to"]').fill(day(T0 + 4 * DAY));
    await expectIds(ids(3, 4));
    // Filters combine with the search.
    await search.fill('café');
    await expectIds(ids(3));
    await page.locator('.cl-lib-filters__clear').click();
    await expectIds(ids(1, 2, 3, 4, 5, 6));
    expect(await search.inputValue()).toBe('');
    // Nothing matches: said so.
    await search.fill('zzzz introuvable');
    await expect(page.locator('.cl-lib-empty').textContent()).resolves.toBeTruthy();
    await expectIds([]);
    await page.close();
  });

  it('opens filtered from its URL and keeps the filters in the URL across a reload', async () => {
    const page = await openLibrary(h.browser, '?site=shop.example.com&q=caf%C3%A9');
    await expect.poll(() => listedIds(page)).toEqual(ids(3));
    expect(await page.locator('select[name="site"]').inputValue()).toBe('shop.example.com');
    expect(await page.locator('input[type="search"]').inputValue()).toBe('café');
    await page.locator('input[type="search"]').fill('');
    await page.locator('select[name="color"]').selectOption('purple');
    await expect.poll(() => new URL(page.url()).search).toBe('?site=shop.example.com&color=purple');
    await page.reload();
    await waitReady(page);
    await expect.poll(() => listedIds(page)).toEqual(ids(4));
    await page.close();
  });

  it('edits note, tags and colour, and deletes with undo (keyboard)', async () => {
    const page = await openLibrary(h.browser);
    const item = page.locator(`[data-id="${rows[2]!.id}"]`);
    await item.locator('.cl-lib-item__edit').click();
    const note = item.locator('textarea');
    // Focus goes to the note.
    expect(await note.evaluate((el) => el === document.activeElement)).toBe(true);
    await note.fill('Superlatif invérifiable\u202f: « le meilleur » sans comparaison.');
    await item.locator('.cl-lib-edit__tags').fill('#superlatif, café  à-revoir');
    await item.locator('input[type="radio"][value="pink"]').check();
    await item.locator('.cl-lib-edit__save').click();
    await expect.poll(() => item.locator('.cl-lib-item__note').textContent()).toBe('Superlatif invérifiable\u202f: « le meilleur » sans comparaison.');
    expect(await item.locator('.cl-lib-tag').allTextContents()).toEqual(['#superlatif', '#café', '#à-revoir']);
    // Focus is back on the row's Edit button.
    expect(await item.locator('.cl-lib-item__edit').evaluate((el) => el === document.activeElement)).toBe(true);
    const stored = (await storedRows(page)).find((r) => r.id === rows[2]!.id)!;
    expect(stored).toMatchObject({ note: 'Superlatif invérifiable\u202f: « le meilleur » sans comparaison.', tags: ['superlatif', 'café', 'à-revoir'], color: 'pink' });
    expect(stored.updatedAt).toBeGreaterThan(rows[2]!.updatedAt);

    // Escape cancels an edit without saving.
    await item.locator('.cl-lib-item__edit').click();
    await item.locator('textarea').fill('not kept');
    await page.keyboard.press('Escape');
    await expect.poll(() => item.locator('textarea').count()).toBe(0);
    expect(await item.locator('.cl-lib-item__note').textContent()).toContain('Superlatif');

    // Delete from the keyboard: the row goes, "Undo" takes focus, Enter brings the row back.
    await item.locator('.cl-lib-item__delete').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => item.count()).toBe(0);
    const undo = page.locator('.cl-lib-undo__button');
    await expect.poll(() => undo.evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await storedRows(page)).find((r) => r.id === rows[2]!.id)!.deletedAt).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.cl-lib-count').textContent(), { timeout: 15_000 }).toBe('5 highlights');
    await page.keyboard.press('Enter');
    await expect.poll(() => item.count()).toBe(1);
    // Focus lands on the restored row, not at the top of the page.
    await expect.poll(() => item.locator('.cl-lib-item__delete').evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await storedRows(page)).find((r) => r.id === rows[2]!.id)!.deletedAt).toBeUndefined();
    await expect.poll(() => page.locator('.cl-lib-undo').count()).toBe(0);
    await expect.poll(() => page.locator('.cl-lib-count').textContent()).toBe('6 highlights');
    await page.close();
  });

  it('updates live when a highlight is saved from another tab (through the background)', async () => {
    const page = await openLibrary(h.browser);
    expect(await listedIds(page)).toHaveLength(6);
    const other = await openLibrary(h.browser);
    const answer = await other.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: any }).chrome;
      return c.runtime.sendMessage({
        type: 'note-save',
        note: {
          url: 'https://news.example.net/a?utm_source=x#top',
          pageTitle: 'Saved elsewhere',
          selectors: {
            quote: { type: 'TextQuoteSelector', exact: 'sauvé depuis un autre onglet', prefix: 'a ', suffix: ' b' },
            position: { type: 'TextPositionSelector', start: 2, end: 30 },
          },
          color: 'blue',
          note: '',
          tags: ['live'],
          origin: 'user',
        },
      });
    });
    expect(answer).toMatchObject({ ok: true });
    await other.close();
    // No reload: the first tab's liveQuery sees the background's write.
    await page.bringToFront();
    await expect.poll(() => page.locator('.cl-lib-item blockquote').first().textContent(), { timeout: 15_000 }).toBe('sauvé depuis un autre onglet');
    expect(await page.locator('.cl-lib-page').first().getAttribute('data-url')).toBe('https://news.example.net/a');
    // The count and the tag list follow the same live query, possibly a render later under load.
    await expect.poll(() => page.locator('.cl-lib-count').textContent(), { timeout: 15_000 }).toBe('7 highlights');
    await expect.poll(() => page.locator('select[name="tag"] option[value="live"]').count(), { timeout: 15_000 }).toBe(1);
    // Remove it again for the next tests (through the UI).
    await page.locator('.cl-lib-item__delete').first().click();
    await expect.poll(() => page.locator('.cl-lib-count').textContent()).toBe('6 highlights');
    await page.close();
  });

  it('lists highlights not found at the last visit as such, and filters them', async () => {
    const page = await openLibrary(h.browser);
    const lost = row(900, { url: 'https://www.lemonde.fr/planete/article-1', pageTitle: 'Le Monde — planète', text: 'paragraphe supprimé depuis', note: 'gardée quand même', orphanSince: T0 + 20 * DAY });
    await seed(page, [lost]);
    await expect.poll(() => page.locator('.cl-lib-count').textContent()).toBe('7 highlights');
    const item = page.locator(`[data-id="${lost.id}"]`);
    expect(await item.locator('.cl-lib-item__orphan').textContent()).toMatch(/^Not found on the page since /);
    expect(await page.locator('.cl-lib-item__orphan').count()).toBe(1);
    await page.locator('select[name="anchor"]').selectOption('orphan');
    await expect.poll(() => listedIds(page)).toEqual([lost.id]);
    expect(await item.locator('.cl-lib-item__note').textContent()).toBe('gardée quand même');
    await page.locator('select[name="anchor"]').selectOption('found');
    await expect.poll(async () => sorted(await listedIds(page))).toEqual(sorted(ids(1, 2, 3, 4, 5, 6)));
    await page.locator('select[name="anchor"]').selectOption('');
    await item.locator('.cl-lib-item__delete').click();
    await expect.poll(() => page.locator('.cl-lib-count').textContent()).toBe('6 highlights');
    // Dismissed the undo? The row is still in "Recently deleted", and can be restored from there.
    await page.locator('.cl-lib-undo__dismiss').click();
    await page.locator('.cl-lib-trash summary').click();
    const trashed = page.locator(`.cl-lib-trash__item[data-trash-id="${lost.id}"]`);
    expect(await trashed.locator('.cl-lib-trash__text').textContent()).toBe('paragraphe supprimé depuis');
    await trashed.locator('.cl-lib-trash__restore').click();
    await expect.poll(() => page.locator('.cl-lib-count').textContent()).toBe('7 highlights');
    expect(await item.count()).toBe(1);
    await item.locator('.cl-lib-item__delete').click();
    await expect.poll(() => page.locator('.cl-lib-count').textContent()).toBe('6 highlights');
    await page.close();
  });

  it('an editor left open does not write its stale note over an edit made in another tab (finding 2)', async () => {
    const id = rows[0]!.id;
    const a = await openLibrary(h.browser);
    const b = await openLibrary(h.browser);
    const before = (await storedRows(a)).find((r) => r.id === id)!;
    // Tab A opens the editor first…
    const itemA = a.locator(`[data-id="${id}"]`);
    await itemA.locator('.cl-lib-item__edit').click();
    expect(await itemA.locator('textarea').inputValue()).toBe(before.note);
    // …then the note is edited and saved in tab B.
    const itemB = b.locator(`[data-id="${id}"]`);
    await itemB.locator('.cl-lib-item__edit').click();
    await itemB.locator('textarea').fill('Note réécrite dans l’autre onglet !');
    await itemB.locator('.cl-lib-edit__save').click();
    await expect.poll(async () => (await storedRows(b)).find((r) => r.id === id)!.note).toBe('Note réécrite dans l’autre onglet !');
    // Back in tab A, only the colour is changed: refused, the form now shows B's note, the user is told.
    await itemA.locator('input[type="radio"][value="blue"]').check();
    await itemA.locator('.cl-lib-edit__save').click();
    const conflict = itemA.locator('.cl-lib-edit__conflict');
    await conflict.waitFor({ timeout: 15_000 });
    expect(await conflict.textContent()).toMatch(/^This note was changed elsewhere meanwhile\./);
    expect(await itemA.locator('textarea').inputValue()).toBe('Note réécrite dans l’autre onglet !');
    let stored = (await storedRows(a)).find((r) => r.id === id)!;
    expect(stored).toMatchObject({ note: 'Note réécrite dans l’autre onglet !', color: before.color });
    // Saving again applies the colour on top of B's note.
    await itemA.locator('.cl-lib-edit__save').click();
    await expect.poll(() => itemA.locator('form').count()).toBe(0);
    stored = (await storedRows(a)).find((r) => r.id === id)!;
    expect(stored).toMatchObject({ note: 'Note réécrite dans l’autre onglet !', color: 'blue', tags: before.tags });
    await b.close();
    await a.close();
  });

  it('opens the source page at the highlight with a #:~:text= fragment, and never a non-http(s) row', async () => {
    const page = await openLibrary(h.browser);
    // Rows with other schemes, as an old import could have stored them (seeded straight into the
    // database, bypassing every check). None of them may ever be opened.
    const hostile = [
      row(90, { url: "javascript:document.title='pwned'//", text: 'lien piégé javascript' }),
      row(91, { url: 'data:text/html,<title>pwned</title>', text: 'lien piégé data' }),
      row(92, { url: 'file:///etc/passwd', text: 'lien piégé file' }),
    ];
    await seed(page, hostile);
    const pagesBefore = h.browser.context.pages().length;
    for (const r of hostile) {
      const button = page.locator(`[data-id="${r.id}"] .cl-lib-item__open`);
      await expect.poll(() => button.isDisabled()).toBe(true);
      expect(await button.getAttribute('title')).toBe('Only web pages (http, https) can be opened.');
      // Even with the disabled attribute removed, a click opens nothing (the handler checks again).
      await button.evaluate((b) => b.removeAttribute('disabled'));
      await button.click();
    }
    // Then open the http row: the first (and only) new tab must be that page, at the quote.
    const item = page.locator(`[data-id="${rows[5]!.id}"]`);
    const opened = h.browser.context.waitForEvent('page');
    await item.locator('.cl-lib-item__open').click();
    const tab = await opened;
    await tab.waitForLoadState('domcontentloaded');
    const target = tab.url();
    expect(target).toBe(`${h.server.url('/fr-marketing.html')}#:~:text=durable`);
    expect(h.browser.context.pages().length).toBe(pagesBefore + 1);
    expect(await page.title()).not.toBe('pwned');
    expect(await tab.title()).not.toBe('pwned');
    await tab.close();
    await unseed(page, hostile.map((r) => r.id));
    await page.close();
  });
});

describe('a large library', () => {
  it('shows 10,500 rows a page at a time; search and "show more" stay usable', async () => {
    const page = await openLibrary(h.browser);
    const many: Highlight[] = [];
    for (let i = 0; i < 10_500; i++)
      many.push(
        row(1000 + i, {
          url: `https://big.example.com/p${i % 300}`,
          pageTitle: `Page ${i % 300}`,
          text: i === 7777 ? 'aiguille unique dans la botte de foin' : `phrase ordinaire numéro ${i}`,
          createdAt: T0 + 30 * DAY + i * 1000,
          updatedAt: T0 + 30 * DAY + i * 1000,
        }),
      );
    await seed(page, many);
    await expect.poll(() => page.locator('.cl-lib-count').textContent(), { timeout: 30_000 }).toBe(`${10_500 + 6} highlights`);
    expect(await page.locator('.cl-lib-item').count()).toBe(200);
    expect(await page.locator('.cl-lib-more').textContent()).toContain(`200 of ${10_506}`);
    await page.locator('.cl-lib-more__button').click();
    await expect.poll(() => page.locator('.cl-lib-item').count()).toBe(400);
    await page.locator('input[type="search"]').fill('aiguille');
    await expect.poll(() => listedIds(page), { timeout: 30_000 }).toEqual([many[7777]!.id]);
    // Remove the big set so the other files' counts are not affected (this profile is per file anyway).
    await changeStore(page, { removeRange: ['10000000-0000-4000-8000-0000000003e8', '10000000-0000-4000-8000-ffffffffffff'] });
    // The search is kept in the URL: open the page without it.
    expect(new URL(page.url()).search).toBe('?q=aiguille');
    await page.goto(`chrome-extension://${h.browser.extensionId}/library.html`);
    await waitReady(page);
    await expect.poll(() => page.locator('.cl-lib-count').textContent()).toBe('6 highlights');
    await page.close();
  });
});
