// The criteria library as the UI and CLI see it, analysts' switches on criteria, and analysts' inputs
// (route flags, judgements, points) — every change with who and when, in the audit log.
import type Database from 'better-sqlite3';
import type { MethodOutput, ParsedInput } from '../contract';
import { criteriaSwitches, library, requireSet, type LibraryEntry } from '../criteria/library';
import { inForce } from '../criteria/period';
import { AppError } from '../errors';
import { nowIso } from '../time';

type SetInfo = MethodOutput<'criteria.list'>[number];

export { criteriaSwitches, enabledFn, requireSet } from '../criteria/library';

function info(db: Database.Database, entry: LibraryEntry, poolYear?: number): SetInfo {
  const { set } = entry;
  const switches = criteriaSwitches(db, set.id);
  return {
    ...set,
    effective: Object.fromEntries(set.criteria.map((c) => [c.id, switches.get(c.id)?.enabled ?? c.enabled])),
    switchedBy: Object.fromEntries([...switches].map(([id, s]) => [id, { actor: s.actor, at: s.at }])),
    origin: entry.origin,
    added: entry.added,
    replacesVersion: entry.replacesVersion,
    inForce: poolYear === undefined ? null : inForce(set, poolYear),
  };
}

export function listCriteria(db: Database.Database, input: ParsedInput<'criteria.list'> = {}): SetInfo[] {
  return library(db).map((e) => info(db, e, input.poolYear));
}

const entryOf = (db: Database.Database, id: string): LibraryEntry => library(db).find((e) => e.set.id === id)!;

export function setCriterionEnabled(db: Database.Database, input: ParsedInput<'criteria.setEnabled'>, actor: string): SetInfo {
  const set = requireSet(db, input.setId);
  const criterion = set.criteria.find((c) => c.id === input.criterionId);
  if (!criterion) throw new AppError('not_found', `标准集 ${set.id} 中没有条件 ${input.criterionId}`);
  db.transaction(() => {
    const before = criteriaSwitches(db, set.id).get(criterion.id)?.enabled ?? criterion.enabled;
    const at = nowIso();
    db.prepare(
      `INSERT INTO criteria_settings (set_id, criterion_id, enabled, actor, at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (set_id, criterion_id) DO UPDATE SET enabled = excluded.enabled, actor = excluded.actor, at = excluded.at`,
    ).run(set.id, criterion.id, input.enabled ? 1 : 0, actor, at);
    db.prepare("INSERT INTO audit_log (at, actor, entity, field, old_value, new_value) VALUES (?, ?, 'criterion', ?, ?, ?)").run(
      at,
      actor,
      `${set.id}/${criterion.id}`,
      before ? 'on' : 'off',
      input.enabled ? 'on' : 'off',
    );
  })();
  return info(db, entryOf(db, set.id));
}

export function recordInput(db: Database.Database, input: ParsedInput<'analyst.record'>, actor: string): MethodOutput<'analyst.record'> {
  if (!db.prepare('SELECT 1 FROM firms WHERE id = ?').get(input.firmId)) throw new AppError('not_found', `找不到企业（编号 ${input.firmId}）`);
  if ((input.kind === 'points') !== (typeof input.value === 'number') && input.value !== null) {
    throw new AppError('invalid_input', input.kind === 'points' ? '分值应为数字' : '应为“是”或“否”', { kind: input.kind, value: input.value });
  }
  if (input.kind === 'judgement') {
    if (!input.setId) throw new AppError('invalid_input', '研判需注明标准集', { kind: input.kind });
    requireSet(db, input.setId);
  }
  const at = nowIso();
  const setId = input.kind === 'judgement' ? input.setId! : null;
  db.transaction(() => {
    const prev = db
      .prepare('SELECT value FROM analyst_inputs WHERE firm_id = ? AND kind = ? AND key = ? AND set_id IS ? ORDER BY id DESC LIMIT 1')
      .pluck()
      .get(input.firmId, input.kind, input.key, setId) as string | undefined;
    db.prepare('INSERT INTO analyst_inputs (firm_id, kind, key, set_id, value, note, actor, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      input.firmId,
      input.kind,
      input.key,
      setId,
      JSON.stringify(input.value),
      input.note ?? null,
      actor,
      at,
    );
    db.prepare("INSERT INTO audit_log (at, actor, entity, firm_id, field, old_value, new_value, note) VALUES (?, ?, 'analyst_input', ?, ?, ?, ?, ?)").run(
      at,
      actor,
      input.firmId,
      `${input.kind}:${setId ? setId + ':' : ''}${input.key}`,
      prev ?? null,
      JSON.stringify(input.value),
      input.note ?? null,
    );
  })();
  return { kind: input.kind, key: input.key, setId, value: input.value, note: input.note ?? null, actor, at };
}

export function firmInputs(db: Database.Database, firmId: number): MethodOutput<'analyst.record'>[] {
  const rows = db
    .prepare(
      `SELECT kind, key, set_id, value, note, actor, recorded_at FROM analyst_inputs a
       WHERE firm_id = ? AND id = (SELECT max(id) FROM analyst_inputs b WHERE b.firm_id = a.firm_id AND b.kind = a.kind AND b.key = a.key AND b.set_id IS a.set_id)
       ORDER BY kind, key`,
    )
    .all(firmId) as { kind: 'flag' | 'points' | 'judgement'; key: string; set_id: string | null; value: string; note: string | null; actor: string; recorded_at: string }[];
  return rows.map((r) => ({ kind: r.kind, key: r.key, setId: r.set_id, value: JSON.parse(r.value) as boolean | number | null, note: r.note, actor: r.actor, at: r.recorded_at }));
}
