import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import { openPoolDb, type PoolDb } from '../../db/open';
import { backupFileName, isLiveFile, writeBackup } from '../backup';
import { tempDir } from './fakes';

const tmp = tempDir('cp-backup-');
let pool: PoolDb;

beforeAll(() => {
  pool = openPoolDb({ file: path.join(tmp.dir, 'data', 'pool.sqlite'), create: 'default' });
});
afterAll(() => {
  pool.close();
  tmp.cleanup();
});

const count = (file: string, table: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};
const leftovers = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('backupFileName', () => {
  it('is champion-pool-备份-YYYYMMDD.sqlite', () => {
    expect(backupFileName(new Date(2025, 0, 5, 23, 59))).toBe('champion-pool-备份-20250105.sqlite');
  });
});

describe('writeBackup', () => {
  it('writes a complete, readable copy and leaves no temporary file', () => {
    const dir = path.join(tmp.dir, 'backups');
    const target = path.join(dir, backupFileName());
    const bytes = writeBackup(pool.db, pool.file, target);
    expect(bytes).toBe(fs.statSync(target).size);
    expect(count(target, 'firms')).toBe(count(pool.file, 'firms'));
    expect(count(target, 'firms')).toBeGreaterThan(0);
    expect(leftovers(dir)).toEqual([]);
  });

  it('replaces an existing file the user chose to overwrite', () => {
    const target = path.join(tmp.dir, 'old.sqlite');
    fs.writeFileSync(target, 'not a database');
    writeBackup(pool.db, pool.file, target);
    expect(count(target, 'firms')).toBe(count(pool.file, 'firms'));
  });

  it.each(['', '-wal', '-shm', '.lock'])('refuses to write over the live data file (%s)', (suffix) => {
    const before = fs.readFileSync(pool.file);
    expect(() => writeBackup(pool.db, pool.file, pool.file + suffix)).toThrow(/正在使用的数据文件/);
    expect(fs.readFileSync(pool.file).equals(before)).toBe(true);
    expect(pool.db.open).toBe(true);
    expect(leftovers(path.dirname(pool.file))).toEqual([]);
  });

  it('fails loudly and cleans up when the copy cannot be written', () => {
    const blocker = path.join(tmp.dir, 'a-file');
    fs.writeFileSync(blocker, 'x');
    expect(() => writeBackup(pool.db, pool.file, path.join(blocker, 'backup.sqlite'))).toThrow();
    expect(leftovers(tmp.dir)).toEqual([]);
  });

  it('fails and cleans up when the rename fails, leaving the target as it was', () => {
    const target = path.join(tmp.dir, 'a-dir.sqlite');
    fs.mkdirSync(path.join(target, 'inside'), { recursive: true }); // a non-empty directory cannot be replaced
    expect(() => writeBackup(pool.db, pool.file, target)).toThrow();
    expect(fs.statSync(target).isDirectory()).toBe(true);
    expect(leftovers(tmp.dir)).toEqual([]);
  });

  it('knows the live files', () => {
    expect(isLiveFile(pool.file, pool.file)).toBe(true);
    expect(isLiveFile(path.join(path.dirname(pool.file), '.', 'pool.sqlite-wal'), pool.file)).toBe(true);
    expect(isLiveFile(pool.file + '.bak', pool.file)).toBe(false);
  });
});
