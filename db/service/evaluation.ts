// Evaluations of firms against criteria sets. A pool year's results are computed in one pass over facts
// loaded set-wise, cached until the data or the criteria switches change, and mirrored into a temporary
// table so the pool table can filter and sort by verdict in SQL.
import type Database from 'better-sqlite3';
import type { EvaluationRowT, MethodOutput, ParsedInput, VerdictT } from '../contract';
import { evaluate, type Evaluation } from '../criteria/engine';
import { latestRevenueYear, loadFacts, readPoolFacts, type PoolFacts, type Scope } from '../criteria/facts';
import { needsOf } from '../criteria/needs';
import { librarySets } from '../criteria/library';
import { withoutProvenance, type FirmFacts } from '../criteria/metrics';
import { compileSet, type SummaryOf } from '../criteria/compiled';
import { AppError } from '../errors';
import { nextTurn } from '../turns';
import { enabledFn, firmInputs, requireSet } from './criteria';

const VERDICT_ORDER: Record<VerdictT, number> = { eligible: 1, needs_review: 2, incomplete: 3, not_eligible: 4 };
/** temp.eval_verdicts' verdict_rank values, best first. */
export const VERDICT_RANKS: readonly number[] = Object.values(VERDICT_ORDER).sort((a, b) => a - b);
/** Rows of temp.eval_verdicts written between two turns of the event loop: a province pool's 100,000 in one go
 * would keep every other call waiting for a third of a second. */
const MIRROR_CHUNK = 5000;

/** What a pool-wide evaluation keeps per firm: enough to count, sort and filter; details are worked out per page. */
export type Summary = Pick<Evaluation, 'year' | 'verdict' | 'score' | 'projection'>;

/** A firm's summary under a compiled set: its given data year, else its latest year with revenue. */
function summaryOne(summary: SummaryOf, f: FirmFacts, dataYear: number | undefined): Summary | null {
  const year = dataYear ?? latestRevenueYear(f);
  return year == null ? null : summary(f, year);
}
const compiled = (db: Database.Database, setId: string) => compileSet(requireSet(db, setId), enabledFn(db, setId));

/** What a write changed, so the evaluator drops no more than it must (a province pool takes seconds to redo). */
export type Effect = { kind: 'data' } | { kind: 'firm'; firmId: number } | { kind: 'criteria'; setId: string } | { kind: 'none' };

export interface Evaluator {
  /** Forget or redo what a write made stale. */
  changed(effect: Effect): void;
  /** Every member firm's summary for one set (cached). */
  pool(setId: string, poolYear: number, dataYear: number | undefined): Map<number, Summary>;
  /** Full evaluations of the given firms only (a page of the table, a shortlist's entries); `provenance: false`
   * leaves out which values each check read, when only statuses are shown. */
  firms(setId: string, poolYear: number, dataYear: number | undefined, firmIds: readonly number[], options?: { provenance?: boolean }): Map<number, Evaluation>;
  /** Works out the pool evaluation off this thread when there is a thread and it is not cached, so other calls are
   * answered meanwhile; a newer request supersedes this one (it rejects). Without a thread it does nothing. */
  warm(setId: string, poolYear: number, dataYear: number | undefined): Promise<void>;
  /** What a pool-wide evaluation under way has got to (off this thread, or filling the verdict table), or null. */
  progress(): (Progress & { setId: string; poolYear: number }) | null;
  /** Fills temp.eval_verdicts (firm_id, verdict, verdict_rank; indexed by rank) for this pool evaluation so SQL can
   * join it: a few thousand rows a turn, so other calls are answered meanwhile; one fill at a time, and a write
   * during the fill makes it start again. Resolved, the table holds this evaluation until the caller's next await. */
  mirror(setId: string, poolYear: number, dataYear: number | undefined): Promise<void>;
  /** The members in evaluate.pool's order (eligible first, then the closest by projection, then by name) and the
   * counts per verdict: worked out once per evaluation, so paging through a province's pool costs a page a page. */
  ranked(setId: string, poolYear: number, dataYear: number | undefined): Ranked;
}

/** `facts`: the pool's figures being read; `evaluating`: `done` of `total` firms worked out; `table`: `done` of
 * `total` verdicts written to the table the pool list sorts by. */
export interface Progress {
  phase: 'facts' | 'evaluating' | 'table';
  done: number;
  total: number;
}

export type Member = { firmId: number; creditCode: string; name: string; town: string | null; chain: string | null };
export interface Ranked {
  members: Member[];
  counts: Record<VerdictT, number>;
}

/** The pool's members by name, with each one's place in that order (ties in evaluate.pool's order go by name). */
interface ByName {
  list: Member[];
  place: Map<number, number>;
}

/** evaluate.pool's order by summary: the verdict, then the closest by projection (no summary comes last). */
const verdictKey = (e: Summary | undefined) => (e ? VERDICT_ORDER[e.verdict] : 9);
const projectionKey = (e: Summary | undefined) => (!e ? 0 : e.projection.kind === 'years' ? e.projection.years : e.projection.kind === 'none' ? 0 : 99);

/** evaluate.pool's order: eligible first, then the closest by projection, then by name. `was`: one firm's summary
 * as it stood before a write, to find where that firm sits in the order worked out then. */
function orderOf(results: Map<number, Summary>, byName: ByName, was?: { firmId: number; summary: Summary | undefined }): (a: Member, b: Member) => number {
  const summary = (m: Member) => (was && m.firmId === was.firmId ? was.summary : results.get(m.firmId));
  return (a, b) => {
    const [ea, eb] = [summary(a), summary(b)];
    return verdictKey(ea) - verdictKey(eb) || projectionKey(ea) - projectionKey(eb) || byName.place.get(a.firmId)! - byName.place.get(b.firmId)!;
  };
}

function rank(byName: ByName, results: Map<number, Summary>): Ranked {
  const counts: Record<VerdictT, number> = { eligible: 0, not_eligible: 0, incomplete: 0, needs_review: 0 };
  for (const e of results.values()) counts[e.verdict]++;
  // The keys worked out once per member and the name order as the index: a province's 100,000 members sort in
  // tens of milliseconds, where a comparator looking up summaries took half a second per set.
  const list = byName.list;
  const [verdicts, projections] = [new Float64Array(list.length), new Float64Array(list.length)];
  list.forEach((m, i) => {
    const e = results.get(m.firmId);
    verdicts[i] = verdictKey(e);
    projections[i] = projectionKey(e);
  });
  const order = Uint32Array.from(list.keys()).sort((a, b) => verdicts[a] - verdicts[b] || projections[a] - projections[b] || a - b);
  return { members: Array.from(order, (i) => list[i]), counts };
}

/** One firm's summary changed (`before` → its entry in `results` now): moved to its new place and recounted,
 * without sorting the pool again. */
function rerank(ranked: Ranked, byName: ByName, results: Map<number, Summary>, firmId: number, before: Summary | undefined): void {
  const after = results.get(firmId);
  if (before) ranked.counts[before.verdict]--;
  if (after) ranked.counts[after.verdict]++;
  // Where it stood: found by its summary before the write (names break every tie, so the place is exact) rather than
  // by a walk through a province's 100,000 members for each cached set.
  const probe = { firmId } as Member;
  let i = lowerBound(ranked.members, probe, orderOf(results, byName, { firmId, summary: before }));
  if (ranked.members[i]?.firmId !== firmId) i = ranked.members.findIndex((m) => m.firmId === firmId);
  if (i < 0) return;
  const [m] = ranked.members.splice(i, 1);
  ranked.members.splice(lowerBound(ranked.members, m, orderOf(results, byName)), 0, m);
}

/** The first place in `list` (sorted by `order`) whose member does not come before `m`. */
function lowerBound(list: Member[], m: Member, order: (a: Member, b: Member) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (order(list[mid], m) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function evaluateOne(set: ReturnType<typeof requireSet>, enabled: ReturnType<typeof enabledFn>, f: FirmFacts, dataYear: number | undefined): Evaluation | null {
  const year = dataYear ?? latestRevenueYear(f);
  return year == null ? null : evaluate(set, f, year, enabled);
}

/** Reads facts for pool evaluations: the figures any set reads, over the years any set reaches back from the data
 * year (all years when each firm's latest is wanted) — fewer values to read is most of a province pool's time. */
export function factsLoader(db: Database.Database, dataYear: number | undefined): (scope: Scope) => PoolFacts {
  const needs = librarySets(db).map(needsOf);
  const keys = [...new Set(needs.flatMap((n) => n.keys))];
  const back = Math.max(...needs.map((n) => n.back));
  return (scope) => readPoolFacts(db, scope, { keys, years: dataYear === undefined ? undefined : [dataYear - back, dataYear] });
}

/** Every member's summary for one set, from facts already loaded; `cancelled` is asked now and then (a newer request
 * may have made this one moot) and stops the loop with null. */
export function summarise(db: Database.Database, setId: string, facts: Iterable<[number, FirmFacts]>, dataYear: number | undefined, tick?: (done: number) => boolean): Map<number, Summary> | null {
  const summary = compiled(db, setId);
  const results = new Map<number, Summary>();
  let done = 0;
  for (const [firmId, f] of facts) {
    const e = summaryOne(summary, f, dataYear);
    if (e) results.set(firmId, e);
    if (++done % 2000 === 0 && tick && !tick(done)) return null;
  }
  return results;
}

/** Pool-wide evaluations worked out off this thread (evaluationThread.ts); absent, they run here. */
export interface PoolThread {
  run(job: { setId: string; poolYear: number; dataYear: number | undefined; generation: number }, onProgress?: (p: Progress) => void): Promise<Map<number, Summary>>;
}

export function createEvaluator(db: Database.Database, thread?: PoolThread): Evaluator {
  // One load of the pool's facts serves every set; summaries are small enough to keep for all sets at once.
  type Loaded = { facts: PoolFacts; load: (scope: Scope) => PoolFacts };
  let facts = new Map<string, Loaded>();
  let cache = new Map<string, { setId: string; poolYear: number; factsKey: string; dataYear: number | undefined; results: Map<number, Summary>; ranked?: Ranked }>();
  // Counts the writes that change evaluations: a result worked out off-thread from before a write is not kept.
  let generation = 0;
  // Each pool year's members by name, read once until a write that may change a name or a membership.
  let members = new Map<number, ByName>();
  let mirrored: string | null = null;
  let filling: Promise<void> | null = null;
  let under: { setId: string; poolYear: number; progress: Progress } | null = null;
  // Each caller's view of progress: the last one started is the one shown.
  const track = (setId: string, poolYear: number, progress: Progress) => {
    under = { setId, poolYear, progress };
    return under;
  };
  const untrack = (t: typeof under) => {
    if (under === t) under = null;
  };
  const key = (setId: string, poolYear: number, dataYear: number | undefined) => `${setId}|${poolYear}|${dataYear ?? 'latest'}`;
  const factsKey = (poolYear: number, dataYear: number | undefined) => `${poolYear}|${dataYear ?? 'latest'}`;
  // The figures any set reads, over the years any set reaches back from a given data year (all years when each
  // firm's latest is wanted): fewer values to read is most of a province-sized pool's evaluation time.
  const poolFacts = (poolYear: number, dataYear: number | undefined) => {
    const k = factsKey(poolYear, dataYear);
    let f = facts.get(k);
    if (!f) {
      const load = factsLoader(db, dataYear);
      facts.set(k, (f = { facts: load({ poolYear }), load }));
    }
    return f.facts;
  };
  const evaluator: Evaluator = {
    changed(effect) {
      if (effect.kind === 'none') return;
      generation++;
      // One firm's figures or inputs change no name and no membership: its line is redone in place below.
      if (effect.kind !== 'firm') {
        mirrored = null;
        members = new Map();
        for (const c of cache.values()) c.ranked = undefined;
      }
      if (effect.kind === 'data') {
        facts = new Map();
        cache = new Map();
      } else if (effect.kind === 'criteria') {
        for (const [k, c] of cache) if (c.setId === effect.setId) cache.delete(k);
      } else {
        // One firm's figures or inputs: re-read that firm and redo its line in every cached result.
        for (const f of facts.values()) {
          if (!f.facts.has(effect.firmId)) continue;
          const fresh = f.load({ firmId: effect.firmId }).get(effect.firmId);
          if (fresh) f.facts.set(effect.firmId, fresh);
        }
        const member = db.prepare('SELECT 1 FROM pool_members WHERE year = ? AND firm_id = ?').pluck();
        let own: FirmFacts | undefined;
        for (const c of cache.values()) {
          // A result worked out off-thread has no facts here: that firm's are read on their own.
          const loaded = facts.get(c.factsKey);
          const f = loaded ? loaded.facts.get(effect.firmId) : member.get(c.poolYear, effect.firmId) ? (own ??= loadFacts(db, { firmId: effect.firmId }).get(effect.firmId)) : undefined;
          if (!f) continue;
          const before = c.results.get(effect.firmId);
          const e = summaryOne(compiled(db, c.setId), f, c.dataYear);
          if (e) c.results.set(effect.firmId, e);
          else c.results.delete(effect.firmId);
          const byName = members.get(c.poolYear);
          if (c.ranked && byName) rerank(c.ranked, byName, c.results, effect.firmId, before);
          else c.ranked = undefined;
          if (mirrored === key(c.setId, c.poolYear, c.dataYear)) {
            if (e) db.prepare('INSERT OR REPLACE INTO temp.eval_verdicts (firm_id, verdict, verdict_rank) VALUES (?, ?, ?)').run(effect.firmId, e.verdict, VERDICT_ORDER[e.verdict]);
            else db.prepare('DELETE FROM temp.eval_verdicts WHERE firm_id = ?').run(effect.firmId);
          }
        }
      }
    },
    pool(setId, poolYear, dataYear) {
      const k = key(setId, poolYear, dataYear);
      let c = cache.get(k);
      if (!c) {
        const results = summarise(db, setId, poolFacts(poolYear, dataYear), dataYear)!;
        cache.set(k, (c = { setId, poolYear, factsKey: factsKey(poolYear, dataYear), dataYear, results }));
      }
      return c.results;
    },
    firms(setId, poolYear, dataYear, firmIds, options = {}) {
      const set = requireSet(db, setId);
      const enabled = enabledFn(db, setId);
      // From the pool's facts when they are loaded; otherwise (or for a firm outside the pool) only these firms' rows are read.
      const loaded = facts.get(factsKey(poolYear, dataYear))?.facts;
      const rest = loaded ? firmIds.filter((id) => !loaded.has(id)) : firmIds;
      const read = rest.length ? loadFacts(db, { firmIds: rest }) : null;
      const out = new Map<number, Evaluation>();
      for (const id of firmIds) {
        const f = loaded?.get(id) ?? read?.get(id);
        const e = f && (options.provenance === false ? withoutProvenance(() => evaluateOne(set, enabled, f, dataYear)) : evaluateOne(set, enabled, f, dataYear));
        if (e) out.set(id, e);
      }
      return out;
    },
    async mirror(setId, poolYear, dataYear) {
      const k = key(setId, poolYear, dataYear);
      // One fill at a time: another set's fill under way finishes (or gives up) first.
      while (filling) await filling.catch(() => undefined);
      if (mirrored === k) return;
      const fill = (async () => {
        mirrored = null;
        db.exec('CREATE TEMP TABLE IF NOT EXISTS eval_verdicts (firm_id INTEGER PRIMARY KEY, verdict TEXT NOT NULL, verdict_rank INTEGER NOT NULL)');
        db.exec('CREATE INDEX IF NOT EXISTS temp.eval_verdicts_rank ON eval_verdicts (verdict_rank, firm_id)');
        const ins = db.prepare('INSERT INTO temp.eval_verdicts (firm_id, verdict, verdict_rank) VALUES (?, ?, ?)');
        const chunk = db.transaction((rows: [number, Summary][]) => {
          for (const [firmId, e] of rows) ins.run(firmId, e.verdict, VERDICT_ORDER[e.verdict]);
        });
        // A write between two chunks may change what was already written: start again (the last try in one go).
        for (let tries = 0; ; tries++) {
          await evaluator.warm(setId, poolYear, dataYear);
          const before = generation;
          const rows = [...evaluator.pool(setId, poolYear, dataYear)];
          db.exec('DELETE FROM temp.eval_verdicts');
          const step = tries < 3 ? MIRROR_CHUNK : rows.length;
          const t = track(setId, poolYear, { phase: 'table', done: 0, total: rows.length });
          try {
            for (let i = 0; i < rows.length && before === generation; i += step) {
              chunk(rows.slice(i, i + step));
              t.progress.done = Math.min(rows.length, i + step);
              if (i + step < rows.length) await nextTurn();
            }
          } finally {
            untrack(t);
          }
          if (before === generation) return void (mirrored = k);
        }
      })();
      filling = fill;
      try {
        await fill;
      } finally {
        if (filling === fill) filling = null;
      }
    },
    async warm(setId, poolYear, dataYear) {
      const k = key(setId, poolYear, dataYear);
      // A write while the thread worked makes its answer stale: ask again (after a few, the next call works it out here).
      for (let tries = 0; thread && !cache.has(k) && tries < 3; tries++) {
        const before = generation;
        const t = track(setId, poolYear, { phase: 'facts', done: 0, total: 0 });
        try {
          const results = await thread.run({ setId, poolYear, dataYear, generation }, (p) => (t.progress = p));
          if (before === generation && !cache.has(k)) cache.set(k, { setId, poolYear, factsKey: factsKey(poolYear, dataYear), dataYear, results });
        } finally {
          untrack(t);
        }
      }
    },
    progress() {
      return under && { setId: under.setId, poolYear: under.poolYear, ...under.progress };
    },
    ranked(setId, poolYear, dataYear) {
      const results = evaluator.pool(setId, poolYear, dataYear);
      const c = cache.get(key(setId, poolYear, dataYear))!;
      let byName = members.get(poolYear);
      if (!byName) {
        const list = db
          .prepare(
            `SELECT f.id AS firmId, f.credit_code AS creditCode, f.name, f.town, f.chain FROM pool_members m JOIN firms f ON f.id = m.firm_id
             WHERE m.year = ? ORDER BY f.name, f.id`,
          )
          .all(poolYear) as Member[];
        members.set(poolYear, (byName = { list, place: new Map(list.map((m, i) => [m.firmId, i])) }));
      }
      return (c.ranked ??= rank(byName, results));
    },
  };
  return evaluator;
}

function row(base: Member, e: Evaluation | undefined): EvaluationRowT {
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

export function evaluatePool(evaluator: Evaluator, input: ParsedInput<'evaluate.pool'>): MethodOutput<'evaluate.pool'> {
  const { members, counts } = evaluator.ranked(input.setId, input.year, input.dataYear);
  const results = evaluator.pool(input.setId, input.year, input.dataYear);
  const chosen = input.verdict ? members.filter((f) => results.get(f.firmId)?.verdict === input.verdict) : members;
  const rows = evaluationRows(evaluator, input.setId, input.year, input.dataYear, chosen.slice(input.offset, input.offset + input.limit));
  return { total: chosen.length, counts, rows };
}

/** The evaluate.pool rows of the given members, in that order: full per-criterion detail for these firms only. */
export function evaluationRows(evaluator: Evaluator, setId: string, poolYear: number, dataYear: number | undefined, page: readonly Member[]): EvaluationRowT[] {
  // The rows show statuses, values, thresholds and gaps, not which figures each check read.
  const details = evaluator.firms(setId, poolYear, dataYear, page.map((f) => f.firmId), { provenance: false });
  return page.map((f) => row(f, details.get(f.firmId)));
}

export function evaluateFirm(db: Database.Database, input: ParsedInput<'evaluate.firm'>, sourcesOf: (ids: number[]) => MethodOutput<'evaluate.firm'>['sources']): MethodOutput<'evaluate.firm'> {
  const facts = loadFacts(db, { firmId: input.firmId }).get(input.firmId);
  if (!facts) throw new AppError('not_found', `找不到企业（编号 ${input.firmId}）`, { firmId: input.firmId });
  const dataYear = input.dataYear ?? latestRevenueYear(facts);
  const dataYears = [...facts.figures.keys()].sort((a, b) => a - b);
  if (dataYear == null) return { dataYear: null, dataYears, evaluations: [], inputs: firmInputs(db, input.firmId), sources: [] };
  const all = librarySets(db).map((set) => evaluate(set, facts, dataYear, enabledFn(db, set.id)));
  const ids = new Set<number>();
  for (const e of all)
    for (const c of e.criteria)
      for (const k of c.checks)
        for (const u of k.used) if (u.sourceId != null) ids.add(u.sourceId);
  return { dataYear, dataYears, evaluations: all, inputs: firmInputs(db, input.firmId), sources: sourcesOf([...ids]) };
}
