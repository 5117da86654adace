/**
 * Exports: Markdown (for reading, e.g. in Obsidian), JSON (lossless backup, re-importable), CSV
 * (spreadsheets) and W3C Web Annotation JSON-LD (interchange, re-importable). Pure: rows in, string
 * out; linear in the number of rows (parts are collected in arrays and joined once).
 *
 * Exports write exactly the rows they are given: pass live rows (allHighlights) for a user export.
 */
import { CATEGORIES } from '../engine/types';
import { newUuid } from './ids';
import { COLORS, type Color, type Highlight } from './schema';
import { isWebUrl } from './url';

export const EXPORT_FORMATS = ['markdown', 'json', 'csv', 'jsonld'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const JSON_EXPORT_FORMAT = 'claim-lens-export';
export const JSON_EXPORT_VERSION = 1;
export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** creator of annotations whose origin is 'claim' (flagged by the detector, kept by the user). */
export const DETECTOR_AGENT_ID = 'urn:claim-lens:detector';
/** Concept links in JSON-LD are SpecificResource bodies whose source is this prefix + concept id. */
export const CONCEPT_URN_PREFIX = 'urn:claim-lens:concept:';

export interface ExportOptions {
  /** Export time (ms since the epoch, or a Date): stamped in the file. */
  now: number | Date;
  /** Concept id → display title (Markdown and CSV show titles; unknown ids are shown as ids). */
  concepts?: (id: string) => string | undefined;
  /** JSON-LD collection id; a random urn:uuid by default. */
  collectionId?: string;
  /** Claim type id → display label (Markdown and CSV's category_label); unknown ids are shown as ids. */
  categoryLabel?: (category: string) => string | undefined;
  /** Wording of the Markdown export, for the interface language; English by default. */
  markdownLabels?: Partial<MarkdownLabels>;
}

/** Every piece of Markdown wording that is not page text. */
export interface MarkdownLabels {
  /** The document heading (without '# '). */
  title: string;
  /** The line under the heading. `exportedAt` is ISO 8601 UTC. */
  summary: (exportedAt: string, highlights: number, pages: number) => string;
  /** The line under a page's URL. `firstDay` is YYYY-MM-DD. */
  pageMeta: (firstDay: string, highlights: number) => string;
  untitled: string;
  tags: string;
  concepts: string;
  claimType: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const ENGLISH_MARKDOWN_LABELS: MarkdownLabels = {
  title: 'Claim Lens highlights',
  summary: (at, n, pages) => `Exported ${at} · ${plural(n, 'highlight')} on ${plural(pages, 'page')}`,
  pageMeta: (day, n) => `Highlighted ${day} · ${plural(n, 'highlight')}`,
  untitled: 'Untitled page',
  tags: 'Tags',
  concepts: 'Concepts',
  claimType: 'Claim type',
};

/** Labels from the caller, each checked; a missing, empty or throwing one falls back to English. */
function markdownLabels(given: Partial<MarkdownLabels> | undefined): MarkdownLabels {
  const d = ENGLISH_MARKDOWN_LABELS;
  if (!given || typeof given !== 'object') return d;
  const text = (v: unknown, fallback: string) => (typeof v === 'string' && v.trim() ? v.replace(/[\r\n\t\f\v]+/g, ' ').trim() : fallback);
  const fn =
    <A extends unknown[]>(f: unknown, fallback: (...a: A) => string) =>
    (...a: A): string => {
      if (typeof f !== 'function') return fallback(...a);
      try {
        return text(f(...a), fallback(...a));
      } catch {
        return fallback(...a);
      }
    };
  return {
    title: text(given.title, d.title),
    summary: fn(given.summary, d.summary),
    pageMeta: fn(given.pageMeta, d.pageMeta),
    untitled: text(given.untitled, d.untitled),
    tags: text(given.tags, d.tags),
    concepts: text(given.concepts, d.concepts),
    claimType: text(given.claimType, d.claimType),
  };
}

function categoryText(lookup: ExportOptions['categoryLabel'], c: string): string {
  if (!lookup) return c;
  try {
    const t = lookup(c);
    return typeof t === 'string' && t.trim() ? t.trim() : c;
  } catch {
    return c;
  }
}

/** Suggested file name and MIME type for a download. */
export function exportFileInfo(format: ExportFormat, now: number | Date): { fileName: string; mimeType: string } {
  const day = isoDate(toMs(now)) || 'export';
  switch (format) {
    case 'markdown':
      return { fileName: `claim-lens-${day}.md`, mimeType: 'text/markdown;charset=utf-8' };
    case 'csv':
      return { fileName: `claim-lens-${day}.csv`, mimeType: 'text/csv;charset=utf-8' };
    case 'jsonld':
      return { fileName: `claim-lens-${day}.jsonld`, mimeType: 'application/ld+json' };
    default:
      return { fileName: `claim-lens-${day}.json`, mimeType: 'application/json' };
  }
}

export type ExportResult = { ok: true; text: string } | { ok: false; error: string };

/**
 * Export rows in a format. Never throws: a failure (an unknown format, a row that cannot be
 * formatted) is `{ ok: false, error }`, never an empty file. A success is never empty (even no rows
 * give a heading, an envelope or a CSV header).
 */
export function tryExport(rows: readonly Highlight[], format: ExportFormat, opts: ExportOptions): ExportResult {
  try {
    const list = Array.isArray(rows) ? rows : [];
    const o: ExportOptions = opts && typeof opts === 'object' ? opts : { now: Date.now() };
    let text: string;
    switch (format) {
      case 'markdown':
        text = toMarkdown(list, o);
        break;
      case 'json':
        text = toJson(list, o);
        break;
      case 'csv':
        text = toCsv(list, o);
        break;
      case 'jsonld':
        text = toJsonLd(list, o);
        break;
      default:
        return { ok: false, error: `unknown export format ${JSON.stringify(format)?.slice(0, 40)}` };
    }
    if (typeof text !== 'string' || !text) return { ok: false, error: 'the export came out empty' };
    return { ok: true, text };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, error: `a highlight could not be exported (${why.slice(0, 200)})` };
  }
}

/**
 * Export rows in a format, as text. Never throws; returns '' when the export failed (use tryExport
 * to know why: an empty string is never a valid export).
 */
export function exportHighlights(rows: readonly Highlight[], format: ExportFormat, opts: ExportOptions): string {
  const r = tryExport(rows, format, opts);
  return r.ok ? r.text : '';
}

// ---------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------

function toMs(now: number | Date | undefined): number {
  const n = now instanceof Date ? now.getTime() : typeof now === 'number' ? now : Date.now();
  return Number.isFinite(n) ? n : Date.now();
}

function isoTime(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

function isoDate(ms: number): string {
  return isoTime(ms).slice(0, 10);
}

function conceptTitle(lookup: ExportOptions['concepts'], id: string): string {
  if (!lookup) return id;
  try {
    const t = lookup(id);
    return typeof t === 'string' && t.trim() ? t.trim() : id;
  } catch {
    return id;
  }
}

// ---------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------

const MD_SPECIAL = /[\\`*_[\]<>#|~$^=%&]/;

/**
 * Make page text inert in Markdown (CommonMark + Obsidian): backslash-escape the punctuation that
 * starts emphasis, code, links, HTML, headings, tables, strike-through, math ($), footnotes and
 * block ids (^), and runs of = (Obsidian highlights); break up Obsidian comments (%%) and entity
 * references (&amp;). Newlines are handled by the caller.
 */
export function escapeMarkdownInline(s: string): string {
  if (!MD_SPECIAL.test(s)) return s; // most text: nothing to do, no allocation
  return s
    .replace(/[\\`*_[\]<>#|~$^]/g, '\\$&')
    .replace(/={2,}/g, (m) => '\\='.repeat(m.length))
    .replace(/%%/g, '%\\%')
    .replace(/&(?=#?[a-z0-9]+;)/gi, '\\&');
}

const LINE_START_SPECIAL = /^[ \t\-+=\d]/;

/** Escape one line of page text so it cannot start a list, quote, heading or code block. */
function escapeMarkdownLine(line: string): string {
  let s = escapeMarkdownInline(line);
  if (!LINE_START_SPECIAL.test(s)) return s;
  s = s.replace(/^[ \t]+/, '');
  if (/^[-+=]/.test(s)) s = '\\' + s;
  return s.replace(/^(\d{1,9})([.)])/, '$1\\$2');
}

/** Block quote of page text: every line prefixed with "> " (empty lines with ">"). */
function markdownQuote(text: string): string {
  if (text.indexOf('\n') === -1 && text.indexOf('\r') === -1) {
    const e = escapeMarkdownLine(text);
    return e ? `> ${e}` : '>';
  }
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => {
      const e = escapeMarkdownLine(l);
      return e ? `> ${e}` : '>';
    })
    .join('\n')
    .replace(/([^>\n])\n/g, '$1  \n'); // hard breaks: page lines stay lines in any renderer
}

/** A plain-text paragraph (a note): escaped lines, kept as separate lines. */
function markdownParagraph(text: string): string {
  if (text.indexOf('\n') === -1 && text.indexOf('\r') === -1) return escapeMarkdownLine(text.trim());
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(escapeMarkdownLine)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .replace(/([^\n])\n(?=[^\n])/g, '$1  \n');
}

/** Obsidian tag: letters, digits, _ - / only (other characters become -). */
function markdownTag(tag: string): string {
  const t = tag.replace(/[^\p{L}\p{N}_\-/]+/gu, '-').replace(/^-+|-+$/g, '');
  return t ? `#${t}` : '';
}

/**
 * A page address in Markdown: an autolink `<…>` only for http(s) addresses (so a `javascript:` or
 * `data:` URL, which some renderers would turn into a live link, stays inert escaped text).
 */
export function markdownUrl(url: string): string {
  // The URL parser already percent-encodes spaces and angle brackets in normalised URLs.
  if (isWebUrl(url) && /^https?:[^\s<>\\]*$/i.test(url)) return `<${url}>`;
  return escapeMarkdownInline(String(url ?? '').replace(/\s+/g, ' '));
}

function toMarkdown(rows: readonly Highlight[], opts: ExportOptions): string {
  const now = toMs(opts.now);
  // Tags and concepts repeat across a library: format each once.
  const tagCache = new Map<string, string>();
  const tagMd = (t: string) => {
    let v = tagCache.get(t);
    if (v === undefined) tagCache.set(t, (v = markdownTag(t)));
    return v;
  };
  const conceptCache = new Map<string, string>();
  const conceptMd = (c: string) => {
    let v = conceptCache.get(c);
    if (v === undefined) conceptCache.set(c, (v = escapeMarkdownInline(conceptTitle(opts.concepts, c))));
    return v;
  };
  const pages = new Map<string, Highlight[]>();
  for (const r of rows) {
    const list = pages.get(r.url);
    if (list) list.push(r);
    else pages.set(r.url, [r]);
  }
  const L = markdownLabels(opts.markdownLabels);
  const out: string[] = [];
  out.push(`# ${escapeMarkdownInline(L.title)}`, '');
  out.push(escapeMarkdownInline(L.summary(isoTime(now), rows.length, pages.size)), '');
  for (const [url, list] of pages) {
    list.sort((a, b) => a.selectors.position.start - b.selectors.position.start || a.createdAt - b.createdAt);
    let title = '';
    let latest = -1;
    let first = Infinity;
    for (const h of list) {
      if (h.pageTitle && h.updatedAt > latest) {
        title = h.pageTitle;
        latest = h.updatedAt;
      }
      if (h.createdAt < first) first = h.createdAt;
    }
    const heading = escapeMarkdownInline((title || url).replace(/\s+/g, ' ').trim()) || escapeMarkdownInline(L.untitled);
    out.push(`## ${heading}`, '');
    out.push(`${markdownUrl(url)}  `, escapeMarkdownInline(L.pageMeta(isoDate(first), list.length)), '');
    for (const h of list) {
      out.push(markdownQuote(h.text), '');
      if (h.note.trim()) out.push(markdownParagraph(h.note), '');
      const meta: string[] = [];
      const tags = h.tags.map(tagMd).filter(Boolean);
      if (tags.length) meta.push(`${escapeMarkdownInline(L.tags)}: ${tags.join(' ')}`);
      if (h.concepts.length) meta.push(`${escapeMarkdownInline(L.concepts)}: ${h.concepts.map(conceptMd).join(' · ')}`);
      if (h.category) meta.push(`${escapeMarkdownInline(L.claimType)}: ${escapeMarkdownInline(categoryText(opts.categoryLabel, h.category))}`);
      if (meta.length) out.push(meta.join('  \n'), '');
    }
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------------

export interface JsonExportEnvelope {
  format: typeof JSON_EXPORT_FORMAT;
  version: typeof JSON_EXPORT_VERSION;
  exportedAt: string;
  rows: Highlight[];
}

function toJson(rows: readonly Highlight[], opts: ExportOptions): string {
  const head: Omit<JsonExportEnvelope, 'rows'> = {
    format: JSON_EXPORT_FORMAT,
    version: JSON_EXPORT_VERSION,
    exportedAt: isoTime(toMs(opts.now)),
  };
  return envelopeWithList({ ...head }, 'rows', rows);
}

/**
 * JSON with one list item per line: readable and diff-friendly like pretty-printing, without the
 * indentation that doubles the size of a large library. `obj[key]` is replaced by the items.
 */
function envelopeWithList(obj: Record<string, unknown>, key: string, items: readonly unknown[], wrap?: (list: string) => string): string {
  const list = items.length ? '[\n' + items.map((x) => JSON.stringify(x)).join(',\n') + '\n]' : '[]';
  const head = JSON.stringify({ ...obj, [key]: 0 });
  // {"a":1,…,"key":0} → replace the placeholder (the last member) with the list.
  const placeholder = `${JSON.stringify(key)}:0}`;
  const body = head.slice(0, head.length - placeholder.length) + `${JSON.stringify(key)}:${wrap ? wrap(list) : list}}`;
  return body + '\n';
}

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180)
// ---------------------------------------------------------------------------------------------

/**
 * CSV columns, in order:
 * id · url · page_title · text (the quote) · note · tags (space-separated) · concepts (ids,
 * space-separated) · concept_titles (" · "-separated, when a lookup is given) · category · color ·
 * origin (user|claim) · created_at · updated_at · deleted_at (ISO 8601 UTC; empty when live) ·
 * quote_prefix · quote_suffix · position_start · position_end.
 *
 * UTF-8 with a BOM (so spreadsheet programs detect the encoding), CRLF line ends, fields quoted when
 * they hold a comma, a quote or a line break. A cell starting with = + - @ (or a tab / carriage
 * return) gets a leading apostrophe, so a spreadsheet never evaluates page text as a formula.
 */
export const CSV_COLUMNS = [
  'id',
  'url',
  'page_title',
  'text',
  'note',
  'tags',
  'concepts',
  'concept_titles',
  'category',
  'color',
  'origin',
  'created_at',
  'updated_at',
  'deleted_at',
  'quote_prefix',
  'quote_suffix',
  'position_start',
  'position_end',
] as const;

export function csvCell(value: string | number | undefined): string {
  let s = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  if (/[",\r\n]/.test(s)) s = '"' + s.replace(/"/g, '""') + '"';
  return s;
}

function toCsv(rows: readonly Highlight[], opts: ExportOptions): string {
  const lines: string[] = new Array(rows.length + 1);
  lines[0] = CSV_COLUMNS.join(',');
  let i = 1;
  for (const h of rows) {
    const q = h.selectors.quote;
    const p = h.selectors.position;
    lines[i++] = [
      h.id,
      h.url,
      h.pageTitle,
      h.text,
      h.note,
      h.tags.join(' '),
      h.concepts.join(' '),
      opts.concepts ? h.concepts.map((c) => conceptTitle(opts.concepts, c)).join(' · ') : '',
      h.category,
      h.color,
      h.origin,
      isoTime(h.createdAt),
      isoTime(h.updatedAt),
      h.deletedAt === undefined ? '' : isoTime(h.deletedAt),
      q.prefix,
      q.suffix,
      p.start,
      p.end,
    ]
      .map(csvCell)
      .join(',');
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------------------------------------
// W3C Web Annotation JSON-LD
// ---------------------------------------------------------------------------------------------

/** Highlight colours as CSS, for the stylesheet each annotation carries (model §4.4). */
export const COLOR_CSS: Record<Color, string> = {
  yellow: '#fff3a3',
  green: '#c8f0c0',
  blue: '#c4e1ff',
  pink: '#ffd0e4',
  purple: '#e2d4ff',
};

/** Prefix of the inert URN a JSON-LD export writes in place of a non-http(s) page address. */
export const NON_WEB_URL_PREFIX = 'urn:claim-lens:non-web-url:';

/**
 * target.source of an annotation: the page address when it is http(s); anything else (a row imported
 * before imports checked the scheme) becomes an inert URN holding the percent-encoded address, so no
 * consumer of the file can turn it into a live javascript: or data: link. Import refuses it.
 */
export function annotationSource(url: string): string {
  return isWebUrl(url) ? url : NON_WEB_URL_PREFIX + encodeURIComponent(String(url ?? ''));
}

/**
 * One highlight as a W3C Web Annotation. What it carries: id (urn:uuid), url, page title
 * (dcterms:title on the target), both selectors, note (commenting TextualBody), tags (tagging),
 * category (classifying TextualBody), concepts (linking SpecificResource urn:claim-lens:concept:…),
 * colour (target styleClass + stylesheet), origin (creator = the detector for 'claim'), created,
 * modified. Not carried: deletedAt, orphanSince (a local observation), and `text` when it differs
 * from the quote selector's exact text.
 */
export function toAnnotation(h: Highlight): Record<string, unknown> {
  const body: Record<string, unknown>[] = [];
  if (h.note) body.push({ type: 'TextualBody', value: h.note, format: 'text/plain', purpose: 'commenting' });
  for (const t of h.tags) body.push({ type: 'TextualBody', value: t, purpose: 'tagging' });
  if (h.category) body.push({ type: 'TextualBody', value: h.category, purpose: 'classifying' });
  for (const c of h.concepts) body.push({ type: 'SpecificResource', source: CONCEPT_URN_PREFIX + encodeURIComponent(c), purpose: 'linking' });
  const q = h.selectors.quote;
  const quote: Record<string, unknown> = { type: 'TextQuoteSelector', exact: q.exact };
  if (q.prefix !== undefined) quote.prefix = q.prefix;
  if (q.suffix !== undefined) quote.suffix = q.suffix;
  const target: Record<string, unknown> = {
    source: annotationSource(h.url),
    selector: [quote, { type: 'TextPositionSelector', start: h.selectors.position.start, end: h.selectors.position.end }],
    styleClass: h.color,
  };
  if (h.pageTitle) target['dcterms:title'] = h.pageTitle;
  const a: Record<string, unknown> = {
    id: `urn:uuid:${h.id}`,
    type: 'Annotation',
    motivation: h.note ? 'commenting' : 'highlighting',
    created: isoTime(h.createdAt),
    modified: isoTime(h.updatedAt),
  };
  if (h.origin === 'claim') a.creator = { id: DETECTOR_AGENT_ID, type: 'Software', name: 'Claim Lens claim detector' };
  a.stylesheet = { type: 'CssStylesheet', value: `.${h.color} { background-color: ${COLOR_CSS[h.color] ?? COLOR_CSS.yellow}; }` };
  if (body.length) a.body = body.length === 1 ? body[0] : body;
  a.target = target;
  return a;
}

function toJsonLd(rows: readonly Highlight[], opts: ExportOptions): string {
  const collection = {
    '@context': ANNO_CONTEXT,
    id: opts.collectionId ?? `urn:uuid:${newUuid()}`,
    type: 'AnnotationCollection',
    label: `Claim Lens highlights, exported ${isoTime(toMs(opts.now))}`,
    total: rows.length,
  };
  return envelopeWithList(collection, 'first', rows.map(toAnnotation), (list) => `{"type":"AnnotationPage","startIndex":0,"items":${list}}`);
}

/** For import: is this a known colour / category? */
export const isColor = (s: unknown): s is Color => typeof s === 'string' && (COLORS as readonly string[]).includes(s);
export const isCategory = (s: unknown): s is (typeof CATEGORIES)[number] => typeof s === 'string' && (CATEGORIES as readonly string[]).includes(s);
