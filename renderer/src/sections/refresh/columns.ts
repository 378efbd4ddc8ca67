// The template's columns as the mapping step offers them: the firm columns, then every figure (in the
// template's order). Labels come from `refresh.columns.*` and the shared `figures.*` messages.
import type { FigureKey } from '../../../../db/contract';
import { FIGURE_ORDER, FIGURE_UNITS } from '../../figures';

export type TFn = (key: string, options?: Record<string, unknown>) => string;

export const FIRM_COLUMNS = [
  'credit_code',
  'name',
  'year',
  'town',
  'chain',
  'main_product',
  'product_code',
  'segment_since',
  'founded_year',
  'is_new_product',
  'listed',
  'titles',
] as const;
export type FirmColumn = (typeof FIRM_COLUMNS)[number];
export type TemplateKey = FirmColumn | FigureKey;

export const FIGURE_COLUMNS: readonly FigureKey[] = FIGURE_ORDER;

export const isFigure = (key: string): key is FigureKey => key in FIGURE_UNITS;
const isFirmColumn = (key: string): key is FirmColumn => (FIRM_COLUMNS as readonly string[]).includes(key);

/** The label of a template key (or of a changed field, which uses the same keys); unknown keys as they are. */
export function columnLabel(t: TFn, key: string): string {
  if (isFigure(key)) return t(`figures.${key}`);
  if (isFirmColumn(key)) return t(`refresh.columns.${key}`);
  return key;
}
