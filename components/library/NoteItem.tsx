/**
 * One highlight in the notes library: its quote, note, tags, colour, concepts and claim type, with
 * edit (note, tags, colour), delete and "open the page". Page text is rendered as text only.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Translate } from '../types';
import { LIB_COLORS, LIB_COLOR_CSS, httpUrl, parseTagInput, type LibColor, type LibraryRow } from './model';

/**
 * Only the fields the user changed, and `ifUpdatedAt`: the row's updatedAt when the editor opened
 * (storage refuses the write when the row was saved elsewhere since).
 */
export interface NotePatch {
  note?: string;
  tags?: string[];
  color?: LibColor;
  ifUpdatedAt?: number;
}

/**
 * What a save gave: true saved, false failed, or `{ changed: row }` when the row was changed
 * elsewhere since the editor opened (nothing written; `row` is the stored row as it is now).
 */
export type SaveOutcome = boolean | { changed: LibraryRow };

/** The editor's starting point: the row's fields as they were when it opened (or last reloaded). */
interface EditBase {
  note: string;
  tags: string;
  color: LibColor;
  updatedAt: number;
}

const baseOf = (r: LibraryRow): EditBase => ({ note: r.note, tags: r.tags.join(' '), color: r.color, updatedAt: r.updatedAt });

export interface NoteItemProps {
  t: Translate;
  row: LibraryRow;
  /** Date and time in the interface language. */
  formatTime: (ms: number) => string;
  conceptTitle: (id: string) => string;
  categoryLabel: (category: string) => string;
  /** Resolves to true when saved (the editor closes), false to keep it open, or `{ changed }` (see SaveOutcome). */
  onSave: (id: string, patch: NotePatch) => Promise<SaveOutcome> | SaveOutcome;
  onDelete: (id: string) => void;
  onOpen: (row: LibraryRow) => void;
}

export function NoteItem({ t, row, formatTime, conceptTitle, categoryLabel, onSave, onDelete, onOpen }: NoteItemProps) {
  const [editing, setEditing] = useState(false);
  const [note, setNote] = useState(row.note);
  const [tags, setTags] = useState(row.tags.join(' '));
  const [color, setColor] = useState<LibColor>(row.color);
  const [saving, setSaving] = useState(false);
  const [failed, setFailed] = useState(false);
  const [conflict, setConflict] = useState(false);
  const base = useRef<EditBase>(baseOf(row));
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (editing) noteRef.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      editRef.current?.focus();
    }
  }, [editing]);

  const startEdit = () => {
    base.current = baseOf(row);
    setNote(row.note);
    setTags(row.tags.join(' '));
    setColor(row.color);
    setFailed(false);
    setConflict(false);
    setEditing(true);
  };
  const cancel = () => {
    returnFocus.current = true;
    setEditing(false);
  };
  const save = async (e: Event) => {
    e.preventDefault();
    if (saving) return;
    const b = base.current;
    // Only what the user changed, so a save never writes back a stale copy of the other fields.
    const patch: NotePatch = {};
    if (note !== b.note) patch.note = note;
    if (tags !== b.tags) patch.tags = parseTagInput(tags);
    if (color !== b.color) patch.color = color;
    if (Object.keys(patch).length === 0) {
      setFailed(false);
      setConflict(false);
      returnFocus.current = true;
      setEditing(false);
      return;
    }
    patch.ifUpdatedAt = b.updatedAt;
    setSaving(true);
    let out: SaveOutcome = false;
    try {
      out = await onSave(row.id, patch);
    } catch {
      out = false;
    }
    setSaving(false);
    if (out && typeof out === 'object') {
      // Changed elsewhere: show the stored version for the fields the user did not touch, keep the
      // user's own changes, and let them save again on top of the new version.
      const fresh = out.changed;
      if (patch.note === undefined) setNote(fresh.note);
      if (patch.tags === undefined) setTags(fresh.tags.join(' '));
      if (patch.color === undefined) setColor(fresh.color);
      base.current = baseOf(fresh);
      setFailed(false);
      setConflict(true);
      return;
    }
    setConflict(false);
    setFailed(!out);
    if (out) {
      returnFocus.current = true;
      setEditing(false);
    }
  };

  const link = httpUrl(row.url);
  const quoteId = `cl-lib-q-${row.id}`;
  return (
    <li class="cl-lib-item" data-id={row.id} aria-labelledby={quoteId}>
      <div class="cl-lib-item__main">
        <span class="cl-lib-swatch" style={{ background: LIB_COLOR_CSS[row.color] ?? LIB_COLOR_CSS.yellow }} title={t(`lib_color_${row.color}`)} aria-hidden="true" />
        <blockquote class="cl-lib-item__quote" id={quoteId}>
          {row.text}
        </blockquote>
      </div>
      {!editing && row.note && <p class="cl-lib-item__note">{row.note}</p>}
      <div class="cl-lib-item__meta">
        <span class="cl-lib-item__date">{formatTime(row.createdAt)}</span>
        <span class="cl-lib-item__color">{t(`lib_color_${row.color}`)}</span>
        {row.origin === 'claim' && <span class="cl-lib-item__origin">{t('lib_origin_claim')}</span>}
        {row.orphanSince !== undefined && <span class="cl-lib-item__orphan">{t('lib_orphan', formatTime(row.orphanSince))}</span>}
        {row.category && (
          <span class="cl-lib-item__category" data-category={row.category}>
            {categoryLabel(row.category)}
          </span>
        )}
        {!editing && row.tags.length > 0 && (
          <ul class="cl-lib-item__tags" aria-label={t('lib_tags')}>
            {row.tags.map((tag) => (
              <li key={tag} class="cl-lib-tag">
                #{tag}
              </li>
            ))}
          </ul>
        )}
        {row.concepts.length > 0 && (
          <ul class="cl-lib-item__concepts" aria-label={t('lib_concepts')}>
            {row.concepts.map((c) => (
              <li key={c} class="cl-lib-concept" data-concept={c}>
                {conceptTitle(c)}
              </li>
            ))}
          </ul>
        )}
      </div>
      {editing ? (
        <form
          class="cl-lib-edit"
          onSubmit={save}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              cancel();
            }
          }}
        >
          <label class="cl-lib-field">
            <span>{t('lib_note')}</span>
            <textarea ref={noteRef} class="cl-lib-edit__note" rows={3} value={note} onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)} />
          </label>
          <label class="cl-lib-field">
            <span>{t('lib_tags')}</span>
            <input class="cl-lib-edit__tags" type="text" value={tags} placeholder={t('lib_tags_placeholder')} onInput={(e) => setTags((e.currentTarget as HTMLInputElement).value)} />
          </label>
          <fieldset class="cl-lib-edit__colors">
            <legend>{t('lib_color')}</legend>
            {LIB_COLORS.map((c) => (
              <label key={c} class="cl-lib-color">
                <input type="radio" name={`color-${row.id}`} value={c} checked={color === c} onChange={() => setColor(c)} />
                <span class="cl-lib-swatch" style={{ background: LIB_COLOR_CSS[c] }} aria-hidden="true" />
                {t(`lib_color_${c}`)}
              </label>
            ))}
          </fieldset>
          {failed && (
            <p class="cl-lib-error" role="alert">
              {t('lib_save_failed')}
            </p>
          )}
          {conflict && (
            <p class="cl-lib-error cl-lib-edit__conflict" role="alert">
              {t('lib_save_conflict')}
            </p>
          )}
          <div class="cl-lib-actions">
            <button type="submit" class="cl-lib-edit__save" disabled={saving}>
              {t('lib_save')}
            </button>
            <button type="button" class="cl-lib-edit__cancel" onClick={cancel}>
              {t('lib_cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div class="cl-lib-actions">
          <button type="button" ref={editRef} class="cl-lib-item__edit" onClick={startEdit} aria-describedby={quoteId}>
            {t('lib_edit')}
          </button>
          <button type="button" class="cl-lib-item__delete" onClick={() => onDelete(row.id)} aria-describedby={quoteId}>
            {t('lib_delete')}
          </button>
          <button type="button" class="cl-lib-item__open" onClick={() => link && onOpen(row)} disabled={!link} aria-describedby={quoteId} title={link ? undefined : t('lib_open_unavailable')}>
            {t('lib_open')}
          </button>
        </div>
      )}
    </li>
  );
}
