// "Eligible in N years" (criteria-spec §3), case by case: what can be projected, by how much, and how the
// parts of an all / any rule combine.
import { describe, expect, it } from 'vitest';
import { HORIZON, combineProjections, projectCheck, projectionLabel, type Projection } from '../projection';
import { facts } from './facts';

type Check = Parameters<typeof projectCheck>[1];
const failing = (c: Partial<Check> & Pick<Check, 'metric' | 'threshold'>): Check => ({ op: '>=', year: 2022, state: 'known', value: 0, status: 'fail', ...c });
/** Revenue growing 10 % a year: 100 → 110 → 121. */
const growing = facts({ 2020: { revenue: 100, main_revenue: 100 }, 2021: { revenue: 110, main_revenue: 110 }, 2022: { revenue: 121, main_revenue: 121 } });

describe('projectCheck', () => {
  it('projects nothing for a check that does not fail', () => {
    for (const status of ['pass', 'unknown', 'needs_review']) expect(projectCheck(growing, failing({ metric: 'revenue', threshold: 200, status }))).toEqual({ kind: 'none' });
  });

  it('cannot project an unknown or undefined value, or an upper bound', () => {
    expect(projectCheck(growing, failing({ metric: 'revenue', threshold: 200, state: 'unknown', value: null }))).toEqual({ kind: 'not_projectable' });
    expect(projectCheck(growing, failing({ metric: 'revenue', threshold: 200, state: 'undefined', value: null }))).toEqual({ kind: 'not_projectable' });
    expect(projectCheck(growing, failing({ metric: 'revenue', threshold: 200, state: 'known', value: null }))).toEqual({ kind: 'not_projectable' });
    for (const op of ['<=', '<', '=='] as const) expect(projectCheck(growing, failing({ metric: 'revenue', op, threshold: 50, value: 121 }))).toEqual({ kind: 'not_projectable' });
  });

  it('counts the years a firm still needs in its segment or in business, at least one', () => {
    expect(projectCheck(growing, failing({ metric: 'years_in_segment', threshold: 10, value: 7 }))).toEqual({ kind: 'years', years: 3 });
    expect(projectCheck(growing, failing({ metric: 'years_in_segment', op: '>', threshold: 10, value: 7 }))).toEqual({ kind: 'years', years: 4 });
    expect(projectCheck(growing, failing({ metric: 'years_operating', threshold: 3, value: 2.5 }))).toEqual({ kind: 'years', years: 1 });
    expect(projectCheck(growing, failing({ metric: 'years_operating', threshold: 3, value: 3 }))).toEqual({ kind: 'years', years: 1 });
  });

  it('grows a money figure at its own 2-year CAGR until it passes', () => {
    // 121 × 1.1^k ≥ 160: not at k = 2 (146.41), at k = 3 (161.05)
    expect(projectCheck(growing, failing({ metric: 'revenue', threshold: 160, value: 121 }))).toEqual({ kind: 'years', years: 3 });
    expect(projectCheck(growing, failing({ metric: 'revenue', threshold: 130, value: 121 }))).toEqual({ kind: 'years', years: 1 });
    expect(projectCheck(growing, failing({ metric: 'revenue', op: '>', threshold: 140, value: 121 }))).toEqual({ kind: 'years', years: 2 });
    // beyond the horizon: HORIZON + 1, shown as "> 10"
    expect(projectCheck(growing, failing({ metric: 'revenue', threshold: 1e6, value: 121 }))).toEqual({ kind: 'years', years: HORIZON + 1 });
  });

  it('re-measures a 3-year average on projected years, and leaves the firm’s figures as they were', () => {
    const before = [...growing.figures.keys()];
    // avg of 2021–2023: (110 + 121 + 133.1) / 3 = 121.37; of 2022–2024: (121 + 133.1 + 146.41) / 3 = 133.5
    expect(projectCheck(growing, failing({ metric: 'avg_3y(main_revenue)', threshold: 125, value: 110.33 }))).toEqual({ kind: 'years', years: 2 });
    expect(projectCheck(growing, failing({ metric: 'avg_3y(main_revenue)', threshold: 121, value: 110.33 }))).toEqual({ kind: 'years', years: 1 });
    expect(projectCheck(growing, failing({ metric: 'avg_3y(main_revenue)', threshold: 1e6, value: 110.33 }))).toEqual({ kind: 'years', years: HORIZON + 1 });
    expect([...growing.figures.keys()]).toEqual(before);
    expect(growing.figures.get(2022)!.values.main_revenue).toBe(121);
  });

  it('puts back a year the firm already had when it projects over it', () => {
    const f = facts({ 2020: { revenue: 100 }, 2021: { revenue: 110 }, 2022: { revenue: 121 }, 2023: { net_profit: 5 } });
    projectCheck(f, failing({ metric: 'avg_3y(revenue)', threshold: 1e6, value: 110 }));
    expect(f.figures.get(2023)!.values).toEqual({ net_profit: 5 });
    expect([...f.figures.keys()].sort()).toEqual([2020, 2021, 2022, 2023]);
  });

  it('cannot project a shrinking or flat figure, a non-money metric, or one without its last year', () => {
    const shrinking = facts({ 2020: { revenue: 121 }, 2021: { revenue: 110 }, 2022: { revenue: 100 } });
    expect(projectCheck(shrinking, failing({ metric: 'revenue', threshold: 200, value: 100 }))).toEqual({ kind: 'not_projectable' });
    const flat = facts({ 2020: { revenue: 100 }, 2021: { revenue: 100 }, 2022: { revenue: 100 } });
    expect(projectCheck(flat, failing({ metric: 'revenue', threshold: 200, value: 100 }))).toEqual({ kind: 'not_projectable' });
    expect(projectCheck(growing, failing({ metric: 'share_global', threshold: 10, value: 5 }))).toEqual({ kind: 'not_projectable' });
    expect(projectCheck(growing, failing({ metric: 'main_share', threshold: 90, value: 80 }))).toEqual({ kind: 'not_projectable' });
    expect(projectCheck(facts({ 2020: { revenue: 100 } }), failing({ metric: 'revenue', threshold: 200, value: 100 }))).toEqual({ kind: 'not_projectable' });
  });
});

describe('combineProjections', () => {
  const y = (years: number): Projection => ({ kind: 'years', years });
  const none: Projection = { kind: 'none' };
  const no: Projection = { kind: 'not_projectable' };

  it('all: the slowest part, unless one cannot be projected; nothing failing is none', () => {
    expect(combineProjections([y(1), y(3), none], 'all')).toEqual(y(3));
    expect(combineProjections([y(1), no], 'all')).toEqual(no);
    expect(combineProjections([none, none], 'all')).toEqual(none);
    expect(combineProjections([], 'all')).toEqual(none);
  });

  it('any: the quickest projectable part, else not projectable', () => {
    expect(combineProjections([y(4), no, y(2)], 'any')).toEqual(y(2));
    expect(combineProjections([no, none], 'any')).toEqual(no);
    expect(combineProjections([], 'any')).toEqual(no);
  });

  it('labels', () => {
    expect(projectionLabel(none)).toBe('');
    expect(projectionLabel(no)).toBe('not projectable');
    expect(projectionLabel(y(HORIZON))).toBe(String(HORIZON));
    expect(projectionLabel(y(HORIZON + 1))).toBe(`> ${HORIZON}`);
  });
});
