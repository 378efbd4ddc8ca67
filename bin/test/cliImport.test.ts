import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli as runCli, initPool } from './runCli';

let dir: string;
let db: string;

const cli = (...args: string[]) => runCli(args);

beforeAll(async () => {
  ({ dir, db } = await initPool('champion-cli-import-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('champion-pool import and friends', () => {
  it('template writes the blank template as xlsx and CSV', async () => {
    expect((await cli('template', '--out', path.join(dir, 't.xlsx'))).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 't.xlsx')).subarray(0, 2).toString()).toBe('PK');
    expect((await cli('template', '--out', path.join(dir, 't.csv'))).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 't.csv'), 'utf8').startsWith('\ufeff统一社会信用代码,企业名称,年度')).toBe(true);
  }, 30_000);

  it('export-data → import --dry-run reports every firm unchanged', async () => {
    const out = path.join(dir, 'pool.xlsx');
    expect((await cli('export-data', '--db', db, '--year', '2023', '--out', out)).code).toBe(0);
    const r = await cli('import', '--db', db, '--file', out, '--dry-run', '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).counts).toEqual({ rows: 33, newFirms: 0, changedFirms: 0, unchangedFirms: 11, changedValues: 0, newYears: 0, newValues: 0 });
  }, 30_000);

  it('refuses a bad file with a non-zero exit and each problem located, writing nothing', async () => {
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, '\ufeff统一社会信用代码,企业名称,年度,营业收入\r\n91370405MA3C7K2E3X,坏代码,2022,100\r\n');
    const r = await cli('import', '--db', db, '--file', bad);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('错误  bad 第 2 行 “统一社会信用代码”列  值“91370405MA3C7K2E3X”：统一社会信用代码校验位不符');
    expect(r.stdout).toContain('数据文件未作任何改动');
  }, 30_000);

  it('applies a changed file, lists the snapshot, and restores the state before it', async () => {
    const csv = path.join(dir, 'pool.csv');
    await cli('export-data', '--db', db, '--year', '2023', '--out', csv);
    fs.writeFileSync(csv, fs.readFileSync(csv, 'utf8').replace(',56847.8,', ',61000,'));
    const applied = await cli('import', '--db', db, '--file', csv);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('变更数值 1 个');
    expect(applied.stdout).toContain('已导入');
    const snaps = await cli('snapshot', '--db', db);
    expect(snaps.stdout).toContain('导入前：pool.csv');
    const again = await cli('import', '--db', db, '--file', csv, '--dry-run', '--format', 'json');
    expect(JSON.parse(again.stdout).counts.changedValues).toBe(0);
    const undone = await cli('restore', '--db', db, '--last-import');
    expect(undone.code).toBe(0);
    const after = await cli('import', '--db', db, '--file', csv, '--dry-run', '--format', 'json');
    expect(JSON.parse(after.stdout).counts.changedValues).toBe(1);
    expect((await cli('restore', '--db', db)).code).toBe(2);
  }, 60_000);

  it('every new subcommand has --help', async () => {
    for (const sub of ['import', 'template', 'export-data', 'snapshot', 'restore']) {
      const r = await cli(sub, '--help');
      expect(r.code, sub).toBe(0);
      expect(r.stdout).toContain(`champion-pool ${sub} [options]`); // in the system's language (cliFirstUse.test.ts)
    }
  }, 30_000);
});
