// Evaluations of firms against criteria sets. A pool year's results are computed in one pass over facts
// loaded set-wise, cached until the data or the criteria switches change, and mirrored into a temporary
// table so the pool table can filter and sort by verdict in SQL.
import type Database from 'better-sqlite3';
import type { EvaluationRowT, MethodOutput, ParsedInput, VerdictT } from '../contract';
import { evaluate, type Evaluation } from '../criteria/engine';
import { latestRevenueYear, loadFacts } from '../criteria/facts';
import { needsOf } from '../criteria/needs';
import { criteriaSets } from '../criteria/sets';
import type { FirmFacts } from '../criteria/metrics';
import { AppError } from '../errors';
import { enabledFn, firmInputs, requireSet } from './criteria';

const VERDICT_ORDER: Record<VerdictT, number> = { eligible: 1, needs_review: 2, incomplete: 3, not_eligible: 4 };

export interface Evaluator {
  /** Forget cached results: call after any write. */
  invalidate(): void;
  pool(setId: string, poolYear: number, dataYear: number | undefined): Map<number, Evaluation>;
  /** Fills temp.eval_verdicts for this pool evaluation so SQL can join it. */
  mirror(setId: string, poolYear: number, dataYear: number | undefined): void;
}

function evaluateFacts(db: Database.Database, setId: string, facts: Map<number, FirmFacts>, dataYear: number | undefined): Map<number, Evaluation> {
  const set = requireSet(setId);
  const enabled = enabledFn(db, setId);
  const out = new Map<number, Evaluation>();
  for (const [firmId, f] of facts) {
    const year = dataYear ?? latestRevenueYear(f);
    if (year != null) out.set(firmId, evaluate(set, f, year, enabled));
  }
  return out;
}

export function createEvaluator(db: Database.Database): Evaluator {
  let cache = new Map<string, Map<number, Evaluation>>();
  let mirrored: string | null = null;
  const key = (setId: string, poolYear: number, dataYear: number | undefined) => `${setId}|${poolYear}|${dataYear ?? 'latest'}`;
  const evaluator: Evaluator = {
    invalidate() {
      cache = new Map();
      mirrored = null;
    },
    pool(setId, poolYear, dataYear) {
      const k = key(setId, poolYear, dataYear);
      let results = cache.get(k);
      if (!results) {
        // Only the figures and years the set reads: a province-sized pool stays quick to evaluate.
        const needs = needsOf(requireSet(setId));
        const years: [number, number] | undefined = dataYear === undefined ? undefined : [dataYear - needs.back, dataYear];
        results = evaluateFacts(db, setId, loadFacts(db, { poolYear }, { keys: needs.keys, years }), dataYear);
        cache.set(k, results);
      }
      return results;
    },
    mirror(setId, poolYear, dataYear) {
      const k = key(setId, poolYear, dataYear);
      if (mirrored === k) return;
      const results = evaluator.pool(setId, poolYear, dataYear);
      db.exec('CREATE TEMP TABLE IF NOT EXISTS eval_verdicts (firm_id INTEGER PRIMARY KEY, verdict TEXT NOT NULL, verdict_rank INTEGER NOT NULL)');
      db.transaction(() => {
        db.exec('DELETE FROM temp.eval_verdicts');
        const ins = db.prepare('INSERT INTO temp.eval_verdicts (firm_id, verdict, verdict_rank) VALUES (?, ?, ?)');
        for (const [firmId, e] of results) ins.run(firmId, e.verdict, VERDICT_ORDER[e.verdict]);
      })();
      mirrored = k;
    },
  };
  return evaluator;
}

function row(base: { firmId: number; creditCode: string; name: string; town: string | null; chain: string | null }, e: Evaluation | undefined): EvaluationRowT {
  return {
    ...base,
    year: e?.year ?? null,
    verdict: e?.verdict ?? null,
    score: e?.score ? { lo: e.score.lo, hi: e.score.hi } : null,
    projection: e?.projection ?? { kind: 'none' },
    criteria: (e?.criteria ?? []).map((c) => ({
      id: c.id,
      enabled: c.enabled,
      status: c.status,
      metric: c.primary?.metric ?? null,
      unit: c.primary?.unit ?? null,
      op: c.primary?.op ?? null,
      value: c.primary?.value ?? null,
      threshold: c.primary?.threshold ?? null,
      gap: c.primary?.gap ?? null,
      projection: c.projection,
    })),
  };
}

export function evaluatePool(db: Database.Database, evaluator: Evaluator, input: ParsedInput<'evaluate.pool'>): MethodOutput<'evaluate.pool'> {
  const results = evaluator.pool(input.setId, input.year, input.dataYear);
  const firms = db
    .prepare(
      `SELECT f.id AS firmId, f.credit_code AS creditCode, f.name, f.town, f.chain FROM pool_members m JOIN firms f ON f.id = m.firm_id
       WHERE m.year = ? ORDER BY f.name, f.id`,
    )
    .all(input.year) as { firmId: number; creditCode: string; name: string; town: string | null; chain: string | null }[];
  const counts: Record<VerdictT, number> = { eligible: 0, not_eligible: 0, incomplete: 0, needs_review: 0 };
  for (const e of results.values()) counts[e.verdict]++;
  // Eligible first, then the closest by projection.
  const order = (id: number) => {
    const e = results.get(id);
    if (!e) return [9, 0];
    const p = e.projection.kind === 'years' ? e.projection.years : e.projection.kind === 'none' ? 0 : 99;
    return [VERDICT_ORDER[e.verdict], p];
  };
  const chosen = firms
    .filter((f) => !input.verdict || results.get(f.firmId)?.verdict === input.verdict)
    .sort((a, b) => {
      const [va, pa] = order(a.firmId);
      const [vb, pb] = order(b.firmId);
      return va - vb || pa - pb;
    });
  return { total: chosen.length, counts, rows: chosen.slice(input.offset, input.offset + input.limit).map((f) => row(f, results.get(f.firmId))) };
}

export function evaluateFirm(db: Database.Database, input: ParsedInput<'evaluate.firm'>, sourcesOf: (ids: number[]) => MethodOutput<'evaluate.firm'>['sources']): MethodOutput<'evaluate.firm'> {
  const facts = loadFacts(db, { firmId: input.firmId }).get(input.firmId);
  if (!facts) throw new AppError('not_found', `找不到企业（编号 ${input.firmId}）`, { firmId: input.firmId });
  const dataYear = input.dataYear ?? latestRevenueYear(facts);
  const dataYears = [...facts.figures.keys()].sort((a, b) => a - b);
  if (dataYear == null) return { dataYear: null, dataYears, evaluations: [], inputs: firmInputs(db, input.firmId), sources: [] };
  const all = criteriaSets().map((set) => evaluate(set, facts, dataYear, enabledFn(db, set.id)));
  const ids = new Set<number>();
  for (const e of all)
    for (const c of e.criteria)
      for (const k of c.checks)
        for (const u of k.used) if (u.sourceId != null) ids.add(u.sourceId);
  return { dataYear, dataYears, evaluations: all, inputs: firmInputs(db, input.firmId), sources: sourcesOf([...ids]) };
}
