/**
 * The user's highlights in the page: the selection toolbar, painting saved highlights again on every
 * visit (and when the page's content changes later), the editor of a saved highlight (note, tags,
 * colour, delete with undo), and the paths the popup and the background use (get-notes, save-claim,
 * scroll-to-note, highlight-selection).
 *
 * The content script never opens IndexedDB: every read and write is a message to the background.
 * Selectors are built over the whole page's text (dom/selection.ts) and re-anchored with
 * dom/anchor.ts; what cannot be placed stays stored and is reported to the popup as an orphan.
 */
import { render } from 'preact';
import type { ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { NOTE_COLORS, type NoteColorName } from '../../components/colors';
import { NoteEditor, type NoteEditorStatus, type NoteValues } from '../../components/NoteEditor';
import type { Translate } from '../../components/types';
import { anchorAll, isInsideOwnUi, isOwnUiElement, rangeFromOffsets } from '../../dom';
import { createNotePainter } from '../../dom/highlights';
import { NOTE_PREFIX, pageStylesheet } from './page-css';
import { describeRange, pageSnapshot, selectableRange } from '../../dom/selection';
import type { Category } from '../../engine/types';
import {
  NOTE_CHANGED_ELSEWHERE,
  NoteListResultSchema,
  NoteResultSchema,
  parseWith,
  type BackgroundRequest,
  type NoteRow,
  type PageNotesReport,
  type SaveClaimResult,
} from '../../messages';
import { createPanelUi, placeBeside } from './card';

export interface ClaimToSave {
  id: string;
  text: string;
  range: Range;
  category: Category;
  concepts: readonly string[];
}

export interface NotesController {
  /** Fetch this page's highlights, paint them, and start listening (selection, clicks, page changes). */
  start(): Promise<void>;
  /** Keyboard shortcut / context menu: save the selection now and open its editor. */
  highlightSelection(): Promise<SaveClaimResult>;
  saveClaim(claim: ClaimToSave): Promise<SaveClaimResult>;
  isClaimSaved(claim: { id: string; text: string; category: Category }): boolean;
  /** The page's notes; `claims` (the scanner's) are matched against stored claim notes. */
  report(claims?: readonly { id: string; text: string; category: Category }[]): PageNotesReport;
  scrollTo(id: string): boolean;
  /** True when this click was taken by a highlight or by our editor (the claim card must ignore it). */
  tookClick(e: Event): boolean;
  stop(): void;
}

const WIDTH = 320;
/** Wait this long after the last page change before anchoring again (late-loading pages). */
export const SETTLE_MS = 400;
/** ...but a page that never stops changing (a ticker) still gets a pass at least this often. */
export const MAX_WAIT_MS = 2000;
/** The longest quote a TextQuoteSelector may hold (engine/annotation.ts). */
const MAX_QUOTE = 10_000;

type EditorState =
  | { mode: 'new'; range: Range; values: NoteValues; status: NoteEditorStatus; error?: string; autoFocus: boolean }
  | {
      mode: 'edit';
      id: string;
      values: NoteValues;
      /** The stored values the form was opened on: only the fields the user changed from these are written. */
      initial: NoteValues;
      /** The stored row's updatedAt when read: the update is refused if the row was saved since. */
      updatedAt: number;
      /** Bumped when the form is reset to other values (after a conflict). */
      rev: number;
      status: NoteEditorStatus;
      error?: string;
      autoFocus: boolean;
    };

/** The fields of `values` that differ from `initial` (tags compared as lists). */
export function changedFields(initial: NoteValues, values: NoteValues): Partial<NoteValues> {
  const patch: Partial<NoteValues> = {};
  if (values.color !== initial.color) patch.color = values.color;
  if (values.note !== initial.note) patch.note = values.note;
  if (values.tags.length !== initial.tags.length || values.tags.some((t, i) => t !== initial.tags[i])) patch.tags = values.tags;
  return patch;
}

const isColor = (c: string): c is NoteColorName => Object.prototype.hasOwnProperty.call(NOTE_COLORS, c);

export function createNotesController(
  ctx: ContentScriptContext,
  deps: {
    t: Translate;
    send: (msg: BackgroundRequest) => Promise<unknown>;
    onEditorOpen?: () => void;
    /** The clock of the re-anchoring debounce (tests pass a fake one). Default Date.now. */
    now?: () => number;
  },
): NotesController {
  const { t, send } = deps;
  const now = deps.now ?? (() => Date.now());
  const painter = createNotePainter(document, { colors: NOTE_COLORS, prefix: NOTE_PREFIX, stylesheet: pageStylesheet(import.meta.env.COMMAND) });
  const rows = new Map<string, NoteRow>();
  /** Ranges of deleted rows, kept so Undo paints them again at once. */
  const deletedRanges = new Map<string, Range>();
  /** Claim id → note id, for claims saved as notes (this visit, or earlier: matched by text and category). */
  const savedClaims = new Map<string, string>();
  /** A stored claim note with this claim's text and category (saved on an earlier visit). */
  const storedClaimNote = (claim: { text: string; category: Category }) => {
    for (const r of rows.values()) if (r.origin === 'claim' && r.category === claim.category && r.text === claim.text.trim()) return r.id;
    return undefined;
  };
  let ready = false;
  let lastColor: NoteColorName = 'yellow';
  let stopped = false;

  // ---- anchoring --------------------------------------------------------------------------------

  let anchoring: Promise<void> | null = null;
  let again = false;
  let forceAgain = false;
  /** The page text and rows of the last pass: a page that mutates without changing its text (a
   * ticking clock, class toggles) does not make us search for orphans again and again. */
  let lastText: string | null = null;
  let lastRows = '';
  async function anchor(force = false): Promise<void> {
    if (anchoring) {
      again = true;
      forceAgain ||= force;
      return anchoring;
    }
    anchoring = (async () => {
      do {
        again = false;
        const list = [...rows.values()];
        if (list.length === 0) {
          // No saved note on this page (most pages): do not read the page's text at all.
          lastText = null;
          lastRows = '';
          force = forceAgain;
          forceAgain = false;
          continue;
        }
        const snapshot = pageSnapshot(document);
        const rowsKey = list.map((r) => r.id).join(',');
        if (!force && snapshot.text === lastText && rowsKey === lastRows) {
          force = forceAgain;
          forceAgain = false;
          continue;
        }
        lastText = snapshot.text;
        lastRows = rowsKey;
        force = forceAgain;
        forceAgain = false;
        const res = await anchorAll(snapshot, (s, e) => rangeFromOffsets(snapshot, s, e), list.map((r) => ({ id: r.id, selectors: r.selectors })));
        if (stopped) return;
        const placed = new Set<string>();
        for (const a of res.anchored) {
          const row = rows.get(a.id);
          if (!row) continue; // deleted while anchoring
          placed.add(a.id);
          painter.set(a.id, row.color, a.range);
        }
        // Rows that could not be placed this time are orphans: unpainted, still stored.
        const listed = new Set(list.map((r) => r.id));
        for (const id of painter.ids()) if (listed.has(id) && !placed.has(id)) painter.remove(id);
        reportAnchoring(
          list.filter((r) => placed.has(r.id) && rows.has(r.id)).map((r) => r.id),
          list.filter((r) => !placed.has(r.id) && rows.has(r.id)).map((r) => r.id),
        );
      } while (again && !stopped);
    })().finally(() => {
      anchoring = null;
    });
    return anchoring;
  }

  /** Tell storage which notes this visit placed and which it could not (the library lists orphans). */
  let lastReport = '';
  function reportAnchoring(found: string[], orphans: string[]) {
    if (found.length + orphans.length === 0) return;
    const key = `${found.join(',')}|${orphans.join(',')}`;
    if (key === lastReport) return;
    lastReport = key;
    send({ type: 'note-anchoring', url: location.href, found, orphans }).catch(() => {});
  }

  /** Bumped by every write this tab makes: a list fetched before a write is older than our cache. */
  let writes = 0;
  /** Replace the cached rows by the stored ones (edited, deleted or added elsewhere meanwhile). */
  function applyRows(list: readonly NoteRow[]) {
    const next = new Map(list.map((r) => [r.id, r] as const));
    for (const id of painter.ids()) if (!next.has(id)) painter.remove(id);
    for (const [id, row] of next) {
      const prev = rows.get(id);
      const range = painter.rangeOf(id);
      if (prev && range && prev.color !== row.color) painter.set(id, row.color, range);
    }
    rows.clear();
    for (const [id, row] of next) rows.set(id, row);
    for (const [claimId, noteId] of savedClaims) if (!rows.has(noteId)) savedClaims.delete(claimId);
  }

  /** Fetch this page's rows; false when the background did not answer (the cache stays). */
  async function fetchRows(): Promise<boolean> {
    const before = writes;
    const r = parseWith(NoteListResultSchema, await send({ type: 'note-list', url: location.href }).catch(() => undefined));
    if (!r?.ok || stopped) return false;
    if (writes !== before) return false; // a save of ours landed meanwhile: this list may miss it
    applyRows(r.rows);
    return true;
  }

  async function load(): Promise<void> {
    if (await fetchRows()) await anchor(true);
    ready = true;
  }

  /** Coming back to the tab (the library may have changed notes): fetch again, place what is new. */
  let refreshing: Promise<void> | null = null;
  function refresh(): Promise<void> {
    refreshing ??= (async () => {
      if (await fetchRows()) await anchor();
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  /**
   * 'stale': a painted range was detached or emptied (the page re-rendered it, maybe with the very
   * same text): anchor again even if the page text is unchanged. 'changed': a row is not painted, or
   * its range's text is not the stored quote (edited in place, or a fuzzy match): worth a pass only
   * when the page text changed (a page that toggles classes does not make us search again and again).
   * null: everything is in place.
   */
  function needsAnchoring(): 'stale' | 'changed' | null {
    let changed = false;
    for (const [id, row] of rows) {
      const range = painter.rangeOf(id);
      if (!range) {
        changed = true;
        continue;
      }
      if (!rangeAlive(range)) return 'stale';
      if (range.toString() !== row.text && range.toString().replace(/\s+/gu, ' ') !== row.text.replace(/\s+/gu, ' ')) changed = true;
    }
    return changed ? 'changed' : null;
  }

  /** Page changes: wait for SETTLE_MS of quiet, but never more than MAX_WAIT_MS in all. */
  let settlePending = false;
  let firstChange = 0;
  let lastChange = 0;
  function settle() {
    if (stopped) return;
    const t = now();
    const quiet = t - lastChange;
    const waited = t - firstChange;
    if (quiet < SETTLE_MS && waited < MAX_WAIT_MS) {
      ctx.setTimeout(settle, Math.max(1, Math.min(SETTLE_MS - quiet, MAX_WAIT_MS - waited)));
      return;
    }
    settlePending = false;
    const need = needsAnchoring();
    if (need) void anchor(need === 'stale');
  }
  function pageChanged() {
    lastChange = now();
    if (settlePending) return;
    settlePending = true;
    firstChange = lastChange;
    ctx.setTimeout(settle, SETTLE_MS);
  }

  const observer = new MutationObserver((records) => {
    if (rows.size === 0) return;
    const relevant = records.some((m) => {
      if (isInsideOwnUi(m.target)) return false;
      if (m.type === 'childList') {
        const nodes = [...m.addedNodes, ...m.removedNodes];
        if (nodes.length > 0 && nodes.every((n) => n.nodeType === 1 && (isInsideOwnUi(n) || (n as Element).localName.startsWith('claim-lens')))) return false;
        if (nodes.length > 0 && nodes.every((n) => n.nodeType === 1 && ((n as Element).localName === 'style' || (n as Element).hasAttribute('wxt-shadow-root-document-styles')))) return false;
      }
      return true;
    });
    if (relevant) pageChanged();
  });

  // ---- the editor (shadow root) -----------------------------------------------------------------

  let editor: {
    ui: ShadowRootContentScriptUi<HTMLElement> | null;
    state: EditorState;
    getRect: () => DOMRect | null;
    returnFocus: Element | null;
    /** The user typed or picked something not saved yet: an outside press does not throw it away. */
    dirty: boolean;
  } | null = null;
  let frame = 0;
  const box = () => editor?.ui?.uiContainer.querySelector<HTMLElement>('.cl-root') ?? null;

  function position() {
    frame = 0;
    const el = box();
    if (!el || !editor) return;
    const r = editor.getRect();
    if (r) placeBeside(el, r, WIDTH);
  }
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(position);
  };

  function draw() {
    const el = box();
    if (!el || !editor) return;
    const e = editor;
    const s = e.state;
    const quote = s.mode === 'edit' ? rows.get(s.id)?.text ?? '' : s.range.toString();
    render(
      <NoteEditor
        // A new key per highlight: the form starts from that highlight's values.
        key={s.mode === 'edit' ? `${s.id}:${s.rev}` : 'new'}
        t={t}
        mode={s.mode}
        quote={quote}
        initial={s.values}
        baseline={s.mode === 'edit' ? s.initial : undefined}
        autoFocus={s.autoFocus}
        status={s.status}
        error={s.error}
        onSave={(v) => void (s.mode === 'new' ? saveNew(s, v) : saveEdit(s, v))}
        onDelete={s.mode === 'edit' ? () => void remove(s) : undefined}
        onUndo={s.mode === 'edit' ? () => void undo(s) : undefined}
        onClose={closeEditor}
        onDirtyChange={(dirty) => {
          if (editor === e) e.dirty = dirty;
        }}
      />,
      el,
    );
  }

  function update(state: EditorState, change: Partial<EditorState>) {
    if (!editor || editor.state !== state) return;
    Object.assign(state, change);
    draw();
  }

  function closeEditor() {
    if (!editor) return;
    const e = editor;
    editor = null;
    window.removeEventListener('scroll', schedule, true);
    window.removeEventListener('resize', schedule);
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
    e.ui?.remove();
    if (e.returnFocus instanceof HTMLElement && e.returnFocus.isConnected) e.returnFocus.focus({ preventScroll: true });
  }

  async function openEditor(state: EditorState, getRect: () => DOMRect | null) {
    closeEditor();
    deps.onEditorOpen?.();
    const mine = { ui: null as ShadowRootContentScriptUi<HTMLElement> | null, state, getRect, returnFocus: state.autoFocus ? document.activeElement : null, dirty: false };
    editor = mine;
    // Closed: a page script cannot reach into the editor to read or change a note.
    const ui = await createPanelUi(ctx, { name: 'claim-lens-note', kind: 'note-editor', rootClass: 'cl-root cl-root--note', moreEvents: ['input'] });
    if (editor !== mine) return;
    mine.ui = ui;
    ui.mount();
    draw();
    position();
    window.addEventListener('scroll', schedule, { capture: true, passive: true });
    window.addEventListener('resize', schedule, { passive: true });
  }

  /** Painted on a range that is still in the page and not empty. */
  const isPainted = (id: string) => {
    const r = painter.rangeOf(id);
    return !!r && rangeAlive(r);
  };

  const rectOfRange = (range: Range) => () => (range.startContainer.isConnected ? range.getClientRects()[0] ?? range.getBoundingClientRect() : null);
  const rectOfNote = (id: string) => () => {
    const r = painter.rangeOf(id);
    return r && r.startContainer.isConnected ? r.getClientRects()[0] ?? r.getBoundingClientRect() : null;
  };

  // ---- writes -----------------------------------------------------------------------------------

  async function saveRange(
    range: Range,
    values: NoteValues,
    extra: { origin: 'user' | 'claim'; category?: Category; concepts?: readonly string[] },
  ): Promise<{ ok: true; row: NoteRow } | { ok: false; error: string }> {
    const described = describeRange(pageSnapshot(document), range);
    if (!described) return { ok: false, error: range.toString().trim().length > MAX_QUOTE ? t('note_tooLong') : t('note_noSelection') };
    const raw = await send({
      type: 'note-save',
      note: {
        url: location.href,
        pageTitle: document.title.slice(0, 4000),
        selectors: described.selectors,
        color: values.color,
        note: values.note,
        tags: values.tags,
        origin: extra.origin,
        ...(extra.category ? { category: extra.category } : {}),
        ...(extra.concepts ? { concepts: extra.concepts.slice(0, 100) } : {}),
      },
    }).catch((e: unknown) => ({ ok: false, error: String(e) }));
    const r = parseWith(NoteResultSchema, raw);
    if (!r) return { ok: false, error: 'no answer' };
    if (!r.ok) return r;
    writes += 1;
    rows.set(r.row.id, r.row);
    const painted = described.range ?? range;
    painter.set(r.row.id, r.row.color, painted);
    return { ok: true, row: r.row };
  }

  async function saveNew(state: Extract<EditorState, { mode: 'new' }>, values: NoteValues) {
    update(state, { status: 'saving', values });
    const r = await saveRange(state.range, values, { origin: 'user' });
    if (!r.ok) return update(state, { status: 'error', error: r.error });
    lastColor = values.color;
    if (editor?.state === state) closeEditor();
    // The selection would hide the new highlight's colour.
    document.getSelection()?.removeAllRanges();
  }

  async function saveEdit(state: Extract<EditorState, { mode: 'edit' }>, values: NoteValues) {
    // Only what the user changed: a field edited elsewhere (the library) since is not written back.
    const patch = changedFields(state.initial, values);
    if (Object.keys(patch).length === 0) {
      if (editor?.state === state) closeEditor();
      return;
    }
    update(state, { status: 'saving', values });
    const raw = await send({ type: 'note-update', id: state.id, patch: { ...patch, ifUpdatedAt: state.updatedAt } }).catch(() => undefined);
    const r = parseWith(NoteResultSchema, raw);
    if (r && !r.ok && r.error === NOTE_CHANGED_ELSEWHERE) return conflict(state, patch);
    if (!r?.ok) return update(state, { status: 'error', error: r && !r.ok ? r.error : 'no answer' });
    writes += 1;
    rows.set(r.row.id, r.row);
    const range = painter.rangeOf(r.row.id);
    if (range) painter.set(r.row.id, r.row.color, range);
    lastColor = values.color;
    if (editor?.state === state) closeEditor();
  }

  /**
   * The row was saved elsewhere (the library, another tab) since the editor read it: show its latest
   * values with the user's own changes on top, say so, and let the user save again.
   */
  async function conflict(state: Extract<EditorState, { mode: 'edit' }>, patch: Partial<NoteValues>) {
    await fetchRows();
    const fresh = rows.get(state.id);
    if (!fresh) return update(state, { status: 'error', error: NOTE_CHANGED_ELSEWHERE });
    const initial = valuesOf(fresh);
    update(state, {
      status: 'error',
      error: t('lib_save_conflict') || NOTE_CHANGED_ELSEWHERE,
      initial,
      values: { ...initial, ...patch },
      updatedAt: fresh.updatedAt,
      rev: state.rev + 1,
    });
  }

  async function remove(state: Extract<EditorState, { mode: 'edit' }>) {
    update(state, { status: 'saving' });
    const r = parseWith(NoteResultSchema, await send({ type: 'note-delete', id: state.id }).catch(() => undefined));
    if (!r?.ok) return update(state, { status: 'error', error: r && !r.ok ? r.error : 'no answer' });
    writes += 1;
    const range = painter.rangeOf(state.id);
    if (range) deletedRanges.set(state.id, range);
    rows.delete(state.id);
    painter.remove(state.id);
    for (const [claimId, noteId] of savedClaims) if (noteId === state.id) savedClaims.delete(claimId);
    update(state, { status: 'deleted' });
  }

  async function undo(state: Extract<EditorState, { mode: 'edit' }>) {
    const r = parseWith(NoteResultSchema, await send({ type: 'note-restore', id: state.id }).catch(() => undefined));
    if (!r?.ok) return update(state, { status: 'error', error: r && !r.ok ? r.error : 'no answer' });
    writes += 1;
    rows.set(r.row.id, r.row);
    const range = deletedRanges.get(state.id);
    deletedRanges.delete(state.id);
    if (range && range.startContainer.isConnected) painter.set(r.row.id, r.row.color, range);
    else void anchor(true);
    const values = valuesOf(r.row);
    update(state, { status: 'idle', values, initial: values, updatedAt: r.row.updatedAt, rev: state.rev + 1 });
  }

  const valuesOf = (row: NoteRow): NoteValues => ({ color: isColor(row.color) ? row.color : 'yellow', note: row.note, tags: [...row.tags] });

  /** Open the editor of a saved highlight with its stored values, fetched afresh (the cache may be old). */
  let opening = 0;
  async function openEdit(id: string, autoFocus: boolean): Promise<void> {
    const mine = ++opening;
    await fetchRows();
    if (mine !== opening || stopped) return; // another highlight was chosen meanwhile
    const row = rows.get(id);
    if (!row) return; // deleted elsewhere
    const values = valuesOf(row);
    await openEditor({ mode: 'edit', id, values, initial: values, updatedAt: row.updatedAt, rev: 0, status: 'idle', autoFocus }, rectOfNote(id));
  }

  // ---- page events ------------------------------------------------------------------------------

  const tookClicks = new WeakSet<Event>();
  const inEditor = (e: Event) => !!editor?.ui && e.composedPath().includes(editor.ui.shadowHost);

  // Every listener below ignores events a page script made up (dispatchEvent): only the user's own
  // presses, clicks and keys may open, save, edit or delete a note.

  function onPointerDown(e: Event) {
    if (!e.isTrusted) return;
    if (inEditor(e)) return;
    // A press outside closes the toolbar of a selection (a new selection will bring it back), unless
    // the user already typed or picked something in it.
    if (editor?.state.mode === 'new' && editor.state.status !== 'saving' && !editor.dirty) closeEditor();
  }

  let selTimer: number | undefined;
  function onSelectionEnd(e: Event) {
    if (!e.isTrusted) return;
    // Selections inside any of our shadow roots (the claim card, the editor) are not page text.
    if (e.composedPath().some((n) => n instanceof Element && isOwnUiElement(n))) return;
    if (e instanceof KeyboardEvent && !(e.shiftKey || e.key === 'Shift' || ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a'))) return;
    if (selTimer !== undefined) clearTimeout(selTimer);
    selTimer = ctx.setTimeout(() => {
      selTimer = undefined;
      const range = selectableRange(document);
      if (!range) return;
      if (editor?.state.mode === 'edit' && editor.state.autoFocus) return; // the user is editing a note
      if (editor?.dirty) return; // an unsaved note or tags: keep them
      void openEditor({ mode: 'new', range, values: { color: lastColor, note: '', tags: [] }, status: 'idle', autoFocus: false }, rectOfRange(range));
    }, 0);
  }

  function onClick(e: MouseEvent) {
    if (!e.isTrusted) return;
    if (inEditor(e)) {
      tookClicks.add(e);
      return;
    }
    const sel = document.getSelection();
    if (sel && !sel.isCollapsed) return;
    const hit = e.button === 0 ? painter.hitTest(e.clientX, e.clientY)[0] : undefined;
    if (hit) {
      if (editor?.dirty) return; // unsaved changes in the open editor: keep it
      tookClicks.add(e);
      void openEdit(hit, false);
    } else if (editor?.state.mode === 'edit' && !editor.dirty) closeEditor();
  }

  function onKeyDown(e: KeyboardEvent) {
    if (!e.isTrusted) return;
    if (!editor || inEditor(e)) return;
    // Escape is the user's explicit "close": it closes even a toolbar with unsaved text.
    if (e.key === 'Escape') return closeEditor();
    // Keyboard users who selected text (Shift+arrows): Enter saves it with the toolbar's colour,
    // but only while no page control has focus (Enter then does nothing for the page).
    const s = editor.state;
    const idle = !document.activeElement || document.activeElement === document.body || document.activeElement === document.documentElement;
    if (e.key === 'Enter' && s.mode === 'new' && idle && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey && s.status !== 'saving') {
      e.preventDefault();
      void saveNew(s, s.values);
    }
    // Tab (from no focused page control) moves into the toolbar, to add a note, tags or a colour.
    if (e.key === 'Tab' && s.mode === 'new' && idle && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
      const field = box()?.querySelector<HTMLTextAreaElement>('textarea');
      if (field) {
        e.preventDefault();
        field.focus();
      }
    }
  }

  return {
    async start() {
      ctx.addEventListener(window, 'pointerdown', onPointerDown, { capture: true });
      ctx.addEventListener(window, 'mouseup', onSelectionEnd, { capture: true });
      ctx.addEventListener(window, 'keyup', onSelectionEnd, { capture: true });
      ctx.addEventListener(window, 'click', onClick, { capture: true });
      ctx.addEventListener(window, 'keydown', onKeyDown, { capture: true });
      // Same-document navigations (single-page apps): another URL, other notes.
      ctx.addEventListener(window, 'wxt:locationchange', () => {
        closeEditor();
        painter.clear();
        rows.clear();
        savedClaims.clear();
        lastReport = '';
        void load();
      });
      // Back to this tab (or window): notes may have been edited or deleted in the library meanwhile.
      ctx.addEventListener(document, 'visibilitychange', () => {
        if (document.visibilityState === 'visible') void refresh();
      });
      ctx.addEventListener(window, 'focus', () => void refresh());
      ctx.onInvalidated(() => this.stop());
      observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
      await load();
    },

    async highlightSelection() {
      const range = selectableRange(document);
      if (!range) return { ok: false, error: 'no-selection' };
      const values: NoteValues = { color: lastColor, note: '', tags: [] };
      const r = await saveRange(range, values, { origin: 'user' });
      if (!r.ok) return { ok: false, error: r.error };
      document.getSelection()?.removeAllRanges();
      await openEdit(r.row.id, true);
      return { ok: true, id: r.row.id };
    },

    async saveClaim(claim) {
      const already = savedClaims.get(claim.id) ?? storedClaimNote(claim);
      if (already && rows.has(already)) return { ok: true, id: already };
      const r = await saveRange(claim.range, { color: 'yellow', note: '', tags: [] }, { origin: 'claim', category: claim.category, concepts: claim.concepts });
      if (!r.ok) return { ok: false, error: r.error.slice(0, 2000) };
      savedClaims.set(claim.id, r.row.id);
      return { ok: true, id: r.row.id };
    },

    isClaimSaved: (claim) => {
      const id = savedClaims.get(claim.id) ?? storedClaimNote(claim);
      return !!id && rows.has(id);
    },

    report(claims = []) {
      const list = [...rows.values()].sort((a, b) => a.selectors.position.start - b.selectors.position.start || a.createdAt - b.createdAt);
      return {
        ready,
        notes: list.map((r) => ({
          id: r.id,
          text: r.text,
          note: r.note,
          tags: r.tags,
          color: r.color,
          origin: r.origin,
          found: isPainted(r.id),
        })),
        savedClaims: [
          ...new Set([
            ...[...savedClaims].filter(([, id]) => rows.has(id)).map(([claimId]) => claimId),
            ...claims.filter((c) => storedClaimNote(c) !== undefined).map((c) => c.id),
          ]),
        ].slice(0, 5000),
      };
    },

    scrollTo(id) {
      const range = painter.rangeOf(id);
      if (!range || !range.startContainer.isConnected) return false;
      const el = range.startContainer.nodeType === 1 ? (range.startContainer as Element) : range.startContainer.parentElement;
      el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      void openEdit(id, true);
      return true;
    },

    tookClick: (e) => tookClicks.has(e) || inEditor(e),

    stop() {
      stopped = true;
      observer.disconnect();
      closeEditor();
      painter.dispose();
    },
  };
}

/** A painted range still in the document and not collapsed (a re-render leaves it detached or empty). */
function rangeAlive(range: Range): boolean {
  return range.startContainer.isConnected && range.endContainer.isConnected && !range.collapsed;
}
