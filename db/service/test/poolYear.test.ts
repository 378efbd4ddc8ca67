import { beforeEach, describe, expect, it } from 'vitest';
import type { Method, MethodInput, MethodOutput } from '../../contract';
import { call, defaultService } from '../../test/helpers';
import { type PoolDb } from '../../open';
import { dispatch, type Service } from '../index';

let h: PoolDb;
let service: Service;
const ok = <M extends Method>(method: M, input: unknown): Promise<MethodOutput<M>> => call(service, method, input as MethodInput<M>);
const firmId = (name: string) => h.db.prepare('SELECT id FROM firms WHERE name = ?').pluck().get(name) as number;

beforeEach(() => {
  ({ pool: h, service } = defaultService('analyst-sun'));
});

describe('the pool year', () => {
  it('starts next year from last year: members carried over as kept, audited', async () => {
    expect(await ok('poolYear.start', { year: 2024 })).toEqual({ year: 2024, name: '2024年度制造业单项冠军培育库', carried: 11 });
    const list = await ok('pool.list', { year: 2024, limit: 20 });
    expect(list.total).toBe(11);
    expect(new Set(list.rows.map((r) => r.status))).toEqual(new Set(['kept']));
    expect((await dispatch(service, 'poolYear.start', { year: 2024 })).ok).toBe(false);
    expect(h.db.prepare("SELECT note FROM audit_log WHERE entity = 'pool' AND field = 'start'").pluck().get()).toBe('结转 11 家');
  });

  it('marks members graduated or removed with a reason, adds new ones, and leaves removed ones behind next year', async () => {
    await ok('poolYear.start', { year: 2024 });
    await ok('poolYear.setMember', { year: 2024, firmId: firmId('台城新材料'), status: 'graduated', reason: '2024年获评国家级单项冠军' });
    await ok('poolYear.setMember', { year: 2024, firmId: firmId('泥沟精密铸造'), status: 'removed', reason: '连续两年利润下滑，市场占有率下降' });
    expect((await dispatch(service, 'poolYear.setMember', { year: 2024, firmId: 1, status: 'removed', reason: '' })).ok).toBe(false);
    const audit = h.db.prepare("SELECT old_value, new_value, note, actor FROM audit_log WHERE entity = 'pool' AND field = 'status' ORDER BY id").all();
    expect(audit).toEqual([
      { old_value: 'kept', new_value: 'graduated', note: '2024年获评国家级单项冠军', actor: 'analyst-sun' },
      { old_value: 'kept', new_value: 'removed', note: '连续两年利润下滑，市场占有率下降', actor: 'analyst-sun' },
    ]);
    expect((await ok('poolYear.start', { year: 2025 })).carried).toBe(10);
  });

  it('flags last year’s entrants whose share or profit fell, or whose verdict got worse', async () => {
    const r = await ok('poolYear.recheck', { year: 2023, setId: 'cn-little-giant-2022' });
    expect(r.dataYear).toBe(2022);
    const flags = Object.fromEntries(r.firms.map((f) => [f.name, f.flags.map((x) => x.kind)]));
    expect(flags['泥沟精密铸造']).toEqual(['share_fell', 'profit_fell']);
    expect(flags['台城新材料']).toEqual([]);
    const worse = r.firms.find((f) => f.name === '泥沟精密铸造')!.flags.find((x) => x.kind === 'profit_fell')!;
    expect(worse.before).toBeGreaterThan(worse.after as number);
  });

  it('compares two pool years: membership and figures', async () => {
    await ok('poolYear.start', { year: 2024 });
    await ok('poolYear.setMember', { year: 2024, firmId: firmId('泥沟精密铸造'), status: 'removed', reason: '退出' });
    const c = await ok('poolYear.compare', { a: 2023, b: 2024 });
    expect(c.a).toEqual({ year: 2023, dataYear: 2022, members: 11 });
    expect(c.b.members).toBe(11);
    const row = c.firms.find((f) => f.name === '泥沟精密铸造')!;
    expect(row).toMatchObject({ statusA: 'member', statusB: 'removed', reasonB: '退出' });
    expect(row.revenueA).toBeCloseTo(19651.2, 1);
  });
});
