// Opening an import file. Its kind is told by its first bytes, never by its name: a zip is xlsx (streamed by
// xlsx.ts, formulas by their cached result, percent-formatted cells marked) or OpenDocument; an OLE2 file is an
// Excel 97–2003 or WPS workbook; text is CSV, decoded as encoding.ts judges and split at the delimiter its
// header row uses. Anything else is refused with what to do.
import Papa from 'papaparse';
import { unguard } from '../export/cells';
import { decodeText, type Detected, type Encoding } from './encoding';
import { readOldWorkbook } from './oldFormats';
import type { RawCell } from './values';
import { readXlsx } from './xlsx';

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

/** The delimiters a CSV's header row may use, in the order they are tried. */
const DELIMITERS = [',', '\t', ';'];

/** The delimiter the header row is split by: a comma, or a tab or semicolon only when the header itself uses it. */
function delimiterOf(text: string, isHeader: (cells: string[]) => boolean): string {
  // Stryker disable next-line MethodExpression: bounds the work on a text without line breaks; a header the checks look for sits in the first 30 rows, far inside 64 KiB
  const head = text.slice(0, 64 * 1024);
  for (const delimiter of DELIMITERS) {
    const rows = Papa.parse<string[]>(head, { delimiter, preview: 30 }).data;
    if (rows.some((r) => isHeader(r))) return delimiter;
  }
  return ',';
}

/** A CSV cell as the app's own CSV export protects it: `'=…` (formula guard) and `="0123…"` (an all-digit code). */
function csvCell(s: string): string {
  const c = s.charCodeAt(0);
  if (c === 39) return unguard(s);
  const m = /^="(\d+)"$/.exec(s);
  return m ? m[1] : s;
}

/** Told how far into the file the reading has got: `done` of `total` (a CSV's characters). */
export type Position = (done: number, total: number) => void;

function readCsv(text: string, isHeader: (cells: string[]) => boolean, sink: RowSink | null, position?: Position): void {
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
        // Stryker disable next-line ConditionalExpression: only spares the call; any other cell comes back as it is
        if (c === 39 || c === 61) cells[i] = csvCell(cells[i]);
      }
      sink(cells, ++rowNumber);
      position?.(res.meta.cursor, text.length);
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
 * `isHeader` recognises a header row: it picks a CSV's delimiter and helps judge its encoding. `position`, where
 * given, is told after each CSV row how much of the text is read.
 */
export async function readImportFile(
  source: Uint8Array | FileBytes,
  fileName: string,
  encoding: Encoding | undefined,
  open: (sheet: string) => RowSink | null,
  isHeader: (cells: string[]) => boolean,
  position?: Position,
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
  const recognised = (text: string) => DELIMITERS.some((delimiter) => Papa.parse<string[]>(text, { delimiter, preview: 30 }).data.some((r) => isHeader(r)));
  const { text, encoding: used } = decodeText(bytes, encoding, recognised);
  // The text is all that is read from now on: let the bytes go, so they are not held beside the text and records.
  // eslint-disable-next-line no-useless-assignment -- the assignment frees memory; nothing reads it afterwards
  bytes = null;
  const name = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  readCsv(text, isHeader, open(name), position);
  return { format: 'csv', encoding: used, sheets: [name] };
}

async function oldWorkbook(bytes: Uint8Array, open: (sheet: string) => RowSink | null, kind: string): Promise<string[]> {
  try {
    return await readOldWorkbook(bytes, open);
  } catch (e) {
    throw new UnreadableFile(`无法读取这个${kind}（${(e as Error).message}）：${SAVE_AS}`);
  }
}
