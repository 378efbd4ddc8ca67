// Opening an import file: xlsx streamed through exceljs (formulas by their cached result), CSV through papaparse after
// detecting the encoding — a BOM means UTF-8; text that is valid UTF-8 is UTF-8; anything else is read as
// GB18030 (what Excel and WPS write for "CSV" on Chinese Windows) unless the analyst says otherwise.
import type { CellRichTextValue, CellValue } from 'exceljs';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import type { RawCell } from './values';

export type Encoding = 'utf8' | 'gbk';

/** Takes one sheet's rows as they are read: the cells (cells[0] is column A) and the sheet's own 1-based row number. */
export type RowSink = (cells: RawCell[], rowNumber: number) => void;

export interface ReadFile {
  format: 'xlsx' | 'csv';
  encoding: 'utf-8' | 'utf-8-bom' | 'gb18030' | null;
  /** Every sheet's name, in the workbook's order. */
  sheets: string[];
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

function cellValue(v: CellValue): RawCell {
  if (v == null) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('result' in v) return cellValue((v as { result?: CellValue }).result ?? null); // formula: the cached result
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
    styles: 'ignore',
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
      for (let c = 1; c < values.length; c++) cells[c - 1] = cellValue(values[c] ?? null);
      sink(cells, row.number);
    }
  }
  return names;
}

/** Reads an import file, handing each sheet's rows to the sink `open` returns for it (null skips the sheet). */
export async function readImportFile(bytes: Uint8Array, fileName: string, encoding: Encoding | undefined, open: (sheet: string) => RowSink | null): Promise<ReadFile> {
  const zip = bytes.length >= 2 && bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (zip || /\.xlsx$/i.test(fileName)) {
    if (!zip) throw new Error('不是有效的 xlsx 文件');
    return { format: 'xlsx', encoding: null, sheets: await readXlsx(bytes, open) };
  }
  const { text, encoding: used } = decodeText(bytes, encoding);
  const name = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  const sink = open(name);
  if (sink) {
    let rowNumber = 0;
    // Parsed a row at a time, so the rows of a large file are never all held as strings.
    Papa.parse<string[]>(text, {
      skipEmptyLines: false,
      step: (res) => {
        // An empty field stays '' (every reader takes it as empty): no copy of each row.
        sink(res.data, ++rowNumber);
      },
    });
  }
  return { format: 'csv', encoding: used, sheets: [name] };
}
