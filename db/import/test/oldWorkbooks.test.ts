// What the importer reads from an Excel 97–2003 .xls or an OpenDocument .ods as a script writes them (SheetJS's
// own writer): every sheet in the workbook's order, rows numbered as the spreadsheet shows them, columns from A
// even when the used range starts further right, a one-column notes sheet, booleans, dates, percentages, error
// cells as no value — and the app's error log still working once a workbook has been read.
import * as XLSX from '@e965/xlsx';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readOldWorkbook } from '../oldFormats';
import { PercentCell, type RawCell } from '../values';

function book(): XLSX.WorkBook {
  // A notes sheet in column A only, then the data: a title row left empty and column A left empty, as often.
  const notes: XLSX.WorkSheet = { A1: { t: 's', v: '填报说明' }, A2: { t: 's', v: '金额单位：万元' }, '!ref': 'A1:A2' };
  const data: XLSX.WorkSheet = {
    B2: { t: 's', v: '企业名称' },
    C2: { t: 's', v: '营业收入' },
    D2: { t: 's', v: '是否新产品' },
    E2: { t: 's', v: '认定日期' },
    F2: { t: 's', v: '研发投入占比' },
    G2: { t: 's', v: '净利润' },
    B3: { t: 's', v: '枣庄精密机械有限公司' },
    C3: { t: 'n', v: 12345.6 },
    D3: { t: 'b', v: true },
    E3: { t: 'd', v: new Date(Date.UTC(2023, 6, 28)), z: 'yyyy"年"m"月"d"日"' },
    F3: { t: 'n', v: 0.125, z: '0.0%' },
    G3: { t: 'e', v: 0x2a }, // #N/A
    '!ref': 'B2:G3',
  };
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, notes, '说明');
  XLSX.utils.book_append_sheet(wb, data, '企业年度数据');
  return wb;
}

async function read(bookType: 'biff8' | 'ods'): Promise<{ names: string[]; rows: [string, number, RawCell[]][] }> {
  const bytes = XLSX.write(book(), { bookType, type: 'buffer', cellDates: true }) as Buffer;
  const rows: [string, number, RawCell[]][] = [];
  const names = await readOldWorkbook(new Uint8Array(bytes), (sheet) => (cells, n) => rows.push([sheet, n, cells]));
  return { names, rows };
}

afterEach(() => vi.restoreAllMocks());

describe.each(['biff8', 'ods'] as const)('a %s workbook', (bookType) => {
  it('reads every sheet, rows numbered as shown, columns from A, values by their type, an error cell as no value', async () => {
    const { names, rows } = await read(bookType);
    expect(names).toEqual(['说明', '企业年度数据']);
    expect(rows).toEqual([
      ['说明', 1, ['填报说明']],
      ['说明', 2, ['金额单位：万元']],
      ['企业年度数据', 2, [null, '企业名称', '营业收入', '是否新产品', '认定日期', '研发投入占比', '净利润']],
      ['企业年度数据', 3, [null, '枣庄精密机械有限公司', 12345.6, true, new Date('2023-07-28T00:00:00Z'), new PercentCell(0.125), null]],
    ]);
  });

  it('leaves the app’s error log working after the read', async () => {
    const logged: unknown[] = [];
    const log = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
    await read(bookType);
    console.error('after the import');
    expect(log).toHaveBeenCalledWith('after the import');
    expect(logged.at(-1)).toEqual(['after the import']);
  });
});
