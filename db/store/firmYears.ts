import type Database from 'better-sqlite3';
import { FIGURE_KEYS, type FigureKey, type FigureRow } from '../figures';

export type FigureValues = Partial<Record<FigureKey, number | null>>;

const COLUMNS = ['firm_id', 'year', ...FIGURE_KEYS, 'source_id', 'source_row'];
const statements = new WeakMap<Database.Database, Database.Statement>();

/** Prepared once per connection; values are bound by position, the quickest form for a bulk import. */
function insertStatement(db: Database.Database): Database.Statement {
  let st = statements.get(db);
  if (!st) {
    st = db.prepare(`INSERT INTO firm_years (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
    statements.set(db, st);
  }
  return st;
}

/** A new year row from an import's figure row (NaN: no value). */
export function insertFigureRow(db: Database.Database, firmId: number, year: number, figures: FigureRow, sourceId: number, sourceRow: number | null): void {
  const row: unknown[] = new Array(COLUMNS.length);
  row[0] = firmId;
  row[1] = year;
  for (let i = 0; i < FIGURE_KEYS.length; i++) row[2 + i] = Number.isNaN(figures[i]) ? null : figures[i];
  row[COLUMNS.length - 2] = sourceId;
  row[COLUMNS.length - 1] = sourceRow;
  insertStatement(db).run(row);
}

export function insertFirmYear(db: Database.Database, firmId: number, values: FigureValues & { year: number }, sourceId: number, sourceRow: number | null): void {
  insertFigureRow(db, firmId, values.year, FIGURE_KEYS.map((k) => values[k] ?? NaN), sourceId, sourceRow);
}
