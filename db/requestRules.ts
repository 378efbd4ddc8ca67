// The ledger's rules, as the 专班 reads them: a request's status follows from its dates, and "overdue as of D"
// means not closed on or before D while D is past the deadline (the deadline day itself is still in time).
// Dates are calendar days written YYYY-MM-DD, so they compare as text.

export const REQUEST_ORIGINS = ['镇街走访', '服务专员', '企业反馈', '12345转办', '其他'] as const;
export const REQUEST_HANDLINGS = ['就地解决', '上报专班'] as const;
export const REQUEST_RATINGS = ['满意', '基本满意', '不满意'] as const;
/** 待交办 → 办理中 (重办 after a 不满意) → 已办结 → 已回访. */
export const REQUEST_STATUSES = ['pending', 'in_progress', 'reopened', 'closed', 'visited'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export type Light = 'red' | 'yellow' | 'green';

export const STATUS_ZH: Record<RequestStatus, string> = { pending: '待交办', in_progress: '办理中', reopened: '重办', closed: '已办结', visited: '已回访' };

/** Due within this many days (the deadline day included) shows yellow. */
export const DUE_SOON_DAYS = 3;

export interface RequestDates {
  received: string;
  handling: (typeof REQUEST_HANDLINGS)[number];
  assigned: string | null;
  deadline: string | null;
  closed: string | null;
  visited: string | null;
  /** 1 for a request never reopened; each 不满意 回访 starts another round. */
  rounds: number;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day as a count of days (UTC, so no clock change shifts it); null when the text is not a real day. */
export function dayNumber(iso: string): number | null {
  const m = ISO.exec(iso);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t / 86_400_000;
}

export const isRealDay = (iso: string): boolean => dayNumber(iso) !== null;

/** Days from a to b (b − a); both must be real days. */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b)! - dayNumber(a)!;
}

/** A day as the bureau writes it: 2023年7月28日. */
export function zhDate(iso: string | null): string {
  if (!iso) return '';
  const m = ISO.exec(iso);
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

export const isClosedBy = (r: Pick<RequestDates, 'closed'>, asOf: string): boolean => r.closed !== null && r.closed <= asOf;

/** Status as of a day: what the dates say had happened by then. */
export function statusAsOf(r: RequestDates, asOf: string): RequestStatus {
  if (r.visited !== null && r.visited <= asOf) return 'visited';
  if (isClosedBy(r, asOf)) return 'closed';
  if (r.rounds > 1) return 'reopened';
  if (r.handling === '就地解决' || (r.assigned !== null && r.assigned <= asOf)) return 'in_progress';
  return 'pending';
}

/** Not closed on or before D, and D later than the deadline; a request without a deadline is never overdue. */
export function isOverdue(r: Pick<RequestDates, 'deadline' | 'closed'>, asOf: string): boolean {
  return r.deadline !== null && !isClosedBy(r, asOf) && asOf > r.deadline;
}

/** Closed after its deadline (超期办结), as of D. */
export function closedLate(r: Pick<RequestDates, 'deadline' | 'closed'>, asOf: string): boolean {
  return r.deadline !== null && isClosedBy(r, asOf) && r.closed! > r.deadline;
}

/** Red overdue, yellow due within three days, green otherwise; null once closed. */
export function lightAsOf(r: Pick<RequestDates, 'deadline' | 'closed'>, asOf: string): Light | null {
  if (isClosedBy(r, asOf)) return null;
  if (isOverdue(r, asOf)) return 'red';
  if (r.deadline !== null && daysBetween(asOf, r.deadline) <= DUE_SOON_DAYS) return 'yellow';
  return 'green';
}

/** Days left to the deadline as of D (negative once overdue); null without a deadline or once closed. */
export function daysLeft(r: Pick<RequestDates, 'deadline' | 'closed'>, asOf: string): number | null {
  if (r.deadline === null || isClosedBy(r, asOf)) return null;
  return daysBetween(asOf, r.deadline);
}

export const isOpen = (r: Pick<RequestDates, 'closed'>, asOf: string): boolean => !isClosedBy(r, asOf);

/** Problems with a request's dates, each naming the field it concerns (the UI, the service and the import share them). */
export function dateProblems(r: Partial<Omit<RequestDates, 'rounds' | 'handling'>>): { field: string; reason: string }[] {
  const out: { field: string; reason: string }[] = [];
  const names: Record<string, string> = { received: '提出日期', assigned: '交办日期', deadline: '办理时限', closed: '办结日期', visited: '回访日期' };
  for (const k of Object.keys(names) as (keyof typeof names)[]) {
    const v = (r as Record<string, string | null | undefined>)[k];
    if (v != null && !isRealDay(v)) out.push({ field: k, reason: `${names[k]}“${v}”不是存在的日期` });
  }
  if (out.length || !r.received) return out;
  for (const k of ['assigned', 'deadline', 'closed'] as const) {
    const v = r[k];
    if (v != null && v < r.received) out.push({ field: k, reason: `${names[k]}（${zhDate(v)}）早于提出日期（${zhDate(r.received)}）` });
  }
  if (r.visited != null) {
    if (!r.closed) out.push({ field: 'visited', reason: '尚未办结，不能记录回访' });
    else if (r.visited < r.closed) out.push({ field: 'visited', reason: `回访日期（${zhDate(r.visited)}）早于办结日期（${zhDate(r.closed)}）` });
  }
  return out;
}

/** Today as YYYY-MM-DD on this computer's calendar. Callers may pass another "today" (tests never use the clock). */
export function localToday(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
