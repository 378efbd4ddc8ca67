// Chinese names of metrics and units for exported files (the UI has its own, translated, vocabulary).
import { FIGURES, type FigureKey } from '../figures';
import { parseMetric } from '../criteria/metrics';

const DERIVED: Record<string, string> = {
  debt_ratio: '资产负债率',
  rd_intensity: '研发投入占比',
  main_share: '主营业务收入占比',
  product_share_of_total: '主导产品销售收入占营业收入比重',
  product_share_of_main: '主导产品销售收入占主营业务收入比重',
  net_margin: '净利润率',
  years_in_segment: '进入细分领域年限',
  years_operating: '持续经营年限',
  is_new_product: '新产品',
  listed: '上市',
};
const FUNCTIONS: Record<string, (x: string) => string> = {
  growth: (x) => `${x}增长率`,
  avg_growth_2y: (x) => `近两年${x}平均增长率`,
  cagr_2y: (x) => `近两年${x}复合增长率`,
  avg_3y: (x) => `近三年平均${x}`,
  avg_2y: (x) => `近两年平均${x}`,
  sum_2y: (x) => `近两年合计${x}`,
  sum_3y: (x) => `近三年合计${x}`,
};
const figureName = new Map<string, string>(FIGURES.map((f) => [f.key, f.zh]));

export function metricLabel(metric: string): string {
  const p = parseMetric(metric);
  if (!p) return metric;
  if (p.kind === 'raw') return figureName.get(p.key)!;
  if (p.kind === 'fn') return FUNCTIONS[p.fn](figureName.get(p.key)!);
  if (p.kind === 'input') return `分析员录入（${p.key}）`;
  return DERIVED[p.name] ?? metric;
}

export const UNIT_ZH: Record<string, string> = { money: '万元', percent: '%', rank: '名', count: '项', persons: '人', points: '分', years: '年' };

export function figureHeader(key: FigureKey): string {
  const spec = FIGURES.find((f) => f.key === key)!;
  return spec.unit === 'rank' ? spec.zh : `${spec.zh}（${UNIT_ZH[spec.unit]}）`;
}

export const VERDICT_ZH: Record<string, string> = { eligible: '达标', not_eligible: '未达标', incomplete: '数据不全', needs_review: '待研判' };
export const STATUS_ZH: Record<string, string> = { draft: '草稿', recommended: '推荐', withdrawn: '撤回' };
export const CONFIDENCE_ZH: Record<string, string> = { text: '原文', multi: '多来源一致', single: '单一来源', unconfirmed: '未证实' };

/** 2026年11月26日 */
export function dateZh(d = new Date()): string {
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}
