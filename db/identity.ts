// Which data file this is. A copy carries its original's bytes, identity included, so the identity is bound to
// the place the file was last opened for writing: opened elsewhere while the original still sits at that place
// with the same identity, it is a copy and gets an identity of its own; otherwise it was moved or renamed (or
// is the same file under a hard link) and keeps it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { nowIso } from './time';
import { nativeBinding } from './nativeBinding';

interface Binding {
  identity: string;
  path: string;
  device: string;
  inode: string;
}

const hasTable = (db: Database.Database, name: string) => Boolean(db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name));

/** The identity kept in an open data file, or null (a file never opened for writing since migration 11). */
export function fileIdentity(db: Database.Database): string | null {
  if (!hasTable(db, 'data_file')) return null;
  return (db.prepare('SELECT identity FROM data_file WHERE id = 1').pluck().get() as string | undefined) ?? null;
}

/** The identity kept in the data file at `file`, read without locking or writing; null when there is none. */
export function identityAt(file: string): string | null {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding: nativeBinding() });
    return fileIdentity(db);
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

export interface BoundIdentity {
  identity: string;
  /** Set when the file turned out to be a copy: where its original is. */
  copyOf: string | null;
  /** True when the identity was given just now (a new file, or a file from before identities). */
  fresh: boolean;
}

/** Reads (or gives) the identity of the data file open for writing at its real path `file`. */
export function bindIdentity(db: Database.Database, file: string): BoundIdentity {
  const st = fs.statSync(file, { bigint: true });
  const here: Omit<Binding, 'identity'> = { path: file, device: String(st.dev), inode: String(st.ino) };
  const row = db.prepare('SELECT identity, path, device, inode FROM data_file WHERE id = 1').get() as Binding | undefined;
  const write = (identity: string) =>
    db
      .prepare('INSERT OR REPLACE INTO data_file (id, identity, path, device, inode, bound_at) VALUES (1, ?, ?, ?, ?, ?)')
      .run(identity, here.path, here.device, here.inode, nowIso());
  if (!row) {
    const identity = crypto.randomUUID();
    write(identity);
    return { identity, copyOf: null, fresh: true };
  }
  const samePlace = row.path === here.path;
  const sameFile = row.device === here.device && row.inode === here.inode;
  if (samePlace && sameFile) return { identity: row.identity, copyOf: null, fresh: false };
  if (!samePlace && !sameFile && identityAt(row.path) === row.identity) {
    const identity = crypto.randomUUID();
    write(identity);
    return { identity, copyOf: row.path, fresh: true };
  }
  write(row.identity);
  return { identity: row.identity, copyOf: null, fresh: false };
}
