// The evaluation thread: the same summaries as the service's own evaluation, a newer request superseding an older
// one, and the service answering other calls while a verdict sort is worked out there.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { call, defaultService } from '../../test/helpers';
import { createEvaluator } from '../evaluation';
import { startEvaluationThread, type EvaluationThread } from '../evaluationThread';
import { closeService, createService } from '../index';

const WORKER = path.join(import.meta.dirname, '..', 'evaluationWorker.dev.mjs');
let thread: EvaluationThread | null = null;
afterEach(async () => {
  await thread?.close();
  thread = null;
});

describe('the evaluation thread', () => {
  it('gives the summaries the service works out itself, for each set and data year', async () => {
    const { pool } = defaultService();
    thread = startEvaluationThread(WORKER, pool.file);
    const here = createEvaluator(pool.db);
    for (const [setId, dataYear] of [['cn-champion-2023', undefined], ['cn-srdi-2022', 2022], ['sd-gazelle-2020', 2021]] as const) {
      const there = await thread.run({ setId, poolYear: 2023, dataYear, generation: 0 });
      expect(there.size).toBe(11);
      expect(there).toEqual(here.pool(setId, 2023, dataYear));
    }
  }, 60_000);

  it('cancels a request superseded by a newer one, and answers the newer', async () => {
    const { pool } = defaultService();
    thread = startEvaluationThread(WORKER, pool.file);
    const older = thread.run({ setId: 'cn-champion-2023', poolYear: 2023, dataYear: undefined, generation: 0 });
    const same = thread.run({ setId: 'cn-champion-2023', poolYear: 2023, dataYear: undefined, generation: 0 });
    expect(same).toBe(older); // the same evaluation asked twice is worked out once
    const newer = thread.run({ setId: 'cn-little-giant-2022', poolYear: 2023, dataYear: undefined, generation: 0 });
    await expect(older).rejects.toMatchObject({ code: 'unavailable', details: { superseded: true } });
    expect(await newer).toEqual(createEvaluator(pool.db).pool('cn-little-giant-2022', 2023, undefined));
  }, 60_000);

  it('lets the service answer a small call while a verdict sort waits for the thread', async () => {
    const { pool } = defaultService();
    const service = createService({ db: pool.db, dataFile: pool.file, actor: 't', appVersion: 'test', evaluationWorker: WORKER });
    try {
      const order: string[] = [];
      const sort = call(service, 'pool.list', { year: 2023, setId: 'cn-champion-2023', sort: { column: 'verdict', dir: 'asc' } }).then((r) => {
        order.push('sort');
        return r;
      });
      const years = call(service, 'pool.years', {}).then(() => order.push('years'));
      const [sorted] = await Promise.all([sort, years]);
      expect(order).toEqual(['years', 'sort']);
      expect(sorted.rows.map((r) => r.verdict)).toEqual(['needs_review', ...Array(10).fill('not_eligible')]);
    } finally {
      await closeService(service);
    }
  }, 60_000);

  it('says how far the evaluation has got while a verdict sort waits for the thread, and nothing once done', async () => {
    const { pool } = defaultService();
    const service = createService({ db: pool.db, dataFile: pool.file, actor: 't', appVersion: 'test', evaluationWorker: WORKER });
    try {
      expect(await call(service, 'evaluate.progress', {})).toEqual({ running: false, setId: null, year: null, phase: null, done: 0, total: 0 });
      let finished = false;
      const sort = call(service, 'pool.list', { year: 2023, setId: 'cn-srdi-2022', sort: { column: 'verdict', dir: 'desc' } }).finally(() => (finished = true));
      const seen: Awaited<ReturnType<typeof progress>>[] = [];
      const progress = () => call(service, 'evaluate.progress', {});
      while (!finished) {
        seen.push(await progress());
        await new Promise((ok) => setTimeout(ok, 2));
      }
      await sort;
      const running = seen.filter((p) => p.running);
      expect(running.length).toBeGreaterThan(0);
      expect(running[0]).toMatchObject({ setId: 'cn-srdi-2022', year: 2023, phase: 'facts' });
      for (const p of running) {
        expect(p.setId).toBe('cn-srdi-2022');
        if (p.phase === 'evaluating') expect(p).toMatchObject({ total: 11 });
      }
      expect((await progress()).running).toBe(false);
    } finally {
      await closeService(service);
    }
  }, 60_000);

  it('works out the overview’s evaluations on the thread, answering a small call meanwhile, with the same overview', async () => {
    const { pool } = defaultService();
    const input = { year: 2023, setId: 'cn-champion-2023', today: '2025-05-10' };
    const here = await call(createService({ db: pool.db, dataFile: pool.file, actor: 't', appVersion: 'test' }), 'overview.get', input);
    const service = createService({ db: pool.db, dataFile: pool.file, actor: 't', appVersion: 'test', evaluationWorker: WORKER });
    try {
      const order: string[] = [];
      const overview = call(service, 'overview.get', input).then((r) => {
        order.push('overview');
        return r;
      });
      const years = call(service, 'pool.years', {}).then(() => order.push('years'));
      const [there] = await Promise.all([overview, years]);
      expect(order).toEqual(['years', 'overview']);
      expect(there).toEqual(here);
    } finally {
      await closeService(service);
    }
  }, 60_000);
});
