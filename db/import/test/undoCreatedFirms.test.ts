// Undoing an import that created firms: work done on such a firm since (a shortlist, a request, an edited or added
// value, a later pool year) hangs on it, so the firm is listed with each kind of work, and is kept — with
// everything on it — or removed with it, as the analyst chooses.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Method, MethodInput, MethodOutput } from '../../contract';
import { call, defaultService } from '../../test/helpers';
import type { PoolDb } from '../../open';
import type { Service } from '../../service';
import { syntheticCsv } from './synth';

let h: PoolDb;
let service: Service;
const ok = <M extends Method>(method: M, input: unknown): Promise<MethodOutput<M>> => call(service, method, input as MethodInput<M>);

beforeEach(() => {
  ({ pool: h, service } = defaultService('analyst-zhao'));
});

/** Three new firms with 2022 figures, put in the 2023 pool; their ids in order. */
async function importThreeFirms(): Promise<number[]> {
  await ok('import.apply', { fileName: '新企业三家.csv', base64: syntheticCsv(3, [2022]).toString('base64'), poolYear: 2023, addToPool: true });
  return h.db.prepare("SELECT id FROM firms WHERE id IN (SELECT firm_id FROM import_writes WHERE kind = 'firm') ORDER BY id").pluck().all() as number[];
}

describe('undo of an import that created firms', () => {
  it('lists each kind of later work on a created firm, and removes the firms with it when told to revert', async () => {
    const [first, second, third] = await importThreeFirms();
    const code = h.db.prepare('SELECT credit_code FROM firms WHERE id = ?').pluck().get(first) as string;
    await ok('shortlist.create', { name: '2023年推荐', year: 2023, setId: 'cn-champion-2023', firmIds: [first] });
    await ok('requests.create', { creditCode: code, origin: '镇街走访', category: '用地厂房', content: '扩建厂房用地指标', received: '2024-01-10', takenBy: '王专员', handling: '上报专班', asOf: '2024-01-10' });
    await ok('firm.updateFigures', { firmId: first, years: [{ year: 2022, values: { net_profit: 321 } }] });
    await ok('firm.updateFigures', { firmId: second, years: [{ year: 2021, values: { revenue: 9000 } }] });
    await ok('poolYear.start', { year: 2024 });

    const plan = await ok('import.undoPlan', {});
    expect(plan.counts).toMatchObject({ newFirms: 3, members: 0 });
    const byFirm = new Map(plan.conflicts.map((c) => [c.firmId, c]));
    expect(plan.conflicts.every((c) => c.kind === 'firm')).toBe(true);
    const hangs = (id: number) => byFirm.get(id)!.what.split('；').filter((w) => !/^\d{4}-/.test(w));
    // The audit entries first (a shortlist or request entry has no year), then what hangs on the firm.
    const m = '\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d analyst-zhao';
    expect(byFirm.get(first)!.what).toMatch(new RegExp(`^${m}  add: 空 → not_eligible；${m}  create: 空 → 扩建厂房用地指标；${m} 2022 net_profit: 空 → 321；在 1 份申报名单中；`));
    expect(hangs(first)).toEqual(['在 1 份申报名单中', '诉求台账中有 1 条之后登记的诉求', '之后改动了 1 个数值', '之后加入或调整了 1 个年度的培育库']);
    expect(hangs(second)).toEqual(['之后改动了 1 个数值', '之后新增了 1 个年度的数据', '之后加入或调整了 1 个年度的培育库']);
    // The pool year started since has no audit entry of its own on the firm: the membership alone is later work.
    expect(byFirm.get(third)!.what).toBe('之后加入或调整了 1 个年度的培育库');

    expect(await ok('import.undo', { conflicts: 'revert' })).toMatchObject({ kept: 0 });
    expect(h.db.prepare(`SELECT count(*) FROM firms WHERE id IN (${[first, second, third].join(',')})`).pluck().get()).toBe(0);
    expect(h.db.pragma('foreign_key_check')).toEqual([]);
  });
});
