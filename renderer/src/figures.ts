import type { FigureKey, FigureUnit } from '../../db/contract';

/** The figures grid's rows, in the template's order; the compiler checks every figure is listed. */
export const FIGURE_UNITS: Record<FigureKey, FigureUnit> = {
  revenue: 'money',
  main_revenue: 'money',
  product_revenue: 'money',
  rd_expense: 'money',
  net_profit: 'money',
  total_assets: 'money',
  total_liabilities: 'money',
  intl_revenue: 'money',
  equity_financing: 'money',
  share_global: 'percent',
  share_domestic: 'percent',
  share_provincial: 'percent',
  rank_global: 'rank',
  rank_national: 'rank',
  rank_provincial: 'rank',
  ip_class1: 'count',
  invention_patents: 'count',
  utility_software: 'count',
  standards_led: 'count',
  rd_staff_share: 'percent',
  employees: 'persons',
  credit_score: 'points',
};

export const FIGURE_ORDER = Object.keys(FIGURE_UNITS) as FigureKey[];
