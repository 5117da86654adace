/**
 * Public API of storage/, the only code that touches IndexedDB (through Dexie). Use it from the
 * background and extension pages; content scripts go through messages.
 */
export { ClaimLensDB, DB_NAME, openDatabase } from './db';
export { CURRENT_VERSION, MIGRATIONS, type Migration } from './migrations';
export {
  COLORS,
  ORIGINS,
  LIMITS,
  ColorSchema,
  OriginSchema,
  HighlightSchema,
  HighlightInputSchema,
  HighlightPatchSchema,
  normaliseTag,
  normaliseTags,
  type Color,
  type Origin,
  type Highlight,
  type HighlightInput,
  type HighlightPatch,
} from './schema';
export { normaliseUrl, siteOf, isTrackingParam, isWebUrl } from './url';
export { newUuid } from './ids';
export { foldForSearch } from './fold';
export {
  saveHighlight,
  updateHighlight,
  CHANGED_ELSEWHERE,
  deleteHighlight,
  restoreHighlight,
  purgeDeleted,
  recordAnchoring,
  AnchoringReportSchema,
  type AnchoringReport,
  getHighlight,
  highlightsForUrl,
  allHighlights,
  listDeleted,
  searchHighlights,
  listSites,
  listTags,
  listConcepts,
  type ConceptCount,
  countAll,
  getSetting,
  setSetting,
  SearchQuerySchema,
  type Result,
  type Issue,
  type WriteOptions,
  type SearchQuery,
  type SiteCount,
  type TagCount,
} from './repo';
export {
  exportHighlights,
  tryExport,
  type ExportResult,
  exportFileInfo,
  toAnnotation,
  EXPORT_FORMATS,
  CSV_COLUMNS,
  JSON_EXPORT_FORMAT,
  JSON_EXPORT_VERSION,
  type ExportFormat,
  type ExportOptions,
  type JsonExportEnvelope,
  type MarkdownLabels,
  ENGLISH_MARKDOWN_LABELS,
} from './export';
export { parseImport, importHighlights, importParsed, previewImport, IMPORT_DEFAULTS, type ImportPreview, type ImportError, type ImportFormat, type ImportOptions, type ImportResult, type ParseResult } from './import';
export { requestPersistence, type PersistenceState } from './persist';
