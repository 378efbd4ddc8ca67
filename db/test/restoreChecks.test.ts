// Restoring a snapshot into the open file, directly on db/restore: what is checked before anything is
// written (the file opens as SQLite), what a refused restore leaves (everything as it was, foreign keys on,
// nothing attached), and what a restore writes (every table but the snapshot list, one audit entry).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { checkSnapshot, restoreSnapshot } from '../restore';
import { listSnapshots, takeSnapshot } from '../snapshots';
import { openTemp, tempDir, thrown } from './helpers';

const revenue = (db: Database.Database) =>
  db.prepare("SELECT revenue FROM firm_years fy JOIN firms f ON f.id = fy.firm_id WHERE f.name = '鑫金山机械' AND fy.year = 2022").pluck().get();
const attached = (db: Database.Database) => (db.pragma('database_list') as { name: string }[]).map((d) => d.name);

describe('checkSnapshot', () => {
  it('refuses a missing file and a file that is not SQLite as not found, naming the file', () => {
    const dir = tempDir();
    const pool = openTemp();
    const missing = path.join(dir, 'gone.sqlite');
    const e = thrown(() => checkSnapshot(missing, pool.db));
    expect(e.code).toBe('not_found');
    expect(e.message).toContain(`无法打开快照文件：${missing}`);
    const garbage = path.join(dir, 'garbage.sqlite');
    fs.writeFileSync(garbage, 'this is not a database, only text that is long enough to look like a file '.repeat(100));
    const g = thrown(() => checkSnapshot(garbage, pool.db));
    expect(g.code).toBe('not_found');
    expect(g.message).toContain(garbage);
  });

  it('accepts a sound snapshot of the expected version', () => {
    const pool = openTemp();
    const snap = takeSnapshot(pool.db, pool.file, 'test');
    expect(() => checkSnapshot(snap.file, pool.db)).not.toThrow();
  });
});

describe('restoreSnapshot', () => {
  it('puts back every table but the snapshot list, audits it, and keeps the state before as a snapshot', () => {
    const pool = openTemp();
    const snap = takeSnapshot(pool.db, pool.file, '修改前');
    pool.db.prepare("UPDATE firm_years SET revenue = 1 WHERE firm_id = (SELECT id FROM firms WHERE name = '鑫金山机械') AND year = 2022").run();
    pool.db.prepare("DELETE FROM pool_members WHERE firm_id = (SELECT id FROM firms WHERE name = '越成制动')").run();

    const before = restoreSnapshot(pool.db, pool.file, snap.file, 'analyst-li', '测试恢复');
    expect(before.reason).toBe('恢复快照前的状态（测试恢复）');
    expect(revenue(pool.db)).toBe(56847.8);
    expect(pool.db.prepare('SELECT count(*) FROM pool_members').pluck().get()).toBe(11);
    // the snapshot list is today's, not the snapshot's (which did not know of itself or of `before`)
    expect(listSnapshots(pool.db).map((s) => s.file)).toEqual([before.file, snap.file]);
    const audit = pool.db.prepare("SELECT actor, entity, note FROM audit_log WHERE entity = 'restore'").all();
    expect(audit).toEqual([{ actor: 'analyst-li', entity: 'restore', note: `测试恢复：已恢复快照 ${path.basename(snap.file)}` }]); // named as stored: relative to the data file
    // the state before the restore is in `before`
    const kept = new Database(before.file, { readonly: true });
    expect(revenue(kept)).toBe(1);
    kept.close();
    expect(pool.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(attached(pool.db)).toEqual(['main']);
  });

  it('refuses a snapshot whose rows do not hold together, leaving the file as it was', () => {
    const pool = openTemp();
    const snap = takeSnapshot(pool.db, pool.file, 'test');
    const broken = new Database(snap.file);
    broken.pragma('foreign_keys = OFF');
    broken.prepare('DELETE FROM firms WHERE id = (SELECT min(firm_id) FROM firm_years)').run();
    broken.close();
    pool.db.prepare("UPDATE firm_years SET revenue = 2 WHERE firm_id = (SELECT id FROM firms WHERE name = '鑫金山机械') AND year = 2022").run();
    const audits = pool.db.prepare('SELECT count(*) FROM audit_log').pluck().get();

    const e = thrown(() => restoreSnapshot(pool.db, pool.file, snap.file, 'analyst-li', '测试'));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toContain(`快照中的数据互相引用不一致，未恢复：${snap.file}`);
    expect((e.details as unknown[]).length).toBeGreaterThan(0);
    expect((e.details as unknown[]).length).toBeLessThanOrEqual(5);
    expect(revenue(pool.db)).toBe(2);
    expect(pool.db.prepare('SELECT count(*) FROM firms').pluck().get()).toBe(11);
    expect(pool.db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(audits);
    expect(pool.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(attached(pool.db)).toEqual(['main']);
  });
});
