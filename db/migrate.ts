import type Database from 'better-sqlite3';
import { AppError } from './errors';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations';
import { registerFunctions } from './sortKey';
import { nowIso } from './time';

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function assertNotNewer(db: Database.Database, file: string): void {
  const version = schemaVersion(db);
  if (version > LATEST_VERSION) {
    throw new AppError(
      'schema_too_new',
      `数据文件 ${file} 的结构版本为 ${version}，高于本程序支持的 ${LATEST_VERSION}。请升级程序后再打开，文件未作任何改动。`,
      { fileVersion: version, appVersion: LATEST_VERSION },
    );
  }
}

/** Applies every migration above the file's version, each in its own transaction, recorded in the file. */
export function migrate(db: Database.Database, target = LATEST_VERSION, migrations: readonly Migration[] = MIGRATIONS): Migration[] {
  registerFunctions(db);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied: Migration[] = [];
  for (const m of migrations) {
    if (m.version <= schemaVersion(db) || m.version > target) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, nowIso());
      db.pragma(`user_version = ${m.version}`);
    })();
    applied.push(m);
  }
  return applied;
}
