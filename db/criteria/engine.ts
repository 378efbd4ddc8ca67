// The evaluator: a criteria set's rule trees over one firm's facts for data year Y (criteria-spec §1–§4).
import { compare, compareMetric, inBand, metricUnit, metricValue, type FirmFacts, type MetricValue, type Used } from './metrics';
import { projectCheck, combineProjections, type Projection } from './projection';
import { TITLE_TERM_YEARS } from '../figures';
import type { CriteriaSet, Criterion, Rule } from './schema';
import { scoreTable, type Interval, type ScoreResult } from './score';

export type Status = 'pass' | 'fail' | 'unknown' | 'review';
export type Verdict = 'eligible' | 'not_eligible' | 'incomplete' | 'needs_review';

export interface Check {
  metric: string;
  op: '>=' | '>' | '<=' | '<' | '==';
  threshold: number;
  year: number;
  unit: ReturnType<typeof metricUnit>;
  state: MetricValue['state'];
  value: number | null;
  /** Why an undefined value is undefined (a zero denominator, a CAGR over a value ≤ 0). */
  reason: string | null;
  status: Status;
  gap: { abs: number; rel: number | null } | null;
  used: Used[];
}

/** Qualitative items: titles held, route flags and judgements, with what the analyst recorded. */
export interface Item {
  kind: 'title' | 'flag' | 'review' | 'score';
  key: string;
  status: Status;
  recorded: { value: boolean; note: string | null; actor: string; at: string } | null;
}

interface Node {
  status: Status;
  checks: Check[];
  items: Item[];
  projection: Projection;
}

export interface CriterionResult {
  id: string;
  enabled: boolean;
  status: Status;
  primary: Check | null;
  checks: Check[];
  items: Item[];
  score: Interval | null;
  projection: Projection;
}

export interface Evaluation {
  setId: string;
  year: number;
  verdict: Verdict;
  score: (Interval & { max: number }) | null;
  scores: Record<string, ScoreResult>;
  projection: Projection;
  criteria: CriterionResult[];
}

export function combineAll(statuses: Status[]): Status {
  if (statuses.includes('fail')) return 'fail';
  if (statuses.includes('unknown')) return 'unknown';
  if (statuses.includes('review')) return 'review';
  return 'pass';
}

export function combineAny(statuses: Status[]): Status {
  if (statuses.includes('pass')) return 'pass';
  if (statuses.includes('unknown')) return 'unknown';
  if (statuses.includes('review')) return 'review';
  return 'fail';
}

const VERDICT: Record<Status, Verdict> = { pass: 'eligible', fail: 'not_eligible', unknown: 'incomplete', review: 'needs_review' };

interface Ctx {
  facts: FirmFacts;
  set: CriteriaSet;
  scores: Map<string, ScoreResult>;
}

function gapOf(value: number, op: Check['op'], threshold: number): Check['gap'] {
  const abs = op === '<=' || op === '<' ? value - threshold : threshold - value;
  return { abs, rel: threshold === 0 ? null : abs / Math.abs(threshold) };
}

function cmpNode(ctx: Ctx, rule: Extract<Rule, { cmp: string }>, year: number): Node {
  const v = metricValue(ctx.facts, rule.cmp, year);
  // Built field by field: object spread is the slow path in V8 here, and this runs once per rule per firm.
  const check: Check = {
    metric: rule.cmp,
    op: rule.op,
    threshold: rule.value,
    year,
    unit: metricUnit(rule.cmp),
    state: v.state,
    value: null,
    reason: null,
    status: 'fail',
    gap: null,
    used: v.used,
  };
  if (v.state === 'known') {
    const ok = compareMetric(ctx.facts, rule.cmp, year, v.value, rule.op, rule.value);
    check.value = v.value;
    check.status = ok ? 'pass' : 'fail';
    check.gap = ok ? { abs: 0, rel: 0 } : gapOf(v.value, rule.op, rule.value);
  } else if (v.state === 'unknown') {
    check.reason = `missing: ${v.missing.map((m) => (m.year == null ? m.key : `${m.key}(${m.year})`)).join(', ')}`;
    check.status = 'unknown';
  } else {
    check.reason = v.reason;
  }
  return { status: check.status, checks: [check], items: [], projection: projectCheck(ctx.facts, check) };
}

function inputItem(ctx: Ctx, kind: 'flag' | 'review', key: string): Node {
  const input = ctx.facts.inputs.get(kind === 'flag' ? `flag:${key}` : `judgement:${ctx.set.id}:${key}`);
  const recorded = input && typeof input.value === 'boolean' ? { value: input.value, note: input.note, actor: input.actor, at: input.at } : null;
  // Route flags are false until recorded; required judgements stay for review until recorded.
  const status: Status = recorded ? (recorded.value ? 'pass' : 'fail') : kind === 'flag' ? 'fail' : 'review';
  return { status, checks: [], items: [{ kind, key, status, recorded }], projection: status === 'fail' ? { kind: 'not_projectable' } : { kind: 'none' } };
}

/** Whether a rule's conditions other than its figures (titles, flags, judgements) hold: the branch applies. */
function conditionsHold(ctx: Ctx, rule: Rule, year: number): boolean {
  if ('all' in rule) return rule.all.every((r) => conditionsHold(ctx, r, year));
  if ('any' in rule) return rule.any.some((r) => conditionsHold(ctx, r, year));
  if ('title' in rule || 'flag' in rule || 'review' in rule) return evalRule(ctx, rule, year).status === 'pass';
  return true;
}
/** How far a branch's failing figures are from their thresholds, relative to them (Infinity when not measurable). */
const nearest = (n: Node): number => Math.min(Infinity, ...n.checks.filter((c) => c.status === 'fail').map((c) => c.gap?.rel ?? Infinity));

function merge(nodes: Node[], status: Status, projection: Projection): Node {
  const checks: Check[] = [];
  const items: Item[] = [];
  for (const n of nodes) {
    for (const c of n.checks) checks.push(c);
    for (const i of n.items) items.push(i);
  }
  return { status, checks, items, projection };
}

/** Whether a title obtained in `obtained` is valid in data year `year`; a title with no year cannot be judged. */
export function titleValidity(obtained: number | null, year: number): 'valid' | 'lapsed' | 'not_yet' | 'unknown' {
  if (obtained == null) return 'unknown';
  if (obtained > year) return 'not_yet';
  return obtained > year - TITLE_TERM_YEARS ? 'valid' : 'lapsed';
}

/** "holds T": obtained in or before Y (an undated title counts); "holds T valid": obtained in Y−2 … Y — an undated
 * one leaves it unknown (the year is needed), a re-recognition is the later year on the same title. */
export function titleStatus(facts: FirmFacts, code: string, year: number, valid: boolean): Status {
  let unknown = false;
  for (const t of facts.titles) {
    if (t.code !== code) continue;
    const v = titleValidity(t.year, year);
    if (v === 'valid' || (!valid && v !== 'not_yet')) return 'pass';
    if (v === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : 'fail';
}

export function evalRule(ctx: Ctx, rule: Rule, year: number): Node {
  if ('cmp' in rule) return cmpNode(ctx, rule, year);
  if ('all' in rule) {
    const nodes = rule.all.map((r) => evalRule(ctx, r, year));
    return merge(nodes, combineAll(nodes.map((n) => n.status)), combineProjections(nodes.map((n) => n.projection), 'all'));
  }
  if ('any' in rule) {
    const nodes = rule.any.map((r) => evalRule(ctx, r, year));
    const status = combineAny(nodes.map((n) => n.status));
    // Short of every branch, the one that applies to the firm leads, so the threshold shown is the one it must
    // reach: a holder of 专精特新 sees the 2亿元 floor of its branch, not the 4亿元 of the general one.
    const order = nodes.map((n, i) => ({ n, applies: conditionsHold(ctx, rule.any[i], year) ? 1 : 0, near: nearest(n) }));
    const shown = status === 'pass' ? nodes : order.sort((a, b) => b.applies - a.applies || a.near - b.near).map((o) => o.n);
    return merge(shown, status, status === 'pass' ? { kind: 'none' } : combineProjections(nodes.map((n) => n.projection), 'any'));
  }
  if ('each_year' in rule) {
    const nodes = Array.from({ length: rule.each_year }, (_, k) => evalRule(ctx, rule.rule, year - rule.each_year + 1 + k));
    const status = combineAll(nodes.map((n) => n.status));
    // A condition on past years cannot be projected forward, except when only the latest year is short.
    const pastFails = nodes.slice(0, -1).some((n) => n.status === 'fail');
    return merge(nodes, status, pastFails ? { kind: 'not_projectable' } : combineProjections(nodes.map((n) => n.projection), 'all'));
  }
  if ('when' in rule) {
    const cond = evalRule(ctx, rule.when, year);
    if (cond.status === 'pass') return evalRule(ctx, rule.then, year);
    if (cond.status === 'fail') return evalRule(ctx, rule.else, year);
    return { ...cond, projection: { kind: 'not_projectable' } };
  }
  if ('band' in rule) {
    const v = metricValue(ctx.facts, rule.band, year);
    if (v.state !== 'known') {
      const check: Check = { metric: rule.band, op: '>=', threshold: 0, year, unit: metricUnit(rule.band), state: v.state, value: null, reason: v.state === 'undefined' ? v.reason : 'missing', status: v.state === 'unknown' ? 'unknown' : 'fail', gap: null, used: v.used };
      return { status: check.status, checks: [check], items: [], projection: { kind: 'not_projectable' } };
    }
    const chosen = rule.cases.find((c) => inBand(ctx.facts, rule.band, year, v.value, c));
    if (!chosen) return { status: 'fail', checks: [], items: [], projection: { kind: 'not_projectable' } };
    return evalRule(ctx, chosen.rule, year);
  }
  if ('title' in rule) {
    const status = titleStatus(ctx.facts, rule.title, year, rule.valid === true);
    return { status, checks: [], items: [{ kind: 'title', key: rule.title, status, recorded: null }], projection: status === 'pass' ? { kind: 'none' } : { kind: 'not_projectable' } };
  }
  if ('flag' in rule) return inputItem(ctx, 'flag', rule.flag);
  if ('review' in rule) return inputItem(ctx, 'review', rule.review);
  if ('score' in rule) {
    const table = ctx.set.scores[rule.score];
    let s = ctx.scores.get(rule.score);
    if (!s) ctx.scores.set(rule.score, (s = scoreTable(ctx.facts, table, year)));
    const iv = rule.block ? (s.blocks[rule.block] ?? { lo: 0, hi: 0 }) : s;
    const status: Status = compare(iv.lo, rule.op, rule.value) ? 'pass' : !compare(iv.hi, rule.op, rule.value) ? 'fail' : 'unknown';
    const key = rule.block ? `${rule.score}.${rule.block}` : rule.score;
    return { status, checks: [], items: [{ kind: 'score', key, status, recorded: null }], projection: status === 'pass' ? { kind: 'none' } : { kind: 'not_projectable' } };
  }
  return { status: rule.const ? 'pass' : 'fail', checks: [], items: [], projection: rule.const ? { kind: 'none' } : { kind: 'not_projectable' } };
}

const activeCache = new WeakMap<(c: Criterion) => boolean, WeakMap<CriteriaSet, Set<string>>>();

/** The criteria in force: enabled ones, an enabled alternative standing in for the one it replaces. */
export function activeCriteria(set: CriteriaSet, enabled: (c: Criterion) => boolean): Set<string> {
  // A pool evaluation passes one switch function (its switches read when it was made) for all its firms: the
  // answer is worked out once per function and set.
  let bySet = activeCache.get(enabled);
  if (!bySet) activeCache.set(enabled, (bySet = new WeakMap()));
  let active = bySet.get(set);
  if (!active) bySet.set(set, (active = activeOf(set, enabled)));
  return active;
}

function activeOf(set: CriteriaSet, enabled: (c: Criterion) => boolean): Set<string> {
  const on = set.criteria.filter(enabled);
  const replaced = new Set(on.flatMap((c) => (c.replaces ? [c.replaces] : [])));
  return new Set(on.filter((c) => !replaced.has(c.id)).map((c) => c.id));
}

/** The score a criterion's rule refers to, shown beside it. */
function scoreOf(rule: Rule, scores: Map<string, ScoreResult>): Interval | null {
  if ('score' in rule && !rule.block) return scores.get(rule.score) ?? null;
  for (const child of 'all' in rule ? rule.all : 'any' in rule ? rule.any : []) {
    const s = scoreOf(child, scores);
    if (s) return s;
  }
  return null;
}

export function evaluate(set: CriteriaSet, facts: FirmFacts, year: number, enabled: (c: Criterion) => boolean = (c) => c.enabled): Evaluation {
  const ctx: Ctx = { facts, set, scores: new Map() };
  const active = activeCriteria(set, enabled);
  const criteria: CriterionResult[] = set.criteria.map((c) => {
    const node = evalRule(ctx, c.rule, year);
    const primary = node.checks.find((k) => k.status === node.status) ?? node.checks.find((k) => k.status !== 'pass') ?? node.checks[0] ?? null;
    return {
      id: c.id,
      enabled: active.has(c.id),
      status: node.status,
      primary,
      checks: node.checks,
      items: node.items,
      score: scoreOf(c.rule, ctx.scores),
      projection: node.status === 'fail' ? node.projection : { kind: 'none' },
    };
  });
  const counted = criteria.filter((c) => c.enabled);
  const status = combineAll(counted.map((c) => c.status));
  const failing = counted.filter((c) => c.status === 'fail');
  const main = Object.keys(set.scores)[0];
  const mainScore = main ? (ctx.scores.get(main) ?? scoreTable(facts, set.scores[main], year)) : null;
  if (main && !ctx.scores.has(main)) ctx.scores.set(main, mainScore!);
  return {
    setId: set.id,
    year,
    verdict: VERDICT[status],
    score: mainScore ? { lo: mainScore.lo, hi: mainScore.hi, max: mainScore.max } : null,
    scores: Object.fromEntries(ctx.scores),
    projection: failing.length ? combineProjections(failing.map((c) => c.projection), 'all') : { kind: 'none' },
    criteria,
  };
}

