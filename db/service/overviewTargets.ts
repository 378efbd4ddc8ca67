// 总览: progress toward the seed letter's 3-year targets, and the pool's status under the chosen set
// (counts by verdict, verdicts changed since the year before).
import type Database from 'better-sqlite3';
import type { MethodOutput, VerdictT } from '../contract';
import type { Summary } from './evaluation';
import type { TitleCode } from '../figures';
import { DISTRICT_2023_07, firmList, ref, type PoolFirm } from './overviewGradient';

type Out = MethodOutput<'overview.get'>;
type Target = MethodOutput<'overview.setTarget'>;
type Industrial = Out['targets']['industrialFirms'];

/** 高成长型企业 (“专精特新”、单项冠军等): every gradient title above 创新型中小企业. */
export const HIGH_GROWTH: readonly TitleCode[] = ['srdi_provincial', 'gazelle_provincial', 'little_giant', 'champion_provincial', 'champion_national', 'leader_provincial', 'leader_national'];
/** 专精特新 firms: the provincial title, or the national 专精特新“小巨人” (which presupposes it). */
export const SRDI: readonly TitleCode[] = ['srdi_provincial', 'little_giant'];

const holds = (f: PoolFirm, codes: readonly TitleCode[]) => f.titles.some((t) => codes.includes(t.code));

/** Revenue (万元) of each firm in `dataYear`, or in its latest year with revenue when no year is given. */
export function revenues(db: Database.Database, poolYear: number, dataYear: number | null): Map<number, number> {
  const rows = (
    dataYear != null
      ? db.prepare('SELECT fy.firm_id AS id, fy.revenue AS v FROM firm_years fy JOIN pool_members m ON m.firm_id = fy.firm_id AND m.year = ? WHERE fy.year = ? AND fy.revenue IS NOT NULL').all(poolYear, dataYear)
      : db
          .prepare(
            `SELECT fy.firm_id AS id, fy.revenue AS v FROM firm_years fy JOIN pool_members m ON m.firm_id = fy.firm_id AND m.year = ?
             WHERE fy.revenue IS NOT NULL AND fy.year = (SELECT max(x.year) FROM firm_years x WHERE x.firm_id = fy.firm_id AND x.revenue IS NOT NULL)`,
          )
          .all(poolYear)
  ) as { id: number; v: number }[];
  return new Map(rows.map((r) => [r.id, r.v]));
}

export function targetProgress(firms: PoolFirm[], targets: Target[], industrial: Industrial, revenue: Map<number, number>, dataYear: number | null): Out['targets'] {
  const growth = firms.filter((f) => holds(f, HIGH_GROWTH));
  const srdi = firms.filter((f) => holds(f, SRDI));
  const withRevenue = growth.filter((f) => revenue.has(f.firmId));
  const items = targets.map((t) => {
    const base = { ...t, dataYear: null as number | null, missing: null as 'industrial_firms' | null };
    if (t.key === 'high_growth_firms') return { ...base, current: growth.length, ratio: growth.length / t.value, counted: firmList(growth) };
    if (t.key === 'high_growth_output') {
      const sum = withRevenue.reduce((s, f) => s + (revenue.get(f.firmId) ?? 0), 0);
      return { ...base, dataYear, current: sum, ratio: sum / t.value, counted: firmList(withRevenue) };
    }
    if (!industrial) return { ...base, current: null, ratio: null, missing: 'industrial_firms' as const, counted: firmList(srdi) };
    const share = (srdi.length / industrial.value) * 100;
    return { ...base, current: share, ratio: share / t.value, counted: firmList(srdi) };
  });
  return { items, industrialFirms: industrial, highGrowthCodes: [...HIGH_GROWTH], districtSrdi: DISTRICT_2023_07.srdi_provincial ?? 0 };
}

const VERDICTS: VerdictT[] = ['eligible', 'needs_review', 'incomplete', 'not_eligible'];

export function poolStatus(firms: PoolFirm[], setId: string, dataYear: number | null, now: Map<number, Summary>, before: Map<number, Summary> | null): Out['status'] {
  const counts = { eligible: 0, not_eligible: 0, incomplete: 0, needs_review: 0 } as Record<VerdictT, number>;
  for (const e of now.values()) counts[e.verdict]++;
  const lists = Object.fromEntries(VERDICTS.map((v) => [v, firmList(firms.filter((f) => now.get(f.firmId)?.verdict === v))])) as Out['status']['lists'];
  const changes: Out['status']['changes'] = [];
  if (before) {
    for (const f of firms) {
      const a = before.get(f.firmId)?.verdict ?? null;
      const b = now.get(f.firmId)?.verdict ?? null;
      if (a !== b) changes.push({ ...ref(f), before: a, after: b });
    }
  }
  return { setId, dataYear, previousYear: before && dataYear != null ? dataYear - 1 : null, counts, lists, changes };
}
