// Consistent copies of the data file (VACUUM INTO), kept in a folder beside it and recorded in the file.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { schemaVersion } from './migrate';
import { nowIso } from './time';

export interface SnapshotRecord {
  id: number;
  file: string;
  reason: string;
  schemaVersion: number;
  bytes: number | null;
  createdAt: string;
  exists: boolean;
}

export function snapshotsDir(dataFile: string): string {
  return path.join(path.dirname(dataFile), 'snapshots');
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

/** Copies the database into the snapshots folder; records it when the schema has the table. */
export function takeSnapshot(db: Database.Database, dataFile: string, reason: string): SnapshotRecord {
  const base = path.basename(dataFile).replace(/\.[^.]+$/, '');
  const file = path.join(snapshotsDir(dataFile), `${base}-${stamp()}.sqlite`);
  const bytes = copyDatabase(db, file);
  const createdAt = nowIso();
  const version = schemaVersion(db);
  return { id: recordSnapshot(db, file, reason, version, bytes, createdAt), file, reason, schemaVersion: version, bytes, createdAt, exists: true };
}

export function recordSnapshot(db: Database.Database, file: string, reason: string, version: number, bytes: number, createdAt: string): number {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'snapshots'").get();
  if (!hasTable) return 0;
  const r = db
    .prepare('INSERT INTO snapshots (file, reason, schema_version, bytes, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(file, reason, version, bytes, createdAt);
  return Number(r.lastInsertRowid);
}

export function listSnapshots(db: Database.Database): SnapshotRecord[] {
  const rows = db
    .prepare('SELECT id, file, reason, schema_version, bytes, created_at FROM snapshots ORDER BY id DESC')
    .all() as { id: number; file: string; reason: string; schema_version: number; bytes: number | null; created_at: string }[];
  return rows.map((r) => ({
    id: r.id,
    file: r.file,
    reason: r.reason,
    schemaVersion: r.schema_version,
    bytes: r.bytes,
    createdAt: r.created_at,
    exists: fs.existsSync(r.file),
  }));
}

export const KEEP_RECENT = 10;

/**
 * Keeps the most recent snapshots, the last one taken before an import in each year (one per year of
 * refresh), and the one the last import can be undone to; deletes the others' files and records.
 */
export function rotateSnapshots(db: Database.Database, keepRecent = KEEP_RECENT): SnapshotRecord[] {
  const all = listSnapshots(db);
  const keep = new Set(all.slice(0, keepRecent).map((s) => s.id));
  const yearly = new Map<string, SnapshotRecord>();
  for (const s of all) if (s.reason.startsWith('导入前') && !yearly.has(s.createdAt.slice(0, 4))) yearly.set(s.createdAt.slice(0, 4), s);
  for (const s of yearly.values()) keep.add(s.id);
  const hasImports = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'imports'").get();
  const undoTo = hasImports ? (db.prepare('SELECT snapshot_file FROM imports ORDER BY id DESC LIMIT 1').pluck().get() as string | undefined) : undefined;
  const removed = all.filter((s) => !keep.has(s.id) && s.file !== undoTo);
  const del = db.prepare('DELETE FROM snapshots WHERE id = ?');
  for (const s of removed) {
    fs.rmSync(s.file, { force: true });
    del.run(s.id);
  }
  return removed;
}
