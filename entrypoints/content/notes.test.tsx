// @vitest-environment happy-dom
// @vitest-environment-options { "url": "https://exemple.fr/article" }
/**
 * The in-page notes controller (notes.tsx) under happy-dom with a fake content-script context and a
 * fake background: the anchoring loop (cached rows refreshed, a re-rendered highlight painted again,
 * late content on a page that never stops changing), the editor writing only changed fields, the
 * closed shadow root, and events a page script makes up.
 *
 * Timers of the fake context run on a fake clock (the test moves it), so nothing here depends on how
 * fast the machine is; `vi.waitFor` only waits for the asynchronous anchoring pass to finish.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { describeRange, pageSnapshot } from '../../dom/selection';
import type { BackgroundRequest, NoteRow } from '../../messages';
import { MAX_WAIT_MS, SETTLE_MS, changedFields, createNotesController, type NotesController } from './notes';

// happy-dom has no CSS Custom Highlight API: a registry of Sets is enough for the painter.
class FakeHighlight extends Set<Range> {
  static adds = 0;
  priority = 0;
  override add(r: Range) {
    FakeHighlight.adds++;
    return super.add(r);
  }
}
const registry = new Map<string, FakeHighlight>();
(globalThis as unknown as { CSS: unknown }).CSS = { highlights: registry };
(globalThis as unknown as { Highlight: unknown }).Highlight = FakeHighlight;

/** Painted note ranges by highlight name, as text (with a mark for a range left on detached nodes). */
function painted(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, hl] of registry) out[name] = [...hl].map((r) => r.toString() + (r.startContainer.isConnected ? '' : ' (detached)'));
  return out;
}

// ---- a fake content-script context: timers on a fake clock ------------------------------------

function fakeContext() {
  let clock = 1_000_000;
  let timers: { due: number; fn: () => void }[] = [];
  const invalidated: (() => void)[] = [];
  const ctx = {
    isValid: true,
    options: undefined,
    addEventListener: (target: EventTarget, type: string, fn: EventListener, opts?: AddEventListenerOptions) => target.addEventListener(type, fn, opts),
    setTimeout: (fn: () => void, ms: number) => {
      timers.push({ due: clock + Math.max(0, ms), fn });
      return timers.length;
    },
    onInvalidated: (fn: () => void) => invalidated.push(fn),
  } as unknown as ContentScriptContext;
  return {
    ctx,
    now: () => clock,
    pendingTimers: () => timers.length,
    /** Move the clock by `ms`, running each timer when its time comes (page work in between). */
    async advance(ms: number, each?: (t: number) => void, step = 50) {
      const end = clock + ms;
      while (clock < end) {
        clock = Math.min(end, clock + step);
        each?.(clock);
        await macrotask(); // mutation records are delivered
        const due = timers.filter((x) => x.due <= clock);
        timers = timers.filter((x) => x.due > clock);
        for (const x of due) x.fn();
        await macrotask();
      }
    },
    /** advance(ms), calling `fn` every `period` ms of it (a page that keeps changing). */
    async repeat(ms: number, period: number, fn: () => void) {
      let last = clock;
      await this.advance(ms, (t) => {
        if (t - last >= period) {
          last = t;
          fn();
        }
      });
    },
  };
}

const macrotask = () => new Promise<void>((r) => setTimeout(r, 0));

/** A page change that leaves the text as it was: an unrelated element re-rendered with the same text. */
function churn() {
  const el = document.getElementById('intro')!;
  el.replaceChildren(document.createTextNode(el.textContent ?? ''));
}

// ---- a fake background holding rows -----------------------------------------------------------

const PAGE = 'https://exemple.fr/article';
const PARA = 'Selon l’auteur, la qualité perçue dépend de la cohérence du discours\u202f!';
const PHRASE = 'la qualité perçue';

function rowFor(phrase: string, over: Partial<NoteRow> = {}): NoteRow {
  const snap = pageSnapshot(document);
  const i = snap.text.indexOf(phrase);
  if (i < 0) throw new Error(`no ${phrase} in the page`);
  const el = [...document.querySelectorAll('p')].find((p) => p.textContent!.includes(phrase))!;
  const t = el.firstChild as Text;
  const r = document.createRange();
  r.setStart(t, t.data.indexOf(phrase));
  r.setEnd(t, t.data.indexOf(phrase) + phrase.length);
  const d = describeRange(snap, r)!;
  return {
    id: crypto.randomUUID(),
    url: PAGE,
    pageTitle: 'L’article',
    selectors: d.selectors,
    text: phrase,
    color: 'yellow',
    note: 'ma note',
    tags: ['promo'],
    concepts: [],
    origin: 'user',
    createdAt: 1,
    updatedAt: 1,
    ...over,
  } as NoteRow;
}

function fakeBackground(rows: NoteRow[]) {
  const store = new Map(rows.map((r) => [r.id, r]));
  const sent: BackgroundRequest[] = [];
  const send = vi.fn(async (msg: BackgroundRequest): Promise<unknown> => {
    sent.push(structuredClone(msg));
    switch (msg.type) {
      case 'note-list':
        return { ok: true, rows: [...store.values()].filter((r) => !r.deletedAt) };
      case 'note-update': {
        const prev = store.get(msg.id);
        if (!prev) return { ok: false, error: 'no such note' };
        const { ifUpdatedAt, ...fields } = msg.patch;
        // As storage's updateHighlight: the guard refuses a write based on an older read.
        if (ifUpdatedAt !== undefined && ifUpdatedAt !== prev.updatedAt) return { ok: false, error: 'changed elsewhere' };
        const row = { ...prev, ...fields, updatedAt: prev.updatedAt + 1 } as NoteRow;
        store.set(row.id, row);
        return { ok: true, row };
      }
      case 'note-anchoring':
        return { ok: true, changed: 0 };
      default:
        return { ok: false, error: 'not in this fake' };
    }
  });
  return { store, sent, send, count: (type: string) => sent.filter((m) => m.type === type).length };
}

// Shadow roots our UI creates (closed ones cannot be found from the page, so the test keeps them).
const shadows: { host: Element; root: ShadowRoot; mode: string }[] = [];
const attachShadow = Element.prototype.attachShadow;
beforeEach(() => {
  Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
    const root = attachShadow.call(this, init);
    shadows.push({ host: this, root, mode: init.mode });
    return root;
  };
  document.body.innerHTML = `<p id="tick">0</p><p id="intro">Introduction de l’article.</p><p id="t">${PARA}</p>`;
});
let controller: NotesController | null = null;
afterEach(() => {
  controller?.stop();
  controller = null;
  Element.prototype.attachShadow = attachShadow;
  shadows.length = 0;
  registry.clear();
});

async function startWith(rows: NoteRow[]) {
  const clock = fakeContext();
  const bg = fakeBackground(rows);
  controller = createNotesController(clock.ctx, { t: (k) => k, send: bg.send, now: clock.now });
  await controller.start();
  return { clock, bg, c: controller };
}

const WAIT = { timeout: 10_000, interval: 5 };

describe('changedFields', () => {
  const base = { color: 'yellow', note: 'a', tags: ['x', 'y'] } as const;
  it.each([
    [{ ...base, tags: ['x', 'y'] }, {}],
    [{ ...base, color: 'green' }, { color: 'green' }],
    [{ ...base, note: 'b' }, { note: 'b' }],
    [{ ...base, tags: ['y', 'x'] }, { tags: ['y', 'x'] }],
    [{ ...base, tags: ['x'] }, { tags: ['x'] }],
    [{ color: 'pink', note: '', tags: [] }, { color: 'pink', note: '', tags: [] }],
  ] as const)('%j → %j', (values, want) => {
    expect(changedFields({ ...base, tags: [...base.tags] }, { ...values, tags: [...values.tags] })).toEqual(want);
  });
});

describe('anchoring loop', () => {
  it('paints the stored rows on start and reports them found', async () => {
    const row = rowFor(PHRASE);
    const { c, bg } = await startWith([row]);
    expect(painted()).toEqual({ 'claim-lens-note-yellow': [PHRASE] });
    expect(c.report().notes.map((n) => [n.id, n.found])).toEqual([[row.id, true]]);
    expect(bg.count('note-list')).toBe(1);
  });

  it('a paragraph re-rendered with the very same text is painted again (not left on detached nodes)', async () => {
    const row = rowFor(PHRASE);
    const { c, clock } = await startWith([row]);
    const p = document.getElementById('t')!;
    // The page replaces the paragraph's nodes; its text is unchanged.
    p.innerHTML = p.innerHTML;
    expect(painted()['claim-lens-note-yellow']).toEqual([`${PHRASE} (detached)`]);
    // Until it is placed again, the popup must not say "found".
    expect(c.report().notes[0]!.found).toBe(false);
    await clock.advance(SETTLE_MS + 100);
    await vi.waitFor(() => expect(painted()['claim-lens-note-yellow']).toEqual([PHRASE]), WAIT);
    expect(c.report().notes[0]!.found).toBe(true);
  });

  it('a paragraph emptied and refilled with the same text is painted again', async () => {
    const row = rowFor(PHRASE);
    const { c, clock } = await startWith([row]);
    const p = document.getElementById('t')!;
    p.textContent = '';
    p.textContent = PARA;
    expect(c.report().notes[0]!.found).toBe(false);
    await clock.advance(SETTLE_MS + 100);
    await vi.waitFor(() => expect(c.report().notes[0]!.found).toBe(true), WAIT);
    expect(painted()['claim-lens-note-yellow']).toEqual([PHRASE]);
  });

  it('late content on a page that changes every 200 ms is anchored within the max wait', async () => {
    const row = rowFor(PHRASE);
    document.getElementById('t')!.remove();
    const { c, clock } = await startWith([row]);
    expect(c.report().notes[0]!.found).toBe(false);
    let n = 0;
    const tick = () => {
      document.getElementById('tick')!.textContent = String(++n);
    };
    // The article arrives; a ticker keeps changing the page every 200 ms (never 400 ms of quiet).
    const p = document.createElement('p');
    p.textContent = PARA;
    document.body.append(p);
    await clock.repeat(MAX_WAIT_MS + SETTLE_MS, 200, tick);
    expect(n).toBeGreaterThanOrEqual(10); // the ticker really ran all along
    await vi.waitFor(() => expect(c.report().notes[0]!.found).toBe(true), WAIT);
    expect(painted()['claim-lens-note-yellow']).toEqual([PHRASE]);
  });

  it('a page that keeps re-rendering other elements with the same text does not keep re-anchoring', async () => {
    const row = rowFor(PHRASE);
    const { clock, bg } = await startWith([row]);
    const before = bg.count('note-anchoring');
    const adds = FakeHighlight.adds;
    await clock.repeat(3 * MAX_WAIT_MS, 200, churn);
    expect(painted()['claim-lens-note-yellow']).toEqual([PHRASE]);
    await macrotask();
    expect(FakeHighlight.adds).toBe(adds); // no pass painted it again
    expect(bg.count('note-anchoring')).toBe(before);
    expect(bg.count('note-list')).toBe(1);
  });

  it('a highlight placed by a fuzzy match (its text edited since) is not searched again while the page text stays the same', async () => {
    const row = rowFor(PHRASE);
    // The page now says it slightly differently: the stored quote is found by the fuzzy search.
    const p = document.getElementById('t')!;
    p.textContent = PARA.replace('perçue', 'percue');
    const { c, clock } = await startWith([row]);
    expect(c.report().notes[0]!.found).toBe(true);
    expect(painted()['claim-lens-note-yellow']).toEqual(['la qualité percue']);
    const adds = FakeHighlight.adds;
    await clock.repeat(3 * MAX_WAIT_MS, 200, churn);
    await macrotask();
    expect(FakeHighlight.adds).toBe(adds); // no pass painted it again
    // Once the page text changes, it is looked at again (and still found).
    p.append(document.createTextNode(' Ajout.'));
    await clock.advance(SETTLE_MS + 100);
    await vi.waitFor(() => expect(FakeHighlight.adds).toBeGreaterThan(adds), WAIT);
    expect(painted()['claim-lens-note-yellow']).toEqual(['la qualité percue']);
  });

  it('coming back to the tab fetches the rows again: edited, deleted and new notes are shown as stored now', async () => {
    const a = rowFor(PHRASE);
    const b = rowFor('la cohérence', { color: 'green' });
    const { c, bg } = await startWith([a, b]);
    expect(painted()).toEqual({ 'claim-lens-note-yellow': [PHRASE], 'claim-lens-note-green': ['la cohérence'] });
    // Meanwhile, in the library: a recoloured and its note changed, b deleted, a new one added.
    bg.store.set(a.id, { ...a, color: 'blue', note: 'changée ailleurs', updatedAt: 5 });
    bg.store.set(b.id, { ...b, deletedAt: 9 });
    const added = rowFor('Introduction');
    bg.store.set(added.id, added);
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.waitFor(() => expect(bg.count('note-list')).toBe(2), WAIT);
    await vi.waitFor(() => expect(painted()).toEqual({ 'claim-lens-note-blue': [PHRASE], 'claim-lens-note-yellow': ['Introduction'] }), WAIT);
    expect(c.report().notes.map((n) => n.note).sort()).toEqual(['changée ailleurs', 'ma note']);
  });
});

describe('the editor of a saved highlight', () => {
  async function openEditorOf(c: NotesController, id: string) {
    expect(c.scrollTo(id)).toBe(true);
    await vi.waitFor(() => expect(shadows.find((s) => s.root.querySelector('.cl-note-editor'))).toBeTruthy(), WAIT);
    return shadows.find((s) => s.root.querySelector('.cl-note-editor'))!;
  }

  it('is a closed shadow root: the page cannot reach the note through the host', async () => {
    const row = rowFor(PHRASE, { note: 'note privée' });
    const { c } = await startWith([row]);
    const ui = await openEditorOf(c, row.id);
    expect(ui.mode).toBe('closed');
    expect(ui.host.localName).toBe('claim-lens-note');
    expect(document.querySelector('claim-lens-note')!.shadowRoot).toBeNull();
    expect(ui.root.querySelector('textarea')!.value).toBe('note privée');
  });

  it('opens with the values stored now (not the cached ones) and sends only the changed fields', async () => {
    const row = rowFor(PHRASE);
    const { c, bg } = await startWith([row]);
    // The note was edited in the library after this page loaded.
    bg.store.set(row.id, { ...row, note: 'écrite dans la bibliothèque', updatedAt: 7 });
    const ui = await openEditorOf(c, row.id);
    const textarea = ui.root.querySelector('textarea')!;
    expect(textarea.value).toBe('écrite dans la bibliothèque');
    // The user only picks another colour.
    (ui.root.querySelector('[data-color="pink"]') as HTMLButtonElement).click();
    await macrotask();
    (ui.root.querySelector('[data-action="save"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(bg.count('note-update')).toBe(1), WAIT);
    expect(bg.sent.find((m) => m.type === 'note-update')).toEqual({ type: 'note-update', id: row.id, patch: { color: 'pink', ifUpdatedAt: 7 } });
    expect(bg.store.get(row.id)).toMatchObject({ color: 'pink', note: 'écrite dans la bibliothèque', tags: ['promo'] });
    await vi.waitFor(() => expect(painted()).toEqual({ 'claim-lens-note-pink': [PHRASE] }), WAIT);
  });

  it('a note saved elsewhere after the editor opened: refused, the form shows the latest note with the user’s change kept, saving again applies it', async () => {
    const row = rowFor(PHRASE);
    const { c, bg } = await startWith([row]);
    const ui = await openEditorOf(c, row.id);
    // While the editor is open, the library changes the note.
    bg.store.set(row.id, { ...row, note: 'changée pendant ce temps', updatedAt: 42 });
    (ui.root.querySelector('[data-color="green"]') as HTMLButtonElement).click();
    await macrotask();
    (ui.root.querySelector('[data-action="save"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(ui.root.querySelector('[role="alert"]')?.textContent).toContain('lib_save_conflict'), WAIT);
    expect(bg.store.get(row.id)).toMatchObject({ note: 'changée pendant ce temps', color: 'yellow' });
    expect(ui.root.querySelector('textarea')!.value).toBe('changée pendant ce temps');
    expect(ui.root.querySelector('[data-color="green"]')!.getAttribute('aria-checked')).toBe('true');
    (ui.root.querySelector('[data-action="save"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(bg.store.get(row.id)).toMatchObject({ note: 'changée pendant ce temps', color: 'green' }), WAIT);
    expect(bg.sent.filter((m) => m.type === 'note-update').map((m) => m.type === 'note-update' && m.patch)).toEqual([
      { color: 'green', ifUpdatedAt: 1 },
      { color: 'green', ifUpdatedAt: 42 },
    ]);
  });

  it('saving with nothing changed writes nothing and closes', async () => {
    const row = rowFor(PHRASE);
    const { c, bg } = await startWith([row]);
    const ui = await openEditorOf(c, row.id);
    (ui.root.querySelector('[data-action="save"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(ui.host.isConnected).toBe(false), WAIT);
    expect(bg.count('note-update')).toBe(0);
  });

  it('ignores made-up (untrusted) clicks, presses and keys from the page', async () => {
    const row = rowFor(PHRASE);
    const { c, bg } = await startWith([row]);
    const ui = await openEditorOf(c, row.id);
    // A page script's pointerdown/click outside, and Escape, do not close it ...
    window.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    document.body.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: 1, clientY: 1 }));
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await macrotask();
    expect(ui.host.isConnected).toBe(true);
    // ... nor does a scripted selection followed by a made-up mouseup / Shift keyup open a toolbar.
    c.stop();
    controller = null;
    shadows.length = 0;
    const again = fakeContext();
    controller = createNotesController(again.ctx, { t: (k) => k, send: bg.send, now: again.now });
    await controller.start();
    const t = document.getElementById('intro')!.firstChild as Text;
    const r = document.createRange();
    r.setStart(t, 0);
    r.setEnd(t, 12);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(r);
    document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    document.dispatchEvent(new KeyboardEvent('keyup', { key: 'Shift', shiftKey: true, bubbles: true }));
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(again.pendingTimers()).toBe(0); // no selection timer was even started
    await again.advance(100);
    expect(shadows).toEqual([]);
    expect(bg.count('note-save')).toBe(0);
  });
});
