// Banded scores as intervals (criteria-spec §3), one indicator kind at a time: an unknown input widens the
// interval to [0, its best band] (an analyst-scored item to [its min, max]), an undefined one scores nothing, bands are capped at max, best_of takes the higher,
// analyst-entered points are clamped, and blocks and totals add their indicators' bounds.
import { describe, expect, it } from 'vitest';
import type { Indicator, ScoreTable } from '../schema';
import { scoreTable } from '../score';
import { facts } from './facts';

const label = { zh: '指标', en: 'indicator' };
const ind = (i: Partial<Indicator> & { id: string; max: number }): Indicator => ({ label, ...i }) as Indicator;
const table = (indicators: Indicator[], max = 100): ScoreTable => ({ label, max, indicators }) as ScoreTable;
const bands = [
  { gte: 1000, points: 10 },
  { gte: 500, lt: 1000, points: 6 },
  { gt: 0, lt: 500, points: 2 },
];

describe('scoreTable', () => {
  it('scores a known value by its band, exact at each bound', () => {
    const t = table([ind({ id: 'a', max: 10, metric: 'rd_expense', bands })]);
    const at = (rd: number) => scoreTable(facts({ 2022: { rd_expense: rd } }), t, 2022);
    expect(at(1000)).toMatchObject({ lo: 10, hi: 10 });
    expect(at(999.99)).toMatchObject({ lo: 6, hi: 6 });
    expect(at(500)).toMatchObject({ lo: 6, hi: 6 });
    expect(at(499)).toMatchObject({ lo: 2, hi: 2 });
    expect(at(0)).toMatchObject({ lo: 0, hi: 0 }); // in no band: nothing
    const r = at(700);
    expect(r.indicators).toEqual([{ id: 'a', block: null, max: 10, lo: 6, hi: 6, used: [{ key: 'rd_expense', year: 2022, value: 700, sourceId: 1 }] }]);
    expect(r.max).toBe(100);
  });

  it('widens an unknown input to [0, max] and scores an undefined one 0', () => {
    const t = table([ind({ id: 'a', max: 8, metric: 'rd_intensity', bands: [{ gte: 5, points: 8 }] })]);
    expect(scoreTable(facts({ 2022: { rd_expense: 10 } }), t, 2022)).toMatchObject({ lo: 0, hi: 8 });
    expect(scoreTable(facts({ 2022: { rd_expense: 10, revenue: 0 } }), t, 2022)).toMatchObject({ lo: 0, hi: 0 });
    expect(scoreTable(facts({ 2022: { rd_expense: 10, revenue: 100 } }), t, 2022)).toMatchObject({ lo: 8, hi: 8 });
  });

  it('never gives a band more than the indicator’s max', () => {
    const t = table([ind({ id: 'a', max: 4, metric: 'rd_expense', bands: [{ gte: 0, points: 9 }] })]);
    expect(scoreTable(facts({ 2022: { rd_expense: 1 } }), t, 2022)).toMatchObject({ lo: 4, hi: 4 });
  });

  it('takes the higher of best_of, bound by bound, and keeps what each part read', () => {
    const t = table([
      ind({
        id: 'rd',
        max: 10,
        best_of: [
          { metric: 'rd_expense', bands: [{ gte: 500, points: 10 }, { gte: 100, lt: 500, points: 5 }] },
          { metric: 'rd_intensity', bands: [{ gte: 10, points: 10 }, { gte: 3, lt: 10, points: 7 }] },
        ],
      }),
    ]);
    expect(scoreTable(facts({ 2022: { rd_expense: 200, revenue: 4000 } }), t, 2022)).toMatchObject({ lo: 7, hi: 7 }); // 200 万元 → 5, 5 % → 7
    expect(scoreTable(facts({ 2022: { rd_expense: 200, revenue: 40000 } }), t, 2022)).toMatchObject({ lo: 5, hi: 5 }); // 0.5 % → none
    const both = scoreTable(facts({ 2022: { rd_expense: 200, revenue: 2000 } }), t, 2022);
    expect(both).toMatchObject({ lo: 10, hi: 10 }); // 10 % beats 200 万元
    expect(both.indicators[0].used.map((u) => u.key).sort()).toEqual(['rd_expense', 'rd_expense', 'revenue']);
    // one part unknown: the known part is the floor, the unknown part's max the ceiling
    expect(scoreTable(facts({ 2022: { rd_expense: 200 } }), t, 2022)).toMatchObject({ lo: 5, hi: 10 });
  });

  it('clamps analyst-entered points to [0, max] and treats no entry as [0, max]', () => {
    const t = table([ind({ id: 'q', max: 6, input: 'quality' })]);
    const withPoints = (v: number) => scoreTable(facts({}, { inputs: { 'points:quality': v } }), t, 2022);
    expect(withPoints(4)).toMatchObject({ lo: 4, hi: 4 });
    expect(withPoints(9)).toMatchObject({ lo: 6, hi: 6 });
    expect(withPoints(-2)).toMatchObject({ lo: 0, hi: 0 });
    expect(withPoints(4).indicators[0].used).toEqual([{ key: 'input:quality', year: null, value: 4, sourceId: null }]);
    expect(scoreTable(facts({}), t, 2022)).toMatchObject({ lo: 0, hi: 6 });
    expect(scoreTable(facts({}, { inputs: { 'points:quality': true } }), t, 2022)).toMatchObject({ lo: 0, hi: 6 });
  });

  it('counts an unrecorded input whose every answer scores as [min, max]', () => {
    const t = table([ind({ id: 'field', max: 10, input: 'field', min: 5 })]);
    expect(scoreTable(facts({}), t, 2022)).toMatchObject({ lo: 5, hi: 10 });
    expect(scoreTable(facts({}, { inputs: { 'points:field': 10 } }), t, 2022)).toMatchObject({ lo: 10, hi: 10 });
  });

  it('caps an unknown banded metric at its best band', () => {
    const t = table([ind({ id: 'a', max: 10, metric: 'rd_expense', bands: [{ gte: 500, points: 6 }, { lt: 500, points: 2 }] })]);
    expect(scoreTable(facts({}), t, 2022)).toMatchObject({ lo: 0, hi: 6 });
  });

  it('adds indicators into their blocks and the total, lower and upper bounds apart', () => {
    const t = table(
      [
        ind({ id: 'a', block: 'x', max: 10, metric: 'rd_expense', bands: [{ gte: 0, points: 3 }] }),
        ind({ id: 'b', block: 'x', max: 5, input: 'b' }),
        ind({ id: 'c', block: 'y', max: 7, input: 'c' }),
        ind({ id: 'd', max: 2, input: 'd' }),
      ],
      24,
    );
    const r = scoreTable(facts({ 2022: { rd_expense: 1 } }, { inputs: { 'points:c': 7, 'points:d': 1 } }), t, 2022);
    expect(r.blocks).toEqual({ x: { lo: 3, hi: 8 }, y: { lo: 7, hi: 7 } });
    expect(r).toMatchObject({ max: 24, lo: 11, hi: 16 });
    expect(r.indicators.map((i) => [i.id, i.block])).toEqual([['a', 'x'], ['b', 'x'], ['c', 'y'], ['d', null]]);
  });
});
