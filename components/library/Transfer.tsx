/**
 * Export (format + scope) and import (file picker or drag and drop, preview, errors naming the record
 * and the field, report). The page does the work; this only shows state and calls back.
 */
import { useState } from 'preact/hooks';
import type { Translate } from '../types';

export const LIB_EXPORT_FORMATS = ['markdown', 'json', 'csv', 'jsonld'] as const;
export type LibExportFormat = (typeof LIB_EXPORT_FORMATS)[number];

export interface ImportErrorView {
  record: number | 'file';
  id?: string;
  path: string;
  message: string;
}

export type ImportState =
  | { kind: 'idle' }
  | { kind: 'reading'; name: string }
  | { kind: 'invalid'; name: string; errors: ImportErrorView[] }
  /** trashed: records whose id is in Recently deleted (importing restores them). */
  | { kind: 'preview'; name: string; total: number; fresh: number; present: number; trashed?: number; repeated: number }
  | { kind: 'writing'; name: string }
  /** restored: rows brought back from Recently deleted. */
  | { kind: 'done'; name: string; added: number; restored?: number; skipped: number }
  | { kind: 'failed'; name: string; message: string };

export interface TransferProps {
  t: Translate;
  format: LibExportFormat;
  onFormat: (f: LibExportFormat) => void;
  /** Rows in the library and in the current filter (the export buttons say how many). */
  totalCount: number;
  filteredCount: number;
  /** True when a filter or search is active (otherwise "current filter" is the same as everything). */
  filtered: boolean;
  onExport: (scope: 'all' | 'filter') => void;
  importState: ImportState;
  onImportFile: (file: File) => void;
  onImportConfirm: () => void;
  onImportCancel: () => void;
}

/** One import error in words: "Record 3 (id …), field color: …" or the file-level message. */
export function importErrorText(t: Translate, e: ImportErrorView): string {
  if (e.record === 'file') return e.message;
  // storage writes "rows[2] (id …), field color: <what is wrong>": keep what is wrong, say the rest in the interface language.
  const marker = `field ${e.path}: `;
  const at = e.message.indexOf(marker);
  const detail = at >= 0 ? e.message.slice(at + marker.length) : e.message;
  const n = String(e.record + 1);
  return e.id ? t('lib_import_error_record_id', [n, e.id, e.path || '—', detail]) : t('lib_import_error_record', [n, e.path || '—', detail]);
}

export function Transfer(p: TransferProps) {
  const { t, importState: s } = p;
  const [over, setOver] = useState(false);
  const pick = (files: FileList | null | undefined) => {
    const f = files?.[0];
    if (f) p.onImportFile(f);
  };
  return (
    <section class="cl-lib-transfer" aria-labelledby="cl-lib-transfer-title">
      <h2 id="cl-lib-transfer-title">{t('lib_transfer')}</h2>
      <div class="cl-lib-export">
        <label class="cl-lib-field">
          <span>{t('lib_export_format')}</span>
          <select name="format" class="cl-lib-export__format" value={p.format} onChange={(e) => p.onFormat((e.currentTarget as HTMLSelectElement).value as LibExportFormat)}>
            {LIB_EXPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(`lib_format_${f}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" class="cl-lib-export__all" disabled={p.totalCount === 0} onClick={() => p.onExport('all')}>
          {t('lib_export_all', String(p.totalCount))}
        </button>
        <button type="button" class="cl-lib-export__filter" disabled={!p.filtered || p.filteredCount === 0} onClick={() => p.onExport('filter')}>
          {t('lib_export_filter', String(p.filteredCount))}
        </button>
      </div>
      <div
        class={`cl-lib-drop${over ? ' cl-lib-drop--over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          pick(e.dataTransfer?.files);
        }}
      >
        <label class="cl-lib-field">
          <span>{t('lib_import_pick')}</span>
          <input
            type="file"
            class="cl-lib-import__file"
            accept=".json,.jsonld,application/json,application/ld+json"
            onChange={(e) => {
              const input = e.currentTarget as HTMLInputElement;
              pick(input.files);
              input.value = '';
            }}
          />
        </label>
        <p class="cl-lib-drop__hint">{t('lib_import_drop')}</p>
      </div>
      <div class="cl-lib-import__state" aria-live="polite">
        {s.kind === 'reading' && <p>{t('lib_import_reading', s.name)}</p>}
        {s.kind === 'writing' && <p>{t('lib_import_writing', s.name)}</p>}
        {s.kind === 'invalid' && (
          <div class="cl-lib-import__errors" role="alert">
            <p class="cl-lib-error">{t('lib_import_invalid', s.name)}</p>
            <ul>
              {s.errors.slice(0, 20).map((e, i) => (
                <li key={i} class="cl-lib-import__error" data-record={String(e.record)} data-path={e.path}>
                  {importErrorText(t, e)}
                </li>
              ))}
            </ul>
            {s.errors.length > 20 && <p>{t('lib_import_more_errors', String(s.errors.length - 20))}</p>}
            <button type="button" class="cl-lib-import__dismiss" onClick={p.onImportCancel}>
              {t('lib_dismiss')}
            </button>
          </div>
        )}
        {s.kind === 'preview' && (
          <div class="cl-lib-import__preview">
            <p class="cl-lib-import__summary">{t('lib_import_preview', [s.name, String(s.total), String(s.fresh), String(s.present + s.repeated)])}</p>
            {(s.trashed ?? 0) > 0 && <p class="cl-lib-import__trashed">{t('lib_import_preview_trashed', String(s.trashed))}</p>}
            <div class="cl-lib-actions">
              <button type="button" class="cl-lib-import__confirm" disabled={s.fresh + (s.trashed ?? 0) === 0} onClick={p.onImportConfirm}>
                {t('lib_import_confirm', String(s.fresh + (s.trashed ?? 0)))}
              </button>
              <button type="button" class="cl-lib-import__cancel" onClick={p.onImportCancel}>
                {t('lib_cancel')}
              </button>
            </div>
          </div>
        )}
        {s.kind === 'done' && (
          <p class="cl-lib-import__done" role="status">
            {t(s.added === 1 ? 'lib_import_done_one' : 'lib_import_done', [String(s.added), String(s.skipped)])}
            {(s.restored ?? 0) > 0 && <span class="cl-lib-import__restored"> {t('lib_import_done_restored', String(s.restored))}</span>}
          </p>
        )}
        {s.kind === 'failed' && (
          <p class="cl-lib-error" role="alert">
            {t('lib_import_failed', [s.name, s.message])}
          </p>
        )}
      </div>
    </section>
  );
}
