/**
 * The notes library page: persistence state, search and filters, export/import, and every highlight
 * grouped by page (newest first), shown a page of rows at a time. Presentational: props in, callbacks
 * out; the entrypoint (entrypoints/library) owns the database.
 */
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { Translate } from '../types';
import { Filters, type FilterOptions } from './Filters';
import { firstRows, groupByPage, hostOf, httpUrl, type LibraryFilters, type LibraryRow } from './model';
import { NoteItem, type NotePatch, type SaveOutcome } from './NoteItem';
import { Transfer, type ImportState, type LibExportFormat } from './Transfer';

export type PersistenceView = 'pending' | 'granted' | 'denied' | 'unsupported';

export interface LibraryViewProps {
  t: Translate;
  /** 'loading' until the first query answers; 'error' when the database cannot be opened. */
  status: 'loading' | 'ready' | 'error';
  error?: string;
  persistence: PersistenceView;
  /** Rows matching the filters, newest first. */
  rows: LibraryRow[];
  /** All live rows in the library. */
  totalCount: number;
  filters: LibraryFilters;
  filtered: boolean;
  options: FilterOptions;
  onFilters: (f: LibraryFilters) => void;
  /** How many rows to render; "show more" raises it. */
  limit: number;
  onShowMore: () => void;
  formatTime: (ms: number) => string;
  conceptTitle: (id: string) => string;
  categoryLabel: (category: string) => string;
  onSave: (id: string, patch: NotePatch) => Promise<SaveOutcome> | SaveOutcome;
  onDelete: (id: string) => void;
  onOpen: (row: LibraryRow) => void;
  /** The last deleted row, while it can be undone. */
  undo?: { id: string; text: string };
  onUndo: () => void;
  onDismissUndo: () => void;
  exportFormat: LibExportFormat;
  onExportFormat: (f: LibExportFormat) => void;
  onExport: (scope: 'all' | 'filter' | 'page', pageUrl?: string) => void;
  importState: ImportState;
  onImportFile: (file: File) => void;
  onImportConfirm: () => void;
  onImportCancel: () => void;
  /** A one-line status message (export done, a failed delete…). */
  notice?: string;
  /** An error the user must see (an export that failed: nothing was downloaded); shown as an alert. */
  alert?: string;
  /** Recently deleted rows (kept 30 days), most recent first; absent: no trash section. */
  trash?: (LibraryRow & { deletedAt?: number })[];
  onRestore?: (id: string) => void;
}

/** How many deleted rows the trash section lists. */
export const TRASH_SHOWN = 100;

function clip(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

export function LibraryView(p: LibraryViewProps) {
  const { t } = p;
  const groups = useMemo(() => groupByPage(p.rows), [p.rows]);
  const page = useMemo(() => firstRows(p.status === 'ready' ? groups : [], p.limit), [groups, p.limit, p.status]);
  const pageCounts = useMemo(() => new Map(groups.map((g) => [g.url, g.rows.length])), [groups]);
  const undoRef = useRef<HTMLButtonElement>(null);
  const undoId = p.undo?.id;
  // After a delete, focus goes to "Undo" so a keyboard user can take it back at once; after an undo,
  // to the restored row (once it is listed again), so focus never falls back to the top of the page.
  const restoring = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (undoId) undoRef.current?.focus();
  }, [undoId]);
  useEffect(() => {
    const id = restoring.current;
    if (!id) return;
    const el = document.querySelector<HTMLElement>(`.cl-lib-item[data-id="${CSS.escape(id)}"] .cl-lib-item__delete`);
    if (el) {
      restoring.current = undefined;
      el.focus();
    }
  }, [p.rows, undoId]);

  // "/" jumps to the search box (as on many sites), unless the user is typing somewhere.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const el = e.target as HTMLElement | null;
      if (el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName))) return;
      const search = document.querySelector<HTMLInputElement>('.cl-lib-search');
      if (!search) return;
      e.preventDefault();
      search.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div class="cl-lib">
      <header class="cl-lib-head">
        <h1>{t('lib_title')}</h1>
        <p class="cl-lib-count" role="status">
          {p.status === 'ready'
            ? p.filtered
              ? t(p.totalCount === 1 ? 'lib_count_filtered_one' : 'lib_count_filtered', [String(p.rows.length), String(p.totalCount)])
              : t(p.totalCount === 1 ? 'lib_count_one' : 'lib_count', String(p.totalCount))
            : ''}
        </p>
        <p class={`cl-lib-persist cl-lib-persist--${p.persistence}`} data-state={p.persistence}>
          {t(`lib_persist_${p.persistence}`)}
        </p>
      </header>

      <p class="cl-lib-notice" role="status">
        {p.notice ?? ''}
      </p>
      {p.alert && (
        <p class="cl-lib-alert cl-lib-error" role="alert">
          {p.alert}
        </p>
      )}

      <Filters t={t} filters={p.filters} options={p.options} onChange={p.onFilters} />

      <Transfer
        t={t}
        format={p.exportFormat}
        onFormat={p.onExportFormat}
        totalCount={p.totalCount}
        filteredCount={p.rows.length}
        filtered={p.filtered}
        onExport={(scope) => p.onExport(scope)}
        importState={p.importState}
        onImportFile={p.onImportFile}
        onImportConfirm={p.onImportConfirm}
        onImportCancel={p.onImportCancel}
      />

      {p.undo && (
        <div class="cl-lib-undo" role="status">
          <span>{t('lib_deleted', clip(p.undo.text.replace(/\s+/gu, ' ').trim(), 60))}</span>
          <button
            type="button"
            ref={undoRef}
            class="cl-lib-undo__button"
            onClick={() => {
              restoring.current = p.undo?.id;
              p.onUndo();
            }}
          >
            {t('lib_undo')}
          </button>
          <button type="button" class="cl-lib-undo__dismiss" onClick={p.onDismissUndo} aria-label={t('lib_dismiss')}>
            ×
          </button>
        </div>
      )}

      {p.trash && p.trash.length > 0 && p.onRestore && (
        <details class="cl-lib-trash">
          <summary>{t('lib_trash', String(p.trash.length))}</summary>
          <p class="cl-lib-trash__hint">{t('lib_trash_hint')}</p>
          <ul class="cl-lib-trash__list">
            {p.trash.slice(0, TRASH_SHOWN).map((r) => (
              <li key={r.id} class="cl-lib-trash__item" data-trash-id={r.id}>
                <span class="cl-lib-trash__text">{clip(r.text.replace(/\s+/gu, ' ').trim(), 120)}</span>
                <span class="cl-lib-trash__meta">
                  {r.pageTitle || hostOf(r.url) || r.url}
                  {r.deletedAt !== undefined ? ` · ${p.formatTime(r.deletedAt)}` : ''}
                </span>
                <button type="button" class="cl-lib-trash__restore" onClick={() => p.onRestore?.(r.id)}>
                  {t('lib_restore')}
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}

      <main class="cl-lib-list" aria-busy={p.status === 'loading' ? 'true' : 'false'}>
        {p.status === 'error' && (
          <p class="cl-lib-error" role="alert">
            {t('lib_db_error', p.error ?? '')}
          </p>
        )}
        {p.status === 'loading' && <p class="cl-lib-empty">{t('lib_loading')}</p>}
        {p.status === 'ready' && p.totalCount === 0 && <p class="cl-lib-empty">{t('lib_empty')}</p>}
        {p.status === 'ready' && p.totalCount > 0 && p.rows.length === 0 && <p class="cl-lib-empty">{t('lib_no_match')}</p>}
        {page.groups.map((g, i) => {
          const headingId = `cl-lib-page-${i}`;
          const link = httpUrl(g.url);
          return (
            <section key={g.url} class="cl-lib-page" data-url={g.url} aria-labelledby={headingId}>
              <header class="cl-lib-page__head">
                <h2 id={headingId} class="cl-lib-page__title">
                  {g.title || hostOf(g.url) || g.url}
                </h2>
                <p class="cl-lib-page__url">{g.url}</p>
                <p class="cl-lib-page__meta">
                  {t((pageCounts.get(g.url) ?? g.rows.length) === 1 ? 'lib_page_meta_one' : 'lib_page_meta', [p.formatTime(g.latest), String(pageCounts.get(g.url) ?? g.rows.length)])}
                  {!link && <span class="cl-lib-page__nolink"> · {t('lib_open_unavailable')}</span>}
                </p>
                <button type="button" class="cl-lib-page__export" onClick={() => p.onExport('page', g.url)} aria-describedby={headingId}>
                  {t('lib_export_page')}
                </button>
              </header>
              <ul class="cl-lib-items">
                {g.rows.map((r) => (
                  <NoteItem
                    key={r.id}
                    t={t}
                    row={r}
                    formatTime={p.formatTime}
                    conceptTitle={p.conceptTitle}
                    categoryLabel={p.categoryLabel}
                    onSave={p.onSave}
                    onDelete={p.onDelete}
                    onOpen={p.onOpen}
                  />
                ))}
              </ul>
            </section>
          );
        })}
        {page.shown < page.total && (
          <div class="cl-lib-more">
            <p>{t('lib_showing', [String(page.shown), String(page.total)])}</p>
            <button type="button" class="cl-lib-more__button" onClick={p.onShowMore}>
              {t('lib_show_more')}
            </button>
          </div>
        )}
      </main>
    </div>
  );
}
