// 推荐名单: shortlists of a pool year under one criteria set — proposed from the evaluation (eligible first,
// then the closest by projection), edited by the analyst (add, remove, reorder, annotate), every change in
// the shortlist's history.
import type Database from 'better-sqlite3';
import type { EvaluationRowT, MethodOutput, ParsedInput, VerdictT } from '../contract';
import { AppError } from '../errors';
import { nowIso } from '../time';
import { requireSet } from './criteria';
import { evaluationRows, type Evaluator } from './evaluation';

type Detail = MethodOutput<'shortlist.get'>;

interface Row {
  id: number;
  name: string;
  pool_year: number;
  set_id: string;
  data_year: number | null;
  filling_unit: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

const summaryOf = (r: Row, entries: number) => ({
  id: r.id,
  name: r.name,
  poolYear: r.pool_year,
  setId: r.set_id,
  dataYear: r.data_year,
  fillingUnit: r.filling_unit,
  entries,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

function requireShortlist(db: Database.Database, id: number): Row {
  const r = db.prepare('SELECT * FROM shortlists WHERE id = ?').get(id) as Row | undefined;
  if (!r) throw new AppError('not_found', `找不到推荐名单（编号 ${id}）`, { id });
  return r;
}

function audit(db: Database.Database, id: number, actor: string, field: string, firmId: number | null, oldValue: string | null, newValue: string | null): void {
  db.prepare("INSERT INTO audit_log (at, actor, entity, shortlist_id, firm_id, field, old_value, new_value) VALUES (?, ?, 'shortlist', ?, ?, ?, ?, ?)").run(
    nowIso(),
    actor,
    id,
    firmId,
    field,
    oldValue,
    newValue,
  );
  db.prepare('UPDATE shortlists SET updated_at = ? WHERE id = ?').run(nowIso(), id);
}

export function listShortlists(db: Database.Database, input: ParsedInput<'shortlist.list'>): MethodOutput<'shortlist.list'> {
  const rows = db
    .prepare(`SELECT s.*, (SELECT count(*) FROM shortlist_entries e WHERE e.shortlist_id = s.id) AS n FROM shortlists s ${input.year ? 'WHERE s.pool_year = ?' : ''} ORDER BY s.updated_at DESC, s.id DESC`)
    .all(...(input.year ? [input.year] : [])) as (Row & { n: number })[];
  return rows.map((r) => summaryOf(r, r.n));
}

/** Eligible first, then needs review and incomplete, then the closest by projection; never the unprojectable. */
export function proposeShortlist(evaluator: Evaluator, input: ParsedInput<'shortlist.propose'>): EvaluationRowT[] {
  // Chosen from the pool's summaries in evaluate.pool's order; full details only for the firms proposed.
  const { members } = evaluator.ranked(input.setId, input.year, input.dataYear);
  const results = evaluator.pool(input.setId, input.year, input.dataYear);
  const chosen = [];
  for (const m of members) {
    const e = results.get(m.firmId);
    if (!e || e.verdict !== 'not_eligible' || e.projection.kind === 'years') chosen.push(m);
    if (chosen.length === input.limit) break;
  }
  return evaluationRows(evaluator, input.setId, input.year, input.dataYear, chosen);
}

export function getShortlist(db: Database.Database, evaluator: Evaluator, id: number): Detail {
  const s = requireShortlist(db, id);
  const results = evaluator.pool(s.set_id, s.pool_year, s.data_year ?? undefined);
  const entries = db
    .prepare(
      `SELECT e.firm_id, f.name, f.credit_code, f.town, f.main_product, e.position, e.note, e.status, e.verdict_at_add, e.added_by, e.added_at
       FROM shortlist_entries e JOIN firms f ON f.id = e.firm_id WHERE e.shortlist_id = ? ORDER BY e.position`,
    )
    .all(id) as { firm_id: number; name: string; credit_code: string; town: string | null; main_product: string | null; position: number; note: string | null; status: 'draft' | 'recommended' | 'withdrawn'; verdict_at_add: VerdictT | null; added_by: string; added_at: string }[];
  const history = db
    .prepare(
      `SELECT a.id, a.at, a.actor, a.entity, a.year, a.field, a.old_value AS oldValue, a.new_value AS newValue, a.note, f.name AS firmName
       FROM audit_log a LEFT JOIN firms f ON f.id = a.firm_id WHERE a.shortlist_id = ? ORDER BY a.id DESC LIMIT 500`,
    )
    .all(id) as Detail['history'];
  return {
    ...summaryOf(s, entries.length),
    entries: entries.map((e) => {
      const ev = results.get(e.firm_id);
      return {
        firmId: e.firm_id,
        name: e.name,
        creditCode: e.credit_code,
        town: e.town,
        mainProduct: e.main_product,
        position: e.position,
        note: e.note,
        status: e.status,
        verdictAtAdd: e.verdict_at_add,
        verdictNow: ev?.verdict ?? null,
        projection: ev?.projection ?? { kind: 'none' },
        addedBy: e.added_by,
        addedAt: e.added_at,
      };
    }),
    history,
  };
}

function insertEntry(db: Database.Database, evaluator: Evaluator, s: Row, firmId: number, note: string | null, actor: string): void {
  if (!db.prepare('SELECT 1 FROM firms WHERE id = ?').get(firmId)) throw new AppError('not_found', `找不到企业（编号 ${firmId}）`, { firmId });
  if (db.prepare('SELECT 1 FROM shortlist_entries WHERE shortlist_id = ? AND firm_id = ?').get(s.id, firmId)) {
    throw new AppError('conflict', '该企业已在名单中', { firmId });
  }
  const verdict = evaluator.pool(s.set_id, s.pool_year, s.data_year ?? undefined).get(firmId)?.verdict ?? null;
  const position = ((db.prepare('SELECT max(position) FROM shortlist_entries WHERE shortlist_id = ?').pluck().get(s.id) as number | null) ?? 0) + 1;
  db.prepare('INSERT INTO shortlist_entries (shortlist_id, firm_id, position, note, verdict_at_add, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    s.id,
    firmId,
    position,
    note,
    verdict,
    actor,
    nowIso(),
  );
  audit(db, s.id, actor, 'add', firmId, null, verdict);
}

export function createShortlist(db: Database.Database, evaluator: Evaluator, input: ParsedInput<'shortlist.create'>, actor: string): Detail {
  requireSet(db, input.setId);
  if (!db.prepare('SELECT 1 FROM pool_years WHERE year = ?').get(input.year)) throw new AppError('not_found', `没有 ${input.year} 年度培育库`);
  if (db.prepare('SELECT 1 FROM shortlists WHERE name = ?').get(input.name)) throw new AppError('conflict', `已有同名推荐名单：${input.name}`);
  const id = db.transaction(() => {
    const at = nowIso();
    const newId = Number(
      db
        .prepare('INSERT INTO shortlists (name, pool_year, set_id, data_year, filling_unit, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(input.name, input.year, input.setId, input.dataYear ?? null, input.fillingUnit ?? null, actor, at, at).lastInsertRowid,
    );
    audit(db, newId, actor, 'create', null, null, input.name);
    const s = requireShortlist(db, newId);
    for (const firmId of input.firmIds) insertEntry(db, evaluator, s, firmId, null, actor);
    return newId;
  })();
  return getShortlist(db, evaluator, id);
}

export function updateShortlist(db: Database.Database, evaluator: Evaluator, input: ParsedInput<'shortlist.update'>, actor: string): Detail {
  db.transaction(() => {
    const s = requireShortlist(db, input.id);
    if (input.name !== undefined && input.name !== s.name) {
      if (db.prepare('SELECT 1 FROM shortlists WHERE name = ? AND id <> ?').get(input.name, s.id)) throw new AppError('conflict', `已有同名推荐名单：${input.name}`);
      db.prepare('UPDATE shortlists SET name = ? WHERE id = ?').run(input.name, s.id);
      audit(db, s.id, actor, 'name', null, s.name, input.name);
    }
    if (input.fillingUnit !== undefined && input.fillingUnit !== s.filling_unit) {
      db.prepare('UPDATE shortlists SET filling_unit = ? WHERE id = ?').run(input.fillingUnit, s.id);
      audit(db, s.id, actor, 'filling_unit', null, s.filling_unit, input.fillingUnit);
    }
  })();
  return getShortlist(db, evaluator, input.id);
}

export function addToShortlist(db: Database.Database, evaluator: Evaluator, input: ParsedInput<'shortlist.addFirm'>, actor: string): Detail {
  db.transaction(() => insertEntry(db, evaluator, requireShortlist(db, input.id), input.firmId, input.note ?? null, actor))();
  return getShortlist(db, evaluator, input.id);
}

function requireEntry(db: Database.Database, id: number, firmId: number): { position: number; note: string | null; status: string } {
  const e = db.prepare('SELECT position, note, status FROM shortlist_entries WHERE shortlist_id = ? AND firm_id = ?').get(id, firmId) as
    | { position: number; note: string | null; status: string }
    | undefined;
  if (!e) throw new AppError('not_found', '该企业不在名单中', { id, firmId });
  return e;
}

export function removeFromShortlist(db: Database.Database, evaluator: Evaluator, input: ParsedInput<'shortlist.removeFirm'>, actor: string): Detail {
  db.transaction(() => {
    requireShortlist(db, input.id);
    const e = requireEntry(db, input.id, input.firmId);
    db.prepare('DELETE FROM shortlist_entries WHERE shortlist_id = ? AND firm_id = ?').run(input.id, input.firmId);
    db.prepare('UPDATE shortlist_entries SET position = position - 1 WHERE shortlist_id = ? AND position > ?').run(input.id, e.position);
    audit(db, input.id, actor, 'remove', input.firmId, String(e.position), null);
  })();
  return getShortlist(db, evaluator, input.id);
}

export function moveInShortlist(db: Database.Database, evaluator: Evaluator, input: ParsedInput<'shortlist.move'>, actor: string): Detail {
  db.transaction(() => {
    requireShortlist(db, input.id);
    const e = requireEntry(db, input.id, input.firmId);
    const count = db.prepare('SELECT count(*) FROM shortlist_entries WHERE shortlist_id = ?').pluck().get(input.id) as number;
    const to = Math.min(input.position, count);
    if (to === e.position) return;
    // Shift the others between the old and the new place by one, then put the firm in its place.
    if (to < e.position) db.prepare('UPDATE shortlist_entries SET position = position + 1 WHERE shortlist_id = ? AND position >= ? AND position < ?').run(input.id, to, e.position);
    else db.prepare('UPDATE shortlist_entries SET position = position - 1 WHERE shortlist_id = ? AND position > ? AND position <= ?').run(input.id, e.position, to);
    db.prepare('UPDATE shortlist_entries SET position = ? WHERE shortlist_id = ? AND firm_id = ?').run(to, input.id, input.firmId);
    audit(db, input.id, actor, 'position', input.firmId, String(e.position), String(to));
  })();
  return getShortlist(db, evaluator, input.id);
}

export function annotateShortlist(db: Database.Database, evaluator: Evaluator, input: ParsedInput<'shortlist.annotate'>, actor: string): Detail {
  db.transaction(() => {
    requireShortlist(db, input.id);
    const e = requireEntry(db, input.id, input.firmId);
    if (input.note !== undefined && input.note !== e.note) {
      db.prepare('UPDATE shortlist_entries SET note = ? WHERE shortlist_id = ? AND firm_id = ?').run(input.note, input.id, input.firmId);
      audit(db, input.id, actor, 'note', input.firmId, e.note, input.note);
    }
    if (input.status !== undefined && input.status !== e.status) {
      db.prepare('UPDATE shortlist_entries SET status = ? WHERE shortlist_id = ? AND firm_id = ?').run(input.status, input.id, input.firmId);
      audit(db, input.id, actor, 'status', input.firmId, e.status, input.status);
    }
  })();
  return getShortlist(db, evaluator, input.id);
}

export function deleteShortlist(db: Database.Database, input: ParsedInput<'shortlist.delete'>, actor: string): MethodOutput<'shortlist.delete'> {
  db.transaction(() => {
    const s = requireShortlist(db, input.id);
    db.prepare("INSERT INTO audit_log (at, actor, entity, field, old_value) VALUES (?, ?, 'shortlist', 'delete', ?)").run(nowIso(), actor, s.name);
    db.prepare('DELETE FROM shortlists WHERE id = ?').run(input.id);
  })();
  return { deleted: input.id };
}
