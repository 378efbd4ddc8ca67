// The ledger as files: the 专班's printable 诉求台账 (序号, 企业名称, 诉求内容, 责任部门, 办理时限, 办理情况, 办结时间,
// 企业评价 under a title and the as-of date), with a second sheet in the import layout so the file reads back;
// the 周报/月报 (the statistics of a period); and the blank template. All laid out by the export machinery.
import type Database from 'better-sqlite3';
import type { MethodOutput, ParsedInput } from '../contract';
import type { ExportColumn, ShortlistExport } from '../export/model';
import { tablesXlsx, type SheetLabels } from '../export/xlsx';
import { dayNumber, STATUS_ZH, zhDate } from '../requestRules';
import { LEDGER_COLUMNS, REQUEST_SHEET } from './requestImport';
import { filterRows, loadRequests, sortRows, toRow, type Row } from './requestRows';
import { requestStats } from './requestStats';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type File = MethodOutput<'requests.export'>;
const UNIT = '区单项冠军培育工作专班';

const file = (name: string, bytes: Buffer): File => ({ fileName: `${name}.xlsx`, mime: XLSX, base64: bytes.toString('base64'), savedTo: null });

const table = (base: Omit<ShortlistExport, 'criteria' | 'baseName'>): ShortlistExport => ({ ...base, baseName: base.title, criteria: [] });

/** 办理情况 as the 专班 writes it: status, light, rounds, the latest progress and the result. */
function handlingText(r: Row): string {
  const parts = [STATUS_ZH[r.status] + (r.overdue ? '（超期未办结）' : r.closedLate ? '（超期办结）' : '')];
  if (r.rounds > 1) parts.push(`第 ${r.rounds} 轮办理`);
  if (r.light === 'yellow' && r.daysLeft !== null) parts.push(r.daysLeft === 0 ? '今日到期' : `${r.daysLeft} 天后到期`);
  if (r.lastProgress && !r.closed) parts.push(`进展：${r.lastProgress}`);
  if (r.result) parts.push(`结果：${r.result}`);
  return parts.join('；');
}

const LEDGER: ExportColumn[] = [
  { key: 'no', header: '序号', kind: 'index', width: 6 },
  { key: 'firm', header: '企业名称', kind: 'text', width: 22 },
  { key: 'content', header: '诉求内容', kind: 'text', width: 40 },
  { key: 'department', header: '责任部门', kind: 'text', width: 16 },
  { key: 'deadline', header: '办理时限', kind: 'text', width: 14 },
  { key: 'handling', header: '办理情况', kind: 'text', width: 36 },
  { key: 'closed', header: '办结时间', kind: 'text', width: 14 },
  { key: 'rating', header: '企业评价', kind: 'text', width: 10 },
];

/** The import layout: every column the importer reads, by its template header, dates as YYYY-MM-DD. */
function importLayout(rows: Row[]): ShortlistExport {
  const value: Record<string, (r: Row) => string | null> = {
    credit_code: (r) => r.creditCode,
    name: (r) => r.firm,
    town: (r) => r.town,
    origin: (r) => r.origin,
    category: (r) => r.category,
    content: (r) => r.content,
    received: (r) => r.received,
    handling: (r) => r.handling,
    department: (r) => r.department,
    assigned: (r) => r.assigned,
    deadline: (r) => r.deadline,
    closed: (r) => r.closed,
    result: (r) => r.result,
    rating: (r) => r.rating,
    visited: (r) => r.visited,
    taken_by: (r) => r.takenBy,
    status: (r) => STATUS_ZH[r.status],
  };
  return table({
    title: '诉求台账（导入格式）',
    fillingUnit: UNIT,
    date: '',
    subtitle: '本表可直接导入：统一社会信用代码为文本，日期写作 YYYY-MM-DD',
    columns: LEDGER_COLUMNS.map((c) => ({ key: c.key, header: c.header, kind: 'text' as const, width: c.kind === 'note' ? 36 : c.key === 'credit_code' ? 22 : 14 })),
    rows: rows.map((r) => Object.fromEntries(LEDGER_COLUMNS.map((c) => [c.key, value[c.key](r)]))),
    notes: [],
  });
}

export async function exportLedger(db: Database.Database, input: ParsedInput<'requests.export'>, today: string): Promise<File> {
  const asOf = input.asOf ?? today;
  const rows = sortRows(filterRows(loadRequests(db).map((r) => toRow(r, asOf)), input, asOf), { column: 'received', dir: 'asc' });
  const overdue = rows.filter((r) => r.overdue).length;
  const open = rows.filter((r) => r.light !== null).length;
  const sample = rows.filter((r) => r.sample).length;
  const printed = table({
    title: '企业诉求办理台账',
    fillingUnit: UNIT,
    date: zhDate(asOf),
    subtitle: `共 ${rows.length} 件，未办结 ${open} 件，其中超期 ${overdue} 件（截至${zhDate(asOf)}；办理时限当日仍在期限内）`,
    columns: LEDGER,
    rows: rows.map((r, i) => ({ no: i + 1, firm: r.inPool ? r.firm : `${r.firm}（库外）`, content: r.content, department: r.department ?? (r.handling === '就地解决' ? '就地解决' : '待交办'), deadline: zhDate(r.deadline) || '—', handling: handlingText(r), closed: zhDate(r.closed) || '—', rating: r.rating ?? '—' })),
    notes: sample ? [`含 ${sample} 件示例诉求（默认数据，非真实记录）`] : [],
  });
  const labels: SheetLabels = { sheet: '诉求台账（报送）', unit: '填报单位', date: '截至' };
  const bytes = await tablesXlsx('企业诉求办理台账', [
    { data: printed, labels },
    { data: importLayout(rows), labels: { sheet: REQUEST_SHEET, unit: '填报单位', date: '截至' } },
  ]);
  return file(`企业诉求办理台账（截至${zhDate(asOf)}）`, bytes);
}

const iso = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

/** The period a 周报 (the seven days ending on the day) or 月报 (the month to the day) covers. */
export function reportPeriod(asOf: string, period: 'week' | 'month'): { from: string; to: string } {
  return { from: period === 'week' ? iso(dayNumber(asOf)! - 6) : `${asOf.slice(0, 8)}01`, to: asOf };
}

const STAT_COLUMNS = (first: string): ExportColumn[] => [
  { key: 'key', header: first, kind: 'text', width: 20 },
  { key: 'received', header: '受理（件）', kind: 'count' },
  { key: 'closed', header: '办结（件）', kind: 'count' },
  { key: 'closedOnTime', header: '按时办结（件）', kind: 'count' },
  { key: 'closedLate', header: '超期办结（件）', kind: 'count' },
  { key: 'open', header: '未办结（件）', kind: 'count' },
  { key: 'overdue', header: '超期未办结（件）', kind: 'count' },
  { key: 'avgDaysToClose', header: '平均办结天数', kind: 'percent' },
  { key: 'satisfactionRate', header: '满意率（%）', kind: 'percent' },
];

export async function exportReport(db: Database.Database, input: ParsedInput<'requests.report'>, today: string): Promise<File> {
  const asOf = input.asOf ?? today;
  const span = input.from ? { from: input.from, to: input.to ?? asOf } : reportPeriod(asOf, input.period);
  const stats = requestStats(db, { asOf, ...span }, today);
  const name = input.period === 'week' ? '周报' : '月报';
  const title = `企业诉求办理${name}`;
  const subtitle = `统计期：${zhDate(span.from)}至${zhDate(span.to)}提出的诉求，截至${zhDate(asOf)}的办理情况；满意率 =（满意 + 基本满意）÷ 已回访`;
  const total = { key: '合计', ...stats.total };
  const sheet = (label: string, first: string, groups: typeof stats.byDepartment) => ({
    data: table({ title: `${title}（${label}）`, fillingUnit: UNIT, date: zhDate(asOf), subtitle, columns: STAT_COLUMNS(first), rows: [...groups, total], notes: [] }),
    labels: { sheet: label, unit: '填报单位', date: '截至' },
  });
  const open = sortRows(filterRows(loadRequests(db).map((r) => toRow(r, asOf)), { scope: 'overdue' }, asOf), { column: 'deadline', dir: 'asc' });
  const overdue = {
    data: table({
      title: `${title}（超期未办结）`,
      fillingUnit: UNIT,
      date: zhDate(asOf),
      subtitle: `截至${zhDate(asOf)}超过办理时限仍未办结的诉求（不限提出日期）`,
      columns: [LEDGER[0], LEDGER[1], LEDGER[2], LEDGER[3], LEDGER[4], { key: 'late', header: '超期天数', kind: 'count' }],
      rows: open.map((r, i) => ({ no: i + 1, firm: r.firm, content: r.content, department: r.department, deadline: zhDate(r.deadline), late: -(r.daysLeft ?? 0) })),
      notes: [],
    }),
    labels: { sheet: '超期未办结', unit: '填报单位', date: '截至' },
  };
  const bytes = await tablesXlsx(title, [sheet('按责任部门', '责任部门', stats.byDepartment), sheet('按诉求类别', '诉求类别', stats.byCategory), sheet('按镇街', '所属镇街', stats.byTown), overdue]);
  return file(`${title}（${zhDate(span.from)}至${zhDate(span.to)}）`, bytes);
}

export async function ledgerTemplate(): Promise<File> {
  const columns = LEDGER_COLUMNS.map((c) => ({ key: c.key, header: c.header, kind: 'text' as const, width: c.kind === 'note' ? 36 : c.key === 'credit_code' ? 22 : 14 }));
  const data = table({ title: '企业诉求台账导入模板', fillingUnit: '', date: '', subtitle: '第 4 行为表头，从第 5 行起每行一条诉求；填写说明见“填写说明”工作表', columns, rows: [], notes: [] });
  // The instructions on a sheet of their own: notes under the table would be read as rows once it is filled.
  const help = table({
    title: '填写说明',
    fillingUnit: '',
    date: '',
    subtitle: '统一社会信用代码请设为文本格式；日期写作 2023-07-28 或 2023年7月28日；一个文件被拒绝时数据文件不作任何改动',
    columns: [
      { key: 'header', header: '列名', kind: 'text', width: 18 },
      { key: 'required', header: '是否必填', kind: 'text', width: 10 },
      { key: 'note', header: '说明', kind: 'text', width: 60 },
    ],
    rows: LEDGER_COLUMNS.map((c) => ({ header: c.header, required: c.required ? '是' : '', note: [c.note, c.synonyms.length ? `也认：${c.synonyms.join('、')}` : ''].filter(Boolean).join('；') })),
    notes: [],
  });
  const bytes = await tablesXlsx(data.title, [
    { data, labels: { sheet: REQUEST_SHEET, unit: '填报单位', date: '填报日期' } },
    { data: help, labels: { sheet: '填写说明', unit: '填报单位', date: '填报日期' } },
  ]);
  return file('企业诉求台账导入模板', bytes);
}
