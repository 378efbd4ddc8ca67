// One line of a firm's 修改记录 in the analyst's words: the figure or criterion by name, values with their
// units, 是/否 for yes/no, and a year only where the change has one.
import type { TFunction } from 'i18next';
import type { AuditEntryT, FigureKey } from '../../../db/contract';
import { FIGURE_UNITS } from '../figures';
import type { Lang } from '../format';

const exact = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 6 });

/** Profile fields (a firm's 基本情况) by their i18n key under `firm.`. */
const PROFILE: Record<string, string> = {
  town: 'town',
  chain: 'chain',
  main_product: 'mainProduct',
  product_code: 'productCode',
  segment_since: 'segmentSince',
  founded_year: 'foundedYear',
  is_new_product: 'isNewProduct',
  listed: 'listed',
};
const YES_NO_FIELDS = new Set(['is_new_product', 'listed']);

function yesNo(v: string, t: TFunction): string | null {
  if (v === 'true' || v === '1') return t('firm.yes');
  if (v === 'false' || v === '0') return t('firm.no');
  return null;
}

/** A stored figure value with its unit: 56,847.8 万元, 12.5%, 第3名, 25 项. */
function figureValue(field: FigureKey, v: string, t: TFunction): string {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) return v;
  const unit = FIGURE_UNITS[field];
  if (unit === 'percent') return `${exact.format(n)}%`;
  if (unit === 'rank') return t('firm.historyRank', { n: exact.format(n) });
  return `${exact.format(n)} ${t(`units.${unit}`)}`;
}

function inputValue(field: string, v: string, t: TFunction): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(v);
  } catch {
    return v;
  }
  if (parsed === null) return t('firm.empty');
  if (typeof parsed === 'boolean') return parsed ? t('firm.yes') : t('firm.no');
  if (typeof parsed === 'number') return field.startsWith('points:') ? `${exact.format(parsed)} ${t('units.points')}` : exact.format(parsed);
  return v;
}

export function historyLine(h: AuditEntryT, t: TFunction, lang: Lang): string {
  if (!h.field) return h.note ?? '';
  const figure = h.field in FIGURE_UNITS ? (h.field as FigureKey) : null;
  let name: string;
  let show: (v: string) => string;
  if (h.entity === 'analyst_input') {
    name = h.subject ? (lang === 'en' ? h.subject.en : h.subject.zh) : h.field;
    show = (v) => inputValue(h.field!, v, t);
  } else if (h.entity === 'pool') {
    name = t('firm.historyPoolStatus');
    show = (v) => t(`pool.status.${v}`, { defaultValue: v });
  } else if (figure) {
    name = t(`figures.${figure}`);
    show = (v) => figureValue(figure, v, t);
  } else {
    name = PROFILE[h.field] ? t(`firm.${PROFILE[h.field]}`) : h.field;
    show = (v) => (YES_NO_FIELDS.has(h.field!) ? (yesNo(v, t) ?? v) : v);
  }
  const value = (v: string | null) => (v == null ? t('firm.empty') : show(v));
  const change = { field: name, old: value(h.oldValue), new: value(h.newValue) };
  if (h.year == null) return t('firm.historyEntryNoYear', change);
  return t(h.entity === 'pool' ? 'firm.historyEntryPool' : 'firm.historyEntry', { ...change, year: h.year });
}
