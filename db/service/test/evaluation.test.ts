import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeCsv } from '../../../bench/files';
import type { Method, MethodInput, MethodOutput } from '../../contract';
import { call, defaultService, tempDir } from '../../test/helpers';
import { type PoolDb } from '../../open';
import { closeService, createService, dispatch, type Service } from '../index';

let h: PoolDb;
let service: Service;

const ok = <M extends Method>(method: M, input: unknown): Promise<MethodOutput<M>> => call(service, method, input as MethodInput<M>);

beforeEach(() => {
  ({ pool: h, service } = defaultService('analyst-wang'));
});

const firmId = (name: string) => h.db.prepare('SELECT id FROM firms WHERE name = ?').pluck().get(name) as number;

describe('evaluating the default 2023 pool against cn-champion-2023', () => {
  it('gives each firm its verdict, eligible-or-closest first', async () => {
    const r = await ok('evaluate.pool', { year: 2023, setId: 'cn-champion-2023' });
    expect(r.total).toBe(11);
    // Only 台城新材料 holds 省级制造业单项冠军, Shandong's recommendation condition (criterion 8).
    expect(r.counts).toEqual({ eligible: 0, not_eligible: 10, incomplete: 0, needs_review: 1 });
    expect(r.rows[0].name).toBe('台城新材料');
    const byName = Object.fromEntries(r.rows.map((x) => [x.name, x]));
    expect(byName['鑫金山机械'].criteria.find((c) => c.id === '8')!.status).toBe('fail');
    // A missing title cannot be projected; on the national standard alone 汉庄数控 is a year away.
    expect(byName['汉庄数控'].projection).toEqual({ kind: 'not_projectable' });
    expect(byName['汉庄数控'].criteria.find((c) => c.id === '2')!.projection).toEqual({ kind: 'years', years: 1 });
    expect(byName['越成制动'].projection).toEqual({ kind: 'not_projectable' });
    const c2 = byName['越成制动'].criteria.find((c) => c.id === '2')!;
    expect(c2).toMatchObject({ status: 'fail', threshold: 40000, unit: 'money', op: '>=' });
    expect(c2.gap!.abs).toBeCloseTo(40000 - (31200 + 34800 + 38600) / 3, 6);
  });

  it('filters and sorts the pool table by verdict in SQL', async () => {
    const review = await ok('pool.list', { year: 2023, setId: 'cn-champion-2023', verdict: 'needs_review' });
    expect(review.total).toBe(1);
    expect(review.rows.every((x) => x.verdict === 'needs_review' && x.statuses.length === 10)).toBe(true);
    const sorted = await ok('pool.list', { year: 2023, setId: 'cn-champion-2023', sort: { column: 'verdict', dir: 'asc' } });
    expect(sorted.rows.map((x) => x.verdict)).toEqual([...Array(1).fill('needs_review'), ...Array(10).fill('not_eligible')]);
    const none = await dispatch(service, 'pool.list', { year: 2023, verdict: 'eligible' });
    expect(none.ok).toBe(false);
  });

  it('turns needs_review into eligible once the analyst records the four judgements, and audits each', async () => {
    const id = firmId('台城新材料');
    for (const key of ['tech_leading', 'energy_advanced', 'innovation_leading', 'clean_record_3y']) {
      await ok('analyst.record', { firmId: id, kind: 'judgement', setId: 'cn-champion-2023', key, value: true, note: '专家论证会意见' });
    }
    const eligible = await ok('pool.list', { year: 2023, setId: 'cn-champion-2023', verdict: 'eligible' });
    expect(eligible.rows.map((x) => x.name)).toEqual(['台城新材料']);
    const audit = h.db.prepare("SELECT actor, field, new_value, note FROM audit_log WHERE entity = 'analyst_input' ORDER BY id").all();
    expect(audit).toHaveLength(4);
    expect(audit[0]).toEqual({ actor: 'analyst-wang', field: 'judgement:cn-champion-2023:tech_leading', new_value: 'true', note: '专家论证会意见' });
    const firm = await ok('evaluate.firm', { firmId: id });
    const item = firm.evaluations[0].criteria.find((c) => c.id === '4')!.items[0];
    expect(item.recorded).toMatchObject({ value: true, actor: 'analyst-wang', note: '专家论证会意见' });
    // Clearing a judgement puts it back to review.
    await ok('analyst.record', { firmId: id, kind: 'judgement', setId: 'cn-champion-2023', key: 'tech_leading', value: null });
    expect((await ok('evaluate.pool', { year: 2023, setId: 'cn-champion-2023', verdict: 'eligible' })).total).toBe(0);
  });

  it('refuses inputs of the wrong kind and judgements without a set', async () => {
    const id = firmId('台城新材料');
    const points = await dispatch(service, 'analyst.record', { firmId: id, kind: 'points', key: 'srdi_quality', value: true });
    expect(points.ok).toBe(false);
    const judgement = await dispatch(service, 'analyst.record', { firmId: id, kind: 'judgement', key: 'tech_leading', value: true });
    expect(judgement.ok).toBe(false);
    expect(h.db.prepare('SELECT count(*) FROM analyst_inputs').pluck().get()).toBe(0);
  });

  it('switches an unconfirmed criterion on, audited, and re-evaluates with it', async () => {
    const before = await ok('evaluate.pool', { year: 2023, setId: 'cn-champion-2023' });
    const set = await ok('criteria.setEnabled', { setId: 'cn-champion-2023', criterionId: 'u1', enabled: true });
    expect(set.effective.u1).toBe(true);
    expect(set.switchedBy.u1.actor).toBe('analyst-wang');
    const after = await ok('evaluate.pool', { year: 2023, setId: 'cn-champion-2023' });
    const row = (r: typeof after, name: string) => r.rows.find((x) => x.name === name)!.criteria.find((c) => c.id === 'u1')!;
    expect(row(before, '台城新材料').enabled).toBe(false);
    expect(row(after, '台城新材料').enabled).toBe(true);
    expect(h.db.prepare("SELECT old_value || '→' || new_value FROM audit_log WHERE entity = 'criterion'").pluck().get()).toBe('off→on');
    expect((await dispatch(service, 'criteria.setEnabled', { setId: 'nope', criterionId: '1', enabled: true })).ok).toBe(false);
  });

  it('evaluates one firm against all eight sets with the sources of the values used', async () => {
    const r = await ok('evaluate.firm', { firmId: firmId('越成制动') });
    expect(r.dataYear).toBe(2022);
    expect(r.dataYears).toEqual([2020, 2021, 2022]);
    expect(r.evaluations.map((e) => e.setId)).toHaveLength(8);
    expect(r.sources.map((s) => s.kind)).toEqual(['sample']);
    const older = await ok('evaluate.firm', { firmId: firmId('越成制动'), dataYear: 2021 });
    expect(older.evaluations[0].criteria.find((c) => c.id === '2')!.status).toBe('unknown'); // 2019 is missing
  });

  it('sees an edited figure at once (that firm is evaluated again on the write)', async () => {
    const id = firmId('汉庄数控');
    expect((await ok('evaluate.pool', { year: 2023, setId: 'cn-champion-2023' })).rows.find((x) => x.firmId === id)!.criteria[1].status).toBe('fail');
    await ok('firm.updateFigures', { firmId: id, years: [{ year: 2022, values: { main_revenue: 47000, revenue: 50000 } }] });
    expect((await ok('evaluate.pool', { year: 2023, setId: 'cn-champion-2023' })).rows.find((x) => x.firmId === id)!.criteria[1].status).toBe('pass');
  });
});

const WORKER = path.join(import.meta.dirname, '..', 'evaluationWorker.dev.mjs');
const UNITS = Object.fromEntries(['intl_revenue', 'equity_financing', 'net_profit', 'rd_expense', 'total_liabilities'].map((k) => [k, '万元' as const]));
/** 40 synthetic firms added to the 2023 pool by an import. */
async function importSynthetic(): Promise<void> {
  const file = path.join(tempDir(), 'synthetic.csv');
  await writeCsv(file, 40);
  await ok('import.apply', { fileName: 'synthetic.csv', path: file, poolYear: 2023, addToPool: true, units: UNITS });
}

/** Every kind of write that can change an evaluation (and one that cannot). */
const WRITES: [string, () => Promise<unknown>][] = [
  ['a figure edit', () => ok('firm.updateFigures', { firmId: firmId('汉庄数控'), years: [{ year: 2022, values: { main_revenue: 47000, revenue: 50000 } }] })],
  ['an analyst flag', () => ok('analyst.record', { firmId: firmId('越成制动'), kind: 'flag', key: 'leads_standard', value: true })],
  ['a judgement', () => ok('analyst.record', { firmId: firmId('台城新材料'), kind: 'judgement', setId: 'cn-champion-2023', key: 'tech_leading', value: true })],
  ['points for an indicator', () => ok('analyst.record', { firmId: firmId('越成制动'), kind: 'points', key: 'srdi_quality', value: 5 })],
  ['a criterion switched off', () => ok('criteria.setEnabled', { setId: 'cn-champion-2023', criterionId: '2', enabled: false })],
  ['a member removed', () => ok('poolYear.setMember', { year: 2023, firmId: firmId('汉庄数控'), status: 'removed', reason: '测试' })],
  ['an import', importSynthetic],
  ['an import undone', async () => {
    await importSynthetic();
    await ok('import.undo', {});
  }],
  ['a shortlist written', () => ok('shortlist.create', { name: '测试', year: 2023, setId: 'cn-champion-2023' })],
];

describe.each([
  ['on the service thread', false],
  ['off the service thread', true],
])('the cached pool evaluation after a write, worked out %s', (_where, threaded) => {
  const SETS = ['cn-champion-2023', 'cn-little-giant-2022', 'cn-srdi-2022'];
  /** What the pool table and the shortlist proposal see: every firm's verdict, sorted by verdict, for a few sets. */
  const seen = async (svc: Service) => {
    const out: unknown[] = [];
    for (const setId of SETS) {
      out.push((await call(svc, 'evaluate.pool', { year: 2023, setId, limit: 1000 })).rows);
      out.push((await call(svc, 'pool.list', { year: 2023, setId, sort: { column: 'verdict', dir: 'asc' }, limit: 200 })).rows.map((r) => [r.firmId, r.verdict]));
      out.push((await call(svc, 'shortlist.propose', { year: 2023, setId, limit: 30 })).map((r) => [r.firmId, r.verdict, r.projection]));
    }
    return out;
  };
  const fresh = () => seen(createService({ db: h.db, dataFile: h.file, actor: 'fresh', appVersion: 'test' }));
  beforeEach(() => {
    if (threaded) service = createService({ db: h.db, dataFile: h.file, actor: 'analyst-wang', appVersion: 'test', evaluationWorker: WORKER });
  });
  afterEach(() => closeService(service));

  it.each(WRITES)('matches a fresh evaluation after %s', async (_what, write) => {
    await seen(service); // fill the caches
    await write();
    expect(await seen(service)).toEqual(await fresh());
  }, 60_000);
});
