// 总览: what the district should budget for first-recognition rewards, and whom to prepare for each
// application window. A firm counts for a title it does not hold yet when its evaluation under that title's
// criteria set is eligible (application year = data year + 1) or not eligible but projected eligible in N
// years (data year + 1 + N, within the projection horizon); 待研判 firms are listed apart, not budgeted.
import type { MethodOutput } from '../contract';
import type { Summary } from './evaluation';
import { HORIZON } from '../criteria/projection';
import type { TitleCode } from '../figures';
import { LIST_CAP, rankOf, type PoolFirm } from './overviewGradient';
import { REWARD_SET, TRACK_SET } from './overviewSettings';

type Out = MethodOutput<'overview.get'>;
type Candidate = Out['calendar'][number]['prepare'][number];
type Reward = Out['rewards']['table'][number];
type CalendarEntry = Omit<Out['calendar'][number], 'next' | 'prepare' | 'setId'>;
export type Results = (setId: string) => Map<number, Summary>;

/** The year a candidate would be recognised: the application year after its data year, plus the years to go. */
export const recognitionYear = (c: Candidate) => c.dataYear + 1 + c.inYears;

/** How a firm stands toward a title it does not hold: a candidate now or in N years, to review, or neither. */
export function candidate(f: PoolFirm, code: TitleCode, e: Summary | undefined): { kind: 'budget' | 'review'; c: Candidate } | null {
  if (!e || f.titles.some((t) => t.code === code)) return null;
  const base = { firmId: f.firmId, name: f.name, sample: f.sample, verdict: e.verdict, dataYear: e.year };
  if (e.verdict === 'eligible') return { kind: 'budget', c: { ...base, inYears: 0 } };
  if (e.verdict === 'needs_review') return { kind: 'review', c: { ...base, inYears: 0 } };
  if (e.verdict === 'not_eligible' && e.projection.kind === 'years' && e.projection.years <= HORIZON) return { kind: 'budget', c: { ...base, inYears: e.projection.years } };
  return null;
}

export function rewardExposure(firms: PoolFirm[], table: Reward[], results: Results): Out['rewards'] {
  const built = table.map((r) => {
    const budget: Candidate[] = [];
    const review: Candidate[] = [];
    const setId = REWARD_SET[r.code];
    if (setId) {
      const res = results(setId);
      for (const f of firms) {
        const k = candidate(f, r.code, res.get(f.firmId));
        if (k) (k.kind === 'budget' ? budget : review).push(k.c);
      }
    }
    return { r, setId, budget, review, held: firms.filter((f) => f.titles.some((t) => t.code === r.code)).length };
  });
  // Every year from the first to the last, empty ones too: columns jumping from 2024 to 2030 hid the gap.
  const found = built.flatMap((b) => b.budget.map(recognitionYear));
  const first = Math.min(...found);
  const years = found.length ? Array.from({ length: Math.max(...found) - first + 1 }, (_, i) => first + i) : [];
  const rows = built.map(({ r, setId, budget, review, held }) => {
    const cells = years.map((year) => {
      const list = budget.filter((c) => recognitionYear(c) === year);
      return { year, count: list.length, firms: list.slice(0, LIST_CAP), total: list.length * r.amount };
    });
    const reviewTotal = review.length * r.amount;
    return { code: r.code, amount: r.amount, setId, held, cells, reviewCount: review.length, review: review.slice(0, LIST_CAP), total: budget.length * r.amount, reviewTotal };
  });
  const totals = years.map((year, i) => ({ year, total: rows.reduce((s, row) => s + row.cells[i].total, 0) }));
  return {
    table,
    years,
    rows,
    totals,
    total: rows.reduce((s, row) => s + row.total, 0),
    reviewTotal: rows.reduce((s, row) => s + row.reviewTotal, 0),
    horizon: HORIZON,
  };
}

const ORDER: Record<string, number> = { eligible: 0, needs_review: 1, not_eligible: 2 };
/**
 * Whom to prepare for a track: eligible, then 待研判, then the closest by projection; at most `limit`. Firms
 * already above this step of the gradient are left out (a 小巨人 is not prepared for 创新型 or 瞪羚).
 */
export function toPrepare(firms: PoolFirm[], code: TitleCode, res: Map<number, Summary>, limit = 8): Candidate[] {
  const out: Candidate[] = [];
  for (const f of firms) {
    if (f.titles.some((t) => rankOf(t.code) > rankOf(code))) continue;
    const k = candidate(f, code, res.get(f.firmId));
    if (k) out.push(k.c);
  }
  return out.sort((a, b) => ORDER[a.verdict] - ORDER[b.verdict] || a.inYears - b.inYears).slice(0, limit);
}

const DAY = 86_400_000;
const utc = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
};
const isoOf = (t: number) => new Date(t).toISOString().slice(0, 10);
/** A yearly MM-DD in a given year (29 Feb falls on 1 Mar in other years; stored dates never are). */
const on = (year: number, md: string) => utc(`${year}-${md}`);

/** The next window of a yearly track as of `today`: this year's if its deadline has not passed, else next year's. */
export function nextWindow(opens: string, deadline: string, today: string): Out['calendar'][number]['next'] {
  const now = utc(today);
  const year = Number(today.slice(0, 4));
  // A window whose opening date comes after its deadline starts in the year before (e.g. 12-01 → 01-31).
  const window = (y: number) => ({ from: on(opens > deadline ? y - 1 : y, opens), to: on(y, deadline) });
  const w = now <= window(year).to ? window(year) : window(year + 1);
  return {
    opens: isoOf(w.from),
    deadline: isoOf(w.to),
    daysToOpen: Math.round((w.from - now) / DAY),
    daysToDeadline: Math.round((w.to - now) / DAY),
    open: now >= w.from && now <= w.to,
  };
}

export function calendar(firms: PoolFirm[], entries: CalendarEntry[], today: string, results: Results): Out['calendar'] {
  return entries
    .map((e) => {
      const setId = TRACK_SET[e.track];
      return { ...e, setId, next: nextWindow(e.opens, e.deadline, today), prepare: toPrepare(firms, e.track, results(setId)) };
    })
    .sort((a, b) => a.next.daysToDeadline - b.next.daysToDeadline);
}

/** Today on the machine's clock as YYYY-MM-DD. */
export function localToday(date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}`;
}
