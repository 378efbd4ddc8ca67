// Metrics named in criteria files, computed for one firm and data year Y per criteria-spec §1–§2.
// A missing input makes a metric unknown (never 0); a zero denominator or a CAGR over a non-positive value
// makes it undefined, and every comparison on it fails.
import { FIGURE_KEYS, figureSpec, type FigureKey, type TitleCode } from '../figures';
import { add, compareExact, div, int, mul, ratOf, sub, type Exact, type Op, type Rat } from './exact';

export interface Used {
  key: string;
  year: number | null;
  value: number | null;
  sourceId: number | null;
}

export type MetricValue =
  | { state: 'known'; value: number; used: Used[] }
  | { state: 'unknown'; used: Used[]; missing: { key: string; year: number | null }[] }
  | { state: 'undefined'; used: Used[]; reason: 'zero_denominator' | 'cagr_nonpositive' };

export interface YearFigures {
  values: Partial<Record<FigureKey, number | null>>;
  /** The row's source; a value edited by hand has its own in `overrides`. */
  sourceId: number | null;
  overrides?: Partial<Record<FigureKey, number>>;
}

export interface AnalystInput {
  value: number | boolean;
  note: string | null;
  actor: string;
  at: string;
}

export interface FirmFacts {
  segmentSince: number | null;
  foundedYear: number | null;
  isNewProduct: boolean;
  listed: boolean;
  titles: { code: TitleCode; year: number | null }[];
  figures: Map<number, YearFigures>;
  /** Keyed `flag:KEY`, `points:KEY`, `judgement:SET:CRITERION`. */
  inputs: Map<string, AnalystInput>;
}

const DERIVED = {
  debt_ratio: ['total_liabilities', 'total_assets'],
  rd_intensity: ['rd_expense', 'revenue'],
  main_share: ['main_revenue', 'revenue'],
  product_share_of_total: ['product_revenue', 'revenue'],
  product_share_of_main: ['product_revenue', 'main_revenue'],
  net_margin: ['net_profit', 'revenue'],
} as const satisfies Record<string, readonly [FigureKey, FigureKey]>;
const FUNCTIONS = ['growth', 'avg_growth_2y', 'cagr_2y', 'avg_3y', 'sum_2y', 'sum_3y', 'avg_2y'] as const;
const FIRM_LEVEL = ['years_in_segment', 'years_operating', 'is_new_product', 'listed'] as const;

type Parsed =
  | { kind: 'raw'; key: FigureKey }
  | { kind: 'derived'; name: keyof typeof DERIVED }
  | { kind: 'fn'; fn: (typeof FUNCTIONS)[number]; key: FigureKey }
  | { kind: 'firm'; name: (typeof FIRM_LEVEL)[number] }
  | { kind: 'input'; key: string };

const cache = new Map<string, Parsed | null>();

export function parseMetric(name: string): Parsed | null {
  const known = cache.get(name); // one lookup: every check of every firm asks
  if (known !== undefined) return known;
  let p: Parsed | null = null;
  const fn = /^(\w+)\((\w+)\)$/.exec(name);
  if ((FIGURE_KEYS as readonly string[]).includes(name)) p = { kind: 'raw', key: name as FigureKey };
  else if (Object.hasOwn(DERIVED, name)) p = { kind: 'derived', name: name as keyof typeof DERIVED }; // own keys only: not "constructor"
  else if ((FIRM_LEVEL as readonly string[]).includes(name)) p = { kind: 'firm', name: name as (typeof FIRM_LEVEL)[number] };
  else if (/^input:[a-z0-9_]+$/.test(name)) p = { kind: 'input', key: name.slice(6) };
  else if (fn && (FUNCTIONS as readonly string[]).includes(fn[1]) && (FIGURE_KEYS as readonly string[]).includes(fn[2])) {
    p = { kind: 'fn', fn: fn[1] as (typeof FUNCTIONS)[number], key: fn[2] as FigureKey };
  }
  cache.set(name, p);
  return p;
}

export const isMetric = (name: string): boolean => parseMetric(name) !== null;

/** The figure a metric is measured in, for units and projection: money metrics project at their CAGR. */
export function metricUnit(name: string): 'money' | 'percent' | 'years' | 'count' | 'rank' | 'flag' | 'points' {
  const p = parseMetric(name);
  if (!p) return 'count';
  if (p.kind === 'raw') {
    const u = figureSpec(p.key).unit;
    return u === 'persons' ? 'count' : u;
  }
  if (p.kind === 'fn') return p.fn === 'growth' || p.fn === 'avg_growth_2y' || p.fn === 'cagr_2y' ? 'percent' : metricUnit(p.key);
  if (p.kind === 'derived') return 'percent';
  if (p.kind === 'input') return 'points';
  return p.name.startsWith('years') ? 'years' : 'flag';
}

/** The raw figure a money metric follows (for projection), if any. */
export function moneyBase(name: string): FigureKey | null {
  const p = parseMetric(name);
  if (p?.kind === 'raw' && figureSpec(p.key).unit === 'money') return p.key;
  if (p?.kind === 'fn' && ['avg_3y', 'sum_2y', 'sum_3y', 'avg_2y'].includes(p.fn) && figureSpec(p.key).unit === 'money') return p.key;
  return null;
}

/** Pool-wide summaries show verdicts only: they skip recording which values each metric read (and which were
 * missing), which is most of the garbage an evaluation makes. Set by `withoutProvenance`. */
let provenance = true;
const NOTHING: never[] = [];

export function withoutProvenance<T>(fn: () => T): T {
  const was = provenance;
  provenance = false;
  try {
    return fn();
  } finally {
    provenance = was;
  }
}

function raw(f: FirmFacts, key: FigureKey, year: number): MetricValue {
  const fy = f.figures.get(year);
  const v = fy?.values[key];
  const used: Used[] = provenance ? [{ key, year, value: v ?? null, sourceId: fy ? (fy.overrides?.[key] ?? fy.sourceId) : null }] : NOTHING;
  return v == null ? { state: 'unknown', used, missing: provenance ? [{ key, year }] : NOTHING } : { state: 'known', value: v, used };
}

/** Combines parts: unknown if any is unknown, undefined if any is undefined, else `compute`. */
function combine(parts: MetricValue[], compute: (v: number[]) => number | 'zero_denominator' | 'cagr_nonpositive'): MetricValue {
  // Plain loops: flatMap and friends are several times slower here, and this runs for every metric of every firm.
  const used: Used[] = provenance ? [] : NOTHING;
  const missing: { key: string; year: number | null }[] = provenance ? [] : NOTHING;
  const values: number[] = [];
  let unknown = false;
  let undef: 'zero_denominator' | 'cagr_nonpositive' | null = null;
  for (const p of parts) {
    // Stryker disable next-line ConditionalExpression: without provenance every part's list is already empty; the test saves the loop
    if (provenance) for (const u of p.used) used.push(u);
    if (p.state === 'unknown') {
      unknown = true;
      // Stryker disable next-line ConditionalExpression: as above, the parts' missing lists are empty without provenance
      if (provenance) for (const m of p.missing) missing.push(m);
    } else if (p.state === 'undefined') undef ??= p.reason;
    else values.push(p.value);
  }
  if (unknown) return { state: 'unknown', used, missing };
  if (undef) return { state: 'undefined', used, reason: undef };
  const r = compute(values);
  return typeof r === 'number' ? { state: 'known', value: r, used } : { state: 'undefined', used, reason: r };
}

const ratio = (a: number, b: number) => (b === 0 ? 'zero_denominator' : (a / b) * 100);
const growthOf = (now: number, before: number) => (before === 0 ? 'zero_denominator' : (now / before - 1) * 100);

// Module-level, not closures made per call: this runs for every metric of every firm.
const growthPair = ([a, b]: number[]) => growthOf(a, b);
const meanPair = ([a, b]: number[]) => (a + b) / 2;
const cagrPair = ([a, b]: number[]) => (a <= 0 || b <= 0 ? 'cagr_nonpositive' : (Math.sqrt(a / b) - 1) * 100);
const mean3 = (v: number[]) => (v[0] + v[1] + v[2]) / 3;
const sum2 = (v: number[]) => v[0] + v[1];
const sum3 = (v: number[]) => v[0] + v[1] + v[2];

function fnValue(f: FirmFacts, fn: (typeof FUNCTIONS)[number], key: FigureKey, y: number): MetricValue {
  switch (fn) {
    case 'growth':
      return combine([raw(f, key, y), raw(f, key, y - 1)], growthPair);
    case 'avg_growth_2y':
      return combine([fnValue(f, 'growth', key, y), fnValue(f, 'growth', key, y - 1)], meanPair);
    case 'cagr_2y':
      return combine([raw(f, key, y), raw(f, key, y - 2)], cagrPair);
    case 'avg_3y':
      return combine([raw(f, key, y - 2), raw(f, key, y - 1), raw(f, key, y)], mean3);
    case 'avg_2y':
      return combine([raw(f, key, y - 1), raw(f, key, y)], meanPair);
    case 'sum_2y':
      return combine([raw(f, key, y - 1), raw(f, key, y)], sum2);
    case 'sum_3y':
      return combine([raw(f, key, y - 2), raw(f, key, y - 1), raw(f, key, y)], sum3);
  }
}

function firmValue(f: FirmFacts, name: (typeof FIRM_LEVEL)[number], y: number): MetricValue {
  // Stryker disable next-line ConditionalExpression: the last branch is only reached by the flags, which return before reading `since`
  const since = name === 'years_in_segment' ? f.segmentSince : name === 'years_operating' ? f.foundedYear : null;
  if (name === 'is_new_product' || name === 'listed') {
    const v = name === 'listed' ? f.listed : f.isNewProduct;
    return { state: 'known', value: v ? 1 : 0, used: [{ key: name, year: null, value: v ? 1 : 0, sourceId: null }] };
  }
  const key = name === 'years_in_segment' ? 'segment_since' : 'founded_year';
  const used: Used[] = [{ key, year: null, value: since, sourceId: null }];
  return since == null ? { state: 'unknown', used, missing: [{ key, year: null }] } : { state: 'known', value: y - since, used };
}

export function metricValue(f: FirmFacts, name: string, y: number): MetricValue {
  const p = parseMetric(name);
  if (!p) throw new Error(`unknown metric ${name}`);
  switch (p.kind) {
    case 'raw':
      return raw(f, p.key, y);
    case 'derived': {
      const [a, b] = DERIVED[p.name];
      return combine([raw(f, a, y), raw(f, b, y)], ([x, z]) => ratio(x, z));
    }
    case 'fn':
      return fnValue(f, p.fn, p.key, y);
    case 'firm':
      return firmValue(f, p.name, y);
    case 'input': {
      const input = f.inputs.get(`points:${p.key}`);
      const used: Used[] = [{ key: name, year: null, value: typeof input?.value === 'number' ? input.value : null, sourceId: null }];
      return typeof input?.value === 'number' ? { state: 'known', value: input.value, used } : { state: 'unknown', used, missing: [{ key: name, year: null }] };
    }
  }
}

/** A plain comparison of two numbers, with no tolerance: for figures already exact (points, projected values). */
export function compare(value: number, op: Op, threshold: number): boolean {
  switch (op) {
    case '>=':
      return value >= threshold;
    case '>':
      return value > threshold;
    case '<=':
      return value <= threshold;
    case '<':
      return value < threshold;
    case '==':
      return value === threshold;
  }
}

function rawExact(f: FirmFacts, key: FigureKey, year: number): Rat | null {
  const v = f.figures.get(year)?.values[key];
  return v == null ? null : ratOf(v);
}

const HUNDRED = int(100);
const ratioExact = (a: Rat | null, b: Rat | null): Rat | null => (a && b ? div(mul(a, HUNDRED), b) : null);
const growthExact = (now: Rat | null, before: Rat | null): Rat | null => {
  const q = now && before ? div(now, before) : null;
  return q ? mul(sub(q, int(1)), HUNDRED) : null;
};

/** A known metric's exact value (criteria-spec §2), read again from the facts; null if it is not known. */
export function exactValue(f: FirmFacts, name: string, y: number): Exact | null {
  const p = parseMetric(name);
  if (!p) return null;
  const rat = (r: Rat | null): Exact | null => (r ? { kind: 'rat', r } : null);
  switch (p.kind) {
    case 'raw':
      return rat(rawExact(f, p.key, y));
    case 'derived': {
      const [a, b] = DERIVED[p.name];
      return rat(ratioExact(rawExact(f, a, y), rawExact(f, b, y)));
    }
    case 'firm':
    case 'input': {
      const v = metricValue(f, name, y);
      return v.state === 'known' ? rat(ratOf(v.value)) : null;
    }
    case 'fn': {
      const r = (k: number) => rawExact(f, p.key, y - k);
      const sum = (...xs: (Rat | null)[]) => (xs.every(Boolean) ? (xs as Rat[]).reduce(add) : null);
      switch (p.fn) {
        case 'growth':
          return rat(growthExact(r(0), r(1)));
        case 'avg_growth_2y': {
          const s = sum(growthExact(r(0), r(1)), growthExact(r(1), r(2)));
          return rat(s && div(s, int(2)));
        }
        case 'cagr_2y': {
          const q = r(0) && r(2) ? div(r(0)!, r(2)!) : null;
          return q ? { kind: 'cagr', r: q } : null;
        }
        case 'avg_3y': {
          const s = sum(r(0), r(1), r(2));
          return rat(s && div(s, int(3)));
        }
        case 'avg_2y': {
          const s = sum(r(0), r(1));
          return rat(s && div(s, int(2)));
        }
        case 'sum_2y':
          return rat(sum(r(0), r(1)));
        case 'sum_3y':
          return rat(sum(r(0), r(1), r(2)));
      }
    }
  }
}

/** Binary rounding moves a computed metric by far less than this share of its size; only nearer than this to a
 * threshold is the exact fraction worked out (BigInt arithmetic is slow, and this runs for every firm). */
const NEAR = 1e-9;

/** Decimal-exact comparison of a known metric value with a threshold (criteria-spec §2): 7000/10000 against 70 %
 * passes ≥ 70, and 279999.9999/400000 (one 元 short at 40亿元) fails it. */
export function compareMetric(f: FirmFacts, name: string, y: number, value: number, op: Op, threshold: number): boolean {
  // Stryker disable next-line EqualityOperator: exactly at the NEAR distance both ways give the same answer (the value is on the same side exactly)
  if (Math.abs(value - threshold) > NEAR * Math.max(1, Math.abs(threshold), Math.abs(value))) return compare(value, op, threshold);
  const exact = exactValue(f, name, y);
  return exact ? compareExact(exact, op, threshold) : compare(value, op, threshold);
}

export type Bounds = { gte?: number; gt?: number; lt?: number; lte?: number };

/** Whether a known metric value lies in a band, each bound compared exactly. */
export function inBand(f: FirmFacts, name: string, y: number, value: number, b: Bounds): boolean {
  return (
    (b.gte === undefined || compareMetric(f, name, y, value, '>=', b.gte)) &&
    (b.gt === undefined || compareMetric(f, name, y, value, '>', b.gt)) &&
    (b.lt === undefined || compareMetric(f, name, y, value, '<', b.lt)) &&
    (b.lte === undefined || compareMetric(f, name, y, value, '<=', b.lte))
  );
}

/** The yearly figures a metric reads (so only those columns need loading). */
export function figuresOf(name: string): FigureKey[] {
  const p = parseMetric(name);
  if (!p) return [];
  if (p.kind === 'raw' || p.kind === 'fn') return [p.key];
  if (p.kind === 'derived') return [...DERIVED[p.name]];
  return [];
}

/** How many years before Y a metric reaches back (avg_growth_2y reads Y−2, so 2). */
export function lookback(name: string): number {
  const p = parseMetric(name);
  if (p?.kind !== 'fn') return 0;
  return { growth: 1, avg_growth_2y: 2, cagr_2y: 2, avg_3y: 2, avg_2y: 1, sum_2y: 1, sum_3y: 2 }[p.fn];
}
