// Cell values shared by the xlsx and CSV writers: formula-injection neutralising, numeric coercion for
// numeric columns, and a display-width estimate for column sizing.

import type { ColumnKind } from './model';

type Raw = string | number | null | undefined;

/** Characters that make Excel/WPS/LibreOffice read a text cell as a formula (OWASP CSV-injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text that a spreadsheet could run as a formula gets a leading `'`, as OWASP advises. Numbers are never
 * touched (a negative number is data, not a formula); null/undefined/non-finite become empty.
 */
export function neutralise(value: Raw): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Rounds away float noise (0.1 + 0.2) so the CSV shows what the bureau typed, not 0.30000000000000004. */
function clean(n: number): number {
  return Number(n.toPrecision(15));
}

/**
 * The value a writer puts in a cell of a column of this kind. Numeric columns accept numeric strings
 * (e.g. "-35.5" from a text import) as numbers, so they are formatted and summed, not shown as text;
 * anything else is text and is neutralised.
 */
export function cellValue(kind: ColumnKind, value: Raw): string | number | null {
  if (kind !== 'text' && typeof value === 'string') {
    const t = value.trim();
    if (t !== '' && /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return clean(Number(t));
  }
  if (typeof value === 'number' && Number.isFinite(value)) return clean(value);
  return neutralise(value);
}

/** Characters that take two columns in Excel/WPS: CJK, full-width forms, CJK punctuation. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** Width in "Excel characters": CJK counts double. Takes the longest line of multi-line text. */
export function displayWidth(text: string): number {
  let best = 0;
  for (const line of text.split(/\r?\n/)) {
    let w = 0;
    for (const ch of line) w += WIDE.test(ch) ? 2 : 1;
    best = Math.max(best, w);
  }
  return best;
}

/** How a value reads in the sheet, for width estimates (numbers with the separators the numFmt adds). */
export function shownText(kind: ColumnKind, value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (kind === 'money') return value.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  if (kind === 'percent') return value.toFixed(1);
  return String(Math.round(value));
}
