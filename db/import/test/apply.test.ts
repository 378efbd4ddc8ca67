import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Method, MethodInput, MethodOutput } from '../../contract';
import { call, defaultService, track } from '../../test/helpers';
import { openPoolDb, type PoolDb } from '../../open';
import { dispatch, type Service } from '../../service';
import { LISTED_FIRMS, LISTED_PROBLEMS } from '../../service/imports';
import { REBUILD_INDEXES_FROM, withIndexesRebuilt } from '../apply';
import { syntheticCsv } from './synth';

let dir: string;
let h: PoolDb;
let service: Service;

const ok = <M extends Method>(method: M, input: unknown): Promise<MethodOutput<M>> => call(service, method, input as MethodInput<M>);
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const TABLES = ['firms', 'firm_years', 'titles', 'pool_members', 'sources', 'audit_log', 'value_overrides', 'imports'];
const counts = (db: Database.Database) => Object.fromEntries(TABLES.map((t) => [t, db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]));

beforeEach(() => {
  ({ pool: h, service } = defaultService('analyst-zhao'));
  dir = path.dirname(h.file);
});

async function exported(format: 'csv' | 'xlsx') {
  return Buffer.from((await ok('data.export', { poolYear: 2023, format })).base64, 'base64');
}

describe('round trip', () => {
  it.each(['csv', 'xlsx'] as const)('export-data → import (%s) reports every firm unchanged and writes nothing', async (format) => {
    const before = counts(h.db);
    const r = await ok('import.analyse', { fileName: `pool.${format}`, base64: (await exported(format)).toString('base64'), setId: 'cn-champion-2023', poolYear: 2023 });
    expect(r.refused).toBe(false);
    expect(r.counts).toEqual({ rows: 33, newFirms: 0, changedFirms: 0, unchangedFirms: 11, changedValues: 0, newYears: 0, newValues: 0 });
    expect(r.firms).toEqual([]);
    expect(r.verdicts).toEqual([]);
    expect(r.problems).toEqual([]);
    expect(counts(h.db)).toEqual(before);
  });
});

describe('applying an import', () => {
  it('writes changed values with their file and row, audits them, takes a snapshot first, and can be undone', async () => {
    const csv = (await exported('csv')).toString('utf8').replace(',56847.8,', ',61000,').replace(',52300,', ',"52,300",');
    const analysed = await ok('import.analyse', { fileName: '2022年报更正.csv', base64: b64(csv), setId: 'cn-champion-2023', poolYear: 2023 });
    expect(analysed.counts).toMatchObject({ changedFirms: 1, changedValues: 1 });
    expect(analysed.firms[0].years.find((y) => y.year === 2022)!.changes).toEqual([{ field: 'revenue', old: 56847.8, new: 61000 }]);
    const before = counts(h.db);
    const applied = await ok('import.apply', { fileName: '2022年报更正.csv', base64: b64(csv), poolYear: 2023 });
    expect(fs.existsSync(applied.snapshot)).toBe(true);
    const firm = await ok('firm.get', { firmId: 1 });
    const y2022 = firm.years.find((y) => y.year === 2022)!;
    expect(y2022.values.revenue).toBe(61000);
    const src = firm.sources.find((s) => s.id === y2022.sources.revenue)!;
    expect(src).toMatchObject({ kind: 'import', file: '2022年报更正.csv', actor: 'analyst-zhao' });
    const row = csv.split('\r\n').findIndex((l) => l.includes(',61000,')) + 1;
    expect(h.db.prepare("SELECT source_row FROM value_overrides WHERE field = 'revenue'").pluck().get()).toBe(row);
    const history = await ok('firm.history', { firmId: 1 });
    expect(history[0]).toMatchObject({ field: 'revenue', oldValue: '56847.8', newValue: '61000' });
    expect((await ok('import.history', {}))[0]).toMatchObject({ file: '2022年报更正.csv', changedValues: 1, actor: 'analyst-zhao' });

    const undone = await ok('import.undo', {});
    expect(undone.undone.file).toBe('2022年报更正.csv');
    expect((await ok('firm.get', { firmId: 1 })).years.find((y) => y.year === 2022)!.values.revenue).toBe(56847.8);
    const after = counts(h.db);
    // The undo itself is audited; the import stays in the history (marked undone) with its source.
    expect({ ...after, audit_log: before.audit_log }).toEqual({ ...before, sources: before.sources + 1, imports: before.imports + 1 });
    expect(h.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(h.db.pragma('foreign_key_check')).toEqual([]);
  });

  it('adds new firms to the pool when asked and lists pool firms the file does not mention', async () => {
    const csv = syntheticCsv(3, [2022]).toString('utf8');
    const r = await ok('import.analyse', { fileName: 'new.csv', base64: b64(csv), poolYear: 2023 });
    expect(r.counts).toMatchObject({ newFirms: 3, rows: 3 });
    expect(r.missing).toHaveLength(11);
    await ok('import.apply', { fileName: 'new.csv', base64: b64(csv), poolYear: 2023, addToPool: true });
    const list = await ok('pool.list', { year: 2023, search: '合成企业' });
    expect(list.total).toBe(3);
    expect(list.rows[0].status).toBe('new');
  });

  it('refuses a bad file with every problem located, and changes nothing', async () => {
    const before = counts(h.db);
    const bad = '\ufeff统一社会信用代码,企业名称,年度,营业收入,国内市场占有率\r\n91370405MA3C7K2E3X,坏校验位,2022,100,10\r\n91370405MA3D1R8N2F,越成制动,2022,abc,130\r\n';
    const r = await dispatch(service, 'import.apply', { fileName: 'bad.csv', base64: b64(bad) });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_input');
    expect(r.error.details).toEqual([
      { level: 'error', sheet: 'bad', row: 2, column: '统一社会信用代码', value: '91370405MA3C7K2E3X', reason: '统一社会信用代码校验位不符' },
      { level: 'error', sheet: 'bad', row: 3, column: '营业收入', value: 'abc', reason: '不是数字' },
      { level: 'error', sheet: 'bad', row: 3, column: '国内市场占有率', value: '130', reason: '占比应在 0–100 之间' },
    ]);
    expect(counts(h.db)).toEqual(before);
    expect(fs.existsSync(path.join(dir, 'snapshots'))).toBe(false);
  });

  it('shows verdict changes before applying, evaluated on the data as it would be', async () => {
    // 汉庄数控 lacks 1800 万元 of 3-year average main revenue; a corrected 2022 figure closes the gap (on the national
    // standard: Shandong's recommendation condition, criterion 8, switched off as an analyst can — the preview follows it).
    await ok('criteria.setEnabled', { setId: 'cn-champion-2023', criterionId: '8', enabled: false });
    const csv = (await exported('csv')).toString('utf8').replace(',41300,', ',47000,').replace(',44408.6,', ',50000,');
    const r = await ok('import.analyse', { fileName: 'x.csv', base64: b64(csv), setId: 'cn-champion-2023', poolYear: 2023 });
    expect(r.verdicts).toEqual([{ firmId: expect.any(Number), name: '汉庄数控', before: 'not_eligible', after: 'needs_review' }]);
    expect(h.db.prepare("SELECT main_revenue FROM firm_years fy JOIN firms f ON f.id = fy.firm_id WHERE f.name = '汉庄数控' AND year = 2022").pluck().get()).toBe(41300);
  });

  it('restores any snapshot after checking it, keeping the current state as a snapshot', async () => {
    const snap = await ok('snapshot.create', { reason: '测试' });
    await ok('firm.updateFigures', { firmId: 1, years: [{ year: 2022, values: { revenue: 60000 } }] });
    const r = await ok('snapshot.restore', { id: snap.id });
    expect(fs.existsSync(r.before)).toBe(true);
    expect((await ok('firm.get', { firmId: 1 })).years.find((y) => y.year === 2022)!.values.revenue).toBe(56847.8);
    fs.writeFileSync(snap.file, 'not a database');
    expect((await dispatch(service, 'snapshot.restore', { id: snap.id })).ok).toBe(false);
    expect((await ok('firm.get', { firmId: 1 })).years.find((y) => y.year === 2022)!.values.revenue).toBe(56847.8);
  });
});

describe('an import killed at any moment', () => {
  it('leaves the data file intact and unchanged', async () => {
    const csvFile = path.join(dir, 'big.csv');
    fs.writeFileSync(csvFile, syntheticCsv(2000));
    const file = h.file;
    h.close();
    // tsx as a loader in the same process: its CLI would run the import in a grandchild the kill misses.
    const child = path.resolve(import.meta.dirname, 'fixtures/importChild.ts');
    const conn = () => new Database(file, { readonly: true });
    let c = conn();
    const before = counts(c);
    c.close();
    // Kill before the write starts, then inside the write transaction after the first, the 1,500th and the
    // last new firm (the child says "inside" from within the transaction and waits there).
    for (const stopAt of [null, 1, 1500, 2000]) {
      const args = ['--import', 'tsx', child, file, csvFile, ...(stopAt === null ? [] : [String(stopAt)])];
      const p = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      let out = '';
      p.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const signal = stopAt === null ? 'started' : 'inside';
      await new Promise<void>((resolve, reject) => {
        p.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes(signal)) resolve();
        });
        p.on('exit', () => reject(new Error(`the child exited before "${signal}": ${out} ${err}`)));
      });
      p.kill('SIGKILL');
      await new Promise((r) => p.on('exit', r));
      expect(out).not.toContain('applied');
      c = conn();
      expect(c.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(counts(c)).toEqual(before);
      c.close();
    }
    // The next open takes over the dead process's lock and finds the file as it was.
    h = track(openPoolDb({ file }));
    expect(counts(h.db)).toEqual(before);
  }, 120_000);
});

describe('a bulk import', () => {
  const indexes = (db: Database.Database) => db.prepare("SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name").all();

  it('drops the secondary indexes for the write and rebuilds them exactly; a failed write keeps them', () => {
    const before = indexes(h.db);
    const inside = h.db.transaction(() => withIndexesRebuilt(h.db, 10, () => indexes(h.db).length, 0))();
    expect(inside).toBeLessThan(before.length);
    expect(indexes(h.db)).toEqual(before);
    expect(() =>
      h.db.transaction(() =>
        withIndexesRebuilt(h.db, 10, () => {
          h.db.prepare("UPDATE firms SET town = 'x'").run();
          throw new Error('stop');
        }, 0),
      )(),
    ).toThrow('stop');
    expect(indexes(h.db)).toEqual(before);
    expect(h.db.prepare("SELECT count(*) FROM firms WHERE town = 'x'").pluck().get()).toBe(0);
  });

  it(`of more than ${REBUILD_INDEXES_FROM.toLocaleString('en')} rows lands whole, with the indexes the queries use`, async () => {
    const before = indexes(h.db);
    const firms = Math.ceil(REBUILD_INDEXES_FROM / 6) + 10; // 5 years and the firm itself: 6 new rows each
    const r = await ok('import.apply', { fileName: 'big.csv', base64: b64(syntheticCsv(firms, [2018, 2019, 2020, 2021, 2022])), poolYear: 2023, addToPool: true });
    expect(r.report.counts?.newFirms).toBe(firms);
    expect(indexes(h.db)).toEqual(before);
    expect(h.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const plan = h.db.prepare("EXPLAIN QUERY PLAN SELECT id FROM firms WHERE town = '运河街道'").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('firms_town');
    expect(h.db.prepare('SELECT count(*) FROM pool_members WHERE year = 2023').pluck().get()).toBe(11 + firms);
  });
});

describe('a large report', () => {
  it(`lists at most ${LISTED_FIRMS} firms and ${LISTED_PROBLEMS} problems (errors first), and counts them all`, async () => {
    const fine = await ok('import.analyse', { fileName: 'many.csv', base64: b64(syntheticCsv(LISTED_FIRMS + 100)) });
    expect(fine.counts?.newFirms).toBe(LISTED_FIRMS + 100);
    expect(fine.firms).toHaveLength(LISTED_FIRMS);
    // 1,200 rows whose revenue is not a number, behind a file whose every firm is fine otherwise.
    const bad = syntheticCsv(400).toString('utf8').replace(/(,高端装备,)[\d.]+,/g, '$1abc,');
    const r = await ok('import.analyse', { fileName: 'bad.csv', base64: b64(bad) });
    expect(r.refused).toBe(true);
    expect(r.problemCounts.errors).toBe(1200);
    expect(r.problems).toHaveLength(LISTED_PROBLEMS);
    expect(r.problems.every((p) => p.level === 'error' && p.column === '营业收入')).toBe(true);
  });
});

describe('the filters after an import', () => {
  it('offer the towns the import brought (their cached choices are dropped by the write)', async () => {
    expect((await ok('pool.facets', { year: 2023 })).towns).not.toContain('新城街道');
    const csv = syntheticCsv(3).toString('utf8').replaceAll('运河街道', '新城街道');
    await ok('import.apply', { fileName: 'town.csv', base64: b64(csv), poolYear: 2023, addToPool: true });
    expect((await ok('pool.facets', { year: 2023 })).towns).toContain('新城街道');
  });
});
