// Statistics of the ledger as of a day over a period: the requests raised in [from, to] (all raised by the day
// when no period is given), per 责任部门, category, town and month of raising. Closed means closed on or before
// the day; closed on time means on or before the deadline (or without one); the satisfaction rate is
// (满意 + 基本满意) over the requests rated by the day; the average days to close runs from 提出日期 to 办结日期.
import type Database from 'better-sqlite3';
import type { MethodOutput, ParsedInput } from '../contract';
import { AppError } from '../errors';
import { closedLate, daysBetween, isClosedBy, isOverdue, zhDate } from '../requestRules';
import { loadRequests, toRow, type Row } from './requestRows';

type Stats = MethodOutput<'requests.stats'>;
type Counts = Stats['total'];

export function countsOf(rows: Row[], asOf: string): Counts {
  const closed = rows.filter((r) => isClosedBy(r, asOf));
  const late = closed.filter((r) => closedLate(r, asOf)).length;
  const rated = rows.filter((r) => r.rating !== null && r.visited !== null && r.visited <= asOf);
  const satisfied = rated.filter((r) => r.rating !== '不满意').length;
  const days = closed.reduce((sum, r) => sum + daysBetween(r.received, r.closed!), 0);
  return {
    received: rows.length,
    closed: closed.length,
    closedOnTime: closed.length - late,
    closedLate: late,
    open: rows.length - closed.length,
    overdue: rows.filter((r) => isOverdue(r, asOf)).length,
    avgDaysToClose: closed.length ? Math.round((days / closed.length) * 10) / 10 : null,
    rated: rated.length,
    satisfied,
    satisfactionRate: rated.length ? Math.round((satisfied / rated.length) * 1000) / 10 : null,
  };
}

function grouped(rows: Row[], asOf: string, keyOf: (r: Row) => string, order?: (a: string, b: string) => number) {
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const k = keyOf(r);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(r);
  }
  const keys = [...groups.keys()].sort(order ?? ((a, b) => groups.get(b)!.length - groups.get(a)!.length || a.localeCompare(b, 'zh-CN')));
  return keys.map((key) => ({ key, ...countsOf(groups.get(key)!, asOf) }));
}

export function requestStats(db: Database.Database, input: ParsedInput<'requests.stats'>, today: string): Stats {
  const asOf = input.asOf ?? today;
  const to = input.to ?? asOf;
  const from = input.from ?? null;
  if (from && from > to) throw new AppError('invalid_input', `统计起日（${zhDate(from)}）晚于止日（${zhDate(to)}）`);
  if (to > asOf) throw new AppError('invalid_input', `统计止日（${zhDate(to)}）晚于统计截至日（${zhDate(asOf)}）`);
  const rows = loadRequests(db)
    .map((r) => toRow(r, asOf))
    .filter((r) => r.received <= to && (from === null || r.received >= from));
  return {
    asOf,
    from,
    to,
    total: countsOf(rows, asOf),
    byDepartment: grouped(rows, asOf, (r) => r.department ?? (r.handling === '就地解决' ? '就地解决' : '未交办')),
    byCategory: grouped(rows, asOf, (r) => r.category),
    byTown: grouped(rows, asOf, (r) => r.town ?? '未填镇街'),
    byMonth: grouped(rows, asOf, (r) => r.received.slice(0, 7), (a, b) => a.localeCompare(b)),
  };
}
