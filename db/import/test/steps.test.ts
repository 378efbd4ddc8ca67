// A province file's plan, unit questions and verdict preview are done in steps, other calls answered between them:
// the steps give what the work done in one go gives, and the analysis does yield at each of them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultService } from '../../test/helpers';
import type { PoolDb } from '../../open';
import { parseImportFile } from '../parse';
import { planImport, planSteps } from '../plan';
import { previewSteps, verdictPreview } from '../preview';
import { analyseImport, type ReadAndCheck } from '../run';
import { drain, inTurns, type Steps } from '../../turns';
import { columnSuspects, MONEY_KEYS, suspectSteps } from '../units';
import { FIGURE_INDEX } from '../../figures';
import { syntheticCsv } from './synth';

let h: PoolDb;
beforeEach(() => ({ pool: h } = defaultService('analyst')));
afterEach(() => h.close());

const WANYUAN = { revenue: '万元', main_revenue: '万元', rd_expense: '万元' } as const;
const SET = 'cn-champion-2023';

/** Runs steps to the end, counting their yields. */
function counted<T>(steps: Steps<T>): { value: T; yields: number } {
  let yields = 0;
  for (;;) {
    const s = steps.next();
    if (s.done) return { value: s.value, yields };
    yields++;
  }
}

async function records(firms: number) {
  const read = await parseImportFile(syntheticCsv(firms), 'x.csv', { units: WANYUAN });
  return read.parsed!.records;
}

describe('work in steps', () => {
  it('runs every step and returns the result, pausing once per yield in turns', async () => {
    function* three(): Steps<string> {
      yield;
      yield;
      yield;
      return 'done';
    }
    expect(drain(three())).toBe('done');
    let pauses = 0;
    expect(await inTurns(three(), async () => void pauses++)).toBe('done');
    expect(pauses).toBe(3);
  });

  it('plans 4,500 firms in steps of 2,000 (or as asked), giving the plan made in one go', async () => {
    const recs = await records(4500);
    const whole = planImport(h.db, recs, '企业年度数据');
    expect(whole.firms).toHaveLength(4500);
    const stepped = counted(planSteps(h.db, recs, '企业年度数据'));
    expect(stepped.yields).toBe(2);
    expect(stepped.value).toEqual(whole);
    expect(counted(planSteps(h.db, recs, '企业年度数据', 1000)).yields).toBe(4);
    // The file's 13,500 rows grouped by firm 25 steps' worth of firms at a time too: 5 steps of 2,500 rows, then 44.
    expect(recs).toHaveLength(13_500);
    const small = counted(planSteps(h.db, recs, '企业年度数据', 100));
    expect(small.yields).toBe(5 + 44);
    expect(small.value).toEqual(whole);
  });

  it('looks for 元 in steps of rows, column by column, finding what the search in one go finds', async () => {
    const recs = await records(30);
    // One firm's revenue typed in 元: 10,000 times the column's median.
    recs[4].figures[0] *= 10_000;
    const whole = columnSuspects(recs);
    expect(whole.length).toBeGreaterThan(0);
    // Each money column read once for its median; those with three or more values above 0 read again for suspects.
    const asked = MONEY_KEYS.filter((k) => recs.filter((r) => r.figures[FIGURE_INDEX.get(k)!] > 0).length >= 3).length;
    expect(asked).toBe(3);
    const stepped = counted(suspectSteps(recs));
    expect(stepped.yields).toBe(MONEY_KEYS.length + asked);
    expect(stepped.value).toEqual(whole);
    // 90 rows in steps of 10: nine steps a pass.
    const small = counted(suspectSteps(recs, 10));
    expect(small.yields).toBe(9 * (MONEY_KEYS.length + asked));
    expect(small.value).toEqual(whole);
  });

  it('previews verdicts 2,000 evaluations a step (the pool before, then the file\'s firms), as in one go', async () => {
    const plan = planImport(h.db, await records(4500), '企业年度数据');
    const whole = verdictPreview(h.db, plan, SET, 2023);
    expect(whole.length).toBeGreaterThan(0);
    const stepped = counted(previewSteps(h.db, plan, SET, 2023));
    const members = h.db.prepare('SELECT count(*) FROM pool_members WHERE year = 2023').pluck().get() as number;
    expect(stepped.yields).toBe(Math.floor((members + 4500) / 2000));
    expect(stepped.value).toEqual(whole);
  });

  it('lets other calls in at every step of an analysis', async () => {
    let ticks = 0;
    let stop = false;
    // Another caller's turn: counted each time the event loop comes round, from when the file has been read.
    const readAndCheck: ReadAndCheck = async (bytes, name, options) => {
      const read = await parseImportFile(bytes, name, options);
      const tick = () => {
        if (stop) return;
        ticks++;
        setImmediate(tick);
      };
      setImmediate(tick);
      return read;
    };
    const report = await analyseImport(h.db, { bytes: syntheticCsv(4500), fileName: 'x.csv', units: WANYUAN, setId: SET, poolYear: 2023 }, readAndCheck);
    stop = true;
    expect(report.refused).toBe(false);
    const members = h.db.prepare('SELECT count(*) FROM pool_members WHERE year = 2023').pluck().get() as number;
    // The unit search's steps, the plan's, the pauses after the plan and before the preview, the preview's.
    expect(ticks).toBeGreaterThanOrEqual(MONEY_KEYS.length + 2 + 2 + Math.floor((members + 4500) / 2000));
  });
});
