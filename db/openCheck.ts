// The check of a data file before the first write: an empty file (a truncated copy) and a damaged one are
// refused, naming the file and what to do, and left exactly as they were — the check reads through a
// read-only connection and removes the empty WAL side files that connection leaves behind.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from './errors';
import { assertNotNewer, schemaVersion } from './migrate';
import { snapshotBase, snapshotsDir } from './snapshots';
import { dateZh } from './export/labels';
import { nativeBinding } from './nativeBinding';

/** Files up to this size get the full integrity_check (about 12 ms of CPU per MB, measured); bigger ones quick_check (about 3 ms per MB). */
export const FULL_CHECK_BYTES = 16 * 1024 * 1024;

export function refuseEmpty(file: string): never {
  throw new AppError(
    'not_found',
    `数据文件是空的（0 字节），未作任何改动：${file}。它可能是复制或同步时被截断的副本。` +
      `若要新建数据文件，请先把它移走，再运行 champion-pool init；若要找回数据，请在 ${snapshotsDir(file)} 中找到最近的快照，把它复制为这个文件。`,
    { file },
  );
}

/** Runs `read` over a read-only connection, then removes the WAL side files that connection made (empty). */
function readOnly<T>(file: string, read: (db: Database.Database) => T): T {
  const sides = [`${file}-wal`, `${file}-shm`].filter((f) => !fs.existsSync(f));
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding: nativeBinding() });
    return read(db);
  } finally {
    db?.close();
    for (const f of sides) if (fs.existsSync(f) && (f.endsWith('-shm') || fs.statSync(f).size === 0)) fs.rmSync(f, { force: true });
  }
}

/** The first problem SQLite finds in the file, or null when it reads as whole. */
function problemIn(file: string, full: boolean): string | null {
  try {
    return readOnly(file, (db) => {
      const r = db.pragma(full ? 'integrity_check' : 'quick_check', { simple: true });
      return r === 'ok' ? null : String(r);
    });
  } catch (e) {
    return (e as Error).message;
  }
}

/** The newest snapshot of this data file that reads as whole, to offer when the file itself is damaged. */
export function newestGoodSnapshot(file: string): { file: string; at: Date } | null {
  const dir = snapshotsDir(file);
  const base = `${snapshotBase(file)}-`;
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.startsWith(base) && n.endsWith('.sqlite'));
  } catch {
    return null;
  }
  const found = names.map((n) => ({ file: path.join(dir, n), at: fs.statSync(path.join(dir, n)).mtime })).sort((a, b) => b.at.getTime() - a.at.getTime());
  return found.find((s) => problemIn(s.file, false) === null) ?? null;
}

function damaged(file: string, problem: string): AppError {
  const good = newestGoodSnapshot(file);
  const next = good
    ? `最新的完好快照是 ${good.file}（${dateZh(good.at)}）：关闭程序，把损坏的文件移到别处保存，再把这个快照复制为 ${file}，即可从那时的状态继续。`
    : `在 ${snapshotsDir(file)} 中没有找到完好的快照，请从备份恢复。`;
  return new AppError('damaged', `数据文件已损坏，未作任何改动：${file}（${problem}）。${next}`, { file, problem, snapshot: good?.file ?? null });
}

/**
 * Checks an existing data file through a read-only connection and returns its schema version. Refuses an empty
 * file, a damaged one, one of a newer version, and another program's database (or an empty SQLite database
 * when it may not be created).
 */
export function checkDataFile(file: string, mayCreate: boolean): number {
  const size = fs.statSync(file).size;
  if (size === 0) refuseEmpty(file);
  const problem = problemIn(file, size <= FULL_CHECK_BYTES);
  if (problem !== null) throw damaged(file, problem);
  return readOnly(file, (db) => {
    assertNotNewer(db, file);
    const version = schemaVersion(db);
    if (version === 0) {
      // Version 0 with tables of its own is some other program's database: never migrate it into ours.
      const foreign = db.prepare("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").pluck().get() as number;
      if (foreign > 0) throw new AppError('invalid_input', `不是培育库数据文件，未作任何改动：${file}`, { file });
      if (!mayCreate) throw new AppError('not_found', `数据文件是空的：${file}`, { file });
    }
    return version;
  });
}
