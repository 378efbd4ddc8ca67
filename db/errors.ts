// Every failure the service reports carries a stable code (the UI translates it) and plain details; a raw
// SQLite error is turned into a Chinese message naming the data file and what to do next.
export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'schema_too_new'
  | 'locked'
  | 'damaged'
  | 'unknown_method'
  | 'unavailable'
  | 'internal';

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toInfo(): ErrorInfo {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** better-sqlite3's errors carry SQLite's extended code, e.g. SQLITE_READONLY_DBMOVED. */
function sqliteCode(e: unknown): string | null {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

/** A raw SQLite error as the analyst should read it (null when `e` is not one). */
export function fromSqlite(e: unknown, file: string): AppError | null {
  const code = sqliteCode(e);
  if (!code) return null;
  const raw = (e as Error).message;
  const details = { sqlite: code, message: raw };
  const missing = /no such (table|column): (\S+)/.exec(raw);
  if (code.startsWith('SQLITE_READONLY')) {
    return new AppError('unavailable', `数据文件无法写入（只读）：${file}。本次操作没有完成。请检查这个文件和它所在文件夹的写入权限，或把文件复制到可写的文件夹后再打开。`, details);
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new AppError('damaged', `数据文件已损坏（${raw}）：${file}。请关闭程序，用 champion-pool snapshot 查看快照，把最近的完好快照复制为数据文件，或从备份恢复。`, details);
  }
  if (code === 'SQLITE_FULL') return new AppError('unavailable', `磁盘已满，无法写入数据文件：${file}。本次操作没有完成。请腾出磁盘空间后重试。`, details);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new AppError('locked', `数据文件正被另一个程序写入：${file}。本次操作没有完成，请稍后重试。`, details);
  }
  if (code.startsWith('SQLITE_CANTOPEN')) return new AppError('unavailable', `无法打开数据文件：${file}。请确认文件和它所在的文件夹存在，并且有读写权限。`, details);
  if (code.startsWith('SQLITE_IOERR')) return new AppError('unavailable', `读写数据文件时出错（${code}）：${file}。本次操作没有完成。请检查磁盘（或网络驱动器）后重试。`, details);
  if (missing) {
    const what = missing[1] === 'table' ? '数据表' : '数据列';
    return new AppError('damaged', `数据文件缺少${what} ${missing[2]}：${file} 不是完整的培育库数据文件，或已损坏。请用 champion-pool info 查看它，或从快照恢复。`, details);
  }
  return null;
}

/** A file-system error on the data file or its folder (creating it, locking it) as the analyst should read it. */
export function fromFs(e: unknown, file: string): AppError | null {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new AppError('unavailable', `无法在数据文件所在的文件夹中写入（权限不足或只读）：${file}。请换一个可写的文件夹，或检查权限后重试。`, { errno: code });
  }
  if (code === 'ENOSPC') return new AppError('unavailable', `磁盘已满，无法打开数据文件：${file}。请腾出磁盘空间后重试。`, { errno: code });
  return null;
}
