// Restoring a snapshot: what is refused before anything changes (another schema version, a missing table),
// and a restore that fails inside its transaction leaving the file and the snapshot list as they were.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '../migrations';
import { snapshotsDir } from '../snapshots';
import { call, callError, defaultService, type TestService } from './helpers';

async function snapshotThen(t: TestService, edit: (snap: Database.Database) => void) {
  const snap = await call(t.service, 'snapshot.create', { reason: '待恢复' });
  const db = new Database(snap.file);
  db.pragma('foreign_keys = OFF');
  edit(db);
  db.close();
  // A change after the snapshot, which a refused restore must keep.
  t.pool.db.prepare("UPDATE firms SET town = '恢复后不应变' WHERE id = 1").run();
  return snap;
}

function state(t: TestService) {
  return {
    town: t.pool.db.prepare('SELECT town FROM firms WHERE id = 1').pluck().get(),
    records: t.pool.db.prepare('SELECT id, file FROM snapshots ORDER BY id').all(),
    files: fs.readdirSync(snapshotsDir(t.pool.file)).sort(),
    audit: t.pool.db.prepare('SELECT count(*) FROM audit_log').pluck().get(),
  };
}

describe('snapshot.restore refusals', () => {
  it('refuses a snapshot of another schema version (one taken before a migration), changing nothing', async () => {
    const t = defaultService();
    const snap = await snapshotThen(t, (db) => db.pragma(`user_version = ${LATEST_VERSION - 1}`));
    const before = state(t);
    const e = await callError(t.service, 'snapshot.restore', { id: snap.id });
    expect(e.code).toBe('invalid_input');
    expect(e.message).toContain(`结构版本为 ${LATEST_VERSION - 1}`);
    expect(e.message).toContain('升级（迁移）之前的快照');
    expect(state(t)).toEqual(before);
  });

  it('refuses a snapshot missing a table with a message, not "no such table: snap.…"', async () => {
    const t = defaultService();
    const snap = await snapshotThen(t, (db) => db.exec('DROP TABLE shortlist_entries'));
    const before = state(t);
    const e = await callError(t.service, 'snapshot.restore', { id: snap.id });
    expect(e.message).toContain('缺少数据表 shortlist_entries');
    expect(e.message).not.toContain('no such table');
    expect(state(t)).toEqual(before);
  });

  it('leaves no "before restore" snapshot behind when the restore fails inside its transaction', async () => {
    const t = defaultService();
    // Whole as a SQLite file, but its rows refer to a firm that is not there: found by the foreign key check.
    const snap = await snapshotThen(t, (db) => db.exec('DELETE FROM firms WHERE id = 1'));
    const before = state(t);
    const e = await callError(t.service, 'snapshot.restore', { id: snap.id });
    expect(e.message).toContain('互相引用不一致');
    expect(state(t)).toEqual(before);
  });

  it('restores a good snapshot and records the state before it', async () => {
    const t = defaultService();
    const snap = await snapshotThen(t, () => undefined);
    const r = await call(t.service, 'snapshot.restore', { id: snap.id });
    expect(r.restored).toBe(snap.file);
    expect(fs.existsSync(r.before)).toBe(true);
    expect(t.pool.db.prepare('SELECT town FROM firms WHERE id = 1').pluck().get()).not.toBe('恢复后不应变');
  });
});
