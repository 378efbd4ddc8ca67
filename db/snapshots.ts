// Consistent copies of the data file (VACUUM INTO), kept in a folder beside it and recorded in the file with
// their path relative to the data file's folder and the identity of the file that took them. A copy of the
// data file inherits the records but not the snapshots: only a file's own snapshots are rotated, undone to or
// restored; the others are listed as references and never deleted.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { fileIdentity } from './identity';
import { schemaVersion } from './migrate';
import { nowIso } from './time';

export interface SnapshotRecord {
  id: number;
  /** Where the snapshot is (absolute). */
  file: string;
  reason: string;
  schemaVersion: number;
  bytes: number | null;
  createdAt: string;
  exists: boolean;
  /** Taken by this data file (not inherited by a copy from its original). */
  own: boolean;
}

export function snapshotsDir(dataFile: string): string {
  return path.join(path.dirname(dataFile), 'snapshots');
}

/** The data file's name without its extension: every snapshot of it is named `${base}-…`. */
export const snapshotBase = (dataFile: string) => path.basename(dataFile).replace(/\.[^.]+$/, '');

/** A recorded snapshot path (relative to the data file's folder, or absolute as before identities) made absolute. */
export function snapshotPath(dataFile: string, stored: string): string {
  return path.resolve(path.dirname(dataFile), stored);
}

/** How a snapshot path is recorded: relative to the data file's folder, with forward slashes. */
export function storedPath(dataFile: string, file: string): string {
  return path.relative(path.dirname(dataFile), file).split(path.sep).join('/');
}

function stamp(d = new Date()): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}-${p(d.getMilliseconds(), 3)}`;
}

/** Writes a consistent copy of the open database to `target` (which must not exist). */
export function copyDatabase(db: Database.Database, target: string): number {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  db.prepare('VACUUM INTO ?').run(target);
  return fs.statSync(target).size;
}

/**
 * Copies the database to a new file in the snapshots folder named `${base}-${label}.sqlite`; two copies in
 * the same millisecond get `-1`, `-2`… rather than one refusing to overwrite the other.
 */
export function copyToSnapshots(db: Database.Database, dataFile: string, label: string): { file: string; bytes: number } {
  const dir = snapshotsDir(dataFile);
  for (let n = 0; ; n++) {
    const file = path.join(dir, `${snapshotBase(dataFile)}-${label}${n ? `-${n}` : ''}.sqlite`);
    if (fs.existsSync(file)) continue;
    try {
      return { file, bytes: copyDatabase(db, file) };
    } catch (e) {
      // Taken between the check and the copy: try the next name; anything else is a real failure.
      if (!/output file already exists/.test((e as Error).message) || n > 1000) throw e;
    }
  }
}

/** Copies the database into the snapshots folder; records it when the schema has the table. */
export function takeSnapshot(db: Database.Database, dataFile: string, reason: string): SnapshotRecord {
  const { file, bytes } = copyToSnapshots(db, dataFile, stamp());
  const createdAt = nowIso();
  const version = schemaVersion(db);
  const id = recordSnapshot(db, dataFile, file, reason, version, bytes, createdAt);
  return { id, file, reason, schemaVersion: version, bytes, createdAt, exists: true, own: true };
}

const hasColumn = (db: Database.Database, table: string, column: string) =>
  (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]).includes(column);

export function recordSnapshot(db: Database.Database, dataFile: string, file: string, reason: string, version: number, bytes: number, createdAt: string): number {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'snapshots'").get();
  if (!hasTable) return 0;
  const stored = storedPath(dataFile, file);
  const r = hasColumn(db, 'snapshots', 'owner')
    ? db.prepare('INSERT INTO snapshots (file, reason, schema_version, bytes, created_at, owner) VALUES (?, ?, ?, ?, ?, ?)').run(stored, reason, version, bytes, createdAt, fileIdentity(db))
    : db.prepare('INSERT INTO snapshots (file, reason, schema_version, bytes, created_at) VALUES (?, ?, ?, ?, ?)').run(stored, reason, version, bytes, createdAt);
  return Number(r.lastInsertRowid);
}

/** Every recorded snapshot, newest first; `dataFile` defaults to the file the connection has open. */
export function listSnapshots(db: Database.Database, dataFile: string = db.name): SnapshotRecord[] {
  const owned = hasColumn(db, 'snapshots', 'owner');
  const identity = fileIdentity(db);
  const rows = db
    .prepare(`SELECT id, file, reason, schema_version, bytes, created_at, ${owned ? 'owner' : 'NULL AS owner'} FROM snapshots ORDER BY id DESC`)
    .all() as { id: number; file: string; reason: string; schema_version: number; bytes: number | null; created_at: string; owner: string | null }[];
  return rows.map((r) => {
    const file = snapshotPath(dataFile, r.file);
    return {
      id: r.id,
      file,
      reason: r.reason,
      schemaVersion: r.schema_version,
      bytes: r.bytes,
      createdAt: r.created_at,
      exists: fs.existsSync(file),
      own: identity !== null && r.owner === identity,
    };
  });
}

/**
 * Records from before identities, at an absolute path: those in this file's snapshots folder and named after it
 * are its own (made relative and given its identity); the rest were inherited by a copy and stay references.
 */
export function adoptLegacySnapshots(db: Database.Database, dataFile: string, identity: string): number {
  const dir = snapshotsDir(dataFile);
  const named = new RegExp(`^${snapshotBase(dataFile).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d{8}-\\d{6}-\\d{3}|before-v\\d+-\\d+)(-\\d+)?\\.sqlite$`);
  const rows = db.prepare('SELECT id, file FROM snapshots WHERE owner IS NULL').all() as { id: number; file: string }[];
  const adopt = db.prepare('UPDATE snapshots SET owner = ?, file = ? WHERE id = ?');
  let n = 0;
  for (const r of rows) {
    if (path.isAbsolute(r.file) && path.dirname(r.file) === dir && named.test(path.basename(r.file))) {
      adopt.run(identity, storedPath(dataFile, r.file), r.id);
      n++;
    }
  }
  return n;
}

/** The own snapshot the last import can be undone to, if any. */
export function undoPoint(db: Database.Database, dataFile: string = db.name): SnapshotRecord | undefined {
  const hasImports = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'imports'").get();
  if (!hasImports) return undefined;
  const stored = db.prepare('SELECT snapshot_file FROM imports ORDER BY id DESC LIMIT 1').pluck().get() as string | null | undefined;
  return stored ? ownSnapshotFor(db, dataFile, stored) : undefined;
}

/** The own snapshot an import's recorded snapshot path names (by its file name: the folder may have moved). */
export function ownSnapshotFor(db: Database.Database, dataFile: string, stored: string): SnapshotRecord | undefined {
  const name = path.basename(stored.replace(/\\/g, '/'));
  return listSnapshots(db, dataFile).find((s) => s.own && path.basename(s.file) === name);
}

export const KEEP_RECENT = 10;

/**
 * Among this file's own snapshots: keeps the most recent, the last one taken before an import in each year
 * (one per year of refresh), and the one the last import can be undone to; deletes the others' files and
 * records. Snapshots inherited from another file are never touched.
 */
export function rotateSnapshots(db: Database.Database, keepRecent = KEEP_RECENT, dataFile: string = db.name): SnapshotRecord[] {
  const all = listSnapshots(db, dataFile).filter((s) => s.own);
  const keep = new Set(all.slice(0, keepRecent).map((s) => s.id));
  const yearly = new Map<string, SnapshotRecord>();
  for (const s of all) if (s.reason.startsWith('导入前') && !yearly.has(s.createdAt.slice(0, 4))) yearly.set(s.createdAt.slice(0, 4), s);
  for (const s of yearly.values()) keep.add(s.id);
  const undo = undoPoint(db, dataFile);
  if (undo) keep.add(undo.id);
  const removed = all.filter((s) => !keep.has(s.id));
  const del = db.prepare('DELETE FROM snapshots WHERE id = ?');
  for (const s of removed) {
    fs.rmSync(s.file, { force: true });
    del.run(s.id);
  }
  return removed;
}
