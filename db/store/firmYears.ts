import type Database from 'better-sqlite3';
import { FIGURE_KEYS, type FigureKey } from '../figures';

export type FigureValues = Partial<Record<FigureKey, number | null>>;

const statements = new WeakMap<Database.Database, Database.Statement>();

function insertStatement(db: Database.Database): Database.Statement {
  let st = statements.get(db);
  if (!st) {
    const cols = ['firm_id', 'year', ...FIGURE_KEYS, 'source_id', 'source_row'];
    st = db.prepare(`INSERT INTO firm_years (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`);
    statements.set(db, st);
  }
  return st;
}

export function insertFirmYear(db: Database.Database, firmId: number, values: FigureValues & { year: number }, sourceId: number, sourceRow: number | null): void {
  const row: Record<string, unknown> = { firm_id: firmId, year: values.year, source_id: sourceId, source_row: sourceRow };
  for (const k of FIGURE_KEYS) row[k] = values[k] ?? null;
  insertStatement(db).run(row);
}
