// Opening a data file: the lock, WAL and foreign keys, refusal of a newer schema, a snapshot before
// migrating an existing file, the migrations, and the default pool on first start.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from './errors';
import { acquireLock, type FileLock } from './lock';
import { assertNotNewer, migrate, schemaVersion } from './migrate';
import { LATEST_VERSION } from './migrations';
import { nativeBinding } from './nativeBinding';
import { seedDefaultPool } from './seed';
import { registerFunctions } from './sortKey';
import { copyDatabase, recordSnapshot, snapshotsDir } from './snapshots';
import { nowIso } from './time';

export interface OpenOptions {
  file: string;
  /** What to do when the file does not exist: create it with the default pool, create it empty, or refuse. */
  create?: 'default' | 'empty' | false;
  /** Read without locking or migrating (for `info` on a file another instance has open). */
  readonly?: boolean;
}

export interface PoolDb {
  readonly db: Database.Database;
  readonly file: string;
  readonly created: boolean;
  close(): void;
}

function configure(db: Database.Database, readonly: boolean): void {
  registerFunctions(db);
  if (!readonly) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

export function openPoolDb(options: OpenOptions): PoolDb {
  const file = path.resolve(options.file);
  const exists = fs.existsSync(file);
  if (!exists && !options.create) throw new AppError('not_found', `数据文件不存在：${file}`);
  if (options.readonly) {
    const db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding: nativeBinding() });
    configure(db, true);
    try {
      assertNotNewer(db, file);
    } catch (e) {
      db.close();
      throw e;
    }
    return { db, file, created: false, close: () => db.close() };
  }

  fs.mkdirSync(path.dirname(file), { recursive: true });
  const lock: FileLock = acquireLock(file);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { nativeBinding: nativeBinding() });
    // Every refusal comes before the first write (switching to WAL rewrites the header), so a refused
    // file is left byte for byte as it was.
    assertNotNewer(db, file);
    const before = schemaVersion(db);
    if (exists && before === 0) {
      // Version 0 with tables of its own is some other program's database: never migrate it into ours.
      const foreign = db.prepare("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").pluck().get() as number;
      if (foreign > 0) throw new AppError('invalid_input', `不是培育库数据文件，未作任何改动：${file}`, { file });
      if (!options.create) throw new AppError('not_found', `数据文件是空的：${file}`, { file });
    }
    configure(db, false);
    let pre: { file: string; bytes: number } | null = null;
    if (exists && before > 0 && before < LATEST_VERSION) {
      const target = path.join(snapshotsDir(file), `${path.basename(file).replace(/\.[^.]+$/, '')}-before-v${LATEST_VERSION}-${Date.now()}.sqlite`);
      pre = { file: target, bytes: copyDatabase(db, target) };
    }
    migrate(db);
    if (pre) recordSnapshot(db, pre.file, `migration v${before} → v${LATEST_VERSION}`, before, pre.bytes, nowIso());
    const created = !exists || before === 0;
    if (created && options.create === 'default') seedDefaultPool(db);
    const handle = db;
    return {
      db: handle,
      file,
      created,
      close() {
        if (handle.open) handle.close();
        lock.release();
      },
    };
  } catch (e) {
    db?.close();
    lock.release();
    throw e;
  }
}
