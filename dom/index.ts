/**
 * dom/: the only code that touches the page. Public API for the content script.
 */
export {
  BLOCK_SEPARATOR,
  BLOCK_TAGS,
  MARK_VALUE,
  OWN_ATTR,
  SKIP_TAGS,
  extractText,
  isBlockElement,
  isInSkippedContext,
  isInsideOwnUi,
  isOwnUiElement,
  isSkippedElement,
  nearestBlock,
  offsetOfPoint,
  offsetsFromRange,
  rangeFromOffsets,
  type ExtractOptions,
  type TextSegment,
  type TextSnapshot,
} from './extract';
export {
  DEFAULT_COLORS,
  caretPoint,
  createPainter,
  parseHex,
  type ColorName,
  type HighlightApi,
  type HighlightLike,
  type HighlightRegistryLike,
  type PaintMode,
  type Painter,
  type PainterOptions,
} from './paint';
export { createManualFrames, createScheduler, type Scheduler, type SchedulerOptions, type SchedulerStats, type Task } from './scheduler';
export {
  NAVIGATE_EVENT,
  sliceOffsets,
  startScanner,
  type DetectFn,
  type PageClaim,
  type ScanInfo,
  type Scanner,
  type ScannerOptions,
  type ScannerStats,
} from './scanner';
export * from './anchor';
