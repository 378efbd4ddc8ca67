// What the 诉求台账 screens share: the contract's shapes, today on this computer's calendar, and days as the
// bureau writes them (2023年7月28日).
import type { MethodInput, MethodOutput } from '../../../../db/contract';

export type RequestList = MethodOutput<'requests.list'>;
export type RequestRowT = RequestList['rows'][number];
export type RequestDetailT = MethodOutput<'requests.get'>;
export type RequestStatsT = MethodOutput<'requests.stats'>;
export type ListInput = MethodInput<'requests.list'>;
export type Scope = 'all' | 'open' | 'overdue' | 'closed';
export type Lang = 'zh-CN' | 'en';

export const ORIGINS = ['镇街走访', '服务专员', '企业反馈', '12345转办', '其他'] as const;
export const HANDLINGS = ['就地解决', '上报专班'] as const;
export const RATINGS = ['满意', '基本满意', '不满意'] as const;
export const STATUSES = ['pending', 'in_progress', 'reopened', 'closed', 'visited'] as const;

export function todayIso(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD. */
export function isDay(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export function formatDay(iso: string | null | undefined, lang: Lang = 'zh-CN'): string {
  if (!iso) return '—';
  const m = DAY.exec(iso);
  if (!m) return iso;
  return lang === 'en' ? iso : `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

/** The scope a link asks for (#/requests?scope=overdue, from 总览). */
export function scopeFromHash(hash: string): Scope | null {
  const m = /[?&]scope=(open|overdue|closed|all)/.exec(hash);
  return m ? (m[1] as Scope) : null;
}
