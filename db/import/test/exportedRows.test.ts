// The rows of a data export (export-data): one per firm-year of a pool year's members (or of every firm), the
// titles as "称号(年份)" joined with ";" in the order they were won, 是/否 for the yes/no columns.
import { beforeEach, describe, expect, it } from 'vitest';
import { defaultService } from '../../test/helpers';
import type { PoolDb } from '../../open';
import { applyImport } from '../run';
import { TEMPLATE } from '../template';
import { templateRows } from '../templateFile';
import { creditCode, syntheticCsv } from './synth';

let h: PoolDb;
beforeEach(() => {
  ({ pool: h } = defaultService());
});

const at = (key: string) => TEMPLATE.findIndex((c) => c.key === key);
const firmRows = (poolYear: number | undefined, name: string) => templateRows(h.db, poolYear).filter((r) => r[at('name')] === name);

describe('the rows of a data export', () => {
  it('of a pool year holds only its members; without a year, every firm', async () => {
    await applyImport(h.db, h.file, { bytes: syntheticCsv(1, [2022]), fileName: '新企业.csv' }, 'tester');
    const all = templateRows(h.db);
    const pool = templateRows(h.db, 2023);
    expect(all).toHaveLength(pool.length + 1);
    expect(all.map((r) => r[at('credit_code')])).toContain(creditCode(1000));
    expect(pool.map((r) => r[at('credit_code')])).not.toContain(creditCode(1000));
    expect(new Set(pool.map((r) => r[at('name')])).size).toBe(11);
  });

  it('writes titles as 称号(年份) joined with ";" in the order they were won, and a title without a year by its name', () => {
    const id = h.db.prepare("SELECT id FROM firms WHERE name = '鑫金山机械'").pluck().get() as number;
    const [row] = firmRows(2023, '鑫金山机械');
    expect(row[at('titles')]).toBe('高新技术企业(2018);省级专精特新中小企业(2019);国家级专精特新“小巨人”企业(2021)');
    h.db.prepare("UPDATE titles SET year = NULL WHERE firm_id = ? AND code = 'high_tech'").run(id);
    // A title of unknown year sorts first (NULL before any year).
    expect(firmRows(2023, '鑫金山机械')[0][at('titles')]).toBe('高新技术企业;省级专精特新中小企业(2019);国家级专精特新“小巨人”企业(2021)');
  });

  it('leaves the titles cell empty for a firm without titles', () => {
    const id = h.db.prepare("SELECT id FROM firms WHERE name = '鑫金山机械'").pluck().get() as number;
    h.db.prepare('DELETE FROM titles WHERE firm_id = ?').run(id);
    expect(firmRows(2023, '鑫金山机械').map((r) => r[at('titles')])).toEqual([null, null, null]);
  });

  it('writes 是 and 否 for the yes/no columns', () => {
    expect(firmRows(2023, '运河锂能科技')[0].slice(at('is_new_product'), at('listed') + 1)).toEqual(['是', '否']);
    expect(firmRows(2023, '鑫金山机械')[0].slice(at('is_new_product'), at('listed') + 1)).toEqual(['否', '否']);
  });

  it('writes a figure the firm has as it is stored and one it lacks as an empty cell', () => {
    const id = h.db.prepare("SELECT id FROM firms WHERE name = '汉庄数控'").pluck().get() as number;
    h.db.prepare('UPDATE firm_years SET net_profit = NULL WHERE firm_id = ? AND year = 2020').run(id);
    const [row] = firmRows(2023, '汉庄数控');
    expect(row[at('year')]).toBe(2020);
    expect(row[at('revenue')]).toBe(37849.5);
    expect(row[at('net_profit')]).toBeNull();
  });
});
