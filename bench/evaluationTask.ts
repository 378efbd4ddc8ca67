// The evaluation's measurements (bench/evaluation.ts), each run in its own Node process by bench/measure.ts's
// runTask convention: prints one JSON line with the time and the process's peak memory.
//   cli-evaluate DB SET            `champion-pool evaluate --set SET --format json` (the built CLI), stdout discarded;
//                                  its peak memory read from /proc while it runs
//   sets DB DATA_YEAR              evaluate.pool for all 8 sets (one row each: the pool-wide part, not a page's
//                                  details), cold; then one firm's figure written, timed with all 8 again
//   responsiveness DB DATA_YEAR T  a small call (pool.years) every 20 ms while the pool is sorted by verdict, cold;
//                                  T = thread (the evaluation thread) or inline (on the service's own thread)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { criteriaSets } from '../db/criteria/sets';
import { openPoolDb } from '../db/open';
import { closeService, createService, dispatch } from '../db/service';
import { removeDataFile } from './data';
import { callsWhile, peakMb, ROOT, workerScript } from './measure';

const [task, ...args] = process.argv.slice(2);
const print = (ms: number, info: Record<string, unknown> = {}, peak = peakMb()) => process.stdout.write(JSON.stringify({ ms: Math.round(ms), peakMb: peak, info }) + '\n');

async function cliEvaluate(db: string, set: string): Promise<void> {
  const built = path.join(ROOT, 'out', 'cli', 'cli.mjs');
  const t0 = performance.now();
  const child = spawn(process.execPath, [fs.existsSync(built) ? built : path.join(ROOT, 'bin', 'champion-pool.mjs'), 'evaluate', '--db', db, '--set', set, '--format', 'json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let bytes = 0;
  child.stdout.on('data', (d: Buffer) => (bytes += d.length));
  let peak = 0;
  const poll = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Math.round(Number(m[1]) / 1024));
    } catch {
      // exited
    }
  }, 50);
  const code = await new Promise<number | null>((ok) => child.on('exit', ok));
  clearInterval(poll);
  if (code !== 0) throw new Error(`champion-pool evaluate exited with ${code}`);
  print(performance.now() - t0, { mb: Math.round(bytes / 2 ** 20) }, peak);
}

async function sets(db: string, dataYear: string): Promise<void> {
  // A copy: the one-firm write must not change the bench's data file.
  const copy = db.replace(/\.sqlite$/, '-eval.sqlite');
  removeDataFile(copy);
  fs.copyFileSync(db, copy);
  const h = openPoolDb({ file: copy });
  const s = createService({ db: h.db, dataFile: h.file, actor: 'bench', appVersion: 'bench' });
  const all = async () => {
    const t0 = performance.now();
    for (const set of criteriaSets()) {
      const r = await dispatch(s, 'evaluate.pool', { year: 2023, setId: set.id, dataYear: Number(dataYear), limit: 1 });
      if (!r.ok) throw new Error(r.error.message);
    }
    return performance.now() - t0;
  };
  const cold = await all();
  const firmId = h.db.prepare('SELECT firm_id FROM pool_members WHERE year = 2023 ORDER BY firm_id DESC LIMIT 1').pluck().get() as number;
  const revenue = (h.db.prepare('SELECT revenue FROM firm_years WHERE firm_id = ? AND year = ?').pluck().get(firmId, Number(dataYear)) as number | null) ?? 1000;
  const t0 = performance.now();
  const w = await dispatch(s, 'firm.updateFigures', { firmId, years: [{ year: Number(dataYear), values: { revenue: revenue + 1 } }] });
  if (!w.ok) throw new Error(w.error.message);
  const write = performance.now() - t0;
  // The write itself (which redoes that firm in every cached evaluation) and all 8 pool evaluations again.
  const after = write + (await all());
  const firms = h.db.prepare('SELECT count(*) FROM pool_members WHERE year = 2023').pluck().get();
  h.close();
  removeDataFile(copy);
  print(cold, { firms, afterWriteMs: Math.round(after * 10) / 10, writeMs: Math.round(write * 10) / 10 });
}

async function responsiveness(db: string, dataYear: string, mode: string): Promise<void> {
  const h = openPoolDb({ file: db });
  const s = createService({ db: h.db, dataFile: h.file, actor: 'bench', appVersion: 'bench', evaluationWorker: mode === 'thread' ? workerScript('evaluationWorker') : undefined });
  // The thread started and the small call's code warm before measuring, as in a running app.
  await dispatch(s, 'pool.years', {});
  let sorting = true;
  const t0 = performance.now();
  const sort = Promise.resolve(dispatch(s, 'pool.list', { year: 2023, setId: 'cn-champion-2023', dataYear: Number(dataYear), sort: { column: 'verdict', dir: 'asc' }, limit: 100 })).then((r) => {
    sorting = false;
    if (!r.ok) throw new Error(r.error.message);
    return performance.now() - t0;
  });
  // Small calls as a page makes them: one every 20 ms, each timed from when it was due.
  const small = callsWhile(() => sorting, async () => dispatch(s, 'pool.years', {}), 20, t0 + 20);
  const sortMs = await sort;
  const latencies = (await small).map((c) => c.wait);
  await closeService(s);
  h.close();
  print(Math.max(...latencies), { calls: latencies.length, sortMs: Math.round(sortMs) });
}

const tasks: Record<string, (...a: string[]) => Promise<void>> = { 'cli-evaluate': cliEvaluate, sets, responsiveness };
if (!tasks[task]) throw new Error(`unknown task ${task}`);
await tasks[task](...args);
