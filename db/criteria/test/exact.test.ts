// criteria-spec §2: comparisons are exact in the decimal sense, with no tolerance. 万元 to 4 places is one 元, so a
// main-business share one 元 short of 70 % fails at any magnitude, and one exactly at 70 % passes.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../engine';
import { compareExact, ratOf } from '../exact';
import { compareMetric, metricValue, type FirmFacts } from '../metrics';
import { criteriaSet } from '../sets';
import { facts, flat } from './facts';

const judge = (f: FirmFacts, metric: string, op: '>=' | '>' | '<=' | '<' | '==', threshold: number) => {
  const v = metricValue(f, metric, 2022);
  if (v.state !== 'known') throw new Error(`${metric} is ${v.state}`);
  return compareMetric(f, metric, 2022, v.value, op, threshold);
};

describe('decimal-exact comparisons', () => {
  // Revenue from 1万元 to 400亿元: 70 % of it, and one 元 (0.0001 万元) either side.
  const magnitudes = [1, 10000, 400000, 4000000, 400000000];

  it.each(magnitudes)('main_share at a revenue of %s 万元: one 元 short fails ≥ 70, exactly 70 %% and one 元 over pass', (revenue) => {
    const at = (main: number) => facts({ 2022: { revenue, main_revenue: main } });
    const seventy = (revenue * 7) / 10;
    expect(judge(at(seventy), 'main_share', '>=', 70)).toBe(true);
    expect(judge(at(Math.round((seventy - 0.0001) * 1e4) / 1e4), 'main_share', '>=', 70)).toBe(false);
    expect(judge(at(Math.round((seventy + 0.0001) * 1e4) / 1e4), 'main_share', '>=', 70)).toBe(true);
  });

  it('fails a share one 元 short of 70 % for a firm with 40亿元 of revenue (the old tolerance passed it)', () => {
    const f = facts({ 2022: { revenue: 400000, main_revenue: 279999.9999 } });
    const v = metricValue(f, 'main_share', 2022);
    expect(v.state === 'known' && v.value).toBeGreaterThan(70 - 1e-7); // within 1e-9 relative: a tolerance would pass it
    expect(judge(f, 'main_share', '>=', 70)).toBe(false);
  });

  it.each([100, 1234567.8, 400000000])('an upper bound at assets of %s 万元: debt exactly 70 %% passes ≤ 70, one 元 over fails', (assets) => {
    const f = (l: number) => facts({ 2022: { total_assets: assets, total_liabilities: l } });
    const seventy = Math.round(assets * 7000) / 1e4;
    expect(judge(f(seventy), 'debt_ratio', '<=', 70)).toBe(true);
    expect(judge(f(Math.round((seventy + 0.0001) * 1e4) / 1e4), 'debt_ratio', '<=', 70)).toBe(false);
    expect(judge(f(Math.round((seventy - 0.0001) * 1e4) / 1e4), 'debt_ratio', '<', 70)).toBe(true);
  });

  it('growth, averages and sums at their thresholds', () => {
    // 5 % growth exactly: 105 / 100; one 元 short: 104.9999.
    expect(judge(facts({ 2021: { main_revenue: 100 }, 2022: { main_revenue: 105 } }), 'growth(main_revenue)', '>=', 5)).toBe(true);
    expect(judge(facts({ 2021: { main_revenue: 100 }, 2022: { main_revenue: 104.9999 } }), 'growth(main_revenue)', '>=', 5)).toBe(false);
    // 3-year average of exactly 4亿元, and one 元 short in one year.
    expect(judge(facts({ 2020: { main_revenue: 39999.9999 }, 2021: { main_revenue: 40000.0001 }, 2022: { main_revenue: 40000 } }), 'avg_3y(main_revenue)', '>=', 40000)).toBe(true);
    expect(judge(facts({ 2020: { main_revenue: 39999.9999 }, 2021: { main_revenue: 40000 }, 2022: { main_revenue: 40000 } }), 'avg_3y(main_revenue)', '>=', 40000)).toBe(false);
    // Two years of financing: 0.1 + 0.2 reaches 0.3 exactly.
    expect(judge(facts({ 2021: { equity_financing: 0.1 }, 2022: { equity_financing: 0.2 } }), 'sum_2y(equity_financing)', '>=', 0.3)).toBe(true);
  });

  it('a 2-year CAGR through its square: 100 → 144 is exactly 20 %, 143.9999 is not', () => {
    expect(judge(facts({ 2020: { revenue: 100 }, 2022: { revenue: 144 } }), 'cagr_2y(revenue)', '>=', 20)).toBe(true);
    expect(judge(facts({ 2020: { revenue: 100 }, 2022: { revenue: 143.9999 } }), 'cagr_2y(revenue)', '>=', 20)).toBe(false);
    expect(compareExact({ kind: 'cagr', r: ratOf(0.25) }, '>=', -150)).toBe(true); // √r − 1 ≥ −1 > −1.5 always
  });

  it('reads a double as the decimal it was written as', () => {
    expect(ratOf(43999.97)).toEqual({ n: 4399997n, d: 100n });
    expect(ratOf(1e-7)).toEqual({ n: 1n, d: 10000000n });
    expect(ratOf(-2.5e21)).toEqual({ n: -2500000000000000000000n, d: 1n });
  });

  it('the engine decides a shipped criterion exactly: 小巨人 main share at 40亿元', () => {
    const set = criteriaSet('cn-little-giant-2022')!;
    const status = (main: number) => evaluate(set, facts(flat({ revenue: 400000, main_revenue: main })), 2022).criteria.find((c) => c.id === '2')!.status;
    expect(status(280000)).toBe('pass');
    expect(status(279999.9999)).toBe('fail');
  });

  it('score bands are exact too: main share 69.9999… % scores the [60, 70) band in 专精特新', () => {
    const set = criteriaSet('cn-srdi-2022')!;
    const points = (main: number) => evaluate(set, facts(flat({ revenue: 400000, main_revenue: main })), 2022).scores.srdi.indicators.find((i) => i.id === 'main_share')!.lo;
    expect(points(280000)).toBe(3);
    expect(points(279999.9999)).toBe(1);
  });
});
