import type Database from 'better-sqlite3';
import { nowIso } from '../time';

export type SourceKind = 'sample' | 'seed_letter' | 'import' | 'manual';

export interface NewSource {
  kind: SourceKind;
  label: string;
  file?: string | null;
  sheet?: string | null;
  actor?: string | null;
}

export function insertSource(db: Database.Database, s: NewSource): number {
  return Number(
    db
      .prepare('INSERT INTO sources (kind, label, file, sheet, actor, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(s.kind, s.label, s.file ?? null, s.sheet ?? null, s.actor ?? null, nowIso()).lastInsertRowid,
  );
}

export interface SourceRef {
  id: number;
  kind: SourceKind;
  label: string;
  file: string | null;
  sheet: string | null;
  actor: string | null;
  at: string;
}

export function sourceRefs(db: Database.Database, ids: number[]): SourceRef[] {
  if (!ids.length) return [];
  return db
    .prepare(`SELECT id, kind, label, file, sheet, actor, created_at AS at FROM sources WHERE id IN (${ids.map(() => '?').join(',')}) ORDER BY id`)
    .all(...ids) as SourceRef[];
}
