// A data file as an older release left it: the schema up to `version`, one pool member with figures, in
// rollback-journal or WAL mode. The CLI tests read it and check that it is left byte for byte as it was.
import Database from 'better-sqlite3';
import { migrate } from '../../db/migrate';

export function writeOldFile(file: string, version: number, journal: 'delete' | 'wal' = 'delete'): void {
  const db = new Database(file);
  db.pragma(`journal_mode = ${journal}`);
  migrate(db, version);
  db.prepare("INSERT INTO sources (id, kind, label, created_at) VALUES (1, 'manual', '旧版录入', '2022-12-01T00:00:00+08:00')").run();
  db.prepare("INSERT INTO firms (id, credit_code, name, town, source_id) VALUES (1, '91350100M000100Y43', '旧版企业', '运河街道', 1)").run();
  const year = db.prepare('INSERT INTO firm_years (firm_id, year, revenue, main_revenue, source_id) VALUES (1, ?, ?, ?, 1)');
  for (const [y, revenue] of [[2020, 50_000], [2021, 52_000], [2022, 55_000]]) year.run(y, revenue, revenue * 0.9);
  db.prepare("INSERT INTO pool_years (year, name, source_id, created_at) VALUES (2023, '旧版培育库', 1, '2023-01-01')").run();
  db.prepare("INSERT INTO pool_members (year, firm_id, status, source_id) VALUES (2023, 1, 'member', 1)").run();
  db.close();
}
