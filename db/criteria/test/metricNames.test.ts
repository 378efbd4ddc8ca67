// Metric names in criteria files: which are metrics, what they are measured in, which figures and years they read.
import { describe, expect, it } from 'vitest';
import { figuresOf, isMetric, lookback, metricUnit, metricValue, moneyBase, parseMetric } from '../metrics';
import { facts } from './facts';

describe('metric names', () => {
  it('tells raw figures, derived ratios, functions, firm attributes and analyst inputs apart', () => {
    expect(parseMetric('revenue')).toEqual({ kind: 'raw', key: 'revenue' });
    expect(parseMetric('debt_ratio')).toEqual({ kind: 'derived', name: 'debt_ratio' });
    // Names an object inherits are no metric: a criteria file naming one is refused, not crashed on.
    for (const inherited of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) expect(isMetric(inherited)).toBe(false);
    expect(parseMetric('listed')).toEqual({ kind: 'firm', name: 'listed' });
    expect(parseMetric('input:digital_level')).toEqual({ kind: 'input', key: 'digital_level' });
    expect(parseMetric('input:level_2')).toEqual({ kind: 'input', key: 'level_2' });
    expect(parseMetric('sum_3y(invention_patents)')).toEqual({ kind: 'fn', fn: 'sum_3y', key: 'invention_patents' });
  });

  it('refuses near misses of each form', () => {
    const refused = [
      'Revenue',
      'input:Digital',
      'input:digital level',
      'x-input:digital',
      'input:digital!',
      'growth(debt_ratio)',
      'growth(revenue))',
      'growth(revenue)x',
      ' growth(revenue)',
      'median(revenue)',
      'growth()',
      'growth',
    ];
    for (const name of refused) expect(parseMetric(name), name).toBeNull();
    expect(refused.some(isMetric)).toBe(false);
  });

  it('gives the same reading of a name each time it is asked', () => {
    const first = parseMetric('avg_2y(rd_expense)');
    expect(parseMetric('avg_2y(rd_expense)')).toBe(first);
    expect(parseMetric('no_such_metric')).toBeNull();
    expect(parseMetric('no_such_metric')).toBeNull();
  });

  it('throws on a name that is not a metric when asked for its value', () => {
    expect(() => metricValue(facts({}), 'no_such_metric', 2022)).toThrow('unknown metric no_such_metric');
  });
});

describe('units of metrics', () => {
  it('takes a raw figure’s unit, persons counting as a count', () => {
    expect(metricUnit('revenue')).toBe('money');
    expect(metricUnit('share_global')).toBe('percent');
    expect(metricUnit('rank_national')).toBe('rank');
    expect(metricUnit('invention_patents')).toBe('count');
    expect(metricUnit('employees')).toBe('count');
    expect(metricUnit('credit_score')).toBe('points');
  });

  it('measures growth in percent and sums and averages in their figure’s unit', () => {
    expect(metricUnit('growth(revenue)')).toBe('percent');
    expect(metricUnit('avg_growth_2y(revenue)')).toBe('percent');
    expect(metricUnit('cagr_2y(employees)')).toBe('percent');
    expect(metricUnit('avg_3y(revenue)')).toBe('money');
    expect(metricUnit('sum_2y(invention_patents)')).toBe('count');
    expect(metricUnit('avg_2y(employees)')).toBe('count');
    expect(metricUnit('sum_3y(share_domestic)')).toBe('percent');
  });

  it('measures ratios in percent, inputs in points, firm ages in years and yes/no attributes as flags', () => {
    expect(metricUnit('main_share')).toBe('percent');
    expect(metricUnit('net_margin')).toBe('percent');
    expect(metricUnit('input:digital_level')).toBe('points');
    expect(metricUnit('years_in_segment')).toBe('years');
    expect(metricUnit('years_operating')).toBe('years');
    expect(metricUnit('listed')).toBe('flag');
    expect(metricUnit('is_new_product')).toBe('flag');
    expect(metricUnit('no_such_metric')).toBe('count');
  });

  it('follows a money figure for projection only through the figure itself or its sums and averages', () => {
    expect(moneyBase('revenue')).toBe('revenue');
    for (const fn of ['avg_3y', 'sum_2y', 'sum_3y', 'avg_2y']) expect(moneyBase(`${fn}(net_profit)`), fn).toBe('net_profit');
    for (const name of ['growth(revenue)', 'avg_growth_2y(revenue)', 'cagr_2y(revenue)', 'avg_3y(invention_patents)', 'share_global', 'main_share', 'listed', 'input:x', 'no_such_metric']) {
      expect(moneyBase(name), name).toBeNull();
    }
  });
});

describe('what a metric reads', () => {
  it('names the yearly figures to load', () => {
    expect(figuresOf('revenue')).toEqual(['revenue']);
    expect(figuresOf('growth(rd_expense)')).toEqual(['rd_expense']);
    expect(figuresOf('main_share')).toEqual(['main_revenue', 'revenue']);
    expect(figuresOf('product_share_of_main')).toEqual(['product_revenue', 'main_revenue']);
    expect(figuresOf('listed')).toEqual([]);
    expect(figuresOf('input:digital_level')).toEqual([]);
    expect(figuresOf('no_such_metric')).toEqual([]);
  });

  it('reaches back as many years before Y as its function reads', () => {
    const back = { growth: 1, avg_growth_2y: 2, cagr_2y: 2, avg_3y: 2, avg_2y: 1, sum_2y: 1, sum_3y: 2 };
    for (const [fn, years] of Object.entries(back)) expect(lookback(`${fn}(revenue)`), fn).toBe(years);
    expect(lookback('revenue')).toBe(0);
    expect(lookback('main_share')).toBe(0);
    expect(lookback('no_such_metric')).toBe(0);
  });
});
