// 总览: the gradient, reward exposure, targets, calendar and pool status (implements db/contracts/overview.ts).
import type Database from 'better-sqlite3';
import type { MethodOutput, ParsedInput } from '../contract';
import type { overviewMethods } from '../contracts/overview';
import type { Summary } from './evaluation';
import type { PartContext } from './context';
import type { Service } from './index';
import { appInfo } from './info';
import { firmList, gradient, loadPoolFirms } from './overviewGradient';
import { calendar, localToday, rewardExposure } from './overviewMoney';
import { calendarTable, industrialFirms, overviewHistory, REWARD_SET, rewardTable, setCalendar, setIndustrialFirms, setReward, setTarget, targetTable, TRACK_SET } from './overviewSettings';
import { poolStatus, revenues, targetProgress } from './overviewTargets';
import { requireSet } from './criteria';
import { AppError } from '../errors';
import { dataYears, defaultDataYear } from './pool';

/** Pool evaluations from the service's shared evaluator (dropped by every write the service makes). */
type Evaluations = (setId: string, poolYear: number, dataYear: number | undefined) => Map<number, Summary>;

/** Every pool evaluation overviewOf reads for this input (set and data year): the status's set in the data year and
 * the one before, and the sets behind the reward table and the calendar — worked out off the service's thread first. */
export function overviewEvaluations(db: Database.Database, input: ParsedInput<'overview.get'>): { setId: string; dataYear: number | undefined }[] {
  const dataYear = input.dataYear ?? defaultDataYear(dataYears(db), input.year);
  const at = dataYear ?? undefined;
  const wanted = [
    { setId: input.setId, dataYear: at },
    ...(dataYear != null ? [{ setId: input.setId, dataYear: dataYear - 1 }] : []),
    ...rewardTable(db).flatMap((r) => (REWARD_SET[r.code] ? [{ setId: REWARD_SET[r.code]!, dataYear: at }] : [])),
    ...calendarTable(db).map((e) => ({ setId: TRACK_SET[e.track], dataYear: at })),
  ];
  return [...new Map(wanted.map((w) => [`${w.setId}|${w.dataYear}`, w])).values()];
}

function requireInput(db: Database.Database, input: ParsedInput<'overview.get'>): void {
  requireSet(db, input.setId);
  if (!db.prepare('SELECT 1 FROM pool_years WHERE year = ?').get(input.year)) throw new AppError('not_found', `没有 ${input.year} 年度培育库`);
}

export function overviewOf(db: Database.Database, input: ParsedInput<'overview.get'>, evaluations: Evaluations, info: () => MethodOutput<'app.info'>): MethodOutput<'overview.get'> {
  requireInput(db, input);
  const today = input.today ?? localToday();
  if (Number.isNaN(Date.parse(`${today}T00:00:00Z`))) throw new AppError('invalid_input', `不是有效日期：${today}`);
  // One data year for everything shown (as the pool table): the chosen one, else the pool's default.
  const dataYear = input.dataYear ?? defaultDataYear(dataYears(db), input.year);
  const at = dataYear ?? undefined;
  const results = (setId: string) => evaluations(setId, input.year, at);
  const firms = loadPoolFirms(db, input.year);
  const sample = info().sample;
  return {
    poolYear: input.year,
    dataYear,
    today,
    firms: firms.length,
    gradient: gradient(firms, input.year),
    rewards: rewardExposure(firms, rewardTable(db), results),
    targets: targetProgress(firms, targetTable(db), industrialFirms(db), revenues(db, input.year, dataYear), dataYear),
    calendar: calendar(firms, calendarTable(db), today, results),
    status: poolStatus(firms, input.setId, dataYear, results(input.setId), dataYear != null ? evaluations(input.setId, input.year, dataYear - 1) : null),
    sample: { ...sample, poolFirms: firmList(firms.filter((f) => f.sample)) },
    history: overviewHistory(db),
  };
}

export function overviewService(ctx: PartContext): Pick<Service, keyof typeof overviewMethods> {
  const { db } = ctx;
  const evaluations: Evaluations = (setId, poolYear, dataYear) => ctx.evaluator.pool(setId, poolYear, dataYear);
  return {
    // The evaluations it reads are worked out on the evaluation thread first (one after another), so a province's
    // overview keeps every other call answered; then the overview is put together from them here.
    'overview.get': async (input) => {
      requireInput(db, input);
      for (const w of overviewEvaluations(db, input)) await ctx.evaluator.warm(w.setId, input.year, w.dataYear);
      return overviewOf(db, input, evaluations, () => appInfo(db, ctx.dataFile, ctx.appVersion));
    },
    'overview.setReward': (input) => ctx.changed('overview.setReward', setReward(db, input, ctx.actor), { kind: 'none' }),
    'overview.setTarget': (input) => ctx.changed('overview.setTarget', setTarget(db, input, ctx.actor), { kind: 'none' }),
    'overview.setCalendar': (input) => ctx.changed('overview.setCalendar', setCalendar(db, input, ctx.actor), { kind: 'none' }),
    'overview.setIndustrialFirms': (input) => ctx.changed('overview.setIndustrialFirms', setIndustrialFirms(db, input, ctx.actor), { kind: 'none' }),
  };
}
