// The read-only commands (info, evaluate, criteria, snapshot listing, exports) on any data file the analyst
// may hand them: the current schema is read in place; an older one — a backup to check before restoring it —
// through a migrated temporary copy, the file itself never written; a newer or foreign file is refused with
// what to do. With no data file at all, `criteria` still lists the shipped sets (their default switches).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../db/errors';
import { assertNotNewer, migrate, schemaVersion } from '../db/migrate';
import { LATEST_VERSION } from '../db/migrations';

export interface ReadHandle {
  readonly db: Database.Database;
  /** The data file asked for (never the temporary copy). */
  readonly file: string;
  /** The schema version of the file itself: below LATEST_VERSION when `db` is a migrated copy. */
  readonly fileVersion: number;
  /** What the analyst should know about where the answers come from (Chinese, one line), if anything. */
  readonly note: string | null;
  close(): void;
}

export interface ReadOptions {
  /** A missing file reads as an empty data file of the current schema (for listing the shipped criteria). */
  missingOk?: boolean;
}

function readConfigured(db: Database.Database): Database.Database {
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

export function openForReading(dbFile: string, options: ReadOptions = {}): ReadHandle {
  const file = path.resolve(dbFile);
  if (!fs.existsSync(file)) {
    if (!options.missingOk) throw new AppError('not_found', `数据文件不存在：${file}`);
    const db = new Database(':memory:');
    migrate(db);
    return { db, file, fileVersion: 0, note: `数据文件不存在（${file}），以下为随程序提供的标准集及其默认启用状态`, close: () => db.close() };
  }
  const original = readConfigured(new Database(file, { readonly: true, fileMustExist: true }));
  let version: number;
  try {
    assertNotNewer(original, file);
    version = schemaVersion(original);
    if (version === 0) {
      const foreign = original.prepare("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").pluck().get() as number;
      throw new AppError('invalid_input', foreign > 0 ? `不是培育库数据文件：${file}` : `数据文件是空的：${file}`, { file });
    }
  } catch (e) {
    original.close();
    throw e;
  }
  if (version === LATEST_VERSION) return { db: original, file, fileVersion: version, note: null, close: () => original.close() };

  // An older schema: VACUUM INTO copies it consistently without writing to it; the copy is migrated and read.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'champion-pool-read-'));
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
  const copyFile = path.join(dir, 'copy.sqlite');
  try {
    original.prepare('VACUUM INTO ?').run(copyFile);
  } catch (e) {
    removeDir();
    throw e;
  } finally {
    original.close();
  }
  let copy: Database.Database | undefined;
  try {
    copy = readConfigured(new Database(copyFile));
    migrate(copy);
  } catch (e) {
    copy?.close();
    removeDir();
    throw new AppError('invalid_input', `数据文件 ${file} 的结构版本为 ${version}，无法在临时副本上升级（${(e as Error).message}）。文件未作任何改动；请用 npm start 打开它（会先存快照再升级）后重试。`, { file });
  }
  const db = copy;
  return {
    db,
    file,
    fileVersion: version,
    note: `数据文件的结构版本为 ${version}，低于本程序的 ${LATEST_VERSION}：以下结果来自一份临时升级的副本，文件本身未作任何改动（用本程序打开它时会先存快照再升级）`,
    close() {
      db.close();
      removeDir();
    },
  };
}
