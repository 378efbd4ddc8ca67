// The snapshot helpers at their edges: names with dots, a name taken between the check and the copy, a file
// whose schema predates the snapshot list or the imports, inherited records, legacy records adopted, paths
// recorded on Windows, and rotation keeping one snapshot per year only for imports.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adoptLegacySnapshots, copyToSnapshots, listSnapshots, ownSnapshotFor, recordSnapshot, rotateSnapshots, snapshotBase, snapshotsDir, takeSnapshot, undoPoint } from '../snapshots';
import { openTemp, tempDir, thrown, track } from './helpers';

afterEach(() => vi.restoreAllMocks());

describe('snapshot names', () => {
  it('drop only the last extension of the data file’s name', () => {
    expect(snapshotBase('/data/pool.2024.sqlite')).toBe('pool.2024');
    expect(snapshotBase('pool')).toBe('pool');
  });

  it('move to the next name when one is taken between the check and the copy', () => {
    const pool = openTemp();
    const taken = path.join(snapshotsDir(pool.file), 'pool-label.sqlite');
    fs.mkdirSync(path.dirname(taken), { recursive: true });
    pool.db.prepare('VACUUM INTO ?').run(taken); // another snapshot, made a moment ago
    const theirs = fs.readFileSync(taken);
    const exists = fs.existsSync;
    vi.spyOn(fs, 'existsSync').mockImplementation((p) => (p === taken ? false : exists(p)));
    const copy = copyToSnapshots(pool.db, pool.file, 'label');
    expect(path.basename(copy.file)).toBe('pool-label-1.sqlite');
    expect(fs.readFileSync(taken).equals(theirs)).toBe(true);
  });

  it('stop at a failure that is not a taken name', () => {
    const pool = openTemp();
    fs.writeFileSync(snapshotsDir(pool.file), 'a file where the snapshots folder goes');
    expect(thrown(() => copyToSnapshots(pool.db, pool.file, 'label')).message).toMatch(/EEXIST|ENOTDIR/);
  });
});

describe('files from before the snapshot list, the imports or the identities', () => {
  it('copy without recording, and have no undo point', () => {
    const dir = tempDir();
    const file = path.join(dir, 'old.sqlite');
    const db = track(new Database(file));
    db.exec('CREATE TABLE firms (id INTEGER PRIMARY KEY)');
    expect(recordSnapshot(db, file, path.join(dir, 'x.sqlite'), '测试', 1, 10, '2024-01-01T00:00:00Z')).toBe(0);
    expect(undoPoint(db, file)).toBeUndefined();
  });

  it('lists records as its own only when they carry this file’s identity', () => {
    const pool = openTemp();
    const mine = takeSnapshot(pool.db, pool.file, '我的');
    pool.db.prepare("INSERT INTO snapshots (file, reason, schema_version, bytes, created_at, owner) VALUES ('snapshots/other.sqlite', '副本带来的', 1, 1, '2024-01-01T00:00:00Z', 'another-identity')").run();
    const own = Object.fromEntries(listSnapshots(pool.db, pool.file).map((s) => [s.reason, s.own]));
    expect(own).toEqual({ 我的: true, 副本带来的: false });
    expect(mine.own).toBe(true);
    // A file without an identity owns nothing.
    pool.db.exec('DELETE FROM data_file');
    expect(listSnapshots(pool.db, pool.file).map((s) => s.own)).toEqual([false, false]);
  });

  it('adopts legacy records of its own folder and name, and counts them', () => {
    const pool = openTemp();
    const dir = snapshotsDir(pool.file);
    const insert = pool.db.prepare("INSERT INTO snapshots (file, reason, schema_version, bytes, created_at, owner) VALUES (?, '旧', 1, 1, '2024-01-01T00:00:00Z', NULL)");
    insert.run(path.join(dir, 'pool-20240101-120000-000.sqlite'));
    insert.run(path.join(dir, 'pool-before-v3-1.sqlite'));
    insert.run(path.join(dir, 'other-20240101-120000-000.sqlite'));
    insert.run(path.join(tempDir(), 'pool-20240101-120000-000.sqlite'));
    expect(adoptLegacySnapshots(pool.db, pool.file, 'id-1')).toBe(2);
    const rows = pool.db.prepare("SELECT file, owner FROM snapshots WHERE reason = '旧' ORDER BY id").all() as { file: string; owner: string | null }[];
    expect(rows.map((r) => r.owner)).toEqual(['id-1', 'id-1', null, null]);
    expect(rows[0].file).toBe('snapshots/pool-20240101-120000-000.sqlite');
  });

  it('finds an import’s snapshot recorded with Windows separators by its file name', () => {
    const pool = openTemp();
    const snap = takeSnapshot(pool.db, pool.file, '导入前');
    const found = ownSnapshotFor(pool.db, pool.file, `C:\\Users\\li\\pool\\snapshots\\${path.basename(snap.file)}`);
    expect(found?.id).toBe(snap.id);
  });
});

describe('rotation', () => {
  it('keeps one snapshot per year for imports only, not for other reasons', () => {
    const pool = openTemp();
    const at = pool.db.prepare('UPDATE snapshots SET created_at = ? WHERE id = ?');
    const old = takeSnapshot(pool.db, pool.file, '手动快照');
    at.run('2021-03-01T00:00:00Z', old.id);
    const imp = takeSnapshot(pool.db, pool.file, '导入前：2022.xlsx');
    at.run('2022-03-01T00:00:00Z', imp.id);
    takeSnapshot(pool.db, pool.file, '手动快照');
    const removed = rotateSnapshots(pool.db, 1, pool.file);
    expect(removed.map((s) => s.id)).toEqual([old.id]);
    expect(fs.existsSync(old.file)).toBe(false);
    expect(fs.existsSync(imp.file)).toBe(true);
  });
});
