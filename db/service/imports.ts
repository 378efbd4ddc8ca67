// 年度更新 in the service: analysing and applying imports, undoing the last one, restoring snapshots, and
// the template and the pool's data as files.
import type { MethodOutput, ParsedInput } from '../contract';
import type { importMethods } from '../contracts/import';
import { AppError } from '../errors';
import { parseImportFile } from '../import/parse';
import { analyseImport, applyImport, type ImportReport, type ImportRequest, type ReadAndCheck } from '../import/run';
import { FileBytes } from '../import/read';
import { templateCsv, templateRows, templateXlsx } from '../import/templateFile';
import { restoreById } from '../restore';
import { snapshotPath, takeSnapshot, rotateSnapshots } from '../snapshots';
import { doneSince, lastAuditIdOf, lastImport, planUndo, undoImport, type ImportRow } from '../import/undo';
import { dateZh } from '../export/labels';
import { FIGURE_KEYS, type FigureRow } from '../figures';
import type { PartContext } from './context';
import { readingPhase } from './importProtocol';
import type { ImportThread } from './importThread';
import { importFileBytes } from './importFile';
import type { Service } from './index';

const MIME = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' } as const;

async function request(input: ParsedInput<'import.analyse'>): Promise<ImportRequest> {
  const { path: _path, upload: _upload, base64: _base64, ...rest } = input;
  return { ...rest, bytes: new FileBytes(await importFileBytes(input)) };
}

/** How much of a report is listed: a province file's report is counted in full but listed in part, so it never
 * crosses the bridge whole. */
export const LISTED_FIRMS = 500;
export const LISTED_PROBLEMS = 1000;

/** Every value a new data year writes, as changes from nothing (worked out only for the firms listed). */
function newValues(values: FigureRow): { field: string; old: null; new: number }[] {
  const out: { field: string; old: null; new: number }[] = [];
  for (let i = 0; i < FIGURE_KEYS.length; i++) if (!Number.isNaN(values[i])) out.push({ field: FIGURE_KEYS[i], old: null, new: values[i] });
  return out;
}

/** The report as the contract carries it: unchanged firms counted, not listed; values left out; long lists cut. */
function shaped(r: ImportReport): MethodOutput<'import.analyse'> {
  const firms = (r.plan?.firms ?? [])
    .filter((f) => f.firmId === null || f.firm.length || f.titles.length || f.years.some((y) => !y.exists || y.changes.length))
    .slice(0, LISTED_FIRMS)
    .map((f) => ({ ...f, years: f.years.map(({ values, ...y }) => (y.exists ? y : { ...y, changes: newValues(values) })) }));
  const errors = r.problems.filter((p) => p.level === 'error');
  const warnings = r.problems.filter((p) => p.level === 'warning');
  const problems = [...errors, ...warnings].slice(0, LISTED_PROBLEMS);
  return { ...r, problems, problemCounts: { errors: errors.length, warnings: warnings.length }, counts: r.plan?.counts ?? null, firms };
}

const importRecord = (r: ImportRow) => ({
  id: r.id,
  file: r.file,
  sheet: r.sheet,
  rows: r.rows,
  newFirms: r.new_firms,
  changedValues: r.changed_values,
  snapshotFile: r.snapshot_file,
  actor: r.actor,
  at: r.at,
  undoneAt: r.undone_at,
});

type ImportProgress = MethodOutput<'import.progress'>;
const IDLE: ImportProgress = { running: false, fileName: null, phase: null, rows: 0, done: 0, total: 0 };

/** `thread`: where import files are read and checked (absent: here, on the service's thread). */
export function importService(ctx: PartContext, thread?: ImportThread): Pick<Service, keyof typeof importMethods> {
  const { db } = ctx;
  // The import under way, as import.progress reports it; a newer request takes its place.
  let under: ImportProgress | null = null;
  // Requests counted as they come in: the newest wins, whichever file is read from disk first.
  let requests = 0;
  /** Runs an analysis or an apply with its progress recorded; `supersedable`: a newer request may stop its reading. */
  async function tracked<T>(fileName: string, supersedable: boolean, work: (readAndCheck: ReadAndCheck) => Promise<T>): Promise<T> {
    const order = ++requests;
    const p: ImportProgress = { running: true, fileName, phase: 'reading', rows: 0, done: 0, total: 0 };
    under = p;
    const readAndCheck: ReadAndCheck = async (bytes, name, options) => {
      const result = thread
        ? await thread.parse(bytes, { fileName: name, options, supersedable, order, onProgress: (at) => Object.assign(p, at) })
        : await parseImportFile(bytes, name, { ...options, progress: (at) => Object.assign(p, { phase: readingPhase(at.rows) }, at) });
      Object.assign(p, { phase: 'planning', rows: result.parsed?.records.length ?? 0, done: 0, total: 0 });
      return result;
    };
    try {
      return await work(readAndCheck);
    } finally {
      if (under === p) under = null;
    }
  }
  const file = async (format: 'xlsx' | 'csv', name: string, rows: Parameters<typeof templateCsv>[0]) => {
    const bytes = format === 'xlsx' ? await templateXlsx(rows) : templateCsv(rows);
    return { fileName: `${name}.${format}`, mime: MIME[format], base64: bytes.toString('base64'), savedTo: null };
  };
  return {
    'import.analyse': (input) => tracked(input.fileName, true, async (readAndCheck) => shaped(await analyseImport(db, await request(input), readAndCheck))),
    'import.apply': (input) =>
      tracked(input.fileName, false, async (readAndCheck) => {
        const r = await applyImport(db, ctx.dataFile, await request(input), ctx.actor, readAndCheck);
        return ctx.changed('import.apply', { importId: r.importId, snapshot: r.snapshot, report: shaped(r.report) });
      }),
    'import.progress': () => (under ? { ...under } : IDLE),
    'import.history': () => (db.prepare('SELECT * FROM imports ORDER BY id DESC').all() as ImportRow[]).map(importRecord),
    'import.undoPlan': () => {
      const last = lastImport(db);
      const { counts, conflicts } = planUndo(db, last);
      return { import: importRecord(last), counts, conflicts };
    },
    'import.undo': (input) => {
      // Only what the import wrote is reverted; later work stays (or, by choice, is reverted too).
      const last = lastImport(db);
      const { conflicts } = planUndo(db, last);
      if (conflicts.length && !input.conflicts) undoImport(db, last, ctx.actor); // throws the conflicts, writing nothing
      const before = takeSnapshot(db, ctx.dataFile, `撤销导入前：${last.file}`);
      const r = undoImport(db, last, ctx.actor, input.conflicts);
      rotateSnapshots(db);
      const undone = db.prepare('SELECT * FROM imports WHERE id = ?').get(last.id) as ImportRow;
      return ctx.changed('import.undo', { undone: importRecord(undone), before: before.file, ...r });
    },
    'snapshot.since': (input) => {
      const snap = db.prepare('SELECT id, file, reason, created_at AS createdAt FROM snapshots WHERE id = ?').get(input.id) as { id: number; file: string; reason: string; createdAt: string } | undefined;
      if (!snap) throw new AppError('not_found', `没有编号为 ${input.id} 的快照`);
      // Without the snapshot's file, the audit entries after its time (the same second may hold a few more).
      const after = lastAuditIdOf(snapshotPath(ctx.dataFile, snap.file)) ?? ((db.prepare('SELECT coalesce(max(id), 0) FROM audit_log WHERE at < ?').pluck().get(snap.createdAt) as number) ?? 0);
      const total = db.prepare('SELECT count(*) FROM audit_log WHERE id > ?').pluck().get(after) as number;
      return { snapshot: snap, done: doneSince(db, after), total };
    },
    'snapshot.restore': (input) => {
      const { restored, before } = restoreById(db, ctx.dataFile, input.id, ctx.actor);
      return ctx.changed('snapshot.restore', { restored, before: before.file });
    },
    'template.file': (input) => file(input.format, '企业年度数据模板', []),
    'data.export': (input) => file(input.format, `企业年度数据-${input.poolYear ?? '全部'}年度培育库-${dateZh()}`, templateRows(db, input.poolYear)),
  };
}
