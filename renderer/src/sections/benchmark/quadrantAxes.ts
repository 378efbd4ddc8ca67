// What the 对标分析 quadrant draws, read from the selected criteria set: its size threshold (a revenue level,
// e.g. 近三年平均主营业务收入 ≥ 4亿元) across, its market-position threshold (a share ≥ or a rank ≤, e.g. 全球排名
// ≤ 3) up. A set without one of them borrows it from the first set of the library that has it, and the chart
// names that set, so the lines never pass for the selected set's own.
import type { CriteriaSetInfoT, EvaluationRowT, PoolRowT } from '../../../../db/contract';
import { comparisons } from './model';

export type Dimension = 'size' | 'position';
type Op = '>=' | '>' | '<=' | '<';

export interface QuadrantLine {
  dimension: Dimension;
  metric: string;
  op: Op;
  value: number;
  unit: 'money' | 'percent' | 'rank';
  /** The set and criterion the line comes from. */
  setId: string;
  setTitle: { zh: string; en: string };
  criterionId: string;
  /** False when the selected set has no such threshold and the line is another set's. */
  own: boolean;
}

const MONEY = ['revenue', 'main_revenue', 'product_revenue'];
const SIZE = new Set(MONEY.flatMap((k) => [k, `avg_2y(${k})`, `avg_3y(${k})`]));
const SHARES = new Set(['share_domestic', 'share_global', 'share_provincial']);
const RANKS = new Set(['rank_global', 'rank_national', 'rank_provincial']);

/** The metrics whose value every pool row carries for the data year (a borrowed line must use one of these). */
const POOL_VALUE: Record<string, (r: PoolRowT) => number | null> = {
  revenue: (r) => r.revenue,
  share_domestic: (r) => r.shareDomestic,
  rank_national: (r) => r.rankNational,
  rank_global: (r) => r.rankGlobal,
};

function unitOf(dimension: Dimension, metric: string, op: string): QuadrantLine['unit'] | null {
  if (dimension === 'size') return SIZE.has(metric) && (op === '>=' || op === '>') ? 'money' : null;
  if (SHARES.has(metric) && (op === '>=' || op === '>')) return 'percent';
  if (RANKS.has(metric) && (op === '<=' || op === '<')) return 'rank';
  return null;
}

/** The first switched-on criterion of the set that sets a threshold of this kind, or null. */
export function lineOf(set: CriteriaSetInfoT, dimension: Dimension, own = true, only?: (metric: string) => boolean): QuadrantLine | null {
  for (const c of set.criteria) {
    if (!(set.effective[c.id] ?? c.enabled)) continue;
    for (const cmp of comparisons(c.rule)) {
      const unit = unitOf(dimension, cmp.cmp, cmp.op);
      if (unit && (!only || only(cmp.cmp)))
        return { dimension, metric: cmp.cmp, op: cmp.op as Op, value: cmp.value, unit, setId: set.id, setTitle: set.title, criterionId: c.id, own };
    }
  }
  return null;
}

export interface QuadrantAxes {
  size: QuadrantLine | null;
  position: QuadrantLine | null;
}

/** The selected set's lines, each missing one borrowed (with a metric every pool row carries) from the library. */
export function quadrantAxes(set: CriteriaSetInfoT | undefined, library: CriteriaSetInfoT[]): QuadrantAxes {
  const pick = (dimension: Dimension) => {
    const own = set ? lineOf(set, dimension) : null;
    if (own) return own;
    for (const other of library) {
      if (other.id === set?.id) continue;
      const borrowed = lineOf(other, dimension, false, (m) => m in POOL_VALUE);
      if (borrowed) return borrowed;
    }
    return null;
  };
  return { size: pick('size'), position: pick('position') };
}

/**
 * A firm's value of a line's metric: what the engine evaluated for the set's criterion (so the chart and the
 * verdicts read the same number), or the pool row's own figure for a plain one.
 */
export function valueOf(line: QuadrantLine, row: PoolRowT, evaluation: EvaluationRowT | undefined): number | null {
  const deciding = line.own ? evaluation?.criteria.find((c) => c.id === line.criterionId) : undefined;
  if (deciding && deciding.metric === line.metric) return deciding.value;
  return POOL_VALUE[line.metric]?.(row) ?? null;
}

export function meets(line: QuadrantLine, value: number): boolean {
  if (line.op === '>=') return value >= line.value;
  if (line.op === '>') return value > line.value;
  if (line.op === '<=') return value <= line.value;
  return value < line.value;
}
