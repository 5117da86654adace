/**
 * The extension's database. Lives in the background and extension pages only (a content script's
 * IndexedDB belongs to the web page). The only module that constructs Dexie.
 */
import { Dexie, type DexieOptions, type EntityTable } from 'dexie';
import { declareVersions } from './migrations';
import type { Highlight, Setting } from './schema';

export const DB_NAME = 'claim-lens';

export class ClaimLensDB extends Dexie {
  declare highlights: EntityTable<Highlight, 'id'>;
  declare settings: EntityTable<Setting, 'key'>;

  /**
   * @param name database name (tests pass a fresh one each)
   * @param options Dexie options; tests pass `{ indexedDB, IDBKeyRange }` from fake-indexeddb
   */
  constructor(name: string = DB_NAME, options?: DexieOptions) {
    super(name, options);
    declareVersions(this);
  }
}

/** Open the database (Dexie also opens lazily on first query); resolves to the db, never rejects. */
export async function openDatabase(
  name: string = DB_NAME,
  options?: DexieOptions,
): Promise<{ ok: true; db: ClaimLensDB } | { ok: false; error: string }> {
  const db = new ClaimLensDB(name, options);
  try {
    await db.open();
    return { ok: true, db };
  } catch (e) {
    return { ok: false, error: errorMessage(e) };
  }
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.name && e.name !== 'Error' ? `${e.name}: ${e.message}` : e.message;
  return String(e);
}
