// Upgrading a data file from every earlier schema version must leave what a fresh file has — the same tables,
// columns, indexes and triggers, the same rows the migrations write — and each migration's own effect on the
// rows the old file already held (a sort key for every firm, the overview settings, …). The loops run over
// MIGRATIONS, so a migration added later is held to the same schema and rows as a fresh file with no edit here.
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { LATEST_VERSION, MIGRATIONS } from '../migrations';
import { nameSortKey } from '../sortKey';
import { track } from './helpers';

/** Names chosen so that pinyin order differs from code-point order. */
const OLD_FIRMS: [id: number, code: string, name: string][] = [
  [1, '91370405MA3E5P1J2N', '张家机械'],
  [2, '91350100M000100Y43', '安和材料'],
  [3, '913704817060371221', 'ABC精工'],
];

/** A fresh file, kept open for the whole file (closed in afterAll). */
function fresh(): Database.Database {
  const db = new Database(':memory:');
  migrate(db);
  return db;
}

/** Upgrades an in-memory file that was at `version` with rows written then. */
function upgradedFrom(version: number): Database.Database {
  const db = track(new Database(':memory:'));
  db.pragma('foreign_keys = ON');
  migrate(db, version);
  db.prepare("INSERT INTO sources (id, kind, label, created_at) VALUES (1, 'manual', '旧版录入', '2022-12-01T00:00:00+08:00')").run();
  const firm = db.prepare('INSERT INTO firms (id, credit_code, name, source_id) VALUES (?, ?, ?, 1)');
  for (const f of OLD_FIRMS) firm.run(...f);
  db.prepare('INSERT INTO firm_years (firm_id, year, revenue, source_id) VALUES (1, 2022, 55000, 1)').run();
  db.prepare("INSERT INTO pool_years (year, name, source_id, created_at) VALUES (2023, '旧版培育库', 1, '2023-01-01')").run();
  db.prepare("INSERT INTO pool_members (year, firm_id, status, source_id) VALUES (2023, 1, 'member', 1)").run();
  expect(schemaVersion(db)).toBe(version);
  migrate(db);
  return db;
}

/** Every table, index, trigger and view with its SQL (columns added by ALTER TABLE are in the table's SQL). */
const schemaOf = (db: Database.Database) =>
  db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();

/** The rows the migrations themselves wrote: those of a fresh file, without their timestamps. */
function migrationRows(db: Database.Database, tables: string[]): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of tables) {
    const cols = (db.pragma(`table_info(${t})`) as { name: string }[]).map((c) => c.name).filter((c) => !/_at$/.test(c));
    out[t] = db.prepare(`SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM "${t}" ORDER BY ${cols.map((c) => `"${c}"`).join(', ')}`).all();
  }
  return out;
}

const indexColumns = (db: Database.Database, index: string) =>
  (db.pragma(`index_xinfo(${index})`) as { name: string | null; desc: number; key: number }[]).filter((c) => c.key === 1).map((c) => (c.desc ? `${c.name} DESC` : c.name));
const indexesOf = (db: Database.Database, table: string) =>
  Object.fromEntries(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name NOT LIKE 'sqlite_%'").pluck().all(table) as string[]).map((n) => [n, indexColumns(db, n)]),
  );
const tableExists = (db: Database.Database, t: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t) !== undefined;
const count = (db: Database.Database, t: string) => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;

/** What each shipped migration must have done to a file upgraded through it (rows written before it included). */
const EFFECTS: Record<number, (db: Database.Database) => void> = {
  2: (db) => {
    for (const t of ['value_overrides', 'audit_log', 'analyst_inputs', 'snapshots']) expect(tableExists(db, t), t).toBe(true);
  },
  3: (db) => {
    expect(indexesOf(db, 'firms')).toMatchObject({ firms_town: ['town'], firms_chain: ['chain'], firms_name: ['name'] });
    expect(indexesOf(db, 'firm_years')).toMatchObject({ firm_years_year_revenue: ['year', 'revenue'], firm_years_source: ['source_id'] });
    expect(indexesOf(db, 'titles')).toEqual({ titles_code: ['code', 'firm_id'] });
    expect(indexesOf(db, 'pool_members')).toEqual({ pool_members_firm: ['firm_id'] });
    expect(indexesOf(db, 'audit_log')).toMatchObject({ audit_firm: ['firm_id', 'id'] });
    expect(indexesOf(db, 'analyst_inputs')).toEqual({ analyst_inputs_firm: ['firm_id', 'kind', 'key'] });
  },
  4: (db) => expect(tableExists(db, 'criteria_settings')).toBe(true),
  5: (db) => {
    // the firms already in the file get their pinyin key (the backfill), new and renamed ones by trigger
    const keys = db.prepare('SELECT id, name, name_sort FROM firms ORDER BY id').all() as { id: number; name: string; name_sort: string | null }[];
    for (const k of keys) expect(k.name_sort, k.name).toBe(nameSortKey(k.name));
    expect(db.prepare('SELECT name FROM firms ORDER BY name_sort').pluck().all()).toEqual(['ABC精工', '安和材料', '张家机械']);
    expect(indexesOf(db, 'firms')).toMatchObject({ firms_name_sort: ['name_sort'] });
    db.prepare("UPDATE firms SET name = '白鹭机械' WHERE id = 1").run();
    expect(db.prepare('SELECT name_sort FROM firms WHERE id = 1').pluck().get()).toBe(nameSortKey('白鹭机械'));
  },
  6: (db) => {
    expect(tableExists(db, 'shortlists') && tableExists(db, 'shortlist_entries')).toBe(true);
    expect(indexesOf(db, 'shortlist_entries')).toEqual({ shortlist_entries_order: ['shortlist_id', 'position'] });
    expect(indexesOf(db, 'audit_log')).toMatchObject({ audit_shortlist: ['shortlist_id', 'id'] });
  },
  7: (db) => {
    expect(db.prepare('SELECT code, amount FROM overview_rewards ORDER BY code').all()).toEqual([
      { code: 'champion_national', amount: 100 },
      { code: 'champion_provincial', amount: 50 },
      { code: 'gazelle_provincial', amount: 30 },
      { code: 'leader_national', amount: 300 },
      { code: 'leader_provincial', amount: 100 },
      { code: 'little_giant', amount: 50 },
      { code: 'srdi_provincial', amount: 30 },
    ]);
    expect(db.prepare('SELECT key, value, base_year, due_year FROM overview_targets ORDER BY key').all()).toEqual([
      { key: 'high_growth_firms', value: 60, base_year: 2023, due_year: 2026 },
      { key: 'high_growth_output', value: 1_000_000, base_year: 2023, due_year: 2026 },
      { key: 'srdi_share', value: 40, base_year: 2023, due_year: 2026 },
    ]);
    expect(count(db, 'overview_calendar')).toBe(6);
    expect(db.prepare('SELECT count(*) FROM overview_calendar WHERE is_default = 1').pluck().get()).toBe(6);
    expect(count(db, 'overview_inputs')).toBe(0);
  },
  8: (db) => expect(tableExists(db, 'imports')).toBe(true),
  9: (db) => {
    // a bulk insert that brings its own key keeps it; an insert without one still gets it
    db.prepare("INSERT INTO firms (id, credit_code, name, name_sort, source_id) VALUES (10, '91370481MA00000010', '甲', 'given key', 1)").run();
    db.prepare("INSERT INTO firms (id, credit_code, name, source_id) VALUES (11, '91370481MA00000011', '乙', 1)").run();
    expect(db.prepare('SELECT name_sort FROM firms WHERE id IN (10, 11) ORDER BY id').pluck().all()).toEqual(['given key', nameSortKey('乙')]);
  },
  10: (db) => expect(indexesOf(db, 'firm_years')).toMatchObject({ firm_years_year_revenue_desc: ['year', 'revenue DESC', 'firm_id'] }),
  15: (db) => {
    for (const t of ['requests', 'request_progress', 'request_lists']) expect(tableExists(db, t), t).toBe(true);
    expect(db.prepare("SELECT count(*) FROM request_lists WHERE kind = 'category'").pluck().get()).toBe(10);
    expect(indexesOf(db, 'audit_log')).toMatchObject({ audit_request: ['request_id', 'id'] });
  },
};

describe('upgrading from every earlier schema version', () => {
  const reference = fresh();
  afterAll(() => reference.close());
  const seededTables = (db: Database.Database) =>
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]).filter(
      (t) => t !== 'schema_migrations' && count(db, t) > 0,
    );

  it('a fresh file has the effects of every shipped migration', () => {
    // the rows of upgradedFrom() are written by hand here, so the effects' row checks apply to a fresh file too
    const db = upgradedFrom(LATEST_VERSION);
    for (const m of MIGRATIONS) EFFECTS[m.version]?.(db);
    expect(seededTables(reference)).toEqual(['overview_calendar', 'overview_rewards', 'overview_targets', 'request_lists']);
  });

  // Every shipped version: numbers are reserved ahead, so the list may have gaps.
  for (const v of MIGRATIONS.slice(0, -1).map((m) => m.version)) {
    it(`from version ${v}: the schema and migration rows of a fresh file, and the effects of migrations after ${v} up to ${LATEST_VERSION}`, () => {
      const db = upgradedFrom(v);
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      expect(schemaOf(db)).toEqual(schemaOf(reference));
      const seeded = seededTables(reference);
      expect(migrationRows(db, seeded)).toEqual(migrationRows(reference, seeded));
      for (const m of MIGRATIONS) if (m.version > v) EFFECTS[m.version]?.(db);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    });
  }
});
