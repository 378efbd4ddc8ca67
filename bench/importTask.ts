// The import's responsiveness measurement (E4 in bench/index.ts), run in its own Node process by bench/measure.ts's
// runTask convention: prints one JSON line with the time and the process's peak memory.
//   responsiveness TEMPLATE FILE T  a small call (import.progress, as the import screen makes it) every 20 ms while
//                                   FILE is analysed (import.analyse) against a copy of the TEMPLATE data file, with
//                                   the verdict preview the import screen asks for (a set and a pool year);
//                                   T = thread (read and checked on the import thread, as the app does) or inline
//                                   (on the service's own thread). Prints the longest wait, and the longest of the
//                                   calls answered while the file was read and checked.
import fs from 'node:fs';
import path from 'node:path';
import type { MethodOutput } from '../db/contract';
import { openPoolDb } from '../db/open';
import { closeService, createService, dispatch } from '../db/service';
import { MONEY_IN_WANYUAN, removeDataFile, workFile } from './data';
import { callsWhile, peakMb, workerScript } from './measure';

const [task, ...args] = process.argv.slice(2);

async function responsiveness(template: string, file: string, mode: string): Promise<void> {
  // A copy: an analysis writes nothing, but the data file's journal and lock are the copy's own.
  const out = workFile('import-responsiveness.sqlite');
  removeDataFile(out);
  fs.copyFileSync(template, out);
  const h = openPoolDb({ file: out });
  const s = createService({ db: h.db, dataFile: h.file, actor: 'bench', appVersion: 'bench', importWorker: mode === 'thread' ? workerScript('importWorker') : undefined });
  // The small call's code warm before measuring, as in a running app.
  await dispatch(s, 'import.progress', {});
  let running = true;
  const t0 = performance.now();
  const analysis = Promise.resolve(dispatch(s, 'import.analyse', { fileName: path.basename(file), path: path.resolve(file), poolYear: 2023, setId: 'cn-champion-2023', addToPool: true, units: MONEY_IN_WANYUAN })).then((r) => {
    running = false;
    if (!r.ok) throw new Error(r.error.message);
    return performance.now() - t0;
  });
  const small = callsWhile(() => running, async () => dispatch(s, 'import.progress', {}), 20, t0 + 20);
  const analysisMs = await analysis;
  const calls = await small;
  // The longest wait of all, and of the calls answered while the file was read and checked: on the thread the
  // reading's waits and the plan's (on the service's thread) fall apart; inline the two are one block.
  const longest = Math.max(...calls.map((c) => c.wait));
  const reading = Math.max(0, ...calls.filter(({ answer }) => answer.ok && ['reading', 'checking'].includes((answer.data as MethodOutput<'import.progress'>).phase ?? '')).map((c) => c.wait));
  await closeService(s);
  h.close();
  removeDataFile(out);
  process.stdout.write(
    JSON.stringify({ ms: Math.round(longest), peakMb: peakMb(), info: { readingWaitMs: Math.round(reading), calls: calls.length, analysisMs: Math.round(analysisMs) } }) + '\n',
  );
}

const tasks: Record<string, (...a: string[]) => Promise<void>> = { responsiveness };
if (!tasks[task]) throw new Error(`unknown task ${task}`);
await tasks[task](...args);
