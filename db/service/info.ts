import type Database from 'better-sqlite3';
import type { MethodOutput } from '../contract';
import { FIGURE_KEYS } from '../figures';
import { schemaVersion } from '../migrate';
import { listSnapshots } from '../snapshots';

const count = (db: Database.Database, sql: string) => db.prepare(sql).pluck().get() as number;

/** How many stored values are still sample: non-null values in sample rows that no edit has replaced. */
function sampleCounts(db: Database.Database): MethodOutput<'app.info'>['sample'] {
  const sums = FIGURE_KEYS.map((k) => `sum(fy.${k} IS NOT NULL)`).join(' + ');
  const r = db
    .prepare(
      `SELECT count(*) AS rows, coalesce(${sums}, 0) AS vals FROM firm_years fy JOIN sources s ON s.id = fy.source_id WHERE s.kind = 'sample'`,
    )
    .get() as { rows: number; vals: number };
  const overridden = count(
    db,
    `SELECT count(*) FROM value_overrides o JOIN firm_years fy ON fy.firm_id = o.firm_id AND fy.year = o.year
     JOIN sources s ON s.id = fy.source_id WHERE s.kind = 'sample'`,
  );
  const firms = count(db, "SELECT count(*) FROM firms f JOIN sources s ON s.id = f.source_id WHERE s.kind = 'sample'");
  return { firms, firmYears: r.rows, values: Math.max(0, r.vals - overridden) };
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
