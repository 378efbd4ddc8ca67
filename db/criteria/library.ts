// The criteria library of one data file: the shipped sets, and sets an analyst added from a file (kept in the
// data file with who added them and when). A set added under an existing id must be a higher version; it then
// stands in for the earlier one until removed. Analysts' switches on criteria live here too.
import type Database from 'better-sqlite3';
import { AppError } from '../errors';
import { nowIso } from '../time';
import type { Criterion, CriteriaSet } from './schema';
import { CriteriaFileError, criteriaSets, parseCriteriaSet } from './sets';

export interface LibraryEntry {
  set: CriteriaSet;
  origin: 'shipped' | 'imported';
  /** For an added set: its file, who added it and when. */
  added: { fileName: string; by: string; at: string } | null;
  /** The version this one stands in for (shipped or added earlier), if any. */
  replacesVersion: number | null;
}

interface StoredRow {
  set_id: string;
  version: number;
  file_name: string;
  json: string;
  added_by: string;
  added_at: string;
}

// Parsed sets are kept per open data file: evaluation asks for a set per cached result and per page. Another
// process adding a set changes PRAGMA data_version, so the cache is checked against it.
const cache = new WeakMap<Database.Database, { dataVersion: number; entries: LibraryEntry[] }>();

function hasTable(db: Database.Database): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'criteria_library'").get() !== undefined;
}

function load(db: Database.Database): LibraryEntry[] {
  const rows = hasTable(db)
    ? (db.prepare('SELECT set_id, version, file_name, json, added_by, added_at FROM criteria_library WHERE removed_at IS NULL ORDER BY set_id, version').all() as StoredRow[])
    : [];
  const byId = new Map<string, LibraryEntry>(criteriaSets().map((set) => [set.id, { set, origin: 'shipped', added: null, replacesVersion: null }]));
  const order = criteriaSets().map((s) => s.id);
  for (const r of rows) {
    // Stored sets were validated when added; a later release's stricter schema still reads them (or says which).
    const set = parseCriteriaSet(r.file_name, JSON.parse(r.json));
    const before = byId.get(r.set_id);
    if (!before) order.push(r.set_id);
    byId.set(r.set_id, { set, origin: 'imported', added: { fileName: r.file_name, by: r.added_by, at: r.added_at }, replacesVersion: before?.set.version ?? null });
  }
  return order.map((id) => byId.get(id)!);
}

/** Every set in force in this data file: the shipped ones, then those added, each id at its highest version. */
export function library(db: Database.Database): LibraryEntry[] {
  const dataVersion = db.pragma('data_version', { simple: true }) as number;
  const hit = cache.get(db);
  if (hit && hit.dataVersion === dataVersion) return hit.entries;
  const entries = load(db);
  cache.set(db, { dataVersion, entries });
  return entries;
}

export const librarySets = (db: Database.Database): CriteriaSet[] => library(db).map((e) => e.set);

export function findSet(db: Database.Database, id: string): CriteriaSet | undefined {
  return library(db).find((e) => e.set.id === id)?.set;
}

export function requireSet(db: Database.Database, id: string): CriteriaSet {
  const set = findSet(db, id);
  if (!set) throw new AppError('not_found', `没有标准集 ${id}`, { setId: id, known: library(db).map((e) => e.set.id) });
  return set;
}

export function criteriaSwitches(db: Database.Database, setId: string): Map<string, { enabled: boolean; actor: string; at: string }> {
  const rows = db.prepare('SELECT criterion_id, enabled, actor, at FROM criteria_settings WHERE set_id = ?').all(setId) as { criterion_id: string; enabled: number; actor: string; at: string }[];
  return new Map(rows.map((r) => [r.criterion_id, { enabled: r.enabled === 1, actor: r.actor, at: r.at }]));
}

/** Whether a criterion counts: the analyst's switch if there is one, else the set's default. */
export function enabledFn(db: Database.Database, setId: string): (c: Criterion) => boolean {
  const switches = criteriaSwitches(db, setId);
  return (c) => switches.get(c.id)?.enabled ?? c.enabled;
}

/** Where a JSON syntax error is, as 第 L 行第 C 列 (JSON.parse names a character offset only). */
function jsonPlace(text: string, e: Error): string {
  const m = /position (\d+)/.exec(e.message);
  if (!m) return '(文件)';
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  return `第 ${line} 行第 ${before.length - before.lastIndexOf('\n')} 列`;
}

/** Validates a criteria file exactly as the shipped ones are; refused with the file, the place and the rule broken. */
export function readCriteriaFile(fileName: string, text: string): CriteriaSet {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const where = jsonPlace(text, e as Error);
    throw new AppError('invalid_input', `标准文件 ${fileName} 无效：${where} — 不是有效的 JSON（${(e as Error).message}）；未作任何改动`, { file: fileName, where, problem: 'invalid JSON' });
  }
  try {
    return parseCriteriaSet(fileName, json);
  } catch (e) {
    if (!(e instanceof CriteriaFileError)) throw e;
    throw new AppError('invalid_input', `${e.message}；未作任何改动`, { file: e.file, where: e.where, problem: e.problem });
  }
}

/** Adds a set from a file, in one transaction with its audit entry. */
export function addSet(db: Database.Database, fileName: string, text: string, actor: string): LibraryEntry {
  const set = readCriteriaFile(fileName, text);
  const current = library(db).find((e) => e.set.id === set.id);
  if (current && set.version <= current.set.version) {
    const whose = current.origin === 'shipped' ? '内置' : `${current.added!.by} 于 ${current.added!.at} 导入`;
    throw new AppError(
      'conflict',
      `标准文件 ${fileName} 未导入：标准集 ${set.id} 已存在（第 ${current.set.version} 版，${whose}）。如为该标准的新版本，请在文件中写 "version": ${current.set.version + 1}；否则请另取编号（id）。未作任何改动`,
      { file: fileName, where: 'id', setId: set.id, version: set.version, existingVersion: current.set.version },
    );
  }
  const at = nowIso();
  db.transaction(() => {
    db.prepare('INSERT INTO criteria_library (set_id, version, file_name, json, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?)').run(set.id, set.version, fileName, JSON.stringify(set), actor, at);
    db.prepare("INSERT INTO audit_log (at, actor, entity, field, old_value, new_value, note) VALUES (?, ?, 'criteria_set', ?, ?, ?, ?)").run(
      at,
      actor,
      set.id,
      current ? `v${current.set.version}` : null,
      `v${set.version}`,
      `导入 ${fileName}`,
    );
  })();
  cache.delete(db);
  return library(db).find((e) => e.set.id === set.id)!;
}

/** Removes an added set (its current version); the version it stood in for, if any, applies again. */
export function removeSet(db: Database.Database, setId: string, actor: string): { removed: number; now: LibraryEntry | null } {
  const entry = library(db).find((e) => e.set.id === setId);
  if (!entry) throw new AppError('not_found', `没有标准集 ${setId}`, { setId });
  if (entry.origin === 'shipped') throw new AppError('invalid_input', `标准集 ${setId} 是内置标准，不能删除（可以停用其中的条件）`, { setId });
  if (entry.replacesVersion === null) {
    const lists = db.prepare('SELECT name FROM shortlists WHERE set_id = ? ORDER BY name').pluck().all(setId) as string[];
    if (lists.length) throw new AppError('conflict', `标准集 ${setId} 仍被推荐名单使用：${lists.join('、')}。请先删除这些名单；未作任何改动`, { setId, shortlists: lists });
  }
  const at = nowIso();
  db.transaction(() => {
    db.prepare('UPDATE criteria_library SET removed_by = ?, removed_at = ? WHERE set_id = ? AND version = ? AND removed_at IS NULL').run(actor, at, setId, entry.set.version);
    db.prepare("INSERT INTO audit_log (at, actor, entity, field, old_value, new_value, note) VALUES (?, ?, 'criteria_set', ?, ?, ?, ?)").run(
      at,
      actor,
      setId,
      `v${entry.set.version}`,
      entry.replacesVersion === null ? null : `v${entry.replacesVersion}`,
      `删除 ${entry.added!.fileName}`,
    );
  })();
  cache.delete(db);
  return { removed: entry.set.version, now: library(db).find((e) => e.set.id === setId) ?? null };
}
