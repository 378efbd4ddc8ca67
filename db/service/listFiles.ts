// Files in and out for the lists (融资需求名单, 上市后备库, 奖补台账). In: read as the figures import reads,
// every problem located; any error refuses the file and nothing is written; otherwise a snapshot, then one
// transaction. Out: the bureau's printable table (title, 填报单位, date, units, 合计 row) as xlsx, or CSV.
import type Database from 'better-sqlite3';
import type { ParsedInput } from '../contract';
import type { ListImportReportT } from '../contracts/lists';
import { shortlistCsv } from '../export/csv';
import { dateZh } from '../export/labels';
import type { ShortlistExport } from '../export/model';
import { listXlsx } from '../export/xlsx';
import { readListFile, type ListColumn, type ListRow } from '../import/listFile';
import type { Problem } from '../import/parse';
import { rotateSnapshots, takeSnapshot } from '../snapshots';
import { importFileBytes } from './importFile';

type FileInput = ParsedInput<'finance.import'>;

export interface ListSpec<R> {
  /** e.g. 融资需求名单 */
  listName: string;
  columns: ListColumn[];
  /** Rows to records; a row that cannot become one adds its located problem. */
  records: (rows: ListRow[], fail: (row: ListRow, key: string | null, reason: string) => void) => R[];
  name: (r: R) => string;
  /** How many records are new and how many would change existing ones (reads only). */
  plan: (records: R[]) => { added: number; updated: number };
  /** Writes the records inside the import's transaction; `source` names the file. */
  apply: (records: R[], source: string) => { added: number; updated: number };
}

const MIME = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' } as const;

export async function importList<R>(db: Database.Database, dataFile: string, input: FileInput, spec: ListSpec<R>): Promise<ListImportReportT> {
  const bytes = await importFileBytes(input);
  const file = await readListFile(bytes, input.fileName, input.encoding, spec.columns, spec.listName);
  const problems: Problem[] = [...file.problems];
  const fail = (row: ListRow, key: string | null, reason: string) => {
    const v = key ? row.values[key] : null;
    problems.push({ level: 'error', sheet: row.sheet, row: row.row, column: key ? (row.headers[key] ?? key) : null, value: v == null ? null : String(v), reason });
  };
  const records = spec.records(file.rows, fail);
  if (file.sheet && !records.length && !problems.length) problems.push({ level: 'error', sheet: file.sheet, row: null, column: null, value: null, reason: '表头下没有数据行' });
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const refused = problems.some((p) => p.level === 'error');
  const report = {
    fileName: input.fileName,
    format: file.format,
    sheet: file.sheet,
    records: records.length,
    added: 0,
    updated: 0,
    names: [...new Set(records.map(spec.name))].slice(0, 8),
    problems: problems.slice(0, 1000),
    refused,
    applied: false,
    snapshot: null as string | null,
  };
  // A dry run reads only (it works on a read-only copy): it counts what would be added and updated.
  if (refused || input.dryRun) return refused ? report : { ...report, ...spec.plan(records) };
  const snap = takeSnapshot(db, dataFile, `导入${spec.listName}之前：${input.fileName}`);
  const counts = db.transaction(() => spec.apply(records, `导入：${input.fileName}${file.sheet && file.format !== 'csv' ? `（${file.sheet}）` : ''}`))();
  rotateSnapshots(db);
  return { ...report, ...counts, applied: true, snapshot: snap.file };
}

/** A list as the file the user keeps; `date` is YYYY-MM-DD (default: today). */
export async function listFile(data: Omit<ShortlistExport, 'date' | 'criteria'> & { date?: string }, sheetName: string, format: 'xlsx' | 'csv') {
  const date = data.date ? dateZh(new Date(`${data.date}T00:00:00`)) : dateZh();
  const full: ShortlistExport = { ...data, date, criteria: [] };
  const bytes = format === 'xlsx' ? await listXlsx(full, sheetName) : shortlistCsv(full);
  return { fileName: `${data.baseName}.${format}`, mime: MIME[format], base64: Buffer.from(bytes).toString('base64'), savedTo: null };
}

/** The filling unit printed on a list: the one given, else the bureau. */
export const DEFAULT_FILLING_UNIT = '台儿庄区工业和信息化局';
