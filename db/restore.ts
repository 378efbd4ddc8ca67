// Restoring a snapshot into the open data file: check the snapshot first, snapshot the current state, then
// replace every table's rows from the snapshot in one transaction — so the lock is never given up and a
// failure leaves the file as it was.
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from './errors';
import { schemaVersion } from './migrate';
import { nativeBinding } from './nativeBinding';
import { rotateSnapshots, takeSnapshot, type SnapshotRecord } from './snapshots';
import { nowIso } from './time';

/** Tables whose rows are restored; snapshots' own record stays as it is now (it lists the files on disk). */
function tables(db: BetterSqlite3.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'snapshots' ORDER BY name").pluck().all() as string[]);
}

export function checkSnapshot(file: string, expectedVersion: number): void {
  let snap: BetterSqlite3.Database | undefined;
  try {
    snap = new Database(file, { readonly: true, fileMustExist: true, nativeBinding: nativeBinding() });
    const ok = snap.pragma('integrity_check', { simple: true });
    if (ok !== 'ok') throw new AppError('invalid_input', `快照文件已损坏，未恢复：${file}（${String(ok)}）`);
    const v = schemaVersion(snap);
    if (v !== expectedVersion) throw new AppError('invalid_input', `快照的结构版本为 ${v}，当前为 ${expectedVersion}，未恢复：${file}`, { snapshot: v, current: expectedVersion });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('not_found', `无法打开快照文件：${file}（${(e as Error).message}）`);
  } finally {
    snap?.close();
  }
}

export function restoreSnapshot(db: BetterSqlite3.Database, dataFile: string, file: string, actor: string, why: string): SnapshotRecord {
  checkSnapshot(file, schemaVersion(db));
  const before = takeSnapshot(db, dataFile, `恢复快照前的状态（${why}）`);
  db.prepare('ATTACH DATABASE ? AS snap').run(file);
  // Foreign keys off for the copy (no cascades while tables are emptied and refilled), checked in full before
  // the commit instead: SQLite's deferred-constraint counter miscounts cascades here.
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      const names = tables(db);
      for (const t of names) db.exec(`DELETE FROM main."${t}"`);
      for (const t of names) db.exec(`INSERT INTO main."${t}" SELECT * FROM snap."${t}"`);
      const broken = db.pragma('main.foreign_key_check') as unknown[];
      if (broken.length) throw new AppError('invalid_input', `快照中的数据互相引用不一致，未恢复：${file}`, broken.slice(0, 5));
      db.prepare("INSERT INTO audit_log (at, actor, entity, note) VALUES (?, ?, 'restore', ?)").run(nowIso(), actor, `${why}：已恢复快照 ${file}`);
    })();
  } finally {
    db.pragma('foreign_keys = ON');
    db.exec('DETACH DATABASE snap');
  }
  rotateSnapshots(db);
  return before;
}
