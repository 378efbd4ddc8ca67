// The template an analyst downloads: opened in Excel or WPS it shows a frozen, bold header with the name and
// code columns in view, codes formatted as text (so an 18-digit code is not turned into 9.13704E+17), and an
// instructions sheet listing every column with its key, whether it is required, its note and other names.
// The CSV form starts with a BOM (Excel reads UTF-8 Chinese only with one) and every line ends in CRLF.
import { describe, expect, it } from 'vitest';
import type ExcelJSType from 'exceljs';
import { TEMPLATE, TEMPLATE_SHEET, writtenHeader } from '../template';
import { templateCsv, templateXlsx } from '../templateFile';

async function opened(bytes: Buffer): Promise<ExcelJSType.Workbook> {
  const { default: ExcelJS } = await import('../../exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

const col = (key: string) => TEMPLATE.findIndex((c) => c.key === key) + 1;

describe('the blank xlsx template', () => {
  it('names the app as its author', async () => {
    expect((await opened(await templateXlsx())).creator).toBe('单项冠军培育库');
  });

  it('keeps the header row and the code and name columns in view while scrolling', async () => {
    const ws = (await opened(await templateXlsx())).getWorksheet(TEMPLATE_SHEET)!;
    expect(ws.views).toHaveLength(1);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, xSplit: 2 });
    expect(TEMPLATE.slice(0, 2).map((c) => c.key)).toEqual(['credit_code', 'name']);
  });

  it('has a bold, wrapped header of the written column names', async () => {
    const ws = (await opened(await templateXlsx())).getWorksheet(TEMPLATE_SHEET)!;
    const header = ws.getRow(1);
    expect((header.values as unknown[]).slice(1)).toEqual(TEMPLATE.map(writtenHeader));
    for (let i = 1; i <= TEMPLATE.length; i++) {
      expect(header.getCell(i).font?.bold).toBe(true);
      expect(header.getCell(i).alignment).toMatchObject({ wrapText: true, vertical: 'middle' });
    }
  });

  it('gives the name, code and titles columns room and every other column the same width', async () => {
    const ws = (await opened(await templateXlsx())).getWorksheet(TEMPLATE_SHEET)!;
    const widths = TEMPLATE.map((c, i) => [c.key, ws.getColumn(i + 1).width]);
    expect(widths).toEqual(TEMPLATE.map((c) => [c.key, c.key === 'name' ? 24 : c.key === 'credit_code' ? 22 : c.key === 'titles' ? 36 : 12]));
    expect(ws.getColumn(col('name')).width).toBe(24);
    expect(ws.getColumn(col('credit_code')).width).toBe(22);
    expect(ws.getColumn(col('titles')).width).toBe(36);
    expect(ws.getColumn(col('revenue')).width).toBe(12);
  });

  it('formats the credit code and product code columns as text, and only those', async () => {
    const ws = (await opened(await templateXlsx())).getWorksheet(TEMPLATE_SHEET)!;
    const text = TEMPLATE.filter((_, i) => ws.getColumn(i + 1).numFmt === '@').map((c) => c.key);
    expect(text).toEqual(['credit_code', 'product_code']);
  });

  it('writes the given rows under the header', async () => {
    const row = TEMPLATE.map((c) => (c.key === 'name' ? '汉庄数控' : c.key === 'revenue' ? 37849.5 : null));
    const ws = (await opened(await templateXlsx([row]))).getWorksheet(TEMPLATE_SHEET)!;
    expect(ws.getRow(2).getCell(col('name')).value).toBe('汉庄数控');
    expect(ws.getRow(2).getCell(col('revenue')).value).toBe(37849.5);
  });
});

describe('the instructions sheet', () => {
  const help = async () => (await opened(await templateXlsx())).getWorksheet('填表说明')!;
  const cells = (r: ExcelJSType.Row) => (r.values as unknown[]).slice(1);

  it('has a bold header of 列名, 英文键, 必填, 说明 with widths that fit them', async () => {
    const ws = await help();
    expect(cells(ws.getRow(1))).toEqual(['列名', '英文键', '必填', '说明']);
    expect([1, 2, 3, 4].map((i) => ws.getColumn(i).width)).toEqual([22, 18, 6, 60]);
    expect([1, 2, 3, 4].every((i) => ws.getRow(1).getCell(i).font?.bold === true)).toBe(true);
  });

  it('lists every column: written name, key, 是 when required, and its note with the other names it may be written as', async () => {
    const ws = await help();
    TEMPLATE.forEach((c, i) => {
      const [name, key, required, note] = [1, 2, 3, 4].map((k) => ws.getRow(i + 2).getCell(k).value);
      expect(name).toBe(writtenHeader(c));
      expect(key).toBe(c.key);
      expect(required ?? '').toBe(c.required ? '是' : '');
      const alsoAs = `也可写作：${c.synonyms.join('、')}`;
      expect(note).toBe(c.note ? `${c.note}；${alsoAs}` : alsoAs);
    });
    const code = ws.getRow(col('credit_code') + 1);
    expect(code.getCell(3).value).toBe('是');
    expect(String(code.getCell(4).value)).toMatch(/^18 位，校验位按 GB 32100-2015 核对；也可写作：.+、.+/);
    // A column without a note starts with its other names, not with a separator.
    expect(String(ws.getRow(col('name') + 1).getCell(4).value)).toMatch(/^也可写作：/);
    expect(ws.getRow(col('town') + 1).getCell(3).value).toBe('');
  });

  it('leaves a blank row between the column list and the instructions', async () => {
    const ws = await help();
    const blank = TEMPLATE.length + 2;
    expect(cells(ws.getRow(blank)).filter((v) => v != null)).toEqual([]);
    expect(String(ws.getRow(blank + 1).getCell(1).value)).toMatch(/^每行填写一家企业一个数据年度的数据/);
    expect(String(ws.getRow(ws.rowCount).getCell(1).value)).toMatch(/^统一社会信用代码须为 18 位/);
  });
});

describe('the blank CSV template', () => {
  it('starts with a UTF-8 BOM and the written header', () => {
    const bytes = templateCsv();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').startsWith(`\ufeff${TEMPLATE.map(writtenHeader).join(',')}\r\n`)).toBe(true);
  });

  it('ends with the header line, with no empty line after it', () => {
    expect(templateCsv().toString('utf8')).toBe(`\ufeff${TEMPLATE.map(writtenHeader).join(',')}\r\n`);
  });

  it('separates rows with CRLF and ends the last one with CRLF', () => {
    const row = TEMPLATE.map((c) => (c.key === 'name' ? '汉庄数控' : null));
    const lines = templateCsv([row, row]).toString('utf8').split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(lines[1]).toBe(lines[2]);
    expect(lines[1].split(',')[col('name') - 1]).toBe('汉庄数控');
  });
});
