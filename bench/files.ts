// Writing the synthetic rows as the files an analyst would receive: a UTF-8 CSV with BOM (as Excel saves
// "CSV UTF-8") and an xlsx with shared strings (as Excel and WPS write it), both streamed to disk.
import ExcelJS from '../db/exceljs';
import fs from 'node:fs';
import Papa from 'papaparse';
import { TEMPLATE_SHEET } from '../db/import/template';
import { HEADER, syntheticRows } from './synthetic';

export async function writeCsv(file: string, firms: number): Promise<void> {
  const out = fs.createWriteStream(file);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((ok) => out.once('drain', () => ok())));
  await write('\ufeff' + Papa.unparse([HEADER]) + '\r\n');
  let batch: (string | number | null)[][] = [];
  for (const row of syntheticRows(firms)) {
    batch.push(row);
    if (batch.length === 5000) {
      await write(Papa.unparse(batch, { newline: '\r\n' }) + '\r\n');
      batch = [];
    }
  }
  if (batch.length) await write(Papa.unparse(batch, { newline: '\r\n' }) + '\r\n');
  await new Promise<void>((ok, fail) => out.end((e?: Error) => (e ? fail(e) : ok())));
}

export async function writeXlsx(file: string, firms: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet(TEMPLATE_SHEET);
  ws.addRow(HEADER).commit();
  for (const row of syntheticRows(firms)) ws.addRow(row).commit();
  ws.commit();
  await wb.commit();
}
