// One writer per data file, under any name. The lock is the operating system's, on a small lock file named by
// the data file's identity (device and inode), so a symlink, a hard link or a relative path all meet the same
// lock; it is taken atomically (SQLite's exclusive lock: fcntl on Linux and macOS, LockFileEx on Windows) and
// the system drops it when its holder dies, so a crashed instance needs no takeover and two starters can never
// both win. Beside the data file (at its real path) a note names the holder, for the messages and for an
// instance on another computer, whose locks this computer cannot see.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from './errors';
import { nativeBinding } from './nativeBinding';

interface LockOwner {
  pid: number;
  host: string;
  at: string;
}

export interface FileLock {
  /** The note beside the data file naming the holder. */
  readonly path: string;
  /** The data file's real path (symlinks resolved). */
  readonly file: string;
  /** True when the data file did not exist and was created (empty) to be locked. */
  readonly created: boolean;
  release(): void;
}

const TOUCH_EVERY_MS = 6 * 60 * 60 * 1000;

/** Where the identity-named lock files live: one folder per computer, never on a shared drive. */
export function lockDir(): string {
  return path.join(os.tmpdir(), 'champion-pool-locks');
}

/** The data file's real path; for a file yet to be made, its folder's real path and its name. */
export function realDataFile(file: string): string {
  const abs = path.resolve(file);
  try {
    return fs.realpathSync(abs);
  } catch {
    try {
      return path.join(fs.realpathSync(path.dirname(abs)), path.basename(abs));
    } catch {
      return abs;
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    const o = JSON.parse(fs.readFileSync(file, 'utf8')) as LockOwner;
    return typeof o.pid === 'number' && typeof o.host === 'string' ? o : null;
  } catch {
    return null; // missing, unreadable or half-written
  }
}

function writeOwner(file: string, owner: LockOwner): void {
  const tmp = `${file}.${owner.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(owner));
  fs.renameSync(tmp, file);
}

function removeIfMine(file: string, me: LockOwner): void {
  const o = readOwner(file);
  if (o && o.pid === me.pid && o.host === me.host && o.at === me.at) fs.rmSync(file, { force: true });
}

function ensureLockDir(): string {
  const dir = lockDir();
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true });
    // Shared by every user of this computer, like /tmp itself.
    if (process.platform !== 'win32') fs.chmodSync(dir, 0o1777);
  }
  return dir;
}

const isBusy = (e: unknown) => typeof (e as { code?: unknown }).code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test((e as { code: string }).code);

function heldBy(dataFile: string, owner: LockOwner | null): AppError {
  const who = owner ? `进程 ${owner.pid}，${owner.host}，自 ${owner.at}` : '另一个程序';
  return new AppError('locked', `数据文件正被另一个程序使用（${who}）：${dataFile}。请先关闭它再打开；同一个数据文件同时只能由一个程序写入（通过快捷方式、链接或副本名称打开的也算同一个文件）。`, owner ?? undefined);
}

/** A note naming a live process that holds no system lock: an older version of the app, or a reused pid. */
function noteHeld(dataFile: string, note: string, owner: LockOwner): AppError {
  return new AppError(
    'locked',
    `数据文件正被另一个程序使用（进程 ${owner.pid}，自 ${owner.at}，可能是旧版本的培育库）：${dataFile}。请先关闭它再打开；若进程 ${owner.pid} 不是培育库，删除锁文件 ${note} 后重试。`,
    owner,
  );
}

function foreignHost(dataFile: string, note: string, owner: LockOwner): AppError {
  return new AppError(
    'locked',
    `数据文件的锁由另一台计算机 ${owner.host} 持有（进程 ${owner.pid}，自 ${owner.at}）：${dataFile}。本机无法确认那边的程序是否仍在运行，所以不接管。` +
      `请不要把数据文件放在共享文件夹或同步盘（网盘）中使用；确认那台计算机上的培育库已关闭后，删除锁文件 ${note} 再打开。`,
    owner,
  );
}

/** Takes the one-writer lock on `dataFile` (creating the file, empty, when it does not exist) or refuses. */
export function acquireLock(dataFile: string): FileLock {
  const file = realDataFile(dataFile);
  let created = false;
  try {
    fs.closeSync(fs.openSync(file, 'wx'));
    created = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const st = fs.statSync(file, { bigint: true });
  const key = path.join(ensureLockDir(), `${st.dev}-${st.ino}.lock`);
  const note = `${file}.lock`;
  const keyNote = `${key}.json`;
  const me: LockOwner = { pid: process.pid, host: os.hostname(), at: new Date().toISOString() };
  const undoCreate = () => {
    if (created && fs.statSync(file).size === 0) fs.rmSync(file, { force: true });
  };

  let held: Database.Database | undefined;
  try {
    held = new Database(key, { timeout: 0, nativeBinding: nativeBinding() });
    held.exec('BEGIN EXCLUSIVE');
  } catch (e) {
    held?.close();
    undoCreate(); // a file made only to be locked is not left behind when the lock cannot be taken
    if (isBusy(e)) throw heldBy(file, readOwner(keyNote) ?? readOwner(note));
    throw e;
  }
  const lockHandle = held;
  const giveUp = () => {
    lockHandle.exec('ROLLBACK');
    lockHandle.close();
  };

  // The system lock is ours, so no instance on this computer has the file open for writing. A note left
  // beside it was left by a crashed instance (taken over), by an older version that only wrote the note
  // (refused while its process runs), or by another computer (refused: its locks are invisible here).
  const owner = readOwner(note);
  if (owner && (owner.host !== me.host || (owner.pid !== me.pid && alive(owner.pid)))) {
    undoCreate();
    giveUp();
    throw owner.host !== me.host ? foreignHost(file, note, owner) : noteHeld(file, note, owner);
  }
  try {
    writeOwner(note, me);
    writeOwner(keyNote, me);
  } catch (e) {
    undoCreate();
    giveUp();
    throw e;
  }
  // Temp-folder cleaners delete files untouched for days; a lock file removed while held would let the next
  // starter make a new one and get in. Touching it now and then keeps it.
  const touch = setInterval(() => fs.utimes(key, new Date(), new Date(), () => undefined), TOUCH_EVERY_MS);
  touch.unref();
  let released = false;
  return {
    path: note,
    file,
    created,
    release() {
      if (released) return;
      released = true;
      // The notes go first: once the system lock is released a new holder may write its own.
      removeIfMine(note, me);
      removeIfMine(keyNote, me);
      clearInterval(touch);
      giveUp();
    },
  };
}
