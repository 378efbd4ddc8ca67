// What an applied import leaves behind and what undoing it takes away: yes/no answers stored as 1/0, a new
// firm's unfilled profile left empty, the source named after the file, audit entries naming file and row (an
// empty old value staying empty), the undo counting only the titles and pool places the import added, and a
// value corrected twice going back to the first correction's file and row when the second is undone.
import { beforeEach, describe, expect, it } from 'vitest';
import { sampleFirm } from '../../test/helpers';
import type { PoolDb } from '../../open';
import { insertSource } from '../../store/sources';
import { nowIso } from '../../time';
import { applyImport } from '../run';
import { lastImport, planUndo, undoImport } from '../undo';
import { creditCode } from './synth';

let h: PoolDb, code: string, id: number;
beforeEach(() => ({ pool: h, id, code } = sampleFirm('鑫金山机械')));

const csv = (header: string, ...rows: string[]) => Buffer.from('\ufeff' + [header, ...rows].join('\r\n') + '\r\n', 'utf8');
const importCsv = (fileName: string, bytes: Buffer, more: { poolYear?: number; addToPool?: boolean } = {}) => applyImport(h.db, h.file, { bytes, fileName, ...more }, 'analyst-zhao');
const one = (sql: string, ...args: unknown[]) => h.db.prepare(sql).get(...args) as Record<string, unknown>;
const undoCounts = () => planUndo(h.db, lastImport(h.db)).counts;

describe('a new firm from an import', () => {
  it('stores 是 as 1, leaves the profile the file does not fill empty, and its undo counts the firm, not its titles', async () => {
    const { importId } = await importCsv('新企业.csv', csv('统一社会信用代码,企业名称,年度,是否上市,已获称号,营业收入', `${creditCode(2000)},新办精密,2022,是,高新技术企业(2021),500`));
    const firm = one('SELECT * FROM firms WHERE credit_code = ?', creditCode(2000));
    expect(firm).toMatchObject({ name: '新办精密', listed: 1, is_new_product: 0, town: null, chain: null, founded_year: null, segment_since: null, product_code: null });
    const source = one('SELECT * FROM sources WHERE id = ?', firm.source_id);
    expect(source).toMatchObject({ kind: 'import', label: '导入：新企业.csv', file: '新企业.csv', actor: 'analyst-zhao' });
    expect(one('SELECT source_id FROM imports WHERE id = ?', importId).source_id).toBe(firm.source_id);
    expect(undoCounts()).toMatchObject({ newFirms: 1, titles: 0, members: 0 });
    undoImport(h.db, lastImport(h.db), 'analyst-zhao');
    expect(h.db.prepare('SELECT count(*) FROM firms WHERE credit_code = ?').pluck().get(creditCode(2000))).toBe(0);
  });
});

describe('a correction to a firm the pool has', () => {
  it('stores 是 as 1 and audits the profile change, naming the file', async () => {
    await importCsv('上市更正.csv', csv('统一社会信用代码,企业名称,年度,是否上市', `${code},鑫金山机械,2022,是`));
    expect(one('SELECT listed FROM firms WHERE id = ?', id).listed).toBe(1);
    const entry = one("SELECT old_value, new_value, note FROM audit_log WHERE entity = 'firm' AND firm_id = ? AND field = 'listed'", id);
    // Both sides as stored (0/1), so an exported audit log reads one way; the history shows them as 否 and 是.
    expect(entry).toEqual({ old_value: '0', new_value: '1', note: '导入 上市更正.csv' });
    undoImport(h.db, lastImport(h.db), 'analyst-zhao');
    expect(one('SELECT listed FROM firms WHERE id = ?', id).listed).toBe(0);
  });

  it('audits a figure filled in where there was none with an empty old value, naming the file and row', async () => {
    h.db.prepare('UPDATE firm_years SET net_profit = NULL WHERE firm_id = ? AND year = 2022').run(id);
    await importCsv('补填.csv', csv('统一社会信用代码,企业名称,年度,净利润', `${code},鑫金山机械,2021,`, `${code},鑫金山机械,2022,812.5`));
    const entry = one("SELECT old_value, new_value, note FROM audit_log WHERE entity = 'figure' AND firm_id = ? AND field = 'net_profit'", id);
    expect(entry).toEqual({ old_value: null, new_value: '812.5', note: '导入 补填.csv 第 3 行' });
  });

  it('counts on undo only the titles it added, and undoing keeps the title the firm already had', async () => {
    const held = one("SELECT year, source_id FROM titles WHERE firm_id = ? AND code = 'high_tech'", id);
    await importCsv('称号.csv', csv('统一社会信用代码,企业名称,年度,已获称号', `${code},鑫金山机械,2022,高新技术企业(${held.year as number});省级瞪羚企业(2022)`));
    expect(h.db.prepare('SELECT code FROM titles WHERE firm_id = ? ORDER BY code').pluck().all(id)).toContain('gazelle_provincial');
    expect(undoCounts()).toMatchObject({ titles: 1, newFirms: 0 });
    undoImport(h.db, lastImport(h.db), 'analyst-zhao');
    expect(h.db.prepare('SELECT code FROM titles WHERE firm_id = ? ORDER BY code').pluck().all(id)).toEqual(['high_tech', 'little_giant', 'srdi_provincial']);
    expect(one("SELECT year, source_id FROM titles WHERE firm_id = ? AND code = 'high_tech'", id)).toEqual(held);
  });

  it('undoing a second correction of a value restores the value and the first correction as its source', async () => {
    const header = '统一社会信用代码,企业名称,年度,营业收入';
    const first = await importCsv('第一次更正.csv', csv(header, `${code},鑫金山机械,2021,50000`, `${code},鑫金山机械,2022,61000`));
    await importCsv('第二次更正.csv', csv(header, `${code},鑫金山机械,2022,62000`));
    undoImport(h.db, lastImport(h.db), 'analyst-zhao');
    expect(one('SELECT revenue FROM firm_years WHERE firm_id = ? AND year = 2022', id).revenue).toBe(61000);
    const firstSource = one('SELECT source_id FROM imports WHERE id = ?', first.importId).source_id;
    expect(one("SELECT source_id, source_row FROM value_overrides WHERE firm_id = ? AND year = 2022 AND field = 'revenue'", id)).toEqual({ source_id: firstSource, source_row: 3 });
  });

  it('adds the firm to another pool year when asked, and undoing takes it out again', async () => {
    const src = insertSource(h.db, { kind: 'manual', label: '新建培育库', file: null, sheet: null, actor: 'analyst-zhao' });
    h.db.prepare("INSERT INTO pool_years (year, name, source_id, created_at) VALUES (2024, '2024年度培育库', ?, ?)").run(src, nowIso());
    await importCsv('入库.csv', csv('统一社会信用代码,企业名称,年度,营业收入', `${code},鑫金山机械,2023,70000`), { poolYear: 2024, addToPool: true });
    expect(one('SELECT status, reason FROM pool_members WHERE year = 2024 AND firm_id = ?', id)).toEqual({ status: 'new', reason: '导入 入库.csv' });
    expect(undoCounts()).toMatchObject({ members: 1, newYears: 1 });
    undoImport(h.db, lastImport(h.db), 'analyst-zhao');
    expect(h.db.prepare('SELECT count(*) FROM pool_members WHERE year = 2024').pluck().get()).toBe(0);
    expect(h.db.prepare('SELECT count(*) FROM pool_members WHERE year = 2023 AND firm_id = ?').pluck().get(id)).toBe(1);
  });
});
