// The shortlist writers, checked by reading their output back: the xlsx with exceljs, the CSV with
// papaparse after a plain UTF-8 decode (no GBK transcoding anywhere).
import ExcelJS from '../../exceljs';
import type * as Excel from 'exceljs';
import type { Workbook } from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { cellValue, displayWidth, neutralise, unguard } from '../cells';
import { shortlistCsv } from '../csv';
import type { ShortlistExport } from '../model';
import { shortlistXlsx } from '../xlsx';

const HYPERLINK = '=HYPERLINK("http://evil.example/x","点击查看")';
const ATSUM = '@SUM(1+1)*cmd|\' /C calc\'!A0';

const fixture: ShortlistExport = {
  baseName: '2023年度国家级制造业单项冠军企业申报汇总表-第一批',
  title: '2023年度国家级制造业单项冠军企业申报汇总表',
  fillingUnit: '某某区经济和信息化局',
  date: '2026年11月26日',
  subtitle: '认定标准：国家级制造业单项冠军企业（工信部政法〔2023〕138号）；数据年度：2022；名单：第一批',
  columns: [
    { key: 'index', header: '序号', kind: 'index', width: 6 },
    { key: 'name', header: '企业名称', kind: 'text', width: 22 },
    { key: 'credit_code', header: '统一社会信用代码', kind: 'text', width: 21 },
    { key: 'town', header: '所属镇街', kind: 'text', width: 11 },
    { key: 'main_product', header: '主导产品', kind: 'text' },
    { key: 'revenue', header: '营业收入（万元）', kind: 'money' },
    { key: 'net_profit', header: '净利润（万元）', kind: 'money' },
    { key: 'market_share', header: '主导产品全球市场占有率（%）', kind: 'percent' },
    { key: 'market_rank', header: '全球排名（名）', kind: 'rank' },
    { key: 'patents', header: '发明专利（项）', kind: 'count' },
    { key: 'years_in_field', header: '从事该领域年限（年）', kind: 'years' },
    { key: 'verdict', header: '达标情况', kind: 'text', width: 10 },
    { key: 'note', header: '推荐意见', kind: 'text', width: 30 },
  ],
  rows: [
    { index: 1, name: '宁波甬江精密轴承有限公司', credit_code: '91330201MA2H7K3Q5X', town: '江北街道', main_product: '高速精密主轴轴承', revenue: 52345.6, net_profit: 4120.25, market_share: 12.5, market_rank: 2, patents: 37, years_in_field: 18, verdict: '达标', note: '推荐' },
    { index: 2, name: '浙江东海新材料科技股份有限公司', credit_code: '913302007900123456', town: '庄桥街道', main_product: '光学级聚酯薄膜', revenue: 18760, net_profit: -35.5, market_share: null, market_rank: 5, patents: 12, years_in_field: 11, verdict: '数据不全', note: null },
    { index: 3, name: HYPERLINK, credit_code: '91330200MA2AB1CD2E', town: '洪塘街道', main_product: '-伺服电机', revenue: 1234567.89, net_profit: 0, market_share: 3.25, market_rank: null, patents: 0, years_in_field: 3, verdict: '未达标', note: '\t制表符开头' },
    { index: 4, name: ATSUM, credit_code: '91330205MA2CD3EF4G', town: '慈城镇', main_product: '+汽车传感器', revenue: 9050.4, net_profit: 812, market_share: 7, market_rank: 9, patents: 5, years_in_field: 25, verdict: '待研判', note: '\r回车开头' },
  ],
  notes: ['注：含示例数据，不代表真实企业', '注：已启用未证实的条件：条件4（主导产品全球市场占有率位居前三）。'],
  criteria: [
    { id: '1', text: '长期专注于制造业某一特定细分产品市场，从事相关领域10年及以上', threshold: '从事该领域年限 ≥ 10', source: '制造业单项冠军企业认定管理办法（工信部政法〔2023〕138号，2023-08-14）', confidence: '原文', enabled: true, reason: null },
    { id: '2', text: '近三年平均主营业务收入不低于4亿元', threshold: '近三年平均主营业务收入 ≥ 4亿元', source: '制造业单项冠军企业认定管理办法（工信部政法〔2023〕138号，2023-08-14）', confidence: '原文', enabled: true, reason: null },
    { id: '3', text: '研发投入占营业收入比重不低于3%', threshold: '研发投入强度 ≥ 3', source: '地方实施细则', confidence: '单一来源', enabled: false, reason: '本区暂不考核' },
    { id: '4', text: '主导产品全球市场占有率位居前三', threshold: '全球排名 ≤ 3', source: '申报通知（口径待核实）', confidence: '未证实', enabled: true, reason: '未证实，按申报通知试行' },
  ],
};

describe('cells', () => {
  it('neutralises text that a spreadsheet would run as a formula, never numbers', () => {
    for (const s of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(neutralise(s)).toBe(`'${s}`);
    expect(neutralise('宁波公司')).toBe('宁波公司');
    expect(neutralise('a=b')).toBe('a=b');
    expect(neutralise(-12.5)).toBe(-12.5);
    expect(neutralise(0)).toBe(0);
    expect(neutralise(null)).toBeNull();
    expect(neutralise(undefined)).toBeNull();
    expect(neutralise(Number.NaN)).toBeNull();
    // Text that already begins with guard apostrophes before a formula character gets one more, so that the
    // importer's taking one off gives back exactly what was written.
    expect(neutralise("'=x")).toBe("''=x");
    expect(neutralise("'s-Hertogenbosch")).toBe("'s-Hertogenbosch");
  });

  it('unguards exactly what it guarded', () => {
    for (const s of ['=1+1', '+86 632', '-伺服电机', '@公司', "'=x", "''+y", "'s", '宁波公司', '\tx']) expect(unguard(neutralise(s) as string)).toBe(s);
  });

  it('reads numeric strings in numeric columns as numbers, and keeps text text', () => {
    expect(cellValue('money', '-35.5')).toBe(-35.5);
    expect(cellValue('money', 0.1 + 0.2)).toBe(0.3);
    // Text as it is: xlsx stores it as text; the CSV writer guards it.
    expect(cellValue('text', '-35.5')).toBe('-35.5');
    expect(cellValue('money', '=1+1')).toBe('=1+1');
    expect(cellValue('rank', '')).toBe('');
  });

  it('counts CJK characters double', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('企业名称')).toBe(8);
    expect(displayWidth('营业收入（万元）')).toBe(16);
  });
});

async function readBack(): Promise<Workbook> {
  const buf = await shortlistXlsx(fixture);
  expect(Buffer.isBuffer(buf)).toBe(true);
  expect(buf.subarray(0, 2).toString('latin1')).toBe('PK'); // a zip, as xlsx is
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as Excel.Buffer);
  return wb;
}

describe('shortlistXlsx', () => {
  it('lays out the 申报汇总表 sheet: title, unit and date, subtitle, header', async () => {
    const wb = await readBack();
    expect(wb.worksheets.map((w) => w.name)).toEqual(['申报汇总表', '标准与出处']);
    expect(wb.creator).toBe('单项冠军培育库');
    expect(wb.created).toBeInstanceOf(Date);
    const ws = wb.getWorksheet('申报汇总表')!;
    const last = fixture.columns.length; // 13 → column M

    const title = ws.getCell('A1');
    expect(title.value).toBe(fixture.title);
    expect(title.font.bold).toBe(true);
    expect(title.font.size).toBe(16);
    expect(title.alignment.horizontal).toBe('center');
    expect(ws.getCell(1, last).isMerged).toBe(true);
    expect(ws.getCell(1, last).master.address).toBe('A1');
    expect(ws.getRow(1).height).toBeGreaterThanOrEqual(28);

    expect(ws.getCell('A2').value).toBe('填报单位：某某区经济和信息化局');
    const right = ws.getCell(2, Math.ceil(last / 2) + 1);
    expect(right.value).toBe('填报日期：2026年11月26日');
    expect(right.alignment.horizontal).toBe('right');
    expect(ws.getCell(2, last).master.address).toBe(right.address);
    expect(ws.getCell('A3').value).toBe(fixture.subtitle);
    expect(ws.getCell(3, last).master.address).toBe('A3');

    const headers = fixture.columns.map((_, i) => ws.getCell(4, i + 1).value);
    expect(headers).toEqual(fixture.columns.map((c) => c.header.replace('（', '\n（')));
    expect(headers).toContain('营业收入\n（万元）');
    expect(headers).toContain('主导产品全球市场占有率\n（%）');
    const h = ws.getCell('F4');
    expect(h.font.bold).toBe(true);
    expect(h.alignment.wrapText).toBe(true);
    expect(h.border.top?.style).toBe('thin');
    expect((h.fill as Excel.FillPattern).pattern).toBe('solid');
  });

  it('writes values with the number format of their kind', async () => {
    const ws = (await readBack()).getWorksheet('申报汇总表')!;
    const col = (key: string) => fixture.columns.findIndex((c) => c.key === key) + 1;
    const cell = (row: number, key: string) => ws.getCell(4 + row, col(key));

    expect(cell(1, 'index').value).toBe(1);
    expect(cell(1, 'index').alignment.horizontal).toBe('center');
    expect(cell(1, 'name').value).toBe('宁波甬江精密轴承有限公司');
    expect(cell(1, 'name').alignment).toMatchObject({ horizontal: 'left', wrapText: true });
    expect(cell(1, 'credit_code').value).toBe('91330201MA2H7K3Q5X');
    expect(cell(1, 'revenue').value).toBe(52345.6);
    expect(cell(1, 'revenue').numFmt).toBe('#,##0.0');
    expect(cell(1, 'market_share').value).toBe(12.5);
    expect(cell(1, 'market_share').numFmt).toBe('0.0');
    for (const k of ['market_rank', 'patents', 'years_in_field']) expect(cell(1, k).numFmt).toBe('0');
    expect(cell(1, 'market_rank').value).toBe(2);
    expect(cell(1, 'revenue').border.left?.style).toBe('thin');

    expect(cell(2, 'net_profit').value).toBe(-35.5); // a number, not the text "'-35.5"
    expect(cell(2, 'net_profit').type).toBe(ExcelJS.ValueType.Number);
    expect(cell(2, 'market_share').value).toBeNull();
    expect(cell(2, 'market_share').border.top?.style).toBe('thin'); // empty cells keep the grid
    expect(cell(2, 'note').value).toBeNull();

    // An xlsx text cell never runs as a formula: stored as written, no apostrophe.
    expect(cell(3, 'name').value).toBe(HYPERLINK);
    expect(cell(3, 'name').type).toBe(ExcelJS.ValueType.String);
    expect(cell(3, 'main_product').value).toBe('-伺服电机');
    expect(cell(3, 'note').value).toBe('\t制表符开头');
    expect(cell(4, 'name').value).toBe(ATSUM);
    expect(cell(4, 'main_product').value).toBe('+汽车传感器');
    // XML reads a bare CR back as LF; what matters is that nothing is put in front.
    expect(cell(4, 'note').value).toMatch(/^[\r\n]回车开头$/);
    // No cell anywhere carries a formula.
    ws.eachRow((r) => r.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it('puts the notes in red bold merged rows under a blank row', async () => {
    const ws = (await readBack()).getWorksheet('申报汇总表')!;
    const blank = 4 + fixture.rows.length + 1;
    expect(ws.getRow(blank).values).toEqual([]);
    fixture.notes.forEach((note, i) => {
      const c = ws.getCell(blank + 1 + i, 1);
      expect(c.value).toBe(note);
      expect(c.font.bold).toBe(true);
      expect(c.font.color?.argb).toBe('FFFF0000');
      expect(ws.getCell(blank + 1 + i, fixture.columns.length).master.address).toBe(c.address);
    });
    expect(ws.rowCount).toBe(blank + fixture.notes.length);
  });

  it('freezes the header and first two columns, sizes columns for paper, and prints A4 landscape at a legible scale', async () => {
    const ws = (await readBack()).getWorksheet('申报汇总表')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 4 });
    const ps = ws.pageSetup;
    expect(ps.orientation).toBe('landscape');
    expect(ps.paperSize).toBe(9);
    expect(ps.fitToPage).toBe(false); // fit-to-width is what shrank a wide sheet to 39 %
    expect(ps.scale).toBeGreaterThanOrEqual(70);
    expect(ps.horizontalCentered).toBe(true);
    expect(ps.printTitlesRow).toBe('4:4');
    expect(ws.getColumn(2).width).toBe(22); // given
    const product = ws.getColumn(5).width!; // 主导产品: from content, CJK double, wrapping past 12
    expect(product).toBe(12);
    expect(displayWidth('高速精密主轴轴承')).toBeGreaterThan(product);
    expect(ws.getCell('E5').alignment.wrapText).toBe(true);
    expect(ws.getColumn(6).width).toBeGreaterThanOrEqual('1,234,567.9'.length); // a number never wraps
    // The unit on a line of its own; every data row as tall as the tallest.
    expect(ws.getCell('F4').value).toBe('营业收入\n（万元）');
    expect(new Set(fixture.rows.map((_, i) => ws.getRow(5 + i).height)).size).toBe(1);
  });

  it('lists the criteria and their sources on 标准与出处, notes repeated', async () => {
    const ws = (await readBack()).getWorksheet('标准与出处')!;
    expect([1, 2, 3, 4, 5, 6, 7].map((i) => ws.getCell(1, i).value)).toEqual(['条件', '条件内容', '门槛', '出处', '可信度', '是否计入', '说明']);
    expect(ws.getCell('A2').value).toBe('条件1');
    expect(ws.getCell('B3').value).toBe('近三年平均主营业务收入不低于4亿元');
    expect(ws.getCell('F2').value).toBe('计入');
    expect(ws.getCell('F4').value).toBe('未启用');
    expect(ws.getCell('G4').value).toBe('本区暂不考核');
    expect(ws.getCell('E5').value).toBe('未证实');
    expect(ws.getCell('F5').value).toBe('计入');
    expect(ws.getCell('B2').alignment.wrapText).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const first = 2 + fixture.criteria.length + 1;
    expect(ws.getCell(first, 1).value).toBe(fixture.notes[0]);
    expect(ws.getCell(first + 1, 1).font.color?.argb).toBe('FFFF0000');
    expect(ws.getColumn(2).width).toBe(40);
  });

  it('copes with no rows and no notes', async () => {
    const buf = await shortlistXlsx({ ...fixture, rows: [], notes: [] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as Excel.Buffer);
    const ws = wb.getWorksheet('申报汇总表')!;
    expect(ws.rowCount).toBe(4);
    await expect(shortlistXlsx({ ...fixture, columns: [] })).rejects.toThrow('没有任何列');
  });
});

describe('shortlistCsv', () => {
  const bytes = shortlistCsv(fixture);
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); // fatal: any non-UTF-8 byte fails
  const rows = Papa.parse<string[]>(text, { skipEmptyLines: false }).data;

  it('starts with the UTF-8 BOM and uses CRLF', () => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.includes('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '').replace(/"[^"]*"/g, '')).not.toMatch(/\n/); // no bare LF outside quotes
    expect(text.endsWith('\r\n')).toBe(true);
    expect(bytes.includes(Buffer.from('宁波甬江精密轴承有限公司', 'utf8'))).toBe(true);
  });

  it('round-trips header and values, Chinese intact', () => {
    expect(rows[0]).toEqual(fixture.columns.map((c) => c.header));
    const [, r1, r2, r3, r4] = rows;
    expect(r1).toEqual(['1', '宁波甬江精密轴承有限公司', '91330201MA2H7K3Q5X', '江北街道', '高速精密主轴轴承', '52345.6', '4120.25', '12.5', '2', '37', '18', '达标', '推荐']);
    expect(r2[6]).toBe('-35.5'); // a plain negative number, no apostrophe
    expect(r2[7]).toBe(''); // null → empty
    expect(r2[12]).toBe('');
    expect(r3[5]).toBe('1234567.89'); // no thousands separator
    expect(r3[1]).toBe(`'${HYPERLINK}`);
    expect(r3[4]).toBe("'-伺服电机");
    expect(r3[12]).toBe("'\t制表符开头");
    expect(r4[1]).toBe(`'${ATSUM}`);
    expect(r4[4]).toBe("'+汽车传感器");
    expect(r4[12]).toBe("'\r回车开头");
    expect(text).not.toMatch(/(^|,)[=+@]/m);
  });

  it('ends with a blank line and one row per note', () => {
    const rest = rows.slice(1 + fixture.rows.length);
    expect(rest[0]).toEqual(['']);
    expect(rest.slice(1, 1 + fixture.notes.length)).toEqual(fixture.notes.map((n) => [n]));
    expect(text).toContain('\r\n\r\n注：含示例数据，不代表真实企业\r\n');
  });

  it('has no trailing notes block when there are no notes', () => {
    const plain = shortlistCsv({ ...fixture, notes: [] }).toString('utf8');
    expect(plain).not.toContain('注：');
    expect(plain).not.toContain('\r\n\r\n');
  });
});
