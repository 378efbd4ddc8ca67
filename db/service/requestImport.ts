// Importing an existing 诉求台账 (xlsx, old workbooks or CSV): read exactly as the annual template is (the same
// reader, encoding judgement, header search and cell rules for codes and text), every cell checked with a
// problem naming sheet, row and column; a preview first; applied after a snapshot in one transaction, or not
// at all. Firms the pool does not know are recorded, marked not in the pool.
import type Database from 'better-sqlite3';
import type { MethodOutput, ParsedInput } from '../contract';
import { normaliseCreditCode } from '../creditCode';
import { AppError } from '../errors';
import type { Problem } from '../import/parse';
import { FileBytes, readImportFile, UnreadableFile, type ReadFile } from '../import/read';
import { headerStem } from '../import/template';
import { readCell, type RawCell } from '../import/values';
import { dateProblems, REQUEST_HANDLINGS, REQUEST_ORIGINS, REQUEST_RATINGS, STATUS_ZH, zhDate } from '../requestRules';
import { rotateSnapshots, takeSnapshot } from '../snapshots';
import { insertSource } from '../store/sources';
import { nowIso } from '../time';
import { visibleText } from '../text';
import { importFileBytes } from './importFile';
import { audit, extendLists, firmFor, requestLists } from './requests';

type Report = MethodOutput<'requests.importAnalyse'>;
type Input = ParsedInput<'requests.importAnalyse'>;

export const REQUEST_SHEET = '诉求台账';

interface LedgerColumn {
  key: string;
  header: string;
  kind: 'credit_code' | 'text' | 'note' | 'date' | 'choice';
  required: boolean;
  synonyms: string[];
  choices?: readonly string[];
  note: string;
}

const c = (key: string, header: string, kind: LedgerColumn['kind'], synonyms: string[] = [], extra: Partial<LedgerColumn> = {}): LedgerColumn => ({ key, header, kind, required: false, synonyms, note: '', ...extra });

/** The ledger template's columns, in order; the last three are read when present. */
export const LEDGER_COLUMNS: readonly LedgerColumn[] = [
  c('credit_code', '统一社会信用代码', 'credit_code', ['信用代码', '社会信用代码', '统一代码'], { required: true, note: '18 位，校验位按 GB 32100-2015 核对' }),
  c('name', '企业名称', 'text', ['单位名称', '企业全称', '公司名称'], { required: true, note: '库中没有的企业登记为培育库外企业' }),
  c('town', '所属镇街', 'text', ['镇街', '所在镇街', '乡镇（街道）']),
  c('origin', '诉求来源', 'choice', ['来源'], { choices: REQUEST_ORIGINS, note: REQUEST_ORIGINS.join(' / ') + '；空白按“其他”' }),
  c('category', '诉求类别', 'text', ['类别', '问题类别', '诉求类型'], { required: true, note: '不在列表中的类别随导入加入列表' }),
  c('content', '诉求内容', 'note', ['问题内容', '诉求事项', '具体诉求', '问题描述'], { required: true }),
  c('received', '提出日期', 'date', ['诉求日期', '受理日期', '登记日期', '提出时间'], { required: true, note: '如 2023-07-28 或 2023年7月28日' }),
  c('handling', '处理方式', 'choice', ['办理方式'], { choices: REQUEST_HANDLINGS, note: '就地解决 / 上报专班；空白时有责任部门按“上报专班”' }),
  c('department', '责任部门', 'text', ['责任单位', '承办部门', '牵头部门'], { note: '不在列表中的部门随导入加入列表' }),
  c('assigned', '交办日期', 'date', ['交办时间']),
  c('deadline', '办理时限', 'date', ['时限', '办结时限', '限期']),
  c('closed', '办结日期', 'date', ['办结时间', '完成日期']),
  c('result', '办理结果', 'note', ['办理情况', '办结情况', '处理结果']),
  c('rating', '企业评价', 'choice', ['评价', '满意度', '回访评价'], { choices: REQUEST_RATINGS, note: '满意 / 基本满意 / 不满意（不满意的记为重办）' }),
  c('visited', '回访日期', 'date', ['回访时间'], { note: '有企业评价而无回访日期时按办结日期记录' }),
  c('taken_by', '服务专员', 'text', ['受理人', '专员']),
  c('status', '办理状态', 'choice', ['状态'], { choices: [...Object.values(STATUS_ZH), '超期办结'], note: '只作核对：与日期不符时提示' }),
];

const index = new Map<string, LedgerColumn>();
for (const col of LEDGER_COLUMNS) for (const n of [col.header, col.key, ...col.synonyms]) index.set(headerStem(n), col);
const byKey = new Map(LEDGER_COLUMNS.map((col) => [col.key, col]));

function columnOf(header: string, mapping: Record<string, string | null>): LedgerColumn | undefined {
  const h = header.trim();
  if (h in mapping) return mapping[h] ? byKey.get(mapping[h]!) : undefined;
  return index.get(headerStem(h));
}

function isHeader(cells: RawCell[], mapping: Record<string, string | null>): boolean {
  const keys = new Set(cells.map((x) => (x == null ? undefined : columnOf(String(x), mapping)?.key)).filter(Boolean));
  return keys.has('credit_code') && keys.has('content') && keys.size >= 3;
}

const p2 = (n: number) => String(n).padStart(2, '0');

/** A date cell: a real date cell, an Excel day number, or 2023-07-28 / 2023/7/28 / 2023.7.28 / 2023年7月28日 / 20230728. */
export function readDate(raw: RawCell): { value: string | null } | { reason: string } {
  if (raw == null || (typeof raw === 'string' && /^[\s\-—/无]*$/.test(raw))) return { value: null };
  if (raw instanceof Date) return { value: raw.toISOString().slice(0, 10) };
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw) || raw < 20000 || raw > 80000) return { reason: '不是日期' };
    return { value: new Date(Date.UTC(1899, 11, 30) + raw * 86_400_000).toISOString().slice(0, 10) };
  }
  const s = String(raw).normalize('NFKC').trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return { reason: '日期应写作 2023-07-28 或 2023年7月28日' };
  const iso = `${m[1]}-${p2(Number(m[2]))}-${p2(Number(m[3]))}`;
  return dateProblems({ received: iso }).length ? { reason: `${s} 不是存在的日期` } : { value: iso };
}

interface LedgerRecord {
  row: number;
  credit_code: string;
  name: string;
  town: string | null;
  origin: string;
  category: string;
  content: string;
  received: string;
  handling: string;
  department: string | null;
  assigned: string | null;
  deadline: string | null;
  closed: string | null;
  result: string | null;
  rating: string | null;
  visited: string | null;
  taken_by: string | null;
  /** 不满意 at 回访, or the file's own 办理状态 says 重办 (an open request reopened before). */
  reopened: boolean;
}

interface Parsed {
  file: ReadFile;
  sheet: string | null;
  headerRow: number | null;
  columns: Report['columns'];
  records: LedgerRecord[];
  problems: Problem[];
}

class LedgerSheet {
  headerRow: number | null = null;
  columns: Report['columns'] = [];
  records: LedgerRecord[] = [];
  problems: Problem[] = [];
  private mapped: { index: number; header: string; col: LedgerColumn }[] = [];
  private nonEmpty = false;
  constructor(
    readonly sheet: string,
    private readonly mapping: Record<string, string | null>,
  ) {}

  private fail(row: number | null, column: string | null, value: RawCell, reason: string, level: Problem['level'] = 'error') {
    const shown = value == null || value === '' ? null : value instanceof Date ? value.toISOString().slice(0, 10) : visibleText(String(value));
    this.problems.push({ level, sheet: this.sheet, row, column, value: shown, reason });
  }

  push = (cells: RawCell[], rowNo: number): void => {
    const filled = cells.some((x) => x != null && String(x).trim() !== '');
    if (filled) this.nonEmpty = true;
    if (this.headerRow === null) {
      if (rowNo <= 30 && isHeader(cells, this.mapping)) this.header(cells, rowNo);
      return;
    }
    if (filled && this.mapped.length) this.row(cells, rowNo);
  };

  private header(cells: RawCell[], rowNo: number): void {
    this.headerRow = rowNo;
    const seen = new Set<string>();
    this.columns = cells.map((x, i) => {
      const header = x == null ? '' : String(x).trim();
      const col = header ? columnOf(header, this.mapping) : undefined;
      if (col && seen.has(col.key)) this.fail(rowNo, header, null, `与另一列对应同一项（${col.header}），请在映射中只保留一列`);
      else if (col) {
        seen.add(col.key);
        this.mapped.push({ index: i, header, col });
      }
      return { index: i, header, key: col?.key ?? null };
    });
    for (const col of LEDGER_COLUMNS) if (col.required && !seen.has(col.key)) this.fail(rowNo, null, null, `缺少必填列“${col.header}”`);
    if (this.problems.length) this.mapped = [];
  }

  private row(cells: RawCell[], rowNo: number): void {
    const rec: Record<string, string | null> = {};
    let ok = true;
    const headerOf: Record<string, string> = {};
    for (const { index, header, col } of this.mapped) {
      headerOf[col.key] = header;
      const raw = cells[index];
      let value: string | null;
      if (col.kind === 'date') {
        const d = readDate(raw);
        if ('reason' in d) {
          this.fail(rowNo, header, raw, d.reason);
          ok = false;
          continue;
        }
        value = d.value;
      } else {
        const r = readCell(raw, col.kind === 'credit_code' ? 'credit_code' : 'text', col.kind === 'note' ? 'note' : col.key);
        if (!r.ok) {
          this.fail(rowNo, header, raw, r.reason);
          ok = false;
          continue;
        }
        value = r.value === null ? null : String(r.value);
        if (value !== null && col.choices && !col.choices.includes(value)) {
          this.fail(rowNo, header, raw, `无法识别的${col.header}“${value}”，应为：${col.choices.join('、')}`);
          ok = false;
          continue;
        }
      }
      if (value === null && col.required) {
        this.fail(rowNo, header, null, `“${col.header}”不能为空`);
        ok = false;
        continue;
      }
      rec[col.key] = value;
    }
    if (!ok) return;
    const at = (key: string) => headerOf[key] ?? byKey.get(key)!.header;
    for (const p of dateProblems({ received: rec.received!, assigned: rec.assigned ?? null, deadline: rec.deadline ?? null, closed: rec.closed ?? null, visited: rec.visited ?? null })) {
      this.fail(rowNo, at(p.field), rec[p.field] ?? null, p.reason);
      ok = false;
    }
    if (rec.rating && !rec.closed) {
      this.fail(rowNo, at('rating'), rec.rating, '尚未办结（办结日期为空），不能有企业评价');
      ok = false;
    }
    if (rec.result && !rec.closed) this.fail(rowNo, at('result'), rec.result, '有办理结果但办结日期为空：按未办结导入', 'warning');
    if (!ok) return;
    if (rec.rating && !rec.visited) this.fail(rowNo, at('rating'), rec.rating, `没有回访日期：按办结日期（${zhDate(rec.closed!)}）记为回访日期`, 'warning');
    const handling = rec.handling ?? (rec.department || rec.assigned ? '上报专班' : '就地解决');
    const record: LedgerRecord = {
      row: rowNo,
      credit_code: rec.credit_code!,
      name: rec.name!,
      town: rec.town ?? null,
      origin: rec.origin ?? '其他',
      category: rec.category!,
      content: rec.content!,
      received: rec.received!,
      handling,
      department: rec.department ?? null,
      assigned: rec.assigned ?? null,
      deadline: rec.deadline ?? null,
      closed: rec.closed ?? null,
      result: rec.result ?? null,
      rating: rec.rating ?? null,
      visited: rec.rating ? (rec.visited ?? rec.closed) : (rec.visited ?? null),
      taken_by: rec.taken_by ?? null,
      reopened: rec.rating === '不满意' || (!rec.closed && !!rec.status?.startsWith('重办')),
    };
    if (rec.visited && !rec.rating) this.fail(rowNo, at('visited'), rec.visited, '有回访日期但没有企业评价：回访日期不导入', 'warning');
    if (!rec.rating) record.visited = null;
    if (rec.status) this.checkStatus(rec.status, record, rowNo, at('status'));
    this.records.push(record);
  }

  /** The file's own status column is checked against what its dates say (as of the file's latest date). */
  private checkStatus(status: string, r: LedgerRecord, rowNo: number, header: string): void {
    const expected = r.rating === '不满意' ? ['重办', '办理中'] : r.visited ? ['已回访', '已办结'] : r.closed ? ['已办结', '超期办结'] : r.assigned || r.handling === '就地解决' ? ['办理中', '超期', '重办'] : ['待交办'];
    if (!expected.some((e) => status.startsWith(e))) this.fail(rowNo, header, status, `办理状态“${status}”与日期不符（按日期应为${expected[0]}），按日期导入`, 'warning');
  }

  finish(): void {
    if (!this.nonEmpty) this.fail(null, null, null, '文件或工作表是空的');
    else if (this.headerRow === null) this.fail(null, null, null, '找不到表头行：需要一行同时含有“统一社会信用代码”“诉求内容”等列名（前 30 行内）');
    else if (!this.records.length && !this.problems.length) this.fail(null, null, null, '表头下没有任何数据行');
  }
}

async function parseLedger(bytes: FileBytes, input: Input): Promise<Parsed> {
  const mapping = input.mapping ?? {};
  const sheets: LedgerSheet[] = [];
  const file = await readImportFile(
    bytes,
    input.fileName,
    input.encoding,
    (name) => {
      if (input.sheet !== undefined && name !== input.sheet) return null;
      const s = new LedgerSheet(name, mapping);
      sheets.push(s);
      return s.push;
    },
    (cells) => isHeader(cells, mapping),
  );
  const chosen = (input.sheet !== undefined ? sheets[0] : (sheets.find((s) => s.sheet === REQUEST_SHEET) ?? sheets.find((s) => s.headerRow !== null))) ?? sheets[0];
  if (!chosen) {
    const reason = input.sheet ? `没有名为“${input.sheet}”的工作表` : '文件是空的';
    return { file, sheet: null, headerRow: null, columns: [], records: [], problems: [{ level: 'error', sheet: input.fileName, row: null, column: null, value: null, reason }] };
  }
  chosen.finish();
  return { file, sheet: chosen.sheet, headerRow: chosen.headerRow, columns: chosen.columns, records: chosen.records, problems: chosen.problems };
}

interface Analysis {
  report: Report;
  records: LedgerRecord[];
}

async function analyse(db: Database.Database, input: Input): Promise<Analysis> {
  const bytes = new FileBytes(await importFileBytes(input));
  let parsed: Parsed;
  try {
    parsed = await parseLedger(bytes, input);
  } catch (e) {
    if (!(e instanceof UnreadableFile)) throw new AppError('invalid_input', `无法读取文件 ${input.fileName}：${(e as Error).message}`);
    const problems = [{ level: 'error' as const, sheet: input.fileName, row: null, column: null, value: null, reason: e.message }];
    return { records: [], report: { fileName: input.fileName, format: 'csv', encoding: null, sheet: null, sheets: [], headerRow: null, columns: [], refused: true, problems, counts: { rows: 0, newFirms: 0, outsidePool: 0, newCategories: 0, newDepartments: 0 }, rows: [], newCategories: [], newDepartments: [] } };
  }
  const problems = [...parsed.problems];
  const codeHeader = parsed.columns.find((x) => x.key === 'credit_code')?.header ?? '统一社会信用代码';
  // Two rows of the same firm, day and request, or a request the ledger already holds, would be counted twice.
  const seen = new Map<string, number>();
  const existing = new Set((db.prepare('SELECT credit_code || char(31) || received || char(31) || content AS k FROM requests').all() as { k: string }[]).map((r) => r.k));
  const records: LedgerRecord[] = [];
  for (const r of parsed.records) {
    const k = `${normaliseCreditCode(r.credit_code)}\u001f${r.received}\u001f${r.content}`;
    if (seen.has(k)) problems.push({ level: 'error', sheet: parsed.sheet!, row: r.row, column: codeHeader, value: r.credit_code, reason: `与第 ${seen.get(k)} 行重复：同一企业同一天的同一诉求只能有一行` });
    else if (existing.has(k)) problems.push({ level: 'warning', sheet: parsed.sheet!, row: r.row, column: codeHeader, value: r.credit_code, reason: '台账中已有这条诉求（同一企业、提出日期和内容），跳过' });
    else records.push(r);
    if (!seen.has(k)) seen.set(k, r.row);
  }
  const firms = new Map((db.prepare('SELECT f.credit_code AS code, EXISTS (SELECT 1 FROM pool_members m WHERE m.firm_id = f.id) AS inPool FROM firms f').all() as { code: string; inPool: number }[]).map((f) => [f.code, f.inPool === 1]));
  const lists = requestLists(db);
  const newCategories = [...new Set(records.map((r) => r.category))].filter((x) => !lists.categories.includes(x));
  const newDepartments = [...new Set(records.map((r) => r.department).filter((x): x is string => !!x))].filter((x) => !lists.departments.includes(x));
  const newCodes = new Set(records.map((r) => r.credit_code).filter((x) => !firms.has(x)));
  const outside = new Set(records.map((r) => r.credit_code).filter((x) => firms.get(x) !== true));
  const refused = problems.some((p) => p.level === 'error');
  problems.sort((a, b) => (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1));
  const report: Report = {
    fileName: input.fileName,
    format: parsed.file.format,
    encoding: parsed.file.encoding,
    sheet: parsed.sheet,
    sheets: parsed.file.sheets,
    headerRow: parsed.headerRow,
    columns: parsed.columns,
    refused,
    problems: problems.slice(0, 1000),
    counts: { rows: records.length, newFirms: newCodes.size, outsidePool: outside.size, newCategories: newCategories.length, newDepartments: newDepartments.length },
    rows: records.slice(0, 500).map((r) => ({ row: r.row, creditCode: r.credit_code, firm: r.name, newFirm: newCodes.has(r.credit_code), category: r.category, department: r.department, received: r.received, deadline: r.deadline, closed: r.closed, rating: r.rating })),
    newCategories,
    newDepartments,
  };
  return { report, records };
}

export async function analyseLedger(db: Database.Database, input: Input): Promise<Report> {
  return (await analyse(db, input)).report;
}

export async function applyLedger(db: Database.Database, dataFile: string, input: Input, actor: string): Promise<MethodOutput<'requests.importApply'>> {
  const { report, records } = await analyse(db, input);
  if (report.refused) {
    const first = report.problems.find((p) => p.level === 'error');
    throw new AppError('invalid_input', `文件被拒绝，数据文件未作任何改动：${first ? `${first.sheet} 第${first.row ?? '—'}行 ${first.column ?? ''} ${first.reason}` : '无法导入'}`, report.problems.filter((p) => p.level === 'error'));
  }
  if (!records.length) throw new AppError('invalid_input', '文件中没有可导入的新诉求，数据文件未作改动');
  const snapshot = takeSnapshot(db, dataFile, `导入诉求台账前：${input.fileName}`);
  db.transaction(() => {
    const source = insertSource(db, { kind: 'import', label: '诉求台账导入', file: input.fileName, sheet: report.sheet, actor });
    extendLists(db, 'category', report.newCategories);
    extendLists(db, 'department', report.newDepartments);
    const now = nowIso();
    const insert = db.prepare(
      `INSERT INTO requests (firm_id, credit_code, town, origin, category, content, received, taken_by, handling, department, assigned, deadline, closed, result, visited, rating, rounds, source_id, source_row, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const progress = db.prepare('INSERT INTO request_progress (request_id, round, kind, date, note, by, at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const r of records) {
      const firm = firmFor(db, r.credit_code, r.name, r.town, () => source);
      // 不满意 reopens: the round's closing and 回访 go to its progress, the request is open again.
      const reopened = r.rating === '不满意';
      const id = Number(
        insert.run(firm.id, r.credit_code, r.town, r.origin, r.category, r.content, r.received, r.taken_by, r.handling, r.department, r.assigned, r.deadline, reopened ? null : r.closed, reopened ? null : r.result, reopened ? null : r.visited, reopened ? null : r.rating, r.reopened ? 2 : 1, source, r.row, actor, now, now).lastInsertRowid,
      );
      const by = r.taken_by ?? actor;
      if (r.assigned && r.department) progress.run(id, 1, 'handover', r.assigned, `交办${r.department}${r.deadline ? `，限${zhDate(r.deadline)}前办结` : ''}`, by, now);
      if (r.closed) progress.run(id, 1, 'close', r.closed, `办结${r.result ? `：${r.result}` : ''}`, by, now);
      if (r.rating) progress.run(id, 1, 'visit', r.visited!, `回访：${r.rating}`, by, now);
      if (reopened) progress.run(id, 2, 'reopen', r.visited!, '企业不满意，重办（第 2 轮）', by, now);
      audit(db, { id, firm_id: firm.id }, actor, 'import', null, r.content, `导入自 ${input.fileName} ${report.sheet ?? ''} 第 ${r.row} 行${firm.created ? `；新登记培育库外企业 ${r.name}` : ''}`);
    }
  })();
  rotateSnapshots(db);
  return { added: records.length, snapshot: snapshot.file, report };
}
