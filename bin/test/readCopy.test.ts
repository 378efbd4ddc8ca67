import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LATEST_VERSION, MIGRATIONS } from '../../db/migrations';
import { openForReading } from '../readCopy';
import { writeOldFile } from './oldFile';

const dirs: string[] = [];
// A private temporary folder per test, so the copies counted are this test's own (CLI tests run alongside).
const systemTmp = os.tmpdir();
let copiesDir = '';
beforeEach(() => {
  copiesDir = fs.mkdtempSync(path.join(systemTmp, 'cp-read-copies-'));
  dirs.push(copiesDir);
  vi.stubEnv('TMPDIR', copiesDir);
});
afterEach(() => {
  vi.unstubAllEnvs();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tempFile(name = 'pool.sqlite'): string {
  const d = fs.mkdtempSync(path.join(systemTmp, 'cp-read-test-'));
  dirs.push(d);
  return path.join(d, name);
}
const readCopies = () => fs.readdirSync(copiesDir).filter((f) => f.startsWith('champion-pool-read-'));

describe('reading a data file of an older schema', () => {
  // Every shipped version below the latest (numbers are reserved ahead, so the list may have gaps).
  for (const v of MIGRATIONS.slice(0, -1).map((m) => m.version)) {
    it(`reads a version-${v} file through a migrated copy, the file byte-identical and nothing written beside it`, () => {
      const file = tempFile();
      writeOldFile(file, v);
      const bytes = fs.readFileSync(file);
      const copiesBefore = readCopies();

      const h = openForReading(file);
      expect(h.file).toBe(file);
      expect(h.fileVersion).toBe(v);
      expect(h.note).toContain(`结构版本为 ${v}`);
      expect(h.note).toContain('文件本身未作任何改动');
      expect(h.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(h.db.prepare('SELECT name FROM firms').pluck().all()).toEqual(['旧版企业']);
      // the tables a newer release added are there to read (the failures the analyst saw were these)
      expect(h.db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(0);
      expect(h.db.prepare('SELECT count(*) FROM criteria_settings').pluck().get()).toBe(0);
      expect(readCopies()).toHaveLength(copiesBefore.length + 1);
      h.close();

      expect(fs.readFileSync(file).equals(bytes)).toBe(true);
      expect(fs.readdirSync(path.dirname(file))).toEqual(['pool.sqlite']);
      expect(readCopies()).toEqual(copiesBefore); // the temporary copy is gone
    });
  }

  it('leaves an older WAL-mode file byte-identical too', () => {
    const file = tempFile();
    writeOldFile(file, 3, 'wal');
    const bytes = fs.readFileSync(file);
    const h = openForReading(file);
    expect(h.db.prepare('SELECT count(*) FROM firm_years').pluck().get()).toBe(3);
    h.close();
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('reads a current file in place, read-only, with nothing to say', () => {
    const file = tempFile();
    writeOldFile(file, LATEST_VERSION);
    const h = openForReading(file);
    expect(h.note).toBeNull();
    expect(h.fileVersion).toBe(LATEST_VERSION);
    expect(h.db.name).toBe(file);
    expect(h.db.readonly).toBe(true);
    h.close();
  });

  it('refuses a newer, a foreign, an empty and a missing file in Chinese, touching none', () => {
    const newer = tempFile();
    writeOldFile(newer, LATEST_VERSION);
    const db = new Database(newer);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    const newerBytes = fs.readFileSync(newer);
    expect(() => openForReading(newer)).toThrow(/高于本程序支持的/);
    expect(fs.readFileSync(newer).equals(newerBytes)).toBe(true);

    const foreign = tempFile('other.sqlite');
    const other = new Database(foreign);
    other.exec('CREATE TABLE notes (x)');
    other.close();
    expect(() => openForReading(foreign)).toThrow(/不是培育库数据文件/);

    const empty = tempFile('empty.sqlite');
    fs.writeFileSync(empty, '');
    expect(() => openForReading(empty)).toThrow(/数据文件是空的/);

    const missing = path.join(path.dirname(empty), 'missing.sqlite');
    expect(() => openForReading(missing)).toThrow(/数据文件不存在/);
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('reads a missing file as the shipped defaults when asked to, creating nothing', () => {
    const missing = tempFile('never.sqlite');
    const h = openForReading(missing, { missingOk: true });
    expect(h.note).toContain('随程序提供的标准集');
    expect(h.db.prepare('SELECT count(*) FROM firms').pluck().get()).toBe(0);
    h.close();
    expect(fs.existsSync(missing)).toBe(false);
  });
});
