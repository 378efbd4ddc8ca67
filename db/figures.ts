// The yearly inputs of criteria-spec §1, in the order the template and the figures grid show them.
// Money is stored in 万元, shares as percent numbers; `min`/`max` are the plausibility limits an edit or
// an import must respect.

export type FigureUnit = 'money' | 'percent' | 'rank' | 'count' | 'persons' | 'points';

export interface FigureSpec {
  readonly key: string;
  /** The column header of the annual data template (import-template.md). */
  readonly zh: string;
  readonly unit: FigureUnit;
  readonly integer: boolean;
  readonly min: number;
  readonly max: number;
}

const MONEY_MAX = 1e8; // 万元: more than a trillion yuan is a unit mistake (import template)

const money = (key: string, zh: string, min = 0): FigureSpec => ({ key, zh, unit: 'money', integer: false, min, max: MONEY_MAX });
const percent = (key: string, zh: string): FigureSpec => ({ key, zh, unit: 'percent', integer: false, min: 0, max: 100 });
const rank = (key: string, zh: string): FigureSpec => ({ key, zh, unit: 'rank', integer: true, min: 1, max: 1e6 });
const count = (key: string, zh: string, unit: FigureUnit = 'count'): FigureSpec => ({ key, zh, unit, integer: true, min: 0, max: 1e7 });

export const FIGURES = [
  money('revenue', '营业收入'),
  money('main_revenue', '主营业务收入'),
  money('product_revenue', '主导产品销售收入'),
  money('rd_expense', '研发费用'),
  money('net_profit', '净利润', -MONEY_MAX),
  money('total_assets', '资产总额'),
  money('total_liabilities', '负债总额'),
  money('intl_revenue', '国际业务收入'),
  money('equity_financing', '股权融资'),
  percent('share_global', '全球市场占有率'),
  percent('share_domestic', '国内市场占有率'),
  percent('share_provincial', '省内市场占有率'),
  rank('rank_global', '全球排名'),
  rank('rank_national', '全国排名'),
  rank('rank_provincial', '全省排名'),
  count('ip_class1', 'Ⅰ类知识产权数'),
  count('invention_patents', '有效发明专利数'),
  count('utility_software', '实用新型及软著数'),
  count('standards_led', '主导制定标准数'),
  percent('rd_staff_share', '研发人员占比'),
  count('employees', '从业人员', 'persons'),
  { key: 'credit_score', zh: '信用评分', unit: 'points', integer: false, min: 0, max: 1000 },
] as const satisfies readonly FigureSpec[];

export const FIGURE_KEYS = FIGURES.map((f) => f.key) as unknown as readonly [FigureKey, ...FigureKey[]];
export type FigureKey = (typeof FIGURES)[number]['key'];

const byKey = new Map<string, FigureSpec>(FIGURES.map((f) => [f.key, f]));

/**
 * One row's figures in FIGURE_KEYS order, NaN where there is no value: a plain array of doubles, which V8 keeps
 * unboxed — an import holds 500,000 of them, and 22 boxed numbers per row was most of its memory and GC time.
 */
export type FigureRow = number[];
export const FIGURE_INDEX: ReadonlyMap<FigureKey, number> = new Map(FIGURES.map((f, i) => [f.key as FigureKey, i]));
export const emptyFigureRow = (): FigureRow => new Array<number>(FIGURES.length).fill(NaN);
export function figureAt(row: FigureRow, key: FigureKey): number | null {
  const v = row[FIGURE_INDEX.get(key)!];
  return Number.isNaN(v) ? null : v;
}
export function figureSpec(key: FigureKey): FigureSpec {
  return byKey.get(key)!;
}

/** Why a value cannot be stored for this figure, or null when it can. */
export function figureProblem(key: FigureKey, value: number): string | null {
  const spec = figureSpec(key);
  if (!Number.isFinite(value)) return 'not_a_number';
  if (spec.integer && !Number.isInteger(value)) return 'not_integer';
  if (value < spec.min) return spec.unit === 'money' || spec.unit === 'percent' ? 'negative' : 'below_min';
  if (value > spec.max) return spec.unit === 'money' ? 'implausible_money' : 'above_max';
  return null;
}

export const TITLE_CODES = [
  'innovative_sme',
  'srdi_provincial',
  'gazelle_provincial',
  'little_giant',
  'champion_provincial',
  'champion_national',
  'leader_provincial',
  'leader_national',
  'high_tech',
  'tech_innovation_demo',
  'ip_advantage',
  'ip_demo',
] as const;
export type TitleCode = (typeof TITLE_CODES)[number];

/** These recognitions run three years (criteria-spec §1): obtained in year T, valid for data years T … T+2, then
 * lapsed unless re-recognised. 单项冠军 and 领航 titles are reviewed on their own terms and are not counted as lapsing. */
export const TITLE_TERM_YEARS = 3;
const LAPSING: ReadonlySet<TitleCode> = new Set(['innovative_sme', 'srdi_provincial', 'gazelle_provincial', 'little_giant', 'high_tech', 'tech_innovation_demo', 'ip_advantage', 'ip_demo']);

/** The last data year a title is valid in, or null when it does not lapse (or its year is not known). */
export function titleValidUntil(code: TitleCode, year: number | null): number | null {
  return year != null && LAPSING.has(code) ? year + TITLE_TERM_YEARS - 1 : null;
}

/** The level each title is conferred at (the code already implies it; kept as data for display and filters). */
export const TITLE_LEVEL: Record<TitleCode, 'national' | 'provincial'> = {
  innovative_sme: 'provincial',
  srdi_provincial: 'provincial',
  gazelle_provincial: 'provincial',
  little_giant: 'national',
  champion_provincial: 'provincial',
  champion_national: 'national',
  leader_provincial: 'provincial',
  leader_national: 'national',
  high_tech: 'national',
  tech_innovation_demo: 'national',
  ip_advantage: 'national',
  ip_demo: 'national',
};
