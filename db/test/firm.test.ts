import { describe, expect, it } from 'vitest';
import defaultPool from '../../assets/default-pool.json';
import type { FirmDetailT } from '../contract';
import { FIGURE_KEYS } from '../figures';
import { call, callError, defaultService, type TestService } from './helpers';

const XJS = '91370405MA3C7K2E3Q'; // 鑫金山机械, seed-letter firm, sample figures
const LNDJY = '91370405MA3J6N2D48'; // 鲁南电解液: rank_global is null in every year

function firmId(t: TestService, code: string): number {
  return t.pool.db.prepare('SELECT id FROM firms WHERE credit_code = ?').pluck().get(code) as number;
}

/** Everything an edit could write, to compare before and after a refused one. */
function state(t: TestService) {
  const { db } = t.pool;
  return {
    firmYears: db.prepare('SELECT * FROM firm_years ORDER BY firm_id, year').all(),
    audit: db.prepare('SELECT count(*) FROM audit_log').pluck().get(),
    sources: db.prepare('SELECT count(*) FROM sources').pluck().get(),
    overrides: db.prepare('SELECT count(*) FROM value_overrides').pluck().get(),
  };
}

const year = (d: FirmDetailT, y: number) => d.years.find((x) => x.year === y)!;
const sourceOf = (d: FirmDetailT, id: number) => d.sources.find((s) => s.id === id)!;
const sampleValues = async (t: TestService) => (await call(t.service, 'app.info', {})).sample.values;

describe('firm.get', () => {
  it('returns the profile, titles, years, membership and every source referred to', async () => {
    const t = defaultService();
    const d = await call(t.service, 'firm.get', { firmId: firmId(t, XJS) });
    const seed = defaultPool.firms.find((f) => f.credit_code === XJS)!;
    expect(d.firm).toMatchObject({ creditCode: XJS, name: '鑫金山机械', town: seed.town, chain: seed.chain, segmentSince: seed.segment_since });
    expect(sourceOf(d, d.firm.sourceId).kind).toBe('seed_letter');
    expect(d.titles.map((x) => x.code).sort()).toEqual(seed.titles.map((x) => x.code).sort());
    expect(d.years.map((y) => y.year)).toEqual([2020, 2021, 2022]);
    expect(d.memberships).toEqual([expect.objectContaining({ year: 2023, status: 'member' })]);
    for (const y of d.years) {
      const seedYear = seed.years.find((s) => s.year === y.year)! as Record<string, number | null>;
      for (const k of FIGURE_KEYS) {
        expect(y.values[k], `${y.year} ${k}`).toBe(seedYear[k]);
        expect(sourceOf(d, y.sources[k]).kind).toBe('sample');
      }
      expect(y.sourceRow).toBeNull();
    }
    const referred = new Set([d.firm.sourceId, ...d.titles.map((x) => x.sourceId), ...d.memberships.map((m) => m.sourceId)]);
    for (const y of d.years) for (const k of FIGURE_KEYS) referred.add(y.sources[k]);
    if (d.firm.profileSourceId !== null) referred.add(d.firm.profileSourceId);
    expect(new Set(d.sources.map((s) => s.id))).toEqual(referred);
  });

  it('refuses an unknown firm with not_found', async () => {
    const t = defaultService();
    expect((await callError(t.service, 'firm.get', { firmId: 9999 })).code).toBe('not_found');
    expect((await callError(t.service, 'firm.get', { firmId: 'x' })).code).toBe('invalid_input');
  });
});

describe('firm.updateFigures', () => {
  it('writes the new values with a manual source, overrides and one audit entry per changed field', async () => {
    const t = defaultService('王分析');
    const id = firmId(t, XJS);
    const before = state(t);
    const d = await call(t.service, 'firm.updateFigures', {
      firmId: id,
      years: [{ year: 2022, values: { revenue: 60000, rank_global: 2, share_domestic: 26.4 /* unchanged */ } }],
      note: '企业年报核对',
    });
    const y = year(d, 2022);
    expect(y.values.revenue).toBe(60000);
    expect(y.values.rank_global).toBe(2);
    const manual = sourceOf(d, y.sources.revenue);
    expect(manual).toMatchObject({ kind: 'manual', actor: '王分析' });
    expect(y.sources.rank_global).toBe(manual.id);
    for (const k of FIGURE_KEYS.filter((k) => k !== 'revenue' && k !== 'rank_global')) expect(sourceOf(d, y.sources[k]).kind, k).toBe('sample');
    for (const other of [2020, 2021]) for (const k of FIGURE_KEYS) expect(sourceOf(d, year(d, other).sources[k]).kind).toBe('sample');

    const after = state(t);
    expect(after.sources).toBe((before.sources as number) + 1); // one manual source for the edit
    expect(after.overrides).toBe((before.overrides as number) + 2);
    expect(after.audit).toBe((before.audit as number) + 2);
    const overrides = t.pool.db.prepare('SELECT year, field, source_id AS s FROM value_overrides WHERE firm_id = ? ORDER BY field').all(id);
    expect(overrides).toEqual([
      { year: 2022, field: 'rank_global', s: manual.id },
      { year: 2022, field: 'revenue', s: manual.id },
    ]);

    const history = await call(t.service, 'firm.history', { firmId: id });
    expect(history).toHaveLength(2);
    const byField = Object.fromEntries(history.map((h) => [h.field, h]));
    expect(byField.revenue).toMatchObject({ actor: '王分析', entity: 'figure', year: 2022, oldValue: '56847.8', newValue: '60000', note: '企业年报核对' });
    expect(byField.rank_global).toMatchObject({ oldValue: '3', newValue: '2', note: '企业年报核对' });
    expect(t.changes).toContain('firm.updateFigures');
  });

  it('writes nothing when every value is unchanged', async () => {
    const t = defaultService();
    const id = firmId(t, XJS);
    const before = state(t);
    const d = await call(t.service, 'firm.updateFigures', { firmId: id, years: [{ year: 2022, values: { revenue: 56847.8, rank_global: 3, rank_national: 1 } }] });
    expect(year(d, 2022).values.revenue).toBe(56847.8);
    expect(state(t)).toEqual(before);
    expect(await call(t.service, 'firm.history', { firmId: id })).toEqual([]);
  });

  it('a second edit of the same value keeps one override and adds an audit entry from the edited value', async () => {
    const t = defaultService();
    const id = firmId(t, XJS);
    await call(t.service, 'firm.updateFigures', { firmId: id, years: [{ year: 2022, values: { revenue: 60000 } }] });
    const d = await call(t.service, 'firm.updateFigures', { firmId: id, years: [{ year: 2022, values: { revenue: 61000 } }], note: '再次修改' });
    expect(year(d, 2022).values.revenue).toBe(61000);
    expect(t.pool.db.prepare('SELECT count(*) FROM value_overrides').pluck().get()).toBe(1);
    const [latest, first] = await call(t.service, 'firm.history', { firmId: id });
    expect(latest).toMatchObject({ oldValue: '60000', newValue: '61000', note: '再次修改' });
    expect(first).toMatchObject({ oldValue: '56847.8', newValue: '60000', note: null });
    expect(latest.id).toBeGreaterThan(first.id);
    expect(sourceOf(d, year(d, 2022).sources.revenue).kind).toBe('manual');
  });

  const invalid: [string, Record<string, number>, string, string][] = [
    ['a share of 130 %', { share_domestic: 130 }, 'share_domestic', 'above_max'],
    ['a negative revenue', { revenue: -1 }, 'revenue', 'negative'],
    ['a negative share', { share_global: -0.5 }, 'share_global', 'negative'],
    ['rank 0', { rank_national: 0 }, 'rank_national', 'below_min'],
    ['a non-integer count', { invention_patents: 2.5 }, 'invention_patents', 'not_integer'],
    ['a non-integer rank', { rank_global: 1.5 }, 'rank_global', 'not_integer'],
    ['a negative headcount', { employees: -3 }, 'employees', 'below_min'],
    ['a revenue of 2e8 万元', { revenue: 2e8 }, 'revenue', 'implausible_money'],
    ['a credit score above 1000', { credit_score: 1001 }, 'credit_score', 'above_max'],
  ];
  for (const [what, values, field, problem] of invalid) {
    it(`refuses ${what}, naming the field, and writes nothing`, async () => {
      const t = defaultService();
      const id = firmId(t, XJS);
      const before = state(t);
      // a valid change beside the invalid one must not be written either
      const e = await callError(t.service, 'firm.updateFigures', { firmId: id, years: [{ year: 2022, values: { ...values, rd_expense: 1234 } }] });
      expect(e.code).toBe('invalid_input');
      expect(e.details).toEqual([expect.objectContaining({ field, problem, year: 2022 })]);
      expect(state(t)).toEqual(before);
    });
  }

  it('sends the allowed range with a value out of it', async () => {
    const t = defaultService();
    const e = await callError(t.service, 'firm.updateFigures', { firmId: firmId(t, XJS), years: [{ year: 2022, values: { share_domestic: 130 } }] });
    expect(e.details).toEqual([{ year: 2022, field: 'share_domestic', value: 130, problem: 'above_max', min: 0, max: 100 }]);
  });

  it('accepts the limits themselves and a negative net profit', async () => {
    const t = defaultService();
    const id = firmId(t, XJS);
    const d = await call(t.service, 'firm.updateFigures', {
      firmId: id,
      years: [{ year: 2022, values: { share_domestic: 100, share_global: 0, rank_national: 1, net_profit: -5000, invention_patents: 0 } }],
    });
    expect(year(d, 2022).values).toMatchObject({ share_domestic: 100, share_global: 0, rank_national: 1, net_profit: -5000, invention_patents: 0 });
  });

  it('refuses main_revenue above revenue (after merging with the stored values) and writes nothing', async () => {
    const t = defaultService();
    const id = firmId(t, XJS);
    const before = state(t);
    const e = await callError(t.service, 'firm.updateFigures', { firmId: id, years: [{ year: 2022, values: { main_revenue: 60000 } }] });
    expect(e.code).toBe('invalid_input');
    expect(e.details).toEqual([expect.objectContaining({ field: 'main_revenue', problem: 'main_above_revenue', year: 2022 })]);
    const e2 = await callError(t.service, 'firm.updateFigures', { firmId: id, years: [{ year: 2022, values: { revenue: 50000 } }] });
    expect(e2.details).toEqual([expect.objectContaining({ field: 'main_revenue', problem: 'main_above_revenue' })]);
    const e3 = await callError(t.service, 'firm.updateFigures', { firmId: id, years: [{ year: 2022, values: { product_revenue: 60000 } }] });
    expect(e3.details).toEqual([expect.objectContaining({ field: 'product_revenue', problem: 'product_above_main' })]);
    expect(state(t)).toEqual(before);
    // raising both together is consistent, and main = revenue is allowed
    const d = await call(t.service, 'firm.updateFigures', { firmId: id, years: [{ year: 2022, values: { revenue: 70000, main_revenue: 70000 } }] });
    expect(year(d, 2022).values).toMatchObject({ revenue: 70000, main_revenue: 70000 });
  });

  it('writes an edit over several years in one transaction: one bad year refuses all', async () => {
    const t = defaultService();
    const id = firmId(t, XJS);
    const before = state(t);
    const e = await callError(t.service, 'firm.updateFigures', {
      firmId: id,
      years: [
        { year: 2021, values: { revenue: 50000 } },
        { year: 2022, values: { main_revenue: 99999 } },
      ],
    });
    expect(e.code).toBe('invalid_input');
    expect(state(t)).toEqual(before);
    const dup = await callError(t.service, 'firm.updateFigures', {
      firmId: id,
      years: [
        { year: 2021, values: { revenue: 1 } },
        { year: 2021, values: { revenue: 2 } },
      ],
    });
    expect(dup.code).toBe('invalid_input');
    expect(state(t)).toEqual(before);

    await call(t.service, 'firm.updateFigures', {
      firmId: id,
      years: [
        { year: 2021, values: { revenue: 50000 } },
        { year: 2022, values: { revenue: 57000 } },
      ],
    });
    const after = state(t);
    expect(after.sources).toBe((before.sources as number) + 1); // one manual source for the whole edit
    expect(after.audit).toBe((before.audit as number) + 2);
  });

  it('adds a new year as a new row with the manual source', async () => {
    const t = defaultService();
    const id = firmId(t, XJS);
    const rows = (await call(t.service, 'app.info', {})).counts.firmYears;
    const d = await call(t.service, 'firm.updateFigures', { firmId: id, years: [{ year: 2023, values: { revenue: 65000, main_revenue: 60000 } }] });
    expect(d.years.map((y) => y.year)).toEqual([2020, 2021, 2022, 2023]);
    const y = year(d, 2023);
    expect(y.values).toMatchObject({ revenue: 65000, main_revenue: 60000, rank_global: null });
    for (const k of FIGURE_KEYS) expect(sourceOf(d, y.sources[k]).kind).toBe('manual');
    expect((await call(t.service, 'app.info', {})).counts.firmYears).toBe(rows + 1);
    const history = await call(t.service, 'firm.history', { firmId: id });
    expect(history.map((h) => [h.year, h.field, h.oldValue, h.newValue]).sort()).toEqual([
      [2023, 'main_revenue', null, '60000'],
      [2023, 'revenue', null, '65000'],
    ]);
  });

  it('sets a value to null and audits it', async () => {
    const t = defaultService();
    const id = firmId(t, XJS);
    const d = await call(t.service, 'firm.updateFigures', { firmId: id, years: [{ year: 2020, values: { rank_global: null } }], note: '无可靠来源' });
    expect(year(d, 2020).values.rank_global).toBeNull();
    expect(sourceOf(d, year(d, 2020).sources.rank_global).kind).toBe('manual');
    const [h] = await call(t.service, 'firm.history', { firmId: id });
    expect(h).toMatchObject({ year: 2020, field: 'rank_global', oldValue: '4', newValue: null, note: '无可靠来源' });
    // null again is no change
    const before = state(t);
    await call(t.service, 'firm.updateFigures', { firmId: id, years: [{ year: 2020, values: { rank_global: null } }] });
    expect(state(t)).toEqual(before);
  });

  it('refuses an unknown firm with not_found and writes nothing', async () => {
    const t = defaultService();
    const before = state(t);
    const e = await callError(t.service, 'firm.updateFigures', { firmId: 424242, years: [{ year: 2022, values: { revenue: 1 } }] });
    expect(e.code).toBe('not_found');
    expect(state(t)).toEqual(before);
  });

  it('refuses malformed input through the contract', async () => {
    const t = defaultService();
    const id = firmId(t, XJS);
    for (const input of [
      { firmId: id, years: [] },
      { firmId: id, years: [{ year: 1989, values: { revenue: 1 } }] },
      { firmId: id, years: [{ year: 2022, values: { turnover: 1 } }] },
      { firmId: id, years: [{ year: 2022, values: { revenue: '1' } }] },
      { firmId: id, years: [{ year: 2022, values: { revenue: 1 } }], note: 'x'.repeat(501) },
    ]) {
      expect((await callError(t.service, 'firm.updateFigures', input)).code, JSON.stringify(input).slice(0, 80)).toBe('invalid_input');
    }
  });

  it('firm.history is newest first and honours the limit', async () => {
    const t = defaultService();
    const id = firmId(t, XJS);
    for (const v of [1000, 2000, 3000]) await call(t.service, 'firm.updateFigures', { firmId: id, years: [{ year: 2022, values: { rd_expense: v } }] });
    const h = await call(t.service, 'firm.history', { firmId: id, limit: 2 });
    expect(h.map((x) => x.newValue)).toEqual(['3000', '2000']);
    expect((await call(t.service, 'firm.history', { firmId: firmId(t, LNDJY) })).length).toBe(0);
  });
});

describe('app.info sample values after edits', () => {
  it('decreases by exactly the number of sample values overwritten', async () => {
    const t = defaultService();
    const start = await sampleValues(t);
    const id = firmId(t, XJS);
    await call(t.service, 'firm.updateFigures', { firmId: id, years: [{ year: 2022, values: { revenue: 60000, rank_global: 2, share_domestic: 27 } }] });
    expect(await sampleValues(t)).toBe(start - 3);
    // editing the same values again overwrites no further sample value
    await call(t.service, 'firm.updateFigures', { firmId: id, years: [{ year: 2022, values: { revenue: 61000 } }] });
    expect(await sampleValues(t)).toBe(start - 3);
    // filling an empty value of a sample row overwrites no sample value
    await call(t.service, 'firm.updateFigures', { firmId: firmId(t, LNDJY), years: [{ year: 2022, values: { rank_global: 20 } }] });
    expect(await sampleValues(t)).toBe(start - 3);
    // a new year is not sample at all
    await call(t.service, 'firm.updateFigures', { firmId: id, years: [{ year: 2023, values: { revenue: 1 } }] });
    expect(await sampleValues(t)).toBe(start - 3);
  });

  // Clearing a sample value both removes it from the non-null count and adds an override; counting
  // "non-null minus overrides" would subtract it twice, so sampleCounts counts non-null values without one.
  it('decreases by one when a sample value is cleared to null', async () => {
    const t = defaultService();
    const start = await sampleValues(t);
    await call(t.service, 'firm.updateFigures', { firmId: firmId(t, XJS), years: [{ year: 2022, values: { rank_global: null } }] });
    expect(await sampleValues(t)).toBe(start - 1);
  });
});
