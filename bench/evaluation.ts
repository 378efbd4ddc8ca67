// The evaluation's rows of npm run bench: the CLI's evaluate, all 8 sets cold and after a one-firm write, and a
// small call's latency while the pool is sorted by verdict — each beside its target (or, for the latency, the same
// call with the sort on the service's own thread), measured in the same run, with the peak memory of each.
import { median, repeat, runTask } from './measure';
import { workFile } from './data';

const fmt = (n: number) => n.toLocaleString('en-US');
const ms = (n: number) => `${fmt(Math.round(n))} ms`;
const verdict = (ok: boolean) => (ok ? 'meets target' : 'MISSES target');
const task = (name: string, args: string[]) => runTask(name, args, 'evaluationTask.ts');

/** `sizes`: the pool sizes of this run (their data files made by P1); `runsFor`: runs per figure by size. */
export async function evaluationBench(sizes: number[], runsFor: (firms: number) => number, line: (s: string) => void): Promise<void> {
  const big = sizes.filter((n) => n > 11);
  line('E1  `champion-pool evaluate --set cn-champion-2023 --format json` over the whole pool (the built CLI, stdout read and discarded); target 5 s at 100,000');
  for (const firms of big) {
    const r = await repeat(runsFor(firms), () => task('cli-evaluate', [workFile(`p1-${firms}.sqlite`), 'cn-champion-2023']));
    const target = (5000 * firms) / 100_000;
    line(`    ${fmt(firms).padStart(7)} firms: ${ms(r.ms)} (${r.samples[0].info?.mb} MB of JSON) → ${(r.ms / target).toFixed(2)}× of ${ms(target)} — ${verdict(r.ms <= target)}; peak ${r.peakMb} MB`);
  }
  line('E2  all 8 sets over the 2023 pool (evaluate.pool per set, its first row), cold in a new process; then one firm\'s figure written');
  line('    and all 8 again (the write included); targets at 100,000: cold 5 s, after the write 50 ms');
  for (const firms of big) {
    const r = await repeat(runsFor(firms), () => task('sets', [workFile(`p1-${firms}.sqlite`), '2024']));
    const after = median(r.samples.map((s) => s.info?.afterWriteMs as number));
    const [cold, warm] = [(5000 * firms) / 100_000, (50 * firms) / 100_000];
    line(
      `    ${fmt(firms).padStart(7)} firms: cold ${ms(r.ms)} → ${(r.ms / cold).toFixed(2)}× of ${ms(cold)} — ${verdict(r.ms <= cold)}; ` +
        `after a one-firm write ${after.toFixed(1)} ms → ${(after / warm).toFixed(2)}× of ${warm} ms — ${verdict(after <= warm)}; peak ${r.peakMb} MB`,
    );
  }
  line('E3  a small call (pool.years, one every 20 ms) while the pool is sorted by verdict, cold: the longest wait; target 100 ms;');
  line('    peer: the same with the evaluation on the service\'s own thread (as before the evaluation thread)');
  for (const firms of big) {
    const db = workFile(`p1-${firms}.sqlite`);
    const thread = await repeat(runsFor(firms), () => task('responsiveness', [db, '2024', 'thread']));
    const inline = await repeat(runsFor(firms), () => task('responsiveness', [db, '2024', 'inline']));
    const sortMs = median(thread.samples.map((s) => s.info?.sortMs as number));
    line(
      `    ${fmt(firms).padStart(7)} firms: ${ms(thread.ms)} (${thread.samples[0].info?.calls} calls answered during a ${ms(sortMs)} sort) vs ${ms(inline.ms)} on the service's thread → ` +
        `${(thread.ms / inline.ms).toFixed(3)}× of the peer, ${(thread.ms / 100).toFixed(2)}× of 100 ms — ${verdict(thread.ms <= 100)}; peak ${thread.peakMb} MB (peer ${inline.peakMb} MB)`,
    );
  }
}
