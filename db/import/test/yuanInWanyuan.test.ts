// 元 typed into a 万元 column (units.ts): which values are suspected against their column, how the analyst's
// answers are matched to columns, and the question and refusal the analyst sees. Firms and figures are the kind
// a district's annual return holds: revenues of a few thousand 万元, one typed in 元.
import { describe, expect, it } from 'vitest';
import { emptyFigureRow, FIGURE_INDEX, type FigureKey } from '../../figures';
import type { ImportRecord, MappedColumn } from '../parse';
import { answeredKeys, columnSuspects, medianOf, unitQuestions, type UnitSuspect } from '../units';

function firm(name: string, figures: Partial<Record<FigureKey, number>>, row: number): ImportRecord {
  const row0 = emptyFigureRow();
  for (const [k, v] of Object.entries(figures)) row0[FIGURE_INDEX.get(k as FigureKey)!] = v ?? NaN;
  return { row, creditCode: '', name, year: 2023, firm: {}, titles: null, figures: row0 };
}

const column = (header: string, key: string | null, index = 0): MappedColumn => ({ index, header, key, unit: null });

describe('values far above their column', () => {
  it('compares with the median of an even column: the mean of its two middle values', () => {
    const records = [firm('实强铜业', { revenue: 200 }, 2), firm('卓越印染', { revenue: 400 }, 3), firm('鲁南轴承', { revenue: 100 }, 4), firm('峄南电解液', { revenue: 500000 }, 5)];
    expect(columnSuspects(records)).toEqual([{ key: 'revenue', row: 5, name: '峄南电解液', value: 500000, compared: 300, basis: 'column' }]);
  });

  it('leaves losses and zeros out of the median (net profit of −500, 0 and 0 beside 100, 120 and 150,000)', () => {
    const records = [
      firm('亏损企业', { net_profit: -500 }, 2),
      firm('停产企业甲', { net_profit: 0 }, 3),
      firm('停产企业乙', { net_profit: 0 }, 4),
      firm('实强铜业', { net_profit: 100 }, 5),
      firm('卓越印染', { net_profit: 120 }, 6),
      firm('鲁南轴承', { net_profit: 150000 }, 7),
    ];
    expect(columnSuspects(records)).toEqual([{ key: 'net_profit', row: 7, name: '鲁南轴承', value: 150000, compared: 120, basis: 'column' }]);
  });

  it('asks about a value exactly 1,000 times the median, not one just below', () => {
    const at = (v: number) => columnSuspects([firm('甲', { revenue: 100 }, 2), firm('乙', { revenue: 120 }, 3), firm('丙', { revenue: v }, 4)]);
    expect(at(120000).map((s) => [s.row, s.compared])).toEqual([[4, 120]]);
    expect(at(119999)).toEqual([]);
  });
});

describe('a column\'s median', () => {
  it('is the median a sort gives, for odd and even counts, many equal values and values already in order', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const byMedian = (xs: number[]) => {
      const s = sorted(xs);
      const m = s.length >> 1;
      return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
    };
    const cases: number[][] = [[5], [2, 1], [3, 1, 2], [1, 1, 1, 1], [1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1], [2, 2, 1, 1, 3, 3, 2]];
    for (let t = 0; t < 300; t++) {
      const n = 1 + Math.floor(random() * 60);
      // Few distinct values in half the cases: the selection must not stall on ties.
      const spread = t % 2 ? 4 : 1e6;
      cases.push(Array.from({ length: n }, () => Math.floor(random() * spread) + 0.5));
    }
    for (const xs of cases) {
      // A longer array than the values, as the column's buffer is: only the first n count.
      const a = new Float64Array(xs.length + 3).fill(1e12);
      a.set(xs);
      expect(medianOf(a, xs.length), JSON.stringify(xs)).toBe(byMedian(xs));
      expect(sorted([...a.subarray(0, xs.length)])).toEqual(sorted(xs));
    }
  });
});

describe('the analyst’s answers', () => {
  it('match a column by the header the file gives it, even a header the template does not know', () => {
    const columns = [column('统一社会信用代码', 'credit_code', 0), column('本年销售额', 'revenue', 1)];
    expect(answeredKeys({ 本年销售额: '元' }, columns)).toEqual(new Set(['revenue']));
  });

  it('match by the template’s name when the header of that name is an ignored column', () => {
    expect(answeredKeys({ 营业收入: '万元' }, [column('营业收入', null, 3)])).toEqual(new Set(['revenue']));
  });
});

describe('the question asked per column', () => {
  const suspect = (row: number, basis: UnitSuspect['basis'], value: number, compared: number, key: FigureKey = 'revenue'): UnitSuspect => ({ key, row, name: `企业${row}`, value, compared, basis });

  it('counts a row suspected both against its previous year and against its column once', () => {
    const { questions, problems } = unitQuestions([suspect(4, 'previous_year', 71875000, 6950.2), suspect(4, 'column', 71875000, 7100)], [column('营业收入', 'revenue')], new Set(), '企业年度数据');
    expect(questions).toEqual([{ key: 'revenue', header: '营业收入', count: 1, examples: [suspect(4, 'previous_year', 71875000, 6950.2)] }]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ level: 'error', sheet: '企业年度数据', row: 4, column: '营业收入', value: '71875000' });
    expect(problems[0].reason).toContain('“营业收入”列有 1 个数值是上年的 6950.2的 1000 倍以上');
  });

  it('asks about a row in each column it is suspected in', () => {
    const both = [suspect(4, 'column', 71875000, 7100), suspect(4, 'column', 52000000, 48000, 'total_assets')];
    const { questions } = unitQuestions(both, [column('营业收入', 'revenue'), column('资产总额', 'total_assets', 1)], new Set(), '企业年度数据');
    expect(questions.map((q) => [q.key, q.count, q.examples[0].row])).toEqual([
      ['revenue', 1, 4],
      ['total_assets', 1, 4],
    ]);
  });

  it('lists the examples in row order, at most five, and points the refusal at the first row', () => {
    const rows = [9, 3, 12, 5, 7, 2];
    const { questions, problems } = unitQuestions(rows.map((r) => suspect(r, 'column', 71875000, 7100)), [column('营业收入（万元）', 'revenue')], new Set(), '企业年度数据');
    expect(questions[0].count).toBe(6);
    expect(questions[0].examples.map((e) => e.row)).toEqual([2, 3, 5, 7, 9]);
    expect(problems[0]).toMatchObject({ row: 2, column: '营业收入（万元）' });
    expect(problems[0].reason).toContain('“营业收入（万元）”列有 6 个数值是同列其他数值（中位数 7100）的 1000 倍以上');
  });

  it('names the column’s own figure in the command-line hint (资产总额, not the first money figure)', () => {
    const { problems } = unitQuestions([suspect(3, 'column', 52000000, 48000, 'total_assets')], [column('资产合计', 'total_assets')], new Set(), '企业年度数据');
    expect(problems[0].reason).toContain('--unit 资产总额=元 或 --unit 资产总额=万元');
  });

  it('asks nothing about a column the analyst has answered', () => {
    const { questions, problems } = unitQuestions([suspect(3, 'column', 71875000, 7100)], [column('营业收入', 'revenue')], new Set(['revenue']), '企业年度数据');
    expect(questions).toEqual([]);
    expect(problems).toEqual([]);
  });
});
