// How a value of the import's preview reads: money exactly in 万元 (as the template and the firm page write
// it, so a small change never rounds away), other figures in their unit, years as they are, yes/no for the
// firm's flags, and “(empty)” for no value.
import { FIGURE_UNITS } from '../../figures';
import { formatNumber, formatPercent, formatRank, type Lang } from '../../format';
import { isFigure, type TFn } from './columns';

export type Scalar = string | number | boolean | null;

export function valueText(field: string, value: Scalar, lang: Lang, t: TFn): string {
  if (value === null) return t('refresh.preview.empty');
  if (typeof value === 'boolean') return value ? t('refresh.preview.yes') : t('refresh.preview.no');
  if (typeof value === 'number' && isFigure(field)) {
    const unit = FIGURE_UNITS[field];
    if (unit === 'percent') return formatPercent(value);
    if (unit === 'rank') return formatRank(value, lang);
    return `${formatNumber(value)} ${t(`units.${unit}`)}`;
  }
  return String(value);
}
