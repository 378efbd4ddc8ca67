// An import from start to end: read, map, check, plan, and — only when asked and nothing is refused — write
// after a snapshot. The analysis also shows each pool firm's verdict after the import, worked out in memory
// (preview.ts), so nothing is written.
import type Database from 'better-sqlite3';
import { AppError } from '../errors';
import { rotateSnapshots, takeSnapshot } from '../snapshots';
import { applyPlan } from './apply';
import { previewSteps } from './preview';
import { parseImportFile, type Mapping, type MappedColumn, type ParsedFile, type ParseOptions, type Problem } from './parse';
import { planSteps, type ImportPlan } from './plan';
import { UnreadableFile, type Encoding, type FileBytes, type FileFormat } from './read';
import { inTurns, nextTurn } from '../turns';
import { answeredKeys, suspectSteps, unitQuestions, type UnitChoices, type UnitQuestion } from './units';

export interface ImportRequest {
  /** The file's bytes; a FileBytes holder lets the reader drop them once decoded (read once per request). */
  bytes: Uint8Array | FileBytes;
  fileName: string;
  sheet?: string;
  encoding?: Encoding;
  mapping?: Mapping;
  /** The unit of money columns, where the analyst answered the preview's question (or the CLI's --unit). */
  units?: UnitChoices;
  /** Show verdict changes under this criteria set for the firms of `poolYear`. */
  setId?: string;
  poolYear?: number;
  /** Apply: add the file's firms to `poolYear`. */
  addToPool?: boolean;
}

export interface ImportReport {
  fileName: string;
  format: FileFormat;
  encoding: string | null;
  /** The first few firm names as decoded, so a wrong encoding is seen before anything is written. */
  names: string[];
  /** Money columns that look like 元 in a 万元 column: the file is refused until each is answered. */
  unitQuestions: UnitQuestion[];
  sheet: string | null;
  sheets: string[];
  headerRow: number | null;
  columns: MappedColumn[];
  refused: boolean;
  problems: Problem[];
  plan: ImportPlan | null;
  /** Pool members of `poolYear` the file does not mention. */
  missing: { firmId: number; name: string; creditCode: string }[];
  verdicts: { firmId: number; name: string; before: string | null; after: string | null }[];
}

/** How the file is read and checked: here by default, or by the service's import thread (the same result). */
export type ReadAndCheck = (bytes: Uint8Array | FileBytes, fileName: string, options: ParseOptions) => Promise<ParsedFile>;

const fileProblem = (fileName: string, reason: string) => [{ level: 'error' as const, sheet: fileName, row: null, column: null, value: null, reason }];

export async function analyseImport(db: Database.Database, req: ImportRequest, readAndCheck: ReadAndCheck = parseImportFile): Promise<ImportReport> {
  const empty = { sheet: null, headerRow: null, columns: [], refused: true, plan: null, missing: [], verdicts: [], names: [], unitQuestions: [] };
  let read: ParsedFile;
  try {
    read = await readAndCheck(req.bytes, req.fileName, { encoding: req.encoding, sheet: req.sheet, mapping: req.mapping, units: req.units });
  } catch (e) {
    // A file of a kind that cannot be read is refused with what to do, like any other refused file.
    if (e instanceof AppError) throw e; // superseded by a newer request, or the import thread failed
    if (e instanceof UnreadableFile) return { fileName: req.fileName, format: 'csv', encoding: null, sheets: [], ...empty, problems: fileProblem(req.fileName, e.message) };
    throw new AppError('invalid_input', `无法读取文件 ${req.fileName}：${(e as Error).message}`);
  }
  const { file, parsed } = read;
  const base = { fileName: req.fileName, format: file.format, encoding: file.encoding, sheets: file.sheets };
  if (!parsed) {
    const reason = req.sheet ? `没有名为“${req.sheet}”的工作表` : '文件是空的';
    return { ...base, ...empty, problems: fileProblem(req.fileName, reason) };
  }
  const sheet = { name: parsed.sheet };
  const names = [...new Set(parsed.records.slice(0, 50).map((r) => r.name))].slice(0, 5);
  const refusedOnReading = parsed.problems.some((p) => p.level === 'error');
  // The file's own values only: worked out once (in steps of rows), whatever is written meanwhile.
  const suspects = refusedOnReading ? [] : await inTurns(suspectSteps(parsed.records), nextTurn);
  // The plan, the questions and the preview are a province file's seconds of work on the service's thread: other
  // calls are answered between them and between their steps (2,000 firms a step). A write meanwhile (here or by
  // another process) makes them start again, so all three are of one state; after two such tries the last is done
  // in one go.
  for (let tries = 0; ; tries++) {
    const pause = tries < 2 ? nextTurn : async () => undefined;
    const mark = writeMark(db);
    let refused = refusedOnReading;
    let plan = refused ? null : await inTurns(planSteps(db, parsed.records, sheet.name), pause);
    await pause();
    const asked = unitQuestions([...(plan?.unitSuspects ?? []), ...(plan ? suspects : [])], parsed.columns, answeredKeys(req.units ?? {}, parsed.columns), sheet.name);
    const problems = [...parsed.problems, ...asked.problems, ...(plan?.warnings ?? [])];
    if (asked.questions.length) {
      refused = true;
      plan = null;
    }
    const report: ImportReport = { ...base, sheet: sheet.name, headerRow: parsed.headerRow, columns: parsed.columns, refused, problems, plan, missing: [], verdicts: [], names, unitQuestions: asked.questions };
    if (plan && req.poolYear !== undefined) {
      const mentioned = new Set(plan.firms.map((f) => f.creditCode));
      report.missing = (db.prepare('SELECT f.id AS firmId, f.name, f.credit_code AS creditCode FROM pool_members m JOIN firms f ON f.id = m.firm_id WHERE m.year = ? ORDER BY f.name_sort').all(req.poolYear) as ImportReport['missing']).filter((f) => !mentioned.has(f.creditCode));
      if (req.setId) {
        await pause();
        report.verdicts = await inTurns(previewSteps(db, plan, req.setId, req.poolYear), pause);
      }
    }
    if (writeMark(db) === mark) return report;
  }
}

/** Changes with any write to the data file: this connection's own (total_changes) or another process's (data_version). */
function writeMark(db: Database.Database): string {
  return `${db.prepare('SELECT total_changes()').pluck().get()}|${db.pragma('data_version', { simple: true })}`;
}

export async function applyImport(
  db: Database.Database,
  dataFile: string,
  req: ImportRequest,
  actor: string,
  readAndCheck: ReadAndCheck = parseImportFile,
): Promise<{ report: ImportReport; importId: number; snapshot: string }> {
  const report = await analyseImport(db, { ...req, setId: undefined }, readAndCheck);
  if (report.refused || !report.plan) {
    const first = report.problems.find((p) => p.level === 'error');
    throw new AppError('invalid_input', `文件被拒绝，数据文件未作任何改动：${first?.reason ?? '无法导入'}`, report.problems.filter((p) => p.level === 'error'));
  }
  if (req.addToPool && req.poolYear !== undefined && !db.prepare('SELECT 1 FROM pool_years WHERE year = ?').get(req.poolYear)) {
    throw new AppError('not_found', `没有 ${req.poolYear} 年度培育库`);
  }
  const snapshot = takeSnapshot(db, dataFile, `导入前：${req.fileName}`);
  const { importId } = applyPlan(db, report.plan, { fileName: req.fileName, sheet: report.sheet, actor, poolYear: req.addToPool ? req.poolYear : undefined, snapshotFile: snapshot.file });
  rotateSnapshots(db);
  return { report, importId, snapshot: snapshot.file };
}
