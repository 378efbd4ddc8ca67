// One writer per data file: a lock file beside it holding the owner's pid. A lock left by a process that
// no longer runs on this host is taken over; a live one is refused with who holds it.
import fs from 'node:fs';
import os from 'node:os';
import { AppError } from './errors';

interface LockOwner {
  pid: number;
  host: string;
  at: string;
}

export interface FileLock {
  readonly path: string;
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): LockOwner | null {
  try {
    return JSON.parse(fs.readFileSync(path, 'utf8')) as LockOwner;
  } catch {
    return null; // unreadable or half-written: treat as stale
  }
}

// Locks this process holds: a lock file with our own pid that is not among them was left by an earlier
// process that happened to have the same pid (common in containers), so it is stale.
// Kept on the process (not the module) so that a second copy of this module sees the same locks.
const HELD = Symbol.for('champion-pool.heldLocks');
const held: Set<string> = ((process as unknown as Record<symbol, Set<string>>)[HELD] ??= new Set<string>());

export function acquireLock(dataFile: string): FileLock {
  const path = `${dataFile}.lock`;
  const me: LockOwner = { pid: process.pid, host: os.hostname(), at: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(path, JSON.stringify(me), { flag: 'wx' });
      held.add(path);
      let released = false;
      return {
        path,
        release() {
          if (released) return;
          released = true;
          held.delete(path);
          const owner = readOwner(path);
          if (owner?.pid === me.pid) fs.rmSync(path, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = readOwner(path);
      const sameHost = owner?.host === me.host;
      const stale = !owner || (sameHost && owner.pid === me.pid && !held.has(path)) || (sameHost && owner.pid !== me.pid && !alive(owner.pid));
      if (!stale) {
        throw new AppError('locked', `数据文件正被另一个程序使用（进程 ${owner.pid}，${owner.host}）：${dataFile}`, owner);
      }
      fs.rmSync(path, { force: true });
    }
  }
  throw new AppError('locked', `无法锁定数据文件：${dataFile}`);
}
