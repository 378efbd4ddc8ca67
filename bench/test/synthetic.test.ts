// The benchmark's data must be what it claims: deterministic, in every template column, and accepted by the
// importer as it stands (a refused file would make every import figure meaningless).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseImportFile } from '../../db/import/parse';
import { TEMPLATE } from '../../db/import/template';
import { tempDir } from '../../db/test/helpers';
import { writeCsv, writeXlsx } from '../files';
import { HEADER, syntheticRows, YEARS } from '../synthetic';

describe('the synthetic province', () => {
  it('is the same on every run', () => {
    expect(JSON.stringify([...syntheticRows(30)])).toBe(JSON.stringify([...syntheticRows(30)]));
  });

  it('fills every template column and is imported without a problem, from CSV and from xlsx alike', async () => {
    const dir = tempDir();
    const csv = path.join(dir, 'p.csv');
    const xlsx = path.join(dir, 'p.xlsx');
    await writeCsv(csv, 200);
    await writeXlsx(xlsx, 200);
    expect(HEADER).toEqual(TEMPLATE.map((c) => c.header));
    const rows = [...syntheticRows(200)];
    for (let c = 0; c < HEADER.length; c++) expect(rows.some((r) => r[c] != null), HEADER[c]).toBe(true);
    const fromCsv = (await parseImportFile(new Uint8Array(fs.readFileSync(csv)), 'p.csv')).parsed!;
    const fromXlsx = (await parseImportFile(new Uint8Array(fs.readFileSync(xlsx)), 'p.xlsx')).parsed!;
    expect(fromCsv.problems).toEqual([]);
    expect(fromCsv.records).toHaveLength(200 * YEARS.length);
    expect(fromXlsx.records.map(({ row: _row, ...r }) => r)).toEqual(fromCsv.records.map(({ row: _row, ...r }) => r));
  });
});
