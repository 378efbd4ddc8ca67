import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import defaultPool from '../../assets/default-pool.json';
import { AppError } from '../errors';
import { acquireLock } from '../lock';
import { schemaVersion } from '../migrate';
import { LATEST_VERSION } from '../migrations';
import { openPoolDb } from '../open';
import { loadDefaultPool } from '../seed';
import { deadPid, openTemp, tempDir, thrown, track } from './helpers';

const SEED_LETTER_FIRMS = ['鑫金山机械', '越成制动', '明源机械'];

describe('openPoolDb', () => {
  it('turns on WAL, foreign keys and a busy timeout', () => {
    const pool = openTemp();
    expect(pool.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(pool.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(pool.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(schemaVersion(pool.db)).toBe(LATEST_VERSION);
    // foreign keys are enforced, not just declared
    expect(() => pool.db.prepare("INSERT INTO firms (credit_code, name, source_id) VALUES ('X', 'x', 999999)").run()).toThrow(/FOREIGN KEY/);
  });

  it("create: 'default' seeds the 2023 pool of 11 firms with 33 firm-years", () => {
    const pool = openTemp({ create: 'default' });
    const { db } = pool;
    expect(pool.created).toBe(true);
    expect(db.prepare('SELECT year, name FROM pool_years').all()).toEqual([{ year: 2023, name: defaultPool.pool.name }]);
    expect(db.prepare('SELECT count(*) FROM firms').pluck().get()).toBe(11);
    expect(db.prepare("SELECT count(*) FROM pool_members WHERE year = 2023 AND status = 'member'").pluck().get()).toBe(11);
    expect(db.prepare('SELECT count(*) FROM firm_years').pluck().get()).toBe(33);
    expect(db.prepare('SELECT DISTINCT year FROM firm_years ORDER BY year').pluck().all()).toEqual([2020, 2021, 2022]);
    expect(db.prepare('SELECT count(*) FROM firm_years GROUP BY firm_id HAVING count(*) <> 3').all()).toEqual([]);

    const kinds = db.prepare('SELECT f.name, s.kind FROM firms f JOIN sources s ON s.id = f.source_id ORDER BY f.id').all() as { name: string; kind: string }[];
    expect(kinds.filter((k) => k.kind === 'seed_letter').map((k) => k.name).sort()).toEqual([...SEED_LETTER_FIRMS].sort());
    expect(kinds.filter((k) => k.kind === 'sample')).toHaveLength(8);
    expect(kinds.every((k) => k.kind === 'seed_letter' || k.kind === 'sample')).toBe(true);

    expect(db.prepare('SELECT DISTINCT s.kind FROM firm_years fy JOIN sources s ON s.id = fy.source_id').pluck().all()).toEqual(['sample']);
    expect(db.prepare('SELECT DISTINCT s.kind FROM titles t JOIN sources s ON s.id = t.source_id').pluck().all()).toEqual(['sample']);
    // the pool year and the membership of the named firms come from the letter
    expect(db.prepare('SELECT s.kind FROM pool_years p JOIN sources s ON s.id = p.source_id').pluck().get()).toBe('seed_letter');
    const memberKinds = db
      .prepare('SELECT f.name, s.kind FROM pool_members m JOIN firms f ON f.id = m.firm_id JOIN sources s ON s.id = m.source_id')
      .all() as { name: string; kind: string }[];
    for (const m of memberKinds) expect(m.kind).toBe(SEED_LETTER_FIRMS.includes(m.name) ? 'seed_letter' : 'sample');
    // one audit entry records the seeding
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'pool'").pluck().get()).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('stores the default pool values exactly as in assets/default-pool.json', () => {
    const pool = openTemp();
    const data = loadDefaultPool();
    for (const f of data.firms) {
      const firm = pool.db.prepare('SELECT id, name, town, chain, is_new_product, listed FROM firms WHERE credit_code = ?').get(f.credit_code) as {
        id: number;
        name: string;
        town: string;
        chain: string;
        is_new_product: number;
        listed: number;
      };
      expect(firm).toMatchObject({ name: f.name, town: f.town, chain: f.chain, is_new_product: f.is_new_product ? 1 : 0, listed: f.listed ? 1 : 0 });
      for (const y of f.years) {
        const row = pool.db.prepare('SELECT * FROM firm_years WHERE firm_id = ? AND year = ?').get(firm.id, y.year) as Record<string, unknown>;
        for (const [k, v] of Object.entries(y)) expect(row[k], `${f.name} ${y.year} ${k}`).toBe(v);
      }
      const codes = pool.db.prepare('SELECT code FROM titles WHERE firm_id = ? ORDER BY code').pluck().all(firm.id);
      expect(codes).toEqual(f.titles.map((t) => t.code).sort());
    }
  });

  it("create: 'empty' creates the schema and seeds nothing", () => {
    const pool = openTemp({ create: 'empty' });
    expect(pool.created).toBe(true);
    expect(schemaVersion(pool.db)).toBe(LATEST_VERSION);
    for (const t of ['firms', 'firm_years', 'pool_years', 'pool_members', 'sources', 'titles', 'audit_log']) {
      expect(pool.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get(), t).toBe(0);
    }
  });

  it('create: false on a missing file throws not_found and creates nothing', () => {
    const dir = tempDir();
    const file = path.join(dir, 'sub', 'missing.sqlite');
    for (const options of [{ file, create: false as const }, { file }, { file, readonly: true }]) {
      const e = thrown(() => openPoolDb(options));
      expect(e).toBeInstanceOf(AppError);
      expect(e.code).toBe('not_found');
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('creates missing parent directories', () => {
    const file = path.join(tempDir(), 'a', 'b', 'pool.sqlite');
    const pool = track(openPoolDb({ file, create: 'empty' }));
    expect(pool.file).toBe(file);
    expect(fs.existsSync(file)).toBe(true);
  });

  it('resolves a relative path', () => {
    const dir = tempDir();
    const rel = path.relative(process.cwd(), path.join(dir, 'rel.sqlite'));
    const pool = track(openPoolDb({ file: rel, create: 'empty' }));
    expect(path.isAbsolute(pool.file)).toBe(true);
    expect(pool.file).toBe(path.join(dir, 'rel.sqlite'));
  });

  it('a second open of the same file is refused as locked until the first is closed', () => {
    const first = openTemp();
    const lockFile = `${first.file}.lock`;
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.pid, host: os.hostname() });

    const e = thrown(() => openPoolDb({ file: first.file, create: 'default' }));
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('locked');
    expect(e.details).toMatchObject({ pid: process.pid });
    // the refused open left the holder's lock in place and the holder still works
    expect(fs.existsSync(lockFile)).toBe(true);
    expect(first.db.prepare('SELECT count(*) FROM firms').pluck().get()).toBe(11);

    first.close();
    expect(fs.existsSync(lockFile)).toBe(false);
    expect(() => first.close()).not.toThrow(); // closing twice is harmless

    const second = track(openPoolDb({ file: first.file, create: false }));
    expect(second.created).toBe(false);
    expect(second.db.prepare('SELECT count(*) FROM firms').pluck().get()).toBe(11);
  });

  it('takes over a stale lock left by a process that no longer runs on this host', () => {
    const file = path.join(tempDir(), 'pool.sqlite');
    openPoolDb({ file, create: 'default' }).close();
    const pid = deadPid();
    fs.writeFileSync(`${file}.lock`, JSON.stringify({ pid, host: os.hostname(), at: '2020-01-01T00:00:00Z' }));
    const pool = track(openPoolDb({ file, create: false }));
    expect(pool.db.prepare('SELECT count(*) FROM firms').pluck().get()).toBe(11);
    expect(JSON.parse(fs.readFileSync(`${file}.lock`, 'utf8')).pid).toBe(process.pid);
    pool.close();
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });

  it('takes over an unreadable (half-written) lock file', () => {
    const file = path.join(tempDir(), 'pool.sqlite');
    fs.writeFileSync(`${file}.lock`, '{"pid": 12');
    const pool = track(openPoolDb({ file, create: 'empty' }));
    expect(pool.created).toBe(true);
    expect(JSON.parse(fs.readFileSync(`${file}.lock`, 'utf8')).pid).toBe(process.pid);
  });

  it('refuses a lock held by a live process or by another host', () => {
    const file = path.join(tempDir(), 'pool.sqlite');
    // a live process on this host: the parent of this test worker
    fs.writeFileSync(`${file}.lock`, JSON.stringify({ pid: process.ppid, host: os.hostname(), at: 'x' }));
    expect(thrown(() => acquireLock(file)).code).toBe('locked');
    // a dead pid on another host cannot be checked from here, so it is not taken over
    fs.writeFileSync(`${file}.lock`, JSON.stringify({ pid: deadPid(), host: `${os.hostname()}-elsewhere`, at: 'x' }));
    const e = thrown(() => openPoolDb({ file, create: 'empty' }));
    expect(e.code).toBe('locked');
    expect(fs.existsSync(file)).toBe(false);
  });

  it('release() removes only its own lock file', () => {
    const file = path.join(tempDir(), 'pool.sqlite');
    const lock = acquireLock(file);
    expect(lock.path).toBe(`${file}.lock`);
    // someone else took the lock over in the meantime: releasing must not remove theirs
    fs.writeFileSync(lock.path, JSON.stringify({ pid: deadPid(), host: os.hostname(), at: 'x' }));
    lock.release();
    expect(fs.existsSync(lock.path)).toBe(true);
  });

  it('opens readonly while another handle holds the lock, without migrating or locking', () => {
    const writer = openTemp();
    const reader = track(openPoolDb({ file: writer.file, readonly: true }));
    expect(reader.created).toBe(false);
    expect(reader.db.readonly).toBe(true);
    expect(reader.db.prepare('SELECT count(*) FROM firms').pluck().get()).toBe(11);
    expect(() => reader.db.prepare("UPDATE firms SET name = 'x'").run()).toThrow(/readonly/);
    // the reader sees what the writer commits
    writer.db.prepare("UPDATE firms SET town = '新镇' WHERE id = 1").run();
    expect(reader.db.prepare('SELECT town FROM firms WHERE id = 1').pluck().get()).toBe('新镇');
    reader.close();
    expect(fs.existsSync(`${writer.file}.lock`)).toBe(true); // the writer's lock is untouched
  });
});

describe('openPoolDb refusals leave the file untouched', () => {
  function foreignFile(journal: 'wal' | 'delete'): string {
    const file = path.join(tempDir(), 'other-program.sqlite');
    const db = new Database(file);
    db.pragma(`journal_mode = ${journal}`);
    db.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices (total) VALUES (12.5)");
    db.close();
    return file;
  }

  function expectRefused(file: string, code: string, options: { create?: 'default' | 'empty' | false } = { create: 'default' }): void {
    const before = fs.readFileSync(file);
    const listing = fs.readdirSync(path.dirname(file));
    const e = thrown(() => openPoolDb({ file, ...options }));
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe(code);
    expect(fs.readdirSync(path.dirname(file))).toEqual(listing); // no lock, no snapshot, no -wal left
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  }

  it('refuses another program’s SQLite file (WAL mode) with invalid_input', () => {
    const file = foreignFile('wal');
    expectRefused(file, 'invalid_input');
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual(['invoices']);
    db.close();
  });

  // As with a newer file: the version-0 "foreign database" check must come before the switch to WAL, which
  // would rewrite a rollback-journal file's header (bytes 18–19) although the message says "未作任何改动".
  it('refuses another program’s rollback-journal SQLite file and leaves it byte-identical', () => {
    expectRefused(foreignFile('delete'), 'invalid_input');
  });

  // Same reason: refused as not_found ("数据文件是空的") before the WAL switch could write a 4096-byte header.
  it('refuses an empty file with create:false and leaves it empty', () => {
    const file = path.join(tempDir(), 'empty.sqlite');
    fs.writeFileSync(file, '');
    expectRefused(file, 'not_found', { create: false });
  });

  it('refuses an empty file with create:false', () => {
    const file = path.join(tempDir(), 'empty.sqlite');
    fs.writeFileSync(file, '');
    expect(thrown(() => openPoolDb({ file, create: false })).code).toBe('not_found');
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });
});
