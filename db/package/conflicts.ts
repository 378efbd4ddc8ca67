// After a merge: the conflicts it left (open until the analyst picks a value), settling one, and the districts
// that reported each firm. A conflict or a district whose package was undone no longer counts.
import type Database from 'better-sqlite3';
import type { ConflictT } from '../contract';
import { AppError } from '../errors';
import { FIGURE_KEYS } from '../figures';
import { nowIso } from '../time';
import { PROFILE_FIELDS } from './sections';
import { sameValue, type Scalar } from './plan';

type Stored = { district: string; value: Scalar; source: string; importId: number | null };
type ConflictRow = {
  id: number;
  firm_id: number;
  credit_code: string;
  name: string;
  year: number | null;
  field: string;
  candidates: string;
  status: 'open' | 'resolved';
  chosen_district: string | null;
  resolved_how: 'prefer' | 'analyst' | null;
  resolved_by: string | null;
  resolved_at: string | null;
};

const FIGURES = new Set<string>(FIGURE_KEYS);
const PROFILE = new Set<string>(PROFILE_FIELDS);

function currentValue(db: Database.Database, firmId: number, year: number | null, field: string): Scalar {
  if (year === null) return PROFILE.has(field) ? ((db.prepare(`SELECT ${field} FROM firms WHERE id = ?`).pluck().get(firmId) as Scalar | undefined) ?? null) : null;
  if (!FIGURES.has(field)) return null;
  return (db.prepare(`SELECT ${field} FROM firm_years WHERE firm_id = ? AND year = ?`).pluck().get(firmId, year) as Scalar | undefined) ?? null;
}

const undoneImports = (db: Database.Database) => new Set(db.prepare('SELECT id FROM imports WHERE undone_at IS NOT NULL').pluck().all() as number[]);
const live = (undone: Set<number>, candidates: Stored[]) => candidates.every((c) => c.importId === null || !undone.has(c.importId));

function shaped(db: Database.Database, r: ConflictRow): ConflictT {
  const candidates = JSON.parse(r.candidates) as Stored[];
  return {
    id: r.id,
    firmId: r.firm_id,
    creditCode: r.credit_code,
    name: r.name,
    year: r.year,
    field: r.field,
    values: candidates.map(({ district, value, source }) => ({ district, value, source })),
    current: currentValue(db, r.firm_id, r.year, r.field),
    status: r.status,
    chosenDistrict: r.chosen_district,
    resolvedHow: r.resolved_how,
    resolvedBy: r.resolved_by,
    resolvedAt: r.resolved_at,
  };
}

const SELECT = 'SELECT c.*, f.credit_code, f.name FROM merge_conflicts c JOIN firms f ON f.id = c.firm_id';

export function listConflicts(db: Database.Database, status: 'open' | 'all'): ConflictT[] {
  const undone = undoneImports(db);
  const rows = db.prepare(`${SELECT} ${status === 'open' ? "WHERE c.status = 'open'" : ''} ORDER BY f.name_sort, c.year, c.field, c.id`).all() as ConflictRow[];
  return rows.filter((r) => live(undone, JSON.parse(r.candidates) as Stored[])).map((r) => shaped(db, r));
}

export function countOpenConflicts(db: Database.Database): number {
  return listConflicts(db, 'open').length;
}

/**
 * The analyst picks one district's value (or the city's own): it is written with that package as its source and
 * recorded among that package's writes, so undoing the package takes it back too; the city's own value is kept.
 */
export function resolveConflict(db: Database.Database, id: number, district: string, actor: string): ConflictT {
  return db.transaction(() => {
    const r = db.prepare(`${SELECT} WHERE c.id = ?`).get(id) as ConflictRow | undefined;
    if (!r) throw new AppError('not_found', `没有编号为 ${id} 的合并冲突`);
    const candidates = JSON.parse(r.candidates) as Stored[];
    if (!live(undoneImports(db), candidates)) throw new AppError('conflict', '这处冲突所属的报送包已撤销合并，无需处理');
    if (r.status !== 'open') throw new AppError('conflict', `这处冲突已于 ${r.resolved_at?.slice(0, 16).replace('T', ' ')} 由 ${r.resolved_by} 处理（采用${r.chosen_district}的值）`);
    const pick = candidates.find((c) => c.district === district);
    if (!pick) throw new AppError('invalid_input', `这处冲突没有“${district}”报送的值：可选 ${candidates.map((c) => c.district).join('、')}`);
    const at = nowIso();
    const now = currentValue(db, r.firm_id, r.year, r.field);
    if (pick.importId !== null && !sameValue(now, pick.value)) {
      const source = db.prepare('SELECT source_id FROM imports WHERE id = ?').pluck().get(pick.importId) as number;
      const wrote = db.prepare('INSERT INTO import_writes (import_id, kind, firm_id, year, field, old_value, new_value, old_source_id, old_source_row) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
      if (r.year === null) {
        if (!PROFILE.has(r.field)) throw new AppError('invalid_input', `未知字段：${r.field}`);
        const old = db.prepare('SELECT coalesce(profile_source_id, source_id) FROM firms WHERE id = ?').pluck().get(r.firm_id) as number;
        db.prepare(`UPDATE firms SET ${r.field} = ?, profile_source_id = ? WHERE id = ?`).run(pick.value, source, r.firm_id);
        wrote.run(pick.importId, 'profile', r.firm_id, null, r.field, now, pick.value, old, null);
      } else {
        if (!FIGURES.has(r.field)) throw new AppError('invalid_input', `未知指标：${r.field}`);
        const before = db.prepare('SELECT source_id, source_row FROM value_overrides WHERE firm_id = ? AND year = ? AND field = ?').get(r.firm_id, r.year, r.field) as { source_id: number; source_row: number | null } | undefined;
        db.prepare(`UPDATE firm_years SET ${r.field} = ? WHERE firm_id = ? AND year = ?`).run(pick.value, r.firm_id, r.year);
        db.prepare(
          `INSERT INTO value_overrides (firm_id, year, field, source_id, source_row) VALUES (?, ?, ?, ?, NULL)
           ON CONFLICT (firm_id, year, field) DO UPDATE SET source_id = excluded.source_id, source_row = NULL`,
        ).run(r.firm_id, r.year, r.field, source);
        wrote.run(pick.importId, 'figure', r.firm_id, r.year, r.field, now, pick.value, before?.source_id ?? null, before?.source_row ?? null);
      }
      db.prepare("INSERT INTO audit_log (at, actor, entity, firm_id, year, field, old_value, new_value, source_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").run(
        at,
        actor,
        r.year === null ? 'firm' : 'figure',
        r.firm_id,
        r.year,
        r.field,
        now == null ? null : String(now),
        pick.value == null ? null : String(pick.value),
        source,
        `处理合并冲突：采用${pick.source}的值`,
      );
    } else {
      db.prepare("INSERT INTO audit_log (at, actor, entity, firm_id, year, field, old_value, new_value, note) VALUES (?, ?, 'merge_conflict', ?, ?, ?, ?, ?, ?)").run(
        at,
        actor,
        r.firm_id,
        r.year,
        r.field,
        now == null ? null : String(now),
        now == null ? null : String(now),
        `处理合并冲突：保留${pick.district}的值`,
      );
    }
    db.prepare("UPDATE merge_conflicts SET status = 'resolved', chosen_district = ?, resolved_how = 'analyst', resolved_by = ?, resolved_at = ? WHERE id = ?").run(district, actor, at, id);
    return shaped(db, db.prepare(`${SELECT} WHERE c.id = ?`).get(id) as ConflictRow);
  })();
}

const LIVE_DISTRICTS = 'FROM pool_districts d JOIN imports i ON i.id = d.import_id AND i.undone_at IS NULL';

/** The districts that reported the pool year's firms, with how many each, and the packages merged. */
export function poolDistricts(db: Database.Database, year: number) {
  const districts = db
    .prepare(`SELECT d.district, count(DISTINCT d.firm_id) AS firms ${LIVE_DISTRICTS} WHERE d.year = ? GROUP BY d.district ORDER BY d.district`)
    .all(year) as { district: string; firms: number }[];
  districts.sort((a, b) => a.district.localeCompare(b.district, 'zh-CN'));
  const shared = db
    .prepare(`SELECT count(*) FROM (SELECT d.firm_id ${LIVE_DISTRICTS} WHERE d.year = ? GROUP BY d.firm_id HAVING count(DISTINCT d.district) > 1)`)
    .pluck()
    .get(year) as number;
  const packages = db
    .prepare(
      `SELECT p.import_id AS importId, p.district, p.file AS fileName, p.exported_at AS exportedAt, p.merged_at AS mergedAt, p.signature, p.pool_year AS poolYear
       FROM package_merges p JOIN imports i ON i.id = p.import_id AND i.undone_at IS NULL ORDER BY p.id DESC`,
    )
    .all() as { importId: number; district: string; fileName: string; exportedAt: string; mergedAt: string; signature: string; poolYear: number }[];
  return { districts, shared, packages, openConflicts: countOpenConflicts(db) };
}

/** The districts of some firms in a pool year, for the rows of a page. */
export function districtsOf(db: Database.Database, year: number, firmIds: number[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  if (!firmIds.length) return out;
  const rows = db
    .prepare(`SELECT DISTINCT d.firm_id, d.district ${LIVE_DISTRICTS} WHERE d.year = ? AND d.firm_id IN (SELECT value FROM json_each(?)) ORDER BY d.district`)
    .all(year, JSON.stringify(firmIds)) as { firm_id: number; district: string }[];
  for (const r of rows) out.set(r.firm_id, [...(out.get(r.firm_id) ?? []), r.district]);
  return out;
}

/** The live districts filter of the pool table, as a condition on `f.id` with @year and @district bound. */
export const DISTRICT_FILTER = `EXISTS (SELECT 1 ${LIVE_DISTRICTS} WHERE d.year = @year AND d.firm_id = f.id AND d.district = @district)`;
