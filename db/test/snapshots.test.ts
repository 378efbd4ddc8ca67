import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { LATEST_VERSION } from '../migrations';
import { copyDatabase, listSnapshots, snapshotsDir, takeSnapshot } from '../snapshots';
import { call, callError, defaultService, openTemp, tempDir } from './helpers';

function inspect(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      version: db.pragma('user_version', { simple: true }),
      firms: db.prepare('SELECT count(*) FROM firms').pluck().get() as number,
      revenue: db.prepare("SELECT revenue FROM firm_years fy JOIN firms f ON f.id = fy.firm_id WHERE f.name = '鑫金山机械' AND fy.year = 2022").pluck().get(),
    };
  } finally {
    db.close();
  }
}

describe('snapshot.create', () => {
  it('writes a valid SQLite copy beside the data file and records it', async () => {
    const t = defaultService();
    const snap = await call(t.service, 'snapshot.create', { reason: '导入前备份' });
    expect(path.dirname(snap.file)).toBe(snapshotsDir(t.pool.file));
    expect(path.dirname(snap.file)).toBe(path.join(path.dirname(t.pool.file), 'snapshots'));
    expect(path.basename(snap.file)).toMatch(/^pool-\d{8}-\d{6}-\d{3}\.sqlite$/);
    expect(snap).toMatchObject({ reason: '导入前备份', schemaVersion: LATEST_VERSION, exists: true });
    expect(snap.bytes).toBe(fs.statSync(snap.file).size);
    expect(snap.id).toBeGreaterThan(0);
    expect(inspect(snap.file)).toEqual({ integrity: 'ok', version: LATEST_VERSION, firms: 11, revenue: 56847.8 });

    const info = await call(t.service, 'app.info', {});
    expect(info.snapshots).toEqual([snap]);
    expect(t.changes).toContain('snapshot.create');
  });

  it('copies committed edits still in the WAL', async () => {
    const t = defaultService();
    const id = t.pool.db.prepare("SELECT id FROM firms WHERE name = '鑫金山机械'").pluck().get() as number;
    await call(t.service, 'firm.updateFigures', { firmId: id, years: [{ year: 2022, values: { revenue: 60000 } }] });
    expect(fs.existsSync(`${t.pool.file}-wal`)).toBe(true);
    const snap = await call(t.service, 'snapshot.create', { reason: 'after edit' });
    expect(inspect(snap.file).revenue).toBe(60000);
    // the snapshot is a single self-contained file
    expect(fs.existsSync(`${snap.file}-wal`)).toBe(false);
  });

  it('keeps quick successive snapshots apart, newest first in app.info', async () => {
    const t = defaultService();
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await call(t.service, 'snapshot.create', { reason: `r${i}` }));
    expect(new Set(made.map((s) => s.file)).size).toBe(5);
    const info = await call(t.service, 'app.info', {});
    expect(info.snapshots.map((s) => s.reason)).toEqual(['r4', 'r3', 'r2', 'r1', 'r0']);
    for (const s of made) expect(inspect(s.file).integrity).toBe('ok');
  });

  it('reports a snapshot whose file was removed as missing', async () => {
    const t = defaultService();
    const snap = await call(t.service, 'snapshot.create', { reason: 'x' });
    fs.rmSync(snap.file);
    const [listed] = (await call(t.service, 'app.info', {})).snapshots;
    expect(listed).toMatchObject({ id: snap.id, exists: false });
  });

  it('refuses an empty or over-long reason', async () => {
    const t = defaultService();
    expect((await callError(t.service, 'snapshot.create', { reason: '' })).code).toBe('invalid_input');
    expect((await callError(t.service, 'snapshot.create', { reason: 'x'.repeat(201) })).code).toBe('invalid_input');
    expect((await callError(t.service, 'snapshot.create', {})).code).toBe('invalid_input');
    expect(fs.existsSync(snapshotsDir(t.pool.file))).toBe(false);
  });
});

describe('snapshot helpers', () => {
  it('takeSnapshot on an empty pool and listSnapshots agree', () => {
    const pool = openTemp({ create: 'empty' });
    const rec = takeSnapshot(pool.db, pool.file, 'manual');
    expect(listSnapshots(pool.db)).toEqual([rec]);
    expect(inspect(rec.file).firms).toBe(0);
  });

  it('numbers snapshots taken in the same millisecond instead of failing on the second', () => {
    const pool = openTemp({ create: 'empty' });
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-04T05:06:07.089') });
    try {
      const made = [0, 1, 2].map((i) => takeSnapshot(pool.db, pool.file, `r${i}`));
      expect(made.map((s) => path.basename(s.file))).toEqual(['pool-20260304-050607-089.sqlite', 'pool-20260304-050607-089-1.sqlite', 'pool-20260304-050607-089-2.sqlite']);
      for (const s of made) expect(inspect(s.file).integrity).toBe('ok');
    } finally {
      vi.useRealTimers();
    }
  });

  it('copyDatabase refuses to overwrite an existing file', () => {
    const pool = openTemp();
    const target = path.join(tempDir(), 'nested', 'copy.sqlite');
    expect(copyDatabase(pool.db, target)).toBe(fs.statSync(target).size);
    const before = fs.readFileSync(target);
    expect(() => copyDatabase(pool.db, target)).toThrow();
    expect(fs.readFileSync(target).equals(before)).toBe(true);
  });
});
