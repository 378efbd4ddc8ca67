// Column readers for large files. Each mapped column gets one function, chosen once at the header row, that
// reads the forms nearly every cell of a province-sized file takes — a plain number, or a name, code or year
// repeated on each of a firm's rows — without the general path's folding and allocation. Everything else,
// every refusal included, goes through readCell, so the template's rules live in one place.
import { figureSpec, type FigureKey } from '../figures';
import type { TemplateColumn } from './template';
import { readCell, type CellValue, type RawCell } from './values';

export class CellError {
  constructor(readonly reason: string) {}
}

export type ColumnReader = (raw: RawCell) => CellValue | CellError;

/** At most 9 integer and 6 decimal digits: exact as a double, and within every figure's plausible range. */
const PLAIN = /^-?\d{1,9}(\.\d{1,6})?$/;
const NUMERIC = new Set(['money', 'percent', 'rank', 'count', 'persons', 'points']);

function general(col: TemplateColumn, factor: number): ColumnReader {
  return (raw) => {
    const r = readCell(raw, col.kind, col.key, factor);
    return r.ok ? r.value : new CellError(r.reason);
  };
}

/** The same text reads the same way: each distinct string is read once (and kept once). */
function memo(read: ColumnReader): ColumnReader {
  const seen = new Map<string, CellValue | CellError>();
  return (raw) => {
    if (typeof raw !== 'string') return read(raw);
    let v = seen.get(raw);
    if (v === undefined) {
      v = read(raw);
      // Stryker disable next-line ConditionalExpression,EqualityOperator: a bound on memory; a text not kept is read again, the same way
      if (seen.size < 500_000) seen.set(raw, v);
    }
    return v;
  };
}

function figure(col: TemplateColumn, factor: number): ColumnReader {
  const spec = figureSpec(col.key as FigureKey);
  const slow = general(col, factor);
  return (raw) => {
    // A fast path: a cell it leaves to the general rules is read by them to the same value (db/import/test/readers.test.ts).
    if (raw == null) return null;
    // Stryker disable next-line ConditionalExpression,StringLiteral: the general rules read an empty text as no value too
    if (raw === '') return null;
    // Stryker disable next-line BlockStatement: without the fast path every cell goes the general way, to the same value
    if (typeof raw === 'string' && PLAIN.test(raw)) {
      const v = factor === 1 ? +raw : Math.round(+raw * factor * 1e6) / 1e6;
      // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator: a value kept out goes the general way, to the same value or refusal
      if (v >= spec.min && v <= spec.max && (!spec.integer || Number.isInteger(v))) return v;
    }
    return slow(raw);
  };
}

export function columnReader(col: TemplateColumn, factor: number): ColumnReader {
  return NUMERIC.has(col.kind) ? figure(col, factor) : memo(general(col, factor));
}
