// The analysis answers other calls between its plan, its questions and its verdict preview; a write that lands
// meanwhile — on the service's own connection or from another process — makes it start again, so the report is of
// one state, the one it ends on.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, defaultService } from '../../test/helpers';
import type { PoolDb } from '../../open';
import type { Service } from '../../service';
import { parseImportFile } from '../parse';
import { analyseImport, type ReadAndCheck } from '../run';
import { MONEY_KEYS } from '../units';

let h: PoolDb;
let service: Service;
beforeEach(() => ({ pool: h, service } = defaultService('analyst')));
afterEach(() => h.close());

const FIRM = '汉庄数控';
const SET = 'cn-champion-2023';

/** The pool's export with 汉庄数控's 2022 main revenue (41,300 万元) given as 47,000. */
async function corrected(): Promise<Buffer> {
  const csv = Buffer.from((await call(service, 'data.export', { poolYear: 2023, format: 'csv' })).base64, 'base64').toString('utf8');
  expect(csv).toContain(',41300,');
  return Buffer.from(csv.replace(',41300,', ',47000,'), 'utf8');
}

/** Reads as the app does, then has `write` run up to `times` times, one turn of the event loop apart, from then on
 * until `stop`; `written()` says how many ran. */
function writingMeanwhile(write: (n: number) => void, times: number) {
  let n = 0;
  let stopped = false;
  const readAndCheck: ReadAndCheck = async (bytes, name, options) => {
    const read = await parseImportFile(bytes, name, options);
    const tick = () => {
      if (stopped || n >= times) return;
      write(++n);
      setImmediate(tick);
    };
    setImmediate(tick);
    return read;
  };
  return { readAndCheck, stop: () => (stopped = true), written: () => n };
}

const firmId = () => h.db.prepare('SELECT id FROM firms WHERE name = ?').pluck().get(FIRM) as number;
const mainRevenueChange = (report: Awaited<ReturnType<typeof analyseImport>>) =>
  report.plan?.firms.find((f) => f.name === FIRM)?.years.find((y) => y.year === 2022)?.changes.find((c) => c.field === 'main_revenue') ?? null;

describe('an analysis with writes landing meanwhile', () => {
  beforeEach(async () => {
    // Criterion 8 (Shandong's recommendation condition) off, so the corrected figure moves the firm's verdict.
    await call(service, 'criteria.setEnabled', { setId: SET, criterionId: '8', enabled: false });
  });

  it('shows the change and the verdict it moves when nothing else is written', async () => {
    const report = await analyseImport(h.db, { bytes: await corrected(), fileName: 'x.csv', setId: SET, poolYear: 2023 });
    expect(mainRevenueChange(report)).toEqual({ field: 'main_revenue', old: 41300, new: 47000 });
    expect(report.verdicts).toEqual([{ firmId: firmId(), name: FIRM, before: 'not_eligible', after: 'needs_review' }]);
  });

  it('plans again after a write on its own connection, and reports the state the write left', async () => {
    const bytes = await corrected();
    const write = () => h.db.prepare('UPDATE firm_years SET main_revenue = 47000 WHERE firm_id = ? AND year = 2022').run(firmId());
    const report = await analyseImport(h.db, { bytes, fileName: 'x.csv', setId: SET, poolYear: 2023 }, writingMeanwhile(write, 1).readAndCheck);
    expect(h.db.prepare('SELECT main_revenue FROM firm_years WHERE firm_id = ? AND year = 2022').pluck().get(firmId())).toBe(47000);
    // The file now says what is stored: no change, and no verdict moved by it.
    expect(mainRevenueChange(report)).toBeNull();
    expect(report.verdicts).toEqual([]);
  });

  it('plans again after another process writes to the data file', async () => {
    const bytes = await corrected();
    const other = new Database(h.file);
    try {
      const write = () => other.prepare('UPDATE firm_years SET main_revenue = 47000 WHERE firm_id = ? AND year = 2022').run(firmId());
      const report = await analyseImport(h.db, { bytes, fileName: 'x.csv', setId: SET, poolYear: 2023 }, writingMeanwhile(write, 1).readAndCheck);
      expect(mainRevenueChange(report)).toBeNull();
      expect(report.verdicts).toEqual([]);
    } finally {
      other.close();
    }
  });

  it('ends even when every turn brings a write, with the plan of the state it ends on', async () => {
    const bytes = await corrected();
    // Each write moves the stored figure; the file's 47,000 is a change from whatever is stored when the plan is made.
    const write = (n: number) => h.db.prepare('UPDATE firm_years SET main_revenue = ? WHERE firm_id = ? AND year = 2022').run(41300 + n, firmId());
    const writes = writingMeanwhile(write, 10_000);
    const report = await analyseImport(h.db, { bytes, fileName: 'x.csv', setId: SET, poolYear: 2023 }, writes.readAndCheck);
    writes.stop();
    // One a turn while the file's own columns are searched for 元 (one or two passes a column; not started again: the
    // file does not change), then two tries with pauses and the third in one go: a few writes landed, not all that
    // were ready to.
    expect(writes.written()).toBeGreaterThan(MONEY_KEYS.length + 1);
    expect(writes.written()).toBeLessThan(2 * MONEY_KEYS.length + 10);
    const stored = h.db.prepare('SELECT main_revenue FROM firm_years WHERE firm_id = ? AND year = 2022').pluck().get(firmId()) as number;
    expect(stored).toBeGreaterThan(41300);
    expect(mainRevenueChange(report)).toEqual({ field: 'main_revenue', old: stored, new: 47000 });
  });
});
