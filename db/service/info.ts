import type Database from 'better-sqlite3';
import type { MethodOutput } from '../contract';
import { FIGURE_KEYS } from '../figures';
import { schemaVersion } from '../migrate';
import { listSnapshots } from '../snapshots';

const count = (db: Database.Database, sql: string) => db.prepare(sql).pluck().get() as number;

/** How many stored values are still sample: non-null values in sample rows that no edit has replaced. */
function sampleCounts(db: Database.Database): MethodOutput<'app.info'>['sample'] {
  const notOverridden = (k: string) =>
    `sum(fy.${k} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM value_overrides o WHERE o.firm_id = fy.firm_id AND o.year = fy.year AND o.field = '${k}'))`;
  const r = db
    .prepare(
      `SELECT count(*) AS rows, coalesce(${FIGURE_KEYS.map(notOverridden).join(' + ')}, 0) AS vals
       FROM firm_years fy JOIN sources s ON s.id = fy.source_id WHERE s.kind = 'sample'`,
    )
    .get() as { rows: number; vals: number };
  const firms = count(db, "SELECT count(*) FROM firms f JOIN sources s ON s.id = f.source_id WHERE s.kind = 'sample'");
  return { firms, firmYears: r.rows, values: r.vals };
}

export function appInfo(db: Database.Database, dataFile: string, appVersion: string): MethodOutput<'app.info'> {
  return {
    appVersion,
    schemaVersion: schemaVersion(db),
    dataFile,
    poolYears: db.prepare('SELECT year FROM pool_years ORDER BY year DESC').pluck().all() as number[],
    counts: {
      firms: count(db, 'SELECT count(*) FROM firms'),
      firmYears: count(db, 'SELECT count(*) FROM firm_years'),
      titles: count(db, 'SELECT count(*) FROM titles'),
      auditEntries: count(db, 'SELECT count(*) FROM audit_log'),
    },
    sample: sampleCounts(db),
    snapshots: listSnapshots(db),
  };
}
