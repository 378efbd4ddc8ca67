// What a criteria set reads: the yearly figures and how far back, so a pool evaluation loads only those.
import type { FigureKey } from '../figures';
import { figuresOf, lookback } from './metrics';
import type { CriteriaSet, Rule } from './schema';

export interface Needs {
  keys: FigureKey[];
  /** Years before the data year that any rule reads. */
  back: number;
}

function walk(rule: Rule, depth: number, out: { keys: Set<FigureKey>; back: number }): void {
  const metric = (m: string, extra = 0) => {
    for (const k of figuresOf(m)) out.keys.add(k);
    out.back = Math.max(out.back, lookback(m) + extra);
  };
  if ('cmp' in rule) metric(rule.cmp, depth);
  else if ('band' in rule) {
    metric(rule.band, depth);
    for (const c of rule.cases) walk(c.rule, depth, out);
  } else if ('all' in rule) for (const r of rule.all) walk(r, depth, out);
  else if ('any' in rule) for (const r of rule.any) walk(r, depth, out);
  else if ('each_year' in rule) walk(rule.rule, depth + rule.each_year - 1, out);
  else if ('when' in rule) for (const r of [rule.when, rule.then, rule.else]) walk(r, depth, out);
}

const cache = new WeakMap<CriteriaSet, Needs>();

export function needsOf(set: CriteriaSet): Needs {
  let n = cache.get(set);
  if (!n) {
    const out = { keys: new Set<FigureKey>(['revenue']), back: 0 }; // revenue picks the default data year
    for (const c of set.criteria) walk(c.rule, 0, out);
    for (const table of Object.values(set.scores))
      for (const ind of table.indicators) for (const m of [ind.metric, ...(ind.best_of ?? []).map((b) => b.metric)]) if (m) walk({ cmp: m, op: '>=', value: 0 }, 0, out);
    // Projection grows money figures at their 2-year CAGR, which reads Y−2.
    n = { keys: [...out.keys], back: Math.max(out.back, 2) };
    cache.set(set, n);
  }
  return n;
}
