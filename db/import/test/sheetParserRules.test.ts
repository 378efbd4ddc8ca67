// The sheet parser's own rules, one at a time: which unit an analyst's choice applies to, what counts as a blank
// row or an empty sheet, where the header may lie, how empty firm fields read, which column a duplicate names,
// how often progress is told, and when a share column is taken for fractions. Rows are the kind a district's
// annual return holds.
import { describe, expect, it } from 'vitest';
import { figureAt } from '../../figures';
import { parseImportFile, PROGRESS_ROWS, SheetParser, type ReadProgress } from '../parse';
import type { RawCell } from '../values';
import { creditCode } from './synth';

const CODE = '91370405MA3L7M5B1K';
const CODE2 = creditCode(2);

/** Feeds rows to a parser from row 1 (or `from`) and finishes it. */
function parse(rows: RawCell[][], options: { mapping?: Record<string, string | null>; units?: Record<string, string>; from?: number } = {}) {
  const p = new SheetParser('企业年度数据', options.mapping, options.units);
  rows.forEach((cells, i) => p.push(cells, (options.from ?? 1) + i));
  return p.finish();
}

const errors = (s: ReturnType<typeof parse>) => s.problems.filter((p) => p.level === 'error');

describe("the analyst's unit choice", () => {
  const rows = [
    ['统一社会信用代码', '企业名称', '年度', '营业收入（万元）', '净利润（万元）'],
    [CODE, '运河锂电', 2023, 7187.5, 300],
  ];

  it('named by the template key applies to that column only, not to another money column', () => {
    const s = parse(rows, { units: { revenue: '元' } });
    expect(s.columns.map((c) => c.unit)).toEqual([null, null, null, '元', '万元']);
    expect(figureAt(s.records[0].figures, 'revenue')).toBeCloseTo(0.71875, 10);
    expect(figureAt(s.records[0].figures, 'net_profit')).toBe(300);
  });

  it("named by the template's column name overrides the unit the header gives", () => {
    const s = parse(rows, { units: { 营业收入: '亿元' } });
    expect(s.columns[3].unit).toBe('亿元');
    expect(s.columns[4].unit).toBe('万元');
    expect(figureAt(s.records[0].figures, 'revenue')).toBe(71875000);
  });

  it("named by the file's own header text applies to a column the analyst mapped by hand", () => {
    const mapped = [
      ['统一社会信用代码', '企业名称', '年度', '本年销售额', '净利润（万元）'],
      [CODE, '运河锂电', 2023, 71875000, 300],
    ];
    const s = parse(mapped, { mapping: { 本年销售额: 'revenue' }, units: { 本年销售额: '元' } });
    expect(s.columns[3]).toMatchObject({ key: 'revenue', unit: '元' });
    expect(s.columns[4].unit).toBe('万元');
    expect(figureAt(s.records[0].figures, 'revenue')).toBe(7187.5);
  });

  it('does not touch a column that is not money: its unit stays the one its header names', () => {
    const s = parse(
      [
        ['统一社会信用代码', '企业名称', '年度', '国内市场占有率（%）'],
        [CODE, '运河锂电', 2023, 12.5],
      ],
      { units: { share_domestic: '万元' } },
    );
    expect(s.columns[3].unit).toBe('%');
    expect(figureAt(s.records[0].figures, 'share_domestic')).toBe(12.5);
  });
});

describe('a money unit in the header of a column that is not money', () => {
  it('does not scale its values: 从业人员（元） in a CSV still counts persons', () => {
    const s = parse([
      ['统一社会信用代码', '企业名称', '年度', '从业人员（元）'],
      [CODE, '运河锂电', 2023, '20000'],
    ]);
    expect(s.columns[3]).toMatchObject({ key: 'employees', unit: '元' });
    expect(figureAt(s.records[0].figures, 'employees')).toBe(20000);
  });
});

describe('the header row', () => {
  it("is found by the analyst's mapping even when its cells carry spaces", () => {
    const s = parse([
      [' 代码 ', ' 公司 ', '年度'],
      [CODE, '运河锂电', 2023],
    ], { mapping: { 代码: 'credit_code', 公司: 'name' } });
    expect(s.headerRow).toBe(1);
    expect(s.records.map((r) => [r.creditCode, r.name])).toEqual([[CODE, '运河锂电']]);
  });

  it('does not count an unknown column as the third one', () => {
    const s = parse([
      ['统一社会信用代码', '企业名称', '备注'],
      [CODE, '运河锂电', '—'],
    ]);
    expect(s.headerRow).toBeNull();
    expect(s.problems.map((p) => p.reason)).toEqual(['找不到表头行：需要一行同时含有“统一社会信用代码”“企业名称”等列名（前 30 行内）']);
  });

  const titled = (at: number) => [...Array.from({ length: at - 1 }, (_, i) => [`说明第 ${i + 1} 行`]), ['统一社会信用代码', '企业名称', '年度'], [CODE, '运河锂电', 2023]];

  it('may be the 30th row, not the 31st', () => {
    expect(parse(titled(30)).headerRow).toBe(30);
    expect(parse(titled(31)).headerRow).toBeNull();
  });

  it('keeps a gap in the header as a column without a name', () => {
    const s = parse([
      ['统一社会信用代码', null, '企业名称', '年度'],
      [CODE, '旁注', '运河锂电', 2023],
    ]);
    expect(s.columns.map((c) => [c.header, c.key, c.unit])).toEqual([
      ['统一社会信用代码', 'credit_code', null],
      ['', null, null],
      ['企业名称', 'name', null],
      ['年度', 'year', null],
    ]);
  });
});

describe('blank rows and empty sheets', () => {
  it('skips a row of empty and space-only cells between firms, with no problem', () => {
    const s = parse([
      ['统一社会信用代码', '企业名称', '年度'],
      [CODE, '运河锂电', 2023],
      ['', '  ', null],
      [CODE2, '峄南电解液', 2023],
    ]);
    expect(s.problems).toEqual([]);
    expect(s.records.map((r) => r.row)).toEqual([2, 4]);
  });

  it('calls a sheet of only empty and space-only cells empty, not headless', () => {
    const s = parse([['', ' '], [null, '']]);
    expect(s.problems.map((p) => p.reason)).toEqual(['文件或工作表是空的']);
  });
});

describe("a record's firm fields", () => {
  it('are null for each firm column the file has and leaves empty, and absent for the columns it lacks', () => {
    const s = parse([
      ['统一社会信用代码', '企业名称', '年度', '所属镇街', '产业链', '已获称号', '营业收入'],
      [CODE, '运河锂电', 2023, '', '新能源', '', 7187.5],
    ]);
    expect(s.records[0].firm).toStrictEqual({ town: null, chain: '新能源' });
    expect(s.records[0].titles).toEqual([]);
  });

  it('are null for a firm whose row leaves them all empty', () => {
    const s = parse([
      ['统一社会信用代码', '企业名称', '年度', '所属镇街', '主导产品'],
      [CODE, '运河锂电', 2023, null, null],
    ]);
    expect(s.records[0].firm).toStrictEqual({ town: null, main_product: null });
  });
});

describe('a firm given twice for one year', () => {
  it('names the credit code column, wherever it stands', () => {
    const s = parse([
      ['企业名称', '年度', '统一社会信用代码'],
      ['运河锂电', 2023, CODE],
      ['运河锂电（重复）', 2023, CODE],
    ]);
    expect(errors(s)).toEqual([
      { level: 'error', sheet: '企业年度数据', row: 3, column: '统一社会信用代码', value: CODE, reason: '与第 2 行重复：同一企业同一年度只能有一行' },
    ]);
  });
});

describe('progress while reading', () => {
  function csvOf(n: number): Uint8Array {
    const lines = ['统一社会信用代码,企业名称,年度'];
    for (let i = 0; i < n; i++) lines.push(`${CODE},企业${i},${2000 + (i % 20)}`);
    return new TextEncoder().encode(lines.join('\n') + '\n');
  }

  it(`is told every ${PROGRESS_ROWS} rows, as the sheet starts and at the end, with how much of the CSV is read`, async () => {
    const seen: ReadProgress[] = [];
    const bytes = csvOf(2 * PROGRESS_ROWS + 1);
    await parseImportFile(bytes, '年报.csv', { progress: (p) => seen.push(p) });
    const rows = seen.map((p) => p.rows);
    // The header row and the empty line after the last line end count as rows read.
    expect(rows).toEqual([0, PROGRESS_ROWS, 2 * PROGRESS_ROWS, 2 * PROGRESS_ROWS + 3]);
    const last = seen.at(-1)!;
    expect(last.total).toBeGreaterThan(0);
    expect(last.done).toBe(last.total);
    expect(seen[1].done).toBeGreaterThan(0);
    expect(seen[1].done).toBeLessThan(last.total);
  });

  it('is not told between two reports', async () => {
    const seen: ReadProgress[] = [];
    await parseImportFile(csvOf(PROGRESS_ROWS - 3), '年报.csv', { progress: (p) => seen.push(p) });
    expect(seen.map((p) => p.rows)).toEqual([0, PROGRESS_ROWS - 1]);
  });
});

describe('a share column written as fractions', () => {
  const sheet = (values: (number | null)[]) =>
    parse([['统一社会信用代码', '企业名称', '年度', '国内市场占有率'], ...values.map((v, i) => [creditCode(i + 10), `企业${i}`, 2023, v])]);
  const warned = (values: (number | null)[]) => {
    const s = sheet(values);
    expect(errors(s)).toEqual([]);
    return s.problems.filter((p) => p.level === 'warning').map((p) => [p.row, p.column, p.reason]);
  };
  const WARNING = [1, '国内市场占有率', '该列数值全部在 0–1 之间，可能填成了小数（12.5% 应填 12.5）'];

  it('is warned about when every value lies in 0–1, 1 included', () => {
    expect(warned([0.5, 1])).toEqual([WARNING]);
  });

  it('is not warned about when the shares are all zero', () => {
    expect(warned([0, 0])).toEqual([]);
  });

  it('is not warned about when one share is above 1', () => {
    expect(warned([0.5, 12.5])).toEqual([]);
  });
});
