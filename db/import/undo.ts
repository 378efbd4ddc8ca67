// Undoing an import: revert exactly what it wrote (import_writes) and keep everything done since. A value the
// import wrote that was edited later, or a firm or firm-year it created that later work hangs on, is a
// conflict: it is listed, and the analyst chooses to keep the later work or to revert it too.
import BetterSqlite3 from 'better-sqlite3';
import type Database from 'better-sqlite3';
import { AppError } from '../errors';
import { FIGURE_KEYS } from '../figures';
import { nowIso } from '../time';
import { FIRM_FIELDS } from './plan';
import { nativeBinding } from '../nativeBinding';
import { ledgerRowState } from '../store/ledgerRows';

export type ImportRow = {
  id: number;
  source_id: number;
  file: string;
  sheet: string | null;
  rows: number;
  new_firms: number;
  changed_values: number;
  snapshot_file: string | null;
  actor: string;
  at: string;
  writes_recorded: number;
  undone_at: string | null;
  undone_by: string | null;
};

type Write = {
  id: number;
  kind: 'firm' | 'year' | 'figure' | 'profile' | 'title' | 'member';
  firm_id: number;
  year: number | null;
  field: string | null;
  old_value: string | number | null;
  new_value: string | number | null;
  old_source_id: number | null;
  old_source_row: number | null;
};

export interface UndoConflict {
  /**
   * value: a value the import wrote was changed since; firm / year: later work on a firm or year it created;
   * record: a list row a merged package added (诉求, 融资需求 …) was changed since (`field` names the list).
   */
  kind: 'value' | 'firm' | 'year' | 'record';
  firmId: number | null;
  name: string;
  year: number | null;
  field: string | null;
  written: string | number | null;
  current: string | number | null;
  /** What was done since, as the audit log says. */
  what: string;
}

export interface UndoPlan {
  importId: number;
  file: string;
  at: string;
  counts: { values: number; profile: number; newYears: number; newFirms: number; titles: number; members: number; records: number };
  conflicts: UndoConflict[];
}

/** The tables whose rows an import (a merged package) inserted outside the writes ledger, in deletion order. */
const OWN_ROWS: { tbl: string; label: string; name: string }[] = [
  { tbl: 'analyst_inputs', label: '研判与标记', name: 'key' },
  { tbl: 'shortlists', label: '推荐名单', name: 'name' },
  { tbl: 'requests', label: '诉求台账', name: 'content' },
  { tbl: 'financing_needs', label: '融资需求', name: "name || ' · ' || project" },
  { tbl: 'listing_firms', label: '上市后备库', name: 'name' },
  { tbl: 'payments', label: '奖补兑现', name: "name || ' · ' || kind" },
];

type ChangedRow = { tbl: string; label: string; id: number; name: string; firm_id: number | null };

/** List rows the import inserted that were changed since (they differ from the state recorded then). */
function changedRows(db: Database.Database, imp: ImportRow): ChangedRow[] {
  const out: ChangedRow[] = [];
  for (const o of OWN_ROWS) {
    const own = db.prepare('SELECT row_id, state FROM import_rows WHERE import_id = ? AND tbl = ? AND state IS NOT NULL').all(imp.id, o.tbl) as { row_id: number; state: string }[];
    if (!own.length) continue;
    const row = db.prepare(`SELECT ${o.name} AS name, (SELECT id FROM firms WHERE credit_code = t.credit_code) AS firm_id FROM ${o.tbl} t WHERE id = ?`);
    for (const r of own) {
      const now = ledgerRowState(db, o.tbl, r.row_id);
      if (now === r.state) continue;
      const at = row.get(r.row_id) as { name: string; firm_id: number | null } | undefined;
      if (at) out.push({ tbl: o.tbl, label: o.label, id: r.row_id, name: at.name, firm_id: at.firm_id });
    }
  }
  return out;
}

/** The import an undo applies to: the latest not yet undone. */
export function lastImport(db: Database.Database): ImportRow {
  const row = db.prepare('SELECT * FROM imports WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1').get() as ImportRow | undefined;
  if (!row) throw new AppError('not_found', '没有可以撤销的导入');
  if (!row.writes_recorded) {
    throw new AppError('invalid_input', `导入 ${row.file} 是在本版本记录导入内容之前完成的，无法只撤销它写入的内容；如需撤回，请恢复它的导入前快照（会丢失之后的所有改动）`);
  }
  return row;
}

const FIGURES = new Set<string>(FIGURE_KEYS);
// A merged package also writes the firm's note (db/package).
const PROFILE = new Set<string>(['name', 'note', ...FIRM_FIELDS]);
// Exact: an edit of one 元 since the import is later work, not the value the import wrote.
const same = (a: unknown, b: unknown) => a === b;

function writesOf(db: Database.Database, importId: number): Write[] {
  return db.prepare('SELECT * FROM import_writes WHERE import_id = ? ORDER BY id').all(importId) as Write[];
}

/** Every audit entry about the firm (and year) since the import, other than the import's own and those of imports undone since. */
function laterWork(db: Database.Database, imp: ImportRow, firmId: number, year: number | null, field: string | null): string[] {
  const rows = db
    .prepare(
      `SELECT at, actor, entity, year, field, old_value, new_value, note FROM audit_log
       WHERE firm_id = ? AND id > (SELECT coalesce(max(id), 0) FROM audit_log WHERE source_id = ? AND entity = 'import')
         AND (? IS NULL OR year = ?) AND (? IS NULL OR field = ?) AND entity <> 'undo_import'
         AND coalesce(source_id NOT IN (SELECT source_id FROM imports WHERE undone_at IS NOT NULL), 1) ORDER BY id`,
    )
    .all(firmId, imp.source_id, year, year, field, field) as { at: string; actor: string; entity: string; year: number | null; field: string | null; old_value: string | null; new_value: string | null; note: string | null }[];
  return rows.map((r) => [r.at.slice(0, 16).replace('T', ' '), r.actor, r.field ? `${r.year ?? ''} ${r.field}: ${r.old_value ?? '空'} → ${r.new_value ?? '空'}` : (r.note ?? r.entity)].join(' '));
}

export function planUndo(db: Database.Database, imp: ImportRow): UndoPlan {
  const writes = writesOf(db, imp.id);
  const name = db.prepare('SELECT name FROM firms WHERE id = ?').pluck();
  const conflicts: UndoConflict[] = [];
  const counts = { values: 0, profile: 0, newYears: 0, newFirms: 0, titles: 0, members: 0, records: 0 };
  const firmName = (id: number) => (name.get(id) as string | undefined) ?? String(id);
  for (const w of writes) {
    if (w.kind === 'figure' || w.kind === 'profile') {
      if (w.kind === 'figure') counts.values++;
      else counts.profile++;
      const current = current_(db, w);
      if (!same(current, w.new_value)) {
        const what = laterWork(db, imp, w.firm_id, w.year, w.field);
        conflicts.push({ kind: 'value', firmId: w.firm_id, name: firmName(w.firm_id), year: w.year, field: w.field, written: w.new_value, current, what: what.join('；') || '之后被改动' });
      }
    } else if (w.kind === 'firm' || w.kind === 'year') {
      if (w.kind === 'firm') counts.newFirms++;
      else counts.newYears++;
      // A firm write has no year: its later work is the whole firm's.
      const what = laterWork(db, imp, w.firm_id, w.year, null);
      const hangs = w.kind === 'firm' ? firmHasLaterWork(db, imp, w.firm_id) : yearHasLaterWork(db, imp, w.firm_id, w.year!);
      if (what.length || hangs.length) {
        conflicts.push({ kind: w.kind, firmId: w.firm_id, name: firmName(w.firm_id), year: w.year, field: null, written: null, current: null, what: [...what, ...hangs].join('；') });
      }
    } else if (w.kind === 'title') counts.titles++;
    else counts.members++;
  }
  counts.records = db.prepare('SELECT count(*) FROM import_rows WHERE import_id = ?').pluck().get(imp.id) as number;
  for (const r of changedRows(db, imp)) {
    conflicts.push({ kind: 'record', firmId: r.firm_id, name: r.name, year: null, field: r.label, written: null, current: null, what: '合并之后有改动' });
  }
  return { importId: imp.id, file: imp.file, at: imp.at, counts, conflicts };
}

function current_(db: Database.Database, w: Write): string | number | null {
  // Only figure and profile writes come here, and figure keys and firm details share no name: the kind checks say
  // which table, the name checks keep anything but a known column out of the SQL.
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent (see above)
  if (w.kind === 'figure' && w.field && FIGURES.has(w.field)) {
    return (db.prepare(`SELECT ${w.field} FROM firm_years WHERE firm_id = ? AND year = ?`).pluck().get(w.firm_id, w.year) as number | null | undefined) ?? null;
  }
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent (see above)
  if (w.kind === 'profile' && w.field && PROFILE.has(w.field)) {
    return (db.prepare(`SELECT ${w.field} FROM firms WHERE id = ?`).pluck().get(w.firm_id) as string | number | null | undefined) ?? null;
  }
  return null;
}

/** Work on a firm the import created that does not come from the import: inputs, shortlists, other sources. */
function firmHasLaterWork(db: Database.Database, imp: ImportRow, firmId: number): string[] {
  const out: string[] = [];
  const n = (sql: string, ...args: unknown[]) => db.prepare(sql).pluck().get(...args) as number;
  // Rows the import itself inserted (a merged package's judgements and shortlists) are its own, not later work.
  const own = (tbl: string) => `SELECT row_id FROM import_rows WHERE import_id = ${Number(imp.id)} AND tbl = '${tbl}'`;
  const inputs = n(`SELECT count(*) FROM analyst_inputs WHERE firm_id = ? AND id NOT IN (${own('analyst_inputs')})`, firmId);
  if (inputs) out.push(`分析员录入 ${inputs} 项（研判、标记或分值）`);
  const lists = n(`SELECT count(*) FROM shortlist_entries WHERE firm_id = ? AND shortlist_id NOT IN (${own('shortlists')})`, firmId);
  if (lists) out.push(`在 ${lists} 份申报名单中`);
  const requests = n(`SELECT count(*) FROM requests WHERE firm_id = ? AND id NOT IN (${own('requests')})`, firmId);
  if (requests) out.push(`诉求台账中有 ${requests} 条之后登记的诉求`);
  // A request the import brought and someone worked on since hangs on the firm just as a later one does.
  const worked = changedRows(db, imp).filter((r) => r.tbl === 'requests' && r.firm_id === firmId).length;
  if (worked) out.push(`诉求台账中有 ${worked} 条合并来的诉求之后有改动`);
  const values = n('SELECT count(*) FROM value_overrides WHERE firm_id = ? AND source_id <> ?', firmId, imp.source_id);
  if (values) out.push(`之后改动了 ${values} 个数值`);
  const years = n('SELECT count(*) FROM firm_years WHERE firm_id = ? AND source_id <> ?', firmId, imp.source_id);
  if (years) out.push(`之后新增了 ${years} 个年度的数据`);
  const members = n('SELECT count(*) FROM pool_members WHERE firm_id = ? AND source_id <> ?', firmId, imp.source_id);
  if (members) out.push(`之后加入或调整了 ${members} 个年度的培育库`);
  return out;
}

function yearHasLaterWork(db: Database.Database, imp: ImportRow, firmId: number, year: number): string[] {
  const values = db.prepare('SELECT count(*) FROM value_overrides WHERE firm_id = ? AND year = ? AND source_id <> ?').pluck().get(firmId, year, imp.source_id) as number;
  return values ? [`之后改动了该年度 ${values} 个数值`] : [];
}

export type ConflictChoice = 'keep' | 'revert';

export interface UndoResult {
  reverted: number;
  kept: number;
}

/**
 * Reverts the import's writes in one transaction (the caller snapshots first). With conflicts, `choice` must
 * say whether later work is kept (those items are left as they are now) or reverted as well.
 */
export function undoImport(db: Database.Database, imp: ImportRow, actor: string, choice?: ConflictChoice): UndoResult {
  return db.transaction(() => {
    const plan = planUndo(db, imp);
    if (plan.conflicts.length && !choice) {
      throw new AppError('conflict', `导入 ${imp.file} 之后有 ${plan.conflicts.length} 处改动涉及它写入的内容：请选择保留之后的改动，或一并撤销`, plan.conflicts);
    }
    // A conflict on a data year keeps that year only: a pool membership of the same year number is not later work.
    const keep = (w: Write) =>
      choice !== 'revert' && plan.conflicts.some((c) => c.firmId === w.firm_id && (c.kind === 'firm' || (c.kind === 'year' && w.kind === 'year' && c.year === w.year) || (c.kind === 'value' && w.field === c.field && w.year === c.year && (w.kind === 'figure' || w.kind === 'profile'))));
    const at = nowIso();
    const audit = db.prepare("INSERT INTO audit_log (at, actor, entity, firm_id, year, field, old_value, new_value, source_id, note) VALUES (?, ?, 'undo_import', ?, ?, ?, ?, ?, ?, ?)");
    const note = `撤销导入 ${imp.file}`;
    const str = (v: unknown) => (v == null ? null : String(v));
    let reverted = 0;
    let kept = 0;
    // Newest first: a value written twice by one import (never, today) would end at its first old value.
    // Stryker disable next-line MethodExpression: an import writes each value once, so either order leaves the same data
    const writes = writesOf(db, imp.id).reverse();
    // Rows it inserted outside the writes ledger go first: they may hang on firms it created. A list row changed
    // since is kept when the analyst keeps later work.
    const spared = new Set((choice === 'revert' ? [] : changedRows(db, imp)).map((r) => `${r.tbl}|${r.id}`));
    for (const { tbl } of OWN_ROWS) {
      const rows = db.prepare('SELECT row_id FROM import_rows WHERE import_id = ? AND tbl = ?').pluck().all(imp.id, tbl) as number[];
      const del = db.prepare(`DELETE FROM ${tbl} WHERE id = ?`);
      for (const id of rows) {
        if (spared.has(`${tbl}|${id}`)) kept++;
        else reverted += del.run(id).changes;
      }
    }
    const order: Write['kind'][] = ['figure', 'profile', 'title', 'member', 'year', 'firm'];
    for (const kind of order) {
      for (const w of writes.filter((x) => x.kind === kind)) {
        if (keep(w)) {
          kept++;
          continue;
        }
        reverted++;
        switch (w.kind) {
          case 'figure': {
            // Stryker disable next-line ConditionalExpression: the ledger holds only figure keys; the check keeps any other text out of the SQL
            if (!w.field || !FIGURES.has(w.field)) break;
            const now = current_(db, w);
            db.prepare(`UPDATE firm_years SET ${w.field} = ? WHERE firm_id = ? AND year = ?`).run(w.old_value, w.firm_id, w.year);
            if (w.old_source_id === null) db.prepare('DELETE FROM value_overrides WHERE firm_id = ? AND year = ? AND field = ?').run(w.firm_id, w.year, w.field);
            else {
              db.prepare(
                `INSERT INTO value_overrides (firm_id, year, field, source_id, source_row) VALUES (?, ?, ?, ?, ?)
                 ON CONFLICT (firm_id, year, field) DO UPDATE SET source_id = excluded.source_id, source_row = excluded.source_row`,
              ).run(w.firm_id, w.year, w.field, w.old_source_id, w.old_source_row);
            }
            audit.run(at, actor, w.firm_id, w.year, w.field, str(now), str(w.old_value), imp.source_id, note);
            break;
          }
          case 'profile': {
            // Stryker disable next-line ConditionalExpression: the ledger holds only firm detail names; the check keeps any other text out of the SQL
            if (!w.field || !PROFILE.has(w.field)) break;
            const now = current_(db, w);
            db.prepare(`UPDATE firms SET ${w.field} = ?, profile_source_id = ? WHERE id = ?`).run(w.old_value, w.old_source_id, w.firm_id);
            audit.run(at, actor, w.firm_id, null, w.field, str(now), str(w.old_value), imp.source_id, note);
            break;
          }
          case 'title':
            db.prepare('DELETE FROM titles WHERE firm_id = ? AND code = ? AND source_id = ?').run(w.firm_id, w.field, imp.source_id);
            break;
          case 'member':
            db.prepare('DELETE FROM pool_members WHERE firm_id = ? AND year = ? AND source_id = ?').run(w.firm_id, w.year, imp.source_id);
            break;
          case 'year':
            db.prepare('DELETE FROM firm_years WHERE firm_id = ? AND year = ?').run(w.firm_id, w.year);
            break;
          case 'firm':
            db.prepare('DELETE FROM firms WHERE id = ?').run(w.firm_id);
            break;
        }
      }
    }
    db.prepare('UPDATE imports SET undone_at = ?, undone_by = ? WHERE id = ?').run(at, actor, imp.id);
    db.prepare("INSERT INTO audit_log (at, actor, entity, source_id, note) VALUES (?, ?, 'undo_import', ?, ?)").run(
      at,
      actor,
      imp.source_id,
      `${note}：撤销 ${reverted} 项写入${kept ? `，保留之后的改动 ${kept} 项` : ''}`,
    );
    return { reverted, kept };
  })();
}

/**
 * The last audit entry a snapshot holds: every later entry of the data file was done since it. Timestamps have
 * whole seconds, and an import is written in the second its snapshot is taken, so ids are compared instead.
 */
export function lastAuditIdOf(snapshotFile: string): number | null {
  let snap: Database.Database | undefined;
  try {
    // Stryker disable next-line BooleanLiteral: only read here, and a missing file fails to open read-only either way
    snap = new BetterSqlite3(snapshotFile, { readonly: true, fileMustExist: true, nativeBinding: nativeBinding() });
    return (snap.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number) ?? 0;
  } catch {
    return null;
  } finally {
    snap?.close();
  }
}

/** What was done after an audit entry, from the audit log: shown before a whole snapshot is restored. */
export function doneSince(db: Database.Database, afterId: number, limit = 200): { at: string; actor: string; entity: string; what: string }[] {
  const rows = db
    .prepare(
      `SELECT a.at, a.actor, a.entity, a.year, a.field, a.old_value, a.new_value, a.note, f.name FROM audit_log a LEFT JOIN firms f ON f.id = a.firm_id
       WHERE a.id > ? ORDER BY a.id DESC LIMIT ?`,
    )
    .all(afterId, limit) as { at: string; actor: string; entity: string; year: number | null; field: string | null; old_value: string | null; new_value: string | null; note: string | null; name: string | null }[];
  return rows.map((r) => ({
    at: r.at,
    actor: r.actor,
    entity: r.entity,
    what: [r.name, r.year, r.field ? `${r.field}：${r.old_value ?? '空'} → ${r.new_value ?? '空'}` : null, r.note].filter((x) => x != null && x !== '').join(' '),
  }));
}
