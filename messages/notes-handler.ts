/**
 * The background's side of the notes messages: parse a request with zod, call storage/, answer
 * `{ ok: true, ... } | { ok: false, error }`. Factored out of entrypoints/background.ts so it can be
 * unit-tested under fake-indexeddb; the background only wires it to runtime.onMessage.
 *
 * The database is opened once, on the first request, and shared by every later one (a failed open
 * is retried on the next request). Dexie serialises the writes, so several tabs saving at the same
 * time are all stored. Nothing here throws: bad input and storage failures become `{ ok: false }`.
 */
import {
  deleteHighlight,
  getHighlight,
  highlightsForUrl,
  openDatabase,
  recordAnchoring,
  restoreHighlight,
  saveHighlight,
  updateHighlight,
  type ClaimLensDB,
} from '../storage';
import { NoteRequestSchema, type NoteAnchoringResult, type NoteListResult, type NoteRequest, type NoteResult } from './index';

export type NotesAnswer = NoteResult | NoteListResult | NoteAnchoringResult;

export type OpenDb = () => Promise<{ ok: true; db: ClaimLensDB } | { ok: false; error: string }>;

export interface NotesHandler {
  /**
   * Answer one message, or undefined when it is not a notes request (another handler's business).
   * `from.tabUrl`: the page of the content script that sent it (runtime.MessageSender.url of a
   * tab); a content script may only list, save, update, delete or restore notes of its own page's
   * origin (by id: the stored row's url must have the sender's origin).
   */
  handle(raw: unknown, from?: { tabUrl?: string }): Promise<NotesAnswer> | undefined;
}

function originOf(url: string | undefined): string | null {
  if (typeof url !== 'string') return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

const FOREIGN = 'the page may only use its own notes';

const NOTE_TYPES = new Set(['note-save', 'note-update', 'note-delete', 'note-restore', 'note-list', 'note-anchoring']);

function isNoteMessage(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && NOTE_TYPES.has((raw as { type?: unknown }).type as string);
}

export function createNotesHandler(open: OpenDb = () => openDatabase()): NotesHandler {
  let db: Promise<{ ok: true; db: ClaimLensDB } | { ok: false; error: string }> | null = null;
  const getDb = async () => {
    if (!db) db = open().catch((e: unknown) => ({ ok: false as const, error: String(e) }));
    const r = await db;
    if (!r.ok) db = null; // try again next time
    return r;
  };

  async function run(msg: NoteRequest, from?: { tabUrl?: string }): Promise<NotesAnswer> {
    const opened = await getDb();
    if (!opened.ok) return { ok: false, error: `database: ${opened.error}` };
    const d = opened.db;
    if (from && 'tabUrl' in from && (msg.type === 'note-update' || msg.type === 'note-delete' || msg.type === 'note-restore')) {
      // By id: only a row of the sender's own origin. A missing row gets the same answer, so a page
      // cannot probe which ids exist elsewhere (imported ids are predictable).
      const row = await getHighlight(d, msg.id);
      const tabOrigin = originOf(from.tabUrl);
      if (!row || tabOrigin === null || originOf(row.url) !== tabOrigin) return { ok: false, error: FOREIGN };
    }
    switch (msg.type) {
      case 'note-save': {
        const r = await saveHighlight(d, { ...msg.note, text: msg.note.selectors.quote.exact });
        return r.ok ? { ok: true, row: r.row } : { ok: false, error: r.error };
      }
      case 'note-update': {
        const r = await updateHighlight(d, msg.id, msg.patch);
        return r.ok ? { ok: true, row: r.row } : { ok: false, error: r.error };
      }
      case 'note-delete': {
        const r = await deleteHighlight(d, msg.id);
        return r.ok ? { ok: true, row: r.row } : { ok: false, error: r.error };
      }
      case 'note-restore': {
        const r = await restoreHighlight(d, msg.id);
        return r.ok ? { ok: true, row: r.row } : { ok: false, error: r.error };
      }
      case 'note-list':
        return { ok: true, rows: await highlightsForUrl(d, msg.url) };
      case 'note-anchoring': {
        const r = await recordAnchoring(d, msg.url, { found: msg.found, orphans: msg.orphans });
        return r.ok ? { ok: true, changed: r.changed } : { ok: false, error: r.error };
      }
    }
  }

  return {
    handle(raw, from) {
      if (!isNoteMessage(raw)) return undefined;
      const parsed = NoteRequestSchema.safeParse(raw);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        return Promise.resolve({ ok: false, error: `invalid message: ${first ? `${first.path.join('.') || '(message)'}: ${first.message}` : 'invalid'}` });
      }
      const msg = parsed.data;
      if (from && 'tabUrl' in from) {
        // A page's content script asks about its own page only (defence in depth: a compromised
        // page cannot read or write the notes of other sites).
        const url = msg.type === 'note-list' || msg.type === 'note-anchoring' ? msg.url : msg.type === 'note-save' ? msg.note.url : null;
        if (url !== null && (originOf(url) === null || originOf(url) !== originOf(from.tabUrl))) {
          return Promise.resolve({ ok: false, error: FOREIGN });
        }
      }
      return run(msg, from).catch((e: unknown) => ({ ok: false as const, error: e instanceof Error ? e.message : String(e) }));
    },
  };
}
