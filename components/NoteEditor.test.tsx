// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NOTE_COLOR_NAMES } from './colors';
import { NoteEditor, formatTags, parseTags, type NoteEditorProps } from './NoteEditor';
import { localeT } from './test-utils';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const hostile = '<img src=x onerror="window.__pwned=1">';

function mount(over: Partial<NoteEditorProps> = {}) {
  const props: NoteEditorProps = {
    t: localeT('fr'),
    mode: 'new',
    quote: `l’offre « exclusive » ${hostile}`,
    initial: { color: 'yellow', note: '', tags: [] },
    onSave: vi.fn(),
    onDelete: vi.fn(),
    onUndo: vi.fn(),
    onClose: vi.fn(),
    ...over,
  };
  // A fresh editor each time (the content script keys it per highlight the same way).
  act(() => render(null, root));
  act(() => render(<NoteEditor {...props} />, root));
  return props;
}

function type(el: HTMLInputElement | HTMLTextAreaElement, value: string) {
  act(() => {
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
function key(el: Element, k: string, init: KeyboardEventInit = {}) {
  act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init }));
  });
}
const q = <T extends Element>(sel: string) => root.querySelector(sel) as T;

describe('parseTags / formatTags', () => {
  it.each([
    ['promo, à revoir', ['promo', 'à revoir']],
    [' #soldes ;  prix\u00a0barré ,, ', ['#soldes', 'prix barré']],
    ['', []],
    [',;', []],
    ['une\ndeux', ['une', 'deux']],
  ])('%j → %j', (input, want) => {
    expect(parseTags(input)).toEqual(want);
  });
  it('never throws on a non-string', () => {
    expect(parseTags(undefined as unknown as string)).toEqual([]);
  });
  it('formats tags back as the field shows them', () => {
    expect(formatTags(['promo', 'à-revoir'])).toBe('promo, à-revoir');
  });
});

describe('NoteEditor', () => {
  it('offers every colour as a radio, the chosen one checked, with French labels', () => {
    mount({ initial: { color: 'blue', note: '', tags: [] } });
    const radios = [...root.querySelectorAll('[role="radio"]')];
    expect(radios.map((r) => r.getAttribute('data-color'))).toEqual(NOTE_COLOR_NAMES);
    expect(radios.length).toBeGreaterThanOrEqual(4);
    expect(radios.filter((r) => r.getAttribute('aria-checked') === 'true').map((r) => r.getAttribute('data-color'))).toEqual(['blue']);
    expect(radios.map((r) => r.getAttribute('aria-label'))).toEqual(['Jaune', 'Vert', 'Bleu', 'Rose', 'Violet']);
  });

  it('Enter in the tags field saves the colour, note and tags', () => {
    const p = mount();
    act(() => q<HTMLButtonElement>('[data-color="pink"]').click());
    type(q('textarea'), 'Ma note : « à vérifier »');
    type(q('input'), 'promo, à revoir');
    key(q('input'), 'Enter');
    expect(p.onSave).toHaveBeenCalledWith({ color: 'pink', note: 'Ma note : « à vérifier »', tags: ['promo', 'à revoir'] });
  });

  it('Enter in the note saves, Shift+Enter does not', () => {
    const p = mount();
    key(q('textarea'), 'Enter', { shiftKey: true });
    expect(p.onSave).not.toHaveBeenCalled();
    key(q('textarea'), 'Enter');
    expect(p.onSave).toHaveBeenCalledTimes(1);
  });

  it('Escape closes; the save button saves; nothing saves twice while saving', () => {
    const p = mount();
    key(q('textarea'), 'Escape');
    expect(p.onClose).toHaveBeenCalledTimes(1);
    act(() => q<HTMLButtonElement>('[data-action="save"]').click());
    expect(p.onSave).toHaveBeenCalledTimes(1);
    const p2 = mount({ status: 'saving' });
    key(q('textarea'), 'Enter');
    expect(p2.onSave).not.toHaveBeenCalled();
    expect(q<HTMLButtonElement>('[data-action="save"]').disabled).toBe(true);
  });

  it('new mode has no delete and no quote; edit mode shows the quote as text and deletes', () => {
    mount();
    expect(q('[data-action="delete"]')).toBeNull();
    expect(q('[data-testid="note-quote"]')).toBeNull();
    const p = mount({ mode: 'edit', initial: { color: 'green', note: hostile, tags: ['a', 'b'] } });
    expect(q('[data-testid="note-quote"]').textContent).toBe(`l’offre « exclusive » ${hostile}`);
    expect(q<HTMLTextAreaElement>('textarea').value).toBe(hostile);
    expect(q<HTMLInputElement>('input').value).toBe('a, b');
    expect(root.querySelector('img')).toBeNull();
    act(() => q<HTMLButtonElement>('[data-action="delete"]').click());
    expect(p.onDelete).toHaveBeenCalledTimes(1);
  });

  it('after a delete, offers Undo (focused) and Close', () => {
    const p = mount({ mode: 'edit', status: 'deleted' });
    expect(q('[role="status"]').textContent).toBe('Surlignage supprimé.');
    expect(document.activeElement).toBe(q('[data-action="undo"]'));
    act(() => q<HTMLButtonElement>('[data-action="undo"]').click());
    expect(p.onUndo).toHaveBeenCalledTimes(1);
    key(q('[data-action="undo"]'), 'Escape');
    expect(p.onClose).toHaveBeenCalledTimes(1);
  });

  it('shows an error as text', () => {
    mount({ status: 'error', error: hostile });
    expect(q('[role="alert"]').textContent).toBe(`Enregistrement impossible. ${hostile}`);
    expect(root.querySelector('img')).toBeNull();
  });

  it('takes focus in the note field only when asked', () => {
    mount();
    expect(document.activeElement).not.toBe(q('textarea'));
    mount({ autoFocus: true, mode: 'edit' });
    expect(document.activeElement).toBe(q('textarea'));
  });
});

describe('NoteEditor keyboard', () => {
  it('Enter on a colour picks it and saves; Enter on the delete button only deletes', () => {
    const p = mount({ mode: 'edit', initial: { color: 'yellow', note: 'n', tags: ['t'] } });
    key(q('[data-color="purple"]'), 'Enter');
    expect(p.onSave).toHaveBeenCalledWith({ color: 'purple', note: 'n', tags: ['t'] });
    key(q('[data-action="delete"]'), 'Enter');
    expect(p.onSave).toHaveBeenCalledTimes(1);
  });
  it('Ctrl+Enter or Alt+Enter do not save', () => {
    const p = mount();
    key(q('textarea'), 'Enter', { ctrlKey: true });
    key(q('textarea'), 'Enter', { altKey: true });
    expect(p.onSave).not.toHaveBeenCalled();
  });
});

describe('NoteEditor dirty flag (an outside click must not throw away what the user typed)', () => {
  it.each([
    ['note typed', 'textarea', 'Ma note\u202f!'],
    ['tags typed', 'input', 'promo, à revoir'],
  ])('%s → dirty; back to the opened value → clean', (_name, sel, text) => {
    const onDirtyChange = vi.fn();
    mount({ mode: 'edit', initial: { color: 'yellow', note: 'avant', tags: ['x'] }, onDirtyChange });
    expect(onDirtyChange).not.toHaveBeenCalled();
    const field = q<HTMLTextAreaElement>(sel);
    const original = field.value;
    type(field, text);
    expect(onDirtyChange).toHaveBeenLastCalledWith(true);
    type(field, original);
    expect(onDirtyChange).toHaveBeenLastCalledWith(false);
    expect(onDirtyChange).toHaveBeenCalledTimes(2);
  });

  it('picking another colour makes it dirty; picking the opened one again makes it clean', () => {
    const onDirtyChange = vi.fn();
    mount({ initial: { color: 'yellow', note: '', tags: [] }, onDirtyChange });
    act(() => q<HTMLButtonElement>('[data-color="green"]').click());
    expect(onDirtyChange).toHaveBeenLastCalledWith(true);
    act(() => q<HTMLButtonElement>('[data-color="yellow"]').click());
    expect(onDirtyChange).toHaveBeenLastCalledWith(false);
  });

  it('tags that only differ in spacing or separators are not a change', () => {
    const onDirtyChange = vi.fn();
    mount({ initial: { color: 'yellow', note: '', tags: ['promo', 'à-revoir'] }, onDirtyChange });
    type(q<HTMLInputElement>('input'), ' promo ;à-revoir ');
    expect(onDirtyChange).not.toHaveBeenCalled();
  });
});
