// The plan's own rules, one at a time, against the sample pool's 鑫金山机械 (revenue 44,782.6 / 49,782.6 / 56,847.8
// 万元 in 2020–2022, town 涧头集镇, holding high_tech, little_giant and srdi_provincial): what counts as a change,
// which row's firm fields win, titles listed once, the counts, and when a jump is warned about or asked about.
import { beforeEach, describe, expect, it } from 'vitest';
import { emptyFigureRow, FIGURE_INDEX, type FigureKey, type TitleCode } from '../../figures';
import type { PoolDb } from '../../open';
import { sampleFirm } from '../../test/helpers';
import type { FirmFields, ImportRecord } from '../parse';
import { planImport } from '../plan';
import { creditCode } from './synth';

let h: PoolDb, code: string, id: number;
beforeEach(() => ({ pool: h, id, code } = sampleFirm('鑫金山机械')));

interface Row {
  year: number;
  code?: string;
  name?: string;
  row?: number;
  firm?: FirmFields;
  titles?: { code: TitleCode; year: number | null }[] | null;
  figures?: Partial<Record<FigureKey, number>>;
}

function rec(r: Row): ImportRecord {
  const figures = emptyFigureRow();
  for (const [k, v] of Object.entries(r.figures ?? {})) figures[FIGURE_INDEX.get(k as FigureKey)!] = v ?? NaN;
  return { row: r.row ?? 2, creditCode: r.code ?? code, name: r.name ?? '鑫金山机械', year: r.year, firm: r.firm ?? {}, titles: r.titles ?? null, figures };
}

const plan = (...rows: Row[]) => planImport(h.db, rows.map(rec), '企业年度数据');
const NEW = creditCode(3000);

describe('a changed value', () => {
  it('is any difference from what is stored, down to 0.01 元 on a revenue of 5.7亿元', () => {
    const p = plan({ year: 2022, figures: { revenue: 56847.800001 } });
    expect(p.firms[0].years[0].changes).toEqual([{ field: 'revenue', old: 56847.8, new: 56847.800001 }]);
    expect(p.counts.changedValues).toBe(1);
  });

  it('is not the same value read again', () => {
    const p = plan({ year: 2022, figures: { revenue: 56847.8, main_revenue: 52300 } });
    expect(p.firms[0].years[0].changes).toEqual([]);
    expect(p.counts).toMatchObject({ changedFirms: 0, unchangedFirms: 1, changedValues: 0 });
  });
});

describe("a firm's name and profile", () => {
  it("is a new firm's name, and an existing firm's new name, with what it was", () => {
    expect(plan({ year: 2022, code: NEW, name: '新办精密' }).firms[0].firm).toEqual([{ field: 'name', old: null, new: '新办精密' }]);
    expect(plan({ year: 2022, name: '鑫金山机械股份' }).firms[0].firm).toEqual([{ field: 'name', old: '鑫金山机械', new: '鑫金山机械股份' }]);
    expect(plan({ year: 2022 }).firms[0].firm).toEqual([]);
  });

  it('takes each field from the latest row that gives it, in year order whatever the row order', () => {
    const p = plan(
      { year: 2022, row: 2, firm: { town: null, chain: '新能源' } },
      { year: 2021, row: 3, firm: { town: '峨山镇', chain: '高端装备' } },
    );
    expect(p.firms[0].firm).toEqual([
      { field: 'town', old: '涧头集镇', new: '峨山镇' },
      { field: 'chain', old: '高端装备', new: '新能源' },
    ]);
  });

  it('leaves a field the file leaves empty as stored', () => {
    expect(plan({ year: 2022, firm: { town: null, main_product: null } }).firms[0].firm).toEqual([]);
    expect(plan({ year: 2022, firm: { is_new_product: false, listed: false } }).firms[0].firm).toEqual([]);
    expect(plan({ year: 2022, firm: { listed: true } }).firms[0].firm).toEqual([{ field: 'listed', old: 0, new: true }]);
  });
});

describe('titles', () => {
  it('lists a title once however many rows give it, and not one the firm holds', () => {
    const titles = [
      { code: 'high_tech' as const, year: 2018 },
      { code: 'gazelle_provincial' as const, year: 2022 },
    ];
    const p = plan({ year: 2021, titles }, { year: 2022, titles });
    expect(p.firms[0].titles).toEqual([{ code: 'gazelle_provincial', year: 2022 }]);
    expect(p.counts).toMatchObject({ changedFirms: 1, unchangedFirms: 0 });
  });

  it("lists each of a new firm's titles once", () => {
    const titles = [{ code: 'high_tech' as const, year: 2021 }];
    const p = plan({ year: 2021, code: NEW, name: '新办精密', titles }, { year: 2022, code: NEW, name: '新办精密', titles });
    expect(p.firms[0].titles).toEqual([{ code: 'high_tech', year: 2021 }]);
  });
});

describe('the counts', () => {
  it('count new firms, changed and unchanged firms, new years and their values', () => {
    const other = h.db.prepare("SELECT credit_code FROM firms WHERE name != '鑫金山机械' ORDER BY id LIMIT 1").pluck().get() as string;
    const p = plan(
      { year: 2023, figures: { revenue: 60000, employees: 640 } },
      { year: 2022, code: other, name: h.db.prepare('SELECT name FROM firms WHERE credit_code = ?').pluck().get(other) as string },
      { year: 2022, code: NEW, name: '新办精密', figures: { revenue: 500 } },
    );
    expect(p.counts).toEqual({ rows: 3, newFirms: 1, changedFirms: 1, unchangedFirms: 1, changedValues: 0, newYears: 2, newValues: 3 });
  });
});

describe('a jump from the year before', () => {
  const warnings = (...rows: Row[]) => plan(...rows).warnings.map((w) => [w.row, w.column, w.reason]);

  it('is warned about above 50 %, not at exactly 50 %', () => {
    h.db.prepare('UPDATE firm_years SET revenue = 40000 WHERE firm_id = ? AND year = 2022').run(id);
    expect(warnings({ year: 2023, figures: { revenue: 60000 } })).toEqual([]);
    expect(warnings({ year: 2023, figures: { revenue: 60000.01 } })).toEqual([[2, '营业收入', '较上年（40000）变化超过 50%，请核实单位与数值']]);
  });

  it('is not measured from a year of zero revenue', () => {
    h.db.prepare('UPDATE firm_years SET revenue = 0 WHERE firm_id = ? AND year = 2022').run(id);
    const p = plan({ year: 2023, figures: { revenue: 60000 } });
    expect(p.warnings).toEqual([]);
    expect(p.unitSuspects).toEqual([]);
  });

  it('is measured against the file\'s previous year only when it is the year just before', () => {
    const p = plan({ year: 2020, code: NEW, name: '新办精密', figures: { revenue: 100 } }, { year: 2022, code: NEW, name: '新办精密', row: 3, figures: { revenue: 300 } });
    expect(p.warnings).toEqual([]);
    const q = plan({ year: 2021, code: NEW, name: '新办精密', figures: { revenue: 100 } }, { year: 2022, code: NEW, name: '新办精密', row: 3, figures: { revenue: 300 } });
    expect(q.warnings.map((w) => [w.row, w.column])).toEqual([[3, '营业收入']]);
  });

  it('is not warned about for a value the file leaves as stored', () => {
    // 2022 stored with a jump already (accepted earlier); the file changes only the employees.
    h.db.prepare('UPDATE firm_years SET revenue = 100000 WHERE firm_id = ? AND year = 2022').run(id);
    const p = plan({ year: 2022, figures: { revenue: 100000, employees: 625 } });
    expect(p.firms[0].years[0].changes).toEqual([{ field: 'employees', old: 620, new: 625 }]);
    expect(p.warnings).toEqual([]);
  });

  it('of 1,000 times or more is asked about as a unit, from exactly 1,000 times', () => {
    h.db.prepare('UPDATE firm_years SET revenue = 50 WHERE firm_id = ? AND year = 2022').run(id);
    expect(plan({ year: 2023, figures: { revenue: 49999 } }).unitSuspects).toEqual([]);
    expect(plan({ year: 2023, figures: { revenue: 50000 } }).unitSuspects).toEqual([
      { key: 'revenue', row: 2, name: '鑫金山机械', value: 50000, compared: 50, basis: 'previous_year' },
    ]);
  });
});
