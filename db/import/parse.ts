// From a sheet to records: find the header row below any title rows, map columns by name, key or synonym
// (or the analyst's own mapping), read units from headers, and check every cell. Each problem names the
// sheet, row and column, the value, and a plain reason.
import type { FigureKey, TitleCode } from '../figures';
import type { ReadFile, Sheet } from './read';
import { columnFor, headerUnit, TEMPLATE, TEMPLATE_SHEET, type TemplateColumn } from './template';
import { moneyFactor, readCell, type RawCell } from './values';

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
  figures: Partial<Record<FigureKey, number | null>>;
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

const FIRM_KEYS = ['town', 'chain', 'main_product', 'product_code', 'segment_since', 'founded_year', 'is_new_product', 'listed'];
const byKey = new Map(TEMPLATE.map((c) => [c.key, c]));
const show = (raw: RawCell) => (raw == null ? null : raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw));

function headerOf(rows: RawCell[][], mapping: Mapping): number | null {
  for (let r = 0; r < Math.min(rows.length, 30); r++) {
    const keys = new Set((rows[r] ?? []).map((c) => (c == null ? undefined : mapped(String(c), mapping)?.key)).filter(Boolean));
    if (keys.has('credit_code') && keys.has('name') && keys.size >= 3) return r;
  }
  return null;
}

function mapped(header: string, mapping: Mapping): TemplateColumn | undefined {
  const h = header.trim();
  if (h in mapping) return mapping[h] ? byKey.get(mapping[h]!) : undefined;
  return columnFor(h);
}

export function chooseSheet(file: ReadFile, wanted?: string): Sheet | null {
  if (wanted) return file.sheets.find((s) => s.name === wanted) ?? null;
  return file.sheets.find((s) => s.name === TEMPLATE_SHEET) ?? file.sheets.find((s) => headerOf(s.rows, {}) !== null) ?? file.sheets[0] ?? null;
}

export function parseSheet(sheet: Sheet, mapping: Mapping = {}): ParsedSheet {
  const problems: Problem[] = [];
  const fail = (row: number | null, column: string | null, value: string | null, reason: string, level: Problem['level'] = 'error') =>
    problems.push({ level, sheet: sheet.name, row, column, value, reason });
  const nonEmpty = sheet.rows.some((r) => r.some((c) => c != null && String(c).trim() !== ''));
  if (!nonEmpty) {
    fail(null, null, null, '文件或工作表是空的');
    return { sheet: sheet.name, headerRow: null, columns: [], records: [], problems };
  }
  const h = headerOf(sheet.rows, mapping);
  if (h === null) {
    fail(null, null, null, '找不到表头行：需要一行同时含有“统一社会信用代码”“企业名称”等列名（前 30 行内）');
    return { sheet: sheet.name, headerRow: null, columns: [], records: [], problems };
  }
  const columns: MappedColumn[] = (sheet.rows[h] ?? []).map((c, index) => {
    const header = c == null ? '' : String(c).trim();
    const col = header ? mapped(header, mapping) : undefined;
    return { index, header, key: col?.key ?? null, unit: header ? headerUnit(header) : null };
  });
  const seen = new Map<string, MappedColumn>();
  for (const c of columns) {
    if (!c.key) continue;
    const first = seen.get(c.key);
    if (first) fail(h + 1, c.header, null, `与“${first.header}”对应同一项（${byKey.get(c.key)!.header}），请在映射中只保留一列`);
    else seen.set(c.key, c);
    const col = byKey.get(c.key)!;
    if (col.kind === 'money' && moneyFactor(c.unit) === null) fail(h + 1, c.header, c.unit, `无法识别的金额单位“${c.unit}”（可用元、万元、亿元）`);
  }
  for (const req of TEMPLATE.filter((c) => c.required)) if (!seen.has(req.key)) fail(h + 1, null, null, `缺少必填列“${req.header}”`);
  if (problems.some((p) => p.level === 'error')) return { sheet: sheet.name, headerRow: h + 1, columns, records: [], problems };

  const records: ImportRecord[] = [];
  const firstRowOf = new Map<string, number>();
  for (let r = h + 1; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r] ?? [];
    if (!cells.some((c) => c != null && String(c).trim() !== '')) continue;
    const rowNo = r + 1;
    const rec: ImportRecord = { row: rowNo, creditCode: '', name: '', year: 0, firm: {}, titles: null, figures: {} };
    let ok = true;
    for (const c of seen.values()) {
      const col = byKey.get(c.key!)!;
      const raw = cells[c.index];
      const res = readCell(raw, col.kind, col.key, col.kind === 'money' ? (moneyFactor(c.unit) ?? 1) : 1);
      if (!res.ok) {
        fail(rowNo, c.header, show(raw), res.reason);
        ok = false;
        continue;
      }
      if (res.value === null && col.required) {
        fail(rowNo, c.header, null, `“${col.header}”不能为空`);
        ok = false;
        continue;
      }
      if (col.key === 'credit_code') rec.creditCode = res.value as string;
      else if (col.key === 'name') rec.name = res.value as string;
      else if (col.key === 'year') rec.year = res.value as number;
      else if (col.key === 'titles') rec.titles = (res.value as ImportRecord['titles']) ?? [];
      else if (FIRM_KEYS.includes(col.key)) (rec.firm as Record<string, unknown>)[col.key] = res.value;
      else rec.figures[col.key as FigureKey] = res.value as number | null;
    }
    if (!ok) continue;
    const k = `${rec.creditCode}|${rec.year}`;
    const first = firstRowOf.get(k);
    if (first !== undefined) {
      fail(rowNo, seen.get('credit_code')!.header, rec.creditCode, `与第 ${first} 行重复：同一企业同一年度只能有一行`);
      continue;
    }
    firstRowOf.set(k, rowNo);
    records.push(rec);
  }
  if (!records.length && !problems.length) fail(null, null, null, '表头下没有任何数据行');
  warnDecimalShares(seen, records, sheet.name, problems, h + 1);
  return { sheet: sheet.name, headerRow: h + 1, columns, records, problems };
}

/** A share column whose values all lie in 0–1 was probably written as a fraction (0.125 for 12.5 %). */
function warnDecimalShares(seen: Map<string, MappedColumn>, records: ImportRecord[], sheet: string, problems: Problem[], headerRow: number): void {
  for (const key of ['share_global', 'share_domestic', 'share_provincial', 'rd_staff_share'] as FigureKey[]) {
    const c = seen.get(key);
    if (!c) continue;
    const values = records.map((r) => r.figures[key]).filter((v): v is number => v != null);
    if (values.length >= 2 && values.every((v) => v <= 1) && values.some((v) => v > 0)) {
      problems.push({ level: 'warning', sheet, row: headerRow, column: c.header, value: null, reason: '该列数值全部在 0–1 之间，可能填成了小数（12.5% 应填 12.5）' });
    }
  }
}
