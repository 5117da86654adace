/**
 * Migration harness: every stored fixture version (storage/fixtures/vN.json, rows as stored at
 * version N) is loaded into a database created at that version with raw Dexie, then opened with the
 * current ClaimLensDB; every row must still be there and valid against the current schema.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ClaimLensDB } from './db';
import { CURRENT_VERSION, MIGRATIONS, declareVersions, type Migration } from './migrations';
import { countAll, highlightsForUrl, listTags, searchHighlights } from './repo';
import { HighlightSchema, SettingSchema } from './schema';
import { fakeIdb } from './test-helpers';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

const FixtureSchema = z.object({
  version: z.number().int().positive(),
  note: z.string().optional(),
  tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});
type Fixture = z.infer<typeof FixtureSchema>;

function loadFixtures(): Fixture[] {
  return readdirSync(FIXTURES)
    .filter((f) => /^v\d+\.json$/.test(f))
    .map((f) => {
      const fx = FixtureSchema.parse(JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')));
      expect(f).toBe(`v${fx.version}.json`);
      return fx;
    })
    .sort((a, b) => a.version - b.version);
}

const fixtures = loadFixtures();
let dbCounter = 0;

/** Create a database at `version` (no upgrade functions: it is born at that version) and fill it. */
async function createAtVersion(fx: Fixture, migrations: readonly Migration[] = MIGRATIONS) {
  const deps = fakeIdb();
  const name = `migration-test-${++dbCounter}`;
  const raw = new Dexie(name, deps);
  declareVersions(raw, { upTo: fx.version, withUpgrades: false, migrations });
  await raw.open();
  await raw.transaction('rw', raw.tables, async () => {
    for (const [table, rows] of Object.entries(fx.tables)) await raw.table(table).bulkAdd(rows);
  });
  raw.close();
  return { name, deps };
}

describe('migration harness', () => {
  it('has one fixture per schema version, and versions only grow', () => {
    expect(fixtures.map((f) => f.version)).toEqual(MIGRATIONS.map((m) => m.version));
    for (let i = 1; i < MIGRATIONS.length; i++) expect(MIGRATIONS[i]!.version).toBeGreaterThan(MIGRATIONS[i - 1]!.version);
    expect(CURRENT_VERSION).toBe(MIGRATIONS.at(-1)!.version);
  });

  it('the current version’s fixture is valid against the current schema as is', () => {
    const current = fixtures.find((f) => f.version === CURRENT_VERSION);
    expect(current).toBeDefined();
    for (const row of current!.tables.highlights ?? []) expect(HighlightSchema.safeParse(row).error).toBeUndefined();
    for (const row of current!.tables.settings ?? []) expect(SettingSchema.safeParse(row).error).toBeUndefined();
  });

  it.each(fixtures.filter((f) => f.version <= CURRENT_VERSION).map((f) => [f.version, f] as const))(
    'fixture v%i opens with the current ClaimLensDB: every row present and valid',
    async (_v, fx) => {
      const { name, deps } = await createAtVersion(fx);
      const db = new ClaimLensDB(name, deps);
      await db.open();
      expect(db.verno).toBe(CURRENT_VERSION);

      const highlights = await db.highlights.toArray();
      const expected = fx.tables.highlights ?? [];
      expect(highlights).toHaveLength(expected.length);
      for (const old of expected) {
        const row = highlights.find((h) => h.id === old.id);
        expect(row, `row ${String(old.id)}`).toBeDefined();
        const check = HighlightSchema.safeParse(row);
        expect(check.error, `row ${String(old.id)}`).toBeUndefined();
      }
      const settings = await db.settings.toArray();
      expect(settings).toHaveLength((fx.tables.settings ?? []).length);
      for (const s of settings) expect(SettingSchema.safeParse(s).success).toBe(true);

      // The indexes the queries rely on exist and hold the migrated rows.
      const live = expected.filter((r) => r.deletedAt === undefined);
      expect(await countAll(db)).toBe(live.length);
      for (const r of live) {
        const onPage = await highlightsForUrl(db, String(r.url));
        expect(onPage.map((h) => h.id)).toContain(r.id);
      }
      const tags = new Set(live.flatMap((r) => r.tags as string[]));
      expect(new Set((await listTags(db)).map((t) => t.tag))).toEqual(tags);
      expect((await searchHighlights(db, { text: 'eco-responsable' })).length).toBeGreaterThan(0);
      db.close();
    },
  );

  it('runs upgrade functions when an old database is opened (synthetic v2 over the v1 fixture)', async () => {
    const v1 = fixtures.find((f) => f.version === 1)!;
    const synthetic: Migration[] = [
      ...MIGRATIONS.filter((m) => m.version === 1),
      {
        version: 2,
        stores: { highlights: 'id, url, createdAt, updatedAt, deletedAt, *tags, *concepts, color' },
        upgrade: (tx) =>
          tx
            .table('highlights')
            .toCollection()
            .modify((h: { note: string }) => {
              h.note = `[v2] ${h.note}`;
            }),
      },
    ];
    const { name, deps } = await createAtVersion(v1, synthetic);
    const db = new Dexie(name, deps);
    declareVersions(db, { migrations: synthetic });
    await db.open();
    expect(db.verno).toBe(2);
    const rows = await db.table('highlights').toArray();
    expect(rows).toHaveLength(v1.tables.highlights!.length);
    for (const r of rows) expect(r.note).toMatch(/^\[v2\] /);
    expect(await db.table('highlights').where('color').equals('green').count()).toBe(1);
    db.close();
  });
});
