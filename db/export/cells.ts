// Cell values shared by the xlsx and CSV writers: numeric coercion for numeric columns, a display-width
// estimate for column sizing, and — for CSV only — formula-injection neutralising. An xlsx text cell is stored
// as text and never runs as a formula, so it is written as it is: an export imports back unchanged.

import type { ColumnKind } from './model';

type Raw = string | number | null | undefined;

/**
 * Text a spreadsheet opening a CSV could run as a formula (OWASP CSV-injection list), or text that already
 * starts with guard apostrophes before such a character: the importer takes exactly one `'` off either, so
 * every text reads back as it was written.
 */
export const GUARDED = /^'*[=+\-@\t\r]/;

/**
 * For CSV: text that a spreadsheet could run as a formula gets a leading `'`, as OWASP advises. Numbers are
 * never touched (a negative number is data, not a formula); null/undefined/non-finite become empty.
 */
export function neutralise(value: Raw): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return GUARDED.test(value) ? `'${value}` : value;
}

/** The reverse of `neutralise`, for a CSV cell being imported. */
export function unguard(text: string): string {
  return text.charCodeAt(0) === 39 && GUARDED.test(text) ? text.slice(1) : text;
}

/** Rounds away float noise (0.1 + 0.2) so the CSV shows what the bureau typed, not 0.30000000000000004. */
function clean(n: number): number {
  return Number(n.toPrecision(15));
}

/**
 * The value a writer puts in a cell of a column of this kind. Numeric columns accept numeric strings
 * (e.g. "-35.5" from a text import) as numbers, so they are formatted and summed, not shown as text;
 * anything else is text, as it is (the CSV writer neutralises it).
 */
export function cellValue(kind: ColumnKind, value: Raw): string | number | null {
  if (kind !== 'text' && typeof value === 'string') {
    const t = value.trim();
    if (t !== '' && /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return clean(Number(t));
  }
  if (typeof value === 'number' && Number.isFinite(value)) return clean(value);
  if (typeof value === 'number' || value === undefined) return null;
  return value;
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
  if (kind === 'amount') return value.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 6 });
  if (kind === 'percent') return value.toFixed(1);
  return String(Math.round(value));
}
