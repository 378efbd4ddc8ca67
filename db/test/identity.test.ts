// A data file's identity: a copy gets its own, so working on it never rotates, undoes to or restores the
// original's snapshots; a moved file or one opened through a hard link keeps its own.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { fileIdentity } from '../identity';
import { openPoolDb } from '../open';
import { rotateSnapshots, snapshotsDir } from '../snapshots';
import { call, callError, serviceFor, tempDir, track } from './helpers';

function original(dir: string) {
  const t = serviceFor(track(openPoolDb({ file: path.join(dir, 'pool.sqlite'), create: 'default' })));
  return t;
}

describe('a copy of the data file', () => {
  it('never deletes, undoes to or restores the snapshots of the file it was copied from', async () => {
    const dir = tempDir();
    const t = original(dir);
    const taken = [];
    for (let i = 0; i < 3; i++) taken.push(await call(t.service, 'snapshot.create', { reason: `原件 ${i}` }));
    // The original's last import, whose undo point is its first snapshot.
    t.pool.db.prepare("INSERT INTO sources (kind, label, created_at) VALUES ('import', 'a.xlsx', 'now')").run();
    t.pool.db.prepare("INSERT INTO imports (source_id, file, rows, new_firms, changed_values, snapshot_file, actor, at, writes_recorded) VALUES (last_insert_rowid(), 'a.xlsx', 1, 0, 0, ?, 't', 'now', 1)").run(taken[0].file);
    const originalId = fileIdentity(t.pool.db);
    t.pool.close();

    // Copies beside it (sharing its snapshots folder) and elsewhere, made while the original is in place.
    const sameFolder = path.join(dir, 'pool-copy.sqlite');
    const elsewhere = path.join(tempDir(), 'pool.sqlite');
    fs.copyFileSync(path.join(dir, 'pool.sqlite'), sameFolder);
    fs.copyFileSync(path.join(dir, 'pool.sqlite'), elsewhere);
    fs.cpSync(snapshotsDir(path.join(dir, 'pool.sqlite')), snapshotsDir(elsewhere), { recursive: true });
    for (const copy of [sameFolder, elsewhere]) {
      const c = serviceFor(track(openPoolDb({ file: copy, create: false })));
      expect(fileIdentity(c.pool.db)).not.toBe(originalId);
      const listed = (await call(c.service, 'app.info', {})).snapshots;
      expect(listed).toHaveLength(3);
      expect(listed.every((s) => !s.own)).toBe(true);
      for (let i = 0; i < 12; i++) await call(c.service, 'snapshot.create', { reason: `副本 ${i}` });
      expect(rotateSnapshots(c.pool.db, 2).every((s) => s.own)).toBe(true);
      expect((await callError(c.service, 'snapshot.restore', { id: taken[1].id })).message).toContain('副本');
      // Undo reverts what the import wrote in this file's own tables; it restores no snapshot, and the one it
      // takes first is the copy's own.
      const undone = await call(c.service, 'import.undo', {});
      expect(undone.undone.file).toBe('a.xlsx');
      expect(path.basename(undone.before)).toContain(path.basename(copy, '.sqlite'));
      c.pool.close();
    }
    for (const s of taken) expect(fs.existsSync(s.file), s.file).toBe(true);

    // The original is still itself: its snapshots are its own and its import can be undone.
    const back = serviceFor(track(openPoolDb({ file: path.join(dir, 'pool.sqlite'), create: false })));
    expect(fileIdentity(back.pool.db)).toBe(originalId);
    expect((await call(back.service, 'app.info', {})).snapshots.filter((s) => s.own).map((s) => s.id).sort()).toEqual(taken.map((s) => s.id).sort());
    const undone = await call(back.service, 'import.undo', {});
    expect(undone.undone.file).toBe('a.xlsx');
  });

  it('keeps its identity and snapshots when the data folder is moved, or opened through a hard link', async () => {
    const dir = tempDir();
    const t = original(path.join(dir, 'old'));
    const snap = await call(t.service, 'snapshot.create', { reason: 'before the move' });
    const id = fileIdentity(t.pool.db);
    t.pool.close();
    fs.renameSync(path.join(dir, 'old'), path.join(dir, 'new'));
    const moved = serviceFor(track(openPoolDb({ file: path.join(dir, 'new', 'pool.sqlite'), create: false })));
    expect(fileIdentity(moved.pool.db)).toBe(id);
    const [listed] = (await call(moved.service, 'app.info', {})).snapshots;
    expect(listed).toMatchObject({ id: snap.id, own: true, exists: true, file: path.join(dir, 'new', 'snapshots', path.basename(snap.file)) });
    moved.pool.close();

    const linked = path.join(dir, 'new', 'linked.sqlite');
    fs.linkSync(path.join(dir, 'new', 'pool.sqlite'), linked);
    const viaLink = track(openPoolDb({ file: linked, create: false }));
    expect(fileIdentity(viaLink.db)).toBe(id);
  });

  it('adopts the absolute snapshot records of a file from before identities only when they are its own', () => {
    const dir = tempDir();
    const file = path.join(dir, 'pool.sqlite');
    openPoolDb({ file, create: 'default' }).close();
    // Back to how version 10 recorded snapshots: absolute paths, no owner, no identity.
    const db = new Database(file);
    db.exec('DELETE FROM data_file');
    const add = db.prepare("INSERT INTO snapshots (file, reason, schema_version, bytes, created_at) VALUES (?, 'x', 10, 1, '2025-01-01')");
    const own = path.join(snapshotsDir(file), 'pool-20250101-100000-000.sqlite');
    const inherited = path.join(tempDir(), 'snapshots', 'pool-20250101-100000-000.sqlite');
    const otherName = path.join(snapshotsDir(file), 'pool-copy-20250101-100000-000.sqlite');
    for (const f of [own, inherited, otherName]) add.run(f);
    db.close();
    const pool = track(openPoolDb({ file, create: false }));
    const rows = pool.db.prepare('SELECT file, owner FROM snapshots ORDER BY id').all() as { file: string; owner: string | null }[];
    expect(rows).toEqual([
      { file: 'snapshots/pool-20250101-100000-000.sqlite', owner: fileIdentity(pool.db) },
      { file: inherited, owner: null },
      { file: otherName, owner: null },
    ]);
  });
});
