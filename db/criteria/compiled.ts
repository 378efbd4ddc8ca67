// A criteria set's rule trees compiled once into closures that give a firm's verdict, main score and projection
// — what a pool-wide evaluation keeps — without building the per-criterion detail the engine makes for a page
// (checks, items, the order of branches shown). Statuses and projections are small integers, so evaluating a
// province's pool allocates next to nothing per rule. The values and comparisons are the engine's own (metricValue,
// compareMetric's exact decimals, projectCheck, scoreTable), and a test holds the two to the same answers.
import { activeCriteria, titleStatus, type Status, type Verdict } from './engine';
import { compare, compareMetric, inBand, metricValue, withoutProvenance, type FirmFacts } from './metrics';
import { projectCheck, type Projection } from './projection';
import type { CriteriaSet, Criterion, Rule } from './schema';
import { scoreTable, type ScoreResult } from './score';

// Status codes, and projections as 0 (none), −1 (not projectable) or the years; a node answers both in one number.
const PASS = 0;
const FAIL = 1;
const UNKNOWN = 2;
const REVIEW = 3;
const NONE = 0;
const NOT_PROJECTABLE = -1;
const pack = (status: number, projection: number) => ((projection + 1) << 2) | status;
const statusOf = (r: number) => r & 3;
const projectionOf = (r: number) => (r >> 2) - 1;

const STATUS: Status[] = ['pass', 'fail', 'unknown', 'review'];
const VERDICT: Verdict[] = ['eligible', 'not_eligible', 'incomplete', 'needs_review'];

/** combineAll over status codes: fail, else unknown, else review, else pass. */
function allStatus(seen: number): number {
  return seen & (1 << FAIL) ? FAIL : seen & (1 << UNKNOWN) ? UNKNOWN : seen & (1 << REVIEW) ? REVIEW : PASS;
}
/** combineAny: pass, else unknown, else review, else fail. */
function anyStatus(seen: number): number {
  return seen & (1 << PASS) ? PASS : seen & (1 << UNKNOWN) ? UNKNOWN : seen & (1 << REVIEW) ? REVIEW : FAIL;
}
/** combineProjections(…, 'all'): any not projectable → not projectable; else the most years; else none. */
function allProjection(ps: number[]): number {
  let years = 0;
  for (const p of ps) {
    if (p === NOT_PROJECTABLE) return NOT_PROJECTABLE;
    years = Math.max(years, p);
  }
  return years;
}
/** combineProjections(…, 'any'): the fewest years; none at all → not projectable. */
function anyProjection(ps: number[]): number {
  let years = NOT_PROJECTABLE;
  for (const p of ps) {
    if (p <= 0) continue; // none or not projectable: nothing to reach
    years = years === NOT_PROJECTABLE ? p : Math.min(years, p);
  }
  return years;
}
const projectionCode = (p: Projection) => (p.kind === 'none' ? NONE : p.kind === 'not_projectable' ? NOT_PROJECTABLE : p.years);
const projectionFrom = (code: number): Projection => (code === NONE ? { kind: 'none' } : code === NOT_PROJECTABLE ? { kind: 'not_projectable' } : { kind: 'years', years: code });

/** One firm's facts for one evaluation, with the score tables worked out so far. */
interface Run {
  facts: FirmFacts;
  scores: (ScoreResult | undefined)[];
}
type Node = (run: Run, year: number) => number;

/** all / any: every part's status (as a bit set) and projection, then the combination. */
function combined(parts: Node[], finish: (seen: number, ps: number[]) => number): Node {
  const ps: number[] = [];
  return (run, year) => {
    let seen = 0;
    ps.length = 0;
    for (const part of parts) {
      const r = part(run, year);
      seen |= 1 << statusOf(r);
      ps.push(projectionOf(r));
    }
    return finish(seen, ps);
  };
}

export interface Summary {
  year: number;
  verdict: Verdict;
  score: { lo: number; hi: number; max: number } | null;
  projection: Projection;
}

export type SummaryOf = (facts: FirmFacts, year: number) => Summary;

/** The set compiled under its switches as they are now (`enabled`); call the result once per firm. */
export function compileSet(set: CriteriaSet, enabled: (c: Criterion) => boolean): SummaryOf {
  const tables = Object.keys(set.scores);
  const score = (run: Run, i: number, year: number) => (run.scores[i] ??= scoreTable(run.facts, set.scores[tables[i]], year));

  function node(rule: Rule): Node {
    if ('cmp' in rule) {
      const { cmp: metric, op, value: threshold } = rule;
      return (run, year) => {
        const v = metricValue(run.facts, metric, year);
        if (v.state === 'unknown') return pack(UNKNOWN, NONE);
        if (v.state === 'undefined') return pack(FAIL, NOT_PROJECTABLE);
        if (compareMetric(run.facts, metric, year, v.value, op, threshold)) return pack(PASS, NONE);
        const p = projectCheck(run.facts, { metric, op, threshold, year, state: 'known', value: v.value, status: 'fail' });
        return pack(FAIL, projectionCode(p));
      };
    }
    if ('all' in rule) return combined(rule.all.map(node), (seen, ps) => pack(allStatus(seen), allProjection(ps)));
    if ('any' in rule) {
      return combined(rule.any.map(node), (seen, ps) => {
        const status = anyStatus(seen);
        return pack(status, status === PASS ? NONE : anyProjection(ps));
      });
    }
    if ('each_year' in rule) {
      const part = node(rule.rule);
      const n = rule.each_year;
      const ps: number[] = [];
      return (run, year) => {
        let seen = 0;
        let pastFails = false;
        ps.length = 0;
        for (let k = 0; k < n; k++) {
          const r = part(run, year - n + 1 + k);
          seen |= 1 << statusOf(r);
          if (k < n - 1 && statusOf(r) === FAIL) pastFails = true;
          ps.push(projectionOf(r));
        }
        // A condition on past years cannot be projected forward, except when only the latest year is short.
        return pack(allStatus(seen), pastFails ? NOT_PROJECTABLE : allProjection(ps));
      };
    }
    if ('when' in rule) {
      const [cond, then, otherwise] = [node(rule.when), node(rule.then), node(rule.else)];
      return (run, year) => {
        const c = cond(run, year);
        if (statusOf(c) === PASS) return then(run, year);
        if (statusOf(c) === FAIL) return otherwise(run, year);
        return pack(statusOf(c), NOT_PROJECTABLE);
      };
    }
    if ('band' in rule) {
      const metric = rule.band;
      const cases = rule.cases.map((c) => ({ bounds: c, rule: node(c.rule) }));
      return (run, year) => {
        const v = metricValue(run.facts, metric, year);
        if (v.state !== 'known') return pack(v.state === 'unknown' ? UNKNOWN : FAIL, NOT_PROJECTABLE);
        const chosen = cases.find((c) => inBand(run.facts, metric, year, v.value, c.bounds));
        return chosen ? chosen.rule(run, year) : pack(FAIL, NOT_PROJECTABLE);
      };
    }
    if ('title' in rule) {
      const { title, valid } = rule;
      return (run, year) => {
        const s = STATUS.indexOf(titleStatus(run.facts, title, year, valid === true));
        return pack(s, s === PASS ? NONE : NOT_PROJECTABLE);
      };
    }
    if ('flag' in rule || 'review' in rule) {
      // Route flags are false until recorded; required judgements stay for review until recorded.
      const isFlag = 'flag' in rule;
      const key = 'flag' in rule ? `flag:${rule.flag}` : `judgement:${set.id}:${rule.review}`;
      return (run) => {
        const input = run.facts.inputs.get(key);
        const s = input && typeof input.value === 'boolean' ? (input.value ? PASS : FAIL) : isFlag ? FAIL : REVIEW;
        return pack(s, s === FAIL ? NOT_PROJECTABLE : NONE);
      };
    }
    if ('score' in rule) {
      const i = tables.indexOf(rule.score);
      const { block, op, value } = rule;
      return (run, year) => {
        const s = score(run, i, year);
        const iv = block ? (s.blocks[block] ?? { lo: 0, hi: 0 }) : s;
        const st = compare(iv.lo, op, value) ? PASS : !compare(iv.hi, op, value) ? FAIL : UNKNOWN;
        return pack(st, st === PASS ? NONE : NOT_PROJECTABLE);
      };
    }
    const ok = rule.const;
    return () => pack(ok ? PASS : FAIL, ok ? NONE : NOT_PROJECTABLE);
  }

  const active = activeCriteria(set, enabled);
  // Only the criteria in force decide the verdict and the projection; the others need not be evaluated at all.
  const counted = set.criteria.filter((c) => active.has(c.id)).map((c) => node(c.rule));
  const failing: number[] = [];
  return (facts, year) =>
    withoutProvenance(() => {
      const run: Run = { facts, scores: [] };
      let seen = 0;
      failing.length = 0;
      for (const criterion of counted) {
        const r = criterion(run, year);
        seen |= 1 << statusOf(r);
        if (statusOf(r) === FAIL) failing.push(projectionOf(r));
      }
      const main = tables.length ? score(run, 0, year) : null;
      return {
        year,
        verdict: VERDICT[allStatus(seen)],
        score: main ? { lo: main.lo, hi: main.hi, max: main.max } : null,
        projection: projectionFrom(failing.length ? allProjection(failing) : NONE),
      };
    });
}
