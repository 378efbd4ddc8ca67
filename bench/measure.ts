// Running one measurement in a fresh Node process (so its peak memory is its own and nothing is warm from
// the previous run) and taking the median of several.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const BENCH_DIR = import.meta.dirname;
export const ROOT = path.resolve(BENCH_DIR, '..');

/** A service thread's script as browser mode starts it (built), else its development entry. */
export function workerScript(name: 'evaluationWorker' | 'importWorker'): string {
  const built = path.join(ROOT, 'out', 'cli', `${name}.mjs`);
  return fs.existsSync(built) ? built : path.join(ROOT, 'db', 'service', `${name}.dev.mjs`);
}

export interface Sample {
  /** Milliseconds the measured operation took, timed inside the child. */
  ms: number;
  /** The child process's peak resident memory, MB. */
  peakMb: number;
  /** Anything else the task reports (row counts, per-part times). */
  info?: Record<string, unknown>;
}

/** Runs `bench/task.ts <task> ...args` (or another module's tasks) in a new Node process and returns what it printed on its last line. */
export function runTask(task: string, args: string[], script = 'task.ts'): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, script), task, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) reject(new Error(`${task} failed (${code}): ${err.trim() || out.trim()}`));
      else resolve(JSON.parse(last) as Sample);
    });
  });
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** `runs` samples of an async measurement, and their median time and largest peak memory. */
export async function repeat(runs: number, once: () => Promise<Sample>): Promise<{ ms: number; peakMb: number; samples: Sample[] }> {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) samples.push(await once());
  return { ms: median(samples.map((s) => s.ms)), peakMb: Math.max(...samples.map((s) => s.peakMb)), samples };
}

/** This process's peak resident memory, MB. On Linux from VmHWM, which starts afresh at exec: getrusage's
 * maxrss would count the parent's memory, inherited through fork, as the child's. */
export function peakMb(): number {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Math.round(Number(hwm[1]) / 1024);
  } catch {
    // not Linux
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/**
 * Makes a small call every `everyMs` while `busy()` holds, as a page polling the service does, and returns each
 * call's wait with its answer. A wait runs from when the call was due (its timer's set time), not from when the
 * timer fired: while the thread is blocked the timer fires late, and that delay is what a user waits. `firstDue`:
 * when the first call was due (for work started before the polling could start, its start plus one interval).
 */
export async function callsWhile<T>(busy: () => boolean, call: () => Promise<T>, everyMs = 20, firstDue = performance.now()): Promise<{ wait: number; answer: T }[]> {
  const calls: { wait: number; answer: T }[] = [];
  let due = firstDue;
  while (busy()) {
    const early = due - performance.now();
    // The call is made even if the work ended while it waited to be due: a blocked thread's delay ends with it.
    if (early > 0) await new Promise((ok) => setTimeout(ok, early));
    const answer = await call();
    const answered = performance.now();
    calls.push({ wait: Math.max(0, answered - due), answer });
    due = answered + everyMs;
  }
  return calls;
}
