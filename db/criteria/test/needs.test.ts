// What a set reads, so a pool evaluation loads only those figures and years: every rule kind is walked, each
// year of an each_year rule reaches further back, and score indicators count too.
import { describe, expect, it } from 'vitest';
import { needsOf } from '../needs';
import type { CriteriaSet, Rule } from '../schema';
import { criteriaSets } from '../sets';

const setOf = (rules: Rule[], scores: CriteriaSet['scores'] = {}): CriteriaSet =>
  ({ criteria: rules.map((rule, i) => ({ id: String(i + 1), rule })), scores }) as unknown as CriteriaSet;
const needs = (rules: Rule[], scores?: CriteriaSet['scores']) => {
  const n = needsOf(setOf(rules, scores));
  return { keys: [...n.keys].sort(), back: n.back };
};
const cmp = (m: string): Rule => ({ cmp: m, op: '>=', value: 1 });

describe('needsOf', () => {
  it('always reads revenue (it picks the default data year) and two years back (projection’s CAGR)', () => {
    expect(needs([{ const: true }])).toEqual({ keys: ['revenue'], back: 2 });
    expect(needs([{ title: 'little_giant' } as Rule, { review: 'x' }, { flag: 'f', text: { zh: '', en: '' } }])).toEqual({ keys: ['revenue'], back: 2 });
  });

  it('reads the figures of comparisons, derived values and bands, in all, any and when branches', () => {
    expect(needs([{ all: [cmp('rd_expense'), { any: [cmp('share_global'), cmp('rank_global')] }] }]).keys).toEqual(['rank_global', 'rd_expense', 'revenue', 'share_global']);
    expect(needs([{ when: cmp('listed'), then: cmp('net_profit'), else: cmp('employees') }]).keys).toEqual(['employees', 'net_profit', 'revenue']);
    expect(needs([cmp('main_share')]).keys).toEqual(['main_revenue', 'revenue']);
    expect(needs([{ band: 'main_revenue', cases: [{ gte: 1, rule: cmp('ip_class1') }] }]).keys).toEqual(['ip_class1', 'main_revenue', 'revenue']);
  });

  it('reaches as far back as the deepest rule, each_year adding its years', () => {
    expect(needs([cmp('avg_3y(main_revenue)')]).back).toBe(2);
    expect(needs([cmp('sum_3y(revenue)')]).back).toBe(2);
    expect(needs([{ each_year: 3, rule: cmp('revenue') }]).back).toBe(2);
    expect(needs([{ each_year: 3, rule: cmp('growth(revenue)') }]).back).toBe(3);
    expect(needs([{ each_year: 2, rule: { all: [cmp('avg_3y(revenue)')] } }]).back).toBe(3);
    expect(needs([{ each_year: 5, rule: { band: 'cagr_2y(revenue)', cases: [{ gte: 0, rule: cmp('avg_growth_2y(net_profit)') }] } }]).back).toBe(6);
    expect(needs([{ when: cmp('revenue'), then: cmp('revenue'), else: { each_year: 4, rule: cmp('revenue') } }]).back).toBe(3);
    expect(needs([{ any: [cmp('revenue'), { each_year: 5, rule: cmp('revenue') }] }]).back).toBe(4);
  });

  it('counts what score indicators read, banded or best of several', () => {
    const scores = {
      s: {
        indicators: [
          { id: 'a', metric: 'rd_staff_share', bands: [] },
          { id: 'b', best_of: [{ metric: 'invention_patents', bands: [] }, { metric: 'avg_3y(equity_financing)', bands: [] }] },
          { id: 'c', input: 'quality' },
        ],
      },
    } as unknown as CriteriaSet['scores'];
    expect(needs([{ const: true }], scores).keys).toEqual(['equity_financing', 'invention_patents', 'rd_staff_share', 'revenue']);
  });

  it('answers the same object for the same set (worked out once)', () => {
    const set = setOf([cmp('rd_expense')]);
    expect(needsOf(set)).toBe(needsOf(set));
  });

  it('covers every figure the shipped sets compare', () => {
    const all = new Set(criteriaSets().flatMap((s) => needsOf(s).keys));
    for (const k of ['revenue', 'main_revenue', 'rd_expense', 'rank_global']) expect(all.has(k as never), k).toBe(true);
  });
});
