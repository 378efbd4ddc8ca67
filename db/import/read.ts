// Opening an import file: xlsx streamed through exceljs (formulas by their cached result), CSV through papaparse after
// detecting the encoding — a BOM means UTF-8; text that is valid UTF-8 is UTF-8; anything else is read as
// GB18030 (what Excel and WPS write for "CSV" on Chinese Windows) unless the analyst says otherwise.
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import type { RawCell } from './values';

export type Encoding = 'utf8' | 'gbk';

export interface Sheet {
  name: string;
  /** rows[0] is the sheet's row 1; cells[0] is column A. */
  rows: RawCell[][];
}

export interface ReadFile {
  format: 'xlsx' | 'csv';
  encoding: 'utf-8' | 'utf-8-bom' | 'gb18030' | null;
  sheets: Sheet[];
}

export function decodeText(bytes: Uint8Array, override?: Encoding): { text: string; encoding: ReadFile['encoding'] } {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (override === 'gbk') return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  if (bom) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  if (override === 'utf8') return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  let utf8: string;
  try {
    utf8 = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
  // Short GBK text can happen to be valid UTF-8 (实强铜业 reads as ɻǿͭҵ): when only the GB18030 reading gives
  // Chinese, it is the right one.
  if (/[\u0080-\u07ff]/.test(utf8)) {
    const gb = new TextDecoder('gb18030').decode(bytes);
    const cjk = (t: string) => (t.match(/[\u4e00-\u9fff]/g) ?? []).length;
    if (cjk(gb) > cjk(utf8)) return { text: gb, encoding: 'gb18030' };
  }
  return { text: utf8, encoding: 'utf-8' };
}

function cellValue(v: ExcelJS.CellValue): RawCell {
  if (v == null) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('result' in v) return cellValue((v as { result?: ExcelJS.CellValue }).result ?? null); // formula: the cached result
    if ('richText' in v) return (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
    if ('text' in v) return String((v as { text: unknown }).text);
    if ('error' in v) return null;
  }
  return String(v);
}

/** Streams the workbook row by row (exceljs's streaming reader), so a large file is never held as a model. */
async function readXlsx(bytes: Uint8Array): Promise<Sheet[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  const sheets: Sheet[] = [];
  for await (const ws of reader) {
    const rows: RawCell[][] = [];
    for await (const row of ws) {
      const values = row.values as ExcelJS.CellValue[];
      const cells: RawCell[] = [];
      for (let c = 1; c < values.length; c++) cells.push(cellValue(values[c] ?? null));
      rows[row.number - 1] = cells;
    }
    sheets.push({ name: (ws as unknown as { name: string }).name, rows: Array.from(rows, (r) => r ?? []) });
  }
  return sheets;
}

export async function readImportFile(bytes: Uint8Array, fileName: string, encoding?: Encoding): Promise<ReadFile> {
  const zip = bytes.length >= 2 && bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (zip || /\.xlsx$/i.test(fileName)) {
    if (!zip) throw new Error('不是有效的 xlsx 文件');
    return { format: 'xlsx', encoding: null, sheets: await readXlsx(bytes) };
  }
  const { text, encoding: used } = decodeText(bytes, encoding);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const rows = parsed.data.map((r) => r.map((c) => (c === '' ? null : c)));
  while (rows.length && rows[rows.length - 1].every((c) => c == null)) rows.pop();
  const name = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  return { format: 'csv', encoding: used, sheets: [{ name, rows }] };
}
