// How a merged value reads: a figure with its unit's format, a profile field as text, nothing as 空.
import type { TFunction } from 'i18next';
import { formatNumber } from '../../format';

export function valueText(v: string | number | null, t: TFunction): string {
  if (v === null) return t('package.merge.empty');
  return typeof v === 'number' ? formatNumber(v) : v;
}

/** "2022 营业收入" or "基本信息 所属镇街". */
export function whatText(year: number | null, field: string, t: TFunction): string {
  const name = year === null ? t(`package.fields.${field}`, { defaultValue: field }) : t(`figures.${field}`, { defaultValue: field });
  return `${year ?? t('package.merge.profile')} ${name}`;
}
