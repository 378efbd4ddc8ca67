// Restoring a snapshot into the open data file: check the snapshot first (whole, the same schema, every table
// there, taken by this very file), snapshot the current state, then replace every table's rows from the
// snapshot in one transaction — so the lock is never given up and a failure leaves the file as it was, with
// no "before restore" snapshot left behind.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from './errors';
import { fileIdentity } from './identity';
import { schemaVersion } from './migrate';
import { nativeBinding } from './nativeBinding';
import { listSnapshots, rotateSnapshots, takeSnapshot, type SnapshotRecord } from './snapshots';
import { nowIso } from './time';

/** Kept as they are now: the record of snapshots (it lists the files on disk) and the file's own identity. */
const KEPT = new Set(['snapshots', 'data_file']);

/** Tables whose rows are restored. */
function tables(db: BetterSqlite3.Database, schema = 'main'): string[] {
  return (db.prepare(`SELECT name FROM ${schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[]).filter((t) => !KEPT.has(t));
}

/**
 * Refuses a snapshot that is damaged, of another schema version (one taken before a migration cannot be put
 * back into the migrated file), missing a table, or taken by another data file.
 */
export function checkSnapshot(file: string, current: BetterSqlite3.Database): void {
  const expectedVersion = schemaVersion(current);
  let snap: BetterSqlite3.Database | undefined;
  try {
    snap = new Database(file, { readonly: true, fileMustExist: true, nativeBinding: nativeBinding() });
    const ok = snap.pragma('integrity_check', { simple: true });
    if (ok !== 'ok') throw new AppError('invalid_input', `快照文件已损坏，未恢复：${file}（${String(ok)}）`);
    const v = schemaVersion(snap);
    if (v !== expectedVersion) {
      throw new AppError(
        'invalid_input',
        `快照的结构版本为 ${v}，数据文件为 ${expectedVersion}，未恢复：${file}。升级（迁移）之前的快照不能恢复到升级后的数据文件；如确需其中的数据，请用 champion-pool backup 备份当前文件后，以该快照的副本作为数据文件打开（会自动升级）。`,
        { snapshot: v, current: expectedVersion },
      );
    }
    const have = new Set(tables(snap));
    const missing = tables(current).filter((t) => !have.has(t));
    if (missing.length) throw new AppError('invalid_input', `快照缺少数据表 ${missing.join('、')}，不是完整的培育库快照，未恢复：${file}`, { missing });
    const mine = fileIdentity(current);
    const its = fileIdentity(snap);
    if (mine && its && mine !== its) throw new AppError('invalid_input', `这个快照是另一个数据文件的，未恢复：${file}`);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('not_found', `无法打开快照文件：${file}（${(e as Error).message}）`);
  } finally {
    snap?.close();
  }
}

function dropSnapshot(db: BetterSqlite3.Database, s: SnapshotRecord): void {
  fs.rmSync(s.file, { force: true });
  db.prepare('DELETE FROM snapshots WHERE id = ?').run(s.id);
}

/** Restores the snapshot at `file` (absolute); returns the snapshot of the state before. */
export function restoreSnapshot(db: BetterSqlite3.Database, dataFile: string, file: string, actor: string, why: string): SnapshotRecord {
  checkSnapshot(file, db);
  const before = takeSnapshot(db, dataFile, `恢复快照前的状态（${why}）`);
  try {
    db.prepare('ATTACH DATABASE ? AS snap').run(file);
  } catch (e) {
    dropSnapshot(db, before);
    throw e;
  }
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
      db.prepare("INSERT INTO audit_log (at, actor, entity, note) VALUES (?, ?, 'restore', ?)").run(nowIso(), actor, `${why}：已恢复快照 ${path.basename(file)}`);
    })();
  } catch (e) {
    // Nothing was restored: the state "before" is the state now, and its snapshot would only mislead.
    dropSnapshot(db, before);
    throw e;
  } finally {
    db.pragma('foreign_keys = ON');
    db.exec('DETACH DATABASE snap');
  }
  rotateSnapshots(db, undefined, dataFile);
  return before;
}

const notOwn = (what: string) =>
  new AppError('invalid_input', `${what}不是本数据文件自己的快照（本文件是另一数据文件的副本，快照记录随复制而来），只作查看，不能在这里恢复或删除；请在原数据文件上操作。`);

/** Restores this file's own snapshot `id`. */
export function restoreById(db: BetterSqlite3.Database, dataFile: string, id: number, actor: string): { restored: string; before: SnapshotRecord } {
  const snap = listSnapshots(db, dataFile).find((s) => s.id === id);
  if (!snap) throw new AppError('not_found', `没有编号为 ${id} 的快照`);
  if (!snap.own) throw notOwn(`快照 ${id} `);
  return { restored: snap.file, before: restoreSnapshot(db, dataFile, snap.file, actor, `恢复快照 ${id}`) };
}
