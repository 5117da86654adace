/**
 * Every schema version the database has had, oldest first. ClaimLensDB declares all of them, so
 * Dexie can upgrade a database from any earlier version.
 *
 * Adding a version:
 * 1. append { version: N, stores: { only the tables that change }, upgrade } below (never edit an
 *    entry that has shipped);
 * 2. update the row schemas in storage/schema.ts to the new shape;
 * 3. add storage/fixtures/vN.json with rows as stored at version N. migrations.test.ts then checks
 *    that a database filled with every earlier fixture opens at the current version with every row
 *    present and valid.
 */
import type { Dexie, Transaction } from 'dexie';

export interface Migration {
  version: number;
  /** Dexie store specs of the tables created or changed at this version (null deletes a table). */
  stores: Record<string, string | null>;
  /** Rewrites rows written by earlier versions. Runs only when an existing database is upgraded. */
  upgrade?: (tx: Transaction) => PromiseLike<unknown> | void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    stores: {
      // Indexes, each used by a query in storage/repo.ts:
      //   id          primary key: get/update/delete by id, import de-duplication
      //   url         highlightsForUrl (equals), listSites (keys only), search by site (startsWith)
      //   createdAt   search date range (from/to) and newest-first listing
      //   updatedAt   "recently edited" ordering in the library
      //   deletedAt   only soft-deleted rows have it, so this index holds the trash: purgeDeleted,
      //               listDeleted, and subtracting deleted rows from counts without reading all rows
      //   *tags       search by tag, listTags (keys only)
      //   *concepts   search by concept
      // No [url+createdAt]: one page holds few highlights, sorted in memory for free, and a compound
      // index would double the per-row index writes on the url key.
      highlights: 'id, url, createdAt, updatedAt, deletedAt, *tags, *concepts',
      settings: 'key',
    },
  },
];

export const CURRENT_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/**
 * Declare versions on a Dexie instance: all of MIGRATIONS by default, or those up to `upTo`, with or
 * without their upgrade functions (the migration test builds old databases without them).
 */
export function declareVersions(
  db: Dexie,
  { upTo = Infinity, withUpgrades = true, migrations = MIGRATIONS }: { upTo?: number; withUpgrades?: boolean; migrations?: readonly Migration[] } = {},
): void {
  for (const m of migrations) {
    if (m.version > upTo) break;
    const v = db.version(m.version).stores(m.stores);
    if (withUpgrades && m.upgrade) v.upgrade(m.upgrade);
  }
}
