// The yearly inputs of criteria-spec §1, in the order the template and the figures grid show them.
// Money is stored in 万元, shares as percent numbers; `min`/`max` are the plausibility limits an edit or
// an import must respect.

export type FigureUnit = 'money' | 'percent' | 'rank' | 'count' | 'persons' | 'points';

export interface FigureSpec {
  readonly key: string;
  readonly unit: FigureUnit;
  readonly integer: boolean;
  readonly min: number;
  readonly max: number;
}

const MONEY_MAX = 1e8; // 万元: more than a trillion yuan is a unit mistake (import template)

const money = (key: string, min = 0): FigureSpec => ({ key, unit: 'money', integer: false, min, max: MONEY_MAX });
const percent = (key: string): FigureSpec => ({ key, unit: 'percent', integer: false, min: 0, max: 100 });
const rank = (key: string): FigureSpec => ({ key, unit: 'rank', integer: true, min: 1, max: 1e6 });
const count = (key: string, unit: FigureUnit = 'count'): FigureSpec => ({ key, unit, integer: true, min: 0, max: 1e7 });

export const FIGURES = [
  money('revenue'),
  money('main_revenue'),
  money('product_revenue'),
  money('rd_expense'),
  money('net_profit', -MONEY_MAX),
  money('total_assets'),
  money('total_liabilities'),
  money('intl_revenue'),
  money('equity_financing'),
  percent('share_global'),
  percent('share_domestic'),
  percent('share_provincial'),
  rank('rank_global'),
  rank('rank_national'),
  rank('rank_provincial'),
  count('ip_class1'),
  count('invention_patents'),
  count('utility_software'),
  count('standards_led'),
  percent('rd_staff_share'),
  count('employees', 'persons'),
  { key: 'credit_score', unit: 'points', integer: false, min: 0, max: 1000 },
] as const satisfies readonly FigureSpec[];

export const FIGURE_KEYS = FIGURES.map((f) => f.key) as unknown as readonly [FigureKey, ...FigureKey[]];
export type FigureKey = (typeof FIGURES)[number]['key'];

const byKey = new Map<string, FigureSpec>(FIGURES.map((f) => [f.key, f]));
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
] as const;
export type TitleCode = (typeof TITLE_CODES)[number];

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
};
