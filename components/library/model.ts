/**
 * Pure helpers of the notes library: filters ↔ search query, grouping by page, paging, safe links,
 * text-fragment links and export file names. No browser API, no storage import (the entrypoint
 * passes rows in); every string may come from a web page and is only ever rendered as text.
 */
import { CATEGORIES, type Category } from '../../engine/types';

/** The colours a highlight can have (storage's COLORS, repeated here so components stay storage-free). */
export const LIB_COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export type LibColor = (typeof LIB_COLORS)[number];

/** Marker backgrounds of the colours (the same family as the page painter's). */
export const LIB_COLOR_CSS: Record<LibColor, string> = {
  yellow: '#ffe066',
  green: '#b2f2bb',
  blue: '#a5d8ff',
  pink: '#fcc2d7',
  purple: '#d0bfff',
};

/** One stored highlight as the library shows it (structurally the storage row). */
export interface LibraryRow {
  id: string;
  url: string;
  pageTitle: string;
  text: string;
  note: string;
  tags: string[];
  concepts: string[];
  category?: Category;
  color: LibColor;
  origin: 'user' | 'claim';
  createdAt: number;
  updatedAt: number;
  /** Set when the last visit to the page could not place the highlight (since that time). */
  orphanSince?: number;
}

/** The filter bar's state. Empty strings mean "any". Dates are `YYYY-MM-DD` (the date input's value). */
export interface LibraryFilters {
  text: string;
  site: string;
  concept: string;
  category: string;
  tag: string;
  color: string;
  from: string;
  to: string;
  /** '' any, 'orphan' not found on the page at the last visit, 'found' the others. */
  anchor: string;
}

export const EMPTY_FILTERS: LibraryFilters = { text: '', site: '', concept: '', category: '', tag: '', color: '', from: '', to: '', anchor: '' };

/** The search query storage's searchHighlights takes (structurally its SearchQuery). */
export interface LibraryQuery {
  text?: string;
  site?: string;
  concept?: string;
  category?: Category;
  tag?: string;
  color?: LibColor;
  from?: number;
  to?: number;
  orphan?: boolean;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local midnight of a `YYYY-MM-DD` day (ms), or undefined for anything else. */
export function dayStart(day: string): number | undefined {
  const m = typeof day === 'string' ? DAY.exec(day) : null;
  if (!m) return undefined;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Reject days that roll over (2024-02-31).
  if (d.getFullYear() !== Number(m[1]) || d.getMonth() !== Number(m[2]) - 1 || d.getDate() !== Number(m[3])) return undefined;
  return d.getTime();
}

/** The last millisecond of a local `YYYY-MM-DD` day, or undefined. */
export function dayEnd(day: string): number | undefined {
  const s = dayStart(day);
  if (s === undefined) return undefined;
  const m = DAY.exec(day)!;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1).getTime() - 1;
}

/** `YYYY-MM-DD` of a time in local time (for date inputs and file names). */
export function localDay(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Filters → query: only the criteria that are set and valid. Never throws. */
export function filtersToQuery(f: Partial<LibraryFilters> | undefined): LibraryQuery {
  const q: LibraryQuery = {};
  if (!f || typeof f !== 'object') return q;
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const text = str(f.text);
  if (text) q.text = text.slice(0, 1_000);
  if (str(f.site)) q.site = str(f.site);
  if (str(f.concept)) q.concept = str(f.concept);
  const cat = str(f.category);
  if ((CATEGORIES as readonly string[]).includes(cat)) q.category = cat as Category;
  if (str(f.tag)) q.tag = str(f.tag);
  const color = str(f.color);
  if ((LIB_COLORS as readonly string[]).includes(color)) q.color = color as LibColor;
  const from = dayStart(str(f.from));
  const to = dayEnd(str(f.to));
  if (from !== undefined) q.from = from;
  if (to !== undefined) q.to = to;
  const anchor = str(f.anchor);
  if (anchor === 'orphan') q.orphan = true;
  else if (anchor === 'found') q.orphan = false;
  return q;
}

/** URL query names of the filters (`library.html?site=www.lemonde.fr&q=éco` opens the library filtered). */
const FILTER_PARAMS: [keyof LibraryFilters, string][] = [
  ['text', 'q'],
  ['site', 'site'],
  ['concept', 'concept'],
  ['category', 'category'],
  ['tag', 'tag'],
  ['color', 'color'],
  ['from', 'from'],
  ['to', 'to'],
  ['anchor', 'anchor'],
];

/** Filters from a URL query string (unknown names ignored, each value clipped). Never throws. */
export function filtersFromSearch(search: string): LibraryFilters {
  const f: LibraryFilters = { ...EMPTY_FILTERS };
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(typeof search === 'string' ? search : '');
  } catch {
    return f;
  }
  for (const [key, name] of FILTER_PARAMS) {
    const v = params.get(name);
    if (v) f[key] = v.slice(0, key === 'site' ? 8_192 : 1_000);
  }
  return f;
}

/** The query string for filters ('' when none is set), so a reload or a bookmark keeps them. */
export function filtersToSearch(f: LibraryFilters): string {
  const params = new URLSearchParams();
  for (const [key, name] of FILTER_PARAMS) if (typeof f[key] === 'string' && f[key]) params.set(name, f[key]);
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** How many criteria are set (for "clear filters" and the empty state). */
export function activeFilterCount(f: LibraryFilters): number {
  return Object.keys(filtersToQuery(f)).length;
}

export interface PageGroup {
  url: string;
  /** The most recently updated non-empty title of the page's rows ('' when none). */
  title: string;
  /** Newest createdAt among the rows. */
  latest: number;
  /** Newest first. */
  rows: LibraryRow[];
}

/**
 * Group rows by page. Pages are ordered by their newest highlight (newest first), rows inside a page
 * newest first. Linear in the number of rows; never throws on odd input.
 */
export function groupByPage(rows: readonly LibraryRow[]): PageGroup[] {
  if (!Array.isArray(rows)) return [];
  const map = new Map<string, { g: PageGroup; titleAt: number }>();
  for (const r of rows) {
    if (!r || typeof r.url !== 'string') continue;
    let e = map.get(r.url);
    if (!e) map.set(r.url, (e = { g: { url: r.url, title: '', latest: -Infinity, rows: [] }, titleAt: -Infinity }));
    e.g.rows.push(r);
    if (r.createdAt > e.g.latest) e.g.latest = r.createdAt;
    if (r.pageTitle && r.updatedAt > e.titleAt) {
      e.g.title = r.pageTitle;
      e.titleAt = r.updatedAt;
    }
  }
  const groups = [...map.values()].map((e) => e.g);
  const newest = (a: LibraryRow, b: LibraryRow) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  for (const g of groups) g.rows.sort(newest);
  return groups.sort((a, b) => b.latest - a.latest || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

/**
 * The first `limit` rows of the grouped list (whole groups, the last one cut), so a library of
 * 10,000+ rows renders only what is shown. `shown` counts rows.
 */
export function firstRows(groups: readonly PageGroup[], limit: number): { groups: PageGroup[]; shown: number; total: number } {
  const total = groups.reduce((n, g) => n + g.rows.length, 0);
  const max = Number.isFinite(limit) && limit > 0 ? Math.floor(limit) : 0;
  const out: PageGroup[] = [];
  let shown = 0;
  for (const g of groups) {
    if (shown >= max) break;
    const take = Math.min(g.rows.length, max - shown);
    out.push(take === g.rows.length ? g : { ...g, rows: g.rows.slice(0, take) });
    shown += take;
  }
  return { groups: out, shown, total };
}

/** The URL if it is http(s), else undefined: the library opens nothing else (no javascript:, data:, file:). */
export function httpUrl(url: unknown): string | undefined {
  if (typeof url !== 'string' || url.length > 8_192) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** Host of an http(s) URL, or ''. */
export function hostOf(url: string): string {
  const u = httpUrl(url);
  return u ? new URL(u).host : '';
}

/** Percent-encode a text-fragment term: also - , & which are syntax inside `:~:text=`. */
function fragmentTerm(s: string): string {
  return encodeURIComponent(s).replace(/-/g, '%2D').replace(/,/g, '%2C').replace(/&/g, '%26');
}

/**
 * A link that scrolls to the quote in browsers that support text fragments (`#:~:text=`); the
 * extension re-anchors anyway, so other browsers just open the page. Long quotes use start,end
 * (first and last few words). Undefined when the URL is not http(s).
 */
export function textFragmentUrl(url: string, quote: string): string | undefined {
  const base = httpUrl(url);
  if (!base) return undefined;
  const clean = (typeof quote === 'string' ? quote : '').replace(/\s+/gu, ' ').trim();
  const noHash = base.replace(/#.*$/s, '');
  if (!clean) return noHash;
  const words = clean.split(' ');
  let directive: string;
  if (clean.length <= 80 || words.length < 8) directive = fragmentTerm(clean.slice(0, 300));
  else directive = `${fragmentTerm(words.slice(0, 4).join(' '))},${fragmentTerm(words.slice(-4).join(' '))}`;
  return `${noHash}#:~:text=${directive}`;
}

export type ExportScope = 'all' | 'filter' | 'page';

/**
 * File name for an export: storage's `claim-lens-YYYY-MM-DD.ext`, with `-filtered` or the page's
 * host for narrower scopes (only [a-z0-9.-] kept, so a hostile host cannot make a path).
 */
export function scopedFileName(baseName: string, scope: ExportScope, pageUrl?: string): string {
  const dot = baseName.lastIndexOf('.');
  const stem = dot > 0 ? baseName.slice(0, dot) : baseName;
  const ext = dot > 0 ? baseName.slice(dot) : '';
  if (scope === 'filter') return `${stem}-filtered${ext}`;
  if (scope === 'page') {
    const host = (pageUrl ? hostOf(pageUrl) : '')
      .toLowerCase()
      .replace(/[^a-z0-9.-]+/g, '-')
      .replace(/^[.-]+|[.-]+$/g, '')
      .slice(0, 60);
    return `${stem}-${host || 'page'}${ext}`;
  }
  return baseName;
}

/** Tags typed in one box: split on commas and whitespace (incl. U+00A0, U+202F); leading # dropped. */
export function parseTagInput(s: string): string[] {
  if (typeof s !== 'string') return [];
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of s.split(/[,\s]+/u)) {
    const t = raw.replace(/^#+/u, '');
    if (!t) continue;
    const k = t.toLocaleLowerCase('fr');
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(t);
  }
  return out;
}
