// Menu "备份数据文件…": a consistent copy (VACUUM INTO) written beside the target under a temporary name,
// checked, then renamed into place, so a failed or interrupted backup never leaves a half file under the
// name the user chose. Pure Node (no Electron) so the tests run it on a real database.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../db/errors';
import { nativeBinding } from '../db/nativeBinding';
import { copyDatabase } from '../db/snapshots';

export function backupFileName(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `champion-pool-备份-${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}.sqlite`;
}

const caseInsensitive = process.platform === 'win32' || process.platform === 'darwin';
const norm = (p: string) => (caseInsensitive ? path.resolve(p).toLowerCase() : path.resolve(p));

/** The open data file and the files SQLite and the lock keep beside it: a backup must never replace them. */
export function isLiveFile(target: string, dataFile: string): boolean {
  const t = norm(target);
  return ['', '-wal', '-shm', '-journal', '.lock'].some((suffix) => t === norm(dataFile + suffix));
}

function verify(file: string): void {
  const copy = new Database(file, { readonly: true, fileMustExist: true, nativeBinding: nativeBinding() });
  try {
    const result = copy.pragma('quick_check', { simple: true });
    if (result !== 'ok') throw new AppError('internal', `备份副本校验失败：${String(result)}`);
  } finally {
    copy.close();
  }
}

/** Writes the backup to `target` (replacing a file the user agreed to overwrite); returns its size. */
export function writeBackup(db: Database.Database, dataFile: string, target: string): number {
  const dest = path.resolve(target);
  if (isLiveFile(dest, dataFile)) {
    throw new AppError('conflict', `不能把备份写到正在使用的数据文件上：${dest}`);
  }
  // Same folder, so the final rename stays on one file system and is atomic.
  const tmp = path.join(path.dirname(dest), `.${path.basename(dest)}.${process.pid}-${Date.now()}.tmp`);
  try {
    copyDatabase(db, tmp);
    verify(tmp);
    fs.renameSync(tmp, dest);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  return fs.statSync(dest).size;
}
