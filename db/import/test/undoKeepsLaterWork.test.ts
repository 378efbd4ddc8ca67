// Undoing an import when work was done since on what it wrote: each later change is listed with who did what
// (as the audit log says), and "keep" keeps exactly the changed items while every other write of the import is
// reverted; "revert" takes them back too. The undo's own audit entries say what each value went back to.
import type Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Method, MethodInput, MethodOutput } from '../../contract';
import { call, defaultService } from '../../test/helpers';
import type { PoolDb } from '../../open';
import { dispatch, type Service } from '../../service';
import { syntheticCsv } from './synth';

let h: PoolDb;
let service: Service;
const ok = <M extends Method>(method: M, input: unknown): Promise<MethodOutput<M>> => call(service, method, input as MethodInput<M>);

beforeEach(() => {
  ({ pool: h, service } = defaultService('analyst-zhao'));
});

const HZ = '91370405MA3L7M5B1K'; // 汉庄数控 of the default pool
const MINUTE = '\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d';

/** The pool's own 2023 export as a header and rows of cells (none of its cells holds a comma). */
async function exported(): Promise<{ head: string[]; rows: string[][] }> {
  const csv = Buffer.from((await ok('data.export', { poolYear: 2023, format: 'csv' })).base64, 'base64').toString('utf8');
  const lines = csv.replace(/^\ufeff/, '').trimEnd().split('\r\n');
  return { head: lines[0].split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

/** Imports the rows of 汉庄数控 for the given years, each edited by `edit` (cells by header name). */
async function importHz(fileName: string, years: number[], edit: (year: number, set: (col: string, v: string) => void) => void, extra: { poolYear?: number; addToPool?: boolean } = {}) {
  const { head, rows } = await exported();
  const picked = rows.filter((r) => r[0] === HZ && years.includes(Number(r[2])));
  for (const r of picked) edit(Number(r[2]), (col, v) => (r[head.indexOf(col)] = v));
  const file = '\ufeff' + [head, ...picked].map((r) => r.join(',')).join('\r\n') + '\r\n';
  return ok('import.apply', { fileName, base64: Buffer.from(file).toString('base64'), ...extra });
}

const hzId = (db: Database.Database) => db.prepare('SELECT id FROM firms WHERE credit_code = ?').pluck().get(HZ) as number;
const fig = (db: Database.Database, field: string, year: number) => db.prepare(`SELECT ${field} FROM firm_years WHERE firm_id = ? AND year = ?`).pluck().get(hzId(db), year);
const town = (db: Database.Database) => db.prepare('SELECT town FROM firms WHERE id = ?').pluck().get(hzId(db));
const undoEntries = (db: Database.Database) =>
  db.prepare("SELECT field, year, old_value, new_value, note FROM audit_log WHERE entity = 'undo_import' AND field IS NOT NULL ORDER BY field, year").all();
const undoSummary = (db: Database.Database) => db.prepare("SELECT note FROM audit_log WHERE entity = 'undo_import' AND field IS NULL").pluck().all();

describe('undo with later work on what the import wrote', () => {
  it('keeps only the value edited since: the firm’s other values that year, the same value in another year and its details are reverted', async () => {
    await importHz('汉庄更正.csv', [2021, 2022], (year, set) => {
      set('所属镇街', '新城街道');
      if (year === 2021) set('营业收入（万元）', '41000');
      else {
        set('营业收入（万元）', '45000');
        set('净利润（万元）', '3600');
      }
    });
    await ok('firm.updateFigures', { firmId: hzId(h.db), years: [{ year: 2022, values: { revenue: 45500 } }] });

    const plan = await ok('import.undoPlan', {});
    expect(plan.counts).toMatchObject({ values: 3, profile: 1 });
    expect(plan.conflicts.map((c) => [c.kind, c.name, c.year, c.field, c.written, c.current])).toEqual([['value', '汉庄数控', 2022, 'revenue', 45000, 45500]]);
    // Who changed it, when (to the minute) and from what to what.
    expect(plan.conflicts[0].what).toMatch(new RegExp(`^${MINUTE} analyst-zhao 2022 revenue: 45000 → 45500$`));

    const refused = await dispatch(service, 'import.undo', {});
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toBe('导入 汉庄更正.csv 之后有 1 处改动涉及它写入的内容：请选择保留之后的改动，或一并撤销');

    expect(await ok('import.undo', { conflicts: 'keep' })).toMatchObject({ reverted: 3, kept: 1 });
    expect(fig(h.db, 'revenue', 2022)).toBe(45500);
    expect(fig(h.db, 'net_profit', 2022)).toBe(3552.7);
    expect(fig(h.db, 'revenue', 2021)).toBe(40967.7);
    expect(town(h.db)).toBe('运河街道');
    // Each reverted value has its own audit entry, from what it was to what it went back to.
    const note = '撤销导入 汉庄更正.csv';
    expect(undoEntries(h.db)).toEqual([
      { field: 'net_profit', year: 2022, old_value: '3600', new_value: '3552.7', note },
      { field: 'revenue', year: 2021, old_value: '41000', new_value: '40967.7', note },
      { field: 'town', year: null, old_value: '新城街道', new_value: '运河街道', note },
    ]);
    expect(undoSummary(h.db)).toEqual(['撤销导入 汉庄更正.csv：撤销 3 项写入，保留之后的改动 1 项']);
  });

  it('lists every later edit of a value in order, an emptied value as 空, and with revert empties what was empty before', async () => {
    // 国际业务收入 was empty before the import filled it.
    await ok('firm.updateFigures', { firmId: hzId(h.db), years: [{ year: 2022, values: { intl_revenue: null } }] });
    await importHz('补填.csv', [2022], (_, set) => {
      set('营业收入（万元）', '45000');
      set('国际业务收入（万元）', '500');
    });
    await ok('firm.updateFigures', { firmId: hzId(h.db), years: [{ year: 2022, values: { revenue: null } }] });
    await ok('firm.updateFigures', { firmId: hzId(h.db), years: [{ year: 2022, values: { revenue: 45600 } }] });

    const [c] = (await ok('import.undoPlan', {})).conflicts;
    expect(c).toMatchObject({ kind: 'value', field: 'revenue', written: 45000, current: 45600 });
    expect(c.what).toMatch(new RegExp(`^${MINUTE} analyst-zhao 2022 revenue: 45000 → 空；${MINUTE} analyst-zhao 2022 revenue: 空 → 45600$`));

    expect(await ok('import.undo', { conflicts: 'revert' })).toMatchObject({ reverted: 2, kept: 0 });
    expect(fig(h.db, 'revenue', 2022)).toBe(44408.6);
    expect(fig(h.db, 'intl_revenue', 2022)).toBeNull();
    // The audit entry of an emptied value holds no value (SQL NULL), not the text "null".
    expect(undoEntries(h.db)).toEqual([
      { field: 'intl_revenue', year: 2022, old_value: '500', new_value: null, note: '撤销导入 补填.csv' },
      { field: 'revenue', year: 2022, old_value: '45600', new_value: '44408.6', note: '撤销导入 补填.csv' },
    ]);
    expect(undoSummary(h.db)).toEqual(['撤销导入 补填.csv：撤销 2 项写入']);
  });

  it('sees a firm detail changed outside the app (no audit entry) as later work, and keeps it when told', async () => {
    await importHz('镇街.csv', [2022], (_, set) => {
      set('所属镇街', '新城街道');
      set('营业收入（万元）', '45000');
    });
    h.db.prepare('UPDATE firms SET town = ? WHERE id = ?').run('古邵镇', hzId(h.db));
    const plan = await ok('import.undoPlan', {});
    expect(plan.conflicts.map((c) => [c.kind, c.field, c.written, c.current, c.what])).toEqual([['value', 'town', '新城街道', '古邵镇', '之后被改动']]);
    expect(await ok('import.undo', { conflicts: 'keep' })).toMatchObject({ reverted: 1, kept: 1 });
    expect(town(h.db)).toBe('古邵镇');
    expect(fig(h.db, 'revenue', 2022)).toBe(44408.6);
  });

  it('puts a value two imports changed back to the first import’s value and source row', async () => {
    await importHz('第一次.csv', [2021, 2022], (year, set) => year === 2022 && set('营业收入（万元）', '45000'));
    const first = h.db.prepare("SELECT source_id, source_row FROM value_overrides WHERE firm_id = ? AND year = 2022 AND field = 'revenue'").get(hzId(h.db));
    expect(first).toEqual({ source_id: expect.any(Number), source_row: 3 });
    await importHz('第二次.csv', [2022], (_, set) => set('营业收入（万元）', '46000'));
    await ok('import.undo', {});
    expect(fig(h.db, 'revenue', 2022)).toBe(45000);
    expect(h.db.prepare("SELECT source_id, source_row FROM value_overrides WHERE firm_id = ? AND year = 2022 AND field = 'revenue'").get(hzId(h.db))).toEqual(first);
  });

  it('keeps a year it added that was edited since, while reverting the firm’s values in other years', async () => {
    await importHz('新年度.csv', [2022], (_, set) => set('营业收入（万元）', '45000'));
    // The same firm with a 2024 year and a changed 2022 value, in one file.
    const { head, rows } = await exported();
    const r2022 = rows.find((r) => r[0] === HZ && r[2] === '2022')!;
    r2022[head.indexOf('营业收入（万元）')] = '45500';
    const r2024 = [...r2022];
    r2024[2] = '2024';
    r2024[head.indexOf('营业收入（万元）')] = '47000';
    const file = '\ufeff' + [head, r2022, r2024].map((r) => r.join(',')).join('\r\n') + '\r\n';
    await ok('import.apply', { fileName: '2024.csv', base64: Buffer.from(file).toString('base64') });
    await ok('firm.updateFigures', { firmId: hzId(h.db), years: [{ year: 2024, values: { revenue: 47100 } }] });

    const plan = await ok('import.undoPlan', {});
    expect(plan.counts).toMatchObject({ values: 1, newYears: 1 });
    expect(plan.conflicts.map((c) => [c.kind, c.year])).toEqual([['year', 2024]]);
    expect(plan.conflicts[0].what).toMatch(new RegExp(`^${MINUTE} analyst-zhao 2024 revenue: 47000 → 47100；之后改动了该年度 1 个数值$`));
    expect(await ok('import.undo', { conflicts: 'keep' })).toMatchObject({ reverted: 1, kept: 1 });
    expect(fig(h.db, 'revenue', 2024)).toBe(47100);
    expect(fig(h.db, 'revenue', 2022)).toBe(45000);
  });

  it('counts and removes the pool memberships it added to firms it did not create, and nothing else', async () => {
    // A firm of an earlier import, outside the pool; the next import puts it (and the pool's own firms, already in) in the 2023 pool.
    const fresh = syntheticCsv(1, [2022]);
    await ok('import.apply', { fileName: '新企业.csv', base64: fresh.toString('base64') });
    const id = h.db.prepare('SELECT max(id) FROM firms').pluck().get() as number;
    const members = () => h.db.prepare('SELECT firm_id FROM pool_members WHERE year = 2023 ORDER BY firm_id').pluck().all() as number[];
    const before = members();
    expect(before).not.toContain(id);
    await ok('import.apply', { fileName: '入库.csv', base64: fresh.toString('base64'), poolYear: 2023, addToPool: true });
    expect(members()).toEqual([...before, id].sort((a, b) => a - b));

    const plan = await ok('import.undoPlan', {});
    expect(plan.counts).toEqual({ values: 0, profile: 0, newYears: 0, newFirms: 0, titles: 0, members: 1, records: 0 });
    expect(await ok('import.undo', {})).toMatchObject({ reverted: 1, kept: 0 });
    expect(members()).toEqual(before);
    expect(h.db.prepare('SELECT count(*) FROM firms WHERE id = ?').pluck().get(id)).toBe(1);
  });

  it('keeping a data year edited since does not keep the pool membership of the same year number', async () => {
    await ok('import.apply', { fileName: '新企业.csv', base64: syntheticCsv(1, [2022]).toString('base64') });
    const id = h.db.prepare('SELECT max(id) FROM firms').pluck().get() as number;
    // The next file brings its 2023 figures and puts it in the 2023 pool.
    await ok('import.apply', { fileName: '2023年数据.csv', base64: syntheticCsv(1, [2023]).toString('base64'), poolYear: 2023, addToPool: true });
    await ok('firm.updateFigures', { firmId: id, years: [{ year: 2023, values: { revenue: 12345 } }] });
    const plan = await ok('import.undoPlan', {});
    expect(plan.counts).toMatchObject({ newYears: 1, members: 1 });
    expect(plan.conflicts.map((c) => [c.kind, c.year])).toEqual([['year', 2023]]);
    expect(await ok('import.undo', { conflicts: 'keep' })).toMatchObject({ reverted: 1, kept: 1 });
    expect(h.db.prepare('SELECT revenue FROM firm_years WHERE firm_id = ? AND year = 2023').pluck().get(id)).toBe(12345);
    expect(h.db.prepare('SELECT count(*) FROM pool_members WHERE firm_id = ?').pluck().get(id)).toBe(0);
  });

  it('says there is nothing to undo once every import is undone', async () => {
    await importHz('一次.csv', [2022], (_, set) => set('营业收入（万元）', '45000'));
    await ok('import.undo', {});
    const r = await dispatch(service, 'import.undoPlan', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.code, r.error.message]).toEqual(['not_found', '没有可以撤销的导入']);
  });
});
