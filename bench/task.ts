// One measurement, run by bench/measure.ts in its own Node process: prints a JSON line with the time the
// operation took (timed here, so Node's own start-up is not counted) and the process's peak memory.
//   app-import TEMPLATE FILE OUT   import FILE into a copy (OUT) of the TEMPLATE data file via the service, the file
//                                  read and checked on the import thread as the app does
//   xlsx-read FILE                 exceljs's bare streaming read of a workbook, every cell touched
//   evaluate DB DATA_YEAR          evaluate.pool for every criteria set over the 2023 pool, cold
//   open-check DB                  the check of a data file before its first write (openPoolDb runs it)
//   package-merge OUT FILE…        merge the package files into a new empty city data file OUT via the service
import ExcelJS from '../db/exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { MethodOutput } from '../db/contract';
import { criteriaSets } from '../db/criteria/sets';
import { openPoolDb } from '../db/open';
import { checkDataFile, FULL_CHECK_BYTES } from '../db/openCheck';
import { closeService, createService, dispatch } from '../db/service';
import { MONEY_IN_WANYUAN, removeDataFile } from './data';
import { peakMb, workerScript } from './measure';

const [task, ...args] = process.argv.slice(2);

function print(ms: number, info: Record<string, unknown> = {}): void {
  process.stdout.write(JSON.stringify({ ms: Math.round(ms), peakMb: peakMb(), info }) + '\n');
}

/** A service over the data file; `importThread`: files read and checked on the import thread, as the app does. */
function service(file: string, importThread = false) {
  const h = openPoolDb({ file });
  return { h, service: createService({ db: h.db, dataFile: h.file, actor: 'bench', appVersion: 'bench', importWorker: importThread ? workerScript('importWorker') : undefined }) };
}

async function appImport(template: string, file: string, out: string): Promise<void> {
  removeDataFile(out);
  fs.copyFileSync(template, out);
  const { h, service: s } = service(out, true);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  // As the desktop and browser mode do: the file by its path, read by the contract's one service, the unit
  // question answered up front.
  const r = await dispatch(s, 'import.apply', { fileName: path.basename(file), path: path.resolve(file), poolYear: 2023, addToPool: true, units: MONEY_IN_WANYUAN });
  const ms = performance.now() - t0;
  // The import thread's CPU is the process's too (threads share the process's usage).
  const cpu = process.cpuUsage(cpu0);
  await closeService(s);
  h.close();
  if (!r.ok) throw new Error(r.error.message);
  const { report } = r.data as MethodOutput<'import.apply'>;
  // CPU time beside the wall time: on a shared machine the wall time also counts other processes' turns.
  print(ms, { cpuMs: Math.round((cpu.user + cpu.system) / 1000), rows: report.counts?.rows, newFirms: report.counts?.newFirms, warnings: report.problemCounts.warnings });
}

async function xlsxRead(file: string): Promise<void> {
  const t0 = performance.now();
  // The same reader and options the app's importer uses.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([fs.readFileSync(file)]), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'emit' });
  let rows = 0;
  let cells = 0;
  for await (const ws of reader) {
    for await (const row of ws) {
      rows++;
      for (const v of row.values as unknown[]) if (v != null) cells++;
    }
  }
  print(performance.now() - t0, { rows, cells });
}

async function evaluateAll(db: string, dataYear: string): Promise<void> {
  const h = openPoolDb({ file: db });
  // Every set over the pool with a service of its own (empty caches): first in a fresh process (cold: code not
  // yet compiled), then again as after a write in a running app (caches dropped, code warm).
  const pass = async () => {
    const s = createService({ db: h.db, dataFile: h.file, actor: 'bench', appVersion: 'bench' });
    const perSet: Record<string, number> = {};
    const t0 = performance.now();
    for (const set of criteriaSets()) {
      const t = performance.now();
      const r = await dispatch(s, 'evaluate.pool', { year: 2023, setId: set.id, dataYear: dataYear === 'latest' ? undefined : Number(dataYear), limit: 50 });
      if (!r.ok) throw new Error(r.error.message);
      perSet[set.id] = Math.round(performance.now() - t);
    }
    return { ms: performance.now() - t0, perSet };
  };
  const cold = await pass();
  const warm = await pass();
  const firms = h.db.prepare('SELECT count(*) FROM pool_members WHERE year = 2023').pluck().get();
  h.close();
  print(cold.ms, { firms, perSet: cold.perSet, warmMs: Math.round(warm.ms), warmPerSet: warm.perSet });
}

async function openCheck(db: string): Promise<void> {
  const t0 = performance.now();
  checkDataFile(db, false);
  const bytes = fs.statSync(db).size;
  print(performance.now() - t0, { mb: Math.round(bytes / 2 ** 20), check: bytes <= FULL_CHECK_BYTES ? 'integrity_check' : 'quick_check' });
}

async function packageMerge(out: string, ...files: string[]): Promise<void> {
  removeDataFile(out);
  const h = openPoolDb({ file: out, create: 'empty' });
  const s = createService({ db: h.db, dataFile: h.file, actor: 'bench', appVersion: 'bench' });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  // As the CLI does: every package by its path, one merge (checks, plan, snapshot, one transaction).
  const r = await dispatch(s, 'package.merge', { files: files.map((f) => ({ fileName: path.basename(f), path: path.resolve(f) })) });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const firms = h.db.prepare('SELECT count(*) FROM firms').pluck().get();
  h.close();
  if (!r.ok) throw new Error(r.error.message);
  const { report } = r.data as MethodOutput<'package.merge'>;
  print(ms, { cpuMs: Math.round((cpu.user + cpu.system) / 1000), packages: report.packages.length, firms, newFirms: report.newFirms, conflicts: report.conflictCount, mb: Math.round(fs.statSync(out).size / 2 ** 20) });
}

const tasks: Record<string, (...a: string[]) => Promise<void>> = { 'app-import': appImport, 'xlsx-read': xlsxRead, evaluate: evaluateAll, 'open-check': openCheck, 'package-merge': packageMerge };
if (!tasks[task]) throw new Error(`unknown task ${task}`);
await tasks[task](...args);
