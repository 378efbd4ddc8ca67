import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { assertNotNewer, migrate, schemaVersion } from '../migrate';
import { LATEST_VERSION, MIGRATIONS, type Migration } from '../migrations';
import { openPoolDb } from '../open';
import { snapshotsDir } from '../snapshots';
import { tempDir, thrown, track } from './helpers';

const CORE_TABLES = ['sources', 'firms', 'firm_years', 'titles', 'pool_years', 'pool_members'];
const HISTORY_TABLES = ['value_overrides', 'audit_log', 'analyst_inputs', 'snapshots'];
const INDEXES = ['firms_town', 'firms_chain', 'firms_name', 'firm_years_year_revenue', 'titles_code', 'pool_members_firm', 'audit_firm'];

const names = (db: Database.Database, type: 'table' | 'index') =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%'").pluck().all(type) as string[];
const count = (db: Database.Database, table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

function memoryDb(): Database.Database {
  return track(new Database(':memory:'));
}

/** Rows that are valid at `version`: core rows from v1, history rows from v2. */
function insertRowsValidAt(db: Database.Database, version: number): void {
  db.prepare("INSERT INTO sources (id, kind, label, created_at) VALUES (1, 'sample', 'old sample', '2023-01-01T00:00:00+08:00')").run();
  db.prepare("INSERT INTO firms (id, credit_code, name, town, source_id) VALUES (1, '91350100M000100Y43', '旧企业', '运河街道', 1)").run();
  db.prepare('INSERT INTO firm_years (firm_id, year, revenue, main_revenue, rank_global, source_id) VALUES (1, 2022, 1234.5, 1000, 3, 1)').run();
  db.prepare("INSERT INTO titles (firm_id, code, level, year, source_id) VALUES (1, 'high_tech', 'national', 2020, 1)").run();
  db.prepare("INSERT INTO pool_years (year, name, source_id, created_at) VALUES (2023, '旧库', 1, '2023-01-01')").run();
  db.prepare("INSERT INTO pool_members (year, firm_id, status, source_id) VALUES (2023, 1, 'member', 1)").run();
  if (version >= 2) {
    db.prepare("INSERT INTO audit_log (at, actor, entity, firm_id, note) VALUES ('2023-01-02', 'old', 'pool', 1, 'old entry')").run();
    db.prepare("INSERT INTO value_overrides (firm_id, year, field, source_id) VALUES (1, 2022, 'revenue', 1)").run();
  }
}

function expectRowsSurvived(db: Database.Database, version: number): void {
  expect(db.prepare('SELECT name, town FROM firms WHERE id = 1').get()).toEqual({ name: '旧企业', town: '运河街道' });
  expect(db.prepare('SELECT revenue, main_revenue, rank_global FROM firm_years WHERE firm_id = 1 AND year = 2022').get()).toEqual({
    revenue: 1234.5,
    main_revenue: 1000,
    rank_global: 3,
  });
  expect(count(db, 'titles')).toBe(1);
  expect(count(db, 'pool_members')).toBe(1);
  if (version >= 2) {
    expect(db.prepare('SELECT note FROM audit_log').pluck().all()).toEqual(['old entry']);
    expect(count(db, 'value_overrides')).toBe(1);
  }
}

/** Writes a data file at an older schema version, in rollback-journal mode as an old release might have. */
function writeOldFile(file: string, version: number): void {
  const db = new Database(file);
  migrate(db, version);
  insertRowsValidAt(db, version);
  db.close();
}

describe('migrate', () => {
  it('brings an empty database to the latest version', () => {
    const db = memoryDb();
    expect(schemaVersion(db)).toBe(0);
    const applied = migrate(db);
    expect(applied.map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    expect(names(db, 'table')).toEqual(expect.arrayContaining([...CORE_TABLES, ...HISTORY_TABLES, 'schema_migrations']));
    expect(names(db, 'index')).toEqual(expect.arrayContaining(INDEXES));
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('is idempotent: a second run applies nothing', () => {
    const db = memoryDb();
    migrate(db);
    expect(migrate(db)).toEqual([]);
    expect(count(db, 'schema_migrations')).toBe(MIGRATIONS.length);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
  });

  it('stops at a target version', () => {
    const db = memoryDb();
    expect(migrate(db, 1).map((m) => m.version)).toEqual([1]);
    expect(schemaVersion(db)).toBe(1);
    expect(names(db, 'table')).toEqual(expect.arrayContaining(CORE_TABLES));
    for (const t of HISTORY_TABLES) expect(names(db, 'table')).not.toContain(t);
  });

  it('keeps the migrations ordered with increasing versions', () => {
    // Versions are reserved ahead for work in progress, so a gap may show until it lands.
    expect(MIGRATIONS.map((m) => m.version).every((v, i, all) => i === 0 ? v === 1 : v > all[i - 1])).toBe(true);
    expect(LATEST_VERSION).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
  });

  for (const v of MIGRATIONS.slice(0, -1).map((m) => m.version)) {
    it(`upgrades from version ${v} keeping its rows`, () => {
      const db = memoryDb();
      db.pragma('foreign_keys = ON');
      migrate(db, v);
      expect(schemaVersion(db)).toBe(v);
      insertRowsValidAt(db, v);
      const applied = migrate(db);
      expect(applied.map((m) => m.version)).toEqual(MIGRATIONS.filter((m) => m.version > v).map((m) => m.version));
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      expect(count(db, 'schema_migrations')).toBe(MIGRATIONS.length);
      expect(names(db, 'table')).toEqual(expect.arrayContaining([...CORE_TABLES, ...HISTORY_TABLES]));
      expect(names(db, 'index')).toEqual(expect.arrayContaining(INDEXES));
      expectRowsSurvived(db, v);
      expect(db.pragma('foreign_key_check')).toEqual([]);
    });
  }

  it('applies each migration atomically: a broken step leaves the previous version and no partial tables', () => {
    const broken: Migration[] = [
      { version: 1, name: 'one', sql: 'CREATE TABLE one (x INTEGER);' },
      { version: 2, name: 'two', sql: 'CREATE TABLE two_a (y INTEGER); CREATE TABLE two_b (z INTEGER); CREATE TABLE two_c (;' },
      { version: 3, name: 'three', sql: 'CREATE TABLE three (w INTEGER);' },
    ];
    const db = memoryDb();
    expect(() => migrate(db, 3, broken)).toThrow();
    expect(schemaVersion(db)).toBe(1);
    const tables = names(db, 'table');
    expect(tables).toContain('one');
    for (const t of ['two_a', 'two_b', 'two_c', 'three']) expect(tables).not.toContain(t);
    expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual([1]);
    expect(db.inTransaction).toBe(false);

    // once the step is fixed, migrating continues from where it stopped
    const fixed = broken.map((m) => (m.version === 2 ? { ...m, sql: 'CREATE TABLE two_a (y INTEGER);' } : m));
    expect(migrate(db, 3, fixed).map((m) => m.version)).toEqual([2, 3]);
    expect(schemaVersion(db)).toBe(3);
  });

  it('a broken first step leaves version 0 and nothing created', () => {
    const db = memoryDb();
    expect(() => migrate(db, 1, [{ version: 1, name: 'bad', sql: 'CREATE TABLE ok (x); INSERT INTO missing VALUES (1);' }])).toThrow();
    expect(schemaVersion(db)).toBe(0);
    expect(names(db, 'table')).toEqual(['schema_migrations']);
    expect(count(db, 'schema_migrations')).toBe(0);
  });

  it('assertNotNewer refuses a newer file with schema_too_new', () => {
    const db = memoryDb();
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    const e = thrown(() => assertNotNewer(db, 'x.sqlite'));
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('schema_too_new');
    expect(e.details).toEqual({ fileVersion: LATEST_VERSION + 1, appVersion: LATEST_VERSION });
    db.pragma(`user_version = ${LATEST_VERSION}`);
    expect(() => assertNotNewer(db, 'x.sqlite')).not.toThrow();
  });
});

describe('openPoolDb and schema versions', () => {
  function newerFile(journal: 'wal' | 'delete'): string {
    const file = path.join(tempDir(), 'newer.sqlite');
    const db = new Database(file);
    db.pragma(`journal_mode = ${journal}`);
    migrate(db);
    db.exec('CREATE TABLE from_the_future (x)');
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    return file;
  }

  function expectRefusedUnchanged(file: string): void {
    const before = fs.readFileSync(file);
    const listing = fs.readdirSync(path.dirname(file));
    const e = thrown(() => openPoolDb({ file, create: false }));
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('schema_too_new');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(path.dirname(file))).toEqual(listing); // no snapshot, no lock left behind
  }

  it('refuses a newer WAL-mode file with schema_too_new and leaves it byte-identical', () => {
    expectRefusedUnchanged(newerFile('wal'));
  });

  // Switching a rollback-journal file to WAL rewrites its header (bytes 18–19), so db/open.ts must check the
  // version before it sets journal_mode, or the refusal's "文件未作任何改动" would be untrue.
  it('refuses a newer rollback-journal file and leaves it byte-identical', () => {
    expectRefusedUnchanged(newerFile('delete'));
  });

  it('refuses a newer file in readonly mode too', () => {
    const file = newerFile('wal');
    const e = thrown(() => openPoolDb({ file, readonly: true }));
    expect(e.code).toBe('schema_too_new');
  });

  for (const v of MIGRATIONS.slice(0, -1).map((m) => m.version)) {
    it(`snapshots a version-${v} file before migrating it`, () => {
      const dir = tempDir();
      const file = path.join(dir, 'pool.sqlite');
      writeOldFile(file, v);
      expect(fs.existsSync(snapshotsDir(file))).toBe(false);

      const pool = track(openPoolDb({ file, create: 'default' }));
      expect(pool.created).toBe(false);
      expect(schemaVersion(pool.db)).toBe(LATEST_VERSION);
      expectRowsSurvived(pool.db, v);
      expect(count(pool.db, 'firms')).toBe(1); // an existing file is never seeded

      expect(snapshotsDir(file)).toBe(path.join(dir, 'snapshots'));
      const snaps = fs.readdirSync(snapshotsDir(file));
      expect(snaps).toHaveLength(1);
      const snapFile = path.join(snapshotsDir(file), snaps[0]);
      const recorded = pool.db.prepare('SELECT file, reason, schema_version AS version, bytes FROM snapshots').all() as {
        file: string;
        reason: string;
        version: number;
        bytes: number;
      }[];
      expect(recorded).toHaveLength(1);
      expect(recorded[0].file).toBe(`snapshots/${snaps[0]}`); // relative to the data file's folder
      expect(fs.existsSync(snapFile)).toBe(true);
      expect(recorded[0].reason).toMatch(/migration/);
      expect(recorded[0].reason).toContain(`v${v}`);
      expect(recorded[0].reason).toContain(`v${LATEST_VERSION}`);
      expect(recorded[0].version).toBe(v);
      expect(recorded[0].bytes).toBe(fs.statSync(snapFile).size);

      const snap = new Database(snapFile, { readonly: true });
      try {
        expect(schemaVersion(snap)).toBe(v);
        expect(snap.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(snap.prepare('SELECT name FROM firms').pluck().all()).toEqual(['旧企业']);
        expect(snap.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(v);
      } finally {
        snap.close();
      }
    });
  }

  it('takes no snapshot when the file is already at the latest version', () => {
    const dir = tempDir();
    const file = path.join(dir, 'pool.sqlite');
    openPoolDb({ file, create: 'default' }).close();
    const pool = track(openPoolDb({ file, create: false }));
    expect(pool.created).toBe(false);
    expect(fs.existsSync(snapshotsDir(file))).toBe(false);
    expect(count(pool.db, 'snapshots')).toBe(0);
    expect(count(pool.db, 'firms')).toBe(11); // not seeded twice
  });

  it('treats an existing SQLite file of version 0 without tables as new: migrated and seeded, no snapshot', () => {
    const dir = tempDir();
    const file = path.join(dir, 'pool.sqlite');
    const blank = new Database(file);
    blank.exec('CREATE TABLE t (x); DROP TABLE t');
    blank.close();
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    const pool = track(openPoolDb({ file, create: 'default' }));
    expect(pool.created).toBe(true);
    expect(schemaVersion(pool.db)).toBe(LATEST_VERSION);
    expect(count(pool.db, 'firms')).toBe(11);
    expect(fs.existsSync(snapshotsDir(file))).toBe(false);
  });
});
