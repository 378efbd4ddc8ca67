// A date cell that holds no real date (a bad `t="d"` value, a date-formatted serial past year 275760) is refused at
// its row and column with what it is, in the data template and in the lists' files alike — never a crash of the
// whole import.
import { describe, expect, it } from 'vitest';
import { readDate } from '../listFile';
import { SheetParser } from '../parse';
import { shownCell } from '../values';

const BAD = new Date(Number.NaN);

describe('a date cell with no real date', () => {
  it('is refused at its row and column in the data template, quoted as 无效日期', () => {
    const p = new SheetParser('企业数据');
    p.push(['统一社会信用代码', '企业名称', '年度', '营业收入合计（万元）'], 1);
    p.push(['91370405MA3C7K2E3Q', BAD, 2023, 1000], 2);
    const r = p.finish();
    expect(r.records).toHaveLength(0);
    expect(r.problems).toEqual([expect.objectContaining({ level: 'error', sheet: '企业数据', row: 2, column: '企业名称', value: '（无效日期）', reason: expect.stringContaining('不是有效日期') })]);
  });

  it('is refused as a date in a list’s file, and shown as 无效日期; a real date still reads', () => {
    expect(readDate(BAD)).toEqual({ reason: '不是有效日期' });
    expect(readDate(new Date(Date.UTC(2023, 6, 28)))).toEqual({ value: '2023-07-28' });
    expect(shownCell(BAD)).toBe('（无效日期）');
    expect(shownCell(new Date(Date.UTC(2023, 6, 28)))).toBe('2023-07-28');
    expect(shownCell('')).toBeNull();
    expect(shownCell(null)).toBeNull();
  });
});
