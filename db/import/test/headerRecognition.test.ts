// Which row is the header: one naming the credit code, the firm's name and at least one more template column.
// A row of three known columns without the code or the name is not taken for the header, so a file without
// those columns is refused as having no header, not read with every firm missing its key.
import { describe, expect, it } from 'vitest';
import { parseImportFile } from '../parse';

const csv = (s: string) => new TextEncoder().encode(s);

describe('the header row', () => {
  it.each([
    ['without the credit code', '企业名称,年度,营业收入\n运河锂电,2023,7187.5\n'],
    ['without the firm name', '统一社会信用代码,年度,营业收入\n91370405MA3L7M5B1K,2023,7187.5\n'],
    ['with only the code and the name', '统一社会信用代码,企业名称\n91370405MA3L7M5B1K,运河锂电\n'],
  ])('is not found in a file %s', async (_, text) => {
    const parsed = await parseImportFile(csv(text), '名单.csv');
    expect(parsed.parsed?.headerRow).toBeNull();
    expect(parsed.parsed?.records).toEqual([]);
  });

  it('is the first row naming the code, the name and one more column', async () => {
    const parsed = await parseImportFile(csv('企业名称,年度,营业收入\n统一社会信用代码,企业名称,年度\n91370405MA3L7M5B1K,运河锂电,2023\n'), '名单.csv');
    expect(parsed.parsed?.headerRow).toBe(2);
    expect(parsed.parsed?.records.map((r) => [r.creditCode, r.name, r.year])).toEqual([['91370405MA3L7M5B1K', '运河锂电', 2023]]);
  });
});
