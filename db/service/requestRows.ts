// The ledger's rows as of a day: stored requests with their firm, derived status, overdue flag and light;
// the filters, search and sort of the 诉求台账 screen (a district ledger has hundreds of rows, so they are
// worked out here rather than in SQL, where "as of D" would be spelled twice).
import type Database from 'better-sqlite3';
import type { MethodOutput, ParsedInput } from '../contract';
import { closedLate, daysLeft, isClosedBy, isOverdue, lightAsOf, statusAsOf, STATUS_ZH, type RequestDates, type RequestStatus } from '../requestRules';

export type Row = Omit<MethodOutput<'requests.get'>, 'progress' | 'history' | 'source'>;

export interface StoredRequest extends RequestDates {
  id: number;
  firm_id: number;
  credit_code: string;
  firm: string;
  in_pool: number;
  town: string | null;
  origin: Row['origin'];
  category: string;
  content: string;
  taken_by: string | null;
  department: string | null;
  result: string | null;
  rating: Row['rating'];
  sample: number;
  source_id: number;
  source_row: number | null;
  last_progress: string | null;
}

export function loadRequests(db: Database.Database, where = '', params: unknown[] = []): StoredRequest[] {
  return db
    .prepare(
      `SELECT r.*, f.name AS firm,
         EXISTS (SELECT 1 FROM pool_members m WHERE m.firm_id = r.firm_id) AS in_pool,
         (s.kind = 'sample') AS sample,
         (SELECT p.note FROM request_progress p WHERE p.request_id = r.id AND p.kind = 'progress' ORDER BY p.date DESC, p.id DESC LIMIT 1) AS last_progress
       FROM requests r JOIN firms f ON f.id = r.firm_id JOIN sources s ON s.id = r.source_id ${where} ORDER BY r.received, r.id`,
    )
    .all(...params) as StoredRequest[];
}

export function toRow(r: StoredRequest, asOf: string): Row {
  return {
    id: r.id,
    firmId: r.firm_id,
    creditCode: r.credit_code,
    firm: r.firm,
    inPool: r.in_pool === 1,
    town: r.town,
    origin: r.origin,
    category: r.category,
    content: r.content,
    received: r.received,
    takenBy: r.taken_by,
    handling: r.handling,
    department: r.department,
    assigned: r.assigned,
    deadline: r.deadline,
    closed: r.closed,
    result: r.result,
    visited: r.visited,
    rating: r.rating,
    rounds: r.rounds,
    sample: r.sample === 1,
    status: statusAsOf(r, asOf),
    overdue: isOverdue(r, asOf),
    closedLate: closedLate(r, asOf),
    light: lightAsOf(r, asOf),
    daysLeft: daysLeft(r, asOf),
    lastProgress: r.last_progress,
  };
}

type Filters = Omit<ParsedInput<'requests.list'>, 'sort' | 'offset' | 'limit'>;

/** The rows a filter keeps, as of its day; only requests raised on or before that day exist then. */
export function filterRows(rows: Row[], f: Filters, asOf: string): Row[] {
  const q = f.search?.trim().toLowerCase();
  return rows.filter(
    (r) =>
      r.received <= asOf &&
      (f.scope === 'all' || (f.scope === 'open' ? !isClosedBy(r, asOf) : f.scope === 'closed' ? isClosedBy(r, asOf) : r.overdue)) &&
      (f.status === undefined || r.status === f.status) &&
      (f.overdue === undefined || r.overdue === f.overdue) &&
      (f.category === undefined || r.category === f.category) &&
      (f.department === undefined || r.department === f.department) &&
      (f.town === undefined || r.town === f.town) &&
      (f.firmId === undefined || r.firmId === f.firmId) &&
      (f.from === undefined || r.received >= f.from) &&
      (f.to === undefined || r.received <= f.to) &&
      (!q || [r.firm, r.creditCode, r.content, r.result ?? '', r.department ?? '', r.takenBy ?? '', r.lastProgress ?? ''].some((s) => s.toLowerCase().includes(q))),
  );
}

const STATUS_ORDER: Record<RequestStatus, number> = { reopened: 0, pending: 1, in_progress: 2, closed: 3, visited: 4 };
const cmp = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a.localeCompare(b, 'zh-CN'));

/** Open ones first (overdue, then the nearest deadline), then the closed, newest first. */
function openFirst(a: Row, b: Row): number {
  const openA = a.light !== null;
  const openB = b.light !== null;
  if (openA !== openB) return openA ? -1 : 1;
  if (openA) return (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity) || cmp(a.received, b.received);
  return cmp(b.closed, a.closed);
}

export function sortRows(rows: Row[], sort: ParsedInput<'requests.list'>['sort']): Row[] {
  const dir = sort.dir === 'desc' ? -1 : 1;
  const by: Record<typeof sort.column, (a: Row, b: Row) => number> = {
    open_first: openFirst,
    received: (a, b) => cmp(a.received, b.received),
    deadline: (a, b) => cmp(a.deadline, b.deadline),
    firm: (a, b) => cmp(a.firm, b.firm),
    department: (a, b) => cmp(a.department, b.department),
    category: (a, b) => cmp(a.category, b.category),
    town: (a, b) => cmp(a.town, b.town),
    status: (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status],
  };
  return [...rows].sort((a, b) => by[sort.column](a, b) * dir || a.id - b.id);
}

export function listRequests(db: Database.Database, input: ParsedInput<'requests.list'>, asOf: string): MethodOutput<'requests.list'> {
  const all = loadRequests(db).map((r) => toRow(r, asOf));
  const existing = all.filter((r) => r.received <= asOf);
  const rows = sortRows(filterRows(all, input, asOf), input.sort);
  return {
    asOf,
    rows: rows.slice(input.offset, input.offset + input.limit),
    total: rows.length,
    counts: {
      all: existing.length,
      open: existing.filter((r) => r.light !== null).length,
      overdue: existing.filter((r) => r.overdue).length,
      dueSoon: existing.filter((r) => r.light === 'yellow').length,
      sample: existing.filter((r) => r.sample).length,
    },
  };
}

export const statusZh = (s: RequestStatus) => STATUS_ZH[s];
