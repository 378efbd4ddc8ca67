// Amounts and dates of the lists as the bureau writes them, exact: 858.737 万元 stays 858.737, never rounded.
import type { Lang } from '../../format';

const wan = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 6 });
const yi = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 10 });

/** 万元, shown in 亿元 from 1 亿 up, every decimal kept. */
export function formatAmount(wanYuan: number | null | undefined, lang: Lang = 'zh-CN'): string {
  if (wanYuan == null) return '—';
  if (lang === 'en') return `${wan.format(wanYuan)} × 10k CNY`;
  return Math.abs(wanYuan) >= 10000 ? `${yi.format(wanYuan / 10000)} 亿元` : `${wan.format(wanYuan)} 万元`;
}

/** YYYY-MM-DD as 2023年7月28日 (English keeps the ISO form). */
export function formatDay(iso: string | null | undefined, lang: Lang = 'zh-CN'): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m || lang === 'en') return iso;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** Today on this machine as YYYY-MM-DD, the default of a date field. */
export function todayIso(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
