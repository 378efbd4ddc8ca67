// Opening an import file. Its kind is told by its first bytes, never by its name: a zip is xlsx (streamed through
// exceljs, formulas by their cached result, percent-formatted cells marked) or OpenDocument; an OLE2 file is an
// Excel 97–2003 or WPS workbook; text is CSV, decoded as encoding.ts judges and split at the delimiter its
// header row uses. Anything else is refused with what to do.
import type { CellRichTextValue, CellValue } from 'exceljs';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { unguard } from '../export/cells';
import { decodeText, type Detected, type Encoding } from './encoding';
import { isPercentFormat, readOldWorkbook } from './oldFormats';
import { PercentCell, UncomputedFormula, type RawCell } from './values';

export type { Encoding } from './encoding';

/** Takes one sheet's rows as they are read: the cells (cells[0] is column A) and the sheet's own 1-based row number. */
export type RowSink = (cells: RawCell[], rowNumber: number) => void;

export type FileFormat = 'xlsx' | 'csv' | 'xls' | 'et' | 'ods';

export interface ReadFile {
  format: FileFormat;
  encoding: Detected | null;
  /** Every sheet's name, in the workbook's order. */
  sheets: string[];
}

/** A file the importer cannot read, with what the analyst should do. */
export class UnreadableFile extends Error {}

const SAVE_AS = '请在 Excel/WPS 中打开并另存为 .xlsx 后再导入';

function cellValue(v: CellValue, numFmt: string | undefined): RawCell {
  if (v == null) return null;
  if (typeof v === 'number') return isPercentFormat(numFmt) ? new PercentCell(v) : v;
  if (typeof v === 'string' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('formula' in v || 'sharedFormula' in v) {
      const f = v as { formula?: string; sharedFormula?: string; result?: CellValue };
      // A formula's cached result; a script (openpyxl, pandas) saves none, and no spreadsheet has computed one.
      return f.result === undefined ? new UncomputedFormula(f.formula ?? f.sharedFormula ?? '') : cellValue(f.result ?? null, numFmt);
    }
    if ('richText' in v) return (v as CellRichTextValue).richText.map((r) => r.text).join('');
    if ('text' in v) return String((v as { text: unknown }).text);
    if ('error' in v) return null;
  }
  return String(v);
}

/** Streams the workbook row by row (exceljs's streaming reader), so a large file is never held as a model. */
async function readXlsx(bytes: Uint8Array, open: (sheet: string) => RowSink | null): Promise<string[]> {
  const { default: ExcelJS } = await import('../exceljs'); // loaded when first needed: a quicker start
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    // Styles are read for number formats: a share typed as 12.5% is stored as 0.125 in a percent-formatted cell.
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  const names: string[] = [];
  for await (const ws of reader) {
    const name = (ws as unknown as { name: string }).name;
    names.push(name);
    const sink = open(name);
    for await (const row of ws) {
      if (!sink) continue;
      const values = row.values as CellValue[];
      const cells: RawCell[] = new Array(Math.max(0, values.length - 1));
      for (let c = 1; c < values.length; c++) {
        const v = values[c] ?? null;
        // Text needs no look at the cell's format; numbers and formulas do.
        cells[c - 1] = v === null || typeof v === 'string' ? v : cellValue(v, row.getCell(c).numFmt);
      }
      sink(cells, row.number);
    }
  }
  return names;
}

/** The delimiter the header row is split by: a comma, or a tab or semicolon only when the header itself uses it. */
function delimiterOf(text: string, isHeader: (cells: string[]) => boolean): string {
  const head = text.slice(0, 64 * 1024);
  for (const delimiter of [',', '\t', ';']) {
    const rows = Papa.parse<string[]>(head, { delimiter, preview: 30, skipEmptyLines: false }).data;
    if (rows.some((r) => isHeader(r))) return delimiter;
  }
  return ',';
}

/** A CSV cell as the app's own CSV export protects it: `'=…` (formula guard) and `="0123…"` (an all-digit code). */
function csvCell(s: string): string {
  const c = s.charCodeAt(0);
  if (c === 39) return unguard(s);
  if (c === 61) {
    const m = /^="(\d+)"$/.exec(s);
    if (m) return m[1];
  }
  return s;
}

function readCsv(text: string, isHeader: (cells: string[]) => boolean, sink: RowSink | null): void {
  if (!sink) return;
  const delimiter = delimiterOf(text, isHeader);
  let rowNumber = 0;
  // Parsed a row at a time, so the rows of a large file are never all held as strings.
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    step: (res) => {
      const cells = res.data;
      for (let i = 0; i < cells.length; i++) {
        const c = cells[i].charCodeAt(0);
        if (c === 39 || c === 61) cells[i] = csvCell(cells[i]);
      }
      sink(cells, ++rowNumber);
    },
  });
}

const startsWith = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** An OpenDocument package names its type in a first, uncompressed `mimetype` entry. */
function isOds(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(30, 120));
  return head.startsWith('mimetype') && head.includes('opendocument.spreadsheet');
}

/**
 * Binary files are full of control bytes; a text file (UTF-16 aside, which starts with its BOM) has none or a
 * stray one in a cell, which the cell checks then name by row and column instead of refusing the whole file.
 */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return control > Math.max(8, n / 100) || startsWith(bytes, [0x25, 0x50, 0x44, 0x46]); // %PDF
}

/**
 * An import file's bytes, handed over once: the reader takes them from here, so that once a CSV is decoded to
 * text nothing holds the bytes any more (a large file's bytes, text and records are never all in memory).
 */
export class FileBytes {
  #bytes: Uint8Array | null;
  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }
  get taken(): boolean {
    return this.#bytes === null;
  }
  take(): Uint8Array {
    const b = this.#bytes;
    if (!b) throw new Error('import file bytes already read');
    this.#bytes = null;
    return b;
  }
}

/**
 * Reads an import file, handing each sheet's rows to the sink `open` returns for it (null skips the sheet).
 * `isHeader` recognises a header row: it picks a CSV's delimiter and helps judge its encoding.
 */
export async function readImportFile(
  source: Uint8Array | FileBytes,
  fileName: string,
  encoding: Encoding | undefined,
  open: (sheet: string) => RowSink | null,
  isHeader: (cells: string[]) => boolean = () => false,
): Promise<ReadFile> {
  let bytes: Uint8Array | null = source instanceof FileBytes ? source.take() : source;
  if (startsWith(bytes, ZIP)) {
    if (isOds(bytes)) return { format: 'ods', encoding: null, sheets: await oldWorkbook(bytes, open, 'OpenDocument 表格（.ods）') };
    try {
      return { format: 'xlsx', encoding: null, sheets: await readXlsx(bytes, open) };
    } catch (e) {
      throw new UnreadableFile(`不是可读取的 xlsx 工作簿（${(e as Error).message}）：${SAVE_AS}`);
    }
  }
  if (startsWith(bytes, OLE2)) {
    const et = /\.et$/i.test(fileName);
    return { format: et ? 'et' : 'xls', encoding: null, sheets: await oldWorkbook(bytes, open, et ? 'WPS 表格（.et）' : 'Excel 97–2003 工作簿（.xls）') };
  }
  const utf16 = startsWith(bytes, [0xff, 0xfe]);
  if (!utf16 && looksBinary(bytes)) throw new UnreadableFile(`不是表格文件（既不是 xlsx/xls/et/ods 工作簿，也不是 CSV 文本）：${SAVE_AS}`);
  const recognised = (text: string) => [',', '\t', ';'].some((delimiter) => Papa.parse<string[]>(text, { delimiter, preview: 30 }).data.some((r) => isHeader(r)));
  const { text, encoding: used } = decodeText(bytes, encoding, recognised);
  // The text is all that is read from now on: let the bytes go, so they are not held beside the text and records.
  // eslint-disable-next-line no-useless-assignment -- the assignment frees memory; nothing reads it afterwards
  bytes = null;
  const name = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  readCsv(text, isHeader, open(name));
  return { format: 'csv', encoding: used, sheets: [name] };
}

async function oldWorkbook(bytes: Uint8Array, open: (sheet: string) => RowSink | null, kind: string): Promise<string[]> {
  try {
    return await readOldWorkbook(bytes, open);
  } catch (e) {
    throw new UnreadableFile(`无法读取这个${kind}（${(e as Error).message}）：${SAVE_AS}`);
  }
}
