// Raw SQLite errors reach the analyst as Chinese messages naming the data file and the next step.
import { describe, expect, it } from 'vitest';
import { fromFs, fromSqlite } from '../errors';
import { openPoolDb } from '../open';
import { callError, defaultService, openTemp, serviceFor, track } from './helpers';

const sqliteError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('SQLite errors explained', () => {
  it('a write on a read-only data file', async () => {
    const writer = openTemp();
    const t = serviceFor(track(openPoolDb({ file: writer.file, readonly: true })));
    const e = await callError(t.service, 'firm.updateFigures', { firmId: 1, years: [{ year: 2022, values: { revenue: 99999 } }] });
    expect(e.code).toBe('unavailable');
    expect(e.message).toContain('只读');
    expect(e.message).toContain(writer.file);
    expect(e.message).not.toContain('attempt to write');
  });

  it('a table missing from the data file', async () => {
    const t = defaultService();
    t.pool.db.pragma('foreign_keys = OFF');
    t.pool.db.exec('DROP TABLE audit_log');
    const e = await callError(t.service, 'firm.history', { firmId: 1 });
    expect(e.code).toBe('damaged');
    expect(e.message).toContain('缺少数据表 audit_log');
    expect(e.message).toContain(t.pool.file);
    expect(e.message).toContain('champion-pool info');
  });

  it('maps each kind of SQLite failure, and leaves other errors alone', () => {
    const f = '/data/pool.sqlite';
    const cases: [string, string, string, string][] = [
      ['SQLITE_READONLY_DBMOVED', 'attempt to write a readonly database', 'unavailable', '只读'],
      ['SQLITE_CORRUPT', 'database disk image is malformed', 'damaged', '已损坏'],
      ['SQLITE_NOTADB', 'file is not a database', 'damaged', '快照'],
      ['SQLITE_FULL', 'database or disk is full', 'unavailable', '磁盘已满'],
      ['SQLITE_BUSY', 'database is locked', 'locked', '稍后重试'],
      ['SQLITE_CANTOPEN', 'unable to open database file', 'unavailable', '权限'],
      ['SQLITE_IOERR_WRITE', 'disk I/O error', 'unavailable', 'SQLITE_IOERR_WRITE'],
      ['SQLITE_ERROR', 'no such column: foo', 'damaged', '缺少数据列 foo'],
    ];
    for (const [code, message, want, says] of cases) {
      const e = fromSqlite(sqliteError(code, message), f)!;
      expect(e.code, code).toBe(want);
      expect(e.message, code).toContain(says);
      expect(e.message, code).toContain(f);
    }
    expect(fromSqlite(sqliteError('SQLITE_ERROR', 'near "x": syntax error'), f)).toBeNull();
    expect(fromSqlite(new Error('plain'), f)).toBeNull();
    for (const code of ['EACCES', 'EPERM', 'EROFS']) expect(fromFs(sqliteError(code, 'x'), f)?.message).toContain('权限不足或只读');
    expect(fromFs(sqliteError('ENOSPC', 'x'), f)?.message).toContain('磁盘已满');
    expect(fromFs(sqliteError('ENOENT', 'x'), f)).toBeNull();
  });
});
