import { describe, expect, it } from 'vitest';
import { combineAll, combineAny } from '../engine';
import { compare, compareMetric, inBand, isMetric, metricValue } from '../metrics';
import { projectCheck } from '../projection';
import { facts } from './facts';

describe('derived values (criteria-spec §2)', () => {
  it('computes ratios, growth, averages, sums and CAGR from the right years', () => {
    const f = facts({ 2020: { revenue: 100, main_revenue: 80 }, 2021: { revenue: 121, main_revenue: 88 }, 2022: { revenue: 144, main_revenue: 99, rd_expense: 7.2, total_assets: 200, total_liabilities: 140 } });
    const v = (m: string) => metricValue(f, m, 2022);
    expect(v('main_share')).toMatchObject({ state: 'known', value: 68.75 });
    expect(v('rd_intensity')).toMatchObject({ state: 'known', value: 5 });
    expect(v('debt_ratio')).toMatchObject({ state: 'known', value: 70 });
    expect((v('growth(revenue)') as { value: number }).value).toBeCloseTo(19.00826, 4);
    expect((v('avg_growth_2y(main_revenue)') as { value: number }).value).toBeCloseTo((12.5 + 10) / 2, 9);
    expect((v('cagr_2y(revenue)') as { value: number }).value).toBeCloseTo(20, 9);
    expect(v('avg_3y(main_revenue)')).toMatchObject({ state: 'known', value: 89 });
    expect(v('sum_2y(revenue)')).toMatchObject({ state: 'known', value: 265 });
    expect(v('years_in_segment')).toMatchObject({ state: 'known', value: 17 });
    const used = v('avg_3y(main_revenue)').used.map((u) => u.year);
    expect(used).toEqual([2020, 2021, 2022]);
  });

  it('treats a missing input as unknown, never 0, and names what is missing', () => {
    const f = facts({ 2021: { revenue: 100 }, 2022: { revenue: 120 } });
    const v = metricValue(f, 'avg_3y(revenue)', 2022);
    expect(v.state).toBe('unknown');
    expect(v.state === 'unknown' && v.missing).toEqual([{ key: 'revenue', year: 2020 }]);
    expect(metricValue(facts({ 2022: {} }), 'rd_intensity', 2022).state).toBe('unknown');
    expect(metricValue(facts({}, { segmentSince: null }), 'years_in_segment', 2022).state).toBe('unknown');
  });

  it('is undefined on a zero denominator and for a CAGR over a value ≤ 0', () => {
    expect(metricValue(facts({ 2022: { rd_expense: 5, revenue: 0 } }), 'rd_intensity', 2022)).toMatchObject({ state: 'undefined', reason: 'zero_denominator' });
    expect(metricValue(facts({ 2021: { revenue: 0 }, 2022: { revenue: 10 } }), 'growth(revenue)', 2022)).toMatchObject({ state: 'undefined', reason: 'zero_denominator' });
    expect(metricValue(facts({ 2020: { net_profit: -50 }, 2022: { net_profit: 100 } }), 'cagr_2y(net_profit)', 2022)).toMatchObject({ state: 'undefined', reason: 'cagr_nonpositive' });
    expect(metricValue(facts({ 2020: { net_profit: 50 }, 2022: { net_profit: 0 } }), 'cagr_2y(net_profit)', 2022)).toMatchObject({ state: 'undefined', reason: 'cagr_nonpositive' });
  });

  it('compares in the decimal sense: 7000/10000 is exactly 70 %', () => {
    const f = facts({ 2021: { revenue: 0.1 }, 2022: { product_revenue: 7000, revenue: 10000 } });
    const share = metricValue(f, 'product_share_of_total', 2022);
    expect(share.state === 'known' && compareMetric(f, 'product_share_of_total', 2022, share.value, '>=', 70)).toBe(true);
    const g = facts({ 2021: { revenue: 0.1 }, 2022: { revenue: 0.2 } });
    const sum = metricValue(g, 'sum_2y(revenue)', 2022);
    // 0.1 + 0.2 is 0.30000000000000004 in binary; as decimals it is 0.3.
    expect(sum.state === 'known' && compareMetric(g, 'sum_2y(revenue)', 2022, sum.value, '<=', 0.3)).toBe(true);
    expect(sum.state === 'known' && compareMetric(g, 'sum_2y(revenue)', 2022, sum.value, '==', 0.3)).toBe(true);
    expect(compare(69.9999, '>=', 70)).toBe(false);
    expect(compare(70, '<', 70)).toBe(false);
    expect(compare(70, '==', 70.0000000000001)).toBe(false);
  });

  it('reads bands with their explicit bounds: [a, b) for higher-is-better, (a, b] for debt', () => {
    const f = facts({ 2022: { main_revenue: 80, revenue: 100, total_liabilities: 50, total_assets: 100 } });
    expect(inBand(f, 'main_share', 2022, 80, { gte: 80 })).toBe(true);
    expect(inBand(f, 'main_share', 2022, 80, { gte: 70, lt: 80 })).toBe(false);
    expect(inBand(f, 'debt_ratio', 2022, 50, { lte: 50 })).toBe(true);
    expect(inBand(f, 'debt_ratio', 2022, 50, { gt: 50, lte: 60 })).toBe(false);
  });

  it('knows its metric names and refuses others', () => {
    expect(['revenue', 'debt_ratio', 'avg_3y(main_revenue)', 'input:digital_level', 'listed'].every(isMetric)).toBe(true);
    expect(['revenues', 'avg_4y(revenue)', 'avg_3y(town)', 'input:'].some(isMetric)).toBe(false);
  });
});

describe('outcomes combine as criteria-spec §3 says', () => {
  it('all: fail > unknown > review > pass; any: pass > unknown > review > fail', () => {
    expect(combineAll(['pass', 'review', 'unknown', 'fail'])).toBe('fail');
    expect(combineAll(['pass', 'review', 'unknown'])).toBe('unknown');
    expect(combineAll(['pass', 'review'])).toBe('review');
    expect(combineAll(['pass'])).toBe('pass');
    expect(combineAny(['fail', 'review', 'unknown', 'pass'])).toBe('pass');
    expect(combineAny(['fail', 'review', 'unknown'])).toBe('unknown');
    expect(combineAny(['fail', 'review'])).toBe('review');
    expect(combineAny(['fail'])).toBe('fail');
  });
});

describe('projection', () => {
  const failing = { op: '>=' as const, year: 2022, state: 'known' as const, status: 'fail' };
  it('counts the missing years for a year threshold', () => {
    expect(projectCheck(facts({}), { ...failing, metric: 'years_in_segment', threshold: 10, value: 7 })).toEqual({ kind: 'years', years: 3 });
  });
  it('grows a money figure at its own 2-year CAGR until the threshold is reached', () => {
    // 10000 → 14400 over two years is 20 % a year; 40000 needs ln(40000/14400)/ln(1.2) = 5.6 → 6 years.
    const f = facts({ 2020: { revenue: 10000 }, 2021: { revenue: 12000 }, 2022: { revenue: 14400 } });
    expect(projectCheck(f, { ...failing, metric: 'revenue', threshold: 40000, value: 14400 })).toEqual({ kind: 'years', years: 6 });
    // A 3-year average lags the yearly figure: it takes one more year here.
    expect(projectCheck(f, { ...failing, metric: 'avg_3y(revenue)', threshold: 40000, value: 12133.3 })).toEqual({ kind: 'years', years: 7 });
  });
  it('says "> 10" beyond ten years, and not projectable without growth or for ranks', () => {
    const slow = facts({ 2020: { revenue: 1000 }, 2022: { revenue: 1010 } });
    expect(projectCheck(slow, { ...failing, metric: 'revenue', threshold: 40000, value: 1010 })).toEqual({ kind: 'years', years: 11 });
    const shrinking = facts({ 2020: { revenue: 2000 }, 2022: { revenue: 1000 } });
    expect(projectCheck(shrinking, { ...failing, metric: 'revenue', threshold: 40000, value: 1000 })).toEqual({ kind: 'not_projectable' });
    expect(projectCheck(facts({}), { ...failing, op: '<=', metric: 'rank_global', threshold: 3, value: 5 })).toEqual({ kind: 'not_projectable' });
    expect(projectCheck(facts({}), { ...failing, state: 'unknown', metric: 'revenue', threshold: 40000, value: null as unknown as number })).toEqual({ kind: 'not_projectable' });
  });
});
