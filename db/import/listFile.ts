// Reading one of the lists (融资需求名单, 上市后备库, 奖补台账) from xlsx/xls/ods/CSV with the figures import's
// reader and cell rules: the header row is found below any title rows (within the first 30), columns are
// mapped by name, units read from headers, every cell checked; each problem names sheet, row, column and value.
// The 合计 row and notes under a table (as the app's own exports write them) are skipped.
import { readImportFile, UnreadableFile, type Encoding, type FileFormat } from './read';
import type { Problem } from './parse';
import { headerUnit } from './template';
import { moneyFactor, readCell, readMoney, shownCell, type RawCell } from './values';

export type ListCellKind = 'text' | 'credit_code' | 'money' | 'date' | 'year' | 'choice';

export interface ListColumn {
  key: string;
  /** The header the app writes, and other names a sheet may use for the column (units in brackets ignored). */
  names: string[];
  kind: ListCellKind;
  required?: boolean;
  choices?: readonly string[];
}

export type ListValue = string | number | null;
export interface ListRow {
  sheet: string;
  row: number;
  values: Record<string, ListValue>;
  /** The header of each column read, for messages about a value. */
  headers: Record<string, string>;
}

export interface ListFile {
  format: FileFormat;
  sheet: string | null;
  rows: ListRow[];
  problems: Problem[];
}

const bare = (h: string) =>
  h
    .replace(/[（(][^）)]*[)）]/g, '')
    .replace(/[\s\u3000*＊]/g, '');


/** 2023-07-28, 2023/7/28, 2023.7.28, 2023年7月28日 or a date cell → YYYY-MM-DD. */
export function readDate(raw: RawCell): { value: string | null } | { reason: string } {
  if (raw == null || (typeof raw === 'string' && raw.trim() === '')) return { value: null };
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? { reason: '不是有效日期' } : { value: raw.toISOString().slice(0, 10) };
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(String(raw).normalize('NFKC').trim());
  if (!m) return { reason: '日期应写作 2023-07-28 或 2023年7月28日' };
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  const t = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== iso ? { reason: '不是有效日期' } : { value: iso };
}

class ListSheet {
  headerRow: number | null = null;
  /** `factor` scales a money column's figures to 万元 by its header's unit; null for a unit no one can read. */
  private cols: { index: number; col: ListColumn; header: string; factor: number | null }[] = [];
  readonly rows: ListRow[] = [];
  readonly problems: Problem[] = [];

  constructor(
    readonly sheet: string,
    private readonly columns: ListColumn[],
  ) {}

  private fail(row: number | null, column: string | null, value: string | null, reason: string) {
    this.problems.push({ level: 'error', sheet: this.sheet, row, column, value, reason });
  }

  push = (cells: RawCell[], rowNumber: number): void => {
    if (this.headerRow === null) {
      if (rowNumber <= 30) this.tryHeader(cells, rowNumber);
      return;
    }
    const filled = cells.some((c) => c != null && String(c).trim() !== '');
    if (!filled) return;
    const lead = cells
      .slice(0, 3)
      .map((c) => (c == null ? '' : String(c).trim()))
      .join('');
    if (/^(合计|总计|注[:：]|说明[:：])/.test(lead)) return;
    this.read(cells, rowNumber);
  };

  private tryHeader(cells: RawCell[], rowNumber: number) {
    const found: typeof this.cols = [];
    cells.forEach((c, index) => {
      // Stryker disable next-line ConditionalExpression: without the check a blank cell reads as "null"/"undefined", which names no column either
      if (c == null) return;
      const header = String(c).trim();
      const col = this.columns.find((x) => x.names.some((n) => bare(n) === bare(header)));
      if (col && !found.some((f) => f.col.key === col.key)) {
        found.push({ index, col, header, factor: col.kind === 'money' ? moneyFactor(headerUnit(header)) : 1 });
      }
    });
    const required = this.columns.filter((c) => c.required);
    if (found.length < 3 || !required.every((r) => found.some((f) => f.col.key === r.key))) return;
    this.headerRow = rowNumber;
    this.cols = found;
    // A figure in 千万元 or 美元 read as 万元 would be silently wrong: the file is refused at the header.
    for (const f of found) if (f.factor === null) this.fail(rowNumber, f.header, headerUnit(f.header), `无法识别的金额单位“${headerUnit(f.header)}”（可用元、万元、亿元）`);
  }

  private read(cells: RawCell[], row: number) {
    const values: Record<string, ListValue> = {};
    const headers: Record<string, string> = {};
    let ok = true;
    for (const { index, col, header, factor } of this.cols) {
      const raw = cells[index];
      headers[col.key] = header;
      // Every cell of the row is checked: a bad cell does not hide an empty required one after it.
      let cellOk = true;
      const bad = (reason: string) => {
        this.fail(row, header, shownCell(raw), reason);
        cellOk = ok = false;
      };
      let value: ListValue = null;
      if (col.kind === 'money') {
        const r = readMoney(raw, factor ?? 1);
        if ('reason' in r) bad(r.reason);
        else if (r.value !== null && r.value < 0) bad('金额不能为负数');
        else value = r.value;
      } else if (col.kind === 'date') {
        const r = readDate(raw);
        if ('reason' in r) bad(r.reason);
        else value = r.value;
      } else {
        const r = readCell(raw, col.kind === 'choice' ? 'text' : col.kind, col.key);
        if (!r.ok) bad(r.reason);
        else value = r.value as ListValue;
        if (col.kind === 'choice' && typeof value === 'string' && !col.choices!.includes(value)) bad(`应为以下之一：${col.choices!.join('、')}`);
      }
      if (value === null && col.required && cellOk) bad('必填，不能为空');
      values[col.key] = value;
    }
    if (ok) this.rows.push({ sheet: this.sheet, row, values, headers });
  }
}

/**
 * Reads the first sheet of a list file that has the list's header. A file that cannot be read, or has no such
 * sheet, gives one problem for the whole file.
 */
export async function readListFile(bytes: Uint8Array, fileName: string, encoding: Encoding | undefined, columns: ListColumn[], listName: string): Promise<ListFile> {
  const sheets: ListSheet[] = [];
  let format: FileFormat = 'csv';
  const isHeader = (cells: string[]) => {
    // Stryker disable next-line StringLiteral: the probe's sheet name is never shown
    const probe = new ListSheet('', columns);
    probe.push(cells, 1);
    return probe.headerRow !== null;
  };
  try {
    const read = await readImportFile(
      bytes,
      fileName,
      encoding,
      (sheet) => {
        const s = new ListSheet(sheet, columns);
        sheets.push(s);
        return s.push;
      },
      isHeader,
    );
    format = read.format;
  } catch (e) {
    if (!(e instanceof UnreadableFile)) throw e;
    return { format, sheet: null, rows: [], problems: [{ level: 'error', sheet: fileName, row: null, column: null, value: null, reason: e.message }] };
  }
  const sheet = sheets.find((s) => s.headerRow !== null);
  if (!sheet) {
    const needed = columns.filter((c) => c.required).map((c) => c.names[0]);
    return {
      format,
      sheet: null,
      rows: [],
      problems: [{ level: 'error', sheet: fileName, row: null, column: null, value: null, reason: `没有找到${listName}的表头（前 30 行内须有一行不少于 3 个列名，其中须有：${needed.join('、')}）。请使用本程序导出的表格格式。` }],
    };
  }
  return { format, sheet: sheet.sheet, rows: sheet.rows, problems: sheet.problems };
}
