// One audit line for the lists (融资需求名单, 上市后备库, 奖补兑现台账): who changed which field of which
// record, old and new, the firm named (and linked when the data file holds it).
import type Database from 'better-sqlite3';
import { nowIso } from '../time';

export type ListEntity = 'financing' | 'listing' | 'payment';

export function auditList(
  db: Database.Database,
  actor: string,
  entity: ListEntity,
  creditCode: string | null,
  field: string,
  oldValue: string | number | null,
  newValue: string | number | null,
  note: string,
): void {
  const firmId = creditCode ? ((db.prepare('SELECT id FROM firms WHERE credit_code = ?').pluck().get(creditCode) as number | undefined) ?? null) : null;
  const str = (v: string | number | null) => (v === null ? null : String(v));
  db.prepare('INSERT INTO audit_log (at, actor, entity, firm_id, field, old_value, new_value, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    nowIso(),
    actor,
    entity,
    firmId,
    field,
    str(oldValue),
    str(newValue),
    note,
  );
}

/** The latest changes of one list, newest first. */
export function listHistory(db: Database.Database, entity: ListEntity, limit = 200) {
  return db
    .prepare(
      `SELECT a.id, a.at, a.actor, a.entity, a.year, a.field, a.old_value AS oldValue, a.new_value AS newValue, a.note, f.name AS firmName
       FROM audit_log a LEFT JOIN firms f ON f.id = a.firm_id WHERE a.entity = ? ORDER BY a.id DESC LIMIT ?`,
    )
    .all(entity, limit) as { id: number; at: string; actor: string; entity: string; year: number | null; field: string | null; oldValue: string | null; newValue: string | null; note: string | null; firmName: string | null }[];
}
