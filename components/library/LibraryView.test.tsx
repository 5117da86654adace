// @vitest-environment happy-dom
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import en from '../../public/_locales/en/messages.json';
import fr from '../../public/_locales/fr/messages.json';
import { localeT } from '../test-utils';
import { LibraryView, type LibraryViewProps } from './LibraryView';
import { EMPTY_FILTERS, LIB_COLORS, type LibraryRow } from './model';
import { LIB_EXPORT_FORMATS, importErrorText } from './Transfer';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

function row(n: number, over: Partial<LibraryRow> = {}): LibraryRow {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    url: 'https://www.exemple.fr/article',
    pageTitle: 'Un article',
    text: `citation ${n}`,
    note: '',
    tags: [],
    concepts: [],
    color: 'yellow',
    origin: 'user',
    createdAt: 1_700_000_000_000 + n * 60_000,
    updatedAt: 1_700_000_000_000 + n * 60_000,
    ...over,
  };
}

const ROWS: LibraryRow[] = [
  row(3, { text: 'l’offre qu’il ne faut pas manquer\u202f!', note: 'urgence', tags: ['urgence'], concepts: ['needs-created-by-anxiety'], category: 'urgency', color: 'pink', origin: 'claim' }),
  row(2, { url: 'javascript:alert(1)', pageTitle: '<script>alert(1)</script>', text: '<img src=x onerror=alert(1)>', note: '<b>gras</b>' }),
  row(1, { tags: ['a', 'b'] }),
];

function mount(over: Partial<LibraryViewProps> = {}) {
  const props: LibraryViewProps = {
    t: localeT('en'),
    status: 'ready',
    persistence: 'granted',
    rows: ROWS,
    totalCount: 3,
    filters: EMPTY_FILTERS,
    filtered: false,
    options: { sites: [{ site: 'www.exemple.fr', count: 2 }], tags: [{ tag: 'urgence', count: 1 }], concepts: [{ id: 'needs-created-by-anxiety', title: 'Anxieties', count: 1 }], categories: [{ category: 'urgency', label: 'Urgency' }] },
    onFilters: vi.fn(),
    limit: 200,
    onShowMore: vi.fn(),
    formatTime: (ms) => `T${ms}`,
    conceptTitle: (id) => (id === 'needs-created-by-anxiety' ? 'Anxieties' : id),
    categoryLabel: (c) => `cat:${c}`,
    onSave: vi.fn(async () => true),
    onDelete: vi.fn(),
    onOpen: vi.fn(),
    onUndo: vi.fn(),
    onDismissUndo: vi.fn(),
    exportFormat: 'markdown',
    onExportFormat: vi.fn(),
    onExport: vi.fn(),
    importState: { kind: 'idle' },
    onImportFile: vi.fn(),
    onImportConfirm: vi.fn(),
    onImportCancel: vi.fn(),
    ...over,
  };
  act(() => render(<LibraryView {...props} />, root));
  return props;
}

const $ = <T extends Element = HTMLElement>(sel: string) => root.querySelector(sel) as T;
const $$ = (sel: string) => [...root.querySelectorAll(sel)];
const item = (n: number) => $(`[data-id="${row(n).id}"]`);
function type(el: Element, value: string, event = 'input') {
  act(() => {
    (el as HTMLInputElement).value = value;
    el.dispatchEvent(new Event(event, { bubbles: true }));
  });
}
const click = (el: Element) => act(() => (el as HTMLElement).click());
/** Submit a form as the browser does on Enter or its submit button (cancelable, bubbling). */
const submit = (form: Element) => act(() => void form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
const flush = () => act(async () => {});

describe('LibraryView: list', () => {
  it('groups rows by page, shows titles, URLs, dates, tags, concepts and claim types', () => {
    mount();
    expect($$('.cl-lib-page').map((s) => s.getAttribute('data-url'))).toEqual(['https://www.exemple.fr/article', 'javascript:alert(1)']);
    expect($('.cl-lib-page__title').textContent).toBe('Un article');
    expect($('.cl-lib-page__meta').textContent).toContain('2 highlights');
    expect($('.cl-lib-count').textContent).toBe('3 highlights');
    const first = item(3);
    expect(first.querySelector('blockquote')!.textContent).toBe('l’offre qu’il ne faut pas manquer\u202f!');
    expect(first.querySelector('.cl-lib-item__concepts')!.textContent).toBe('Anxieties');
    expect(first.querySelector('.cl-lib-item__category')!.textContent).toBe('cat:urgency');
    expect(first.querySelector('.cl-lib-item__origin')!.textContent).toBe('Saved claim');
    expect(first.querySelector('.cl-lib-item__date')!.textContent).toBe(`T${row(3).createdAt}`);
    expect([...item(1).querySelectorAll('.cl-lib-tag')].map((e) => e.textContent)).toEqual(['#a', '#b']);
  });

  it('renders page text as text only and never offers to open a non-web URL', () => {
    const props = mount();
    expect(root.querySelector('img, script, b')).toBeNull();
    const hostile = item(2);
    expect(hostile.querySelector('blockquote')!.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(hostile.querySelector('.cl-lib-item__note')!.textContent).toBe('<b>gras</b>');
    expect($$('.cl-lib-page__title')[1]!.textContent).toBe('<script>alert(1)</script>');
    const open = hostile.querySelector<HTMLButtonElement>('.cl-lib-item__open')!;
    expect(open.disabled).toBe(true);
    click(open);
    expect(props.onOpen).not.toHaveBeenCalled();
    click(item(3).querySelector('.cl-lib-item__open')!);
    expect(props.onOpen).toHaveBeenCalledWith(ROWS[0]);
  });

  it.each([
    ['loading', { status: 'loading' as const }, 'Loading your notes…'],
    ['empty', { rows: [], totalCount: 0 }, 'No highlights yet.'],
    ['no match', { rows: [], totalCount: 3, filtered: true }, 'No highlight matches'],
  ])('says so when %s', (_n, over, text) => {
    mount(over);
    expect($('.cl-lib-empty').textContent).toContain(text);
    expect($$('.cl-lib-item')).toHaveLength(0);
  });

  it('shows a database error', () => {
    mount({ status: 'error', error: 'QuotaExceededError' });
    expect($('[role="alert"]').textContent).toContain('QuotaExceededError');
  });

  it.each(['pending', 'granted', 'denied', 'unsupported'] as const)('states the persistence %s in words', (state) => {
    mount({ persistence: state });
    const p = $('.cl-lib-persist');
    expect(p.getAttribute('data-state')).toBe(state);
    expect(p.textContent).toBe((en as Record<string, { message: string }>)[`lib_persist_${state}`]!.message);
  });

  it('renders only `limit` rows and asks for more', () => {
    const many = Array.from({ length: 25 }, (_, i) => row(i + 1, { url: `https://p${i % 4}.fr/` }));
    const props = mount({ rows: many, totalCount: 25, limit: 10 });
    expect($$('.cl-lib-item')).toHaveLength(10);
    expect($('.cl-lib-more').textContent).toContain('Showing 10 of 25.');
    click($('.cl-lib-more__button'));
    expect(props.onShowMore).toHaveBeenCalledTimes(1);
    mount({ rows: many, totalCount: 25, limit: 200 });
    expect($$('.cl-lib-item')).toHaveLength(25);
    expect($('.cl-lib-more')).toBeNull();
  });

  it('marks highlights not found on their page at the last visit, and says 1 in the singular', () => {
    mount({ rows: [row(1, { orphanSince: 1_700_000_000_000 })], totalCount: 1 });
    expect($('.cl-lib-item__orphan').textContent).toBe('Not found on the page since T1700000000000');
    expect($('.cl-lib-count').textContent).toBe('1 highlight');
    expect($('.cl-lib-page__meta').textContent).toBe(`Highlighted T${row(1).createdAt} · 1 highlight`);
    mount();
    expect($('.cl-lib-item__orphan')).toBeNull();
  });

  it('counts filtered results against the whole library', () => {
    mount({ rows: ROWS.slice(0, 1), filtered: true, totalCount: 3 });
    expect($('.cl-lib-count').textContent).toBe('1 of 3 highlights match');
  });
});

describe('LibraryView: filters', () => {
  it('reports each filter change with the other filters kept', () => {
    const base = { ...EMPTY_FILTERS, color: 'pink' };
    const props = mount({ filters: base });
    type($('input[type="search"]'), 'éco');
    expect(props.onFilters).toHaveBeenLastCalledWith({ ...base, text: 'éco' });
    for (const [name, value] of [
      ['site', 'www.exemple.fr'],
      ['concept', 'needs-created-by-anxiety'],
      ['category', 'urgency'],
      ['tag', 'urgence'],
      ['color', 'blue'],
      ['anchor', 'orphan'],
    ] as const) {
      type($(`select[name="${name}"]`), value, 'change');
      expect(props.onFilters).toHaveBeenLastCalledWith({ ...base, [name]: value });
    }
    type($('input[name="from"]'), '2024-01-02');
    expect(props.onFilters).toHaveBeenLastCalledWith({ ...base, from: '2024-01-02' });
    type($('input[name="to"]'), '2024-02-03', 'change');
    expect(props.onFilters).toHaveBeenLastCalledWith({ ...base, to: '2024-02-03' });
    click($('.cl-lib-filters__clear'));
    expect(props.onFilters).toHaveBeenLastCalledWith(EMPTY_FILTERS);
  });

  it('"/" focuses the search box, except while typing in a field', () => {
    mount();
    act(() => {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '/', bubbles: true, cancelable: true }));
    });
    expect(document.activeElement).toBe($('input[type="search"]'));
    const note = document.createElement('textarea');
    root.append(note);
    note.focus();
    const ev = new KeyboardEvent('keydown', { key: '/', bubbles: true, cancelable: true });
    act(() => {
      note.dispatchEvent(ev);
    });
    expect(ev.defaultPrevented).toBe(false);
    expect(document.activeElement).toBe(note);
    note.remove();
  });

  it('lists the options with counts and keeps a selected value that has gone', () => {
    mount({ filters: { ...EMPTY_FILTERS, tag: 'disparu' } });
    const tags = $$('select[name="tag"] option').map((o) => o.textContent);
    expect(tags).toEqual(['Any', '#urgence (1)', '#disparu (0)']);
    expect($$('select[name="color"] option')).toHaveLength(LIB_COLORS.length + 1);
    expect($<HTMLButtonElement>('.cl-lib-filters__clear').disabled).toBe(false);
    mount();
    expect($<HTMLButtonElement>('.cl-lib-filters__clear').disabled).toBe(true);
  });
});

describe('NoteItem: edit, delete, undo', () => {
  it('edits note, tags and colour; closes on success and gives focus back to Edit', async () => {
    const props = mount();
    const it3 = item(3);
    click(it3.querySelector('.cl-lib-item__edit')!);
    const note = it3.querySelector('textarea')!;
    expect(document.activeElement).toBe(note);
    expect(note.value).toBe('urgence');
    type(note, 'Une note\u202f: « vraie »');
    type(it3.querySelector('.cl-lib-edit__tags')!, '#urgence, à-revoir\u00a0FOMO');
    click(it3.querySelector('input[value="green"]')!);
    submit(it3.querySelector('form')!);
    await flush();
    expect(props.onSave).toHaveBeenCalledWith(row(3).id, { note: 'Une note\u202f: « vraie »', tags: ['urgence', 'à-revoir', 'FOMO'], color: 'green', ifUpdatedAt: row(3).updatedAt });
    expect(it3.querySelector('form')).toBeNull();
    expect(document.activeElement).toBe(it3.querySelector('.cl-lib-item__edit'));
  });

  it('keeps the editor open with a message when saving fails, and Escape cancels', async () => {
    const onSave = vi.fn(async () => false);
    mount({ onSave });
    const it1 = item(1);
    click(it1.querySelector('.cl-lib-item__edit')!);
    type(it1.querySelector('textarea')!, 'nouvelle');
    submit(it1.querySelector('form')!);
    await flush();
    expect(onSave).toHaveBeenCalledWith(row(1).id, { note: 'nouvelle', ifUpdatedAt: row(1).updatedAt });
    expect(it1.querySelector('[role="alert"]')!.textContent).toBe('Could not save the change. Try again.');
    act(() => {
      it1.querySelector('textarea')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(it1.querySelector('form')).toBeNull();
    expect(document.activeElement).toBe(it1.querySelector('.cl-lib-item__edit'));
  });

  it('sends only the changed fields with the ifUpdatedAt guard; an unchanged form closes without saving (finding 2)', async () => {
    const onSave = vi.fn(async () => true);
    mount({ onSave });
    const it3 = item(3);
    click(it3.querySelector('.cl-lib-item__edit')!);
    click(it3.querySelector('input[value="blue"]')!);
    submit(it3.querySelector('form')!);
    await flush();
    // Only the colour: the note and tags shown when the editor opened are never written back.
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave).toHaveBeenCalledWith(row(3).id, { color: 'blue', ifUpdatedAt: row(3).updatedAt });
    expect(it3.querySelector('form')).toBeNull();
    click(it3.querySelector('.cl-lib-item__edit')!);
    submit(it3.querySelector('form')!);
    await flush();
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(it3.querySelector('form')).toBeNull();
  });

  it('changed elsewhere: keeps the editor open, shows the stored version with the user’s change kept, says so, and saves again guarded by the new version', async () => {
    // The library's note was edited in another tab after this editor opened.
    const fresh = row(3, { note: 'note écrite ailleurs', tags: ['urgence', 'nouveau'], updatedAt: row(3).updatedAt + 5_000 });
    const onSave = vi.fn(async (_id: string, _p: unknown): Promise<boolean | { changed: LibraryRow }> => ({ changed: fresh }));
    mount({ onSave });
    const it3 = item(3);
    click(it3.querySelector('.cl-lib-item__edit')!);
    click(it3.querySelector('input[value="blue"]')!);
    submit(it3.querySelector('form')!);
    await flush();
    expect(onSave).toHaveBeenLastCalledWith(row(3).id, { color: 'blue', ifUpdatedAt: row(3).updatedAt });
    expect(it3.querySelector('form')).not.toBeNull();
    expect(it3.querySelector('.cl-lib-edit__conflict')!.textContent).toBe(
      'This note was changed elsewhere meanwhile. The form now shows the latest version with your changes kept; save again to apply them.',
    );
    expect(it3.querySelector('.cl-lib-edit__conflict')!.getAttribute('role')).toBe('alert');
    expect(it3.querySelector('textarea')!.value).toBe('note écrite ailleurs');
    expect((it3.querySelector('.cl-lib-edit__tags') as HTMLInputElement).value).toBe('urgence nouveau');
    expect((it3.querySelector('input[value="blue"]') as HTMLInputElement).checked).toBe(true);
    onSave.mockImplementation(async () => true);
    submit(it3.querySelector('form')!);
    await flush();
    // Still only the colour, now guarded by the stored version: the other tab's note is not overwritten.
    expect(onSave).toHaveBeenLastCalledWith(row(3).id, { color: 'blue', ifUpdatedAt: fresh.updatedAt });
    expect(it3.querySelector('form')).toBeNull();
  });

  it('a throwing save is a failed save, not an exception', async () => {
    mount({ onSave: () => Promise.reject(new Error('boom')) });
    click(item(1).querySelector('.cl-lib-item__edit')!);
    type(item(1).querySelector('textarea')!, 'x');
    submit(item(1).querySelector('form')!);
    await flush();
    expect(item(1).querySelector('[role="alert"]')).not.toBeNull();
  });

  it('deletes, then offers Undo with focus on it', () => {
    const props = mount();
    click(item(1).querySelector('.cl-lib-item__delete')!);
    expect(props.onDelete).toHaveBeenCalledWith(row(1).id);
    mount({ ...props, undo: { id: row(1).id, text: 'citation   1\n' } });
    expect($('.cl-lib-undo').textContent).toContain('Deleted “citation 1”.');
    expect(document.activeElement).toBe($('.cl-lib-undo__button'));
    click($('.cl-lib-undo__button'));
    expect(props.onUndo).toHaveBeenCalledTimes(1);
    // The page restores the row and clears the undo: focus lands on the restored row.
    mount({ ...props, undo: undefined, rows: [...ROWS] });
    expect(document.activeElement).toBe(item(1).querySelector('.cl-lib-item__delete'));
    mount({ ...props, undo: { id: row(1).id, text: 'citation 1' } });
    click($('.cl-lib-undo__dismiss'));
    expect(props.onDismissUndo).toHaveBeenCalledTimes(1);
  });
});

describe('LibraryView: recently deleted', () => {
  it('lists deleted rows as text with page and time, and restores one', () => {
    const onRestore = vi.fn();
    mount({ trash: [{ ...row(9, { text: '<i>supprimée</i>\n  deux', pageTitle: '' }), deletedAt: 42 }], onRestore });
    expect($('.cl-lib-trash summary').textContent).toBe('Recently deleted (1)');
    expect($('.cl-lib-trash__text').textContent).toBe('<i>supprimée</i> deux');
    expect($('.cl-lib-trash__meta').textContent).toBe('www.exemple.fr · T42');
    expect(root.querySelector('.cl-lib-trash i')).toBeNull();
    click($('.cl-lib-trash__restore'));
    expect(onRestore).toHaveBeenCalledWith(row(9).id);
  });
  it('has no section when the trash is empty', () => {
    mount({ trash: [], onRestore: vi.fn() });
    expect($('.cl-lib-trash')).toBeNull();
  });
});

describe('Transfer: export and import', () => {
  it('exports everything, the current filter, or one page in the chosen format', () => {
    const props = mount({ filtered: true, rows: ROWS.slice(0, 2), totalCount: 3 });
    expect($$('select[name="format"] option').map((o) => (o as HTMLOptionElement).value)).toEqual([...LIB_EXPORT_FORMATS]);
    type($('select[name="format"]'), 'csv', 'change');
    expect(props.onExportFormat).toHaveBeenCalledWith('csv');
    expect($('.cl-lib-export__all').textContent).toBe('Export everything (3)');
    expect($('.cl-lib-export__filter').textContent).toBe('Export the current results (2)');
    click($('.cl-lib-export__all'));
    click($('.cl-lib-export__filter'));
    click($$('.cl-lib-page__export')[1]!);
    expect(props.onExport).toHaveBeenNthCalledWith(1, 'all');
    expect(props.onExport).toHaveBeenNthCalledWith(2, 'filter');
    expect(props.onExport).toHaveBeenNthCalledWith(3, 'page', 'javascript:alert(1)');
  });

  it('disables the filtered export when nothing is filtered and everything when empty', () => {
    mount();
    expect($<HTMLButtonElement>('.cl-lib-export__filter').disabled).toBe(true);
    mount({ rows: [], totalCount: 0 });
    expect($<HTMLButtonElement>('.cl-lib-export__all').disabled).toBe(true);
  });

  it('passes a dropped file on', () => {
    const props = mount();
    const file = new File(['{}'], 'x.json', { type: 'application/json' });
    const drop = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [file] } });
    act(() => {
      $('.cl-lib-drop').dispatchEvent(drop);
    });
    expect(props.onImportFile).toHaveBeenCalledWith(file);
  });

  it('lists errors naming the record and field, and offers to dismiss', () => {
    const props = mount({
      importState: {
        kind: 'invalid',
        name: 'x.json',
        errors: [
          { record: 1, id: 'abc', path: 'color', message: 'rows[1] (id abc), field color: Invalid option: expected one of "yellow"|"green"' },
          { record: 4, path: 'selectors.position.end', message: 'rows[4], field selectors.position.end: Too small' },
        ],
      },
    });
    expect($$('.cl-lib-import__error').map((e) => e.textContent)).toEqual([
      'Record 2 (id abc), field color: Invalid option: expected one of "yellow"|"green"',
      'Record 5, field selectors.position.end: Too small',
    ]);
    expect($('.cl-lib-import__errors').textContent).toContain('x.json was not imported, nothing was written');
    click($('.cl-lib-import__dismiss'));
    expect(props.onImportCancel).toHaveBeenCalled();
  });

  it('previews, confirms and reports', () => {
    const props = mount({ importState: { kind: 'preview', name: 'a.jsonld', total: 5, fresh: 3, present: 1, repeated: 1 } });
    expect($('.cl-lib-import__summary').textContent).toBe('a.jsonld: 5 records, 3 new, 2 already in your library (kept as they are).');
    click($('.cl-lib-import__confirm'));
    expect(props.onImportConfirm).toHaveBeenCalled();
    mount({ importState: { kind: 'preview', name: 'a.json', total: 2, fresh: 0, present: 2, repeated: 0 } });
    expect($<HTMLButtonElement>('.cl-lib-import__confirm').disabled).toBe(true);
    mount({ importState: { kind: 'done', name: 'a.json', added: 3, skipped: 2 } });
    expect($('.cl-lib-import__done').textContent).toBe('Imported 3 highlights; 2 were already present.');
    expect(document.querySelector('.cl-lib-import__restored')).toBeNull();
    expect(document.querySelector('.cl-lib-import__trashed')).toBeNull();
  });

  it('shows a failed export as an alert, and nothing when there is none (finding 8)', () => {
    mount();
    expect(document.querySelector('[role="alert"]')).toBeNull();
    mount({ alert: localeT('en')('lib_export_failed', 'a highlight could not be exported (x)') });
    const a = $('.cl-lib-alert');
    expect(a.getAttribute('role')).toBe('alert');
    expect(a.textContent).toBe('Export failed, nothing was downloaded: a highlight could not be exported (x)');
    mount({ t: localeT('fr'), alert: localeT('fr')('lib_export_failed', 'x') });
    expect($('.cl-lib-alert').textContent).toBe('L’export a échoué, rien n’a été téléchargé\u00a0: x');
  });

  it('says separately how many rows are in Recently deleted and will be restored (finding 7)', () => {
    const props = mount({ importState: { kind: 'preview', name: 'b.json', total: 4, fresh: 0, present: 1, trashed: 3, repeated: 0 } });
    expect($('.cl-lib-import__summary').textContent).toBe('b.json: 4 records, 0 new, 1 already in your library (kept as they are).');
    expect($('.cl-lib-import__trashed').textContent).toBe('3 of them in Recently deleted, will be restored.');
    // Nothing new, but restoring is worth confirming.
    const confirm = $<HTMLButtonElement>('.cl-lib-import__confirm');
    expect(confirm.disabled).toBe(false);
    expect(confirm.textContent).toBe('Import 3');
    click(confirm);
    expect(props.onImportConfirm).toHaveBeenCalled();
    mount({ importState: { kind: 'done', name: 'b.json', added: 0, restored: 3, skipped: 1 } });
    expect($('.cl-lib-import__done').textContent).toBe('Imported 0 highlights; 1 were already present. 3 restored from Recently deleted.');
    mount({ t: localeT('fr'), importState: { kind: 'preview', name: 'b.json', total: 4, fresh: 0, present: 1, trashed: 3, repeated: 0 } });
    expect($('.cl-lib-import__trashed').textContent).toBe('Dont 3 dans «\u00a0Supprimés récemment\u00a0», qui seront restaurés.');
  });

  it.each([
    [{ record: 'file' as const, path: '', message: 'The file is empty.' }, 'The file is empty.'],
    [{ record: 0, path: 'text', message: 'rows[0], field text: Too small: expected string to have >=1 characters' }, 'Record 1, field text: Too small: expected string to have >=1 characters'],
    [{ record: 2, path: 'target', message: 'unexpected wording' }, 'Record 3, field target: unexpected wording'],
  ])('importErrorText %#', (e, want) => {
    expect(importErrorText(localeT('en'), e)).toBe(want);
  });
});

describe('French interface and message keys', () => {
  it('renders in French with French typography', () => {
    mount({ t: localeT('fr'), undo: { id: 'x', text: 'l’offre' }, importState: { kind: 'done', name: 'a', added: 2, skipped: 0 } });
    expect($('h1').textContent).toBe('Bibliothèque de notes');
    expect($('.cl-lib-undo').textContent).toContain('«\u00a0l’offre\u00a0» supprimé.');
    expect($('.cl-lib-import__done').textContent).toBe('Importé 2 surlignages\u202f; 0 étaient déjà présents.');
  });

  it('every lib_ key used by the library exists in both languages', () => {
    const dir = dirname(fileURLToPath(import.meta.url));
    const used = new Set<string>();
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.tsx') && !x.includes('.test.'))) {
      for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/'(lib_[a-z_]+)'/g)) used.add(m[1]!);
    }
    for (const c of LIB_COLORS) used.add(`lib_color_${c}`);
    for (const f of LIB_EXPORT_FORMATS) used.add(`lib_format_${f}`);
    for (const s of ['pending', 'granted', 'denied', 'unsupported']) used.add(`lib_persist_${s}`);
    expect(used.size).toBeGreaterThan(40);
    const missing = [...used].filter((k) => !(k in en) || !(k in fr));
    expect(missing).toEqual([]);
    const enLib = Object.keys(en).filter((k) => k.startsWith('lib_')).sort();
    const frLib = Object.keys(fr).filter((k) => k.startsWith('lib_')).sort();
    expect(frLib).toEqual(enLib);
  });
});
