// 年度更新 in the service: analysing and applying imports, undoing the last one, restoring snapshots, and
// the template and the pool's data as files.
import type { MethodOutput, ParsedInput } from '../contract';
import type { importMethods } from '../contracts/import';
import { AppError } from '../errors';
import { analyseImport, applyImport, type ImportReport, type ImportRequest } from '../import/run';
import { templateCsv, templateRows, templateXlsx } from '../import/templateFile';
import { restoreById, restoreUndoPoint } from '../restore';
import { dateZh } from '../export/labels';
import type { PartContext } from './context';
import type { Service } from './index';

const MIME = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' } as const;

function request(input: ParsedInput<'import.analyse'>): ImportRequest {
  return { ...input, bytes: Buffer.from(input.base64, 'base64') };
}

/** How much of a report is listed: a province file's report is counted in full but listed in part, so it never
 * crosses the bridge whole. */
export const LISTED_FIRMS = 500;
export const LISTED_PROBLEMS = 1000;

/** The report as the contract carries it: unchanged firms counted, not listed; values left out; long lists cut. */
function shaped(r: ImportReport): MethodOutput<'import.analyse'> {
  const firms = (r.plan?.firms ?? [])
    .filter((f) => f.firmId === null || f.firm.length || f.titles.length || f.years.some((y) => !y.exists || y.changes.length))
    .slice(0, LISTED_FIRMS)
    .map((f) => ({ ...f, years: f.years.map(({ values: _values, ...y }) => y) }));
  const errors = r.problems.filter((p) => p.level === 'error');
  const warnings = r.problems.filter((p) => p.level === 'warning');
  const problems = [...errors, ...warnings].slice(0, LISTED_PROBLEMS);
  return { ...r, problems, problemCounts: { errors: errors.length, warnings: warnings.length }, counts: r.plan?.counts ?? null, firms };
}

type ImportRow = { id: number; file: string; sheet: string | null; rows: number; new_firms: number; changed_values: number; snapshot_file: string | null; actor: string; at: string };
const importRecord = (r: ImportRow) => ({ id: r.id, file: r.file, sheet: r.sheet, rows: r.rows, newFirms: r.new_firms, changedValues: r.changed_values, snapshotFile: r.snapshot_file, actor: r.actor, at: r.at });

export function importService(ctx: PartContext): Pick<Service, keyof typeof importMethods> {
  const { db } = ctx;
  const file = async (format: 'xlsx' | 'csv', name: string, rows: Parameters<typeof templateCsv>[0]) => {
    const bytes = format === 'xlsx' ? await templateXlsx(rows) : templateCsv(rows);
    return { fileName: `${name}.${format}`, mime: MIME[format], base64: bytes.toString('base64'), savedTo: null };
  };
  return {
    'import.analyse': async (input) => shaped(await analyseImport(db, request(input))),
    'import.apply': async (input) => {
      const r = await applyImport(db, ctx.dataFile, request(input), ctx.actor);
      return ctx.changed('import.apply', { importId: r.importId, snapshot: r.snapshot, report: shaped(r.report) });
    },
    'import.history': () => (db.prepare('SELECT * FROM imports ORDER BY id DESC').all() as ImportRow[]).map(importRecord),
    'import.undo': () => {
      const last = db.prepare('SELECT * FROM imports ORDER BY id DESC LIMIT 1').get() as ImportRow | undefined;
      if (!last) throw new AppError('not_found', '没有可以撤销的导入');
      if (!last.snapshot_file) throw new AppError('not_found', `导入 ${last.file} 没有导入前快照，无法撤销`);
      const before = restoreUndoPoint(db, ctx.dataFile, last.snapshot_file, last.file, ctx.actor);
      return ctx.changed('import.undo', { undone: importRecord(last), before: before.file });
    },
    'snapshot.restore': (input) => {
      const { restored, before } = restoreById(db, ctx.dataFile, input.id, ctx.actor);
      return ctx.changed('snapshot.restore', { restored, before: before.file });
    },
    'template.file': (input) => file(input.format, '企业年度数据模板', []),
    'data.export': (input) => file(input.format, `企业年度数据-${input.poolYear ?? '全部'}年度培育库-${dateZh()}`, templateRows(db, input.poolYear)),
  };
}
