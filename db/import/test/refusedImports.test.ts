// Files an import refuses, and what it says: a file that is no table, a sheet that is not there, an empty file,
// a file with errors (the first error named, only errors listed, warnings left out), a pool year that does not
// exist — each changes nothing and takes no snapshot. A pool year given only for the preview does not stop it.
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { defaultService } from '../../test/helpers';
import type { PoolDb } from '../../open';
import { listSnapshots } from '../../snapshots';
import { analyseImport, applyImport } from '../run';
import { creditCode, syntheticCsv } from './synth';

let h: PoolDb;
beforeEach(() => {
  ({ pool: h } = defaultService());
});

const firms = () => h.db.prepare('SELECT count(*) FROM firms').pluck().get() as number;
const snapshotsDir = () => path.join(path.dirname(h.file), 'snapshots');

async function refusal(run: Promise<unknown>): Promise<AppError> {
  const e = await run.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

/** A workbook as a script (openpyxl, pandas) writes it: the data on "Sheet1", not on the template's sheet. */
async function scriptWorkbook(rows: (string | number)[][]): Promise<Buffer> {
  const { default: ExcelJS } = await import('../../exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['统一社会信用代码', '企业名称', '年度', '营业收入']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('a file the import cannot read', () => {
  it('is refused with what to do, naming the file, and no firm names', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 200 }, (_, i) => i % 256))]);
    const r = await analyseImport(h.db, { bytes: pdf, fileName: '年报.pdf' });
    expect(r).toMatchObject({ refused: true, names: [], sheets: [], sheet: null, plan: null });
    expect(r.problems).toEqual([{ level: 'error', sheet: '年报.pdf', row: null, column: null, value: null, reason: expect.stringMatching(/^不是表格文件/) }]);
  });

  it('is refused by apply with its reason, and nothing is written', async () => {
    const before = firms();
    const e = await refusal(applyImport(h.db, h.file, { bytes: Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7, 0, 0]), fileName: 'x.bin' }, 'tester'));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toMatch(/^文件被拒绝，数据文件未作任何改动：不是表格文件/);
    expect(firms()).toBe(before);
    expect(fs.existsSync(snapshotsDir())).toBe(false);
  });
});

describe('a sheet that is not there, an empty file', () => {
  it('names the sheet asked for that the workbook does not have', async () => {
    const xlsx = await scriptWorkbook([[creditCode(1), '甲', 2022, 100]]);
    const r = await analyseImport(h.db, { bytes: xlsx, fileName: '年报.xlsx', sheet: '2022年' });
    expect(r).toMatchObject({ refused: true, format: 'xlsx', sheets: ['Sheet1'], sheet: null, names: [] });
    expect(r.problems).toEqual([{ level: 'error', sheet: '年报.xlsx', row: null, column: null, value: null, reason: '没有名为“2022年”的工作表' }]);
  });

  it('says a workbook without any sheet is empty', async () => {
    const { default: ExcelJS } = await import('../../exceljs');
    const bytes = Buffer.from(await new ExcelJS.Workbook().xlsx.writeBuffer());
    const r = await analyseImport(h.db, { bytes, fileName: '空.xlsx' });
    expect(r).toMatchObject({ refused: true, sheets: [], names: [] });
    expect(r.problems.map((p) => p.reason)).toEqual(['文件是空的']);
  });
});

describe('a file with errors', () => {
  it('is refused naming its first error, listing only the errors (not the warnings), and nothing is written', async () => {
    const xlsx = await scriptWorkbook([
      [creditCode(1), '甲机械', 2022, 100],
      ['91370405MA3C7K2E3X', '坏校验位', 2022, 100],
      [creditCode(2), '乙机械', 2022, 'abc'],
    ]);
    const analysed = await analyseImport(h.db, { bytes: xlsx, fileName: '脚本导出.xlsx' });
    // The workbook's one sheet is read, with a warning that it is not the template's sheet.
    expect(analysed.problems[0].level).toBe('warning');
    const before = firms();
    const e = await refusal(applyImport(h.db, h.file, { bytes: xlsx, fileName: '脚本导出.xlsx' }, 'tester'));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toBe('文件被拒绝，数据文件未作任何改动：统一社会信用代码校验位不符');
    expect(e.details).toEqual([
      { level: 'error', sheet: 'Sheet1', row: 3, column: '统一社会信用代码', value: '91370405MA3C7K2E3X', reason: '统一社会信用代码校验位不符' },
      { level: 'error', sheet: 'Sheet1', row: 4, column: '营业收入', value: 'abc', reason: '不是数字' },
    ]);
    expect(firms()).toBe(before);
    expect(fs.existsSync(snapshotsDir())).toBe(false);
  });
});

describe('the pool year of an import', () => {
  it('adding to a pool year that does not exist is refused before anything is written', async () => {
    const before = firms();
    const e = await refusal(applyImport(h.db, h.file, { bytes: syntheticCsv(2, [2022]), fileName: 'new.csv', poolYear: 2099, addToPool: true }, 'tester'));
    expect(e.code).toBe('not_found');
    expect(e.message).toBe('没有 2099 年度培育库');
    expect(firms()).toBe(before);
    expect(fs.existsSync(snapshotsDir())).toBe(false);
  });

  it('a pool year given without adding to it does not stop the import', async () => {
    const r = await applyImport(h.db, h.file, { bytes: syntheticCsv(2, [2022]), fileName: 'new.csv', poolYear: 2099 }, 'tester');
    expect(r.report.plan!.counts.newFirms).toBe(2);
    expect(h.db.prepare('SELECT count(*) FROM pool_members WHERE year = 2099').pluck().get()).toBe(0);
  });

  it('adding to the pool without naming a year imports the firms into no pool', async () => {
    const before = h.db.prepare('SELECT count(*) FROM pool_members').pluck().get();
    await applyImport(h.db, h.file, { bytes: syntheticCsv(2, [2022]), fileName: 'new.csv', addToPool: true }, 'tester');
    expect(firms()).toBe(13);
    expect(h.db.prepare('SELECT count(*) FROM pool_members').pluck().get()).toBe(before);
  });
});

describe('applying an import', () => {
  it('takes a snapshot first, described by the file it comes before', async () => {
    const r = await applyImport(h.db, h.file, { bytes: syntheticCsv(1, [2022]), fileName: '2022年报.csv' }, 'tester');
    const [snap] = listSnapshots(h.db, h.file);
    expect(snap.reason).toBe('导入前：2022年报.csv');
    expect(path.resolve(snap.file)).toBe(path.resolve(r.snapshot));
    expect(h.db.prepare('SELECT snapshot_file FROM imports WHERE id = ?').pluck().get(r.importId)).toBe(r.snapshot);
  });
});
