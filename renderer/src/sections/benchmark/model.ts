// Pure helpers of 对标分析: labels and units of metrics, axis scaling, thresholds a set uses for a figure,
// title counts. Kept free of React so the component tests can check them directly.
import type { TFunction } from 'i18next';
import type { CriteriaSetInfoT, EvaluationRowT, FigureKey, PoolRowT, TitleCode } from '../../../../db/contract';

export type Status = 'pass' | 'fail' | 'unknown' | 'review';
export type Unit = 'money' | 'percent' | 'years' | 'count' | 'rank' | 'flag' | 'points' | 'persons';
type Op = '>=' | '>' | '<=' | '<' | '==';
type Lang = 'zh-CN' | 'en';

/** Status colours: green / red / grey / amber, dark enough for white text and for print. */
export const STATUS_COLOUR: Record<Status, string> = { pass: '#2e7d32', fail: '#c62828', unknown: '#9aa3ad', review: '#c27c00' };
export const VERDICT_STATUS = { eligible: 'pass', not_eligible: 'fail', incomplete: 'unknown', needs_review: 'review' } as const;
export const OP_TEXT: Record<Op, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '==': '=' };

const FNS = ['avg_3y', 'avg_2y', 'sum_2y', 'sum_3y', 'growth', 'avg_growth_2y', 'cagr_2y'] as const;
const NAMED = ['debt_ratio', 'rd_intensity', 'main_share', 'product_share_of_total', 'product_share_of_main', 'net_margin', 'years_in_segment', 'years_operating', 'is_new_product', 'listed'] as const;

/** A metric of the criteria files in words: avg_3y(main_revenue) → 近三年平均主营业务收入. */
export function metricLabel(metric: string, t: TFunction): string {
  const fn = /^(\w+)\((\w+)\)$/.exec(metric);
  if (fn && (FNS as readonly string[]).includes(fn[1])) {
    // Inside an English phrase a figure's name is lower case ("3-year average main business revenue"); CJK is unaffected.
    const x = t(`figures.${fn[2]}`).replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase());
    return t(`benchmark.fn.${fn[1]}`, { x });
  }
  if ((NAMED as readonly string[]).includes(metric)) return t(`benchmark.metric.${metric}`);
  if (metric.startsWith('input:')) return t('benchmark.metric.input', { key: metric.slice(6) });
  return t(`figures.${metric}`, { defaultValue: metric });
}

export interface Scale {
  /** Divide stored values by this to get axis values. */
  div: number;
  unit: string;
  decimals: number;
}

/** Money in 亿元 when the largest amount reaches 1 亿, else 万元 (English: millions, as formatMoney). */
export function scaleFor(unit: Unit, values: (number | null | undefined)[], t: TFunction, lang: Lang): Scale {
  const max = Math.max(0, ...values.filter((v): v is number => v != null).map(Math.abs));
  if (unit === 'money') {
    if (lang === 'en') return { div: 100, unit: t('benchmark.units.mcny'), decimals: max >= 10000 ? 0 : 1 };
    return max >= 10000 ? { div: 10000, unit: t('benchmark.units.yi'), decimals: 2 } : { div: 1, unit: t('benchmark.units.wan'), decimals: 0 };
  }
  const decimals = unit === 'percent' || unit === 'points' ? 1 : 0;
  return { div: 1, unit: unit === 'flag' ? '' : t(`benchmark.units.${unit}`), decimals };
}

/** A number in the scale's unit without the unit (the axis says it), trimmed of trailing zeros only for %. */
export function fmt(value: number | null | undefined, s: Scale): string {
  if (value == null || !Number.isFinite(value)) return '—';
  const v = value / s.div;
  return v.toLocaleString('zh-CN', { minimumFractionDigits: s.div === 10000 ? s.decimals : 0, maximumFractionDigits: s.decimals });
}

export const withUnit = (value: number | null | undefined, s: Scale): string => {
  const n = fmt(value, s);
  if (n === '—' || !s.unit) return n;
  return s.unit === '%' ? `${n}%` : `${n} ${s.unit}`;
};

export const axisLabel = (label: string, s: Scale, t: TFunction) => (s.unit ? t('benchmark.axis', { label, unit: s.unit }) : label);

export const criterionText = (c: { text: { zh: string; en: string } }, lang: Lang) => (lang === 'en' ? c.text.en : c.text.zh);

type Rule = CriteriaSetInfoT['criteria'][number]['rule'];
interface Cmp {
  cmp: string;
  op: Op;
  value: number;
}

/** Every comparison inside a rule (through all/any/each-year/when/band), in reading order. */
export function comparisons(rule: Rule): Cmp[] {
  if ('cmp' in rule) return [rule];
  if ('all' in rule) return rule.all.flatMap(comparisons);
  if ('any' in rule) return rule.any.flatMap(comparisons);
  if ('each_year' in rule) return comparisons(rule.rule);
  if ('when' in rule) return [...comparisons(rule.then), ...comparisons(rule.else)];
  if ('band' in rule) return rule.cases.flatMap((c) => comparisons(c.rule));
  return [];
}

export interface FigureThreshold {
  criterionId: string;
  metric: string;
  op: Op;
  value: number;
}

/**
 * The threshold the set applies to a yearly figure, from its first switched-on criterion that compares the
 * figure itself or its 2-/3-year average (levels on the same scale as one year's value; growth rates and
 * sums are not).
 */
export function thresholdFor(set: CriteriaSetInfoT | undefined, key: FigureKey): FigureThreshold | null {
  if (!set) return null;
  const levels = new Set([key, `avg_3y(${key})`, `avg_2y(${key})`]);
  for (const c of set.criteria) {
    if (!(set.effective[c.id] ?? c.enabled)) continue;
    const hit = comparisons(c.rule).find((r) => levels.has(r.cmp));
    if (hit) return { criterionId: c.id, metric: hit.cmp, op: hit.op, value: hit.value };
  }
  return null;
}

/** Criteria whose deciding check compares a number for at least one firm (the bar chart's choices). */
export function comparableCriteria(set: CriteriaSetInfoT | undefined, rows: EvaluationRowT[]) {
  if (!set) return [];
  return set.criteria.filter((c) => rows.some((r) => r.criteria.some((x) => x.id === c.id && x.metric != null && x.unit != null && x.unit !== 'flag')));
}

/** For ≤ criteria smaller is better: order bars so the firms nearest to passing come first. */
export function sortBest<T extends { value: number | null }>(items: T[], op: Op | null): T[] {
  const lowerBetter = op === '<=' || op === '<';
  return [...items].sort((a, b) => {
    if (a.value == null) return b.value == null ? 0 : 1;
    if (b.value == null) return -1;
    return lowerBetter ? a.value - b.value : b.value - a.value;
  });
}

/** The most frequent threshold (the one drawn as the reference line when firms differ). */
export function modalThreshold(values: (number | null)[]): number | null {
  const counts = new Map<number, number>();
  for (const v of values) if (v != null) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: number | null = null;
  for (const [v, n] of counts) if (best == null || n > counts.get(best)!) best = v;
  return best;
}

/** A round upper bound for an axis: 7.7 → 8, 37.5 → 40, 0.53 → 0.6. */
export function niceMax(v: number): number {
  if (!(v > 0)) return 1;
  const pow = 10 ** Math.floor(Math.log10(v));
  const m = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((k) => k * pow >= v - 1e-9) ?? 10;
  return Number((m * pow).toPrecision(12)); // 6 × 0.1 is 0.6000000000000001
}

/** The gradient, broadest title first. */
export const FUNNEL_TITLES: TitleCode[] = ['innovative_sme', 'srdi_provincial', 'gazelle_provincial', 'little_giant', 'champion_provincial', 'champion_national'];

/** District counts of the seed letter (答复函, 2023-07); national champions are not given there. */
export const DISTRICT_2023: Partial<Record<TitleCode, number>> = {
  innovative_sme: 42,
  srdi_provincial: 32,
  gazelle_provincial: 8,
  little_giant: 5,
  champion_provincial: 1,
};

/** Pool firms holding each title (a firm counts once per title, whatever the level or year). */
export function titleCounts(rows: PoolRowT[]): Record<TitleCode, number> {
  const counts = Object.fromEntries(FUNNEL_TITLES.map((c) => [c, 0])) as Record<TitleCode, number>;
  for (const r of rows) for (const code of new Set(r.titles.map((x) => x.code))) if (code in counts) counts[code] += 1;
  return counts;
}

/** Where a firm sits against the quadrant's lines: size (across) and market position (up), see quadrantAxes. */
export type Quadrant = 'both' | 'shareOnly' | 'revenueOnly' | 'neither';

export const QUADRANT_COLOUR: Record<Quadrant, string> = { both: '#2e7d32', shareOnly: '#1d4ed8', revenueOnly: '#b45309', neither: '#6b7785' };

/** A safe file name: 对标分析-营业收入.png. */
export function fileName(prefix: string, name: string): string {
  return `${prefix}-${name.replace(/[\\/:*?"<>|\s]+/g, '')}.png`;
}
