// "Eligible in N years" (criteria-spec §3): failing year counts need the missing years; a failing lower bound
// on a money metric grows at the firm's own 2-year CAGR of that figure; anything else is not projectable.
import { compare, metricValue, moneyBase, type FirmFacts, type YearFigures } from './metrics';

export type Projection = { kind: 'none' } | { kind: 'years'; years: number } | { kind: 'not_projectable' };

/** Beyond this many years a projection is shown as "> 10". */
export const HORIZON = 10;

interface FailingCheck {
  metric: string;
  op: '>=' | '>' | '<=' | '<' | '==';
  threshold: number;
  year: number;
  state: 'known' | 'unknown' | 'undefined';
  value: number | null;
  status: string;
}

export function projectCheck(facts: FirmFacts, check: FailingCheck): Projection {
  if (check.status !== 'fail') return { kind: 'none' };
  if (check.state !== 'known' || check.value == null) return { kind: 'not_projectable' };
  const lowerBound = check.op === '>=' || check.op === '>';
  if (!lowerBound) return { kind: 'not_projectable' };
  if (check.metric === 'years_in_segment' || check.metric === 'years_operating') {
    const need = check.threshold - check.value + (check.op === '>' ? 1 : 0);
    return { kind: 'years', years: Math.max(1, Math.ceil(need)) };
  }
  const base = moneyBase(check.metric);
  if (!base) return { kind: 'not_projectable' };
  const cagr = metricValue(facts, `cagr_2y(${base})`, check.year);
  if (cagr.state !== 'known' || cagr.value <= 0) return { kind: 'not_projectable' };
  const last = facts.figures.get(check.year)?.values[base];
  if (last == null) return { kind: 'not_projectable' };
  const growth = 1 + cagr.value / 100;
  if (base === check.metric) {
    // The figure itself: its value k years on is last × growth^k, no re-measuring needed.
    for (let k = 1; k <= HORIZON + 1; k++) if (compare(last * growth ** k, check.op, check.threshold)) return { kind: 'years', years: k };
    return { kind: 'years', years: HORIZON + 1 };
  }
  // Grow the figure forward year by year and re-measure the metric (so 3-year averages move as they would).
  // The projected years are set on the firm's own figures and put back after: no copy per failing check.
  const figures = facts.figures;
  const saved = new Map<number, YearFigures | undefined>();
  try {
    for (let k = 1; k <= HORIZON + 1; k++) {
      const y = check.year + k;
      saved.set(y, figures.get(y));
      figures.set(y, { values: { [base]: last * growth ** k }, sourceId: null });
      const v = metricValue(facts, check.metric, y);
      if (v.state === 'known' && compare(v.value, check.op, check.threshold)) return { kind: 'years', years: k };
    }
    return { kind: 'years', years: HORIZON + 1 };
  } finally {
    for (const [y, was] of saved) {
      if (was) figures.set(y, was);
      else figures.delete(y);
    }
  }
}

/** `all`: every failing part must be projectable, the slowest decides; `any`: the quickest projectable part. */
export function combineProjections(parts: Projection[], mode: 'all' | 'any'): Projection {
  const years = parts.flatMap((p) => (p.kind === 'years' ? [p.years] : []));
  if (mode === 'all') {
    if (parts.some((p) => p.kind === 'not_projectable')) return { kind: 'not_projectable' };
    return years.length ? { kind: 'years', years: Math.max(...years) } : { kind: 'none' };
  }
  return years.length ? { kind: 'years', years: Math.min(...years) } : { kind: 'not_projectable' };
}

export function projectionLabel(p: Projection): string {
  if (p.kind === 'none') return '';
  if (p.kind === 'not_projectable') return 'not projectable';
  return p.years > HORIZON ? `> ${HORIZON}` : String(p.years);
}
