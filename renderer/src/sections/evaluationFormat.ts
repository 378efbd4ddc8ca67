// How an evaluation's numbers read: values in the metric's own unit, thresholds with their comparison,
// gaps and projections in words.
import type { CheckT, ProjectionT } from '../../../db/contract';
import { formatMoney, formatNumber, formatPercent, type Lang } from '../format';

type Unit = CheckT['unit'];
type TFn = (key: string, options?: Record<string, unknown>) => string;

export function formatValue(value: number | null, unit: Unit | null, lang: Lang, t: TFn): string {
  if (value == null) return '—';
  switch (unit) {
    case 'money':
      return formatMoney(value, lang);
    case 'percent':
      return formatPercent(Math.round(value * 100) / 100);
    case 'years':
      return t('evaluation.years', { n: formatNumber(value) });
    case 'rank':
      return t('evaluation.rank', { n: value });
    case 'flag':
      return value ? t('firm.yes') : t('firm.no');
    default:
      return formatNumber(value);
  }
}

export function formatThreshold(op: CheckT['op'] | null, threshold: number | null, unit: Unit | null, lang: Lang, t: TFn): string {
  if (op == null || threshold == null) return '—';
  const sign = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '==': '=' }[op];
  return `${sign} ${formatValue(threshold, unit, lang, t)}`;
}

export function formatGap(gap: CheckT['gap'], unit: Unit | null, lang: Lang, t: TFn): string {
  if (!gap || gap.abs === 0) return '';
  const abs =
    unit === 'percent'
      ? t('evaluation.points', { n: formatNumber(Math.round(gap.abs * 100) / 100) })
      : unit === 'rank'
        ? t('evaluation.places', { n: gap.abs })
        : formatValue(gap.abs, unit, lang, t);
  return gap.rel == null ? t('evaluation.gap', { abs }) : t('evaluation.gapRel', { abs, rel: formatPercent(Math.round(gap.rel * 1000) / 10) });
}

export function formatProjection(p: ProjectionT, t: TFn): string {
  if (p.kind === 'none') return '';
  if (p.kind === 'not_projectable') return t('evaluation.notProjectable');
  return p.years > 10 ? t('evaluation.inMoreThan10') : t('evaluation.inYears', { n: p.years });
}
