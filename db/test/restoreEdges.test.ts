// Restore at its edges: a snapshot that opens but is damaged inside, the refusals' details, a snapshot of
// another data file or of one without an identity, the snapshot file let go after the check, an attach that
// fails, and restoring by number.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { checkSnapshot, restoreById, restoreSnapshot } from '../restore';
import { listSnapshots, takeSnapshot } from '../snapshots';
import { openTemp, tempDir, thrown } from './helpers';

const openFiles = () =>
  fs.readdirSync('/proc/self/fd').map((fd) => {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      return '';
    }
  });

function editSnapshot(file: string, edit: (db: Database.Database) => void): void {
  const db = new Database(file);
  db.pragma('foreign_keys = OFF');
  edit(db);
  db.close();
}

describe('checkSnapshot', () => {
  it('refuses a snapshot that opens but is damaged inside, naming the file and what the check found', () => {
    const pool = openTemp();
    const snap = takeSnapshot(pool.db, pool.file, 'test');
    const pageSize = pool.db.pragma('page_size', { simple: true }) as number;
    const rootpage = pool.db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'firm_years'").pluck().get() as number;
    const bytes = fs.readFileSync(snap.file);
    // Scribble over the middle of a table's root page: the header (page 1) is sound, so the file opens.
    bytes.fill(0xa5, (rootpage - 1) * pageSize + 16, rootpage * pageSize - 16);
    fs.writeFileSync(snap.file, bytes);
    const e = thrown(() => checkSnapshot(snap.file, pool.db));
    expect(e.message).toContain(`快照文件已损坏，未恢复：${snap.file}（`);
    expect(e.code).toBe('invalid_input');
  });

  it('gives both versions with a refusal of another schema version', () => {
    const pool = openTemp();
    const snap = takeSnapshot(pool.db, pool.file, 'test');
    const current = pool.db.pragma('user_version', { simple: true }) as number;
    editSnapshot(snap.file, (db) => db.pragma(`user_version = ${current - 2}`));
    expect(thrown(() => checkSnapshot(snap.file, pool.db)).details).toEqual({ snapshot: current - 2, current });
  });

  it('names every missing table', () => {
    const pool = openTemp();
    const snap = takeSnapshot(pool.db, pool.file, 'test');
    editSnapshot(snap.file, (db) => db.exec('DROP TABLE shortlist_entries; DROP TABLE audit_log'));
    const e = thrown(() => checkSnapshot(snap.file, pool.db));
    expect(e.message).toContain('快照缺少数据表 audit_log、shortlist_entries，');
    expect(e.details).toEqual({ missing: ['audit_log', 'shortlist_entries'] });
  });

  it('refuses a snapshot taken by another data file, and accepts one from before identities', () => {
    const pool = openTemp();
    const other = openTemp({ file: path.join(tempDir(), 'other.sqlite') });
    const theirs = takeSnapshot(other.db, other.file, 'test');
    const e = thrown(() => checkSnapshot(theirs.file, pool.db));
    expect(e.message).toBe(`这个快照是另一个数据文件的，未恢复：${theirs.file}`);

    const old = takeSnapshot(pool.db, pool.file, 'test');
    editSnapshot(old.file, (db) => db.exec('DELETE FROM data_file'));
    expect(() => checkSnapshot(old.file, pool.db)).not.toThrow();
  });

  it('lets go of the snapshot file once checked', () => {
    const pool = openTemp();
    const snap = takeSnapshot(pool.db, pool.file, 'test');
    checkSnapshot(snap.file, pool.db);
    expect(openFiles()).not.toContain(snap.file);
  });
});

describe('restoreSnapshot', () => {
  it('drops its "before" snapshot when the snapshot cannot be attached', () => {
    const pool = openTemp();
    const snap = takeSnapshot(pool.db, pool.file, 'test');
    const ids = listSnapshots(pool.db, pool.file).map((s) => s.id);
    const files = fs.readdirSync(path.dirname(snap.file)).sort();
    pool.db.prepare('ATTACH DATABASE ? AS snap').run(path.join(tempDir(), 'in-the-way.sqlite'));
    expect(thrown(() => restoreSnapshot(pool.db, pool.file, snap.file, 'analyst-li', '测试')).message).toMatch(/snap/);
    expect(listSnapshots(pool.db, pool.file).map((s) => s.id)).toEqual(ids);
    expect(fs.readdirSync(path.dirname(snap.file)).sort()).toEqual(files);
  });
});

describe('restoreById', () => {
  it('restores this file’s own snapshot by its number, auditing it under that number', () => {
    const pool = openTemp();
    const snap = takeSnapshot(pool.db, pool.file, 'test');
    const r = restoreById(pool.db, pool.file, snap.id, 'analyst-li');
    expect(r.restored).toBe(snap.file);
    expect(r.before.reason).toBe(`恢复快照前的状态（恢复快照 ${snap.id}）`);
    expect(pool.db.prepare("SELECT note FROM audit_log WHERE entity = 'restore'").pluck().get()).toBe(`恢复快照 ${snap.id}：已恢复快照 ${path.basename(snap.file)}`);
  });

  it('refuses an unknown number and a snapshot inherited from the original of a copy', () => {
    const pool = openTemp();
    const e = thrown(() => restoreById(pool.db, pool.file, 999, 'analyst-li'));
    expect([e.code, e.message]).toEqual(['not_found', '没有编号为 999 的快照']);
    const snap = takeSnapshot(pool.db, pool.file, 'test');
    pool.db.prepare("UPDATE snapshots SET owner = 'the-original' WHERE id = ?").run(snap.id);
    const n = thrown(() => restoreById(pool.db, pool.file, snap.id, 'analyst-li'));
    expect(n.message).toMatch(new RegExp(`^快照 ${snap.id} 不是本数据文件自己的快照`));
  });
});
