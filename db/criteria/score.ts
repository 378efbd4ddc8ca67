// Banded scores as intervals (criteria-spec §3): an indicator whose input is unknown contributes [least, most]
// over what it can award — a banded metric [0, its best band] (an unknown ratio may yet turn out undefined or fall
// between bands, which scores nothing), an analyst-scored item [its declared min, max].
import type { Indicator, ScoreTable } from './schema';
import { inBand, metricValue, type FirmFacts, type Used } from './metrics';

export interface Interval {
  lo: number;
  hi: number;
}

export interface IndicatorScore extends Interval {
  id: string;
  block: string | null;
  max: number;
  used: Used[];
}

export interface ScoreResult extends Interval {
  max: number;
  blocks: Record<string, Interval>;
  indicators: IndicatorScore[];
}

function banded(f: FirmFacts, metric: string, bands: { points: number; gte?: number; gt?: number; lt?: number; lte?: number }[], year: number, max: number) {
  const v = metricValue(f, metric, year);
  if (v.state === 'unknown') return { lo: 0, hi: Math.min(max, Math.max(...bands.map((b) => b.points))), used: v.used };
  if (v.state === 'undefined') return { lo: 0, hi: 0, used: v.used }; // every comparison on it fails: no band
  const band = bands.find((b) => inBand(f, metric, year, v.value, b));
  const p = Math.min(band?.points ?? 0, max);
  return { lo: p, hi: p, used: v.used };
}

/** Plain literals rather than spreads or a closure made per call: this runs for every indicator of every firm. */
function result(ind: Indicator, lo: number, hi: number, used: Used[]): IndicatorScore {
  return { id: ind.id, block: ind.block ?? null, max: ind.max, lo, hi, used };
}

function indicatorScore(f: FirmFacts, ind: Indicator, year: number): IndicatorScore {
  if (ind.input) {
    const input = f.inputs.get(`points:${ind.input}`);
    if (typeof input?.value !== 'number') return result(ind, ind.min ?? 0, ind.max, []);
    const p = Math.max(0, Math.min(ind.max, input.value));
    return result(ind, p, p, [{ key: `input:${ind.input}`, year: null, value: input.value, sourceId: null }]);
  }
  if (!ind.best_of) {
    const s = banded(f, ind.metric!, ind.bands!, year, ind.max);
    return result(ind, s.lo, s.hi, s.used);
  }
  const scored = ind.best_of.map((p) => banded(f, p.metric, p.bands, year, ind.max));
  return result(ind, Math.max(...scored.map((s) => s.lo)), Math.max(...scored.map((s) => s.hi)), scored.flatMap((s) => s.used));
}

/** Points are decimals of a few places; a float sum of a dozen of them is off by ~1e-14, so rounding it to 6 places
 * gives back the decimal sum exactly and a total of 59.99 + 0.01 compares as 60 with no tolerance (criteria-spec §2). */
const tidy = (x: number) => Math.round(x * 1e6) / 1e6;

export function scoreTable(f: FirmFacts, table: ScoreTable, year: number): ScoreResult {
  const indicators = table.indicators.map((i) => indicatorScore(f, i, year));
  const blocks: Record<string, Interval> = {};
  for (const i of indicators) {
    if (!i.block) continue;
    const b = (blocks[i.block] ??= { lo: 0, hi: 0 });
    b.lo = tidy(b.lo + i.lo);
    b.hi = tidy(b.hi + i.hi);
  }
  return {
    max: table.max,
    lo: tidy(indicators.reduce((s, i) => s + i.lo, 0)),
    hi: tidy(indicators.reduce((s, i) => s + i.hi, 0)),
    blocks,
    indicators,
  };
}
