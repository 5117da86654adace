import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { CHANGED_ELSEWHERE, openDatabase } from '../storage';
import { createNotesHandler } from './notes-handler';
import { NOTE_CHANGED_ELSEWHERE, type NoteInput } from './index';

let n = 0;
function handler() {
  n += 1;
  const open = vi.fn(() => openDatabase(`notes-handler-test-${n}`, { indexedDB: new IDBFactory(), IDBKeyRange }));
  return { h: createNotesHandler(open), open };
}

function input(exact: string, over: Partial<NoteInput> = {}): NoteInput {
  return {
    url: 'https://exemple.fr/article?utm_source=news#part',
    pageTitle: 'L’article',
    selectors: {
      quote: { type: 'TextQuoteSelector', exact, prefix: 'Avant\u00a0: ', suffix: ' ! Après' },
      position: { type: 'TextPositionSelector', start: 10, end: 10 + exact.length },
    },
    color: 'green',
    note: 'Ma note sur l’offre',
    tags: ['#promo', 'à revoir'],
    origin: 'user',
    ...over,
  };
}

describe('notes handler', () => {
  it('ignores messages that are not notes requests (another handler answers them)', () => {
    const { h, open } = handler();
    for (const m of [null, 'note-save', 42, {}, { type: 'get-pause-state', origin: 'https://a.b' }]) expect(h.handle(m)).toBeUndefined();
    expect(open).not.toHaveBeenCalled();
  });

  it.each([
    [{ type: 'note-save' }],
    [{ type: 'note-save', note: { ...input('x'), url: 'javascript:alert(1)' } }],
    [{ type: 'note-save', note: { ...input('x'), color: 'red' } }],
    [{ type: 'note-save', note: { ...input('x'), extra: 1 } }],
    [{ type: 'note-update', id: 'not-a-uuid', patch: {} }],
    [{ type: 'note-update', id: '00000000-0000-4000-8000-000000000001', patch: { url: 'https://x.y' } }],
    [{ type: 'note-delete' }],
    [{ type: 'note-list', url: 'ftp://x' }],
  ])('answers %j with a clear error, never a throw', async (msg) => {
    const { h } = handler();
    const r = await h.handle(msg);
    expect(r?.ok).toBe(false);
    expect(r && !r.ok ? r.error : '').toMatch(/^invalid message: /);
  });

  it('saves, lists by normalised url, updates, deletes and restores', async () => {
    const { h, open } = handler();
    const saved = await h.handle({ type: 'note-save', note: input('l’offre «\u202fexclusive\u202f»') });
    expect(saved?.ok).toBe(true);
    if (!saved?.ok || !('row' in saved)) throw new Error('not saved');
    expect(saved.row.url).toBe('https://exemple.fr/article');
    expect(saved.row.text).toBe('l’offre «\u202fexclusive\u202f»');
    expect(saved.row.tags).toEqual(['promo', 'à-revoir']);
    expect(saved.row.origin).toBe('user');
    const id = saved.row.id;

    const list = await h.handle({ type: 'note-list', url: 'https://exemple.fr/article#other' });
    expect(list?.ok && 'rows' in list ? list.rows.map((r) => r.id) : []).toEqual([id]);

    const up = await h.handle({ type: 'note-update', id, patch: { color: 'pink', note: '<b>pas du HTML</b>', tags: ['x'] } });
    expect(up?.ok && 'row' in up ? [up.row.color, up.row.note, up.row.tags] : null).toEqual(['pink', '<b>pas du HTML</b>', ['x']]);

    expect((await h.handle({ type: 'note-delete', id }))?.ok).toBe(true);
    const afterDelete = await h.handle({ type: 'note-list', url: 'https://exemple.fr/article' });
    expect(afterDelete?.ok && 'rows' in afterDelete ? afterDelete.rows : null).toEqual([]);

    const back = await h.handle({ type: 'note-restore', id });
    expect(back?.ok && 'row' in back ? back.row.note : null).toBe('<b>pas du HTML</b>');
    const afterRestore = await h.handle({ type: 'note-list', url: 'https://exemple.fr/article' });
    expect(afterRestore?.ok && 'rows' in afterRestore ? afterRestore.rows.length : 0).toBe(1);
    // The database was opened once for all of these.
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('keeps a claim note’s category and concepts', async () => {
    const { h } = handler();
    const r = await h.handle({
      type: 'note-save',
      note: input('neutre en carbone', { origin: 'claim', category: 'environmental', concepts: ['greenwashing'], note: '', tags: [] }),
    });
    expect(r?.ok && 'row' in r ? [r.row.origin, r.row.category, r.row.concepts] : null).toEqual(['claim', 'environmental', ['greenwashing']]);
  });

  it('stores every one of many saves sent at once (several tabs)', async () => {
    const { h, open } = handler();
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => h.handle({ type: 'note-save', note: input(`citation ${i}`, { url: `https://exemple.fr/page-${i % 5}` }) })),
    );
    expect(results.every((r) => r?.ok)).toBe(true);
    let total = 0;
    for (let p = 0; p < 5; p++) {
      const l = await h.handle({ type: 'note-list', url: `https://exemple.fr/page-${p}` });
      total += l?.ok && 'rows' in l ? l.rows.length : 0;
    }
    expect(total).toBe(25);
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('reports a storage error for an unknown id and a database that cannot open, then retries the open', async () => {
    const { h } = handler();
    const r = await h.handle({ type: 'note-delete', id: '00000000-0000-4000-8000-000000000009' });
    expect(r?.ok).toBe(false);

    const failing = vi.fn(async () => ({ ok: false as const, error: 'quota' }));
    const broken = createNotesHandler(failing);
    const r2 = await broken.handle({ type: 'note-list', url: 'https://a.example/' });
    expect(r2).toEqual({ ok: false, error: 'database: quota' });
    await broken.handle({ type: 'note-list', url: 'https://a.example/' });
    expect(failing).toHaveBeenCalledTimes(2);

    const throwing = createNotesHandler(() => Promise.reject(new Error('boom')));
    expect((await throwing.handle({ type: 'note-list', url: 'https://a.example/' }))?.ok).toBe(false);
  });
});

describe('notes handler: a content script only reaches its own page’s notes', () => {
  it.each([
    ['https://exemple.fr/autre', true],
    ['https://exemple.fr/article#x', true],
    ['https://evil.example/', false],
    ['http://exemple.fr/article', false],
    [undefined, false],
    ['not a url', false],
  ])('from a tab at %j → allowed=%s', async (tabUrl, allowed) => {
    const { h } = handler();
    const save = await h.handle({ type: 'note-save', note: input('citation') }, { tabUrl });
    expect(save?.ok).toBe(allowed);
    const list = await h.handle({ type: 'note-list', url: 'https://exemple.fr/article' }, { tabUrl });
    expect(list?.ok).toBe(allowed);
    if (!allowed) expect(list && !list.ok ? list.error : '').toBe('the page may only use its own notes');
  });
  it('extension pages (no tab) are not restricted', async () => {
    const { h } = handler();
    expect((await h.handle({ type: 'note-save', note: input('citation') }))?.ok).toBe(true);
  });
});

describe('notes handler: anchoring reports', () => {
  it('marks orphans and clears the mark when a later visit finds them', async () => {
    const { h } = handler();
    const a = await h.handle({ type: 'note-save', note: input('première') });
    const b = await h.handle({ type: 'note-save', note: input('seconde') });
    const idA = a?.ok && 'row' in a ? a.row.id : '';
    const idB = b?.ok && 'row' in b ? b.row.id : '';
    const url = 'https://exemple.fr/article';
    expect(await h.handle({ type: 'note-anchoring', url, found: [idA], orphans: [idB] })).toEqual({ ok: true, changed: 1 });
    const rowsOf = async () => {
      const l = await h.handle({ type: 'note-list', url });
      return l?.ok && 'rows' in l ? l.rows : [];
    };
    expect((await rowsOf()).find((r) => r.id === idB)?.orphanSince).toBeGreaterThan(0);
    expect((await rowsOf()).find((r) => r.id === idA)?.orphanSince).toBeUndefined();
    expect(await h.handle({ type: 'note-anchoring', url, found: [idA, idB], orphans: [] })).toEqual({ ok: true, changed: 1 });
    expect((await rowsOf()).every((r) => r.orphanSince === undefined)).toBe(true);
  });
  it.each([
    [{ type: 'note-anchoring', url: 'https://exemple.fr/a', found: ['x'], orphans: [] }],
    [{ type: 'note-anchoring', url: 'https://exemple.fr/a', found: [] }],
  ])('refuses %j', async (msg) => {
    const { h } = handler();
    expect((await h.handle(msg))?.ok).toBe(false);
  });
  it('a page may report only its own origin', async () => {
    const { h } = handler();
    const r = await h.handle({ type: 'note-anchoring', url: 'https://exemple.fr/a', found: [], orphans: [] }, { tabUrl: 'https://evil.example/' });
    expect(r).toEqual({ ok: false, error: 'the page may only use its own notes' });
  });
});

describe('notes handler: update, delete and restore by id stay within the sender’s origin', () => {
  const BANK = 'https://bank.example/compte';
  async function seeded() {
    const { h } = handler();
    const saved = await h.handle({ type: 'note-save', note: input('solde', { url: BANK, note: 'secret' }) }, { tabUrl: BANK });
    if (!saved?.ok || !('row' in saved)) throw new Error('not saved');
    return { h, id: saved.row.id };
  }
  const note = async (h: ReturnType<typeof handler>['h']) => {
    const l = await h.handle({ type: 'note-list', url: BANK });
    return l?.ok && 'rows' in l ? l.rows.map((r) => [r.note, r.deletedAt === undefined]) : null;
  };

  it.each([
    ['https://evil.example/', false],
    ['http://bank.example/compte', false], // another scheme is another origin
    ['https://bank.example.evil.example/', false],
    ['not a url', false],
    [undefined, false],
    ['https://bank.example/autre-page?x=1', true],
  ])('from a tab at %j → allowed=%s', async (tabUrl, allowed) => {
    const { h, id } = await seeded();
    const up = await h.handle({ type: 'note-update', id, patch: { note: 'écrasée' } }, { tabUrl });
    expect(up?.ok).toBe(allowed);
    if (!allowed) {
      // Refused without the row (nothing of the bank's note leaks), and nothing changed.
      expect(up).toEqual({ ok: false, error: 'the page may only use its own notes' });
      expect(await note(h)).toEqual([['secret', true]]);
    }
    const del = await h.handle({ type: 'note-delete', id }, { tabUrl });
    expect(del?.ok).toBe(allowed);
    if (!allowed) {
      expect(await note(h)).toEqual([['secret', true]]);
      // The extension itself deletes it; a foreign page still cannot restore it.
      expect((await h.handle({ type: 'note-delete', id }))?.ok).toBe(true);
    }
    const back = await h.handle({ type: 'note-restore', id }, { tabUrl });
    expect(back?.ok).toBe(allowed);
    expect(await note(h)).toEqual(allowed ? [['écrasée', true]] : []);
  });

  it('an unknown id gets the same refusal as a foreign one (no probing which ids exist)', async () => {
    const { h } = await seeded();
    const r = await h.handle({ type: 'note-update', id: '00000000-0000-4000-8000-00000000000a', patch: { note: 'x' } }, { tabUrl: BANK });
    expect(r).toEqual({ ok: false, error: 'the page may only use its own notes' });
  });

  it('extension pages (no tab url) may still update, delete and restore any row', async () => {
    const { h, id } = await seeded();
    expect((await h.handle({ type: 'note-update', id, patch: { note: 'depuis la bibliothèque' } }))?.ok).toBe(true);
    expect((await h.handle({ type: 'note-delete', id }))?.ok).toBe(true);
    expect((await h.handle({ type: 'note-restore', id }))?.ok).toBe(true);
    expect(await note(h)).toEqual([['depuis la bibliothèque', true]]);
  });
});

describe('notes handler: the ifUpdatedAt guard reaches storage', () => {
  it('refuses an update based on an older read, applies one based on the current row', async () => {
    expect(NOTE_CHANGED_ELSEWHERE).toBe(CHANGED_ELSEWHERE);
    const { h } = handler();
    const saved = await h.handle({ type: 'note-save', note: input('citation') });
    if (!saved?.ok || !('row' in saved)) throw new Error('not saved');
    const { id, updatedAt } = saved.row;
    const first = await h.handle({ type: 'note-update', id, patch: { note: 'ailleurs', ifUpdatedAt: updatedAt } });
    if (!first?.ok || !('row' in first)) throw new Error('not updated');
    expect(await h.handle({ type: 'note-update', id, patch: { color: 'pink', ifUpdatedAt: updatedAt } })).toEqual({ ok: false, error: NOTE_CHANGED_ELSEWHERE });
    const second = await h.handle({ type: 'note-update', id, patch: { color: 'pink', ifUpdatedAt: first.row.updatedAt } });
    expect(second?.ok && 'row' in second ? [second.row.note, second.row.color] : null).toEqual(['ailleurs', 'pink']);
  });
});
