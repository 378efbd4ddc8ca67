// Numbers and dates as the bureau writes them: money in 万元, large amounts in 亿元, dates as 2023年7月28日.
const wan = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 });
const yi = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const plain = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });
const million = new Intl.NumberFormat('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export type Lang = 'zh-CN' | 'en';

/** A value stored in 万元: shown in 亿元 from 1 亿 up, otherwise in 万元 (in English, in millions of yuan). */
export function formatMoney(wanYuan: number | null | undefined, lang: Lang = 'zh-CN'): string {
  if (wanYuan == null) return '—';
  if (lang === 'en') return `${million.format(wanYuan / 100)}M CNY`;
  return Math.abs(wanYuan) >= 10000 ? `${yi.format(wanYuan / 10000)} 亿元` : `${wan.format(wanYuan)} 万元`;
}

export function formatPercent(value: number | null | undefined): string {
  return value == null ? '—' : `${plain.format(value)}%`;
}

export function formatNumber(value: number | null | undefined): string {
  return value == null ? '—' : plain.format(value);
}

export function formatRank(value: number | null | undefined, lang: Lang = 'zh-CN'): string {
  if (value == null) return '—';
  return lang === 'en' ? `#${value}` : `第${value}`;
}

/** An ISO timestamp as 2026年11月26日 07:22 (or 2026-11-26 07:22 in English). */
export function formatDateTime(iso: string, lang: Lang = 'zh-CN'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d, h, mi] = m;
  return lang === 'en' ? `${y}-${mo}-${d} ${h}:${mi}` : `${y}年${Number(mo)}月${Number(d)}日 ${h}:${mi}`;
}

/** What an analyst types into a figure cell: 12,345.6 / １２３４５．６ / 1.2亿 / 3500万 / 12.5% / — → number or null. */
export function parseFigureInput(raw: string): number | null | 'invalid' {
  let s = raw.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  s = s.replace(/．/g, '.').replace(/[，,\s]/g, '').replace(/－/g, '-');
  if (s === '' || ['-', '—', '/', '无'].includes(s)) return null;
  let factor = 1;
  if (/亿(元)?$/.test(s)) factor = 10000;
  s = s.replace(/(亿元|亿|万元|万|%|％)$/, '');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return 'invalid';
  // Round away binary noise from the unit factor (1.2 × 10000).
  return Math.round(Number(s) * factor * 1e6) / 1e6;
}
