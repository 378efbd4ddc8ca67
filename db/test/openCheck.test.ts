// The check before the first write: an empty (truncated) file and a damaged one are refused with a Chinese
// message naming the file and what to do, and left byte for byte as they were.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openPoolDb } from '../open';
import { snapshotsDir, takeSnapshot } from '../snapshots';
import { tempDir, thrown } from './helpers';

/** A closed default pool (WAL checkpointed into the file) with `snapshots` snapshots beside it. */
function closedPool(snapshots: number): { file: string; snaps: string[] } {
  const file = path.join(tempDir(), 'pool.sqlite');
  const pool = openPoolDb({ file, create: 'default' });
  const snaps = Array.from({ length: snapshots }, (_, i) => takeSnapshot(pool.db, pool.file, `s${i}`).file);
  pool.close();
  return { file, snaps };
}

/** Overwrites pages of the file's b-trees with a pattern, as a failing disk or a bad copy would. */
function damage(file: string): void {
  const bytes = fs.readFileSync(file);
  const page = bytes.readUInt16BE(16) || 65536;
  for (let p = 2; p < Math.min(6, bytes.length / page); p++) bytes.fill(0xa5, p * page + 8, (p + 1) * page);
  fs.writeFileSync(file, bytes);
}

function expectUntouched(file: string, open: () => unknown): Error & { code?: string } {
  const before = fs.readFileSync(file);
  const listing = fs.readdirSync(path.dirname(file)).sort();
  const e = thrown(open);
  expect(fs.readFileSync(file).equals(before), 'the data file is byte-identical').toBe(true);
  expect(fs.readdirSync(path.dirname(file)).sort(), 'no lock note, -wal, -shm or snapshot left').toEqual(listing);
  return e;
}

describe('a damaged data file', () => {
  it('is refused before anything is written, naming the file and the newest good snapshot', () => {
    const { file, snaps } = closedPool(2);
    // The newest snapshot is damaged too: the one before it is offered.
    damage(snaps[1]);
    fs.utimesSync(snaps[0], new Date('2026-01-01'), new Date('2026-01-01'));
    damage(file);
    for (const create of ['default', false] as const) {
      const e = expectUntouched(file, () => openPoolDb({ file, create }));
      expect(e.code).toBe('damaged');
      expect(e.message).toContain(file);
      expect(e.message).toContain('已损坏');
      expect(e.message).toContain(snaps[0]);
      expect(e.message).not.toContain(snaps[1]);
    }
    // The offered snapshot is a whole data file: copied over the damaged one, it opens.
    fs.copyFileSync(snaps[0], file);
    const pool = openPoolDb({ file, create: false });
    expect(pool.db.prepare('SELECT count(*) FROM firms').pluck().get()).toBe(11);
    pool.close();
  });

  it('says so when there is no good snapshot to offer', () => {
    const { file } = closedPool(0);
    damage(file);
    const e = expectUntouched(file, () => openPoolDb({ file, create: 'default' }));
    expect(e.code).toBe('damaged');
    expect(e.message).toContain('没有找到完好的快照');
  });

  it('is refused when it is not SQLite at all', () => {
    const file = path.join(tempDir(), 'pool.sqlite');
    fs.writeFileSync(file, 'PK\u0003\u0004 this is a spreadsheet, not a data file'.repeat(200));
    expect(expectUntouched(file, () => openPoolDb({ file, create: 'default' })).code).toBe('damaged');
  });
});

describe('an empty (zero-byte) data file', () => {
  it('is refused, not refilled with the sample pool, pointing to init and the snapshots', () => {
    const { file } = closedPool(1);
    fs.truncateSync(file, 0);
    for (const create of ['default', 'empty', false] as const) {
      const e = expectUntouched(file, () => openPoolDb({ file, create }));
      expect(e.code).toBe('not_found');
      expect(e.message).toContain('0 字节');
      expect(e.message).toContain('champion-pool init');
      expect(e.message).toContain(snapshotsDir(file));
    }
    expect(fs.statSync(file).size).toBe(0);
    expect(thrown(() => openPoolDb({ file, readonly: true })).code).toBe('not_found');
  });

  it('still lets a missing file be created', () => {
    const file = path.join(tempDir(), 'new.sqlite');
    const pool = openPoolDb({ file, create: 'default' });
    expect(pool.created).toBe(true);
    pool.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM firms').pluck().get()).toBe(11);
    db.close();
  });
});
