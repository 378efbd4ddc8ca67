// The compiled set (compileSet) rule form by rule form, on the cases the shipped sets do not reach: branches not yet
// known, branches already met, a past year short against only the latest, empty score blocks. Each answer is the
// engine's (criteria-spec §3) and the one written here.
import { describe, expect, it } from 'vitest';
import { compileSet, type Summary } from '../compiled';
import { evaluate } from '../engine';
import { withoutProvenance, type FirmFacts } from '../metrics';
import type { Rule } from '../schema';
import { facts } from './facts';
import { setOf, text } from './ruleSet';

/** The compiled summary, checked against the engine's evaluation of the same firm. */
function summary(rules: Rule[], f: FirmFacts, year = 2022, scores: Record<string, unknown> = {}): Summary {
  const set = setOf(rules, scores);
  const e = withoutProvenance(() => evaluate(set, f, year));
  const s = compileSet(set, (c) => c.enabled)(f, year);
  expect(s).toEqual({ year: e.year, verdict: e.verdict, score: e.score, projection: e.projection });
  return s;
}

// Founded 2015: 7 years operating in 2022, so "≥ 9 years" is 2 years away and "≥ 12 years" 5 years away.
const firm = () => facts({}, { foundedYear: 2015 });
const inTwoYears: Rule = { cmp: 'years_operating', op: '>=', value: 9 };
const inFiveYears: Rule = { cmp: 'years_operating', op: '>=', value: 12 };
const notYetKnown: Rule = { cmp: 'revenue', op: '>=', value: 1 }; // no revenue recorded
const met: Rule = { const: true };

describe('alternatives (any)', () => {
  it('none met: the quickest branch to reach decides the projection, wherever it stands', () => {
    expect(summary([{ any: [inTwoYears, inFiveYears] }], firm())).toMatchObject({ verdict: 'not_eligible', projection: { kind: 'years', years: 2 } });
    expect(summary([{ any: [inFiveYears, inTwoYears] }], firm())).toMatchObject({ verdict: 'not_eligible', projection: { kind: 'years', years: 2 } });
  });

  it('a branch not yet known does not stand for "no years needed" beside a branch that can be projected', () => {
    const s = summary([{ all: [{ any: [notYetKnown, inFiveYears] }, inTwoYears] }], firm());
    expect(s).toMatchObject({ verdict: 'not_eligible', projection: { kind: 'years', years: 5 } });
  });

  it('a branch already met leaves nothing to project from the others', () => {
    const s = summary([{ all: [{ any: [met, inFiveYears] }, inTwoYears] }], firm());
    expect(s).toMatchObject({ verdict: 'not_eligible', projection: { kind: 'years', years: 2 } });
  });
});

describe('a condition on each of several years', () => {
  const rule: Rule = { each_year: 2, rule: { cmp: 'revenue', op: '>=', value: 10000 } };
  it('only the latest year short: projected at the firm’s own revenue growth', () => {
    // Revenue 8000 → 9000 over 2020–2022 (6.07 % a year): 9000 × 1.0607² ≥ 10000 in two years; 2021 met the floor.
    const f = facts({ 2020: { revenue: 8000 }, 2021: { revenue: 12000 }, 2022: { revenue: 9000 } });
    expect(summary([rule], f)).toMatchObject({ verdict: 'not_eligible', projection: { kind: 'years', years: 2 } });
  });

  it('a past year short: not projectable, however the latest year grows', () => {
    const f = facts({ 2020: { revenue: 8000 }, 2021: { revenue: 9000 }, 2022: { revenue: 12000 } });
    expect(summary([rule], f)).toMatchObject({ verdict: 'not_eligible', projection: { kind: 'not_projectable' } });
  });
});

describe('a condition chosen by another (when)', () => {
  it('a deciding condition not yet known leaves the firm incomplete, whatever either branch says', () => {
    expect(summary([{ when: notYetKnown, then: met, else: met }], firm())).toMatchObject({ verdict: 'incomplete', projection: { kind: 'none' } });
    expect(summary([{ when: { review: 'field' }, then: met, else: met }], firm())).toMatchObject({ verdict: 'needs_review' });
  });

  it('a deciding condition not met takes the other branch', () => {
    expect(summary([{ when: inTwoYears, then: { const: false }, else: met }], firm())).toMatchObject({ verdict: 'eligible' });
  });
});

describe('judgements and route flags', () => {
  it('a judgement still to record or recorded as met does not stop the years another figure needs', () => {
    expect(summary([{ all: [{ review: 'field' }, inTwoYears] }], firm())).toMatchObject({ verdict: 'not_eligible', projection: { kind: 'years', years: 2 } });
    const recorded = facts({}, { foundedYear: 2015, inputs: { 'flag:route': true } });
    expect(summary([{ all: [{ flag: 'route', text }, inTwoYears] }], recorded)).toMatchObject({ verdict: 'not_eligible', projection: { kind: 'years', years: 2 } });
  });

  it('a route flag not recorded is not met and cannot be projected', () => {
    expect(summary([{ all: [{ flag: 'route', text }, inTwoYears] }], firm())).toMatchObject({ verdict: 'not_eligible', projection: { kind: 'not_projectable' } });
  });
});

describe('a rule banded on a figure', () => {
  const rule: Rule = { band: 'rd_intensity', cases: [{ gte: 0, rule: met }] };
  it('the figure not yet known: incomplete', () => {
    expect(summary([rule], facts({}))).toMatchObject({ verdict: 'incomplete', projection: { kind: 'none' } });
  });

  it('the ratio undefined (no revenue to divide by): not met and not projectable', () => {
    expect(summary([rule], facts({ 2022: { rd_expense: 10, revenue: 0 } }))).toMatchObject({ verdict: 'not_eligible', projection: { kind: 'not_projectable' } });
  });
});

describe('a score floor', () => {
  const scores = {
    t: {
      label: text,
      max: 100,
      blocks: { a: text, b: text },
      indicators: [{ id: 'i', label: text, block: 'a', max: 20, input: 'x' }],
    },
  };
  const scored = facts({}, { foundedYear: 2015, inputs: { 'points:x': 10 } });

  it('short of its floor: not met and not projectable', () => {
    expect(summary([{ score: 't', op: '>=', value: 50 }], scored, 2022, scores)).toMatchObject({ verdict: 'not_eligible', projection: { kind: 'not_projectable' }, score: { lo: 10, hi: 10, max: 100 } });
  });

  it('met: adds nothing to the years another criterion needs', () => {
    expect(summary([{ all: [{ score: 't', op: '>=', value: 5 }, inTwoYears] }], scored, 2022, scores)).toMatchObject({ projection: { kind: 'years', years: 2 } });
  });

  it('a declared block with no indicators scores nought: a floor of 0 on it is met, above 0 is not', () => {
    expect(summary([{ score: 't', block: 'b', op: '>=', value: 0 }], scored, 2022, scores)).toMatchObject({ verdict: 'eligible' });
    expect(summary([{ score: 't', block: 'b', op: '>', value: 0 }], scored, 2022, scores)).toMatchObject({ verdict: 'not_eligible' });
  });
});
