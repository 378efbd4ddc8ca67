// Undoing an import reverts exactly what it wrote — changed values back to their old values and sources, the
// firm-years and firms it created, the titles and pool memberships it added — and keeps everything done since.
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Method, MethodInput, MethodOutput } from '../../contract';
import { call, defaultService } from '../../test/helpers';
import type { PoolDb } from '../../open';
import { dispatch, type Service } from '../../service';
import { syntheticCsv } from './synth';

let h: PoolDb;
let service: Service;
const ok = <M extends Method>(method: M, input: unknown): Promise<MethodOutput<M>> => call(service, method, input as MethodInput<M>);
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

beforeEach(() => {
  ({ pool: h, service } = defaultService('analyst-zhao'));
});

const revenue = (db: Database.Database, name: string, year: number) =>
  db.prepare('SELECT revenue FROM firm_years fy JOIN firms f ON f.id = fy.firm_id WHERE f.name = ? AND year = ?').pluck().get(name, year) as number | undefined;
const firmId = (db: Database.Database, name: string) => db.prepare('SELECT id FROM firms WHERE name = ?').pluck().get(name) as number | undefined;
const override = (db: Database.Database, id: number, year: number, field: string) =>
  db.prepare('SELECT source_id, source_row FROM value_overrides WHERE firm_id = ? AND year = ? AND field = ?').get(id, year, field) as { source_id: number; source_row: number } | undefined;

/** The pool's own export with one value changed, a 2024 year for one firm, and three new firms. */
async function importWithEverything(): Promise<{ changed: string }> {
  const csv = Buffer.from((await ok('data.export', { poolYear: 2023, format: 'csv' })).base64, 'base64').toString('utf8');
  const lines = csv.trimEnd().split('\r\n');
  const header = lines[0];
  const row2022 = lines.find((l) => l.includes(',56847.8,'))!;
  const changed = row2022.replace(',56847.8,', ',61000,');
  const year2024 = row2022.replace(',2022,', ',2024,').replace(',56847.8,', ',63000,');
  const fresh = syntheticCsv(3, [2022]).toString('utf8').replace(/^\ufeff/, '').trimEnd().split(/\r?\n/);
  // The synthetic file has its own header: re-map its rows onto the export's columns by header name.
  const synthHead = fresh[0].split(',');
  const cols = header.replace(/^\ufeff/, '').split(',');
  const freshRows = fresh.slice(1).map((l) => {
    const cells = l.split(',');
    return cols.map((c) => {
      const i = synthHead.findIndex((s) => c.startsWith(s));
      return i >= 0 ? cells[i] : '';
    }).join(',');
  });
  const file = [header, changed, year2024, ...freshRows].join('\r\n') + '\r\n';
  await ok('import.apply', { fileName: '更正与新企业.csv', base64: b64(file), poolYear: 2023, addToPool: true });
  return { changed: row2022.split(',')[1] };
}

describe('undoing an import', () => {
  it('sees an edit of one 元 since the import as later work (no tolerance), and keeps it when told', async () => {
    const { changed: name } = await importWithEverything();
    const id = firmId(h.db, name)!;
    await ok('firm.updateFigures', { firmId: id, years: [{ year: 2022, values: { revenue: 61000.0001 } }] });
    const plan = await ok('import.undoPlan', {});
    expect(plan.conflicts.filter((c) => c.kind === 'value').map((c) => [c.field, c.written, c.current])).toEqual([['revenue', 61000, 61000.0001]]);
    await ok('import.undo', { conflicts: 'keep' });
    expect(revenue(h.db, name, 2022)).toBe(61000.0001);
  });

  it('reverts exactly what it wrote and keeps every later edit, judgement and shortlist change', async () => {
    const db = h.db;
    const before = {
      revenue: revenue(db, '台城新材料', 2022),
      firms: db.prepare('SELECT count(*) FROM firms').pluck().get(),
      members: db.prepare('SELECT count(*) FROM pool_members WHERE year = 2023').pluck().get(),
      overrides: db.prepare('SELECT * FROM value_overrides ORDER BY firm_id, year, field').all(),
    };
    const { changed: name } = await importWithEverything();
    const id = firmId(db, name)!;
    expect(override(db, id, 2022, 'revenue')).toBeDefined();
    expect(revenue(db, name, 2022)).toBe(61000);
    expect(revenue(db, name, 2024)).toBe(63000);
    expect(db.prepare('SELECT count(*) FROM firms').pluck().get()).toBe((before.firms as number) + 3);

    // Later work, none of it on what the import wrote.
    const other = firmId(db, '鑫金山机械')!;
    await ok('firm.updateFigures', { firmId: other, years: [{ year: 2022, values: { net_profit: 1234.5 } }] });
    await ok('analyst.record', { firmId: other, kind: 'judgement', setId: 'cn-champion-2023', key: 'tech_leading', value: true, note: '走访确认' });
    const list = await ok('shortlist.create', { name: '2023年推荐', year: 2023, setId: 'cn-champion-2023', firmIds: [other] });

    const plan = await ok('import.undoPlan', {});
    expect(plan.import.file).toBe('更正与新企业.csv');
    expect(plan.counts).toEqual({ values: 1, profile: 0, newYears: 1, newFirms: 3, titles: 0, members: 0, records: 0 });
    expect(plan.conflicts).toEqual([]);

    const undone = await ok('import.undo', {});
    expect(undone).toMatchObject({ reverted: 5, kept: 0 });
    expect(undone.undone.undoneAt).not.toBeNull();
    // What the import wrote is gone…
    expect(revenue(db, name, 2022)).toBe(56847.8);
    // Back to its old source: the value-level provenance is as it was (the later edit's own row aside).
    expect(db.prepare('SELECT * FROM value_overrides WHERE firm_id <> ? ORDER BY firm_id, year, field').all(other)).toEqual(before.overrides);
    expect(revenue(db, name, 2024)).toBeUndefined();
    expect(db.prepare('SELECT count(*) FROM firms').pluck().get()).toBe(before.firms);
    expect(db.prepare('SELECT count(*) FROM pool_members WHERE year = 2023').pluck().get()).toBe(before.members);
    // …and everything done since is kept, its audit entries too.
    expect(db.prepare('SELECT net_profit FROM firm_years WHERE firm_id = ? AND year = 2022').pluck().get(other)).toBe(1234.5);
    expect(db.prepare("SELECT count(*) FROM analyst_inputs WHERE firm_id = ? AND kind = 'judgement'").pluck().get(other)).toBe(1);
    expect((await ok('shortlist.get', { id: list.id })).entries.map((e: { firmId: number }) => e.firmId)).toEqual([other]);
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE field = 'net_profit' AND new_value = '1234.5'").pluck().get()).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // Nothing left to undo: the import is marked undone, not removed from the history.
    expect((await ok('import.history', {}))[0]).toMatchObject({ file: '更正与新企业.csv', undoneAt: expect.any(String) });
    expect((await dispatch(service, 'import.undo', {})).ok).toBe(false);
  });

  it.each(['keep', 'revert'] as const)('lists a later edit of what it wrote and, as the analyst chooses, %ss it', async (choice) => {
    const db = h.db;
    const { changed: name } = await importWithEverything();
    const id = firmId(db, name)!;
    await ok('firm.updateFigures', { firmId: id, years: [{ year: 2022, values: { revenue: 62000 } }] });
    const fresh = db.prepare("SELECT id FROM firms WHERE name LIKE '合成企业%' ORDER BY id LIMIT 1").pluck().get() as number;
    await ok('analyst.record', { firmId: fresh, kind: 'judgement', setId: 'cn-champion-2023', key: 'tech_leading', value: true });

    const plan = await ok('import.undoPlan', {});
    expect(plan.conflicts.map((c) => [c.kind, c.field, c.written, c.current])).toEqual([
      ['value', 'revenue', 61000, 62000],
      ['firm', null, null, null],
    ]);
    expect(plan.conflicts[0].what).toContain('61000 → 62000');
    expect(plan.conflicts[1].what).toContain('分析员录入 1 项');
    // Without a choice nothing is written.
    const refused = await dispatch(service, 'import.undo', {});
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('conflict');
    expect(revenue(db, name, 2022)).toBe(62000);

    const r = await ok('import.undo', { conflicts: choice });
    expect(revenue(db, name, 2024)).toBeUndefined(); // the rest of the import is reverted either way
    if (choice === 'keep') {
      expect(r.kept).toBe(2);
      expect(revenue(db, name, 2022)).toBe(62000);
      expect(db.prepare('SELECT count(*) FROM firms WHERE id = ?').pluck().get(fresh)).toBe(1);
    } else {
      expect(r.kept).toBe(0);
      expect(revenue(db, name, 2022)).toBe(56847.8);
      expect(db.prepare('SELECT count(*) FROM firms WHERE id = ?').pluck().get(fresh)).toBe(0);
    }
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});

describe('undoing an import of firm details', () => {
  it('puts back a changed detail with its old source and removes a title it added', async () => {
    const db = h.db;
    const csv = Buffer.from((await ok('data.export', { poolYear: 2023, format: 'csv' })).base64, 'base64').toString('utf8');
    const lines = csv.trimEnd().split('\r\n');
    const head = lines[0].replace(/^\ufeff/, '').split(',');
    const row = lines.find((l) => l.includes(',56847.8,'))!.split(',');
    const name = row[head.indexOf('企业名称')];
    const id = firmId(db, name)!;
    const before = db.prepare('SELECT town, profile_source_id FROM firms WHERE id = ?').get(id);
    const titles = db.prepare('SELECT code FROM titles WHERE firm_id = ? ORDER BY code').pluck().all(id);
    row[head.indexOf('所属镇街')] = '新城街道';
    row[head.indexOf('已获称号')] = [row[head.indexOf('已获称号')], '创新型中小企业(2020)'].filter(Boolean).join(';');
    await ok('import.apply', { fileName: '镇街更正.csv', base64: b64([lines[0], row.join(',')].join('\r\n')) });
    expect(db.prepare('SELECT town FROM firms WHERE id = ?').pluck().get(id)).toBe('新城街道');
    expect(db.prepare('SELECT code FROM titles WHERE firm_id = ? ORDER BY code').pluck().all(id)).toContain('innovative_sme');

    const plan = await ok('import.undoPlan', {});
    expect(plan.counts).toMatchObject({ profile: 1, titles: titles.includes('innovative_sme') ? 0 : 1 });
    await ok('import.undo', {});
    expect(db.prepare('SELECT town, profile_source_id FROM firms WHERE id = ?').get(id)).toEqual(before);
    expect(db.prepare('SELECT code FROM titles WHERE firm_id = ? ORDER BY code').pluck().all(id)).toEqual(titles);
  });

  it('refuses, saying what to do, for an import applied before its writes were recorded', async () => {
    await importWithEverything();
    h.db.prepare('UPDATE imports SET writes_recorded = 0').run();
    const r = await dispatch(service, 'import.undoPlan', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('请恢复它的导入前快照');
  });
});
