/**
 * The notes library page (/library.html): wires storage (Dexie liveQuery, so rows saved in another
 * tab appear at once) to the presentational LibraryView. Downloads go through Blob URLs; nothing
 * leaves the browser.
 */
import { liveQuery } from 'dexie';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { LibraryView, type PersistenceView } from '../../components/library/LibraryView';
import { activeFilterCount, filtersFromSearch, filtersToQuery, filtersToSearch, scopedFileName, textFragmentUrl, type LibraryFilters, type LibraryRow } from '../../components/library/model';
import type { NotePatch, SaveOutcome } from '../../components/library/NoteItem';
import type { ImportState, LibExportFormat } from '../../components/library/Transfer';
import type { Translate } from '../../components/types';
import { allCategoryViews, bundleLang, conceptView } from '../../components/views';
import {
  CHANGED_ELSEWHERE,
  ClaimLensDB,
  allHighlights,
  countAll,
  deleteHighlight,
  exportFileInfo,
  getHighlight,
  highlightsForUrl,
  importParsed,
  listConcepts,
  listDeleted,
  listSites,
  listTags,
  parseImport,
  previewImport,
  purgeDeleted,
  requestPersistence,
  restoreHighlight,
  searchHighlights,
  tryExport,
  updateHighlight,
  type ParseResult,
} from '../../storage';

const t: Translate = (key, subs) => browser.i18n.getMessage(key as never, subs as never) || key;

/** Rows rendered at first and added by each "show more". */
const PAGE_SIZE = 200;
/** Deleted rows stay undoable (in the trash) this long, then the library purges them. */
const TRASH_MS = 30 * 24 * 3600 * 1000;
/** Largest file the importer reads. */
const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

/** Subscribe to a Dexie liveQuery while `deps` hold; undefined until the first answer. */
function useLive<T>(make: (() => Promise<T>) | undefined, deps: unknown[], onError?: (e: unknown) => void): T | undefined {
  const [value, setValue] = useState<T>();
  useEffect(() => {
    if (!make) return;
    const sub = liveQuery(make).subscribe({ next: setValue, error: (e) => onError?.(e) });
    return () => sub.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}

function download(text: string, fileName: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own copy once started; free the Blob a little later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function App() {
  const lang = useMemo(() => bundleLang((k) => browser.i18n.getMessage(k as never), () => browser.i18n.getUILanguage()), []);
  const categories = useMemo(() => allCategoryViews(lang), [lang]);
  const db = useMemo(() => new ClaimLensDB(), []);
  const [error, setError] = useState<string>();
  const [persistence, setPersistence] = useState<PersistenceView>('pending');
  // Filters come from the URL (the popup can open `library.html?site=…`) and are kept there, so a
  // reload or a bookmark shows the same selection.
  const [filters, setFilters] = useState<LibraryFilters>(() => filtersFromSearch(location.search));
  const [searchText, setSearchText] = useState(filters.text);
  const [limit, setLimit] = useState(PAGE_SIZE);
  const [undo, setUndo] = useState<{ id: string; text: string }>();
  const [format, setFormat] = useState<LibExportFormat>('markdown');
  const [importState, setImportState] = useState<ImportState>({ kind: 'idle' });
  const [notice, setNotice] = useState<string>();
  const [alert, setAlert] = useState<string>();
  const pending = useRef<ParseResult | undefined>(undefined);

  const fail = useCallback((e: unknown) => setError(e instanceof Error ? e.message : String(e)), []);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `${t('lib_title')} · Claim Lens`;
    requestPersistence().then(setPersistence, () => setPersistence('denied'));
    purgeDeleted(db, TRASH_MS).catch(() => 0);
    return () => db.close();
  }, [db, lang]);

  // Typing in the search box re-queries once the user pauses; the other filters apply at once.
  useEffect(() => {
    if (filters.text === searchText) return;
    const id = setTimeout(() => setSearchText(filters.text), 150);
    return () => clearTimeout(id);
  }, [filters.text, searchText]);

  const query = useMemo(() => filtersToQuery({ ...filters, text: searchText }), [filters, searchText]);
  useEffect(() => {
    const search = filtersToSearch({ ...filters, text: searchText });
    if (search !== location.search) history.replaceState(null, '', `${location.pathname}${search}`);
  }, [filters, searchText]);
  const queryKey = JSON.stringify(query);
  const rows = useLive(() => searchHighlights(db, query), [db, queryKey], fail);
  const meta = useLive(
    () => Promise.all([countAll(db), listSites(db), listTags(db), listConcepts(db)]).then(([count, sites, tags, concepts]) => ({ count, sites, tags, concepts })),
    [db],
    fail,
  );

  const trash = useLive(() => listDeleted(db), [db], fail);

  const conceptTitle = useCallback((id: string) => conceptView(id, lang)?.title || id, [lang]);
  const categoryLabel = useCallback((c: string) => (categories as Record<string, { label: string }>)[c]?.label ?? c, [categories]);
  const options = useMemo(
    () => ({
      sites: meta?.sites ?? [],
      tags: meta?.tags ?? [],
      concepts: (meta?.concepts ?? []).map((c) => ({ id: c.concept, title: conceptTitle(c.concept), count: c.count })),
      categories: Object.values(categories)
        .map((c) => ({ category: c.category as string, label: c.label }))
        .sort((a, b) => a.label.localeCompare(b.label, lang)),
    }),
    [meta, categories, conceptTitle, lang],
  );
  const formatTime = useMemo(() => {
    const f = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
    return (ms: number) => {
      try {
        return f.format(ms);
      } catch {
        return '';
      }
    };
  }, [lang]);

  const onFilters = (f: LibraryFilters) => {
    setFilters(f);
    setLimit(PAGE_SIZE);
  };

  // The editor sends only what changed, guarded by the updatedAt it read; when the row was saved
  // elsewhere since (another tab, the page), nothing is written and the editor gets the stored row.
  const onSave = async (id: string, patch: NotePatch): Promise<SaveOutcome> => {
    const r = await updateHighlight(db, id, patch);
    if (r.ok) return true;
    if (r.error !== CHANGED_ELSEWHERE) return false;
    const fresh = await getHighlight(db, id);
    return fresh && fresh.deletedAt === undefined ? { changed: fresh } : false;
  };

  const onDelete = async (id: string) => {
    const r = await deleteHighlight(db, id);
    if (r.ok) setUndo({ id, text: r.row.text });
    else setNotice(r.error);
  };
  const onUndo = async () => {
    if (!undo) return;
    const r = await restoreHighlight(db, undo.id);
    setUndo(undefined);
    if (!r.ok) setNotice(r.error);
  };

  const onRestore = async (id: string) => {
    const r = await restoreHighlight(db, id);
    if (undo?.id === id) setUndo(undefined);
    if (!r.ok) setNotice(r.error);
  };

  const onOpen = (row: LibraryRow) => {
    const url = textFragmentUrl(row.url, row.text);
    if (url) browser.tabs.create({ url }).catch(() => window.open(url, '_blank', 'noopener'));
  };

  const onExport = async (scope: 'all' | 'filter' | 'page', pageUrl?: string) => {
    try {
      const list = scope === 'all' ? await allHighlights(db) : scope === 'filter' ? await searchHighlights(db, query) : await highlightsForUrl(db, pageUrl ?? '');
      const now = Date.now();
      const out = tryExport(list, format, {
        now,
        concepts: (id) => conceptView(id, lang)?.title,
        categoryLabel,
        markdownLabels: {
          title: t('lib_md_title'),
          summary: (at, n, pages) => t('lib_md_summary', [at, String(n), String(pages)]),
          pageMeta: (day, n) => t(n === 1 ? 'lib_md_page_meta_one' : 'lib_md_page_meta', [day, String(n)]),
          untitled: t('lib_md_untitled'),
          tags: t('lib_tags'),
          concepts: t('lib_concepts'),
          claimType: t('lib_filter_category'),
        },
      });
      // A failed export is an error the user sees, never an empty file with a success message.
      if (!out.ok) return exportFailed(out.error);
      const info = exportFileInfo(format, now);
      const name = scopedFileName(info.fileName, scope, pageUrl);
      download(out.text, name, info.mimeType);
      setAlert(undefined);
      setNotice(t('lib_export_done', [name, String(list.length)]));
    } catch (e) {
      exportFailed(e instanceof Error ? e.message : String(e));
    }
  };
  const exportFailed = (why: string) => {
    setNotice(undefined);
    setAlert(t('lib_export_failed', why));
  };

  const onImportFile = async (file: File) => {
    const name = (file.name || 'file').slice(0, 200);
    pending.current = undefined;
    if (file.size > MAX_IMPORT_BYTES) return setImportState({ kind: 'failed', name, message: t('lib_import_too_large', String(Math.round(MAX_IMPORT_BYTES / 1024 / 1024))) });
    setImportState({ kind: 'reading', name });
    try {
      const parsed = parseImport(await file.text());
      if (!parsed.ok) return setImportState({ kind: 'invalid', name, errors: parsed.errors });
      const pv = await previewImport(db, parsed.rows);
      pending.current = parsed;
      setImportState({ kind: 'preview', name, ...pv });
    } catch (e) {
      setImportState({ kind: 'failed', name, message: e instanceof Error ? e.message : String(e) });
    }
  };
  const onImportConfirm = async () => {
    const parsed = pending.current;
    const name = importState.kind === 'preview' ? importState.name : '';
    if (!parsed) return;
    pending.current = undefined;
    setImportState({ kind: 'writing', name });
    const r = await importParsed(db, parsed);
    if (r.errors.length) setImportState({ kind: 'invalid', name, errors: r.errors });
    else setImportState({ kind: 'done', name, added: r.added, restored: r.restored, skipped: r.skipped });
  };
  const onImportCancel = () => {
    pending.current = undefined;
    setImportState({ kind: 'idle' });
  };

  const status = error ? 'error' : rows && meta ? 'ready' : 'loading';
  return (
    <LibraryView
      t={t}
      status={status}
      error={error}
      persistence={persistence}
      rows={rows ?? []}
      totalCount={meta?.count ?? 0}
      filters={filters}
      filtered={activeFilterCount(filters) > 0}
      options={options}
      onFilters={onFilters}
      limit={limit}
      onShowMore={() => setLimit((n) => n + PAGE_SIZE)}
      formatTime={formatTime}
      conceptTitle={conceptTitle}
      categoryLabel={categoryLabel}
      onSave={onSave}
      onDelete={onDelete}
      onOpen={onOpen}
      undo={undo}
      onUndo={onUndo}
      onDismissUndo={() => setUndo(undefined)}
      exportFormat={format}
      onExportFormat={setFormat}
      onExport={onExport}
      importState={importState}
      onImportFile={onImportFile}
      onImportConfirm={onImportConfirm}
      onImportCancel={onImportCancel}
      notice={notice}
      alert={alert}
      trash={trash}
      onRestore={onRestore}
    />
  );
}
