// The fast column readers must read every cell exactly as the general rules (readCell) do: the fast path is
// taken only for a plain in-range number, everything else — refusals included — goes the general way.
import { describe, expect, it } from 'vitest';
import { CellError, columnReader } from '../readers';
import { TEMPLATE } from '../template';
import { readCell, type RawCell } from '../values';

const column = (key: string) => TEMPLATE.find((c) => c.key === key)!;
const general = (key: string, raw: RawCell, factor = 1) => {
  const r = readCell(raw, column(key).kind, key, factor);
  return r.ok ? r.value : new CellError(r.reason);
};

describe('columnReader', () => {
  const cases: [key: string, raw: RawCell, factor?: number][] = [
    ['revenue', '12345.6'],
    ['revenue', '-3'],
    ['net_profit', '-3'],
    ['revenue', '1.5', 10000],
    ['revenue', '0.000001', 10000],
    ['revenue', '12,345.6'],
    ['revenue', '１２３'],
    ['revenue', '1.2亿'],
    ['revenue', '999999999'],
    ['revenue', '9999999999'],
    ['revenue', '1.1234567'],
    ['revenue', 12345.6],
    ['revenue', '—'],
    ['revenue', 'abc'],
    ['share_global', '100'],
    ['share_global', '100.5'],
    ['share_global', '12.5%'],
    ['rank_global', '3'],
    ['rank_global', '0'],
    ['rank_global', '1.5'],
    ['employees', '250'],
    ['employees', '-1'],
    ['credit_score', '1000'],
    ['credit_score', '1001'],
    ['name', '鑫金山机械'],
    ['name', '  鑫金山机械 '],
    ['year', '2022'],
    ['year', '1989'],
    ['year', 2022],
    ['is_new_product', '是'],
    ['is_new_product', '也许'],
    ['credit_code', '91370405MA3E5P1J2N'],
    ['credit_code', '91370405MA3E5P1J2X'],
    ['titles', '专精特新小巨人(2021);高新技术企业'],
  ];
  it.each(cases)('reads %s = %j (factor %s) as readCell does', (key, raw, factor = 1) => {
    expect(columnReader(column(key), factor)(raw)).toEqual(general(key, raw, factor));
  });

  it('reads empty cells as no value, never 0', () => {
    for (const key of ['revenue', 'rank_global', 'name', 'year']) {
      const read = columnReader(column(key), 1);
      expect(read(null), key).toEqual(general(key, null));
      expect(read(''), key).toEqual(general(key, ''));
    }
    expect(columnReader(column('revenue'), 1)('')).toBeNull();
    expect(columnReader(column('revenue'), 1)(undefined)).toEqual(general('revenue', undefined));
  });

  it('scales by the header’s unit without float noise', () => {
    expect(columnReader(column('revenue'), 10000)('1.23')).toBe(12300);
    expect(columnReader(column('revenue'), 0.0001)('123456')).toBe(12.3456);
    // One yuan in a 元 column is a ten-thousandth of a 万元, not scaled up into the plausible range.
    expect(columnReader(column('revenue'), 0.0001)('1')).toBe(0.0001);
    expect(columnReader(column('revenue'), 0.0001)('0.5')).toBe(0.00005);
  });

  it('reads a repeated text once and answers the same each time, refusals included', () => {
    const read = columnReader(column('name'), 1);
    expect(read('越成制动')).toBe('越成制动');
    expect(read('越成制动')).toBe('越成制动');
    const bad = columnReader(column('credit_code'), 1);
    const first = bad('91370405MA3E5P1J2X');
    expect(first).toBeInstanceOf(CellError);
    expect(bad('91370405MA3E5P1J2X')).toBe(first);
  });
});
