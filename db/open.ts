// Opening a data file: the lock, a check of the file before anything is written (empty, damaged, foreign or
// newer files are refused and left byte for byte as they were), WAL and foreign keys, a snapshot before
// migrating an existing file, the migrations, the file's identity, and the default pool on first start.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError, fromFs, fromSqlite } from './errors';
import { acquireLock, realDataFile, type FileLock } from './lock';
import { assertNotNewer, migrate } from './migrate';
import { LATEST_VERSION } from './migrations';
import { nativeBinding } from './nativeBinding';
import { bindIdentity } from './identity';
import { checkDataFile, refuseEmpty } from './openCheck';
import { seedDefaultPool } from './seed';
import { registerFunctions } from './sortKey';
import { adoptLegacySnapshots, copyToSnapshots, recordSnapshot } from './snapshots';
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
  /** The data file's real path (symlinks resolved). */
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

/** A failure while opening, as the analyst should read it. */
const explained = (e: unknown, file: string) => (e instanceof AppError ? e : (fromSqlite(e, file) ?? fromFs(e, file) ?? e));

function openReadonly(file: string): PoolDb {
  if (fs.statSync(file).size === 0) refuseEmpty(file);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding: nativeBinding() });
    configure(db, true);
    assertNotNewer(db, file);
  } catch (e) {
    db?.close();
    throw explained(e, file);
  }
  const handle = db;
  return { db: handle, file, created: false, close: () => handle.close() };
}

export function openPoolDb(options: OpenOptions): PoolDb {
  const file = realDataFile(options.file);
  const exists = fs.existsSync(file);
  if (!exists && !options.create) throw new AppError('not_found', `数据文件不存在：${file}`);
  if (options.readonly) return openReadonly(file);

  let lock: FileLock;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    lock = acquireLock(file);
  } catch (e) {
    throw explained(e, file);
  }
  let db: Database.Database | undefined;
  try {
    // Every refusal comes before the first write (switching to WAL rewrites the header), so a refused
    // file is left byte for byte as it was.
    const before = lock.created ? 0 : checkDataFile(file, Boolean(options.create));
    db = new Database(file, { nativeBinding: nativeBinding() });
    configure(db, false);
    let pre: { file: string; bytes: number } | null = null;
    if (before > 0 && before < LATEST_VERSION) pre = copyToSnapshots(db, file, `before-v${LATEST_VERSION}-${Date.now()}`);
    migrate(db);
    const identity = bindIdentity(db, file);
    if (identity.fresh) adoptLegacySnapshots(db, file, identity.identity);
    if (pre) recordSnapshot(db, file, pre.file, `migration v${before} → v${LATEST_VERSION}`, before, pre.bytes, nowIso());
    const created = before === 0;
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
    // A file this open made (empty, to lock it) is not left behind half-made.
    if (lock.created) for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    lock.release();
    throw explained(e, file);
  }
}
