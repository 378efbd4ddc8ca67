import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileIdentity } from '../../identity';
import { rotateSnapshots } from '../../snapshots';
import { openTemp } from '../../test/helpers';

describe('snapshot rotation', () => {
  it('keeps the ten most recent, the last one before an import in each year, and the one the last import undoes to', () => {
    const h = openTemp();
    const dir = path.join(path.dirname(h.file), 'snapshots');
    fs.mkdirSync(dir, { recursive: true });
    const add = (name: string, reason: string, at: string) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, 'x');
      h.db.prepare('INSERT INTO snapshots (file, reason, schema_version, bytes, created_at, owner) VALUES (?, ?, 1, 1, ?, ?)').run(`snapshots/${name}`, reason, at, fileIdentity(h.db));
      return file;
    };
    add('y2023-import.sqlite', '导入前：2023.xlsx', '2023-12-01T10:00:00+08:00');
    add('y2024-import-old.sqlite', '导入前：a.xlsx', '2024-03-01T10:00:00+08:00');
    const undo = add('y2024-import-undo.sqlite', '导入前：b.xlsx', '2024-06-01T10:00:00+08:00');
    h.db.prepare("INSERT INTO sources (kind, label, created_at) VALUES ('import', 'b', '2024')").run();
    h.db.prepare("INSERT INTO imports (source_id, file, rows, new_firms, changed_values, snapshot_file, actor, at) VALUES (last_insert_rowid(), 'b.xlsx', 1, 0, 0, ?, 't', '2024')").run(undo);
    for (let i = 0; i < 13; i++) add(`manual-${String(i).padStart(2, '0')}.sqlite`, '手动', `2025-01-${String(i + 1).padStart(2, '0')}T10:00:00+08:00`);

    const removed = rotateSnapshots(h.db).map((s) => path.basename(s.file)).sort();
    expect(removed).toEqual(['manual-00.sqlite', 'manual-01.sqlite', 'manual-02.sqlite', 'y2024-import-old.sqlite']);
    const kept = fs.readdirSync(dir).sort();
    expect(kept).toContain('y2023-import.sqlite');
    expect(kept).toContain('y2024-import-undo.sqlite');
    expect(kept).toHaveLength(12);
    expect(h.db.prepare('SELECT count(*) FROM snapshots').pluck().get()).toBe(12);
  });
});

describe('snapshot rotation keeps the undo point', () => {
  it('even when neither the recent nor the yearly rule would keep it', () => {
    const h = openTemp();
    const dir = path.join(path.dirname(h.file), 'snapshots');
    fs.mkdirSync(dir, { recursive: true });
    const add = (name: string, reason: string, at: string) => {
      fs.writeFileSync(path.join(dir, name), 'x');
      h.db.prepare('INSERT INTO snapshots (file, reason, schema_version, bytes, created_at, owner) VALUES (?, ?, 1, 1, ?, ?)').run(`snapshots/${name}`, reason, at, fileIdentity(h.db));
      return path.join(dir, name);
    };
    // The last applied import undoes to the March snapshot; a later pre-import snapshot (an import that was
    // then refused) is the year's last, and ten manual ones are the most recent.
    const undo = add('undo-point.sqlite', '导入前：a.xlsx', '2024-03-01T10:00:00+08:00');
    add('refused-import.sqlite', '导入前：b.xlsx', '2024-06-01T10:00:00+08:00');
    h.db.prepare("INSERT INTO sources (kind, label, created_at) VALUES ('import', 'a', '2024')").run();
    h.db.prepare("INSERT INTO imports (source_id, file, rows, new_firms, changed_values, snapshot_file, actor, at) VALUES (last_insert_rowid(), 'a.xlsx', 1, 0, 0, ?, 't', '2024')").run(undo);
    for (let i = 0; i < 10; i++) add(`manual-${i}.sqlite`, '手动', `2025-01-${String(i + 1).padStart(2, '0')}T10:00:00+08:00`);

    expect(rotateSnapshots(h.db)).toEqual([]);
    expect(fs.existsSync(undo)).toBe(true);
    // Once another import is the last, the March snapshot is no longer an undo point and goes.
    h.db.prepare("INSERT INTO imports (source_id, file, rows, new_firms, changed_values, snapshot_file, actor, at) VALUES (1, 'c.xlsx', 1, 0, 0, NULL, 't', '2025')").run();
    expect(rotateSnapshots(h.db).map((s) => path.basename(s.file))).toEqual(['undo-point.sqlite']);
  });
});
