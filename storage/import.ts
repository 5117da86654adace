/**
 * Import: the Claim Lens JSON envelope (lossless) and W3C Web Annotation JSON-LD (ours or another
 * tool's). Everything is parsed and validated before anything is written; one invalid record and
 * nothing is written. Never throws.
 */
import { z } from 'zod';
import type { ClaimLensDB } from './db';
import { errorMessage } from './db';
import { ANNO_CONTEXT, CONCEPT_URN_PREFIX, DETECTOR_AGENT_ID, JSON_EXPORT_FORMAT, JSON_EXPORT_VERSION, isCategory, isColor } from './export';
import { uuidFromString, uuidFromUrn } from './ids';
import { HighlightSchema, LIMITS, describeIssues, normaliseConcepts, normaliseTags, type Highlight } from './schema';
import { isWebUrl, normaliseUrl, schemeOf } from './url';

export type ImportFormat = 'json' | 'jsonld';

export interface ImportError {
  /** Index of the record in the file's list (rows[i] or items[i]), or 'file' for the file itself. */
  record: number | 'file';
  /** The record's id, when it has one. */
  id?: string;
  /** Field path inside the record (e.g. "selectors.position.end"); '' for the whole file. */
  path: string;
  /** Human-readable, naming the record and the field. */
  message: string;
}

export type ParseResult = { ok: true; rows: Highlight[]; format: ImportFormat } | { ok: false; errors: ImportError[] };

export interface ImportOptions {
  /** Used for JSON-LD annotations without a created date. Default Date.now(). */
  now?: number;
  /** Largest accepted file, in UTF-16 code units. Default 256 Mi. */
  maxChars?: number;
  /** Most records accepted. Default 1,000,000. */
  maxRecords?: number;
  /** Stop collecting errors after this many (one more error says how many were left out). Default 100. */
  maxErrors?: number;
}

export const IMPORT_DEFAULTS = { maxChars: 256 * 1024 * 1024, maxRecords: 1_000_000, maxErrors: 100 } as const;

function fileError(message: string, path = ''): ParseResult {
  return { ok: false, errors: [{ record: 'file', path, message }] };
}

class Errors {
  list: ImportError[] = [];
  dropped = 0;
  constructor(private readonly max: number) {}
  add(listName: string, record: number, id: string | undefined, path: string, message: string): void {
    if (this.list.length >= this.max) {
      this.dropped++;
      return;
    }
    const who = `${listName}[${record}]${id ? ` (id ${id})` : ''}`;
    this.list.push({ record, ...(id ? { id } : {}), path, message: `${who}, field ${path}: ${message}` });
  }
  result(): ImportError[] {
    if (this.dropped) this.list.push({ record: 'file', path: '', message: `…and ${this.dropped} more error${this.dropped === 1 ? '' : 's'}` });
    return this.list;
  }
}

function idOf(x: unknown): string | undefined {
  if (x && typeof x === 'object' && 'id' in x) {
    const id = (x as { id: unknown }).id;
    if (typeof id === 'string' && id) return id.length > 100 ? id.slice(0, 100) + '…' : id;
  }
  return undefined;
}

/** Parse and validate an import file. Detects the Claim Lens envelope or W3C JSON-LD. */
export function parseImport(text: string, opts: ImportOptions = {}): ParseResult {
  try {
    const maxChars = opts.maxChars ?? IMPORT_DEFAULTS.maxChars;
    if (typeof text !== 'string') return fileError('Nothing to import: expected the text of a file.');
    if (text.length > maxChars) return fileError(`The file is too large to import (${text.length} characters; at most ${maxChars}).`);
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (!body.trim()) return fileError('The file is empty.');
    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch (e) {
      return fileError(`The file is not JSON (${errorMessage(e)}). Import reads Claim Lens JSON exports and W3C Web Annotation JSON-LD.`);
    }
    if (data && typeof data === 'object' && !Array.isArray(data) && 'format' in data) return parseEnvelope(data as Record<string, unknown>, opts);
    if (looksLikeAnnotations(data)) return parseJsonLd(data, opts);
    return fileError('Unrecognised file: expected a Claim Lens JSON export ({ "format": "claim-lens-export", … }) or W3C Web Annotation JSON-LD.');
  } catch (e) {
    return fileError(`Could not read the file: ${errorMessage(e)}`);
  }
}

function parseEnvelope(env: Record<string, unknown>, opts: ImportOptions): ParseResult {
  if (env.format !== JSON_EXPORT_FORMAT)
    return fileError(`Unknown format ${JSON.stringify(env.format)?.slice(0, 80)}: expected "${JSON_EXPORT_FORMAT}".`, 'format');
  const v = env.version;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) return fileError(`Invalid export version ${JSON.stringify(v)?.slice(0, 40)}: expected ${JSON_EXPORT_VERSION}.`, 'version');
  if (v > JSON_EXPORT_VERSION)
    return fileError(
      `This file was exported by a newer version of Claim Lens (export format version ${v}); this version reads version ${JSON_EXPORT_VERSION}. Update the extension, then import again.`,
      'version',
    );
  if (!Array.isArray(env.rows)) return fileError('The export has no "rows" list.', 'rows');
  const rowsIn = env.rows as unknown[];
  const maxRecords = opts.maxRecords ?? IMPORT_DEFAULTS.maxRecords;
  if (rowsIn.length > maxRecords) return fileError(`Too many records (${rowsIn.length}; at most ${maxRecords}).`, 'rows');
  const errors = new Errors(opts.maxErrors ?? IMPORT_DEFAULTS.maxErrors);
  const rows: Highlight[] = [];
  for (let i = 0; i < rowsIn.length; i++) {
    const raw = rowsIn[i];
    const parsed = HighlightSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of describeIssues(parsed.error)) errors.add('rows', i, idOf(raw), issue.path, issue.message);
      continue;
    }
    const r = parsed.data;
    if (!isWebUrl(r.url)) {
      errors.add('rows', i, idOf(raw), 'url', notWebUrl(r.url));
      continue;
    }
    // Keep the stored invariants (both are no-ops on rows Claim Lens wrote).
    const url = normaliseUrl(r.url) || r.url;
    // An imported row is never born deleted: a row with deletedAt would be counted as added, land in
    // the trash and be purged 30 days later.
    const { deletedAt: _deleted, ...live } = r;
    const row: Highlight = { ...live, id: r.id.toLowerCase(), url };
    if (url !== r.url && url.length > LIMITS.url) {
      errors.add('rows', i, idOf(raw), 'url', `too long once normalised (${url.length} characters; at most ${LIMITS.url})`);
      continue;
    }
    rows.push(row);
  }
  const errs = errors.result();
  return errs.length ? { ok: false, errors: errs } : { ok: true, rows, format: 'json' };
}

/**
 * Import keeps only http(s) page addresses: Claim Lens highlights nothing else, and a javascript: or
 * data: address in the library could become a live link in an export or a renderer. The record is
 * refused (so nothing is written) rather than kept as inert text, so the user sees what was wrong.
 */
function notWebUrl(url: string): string {
  const scheme = schemeOf(url);
  return `only http and https page addresses can be imported${scheme ? ` (this one starts with "${scheme.slice(0, 32)}")` : ' (this one is not a web address)'}`;
}

// ---------------------------------------------------------------------------------------------
// W3C Web Annotation JSON-LD
// ---------------------------------------------------------------------------------------------

function hasType(x: unknown, t: string): boolean {
  if (!x || typeof x !== 'object') return false;
  const ty = (x as { type?: unknown }).type;
  return ty === t || (Array.isArray(ty) && ty.includes(t));
}

function hasAnnoContext(x: unknown): boolean {
  if (!x || typeof x !== 'object') return false;
  const c = (x as Record<string, unknown>)['@context'];
  return c === ANNO_CONTEXT || (Array.isArray(c) && c.includes(ANNO_CONTEXT));
}

function looksLikeAnnotations(x: unknown): boolean {
  if (Array.isArray(x)) return x.length === 0 || hasType(x[0], 'Annotation');
  return hasAnnoContext(x) || hasType(x, 'AnnotationCollection') || hasType(x, 'AnnotationPage') || hasType(x, 'Annotation');
}

const OneOrMany = <T extends z.ZodType>(s: T) => z.union([s, z.array(s)]);
const many = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

const SelectorLoose = z.looseObject({ type: z.string() });
const TargetLoose = z.looseObject({
  source: z.union([z.string().min(1), z.looseObject({ id: z.string().min(1) })]),
  selector: OneOrMany(SelectorLoose).optional(),
  styleClass: OneOrMany(z.string()).optional(),
  'dcterms:title': z.string().optional(),
});
const BodyLoose = z.union([
  z.string(),
  z.looseObject({
    type: OneOrMany(z.string()).optional(),
    value: z.string().optional(),
    purpose: OneOrMany(z.string()).optional(),
    source: z.union([z.string(), z.looseObject({ id: z.string() })]).optional(),
  }),
]);
const AnnotationLoose = z.looseObject({
  id: z.string().optional(),
  type: z.union([z.literal('Annotation'), z.array(z.string()).refine((t) => t.includes('Annotation'), 'must include "Annotation"')]),
  motivation: OneOrMany(z.string()).optional(),
  created: z.string().optional(),
  modified: z.string().optional(),
  creator: z.unknown().optional(),
  body: OneOrMany(BodyLoose).optional(),
  bodyValue: z.string().optional(),
  target: OneOrMany(z.union([z.string(), TargetLoose])),
});

function annotationItems(data: unknown): { items: unknown[]; listName: string } | { error: string; path: string } {
  if (Array.isArray(data)) return { items: data, listName: 'items' };
  const d = data as Record<string, unknown>;
  if (hasType(d, 'Annotation')) return { items: [d], listName: 'items' };
  if (hasType(d, 'AnnotationPage')) return Array.isArray(d.items) ? { items: d.items, listName: 'items' } : { error: 'The annotation page has no "items" list.', path: 'items' };
  if (Array.isArray(d.items)) return { items: d.items, listName: 'items' };
  const first = d.first;
  if (first === undefined) {
    if (d.total === 0) return { items: [], listName: 'items' };
    return { error: 'The annotation collection has no "first" page and no "items".', path: 'first' };
  }
  if (typeof first === 'string')
    return { error: 'The collection’s pages are not in the file (its "first" page is a link); export it with the annotations embedded.', path: 'first' };
  if (first && typeof first === 'object' && Array.isArray((first as Record<string, unknown>).items)) {
    const items = (first as { items: unknown[] }).items;
    if (typeof (first as Record<string, unknown>).next === 'string')
      return { error: 'The collection has more than one page and only the first is in the file.', path: 'first.next' };
    return { items, listName: 'first.items' };
  }
  return { error: 'The collection’s "first" page has no "items" list.', path: 'first.items' };
}

function parseJsonLd(data: unknown, opts: ImportOptions): ParseResult {
  const found = annotationItems(data);
  if ('error' in found) return fileError(found.error, found.path);
  const { items, listName } = found;
  const maxRecords = opts.maxRecords ?? IMPORT_DEFAULTS.maxRecords;
  if (items.length > maxRecords) return fileError(`Too many annotations (${items.length}; at most ${maxRecords}).`, listName);
  const now = opts.now ?? Date.now();
  const errors = new Errors(opts.maxErrors ?? IMPORT_DEFAULTS.maxErrors);
  const rows: Highlight[] = [];
  for (let i = 0; i < items.length; i++) {
    const raw = items[i];
    const rid = idOf(raw);
    const err = (path: string, message: string) => errors.add(listName, i, rid, path, message);
    const a = AnnotationLoose.safeParse(raw);
    if (!a.success) {
      for (const issue of describeIssues(a.error)) err(issue.path, issue.message);
      continue;
    }
    const row = annotationToRow(a.data, now, err);
    if (!row) continue;
    if (!isWebUrl(row.url)) {
      err('target.source', notWebUrl(row.url));
      continue;
    }
    const checked = HighlightSchema.safeParse(row);
    if (!checked.success) {
      for (const issue of describeIssues(checked.error)) err(mapRowPathToAnnotation(issue.path), issue.message);
      continue;
    }
    rows.push(checked.data);
  }
  const errs = errors.result();
  return errs.length ? { ok: false, errors: errs } : { ok: true, rows, format: 'jsonld' };
}

/** Name the annotation field a row validation issue came from. */
function mapRowPathToAnnotation(path: string): string {
  if (path.startsWith('selectors.quote')) return path.replace('selectors.quote', 'target.selector(TextQuoteSelector)');
  if (path.startsWith('selectors.position')) return path.replace('selectors.position', 'target.selector(TextPositionSelector)');
  if (path === 'url') return 'target.source';
  if (path.startsWith('tags')) return 'body(tagging)';
  if (path === 'note') return 'body(commenting)';
  if (path === 'pageTitle') return 'target.dcterms:title';
  if (path === 'createdAt') return 'created';
  if (path === 'updatedAt') return 'modified';
  if (path === 'text') return 'target.selector(TextQuoteSelector).exact';
  return path;
}

type Annotation = z.infer<typeof AnnotationLoose>;

function parseTime(s: string | undefined, fallback: number): number | null {
  if (s === undefined) return fallback;
  const t = Date.parse(s);
  return Number.isFinite(t) && t >= 0 ? t : null;
}

function annotationToRow(a: Annotation, now: number, err: (path: string, message: string) => void): Highlight | null {
  // Target: the first one that is a SpecificResource with selectors.
  const targets = many(a.target);
  const tIndex = targets.findIndex((t) => typeof t === 'object' && t.selector !== undefined);
  if (tIndex === -1) {
    err('target', 'no target with a selector: only annotations of a text quote can be imported');
    return null;
  }
  const target = targets[tIndex] as z.infer<typeof TargetLoose>;
  const tPath = Array.isArray(a.target) ? `target[${tIndex}]` : 'target';
  const selectors = many(target.selector);
  const quote = selectors.find((s) => s.type === 'TextQuoteSelector') as Record<string, unknown> | undefined;
  const position = selectors.find((s) => s.type === 'TextPositionSelector') as Record<string, unknown> | undefined;
  if (!quote) {
    err(`${tPath}.selector`, 'a TextQuoteSelector is required');
    return null;
  }
  if (!position) {
    err(`${tPath}.selector`, 'a TextPositionSelector is required');
    return null;
  }
  const str = (x: unknown) => (typeof x === 'string' ? x : undefined);
  // Other tools may keep longer context than Claim Lens does; keep the nearest characters.
  const prefix = str(quote.prefix);
  const suffix = str(quote.suffix);
  const q: Record<string, unknown> = { type: 'TextQuoteSelector', exact: quote.exact };
  if (prefix !== undefined) q.prefix = prefix.length > 200 ? prefix.slice(-200) : prefix;
  if (suffix !== undefined) q.suffix = suffix.length > 200 ? suffix.slice(0, 200) : suffix;
  const p = { type: 'TextPositionSelector', start: position.start, end: position.end };

  const created = parseTime(a.created, now);
  if (created === null) {
    err('created', `not a date: ${JSON.stringify(a.created).slice(0, 60)}`);
    return null;
  }
  const modified = parseTime(a.modified, created);
  if (modified === null) {
    err('modified', `not a date: ${JSON.stringify(a.modified).slice(0, 60)}`);
    return null;
  }

  const notes: string[] = [];
  const tags: string[] = [];
  const concepts: string[] = [];
  let category: Highlight['category'];
  const motivations = many(a.motivation);
  if (a.bodyValue) notes.push(a.bodyValue);
  for (const b of many(a.body)) {
    if (typeof b === 'string') {
      if (b.startsWith(CONCEPT_URN_PREFIX)) concepts.push(decodeConcept(b));
      continue; // a link to an external body: nothing we can store
    }
    const purposes = many(b.purpose);
    const source = typeof b.source === 'string' ? b.source : b.source?.id;
    if (source?.startsWith(CONCEPT_URN_PREFIX)) {
      concepts.push(decodeConcept(source));
      continue;
    }
    if (b.value === undefined) continue;
    if (purposes.includes('tagging')) tags.push(b.value);
    else if (purposes.includes('classifying') && isCategory(b.value) && !category) category = b.value;
    else if (purposes.includes('commenting') || purposes.includes('describing') || purposes.length === 0 || motivations.includes('commenting')) notes.push(b.value);
  }

  const styleClasses = many(target.styleClass);
  const color = styleClasses.find(isColor) ?? 'yellow';
  const creators = many(a.creator as unknown);
  const byDetector = creators.some((c) => c === DETECTOR_AGENT_ID || (c !== null && typeof c === 'object' && (c as { id?: unknown }).id === DETECTOR_AGENT_ID));
  const sourceUrl = typeof target.source === 'string' ? target.source : target.source.id;
  const title = target['dcterms:title'] ?? (typeof target.source === 'object' ? str((target.source as Record<string, unknown>).title) ?? str((target.source as Record<string, unknown>).label) : undefined);

  const id = (a.id && uuidFromUrn(a.id)) || uuidFromString(a.id ?? JSON.stringify([sourceUrl, quote.exact, p.start, p.end, a.created]));
  const pageTitle = (title ?? '').replace(/\s+/gu, ' ').trim();
  const row: Highlight = {
    id,
    url: normaliseUrl(sourceUrl) || sourceUrl,
    pageTitle: pageTitle.length > LIMITS.pageTitle ? pageTitle.slice(0, LIMITS.pageTitle - 1) + '…' : pageTitle,
    selectors: { quote: q, position: p } as Highlight['selectors'],
    text: typeof quote.exact === 'string' ? quote.exact : '',
    color,
    note: notes.join('\n\n'),
    tags: normaliseTags(tags),
    concepts: normaliseConcepts(concepts),
    ...(category ? { category } : {}),
    origin: byDetector ? 'claim' : 'user',
    createdAt: created,
    updatedAt: Math.max(modified, created),
  };
  return row;
}

function decodeConcept(urn: string): string {
  const raw = urn.slice(CONCEPT_URN_PREFIX.length);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

export interface ImportResult {
  /** rows written */
  added: number;
  /** rows whose id was in Recently deleted (the trash): restored (deletedAt cleared), content kept as stored */
  restored: number;
  /** rows not written because their id is already live in the database (or earlier in the file) */
  skipped: number;
  /** non-empty means nothing was written */
  errors: ImportError[];
  format?: ImportFormat;
}

/**
 * Parse, validate, then write in one transaction. If any record is invalid nothing is written.
 * Live ids are skipped, never overwritten or duplicated; ids in the trash are restored. Never rejects.
 */
export async function importHighlights(db: ClaimLensDB, text: string, opts: ImportOptions = {}): Promise<ImportResult> {
  const parsed = parseImport(text, opts);
  if (!parsed.ok) return { added: 0, restored: 0, skipped: 0, errors: parsed.errors };
  return importParsed(db, parsed);
}

export interface ImportPreview {
  /** Records in the file. */
  total: number;
  /** Records that would be added (new ids, each counted once). */
  fresh: number;
  /** Records whose id is already live in the database: skipped, never overwritten. */
  present: number;
  /** Records whose id is in Recently deleted (the trash): importing restores them. */
  trashed: number;
  /** Records repeating an id seen earlier in the same file. */
  repeated: number;
}

/**
 * What importing parsed rows would do, without writing: new, already live, in the trash (restored),
 * repeated. Read-only (safe in a liveQuery). Resolves to all-zero counts for a bad argument.
 */
export async function previewImport(db: ClaimLensDB, rows: readonly Highlight[]): Promise<ImportPreview> {
  if (!Array.isArray(rows)) return { total: 0, fresh: 0, present: 0, trashed: 0, repeated: 0 };
  const seen = new Set<string>();
  const unique: string[] = [];
  for (const r of rows) {
    if (!r || typeof r.id !== 'string' || seen.has(r.id)) continue;
    seen.add(r.id);
    unique.push(r.id);
  }
  const existing = await db.highlights.bulkGet(unique);
  let present = 0;
  let trashed = 0;
  for (const e of existing) {
    if (e === undefined) continue;
    if (e.deletedAt !== undefined) trashed++;
    else present++;
  }
  return { total: rows.length, fresh: unique.length - present - trashed, present, trashed, repeated: rows.length - unique.length };
}

/**
 * Write rows that parseImport accepted (so a page can parse once, show a preview, then write the
 * same rows). The rows are validated again; one invalid row and nothing is written.
 */
export async function importParsed(db: ClaimLensDB, parsed: ParseResult): Promise<ImportResult> {
  const none = { added: 0, restored: 0, skipped: 0 };
  if (!parsed || typeof parsed !== 'object') return { ...none, errors: [{ record: 'file', path: '', message: 'Nothing to import.' }] };
  if (!parsed.ok) return { ...none, errors: Array.isArray(parsed.errors) ? parsed.errors : [] };
  if (!Array.isArray(parsed.rows)) return { ...none, errors: [{ record: 'file', path: 'rows', message: 'Nothing to import.' }] };
  const errors = new Errors(IMPORT_DEFAULTS.maxErrors);
  const rows: Highlight[] = [];
  parsed.rows.forEach((r, i) => {
    const check = HighlightSchema.safeParse(r);
    if (!check.success) for (const issue of describeIssues(check.error)) errors.add('rows', i, idOf(r), issue.path, issue.message);
    else if (!isWebUrl(check.data.url)) errors.add('rows', i, idOf(r), 'url', notWebUrl(check.data.url));
    else {
      const { deletedAt: _deleted, ...live } = check.data;
      rows.push(live);
    }
  });
  const errs = errors.result();
  if (errs.length) return { ...none, errors: errs, format: parsed.format };
  try {
    return await db.transaction('rw', db.highlights, async () => {
      const unique: Highlight[] = [];
      const seen = new Set<string>();
      for (const r of rows) {
        if (seen.has(r.id)) continue;
        seen.add(r.id);
        unique.push(r);
      }
      const existing = await db.highlights.bulkGet(unique.map((r) => r.id));
      const fresh = unique.filter((_, i) => existing[i] === undefined);
      // Rows in the trash come back as they were deleted (the stored row is at least as recent as
      // a backup of it); only deletedAt goes.
      const back: Highlight[] = [];
      for (const e of existing) {
        if (e === undefined || e.deletedAt === undefined) continue;
        const { deletedAt: _deleted, ...live } = e;
        back.push(live);
      }
      if (fresh.length) await db.highlights.bulkAdd(fresh);
      if (back.length) await db.highlights.bulkPut(back);
      return { added: fresh.length, restored: back.length, skipped: rows.length - fresh.length - back.length, errors: [], format: parsed.format };
    });
  } catch (e) {
    return { ...none, errors: [{ record: 'file', path: '', message: `Nothing was imported: the database refused the write (${errorMessage(e)}).` }], format: parsed.format };
  }
}
