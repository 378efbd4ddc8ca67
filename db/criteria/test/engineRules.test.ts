// The evaluator rule by rule (criteria-spec §3): each rule form's status, the checks and items it shows, the gap to
// a threshold, and which criteria count.
import { describe, expect, it } from 'vitest';
import { activeCriteria, evaluate, titleValidity } from '../engine';
import type { FirmFacts } from '../metrics';
import { CriteriaSetSchema, type Rule } from '../schema';
import { facts } from './facts';
import { setOf, text } from './ruleSet';

const one = (rule: Rule, f: FirmFacts, year = 2022) => evaluate(setOf([rule]), f, year).criteria[0];

describe('a comparison', () => {
  it('shows the gap to its threshold, both ways and relative to it', () => {
    const f = facts({ 2022: { revenue: 30000, total_liabilities: 80, total_assets: 100 } });
    expect(one({ cmp: 'revenue', op: '>=', value: 40000 }, f).primary).toMatchObject({ status: 'fail', value: 30000, gap: { abs: 10000, rel: 0.25 }, unit: 'money', reason: null });
    expect(one({ cmp: 'debt_ratio', op: '<=', value: 60 }, f).primary?.gap).toEqual({ abs: 20, rel: 20 / 60 });
    expect(one({ cmp: 'debt_ratio', op: '<', value: 70 }, f).primary?.gap).toEqual({ abs: 10, rel: 10 / 70 });
    expect(one({ cmp: 'revenue', op: '>', value: 30000 }, f).primary?.gap).toEqual({ abs: 0, rel: 0 });
    expect(one({ cmp: 'net_profit', op: '>=', value: 0 }, facts({ 2022: { net_profit: -5 } })).primary?.gap).toEqual({ abs: 5, rel: null });
    expect(one({ cmp: 'net_profit', op: '>=', value: -10 }, facts({ 2022: { net_profit: -15 } })).primary?.gap).toEqual({ abs: 5, rel: 0.5 });
    expect(one({ cmp: 'revenue', op: '>=', value: 20000 }, f).primary).toMatchObject({ status: 'pass', gap: { abs: 0, rel: 0 } });
  });

  it('says which inputs are missing, with their years, and why a value is undefined', () => {
    const missing = one({ cmp: 'growth(revenue)', op: '>=', value: 10 }, facts({}));
    expect(missing).toMatchObject({ status: 'unknown', primary: { state: 'unknown', value: null, reason: 'missing: revenue(2022), revenue(2021)', gap: null } });
    expect(one({ cmp: 'years_operating', op: '>=', value: 10 }, facts({}, { foundedYear: null })).primary?.reason).toBe('missing: founded_year');
    const undef = one({ cmp: 'rd_intensity', op: '>=', value: 3 }, facts({ 2022: { rd_expense: 1, revenue: 0 } }));
    expect(undef).toMatchObject({ status: 'fail', primary: { state: 'undefined', reason: 'zero_denominator', status: 'fail', value: null } });
  });
});

describe('titles', () => {
  it('are valid from the year obtained for three data years, and cannot be judged without a year', () => {
    expect([titleValidity(2023, 2022), titleValidity(2022, 2022), titleValidity(2020, 2022), titleValidity(2019, 2022), titleValidity(null, 2022)]).toEqual([
      'not_yet',
      'valid',
      'valid',
      'lapsed',
      'unknown',
    ]);
  });

  it('"holds" counts any title obtained by Y, "holds valid" only one within its term', () => {
    const withTitle = (year: number | null): FirmFacts => ({ ...facts({}), titles: [{ code: 'little_giant', year }] });
    const holds: Rule = { title: 'little_giant' };
    const valid: Rule = { title: 'little_giant', valid: true };
    expect([one(holds, withTitle(2015)).status, one(holds, withTitle(2023)).status, one(holds, withTitle(null)).status]).toEqual(['pass', 'fail', 'pass']);
    expect([one(valid, withTitle(2021)).status, one(valid, withTitle(2019)).status, one(valid, withTitle(null)).status]).toEqual(['pass', 'fail', 'unknown']);
    expect(one(valid, { ...facts({}), titles: [{ code: 'high_tech', year: 2022 }] }).status).toBe('fail');
    // A re-recognition after an undated record decides.
    expect(one(valid, { ...facts({}), titles: [{ code: 'little_giant', year: null }, { code: 'little_giant', year: 2022 }] }).status).toBe('pass');
    expect(one(holds, withTitle(2015)).items).toEqual([{ kind: 'title', key: 'little_giant', status: 'pass', recorded: null }]);
  });
});

describe('route flags and judgements', () => {
  const flag: Rule = { flag: 'export_first', text };
  const review: Rule = { review: 'energy', text };

  it('treat an unrecorded flag as false and an unrecorded judgement as waiting for review', () => {
    expect(one(flag, facts({}))).toMatchObject({ status: 'fail', projection: { kind: 'not_projectable' }, items: [{ kind: 'flag', key: 'export_first', status: 'fail', recorded: null }] });
    expect(one(review, facts({}))).toMatchObject({ status: 'review', items: [{ kind: 'review', key: 'energy', status: 'review', recorded: null }] });
  });

  it('read what the analyst recorded, under the flag or under this set’s judgement', () => {
    const f = facts({}, { inputs: { 'flag:export_first': true, 'judgement:test-set:energy': false } });
    expect(one(flag, f).items[0]).toEqual({ kind: 'flag', key: 'export_first', status: 'pass', recorded: { value: true, note: null, actor: 'test', at: '2026-01-01T00:00:00+08:00' } });
    expect(one(review, f)).toMatchObject({ status: 'fail', items: [{ status: 'fail', recorded: { value: false } }] });
    expect(one(review, facts({}, { inputs: { 'judgement:test-set:energy': true } })).status).toBe('pass');
    // A judgement recorded for another set, or points under the flag's key, do not count.
    expect(one(review, facts({}, { inputs: { 'judgement:other-set:energy': true } })).status).toBe('review');
    expect(one(flag, facts({}, { inputs: { 'flag:export_first': 1 } })).status).toBe('fail');
  });
});

describe('composite rules', () => {
  const big: Rule = { cmp: 'revenue', op: '>=', value: 40000 };
  const mid: Rule = { cmp: 'revenue', op: '>=', value: 20000 };
  const srdi: Rule = { title: 'little_giant' };

  it('any: leads with the branch the firm qualifies for, then with the nearest', () => {
    const f: FirmFacts = { ...facts({ 2022: { revenue: 15000 } }), titles: [{ code: 'little_giant', year: 2021 }] };
    const r = one({ any: [big, { all: [srdi, mid] }] }, f);
    expect(r.status).toBe('fail');
    expect(r.checks.map((c) => c.threshold)).toEqual([20000, 40000]);
    // Without the title its branch does not apply, however near: the general threshold leads.
    const noTitle = one({ any: [{ all: [srdi, mid] }, big] }, facts({ 2022: { revenue: 15000 } }));
    expect(noTitle.checks.map((c) => c.threshold)).toEqual([40000, 20000]);
    const far: Rule = { cmp: 'revenue', op: '>=', value: 90000 };
    expect(one({ any: [far, big] }, facts({ 2022: { revenue: 15000 } })).checks.map((c) => c.threshold)).toEqual([40000, 90000]);
    // A passing any keeps its order.
    expect(one({ any: [big, mid] }, facts({ 2022: { revenue: 50000 } })).checks.map((c) => c.threshold)).toEqual([40000, 20000]);
  });

  it('each_year: every one of the last N years, projectable only when just the latest is short', () => {
    const rule: Rule = { each_year: 3, rule: big };
    const ok = one(rule, facts({ 2020: { revenue: 40000 }, 2021: { revenue: 41000 }, 2022: { revenue: 42000 } }));
    expect(ok.status).toBe('pass');
    expect(ok.checks.map((c) => c.year)).toEqual([2020, 2021, 2022]);
    const pastShort = one(rule, facts({ 2020: { revenue: 30000 }, 2021: { revenue: 41000 }, 2022: { revenue: 42000 } }));
    expect(pastShort).toMatchObject({ status: 'fail', projection: { kind: 'not_projectable' } });
    const growing = facts({ 2020: { revenue: 10000 }, 2021: { revenue: 40000 }, 2022: { revenue: 39000 } });
    expect(one({ each_year: 2, rule: big }, growing)).toMatchObject({ status: 'fail', projection: { kind: 'years', years: 1 } });
    expect(one({ each_year: 1, rule: big }, growing)).toMatchObject({ status: 'fail', projection: { kind: 'years', years: 1 } });
    expect(one({ each_year: 3, rule: big }, growing).projection).toEqual({ kind: 'not_projectable' });
  });

  it('when: then on pass, else on fail, and undecided (not projectable) while the condition is unknown', () => {
    const rule: Rule = { when: { cmp: 'revenue', op: '>=', value: 100 }, then: { const: true }, else: { const: false } };
    expect(one(rule, facts({ 2022: { revenue: 100 } })).status).toBe('pass');
    expect(one(rule, facts({ 2022: { revenue: 99 } }))).toMatchObject({ status: 'fail', projection: { kind: 'not_projectable' } });
    expect(one(rule, facts({}))).toMatchObject({ status: 'unknown', checks: [{ metric: 'revenue', status: 'unknown' }] });
    expect(one({ when: { cmp: 'revenue', op: '>=', value: 100 }, then: { const: true }, else: big }, facts({ 2022: { revenue: 50 } })).status).toBe('fail');
    expect(evaluate(setOf([rule]), facts({}), 2022).projection).toEqual({ kind: 'none' });
  });

  it('band: the case the value falls in decides; unknown, undefined or in no case it fails or waits', () => {
    const rule: Rule = { band: 'main_share', cases: [{ gte: 70, rule: { const: true } }, { gte: 50, lt: 70, rule: big }] };
    expect(one(rule, facts({ 2022: { main_revenue: 80, revenue: 100 } })).status).toBe('pass');
    expect(one(rule, facts({ 2022: { main_revenue: 60, revenue: 100 } })).checks.map((c) => c.threshold)).toEqual([40000]);
    expect(one(rule, facts({ 2022: { main_revenue: 40, revenue: 100 } }))).toMatchObject({ status: 'fail', checks: [], projection: { kind: 'not_projectable' } });
    expect(one(rule, facts({ 2022: { revenue: 100 } }))).toMatchObject({ status: 'unknown', checks: [{ metric: 'main_share', state: 'unknown', reason: 'missing', status: 'unknown', op: '>=', threshold: 0, unit: 'percent' }] });
    expect(one(rule, facts({ 2022: { main_revenue: 1, revenue: 0 } }))).toMatchObject({ status: 'fail', checks: [{ state: 'undefined', reason: 'zero_denominator', status: 'fail' }] });
  });

  it('const: passes or fails as written', () => {
    expect(one({ const: true }, facts({}))).toMatchObject({ status: 'pass', projection: { kind: 'none' } });
    expect(one({ const: false }, facts({}))).toMatchObject({ status: 'fail', projection: { kind: 'not_projectable' } });
  });
});

describe('score rules', () => {
  const scores = {
    main: {
      label: text,
      max: 100,
      blocks: { a: text, b: text },
      indicators: [
        { id: 'i1', label: text, block: 'a', max: 60, metric: 'revenue', bands: [{ gte: 100, points: 60 }, { gte: 50, lt: 100, points: 30 }] },
        { id: 'i2', label: text, block: 'b', max: 40, input: 'level' },
      ],
    },
  };
  const run = (rule: Rule, f: FirmFacts) => evaluate(setOf([rule], scores), f, 2022);

  it('pass when even the least score reaches the value, fail when even the most does not, else wait', () => {
    // revenue 100 → 60 points; level unrecorded → [0, 40]: the total is [60, 100].
    const f = facts({ 2022: { revenue: 100 } });
    expect(run({ score: 'main', op: '>=', value: 60 }, f).criteria[0]).toMatchObject({ status: 'pass', score: { lo: 60, hi: 100 }, items: [{ kind: 'score', key: 'main', status: 'pass', recorded: null }] });
    expect(run({ score: 'main', op: '>=', value: 80 }, f).criteria[0]).toMatchObject({ status: 'unknown', projection: { kind: 'none' } });
    expect(run({ score: 'main', op: '>', value: 100 }, f).criteria[0]).toMatchObject({ status: 'fail', projection: { kind: 'not_projectable' } });
    expect(run({ score: 'main', op: '>', value: 60 }, f).criteria[0].status).toBe('unknown');
  });

  it('reads a block’s own interval, an absent block as nothing, and shows only a whole table’s score', () => {
    const f = facts({ 2022: { revenue: 60 } }, { inputs: { 'points:level': 25 } });
    const a = run({ score: 'main', block: 'a', op: '>=', value: 30 }, f);
    expect(a.criteria[0]).toMatchObject({ status: 'pass', score: null, items: [{ key: 'main.a', status: 'pass' }] });
    expect(run({ score: 'main', block: 'a', op: '>', value: 30 }, f).criteria[0].status).toBe('fail');
    expect(run({ score: 'main', block: 'zz', op: '>=', value: 0 }, f).criteria[0].status).toBe('pass');
    expect(run({ score: 'main', block: 'zz', op: '>', value: 0 }, f).criteria[0].status).toBe('fail');
    expect(a.score).toEqual({ lo: 55, hi: 55, max: 100 });
    expect(a.scores.main).toMatchObject({ lo: 55, hi: 55, blocks: { a: { lo: 30, hi: 30 }, b: { lo: 25, hi: 25 } } });
    const nested = run({ all: [{ const: true }, { score: 'main', op: '>=', value: 50 }] }, f);
    expect(nested.criteria[0].score).toEqual(expect.objectContaining({ lo: 55, hi: 55 }));
  });

  it('gives a set without score tables no score', () => {
    const e = evaluate(setOf([{ const: true }]), facts({}), 2022);
    expect(e.score).toBeNull();
    expect(e.scores).toEqual({});
    expect(e.criteria[0].score).toBeNull();
  });
});

describe('the verdict', () => {
  const pass: Rule = { const: true };
  const failing: Rule = { cmp: 'revenue', op: '>=', value: 40000 };
  const f = facts({ 2020: { revenue: 10000 }, 2021: { revenue: 12000 }, 2022: { revenue: 14400 } });

  it('counts only criteria in force, and projects from the failing ones', () => {
    const e = evaluate(setOf({ a: pass, b: failing }), f, 2022);
    expect(e).toMatchObject({ setId: 'test-set', year: 2022, verdict: 'not_eligible', projection: { kind: 'years', years: 6 } });
    expect(e.criteria.map((c) => [c.id, c.enabled, c.status])).toEqual([
      ['a', true, 'pass'],
      ['b', true, 'fail'],
    ]);
    const off = evaluate(setOf({ a: pass, b: failing }), f, 2022, (c) => c.id !== 'b');
    expect(off).toMatchObject({ verdict: 'eligible', projection: { kind: 'none' } });
    expect(off.criteria[1]).toMatchObject({ enabled: false, status: 'fail', projection: { kind: 'years', years: 6 } });
    expect(evaluate(setOf({ a: pass, b: { review: 'x' } }), f, 2022).verdict).toBe('needs_review');
    expect(evaluate(setOf({ a: pass, b: { cmp: 'rd_expense', op: '>=', value: 1 } }), f, 2022).verdict).toBe('incomplete');
  });

  it('shows as primary the check that decided the status', () => {
    const e = evaluate(setOf([{ all: [{ cmp: 'revenue', op: '>=', value: 100 }, { cmp: 'rd_expense', op: '>=', value: 1 }, failing] }]), f, 2022);
    expect(e.criteria[0].primary).toMatchObject({ metric: 'revenue', threshold: 40000, status: 'fail' });
    const passing = evaluate(setOf([{ any: [failing, { cmp: 'revenue', op: '>=', value: 100 }] }]), f, 2022);
    expect(passing.criteria[0].primary).toMatchObject({ threshold: 100, status: 'pass' });
    const review = evaluate(setOf([{ all: [{ cmp: 'revenue', op: '>=', value: 100 }, { review: 'x' }] }]), f, 2022);
    expect(review.criteria[0].primary).toMatchObject({ threshold: 100, status: 'pass' });
    expect(evaluate(setOf([{ review: 'x' }]), f, 2022).criteria[0].primary).toBeNull();
  });

  it('lets an enabled alternative stand in for the criterion it replaces', () => {
    const set = CriteriaSetSchema.parse({
      ...setOf({ a: pass }),
      criteria: [
        { id: 'a', text, rule: failing },
        { id: 'b', text, rule: pass, replaces: 'a', enabled: false },
      ],
    });
    expect([...activeCriteria(set, (c) => c.enabled)]).toEqual(['a']);
    const both = () => true;
    expect([...activeCriteria(set, both)]).toEqual(['b']);
    expect(activeCriteria(set, both)).toBe(activeCriteria(set, both));
    expect(evaluate(set, f, 2022, both).verdict).toBe('eligible');
    expect(evaluate(set, f, 2022).verdict).toBe('not_eligible');
  });
});
