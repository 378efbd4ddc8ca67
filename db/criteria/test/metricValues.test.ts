// Metric values one by one: which years each function reads, firm attributes and analyst inputs, where a value came
// from, and the exact value each kind of metric is compared with near a threshold.
import { describe, expect, it } from 'vitest';
import { cmp, type Exact } from '../exact';
import { compare, compareMetric, exactValue, inBand, metricValue, withoutProvenance, type FirmFacts } from '../metrics';
import { facts } from './facts';

const known = (v: ReturnType<typeof metricValue>) => (v.state === 'known' ? v.value : v.state);
const years = (v: ReturnType<typeof metricValue>) => v.used.map((u) => u.year);
/** Whether an exact value is the fraction n/d. */
const isRat = (e: Exact | null, n: bigint, d: bigint, kind: Exact['kind'] = 'rat') => e !== null && e.kind === kind && cmp(e.r, { n, d }) === 0;

const series = facts({ 2019: { revenue: 81 }, 2020: { revenue: 100 }, 2021: { revenue: 121 }, 2022: { revenue: 144 } });

describe('functions of a yearly figure', () => {
  it('read the years their names say', () => {
    expect(years(metricValue(series, 'growth(revenue)', 2022))).toEqual([2022, 2021]);
    expect(years(metricValue(series, 'cagr_2y(revenue)', 2022))).toEqual([2022, 2020]);
    expect(years(metricValue(series, 'avg_2y(revenue)', 2022))).toEqual([2021, 2022]);
    expect(years(metricValue(series, 'sum_2y(revenue)', 2022))).toEqual([2021, 2022]);
    expect(years(metricValue(series, 'sum_3y(revenue)', 2022))).toEqual([2020, 2021, 2022]);
    expect(years(metricValue(series, 'avg_growth_2y(revenue)', 2022))).toEqual([2022, 2021, 2021, 2020]);
  });

  it('compute their values from those years', () => {
    expect(known(metricValue(series, 'growth(revenue)', 2021))).toBeCloseTo(21, 9);
    expect(known(metricValue(series, 'avg_2y(revenue)', 2022))).toBe(132.5);
    expect(known(metricValue(series, 'sum_2y(revenue)', 2022))).toBe(265);
    expect(known(metricValue(series, 'sum_3y(revenue)', 2022))).toBe(365);
    expect(known(metricValue(series, 'avg_3y(revenue)', 2021))).toBeCloseTo(302 / 3, 9);
    // (21 % + 23.4568 %) / 2 over 2019–2021.
    expect(known(metricValue(series, 'avg_growth_2y(revenue)', 2021))).toBeCloseTo((21 + (100 / 81 - 1) * 100) / 2, 9);
    expect(known(metricValue(series, 'cagr_2y(revenue)', 2021))).toBeCloseTo((Math.sqrt(121 / 81) - 1) * 100, 9);
  });

  it('divide each derived ratio by its own denominator', () => {
    const f = facts({ 2022: { revenue: 200, main_revenue: 160, product_revenue: 40, net_profit: 10, rd_expense: 8, total_assets: 400, total_liabilities: 100 } });
    expect(known(metricValue(f, 'product_share_of_total', 2022))).toBe(20);
    expect(known(metricValue(f, 'product_share_of_main', 2022))).toBe(25);
    expect(known(metricValue(f, 'net_margin', 2022))).toBe(5);
    expect(known(metricValue(f, 'rd_intensity', 2022))).toBe(4);
    expect(known(metricValue(f, 'debt_ratio', 2022))).toBe(25);
    expect(known(metricValue(f, 'main_share', 2022))).toBe(80);
  });

  it('are undefined for a CAGR from a zero base, and unknown rather than undefined when a year is also missing', () => {
    expect(metricValue(facts({ 2020: { revenue: 0 }, 2022: { revenue: 100 } }), 'cagr_2y(revenue)', 2022)).toMatchObject({ state: 'undefined', reason: 'cagr_nonpositive' });
    // growth(2022) divides by 0; growth(2021) lacks 2020: the missing year wins, and is named.
    const f = facts({ 2021: { revenue: 0 }, 2022: { revenue: 10 } });
    const v = metricValue(f, 'avg_growth_2y(revenue)', 2022);
    expect(v).toMatchObject({ state: 'unknown', missing: [{ key: 'revenue', year: 2020 }] });
    expect(metricValue(f, 'growth(revenue)', 2022)).toMatchObject({ state: 'undefined', reason: 'zero_denominator', used: [{ year: 2022, value: 10 }, { year: 2021, value: 0 }] });
    expect(metricValue(facts({ 2022: { revenue: 10 } }), 'growth(revenue)', 2022)).toMatchObject({ state: 'unknown', missing: [{ key: 'revenue', year: 2021 }] });
    // growth(2022) divides by 0 and growth(2021) is −100 %: their mean is undefined, not a number.
    const zeroYear = facts({ 2020: { revenue: 50 }, 2021: { revenue: 0 }, 2022: { revenue: 10 } });
    expect(metricValue(zeroYear, 'avg_growth_2y(revenue)', 2022)).toMatchObject({ state: 'undefined', reason: 'zero_denominator' });
  });
});

describe('firm attributes and analyst inputs', () => {
  it('counts years from the founding or segment year, and names that attribute', () => {
    const f = facts({}, { foundedYear: 1990, segmentSince: 2010 });
    expect(metricValue(f, 'years_operating', 2022)).toEqual({ state: 'known', value: 32, used: [{ key: 'founded_year', year: null, value: 1990, sourceId: null }] });
    expect(metricValue(f, 'years_in_segment', 2022)).toEqual({ state: 'known', value: 12, used: [{ key: 'segment_since', year: null, value: 2010, sourceId: null }] });
    expect(metricValue(facts({}, { foundedYear: null }), 'years_operating', 2022)).toEqual({
      state: 'unknown',
      used: [{ key: 'founded_year', year: null, value: null, sourceId: null }],
      missing: [{ key: 'founded_year', year: null }],
    });
  });

  it('reads listed and new-product as 1 or 0, each from its own attribute', () => {
    const listedOnly = facts({}, { listed: true, isNewProduct: false });
    expect(metricValue(listedOnly, 'listed', 2022)).toEqual({ state: 'known', value: 1, used: [{ key: 'listed', year: null, value: 1, sourceId: null }] });
    expect(metricValue(listedOnly, 'is_new_product', 2022)).toEqual({ state: 'known', value: 0, used: [{ key: 'is_new_product', year: null, value: 0, sourceId: null }] });
    const newOnly = facts({}, { listed: false, isNewProduct: true });
    expect(known(metricValue(newOnly, 'listed', 2022))).toBe(0);
    expect(known(metricValue(newOnly, 'is_new_product', 2022))).toBe(1);
  });

  it('reads an input’s points, and is unknown without points (a yes/no flag is not points)', () => {
    const f = facts({}, { inputs: { 'points:digital_level': 7, 'points:yes_no': true, 'flag:other': 5 } });
    expect(metricValue(f, 'input:digital_level', 2022)).toEqual({ state: 'known', value: 7, used: [{ key: 'input:digital_level', year: null, value: 7, sourceId: null }] });
    expect(metricValue(f, 'input:yes_no', 2022)).toEqual({
      state: 'unknown',
      used: [{ key: 'input:yes_no', year: null, value: null, sourceId: null }],
      missing: [{ key: 'input:yes_no', year: null }],
    });
    expect(metricValue(f, 'input:other', 2022).state).toBe('unknown');
  });
});

describe('where a value came from', () => {
  const f: FirmFacts = {
    ...facts({}),
    figures: new Map([
      [2021, { values: { revenue: 100, main_revenue: 70 }, sourceId: 3, overrides: { main_revenue: 9 } }],
      [2022, { values: { revenue: 110 }, sourceId: 4 }],
    ]),
  };

  it('names the import row, or the hand edit for an edited figure, and nothing for a missing year', () => {
    expect(metricValue(f, 'main_share', 2021).used).toEqual([
      { key: 'main_revenue', year: 2021, value: 70, sourceId: 9 },
      { key: 'revenue', year: 2021, value: 100, sourceId: 3 },
    ]);
    expect(metricValue(f, 'revenue', 2022).used).toEqual([{ key: 'revenue', year: 2022, value: 110, sourceId: 4 }]);
    expect(metricValue(f, 'revenue', 2023)).toEqual({ state: 'unknown', used: [{ key: 'revenue', year: 2023, value: null, sourceId: null }], missing: [{ key: 'revenue', year: 2023 }] });
  });

  it('records nothing inside withoutProvenance, and records again after it, even after a throw', () => {
    expect(withoutProvenance(() => metricValue(f, 'growth(revenue)', 2022))).toMatchObject({ state: 'known', used: [] });
    expect(withoutProvenance(() => metricValue(f, 'avg_2y(revenue)', 2023))).toEqual({ state: 'unknown', used: [], missing: [] });
    expect(withoutProvenance(() => metricValue(f, 'revenue', 2023))).toEqual({ state: 'unknown', used: [], missing: [] });
    expect(withoutProvenance(() => 42)).toBe(42);
    expect(metricValue(f, 'growth(revenue)', 2022).used).toHaveLength(2);
    expect(() =>
      withoutProvenance(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(metricValue(f, 'revenue', 2023)).toMatchObject({ missing: [{ key: 'revenue', year: 2023 }] });
  });
});

describe('plain comparisons', () => {
  it('decide each operator at equality and one step either side', () => {
    const table: [string, boolean, boolean, boolean][] = [
      // op, below, equal, above
      ['>=', false, true, true],
      ['>', false, false, true],
      ['<=', true, true, false],
      ['<', true, false, false],
      ['==', false, true, false],
    ];
    for (const [op, below, equal, above] of table) {
      expect([compare(69, op as '>=', 70), compare(70, op as '>=', 70), compare(71, op as '>=', 70)], op).toEqual([below, equal, above]);
    }
  });
});

describe('exact values (criteria-spec §2)', () => {
  const f = facts({ 2020: { revenue: 100, net_profit: 0 }, 2021: { revenue: 121, net_profit: 5 }, 2022: { revenue: 144, main_revenue: 0.7, rd_expense: 0 } }, {
    inputs: { 'points:level': 7.5 },
  });

  it('are the decimal fractions of raw figures, ratios, sums and averages', () => {
    expect(isRat(exactValue(f, 'main_revenue', 2022), 7n, 10n)).toBe(true);
    expect(isRat(exactValue(f, 'sum_2y(revenue)', 2022), 265n, 1n)).toBe(true);
    expect(isRat(exactValue(f, 'sum_3y(revenue)', 2022), 365n, 1n)).toBe(true);
    expect(isRat(exactValue(f, 'avg_2y(revenue)', 2022), 265n, 2n)).toBe(true);
    expect(isRat(exactValue(f, 'avg_3y(revenue)', 2022), 365n, 3n)).toBe(true);
    expect(isRat(exactValue(f, 'main_share', 2022), 7000n, 144n * 10n * 10n)).toBe(true);
  });

  it('are exact growths, their two-year mean, and a CAGR’s ratio kept under its square root', () => {
    expect(isRat(exactValue(f, 'growth(revenue)', 2022), 2300n, 121n)).toBe(true);
    expect(isRat(exactValue(f, 'growth(revenue)', 2021), 21n, 1n)).toBe(true);
    // (2300/121 + 21) / 2
    expect(isRat(exactValue(f, 'avg_growth_2y(revenue)', 2022), 4841n, 242n)).toBe(true);
    expect(isRat(exactValue(f, 'cagr_2y(revenue)', 2022), 144n, 100n, 'cagr')).toBe(true);
  });

  it('are the known value of firm attributes and inputs', () => {
    expect(isRat(exactValue(f, 'years_in_segment', 2022), 17n, 1n)).toBe(true);
    expect(isRat(exactValue(f, 'input:level', 2022), 15n, 2n)).toBe(true);
    expect(exactValue(facts({}, { segmentSince: null }), 'years_in_segment', 2022)).toBeNull();
    expect(exactValue(f, 'input:absent', 2022)).toBeNull();
  });

  it('are null when a year is missing, a denominator is 0 or the name is no metric', () => {
    expect(exactValue(f, 'revenue', 2019)).toBeNull();
    for (const name of ['sum_2y(revenue)', 'sum_3y(revenue)', 'avg_2y(revenue)', 'avg_3y(revenue)', 'growth(revenue)', 'avg_growth_2y(revenue)', 'cagr_2y(revenue)', 'main_share']) {
      expect(exactValue(f, name, 2020), name).toBeNull();
    }
    expect(exactValue(f, 'rd_intensity', 2021)).toBeNull();
    expect(exactValue(f, 'net_margin', 2022)).toBeNull();
    expect(exactValue(f, 'growth(net_profit)', 2021)).toBeNull();
    expect(exactValue(f, 'cagr_2y(net_profit)', 2022)).toBeNull();
    expect(exactValue(f, 'cagr_2y(revenue)', 2023)).toBeNull();
    expect(exactValue(f, 'no_such_metric', 2022)).toBeNull();
  });
});

describe('comparing a metric with its threshold', () => {
  it('uses the computed value when it is clearly on one side, whatever the figures', () => {
    // The figures say 30; a value far from the threshold is compared as it is.
    const f = facts({ 2022: { revenue: 30 } });
    expect(compareMetric(f, 'revenue', 2022, 50, '>=', 40)).toBe(true);
    expect(compareMetric(f, 'revenue', 2022, 39, '>=', 40)).toBe(false);
    expect(compareMetric(f, 'revenue', 2022, 30, '<', 40)).toBe(true);
  });

  it('works the exact value out near a large threshold, one 元 (0.0001 万元) deciding', () => {
    // 40亿元 = 400000 万元: within a billionth of it the figures decide, not the binary value handed in.
    const at = facts({ 2022: { revenue: 400000 } });
    expect(compareMetric(at, 'revenue', 2022, 399999.9999999, '>=', 400000)).toBe(true);
    expect(compareMetric(at, 'revenue', 2022, 400000.0000001, '<=', 400000)).toBe(true);
    const short = facts({ 2022: { revenue: 399999.9999 } });
    expect(compareMetric(short, 'revenue', 2022, 399999.9999, '>=', 400000)).toBe(false);
    const loss = facts({ 2022: { net_profit: -400000 } });
    expect(compareMetric(loss, 'net_profit', 2022, -399999.9999999, '<=', -400000)).toBe(true);
  });

  it('compares the value handed in when the figures give no exact value', () => {
    const none = facts({});
    expect(compareMetric(none, 'revenue', 2022, 70, '>=', 70)).toBe(true);
    expect(compareMetric(none, 'revenue', 2022, 70, '>', 70)).toBe(false);
  });

  it('checks each bound of a band on its own', () => {
    const f = facts({ 2022: { main_revenue: 50, revenue: 100 } });
    const band = (value: number, b: Parameters<typeof inBand>[4]) => inBand(f, 'main_share', 2022, value, b);
    expect(band(50, {})).toBe(true);
    expect([band(49, { gte: 50 }), band(50, { gte: 50 })]).toEqual([false, true]);
    expect([band(50, { gt: 50 }), band(51, { gt: 50 })]).toEqual([false, true]);
    expect([band(50, { lt: 50 }), band(49, { lt: 50 })]).toEqual([false, true]);
    expect([band(50, { lte: 50 }), band(51, { lte: 50 })]).toEqual([true, false]);
    expect([band(55, { gte: 50, lt: 60 }), band(65, { gte: 50, lt: 60 }), band(45, { gt: 40, lte: 50 }), band(35, { gt: 40, lte: 50 })]).toEqual([true, false, true, false]);
  });
});
