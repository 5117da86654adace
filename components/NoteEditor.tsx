import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { NOTE_COLORS, NOTE_COLOR_NAMES, type NoteColorName } from './colors';
import type { Translate } from './types';

export interface NoteValues {
  color: NoteColorName;
  note: string;
  tags: string[];
}

export type NoteEditorStatus = 'idle' | 'saving' | 'error' | 'deleted';

export interface NoteEditorProps {
  t: Translate;
  /** 'new': the selection toolbar; 'edit': a saved highlight (adds its quote and Delete). */
  mode: 'new' | 'edit';
  /** The highlighted page text (shown as text in edit mode). */
  quote: string;
  initial: NoteValues;
  /** What "unchanged" means for the dirty flag, when not `initial` (a form reopened with the user's changes kept). */
  baseline?: NoteValues;
  /** Move focus into the note field when opened (keyboard shortcut, context menu, click on a highlight). */
  autoFocus?: boolean;
  status?: NoteEditorStatus;
  /** Shown with status 'error'. */
  error?: string;
  onSave: (values: NoteValues) => void;
  onDelete?: () => void;
  onUndo?: () => void;
  onClose: () => void;
  /** Called when the form starts or stops differing from `initial` (the user typed or picked something). */
  onDirtyChange?: (dirty: boolean) => void;
}

/** "promo, à revoir ; #soldes" → ['promo', 'à revoir', '#soldes'] (storage normalises each tag). */
export function parseTags(input: string): string[] {
  if (typeof input !== 'string') return [];
  return input
    .split(/[,;\n]/u)
    .map((s) => s.replace(/[\s\u00a0\u202f]+/gu, ' ').trim())
    .filter((s) => s.length > 0);
}

export function formatTags(tags: readonly string[]): string {
  return tags.join(', ');
}

/**
 * The selection toolbar and the editor of a saved highlight: colours (radio group), note, tags.
 * Enter in a field or on a colour saves (Shift+Enter: new line in the note), Escape closes. Presentational: values
 * in, callbacks out. Page text is rendered as text.
 */
export function NoteEditor(props: NoteEditorProps) {
  const { t, mode, quote, initial, autoFocus, status = 'idle', error, onSave, onDelete, onUndo, onClose, onDirtyChange } = props;
  const [color, setColor] = useState<NoteColorName>(initial.color);
  const [note, setNote] = useState(initial.note);
  const [tags, setTags] = useState(formatTags(initial.tags));
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  // The values the form opened with (a later `initial` prop does not reset what the user typed).
  const opened = useRef(props.baseline ?? initial);
  const dirty =
    color !== opened.current.color || note !== opened.current.note || parseTags(tags).join('\n') !== parseTags(formatTags(opened.current.tags)).join('\n');
  const lastDirty = useRef(false);
  // Layout effect: reported as soon as the form re-renders, before the user's next click can land.
  useLayoutEffect(() => {
    if (dirty === lastDirty.current) return;
    lastDirty.current = dirty;
    onDirtyChange?.(dirty);
  }, [dirty, onDirtyChange]);

  useEffect(() => {
    if (autoFocus) noteRef.current?.focus();
  }, [autoFocus]);
  useEffect(() => {
    if (status === 'deleted') undoRef.current?.focus();
  }, [status]);

  const save = (c: NoteColorName = color) => {
    if (status === 'saving') return;
    onSave({ color: c, note, tags: parseTags(tags) });
  };
  const busy = status === 'saving';
  const labelId = `cl-note-title-${mode}`;

  if (status === 'deleted') {
    return (
      <section class="cl-note-editor" role="dialog" aria-label={t('note_deleted')} data-status="deleted" onKeyDown={(e) => escape(e, onClose)}>
        <p class="cl-note-editor__deleted" role="status">
          {t('note_deleted')}
        </p>
        <div class="cl-note-editor__actions">
          <button ref={undoRef} type="button" class="cl-button" data-action="undo" onClick={onUndo}>
            {t('note_undo')}
          </button>
          <button type="button" class="cl-button cl-button--quiet" data-action="close" onClick={onClose}>
            {t('card_close')}
          </button>
        </div>
      </section>
    );
  }

  return (
    <section
      class="cl-note-editor"
      role="dialog"
      aria-labelledby={labelId}
      data-mode={mode}
      data-status={status}
      onKeyDown={(e) => {
        if (escape(e, onClose)) return;
        if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && !e.altKey && !e.ctrlKey && !e.metaKey) {
          const el = e.target as HTMLElement | null;
          // Enter on an action button (save, delete, close) does what the button says.
          if (el?.localName === 'button' && el.getAttribute('role') !== 'radio') return;
          e.preventDefault();
          // Enter on a colour picks it and saves.
          const picked = el?.getAttribute('role') === 'radio' ? (el.getAttribute('data-color') as NoteColorName | null) : null;
          if (picked && picked in NOTE_COLORS) {
            setColor(picked);
            save(picked);
          } else save();
        }
      }}
    >
      <header class="cl-note-editor__head">
        <h2 class="cl-note-editor__title" id={labelId}>
          {mode === 'new' ? t('note_newTitle') : t('note_editTitle')}
        </h2>
        <button type="button" class="cl-card__close" aria-label={t('card_close')} title={t('card_close')} onClick={onClose}>
          ×
        </button>
      </header>
      {mode === 'edit' && (
        <blockquote class="cl-note-editor__quote" data-testid="note-quote">
          {quote}
        </blockquote>
      )}
      <div class="cl-note-editor__colors" role="radiogroup" aria-label={t('note_color')}>
        {NOTE_COLOR_NAMES.map((c) => (
          <button
            key={c}
            type="button"
            role="radio"
            class="cl-note-color"
            data-color={c}
            aria-checked={c === color}
            aria-label={t(`note_color_${c}`)}
            title={t(`note_color_${c}`)}
            style={{ background: NOTE_COLORS[c] }}
            onClick={() => setColor(c)}
          />
        ))}
      </div>
      <label class="cl-note-editor__label">
        <span>{t('note_note')}</span>
        <textarea
          ref={noteRef}
          class="cl-note-editor__note"
          rows={2}
          maxLength={100_000}
          value={note}
          placeholder={t('note_notePlaceholder')}
          onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)}
        />
      </label>
      <label class="cl-note-editor__label">
        <span>{t('note_tags')}</span>
        <input
          type="text"
          class="cl-note-editor__tags"
          value={tags}
          placeholder={t('note_tagsPlaceholder')}
          onInput={(e) => setTags((e.currentTarget as HTMLInputElement).value)}
        />
      </label>
      {status === 'error' && (
        <p class="cl-note-editor__error" role="alert">
          {t('note_error')} {error}
        </p>
      )}
      <div class="cl-note-editor__actions">
        <button type="button" class="cl-button cl-button--primary" data-action="save" disabled={busy} onClick={() => save()}>
          {mode === 'new' ? t('note_save') : t('note_update')}
        </button>
        {mode === 'edit' && onDelete && (
          <button type="button" class="cl-button cl-button--danger" data-action="delete" disabled={busy} onClick={onDelete}>
            {t('note_delete')}
          </button>
        )}
      </div>
      <p class="cl-note-editor__hint">{t('note_keysHint')}</p>
    </section>
  );
}

function escape(e: KeyboardEvent, onClose: () => void): boolean {
  if (e.key !== 'Escape') return false;
  e.stopPropagation();
  e.preventDefault();
  onClose();
  return true;
}
