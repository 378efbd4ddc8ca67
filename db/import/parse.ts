// From a sheet to records: find the header row below any title rows, map columns by name, key or synonym
// (or the analyst's own mapping), read units from headers, and check every cell. Each problem names the
// sheet, row and column, the value, and a plain reason.
import { emptyFigureRow, FIGURE_INDEX, figureAt, type FigureKey, type FigureRow, type TitleCode } from '../figures';
import { readImportFile, type Encoding, type FileBytes, type ReadFile } from './read';
import type { UnitChoices } from './units';
import { columnFor, headerUnit, TEMPLATE, TEMPLATE_SHEET, type TemplateColumn } from './template';
import { CellError, columnReader, type ColumnReader } from './readers';
import { moneyFactor, shownCell, UncomputedFormula, type RawCell } from './values';

export interface Problem {
  level: 'error' | 'warning';
  sheet: string;
  /** The spreadsheet's own row number (1-based), or null for the whole file. */
  row: number | null;
  column: string | null;
  value: string | null;
  reason: string;
}

export interface MappedColumn {
  index: number;
  header: string;
  key: string | null;
  unit: string | null;
}

export interface FirmFields {
  town?: string | null;
  chain?: string | null;
  main_product?: string | null;
  product_code?: string | null;
  segment_since?: number | null;
  founded_year?: number | null;
  is_new_product?: boolean | null;
  listed?: boolean | null;
}

export interface ImportRecord {
  row: number;
  creditCode: string;
  name: string;
  year: number;
  firm: FirmFields;
  titles: { code: TitleCode; year: number | null }[] | null;
  /** In FIGURE_KEYS order, NaN where the file gives no value (or has no such column). */
  figures: FigureRow;
}

export interface ParsedSheet {
  sheet: string;
  headerRow: number | null;
  columns: MappedColumn[];
  records: ImportRecord[];
  problems: Problem[];
}

/** header text → template key, or null to ignore the column. */
export type Mapping = Record<string, string | null>;

const byKey = new Map(TEMPLATE.map((c) => [c.key, c]));

/** The unit the analyst chose for a column (by the file's header text, or by template name or key), else its header's. */
function chosenUnit(units: UnitChoices, header: string, col: TemplateColumn | undefined): string | null {
  if (col) for (const [name, unit] of Object.entries(units)) if (name === header || columnFor(name)?.key === col.key) return unit;
  return header ? headerUnit(header) : null;
}

function isHeader(cells: RawCell[], mapping: Mapping): boolean {
  // Stryker disable next-line ConditionalExpression: an empty cell read as the text "null" names no column either
  const keys = new Set(cells.map((c) => (c == null ? undefined : mapped(String(c), mapping)?.key)).filter(Boolean));
  return keys.has('credit_code') && keys.has('name') && keys.size >= 3;
}

function mapped(header: string, mapping: Mapping): TemplateColumn | undefined {
  const h = header.trim();
  if (h in mapping) return mapping[h] ? byKey.get(mapping[h]!) : undefined;
  return columnFor(h);
}

/** Where a column's value goes in a record: a figure's index in FigureRow (≥ 0), or one of the fields below. */
type Slot = number;
const CREDIT_CODE = -1;
const NAME = -2;
const YEAR = -3;
const TITLES = -4;
const FIRM = -5;
const FIELD_SLOTS: Record<string, Slot> = { credit_code: CREDIT_CODE, name: NAME, year: YEAR, titles: TITLES };
/** Chosen once per column at the header row, so a row's cells go to their places without a lookup by name. */
const slotOf = (col: TemplateColumn): Slot => FIELD_SLOTS[col.key] ?? (col.firmLevel ? FIRM : FIGURE_INDEX.get(col.key as FigureKey)!);

/**
 * One sheet's rows, taken as they stream in: each of the first 30 is tested as the header; after the header,
 * each row becomes a record (or problems) at once, so a large file is never held as rows of strings.
 */
export class SheetParser {
  private readonly problems: Problem[] = [];
  private headerRow: number | null = null;
  private columns: MappedColumn[] = [];
  private readers: { c: MappedColumn; col: TemplateColumn; read: ColumnReader; slot: Slot }[] = [];
  private blankFirm: FirmFields = {};
  private readonly records: ImportRecord[] = [];
  private readonly firstRowOf = new Map<string, number>();
  private nonEmpty = false;
  // Stryker disable next-line BooleanLiteral: set at the header row, before any row is read
  private headerFailed = false;

  constructor(
    readonly sheet: string,
    private readonly mapping: Mapping = {},
    private readonly units: UnitChoices = {},
  ) {}

  /** Whether a header row was found in the first 30 rows seen so far. */
  get hasHeader(): boolean {
    return this.headerRow !== null;
  }

  private fail(row: number | null, column: string | null, value: string | null, reason: string, level: Problem['level'] = 'error') {
    this.problems.push({ level, sheet: this.sheet, row, column, value, reason });
  }

  push = (cells: RawCell[], rowNumber: number): void => {
    const filled = cells.some((c) => c != null && String(c).trim() !== '');
    if (filled) this.nonEmpty = true;
    if (this.headerRow !== null) {
      if (filled && !this.headerFailed) this.row(cells, rowNumber);
      return;
    }
    // The header must lie within the sheet's first 30 rows.
    if (rowNumber > 30) return;
    if (isHeader(cells, this.mapping)) this.header(cells, rowNumber);
  };

  private header(cells: RawCell[], rowNumber: number): void {
    this.headerRow = rowNumber;
    this.columns = cells.map((c, index) => {
      const header = c == null ? '' : String(c).trim();
      const col = header ? mapped(header, this.mapping) : undefined;
      return { index, header, key: col?.key ?? null, unit: col?.kind === 'money' ? chosenUnit(this.units, header, col) : header ? headerUnit(header) : null };
    });
    const seen = new Map<string, MappedColumn>();
    for (const c of this.columns) {
      if (!c.key) continue;
      const first = seen.get(c.key);
      if (first) this.fail(rowNumber, c.header, null, `与“${first.header}”对应同一项（${byKey.get(c.key)!.header}），请在映射中只保留一列`);
      else seen.set(c.key, c);
      const col = byKey.get(c.key)!;
      if (col.kind === 'money' && moneyFactor(c.unit) === null) this.fail(rowNumber, c.header, c.unit, `无法识别的金额单位“${c.unit}”（可用元、万元、亿元）`);
    }
    for (const req of TEMPLATE.filter((c) => c.required)) if (!seen.has(req.key)) this.fail(rowNumber, null, null, `缺少必填列“${req.header}”`);
    // Stryker disable next-line ConditionalExpression: every problem the header row can raise is an error
    this.headerFailed = this.problems.some((p) => p.level === 'error');
    this.readers = [...seen.values()].map((c) => {
      const col = byKey.get(c.key!)!;
      return { c, col, read: columnReader(col, col.kind === 'money' ? (moneyFactor(c.unit) ?? 1) : 1), slot: slotOf(col) };
    });
    // Stryker disable next-line MethodExpression,ArrowFunction,ConditionalExpression,ArrayDeclaration: every firm column is written for each row below; the blank shape only gives all records one object layout
    this.blankFirm = Object.fromEntries(this.readers.filter((r) => r.col.firmLevel && r.col.key !== 'titles').map((r) => [r.col.key, null]));
  }

  private row(cells: RawCell[], rowNo: number): void {
    // The firm fields cloned from the header's blank shape, so every record shares one layout (a province file has 500,000).
    // Stryker disable next-line StringLiteral,ObjectLiteral: the code and name are required, so always written below; the firm, as above
    const rec: ImportRecord = { row: rowNo, creditCode: '', name: '', year: 0, firm: { ...this.blankFirm }, titles: null, figures: emptyFigureRow() };
    let ok = true;
    for (const { c, col, read, slot } of this.readers) {
      const raw = cells[c.index];
      if (raw instanceof UncomputedFormula) {
        this.fail(rowNo, c.header, shownCell(raw), `第${rowNo}行 ${c.header}列是公式且没有计算结果：请在 Excel 中打开并保存一次`);
        ok = false;
        continue;
      }
      const value = read(raw);
      if (value instanceof CellError) {
        this.fail(rowNo, c.header, shownCell(raw), value.reason);
        ok = false;
        continue;
      }
      if (value === null && col.required) {
        this.fail(rowNo, c.header, null, `“${col.header}”不能为空`);
        ok = false;
        continue;
      }
      if (slot >= 0) {
        if (value !== null) rec.figures[slot] = value as number;
      } else if (slot === CREDIT_CODE) rec.creditCode = value as string;
      else if (slot === NAME) rec.name = value as string;
      else if (slot === YEAR) rec.year = value as number;
      else if (slot === TITLES) rec.titles = (value as ImportRecord['titles']) ?? [];
      else (rec.firm as Record<string, unknown>)[col.key] = value;
    }
    if (!ok) return;
    const k = `${rec.creditCode}|${rec.year}`;
    const first = this.firstRowOf.get(k);
    if (first !== undefined) {
      this.fail(rowNo, this.readers.find((r) => r.col.key === 'credit_code')!.c.header, rec.creditCode, `与第 ${first} 行重复：同一企业同一年度只能有一行`);
      return;
    }
    this.firstRowOf.set(k, rowNo);
    this.records.push(rec);
  }

  finish(): ParsedSheet {
    const { sheet, problems, records } = this;
    if (!this.nonEmpty) {
      this.fail(null, null, null, '文件或工作表是空的');
      return { sheet, headerRow: null, columns: [], records: [], problems };
    }
    if (this.headerRow === null) {
      this.fail(null, null, null, '找不到表头行：需要一行同时含有“统一社会信用代码”“企业名称”等列名（前 30 行内）');
      return { sheet, headerRow: null, columns: [], records: [], problems };
    }
    // Stryker disable next-line ConditionalExpression: after a failed header no row was read, so the rest returns the same
    if (this.headerFailed) return { sheet, headerRow: this.headerRow, columns: this.columns, records: [], problems };
    if (!records.length && !problems.length) this.fail(null, null, null, '表头下没有任何数据行');
    warnDecimalShares(new Map(this.readers.map((r) => [r.col.key, r.c])), records, sheet, problems, this.headerRow);
    return { sheet, headerRow: this.headerRow, columns: this.columns, records, problems };
  }
}

export interface ParsedFile {
  file: ReadFile;
  /** The sheet the analyst named, else 企业年度数据, else the first with a header row, else the first; null when there is none. */
  parsed: ParsedSheet | null;
}

export interface ParseOptions {
  encoding?: Encoding;
  sheet?: string;
  mapping?: Mapping;
  /** The analyst's unit for money columns (template key or header → 元 / 万元 / 亿元), overriding the header's. */
  units?: UnitChoices;
  /** Told every PROGRESS_ROWS rows (and as each sheet starts, and at the end) how far the reading has got. */
  progress?: (p: ReadProgress) => void;
}

/** Rows read and checked so far, and where known how much of the file: `done` of `total` (a CSV's characters; a
 * workbook's sheets started, total 0). */
export interface ReadProgress {
  rows: number;
  done: number;
  total: number;
}

/** How many rows between two progress reports: often enough for a progress bar, rare enough to cost nothing. */
export const PROGRESS_ROWS = 2000;

/** Reads and parses an import file in one streaming pass. */
export async function parseImportFile(bytes: Uint8Array | FileBytes, fileName: string, options: ParseOptions = {}): Promise<ParsedFile> {
  const parsers: SheetParser[] = [];
  const mapping = options.mapping ?? {};
  const { progress } = options;
  const at: ReadProgress = { rows: 0, done: 0, total: 0 };
  const file = await readImportFile(
    bytes,
    fileName,
    options.encoding,
    (name) => {
      if (options.sheet !== undefined && name !== options.sheet) return null;
      const p = new SheetParser(name, mapping, options.units);
      parsers.push(p);
      if (!progress) return p.push;
      at.done = parsers.length;
      progress({ ...at });
      return (cells, rowNumber) => {
        p.push(cells, rowNumber);
        if (++at.rows % PROGRESS_ROWS === 0) progress({ ...at });
      };
    },
    (cells) => isHeader(cells, mapping),
    progress
      ? (done, total) => {
          at.done = done;
          at.total = total;
        }
      : undefined,
  );
  progress?.({ ...at });
  const named = options.sheet !== undefined ? parsers[0] : parsers.find((p) => p.sheet === TEMPLATE_SHEET);
  const withHeader = named ? undefined : parsers.find((p) => p.hasHeader);
  const chosen = named ?? withHeader ?? parsers[0];
  const parsed = chosen ? chosen.finish() : null;
  // Scripts (openpyxl, pandas) name the sheet Sheet1: the one sheet with a header row is read, and the analyst told.
  if (parsed && withHeader && file.format !== 'csv') {
    parsed.problems.unshift({
      level: 'warning',
      sheet: parsed.sheet,
      row: null,
      column: null,
      value: null,
      reason: `没有名为“${TEMPLATE_SHEET}”的工作表，已读取含有表头行的工作表“${parsed.sheet}”；如不对，请选择工作表`,
    });
  }
  return { file, parsed };
}

/** A share column whose values all lie in 0–1 was probably written as a fraction (0.125 for 12.5 %). */
function warnDecimalShares(seen: Map<string, MappedColumn>, records: ImportRecord[], sheet: string, problems: Problem[], headerRow: number): void {
  for (const key of ['share_global', 'share_domestic', 'share_provincial', 'rd_staff_share'] as FigureKey[]) {
    const c = seen.get(key);
    if (!c) continue;
    let given = 0;
    let positive = false;
    let fractions = true;
    for (const r of records) {
      const v = figureAt(r.figures, key);
      if (v == null) continue;
      given++;
      if (v > 0) positive = true;
      if (v > 1) {
        fractions = false;
        break;
      }
    }
    // One row is enough: a lone share of 0.125 is as likely a fraction as three of them (README: a warning only).
    if (given >= 1 && fractions && positive) {
      problems.push({ level: 'warning', sheet, row: headerRow, column: c.header, value: null, reason: '该列数值全部在 0–1 之间，可能填成了小数（12.5% 应填 12.5）' });
    }
  }
}
