// Reading the lists' files (融资需求名单, 上市后备库) as they come back: the app's own export, an analyst's workbook
// with a 说明 sheet and title rows, CSV from Excel in GBK or as 「Unicode 文本」. The table is found under its title,
// its columns by name (units, spaces and 必填 marks aside), the 合计 row and notes skipped, every cell checked.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import ExcelJS from '../../exceljs';
import type { ExportColumn } from '../../export/model';
import { FINANCE_COLUMNS } from '../../service/financingFiles';
import { listFile } from '../../service/listFiles';
import { readListFile, type ListColumn } from '../listFile';
import { creditCode } from './synth';

const XIN = '91370405MA3C7K2E3Q';
const YONG = creditCode(3);
const NAME = '融资需求名单';
const read = (bytes: Uint8Array, fileName: string, columns: ListColumn[] = FINANCE_COLUMNS, listName = NAME) => readListFile(bytes, fileName, undefined, columns, listName);
const utf8Csv = (lines: string[]) => new Uint8Array(Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n', 'utf8'));

async function workbook(sheets: [string, (string | number | Date | null)[][]][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of sheets) {
    const ws = wb.addWorksheet(name);
    rows.forEach((r, i) => r.forEach((v, j) => v !== null && (ws.getCell(i + 1, j + 1).value = v)));
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const HEADER = '企业名称,统一社会信用代码,项目名称,融资金额（万元）,融资用途,融资方式,推送银行,推送日期,对接结果,授信金额（万元）';

describe('the 融资需求名单 as the app exports it', () => {
  const columns: ExportColumn[] = [
    { key: 'index', header: '序号', kind: 'index' },
    ...FINANCE_COLUMNS.map((c): ExportColumn => ({ key: c.key, header: c.names[0], kind: c.kind === 'money' ? 'amount' : 'text' })),
  ];
  const data = {
    baseName: '台儿庄区重点企业项目融资需求名单',
    title: '台儿庄区重点企业项目融资需求名单',
    fillingUnit: '台儿庄区工业和信息化局',
    date: '2023-07-28',
    subtitle: '单位：万元；共 2 项融资需求',
    columns,
    rows: <Record<string, string | number | null>[]>[
      { index: 1, name: '鑫金山机械', credit_code: XIN, project: '智能化改造', amount: 12000, purpose: '技术改造', method: '项目贷款', term: '3年', bank: '工商银行', pushed_on: '2023-08-01', result: '已放款', credit: 5000, loan: 4500, mentor_bank: '枣庄银行', mentor_since: '2023-06-01' },
      { index: 2, name: '永彬木业', credit_code: YONG, project: '研发中心', amount: 858.737, purpose: '研发', method: '信用贷款', bank: '农业银行', pushed_on: '2023-08-02', result: '未成功', credit: 0, reason: '抵押物不足' },
    ],
    totals: { index: '合计', name: '2 项', amount: 12858.737, credit: 5000, loan: 4500 },
    notes: ['注：一项需求推送多家银行时逐行列出各银行的对接结果，合计中的融资金额每项需求只计一次。', '说明：金额单位为万元。'],
  };
  const expected = [
    { name: '鑫金山机械', credit_code: XIN, project: '智能化改造', amount: 12000, purpose: '技术改造', method: '项目贷款', term: '3年', bank: '工商银行', pushed_on: '2023-08-01', result: '已放款', credit: 5000, loan: 4500, reason: null, mentor_bank: '枣庄银行', mentor_since: '2023-06-01' },
    { name: '永彬木业', credit_code: YONG, project: '研发中心', amount: 858.737, purpose: '研发', method: '信用贷款', term: null, bank: '农业银行', pushed_on: '2023-08-02', result: '未成功', credit: 0, loan: null, reason: '抵押物不足', mentor_bank: null, mentor_since: null },
  ];

  for (const format of ['xlsx', 'csv'] as const) {
    it(`reads back every need from the ${format} (title, 填报单位, 合计 row and the notes under the table skipped)`, async () => {
      const file = await listFile(data, NAME, format);
      const r = await read(new Uint8Array(Buffer.from(file.base64, 'base64')), file.fileName);
      expect(r.problems).toEqual([]);
      expect(r.format).toBe(format);
      expect(r.sheet).toBe(format === 'xlsx' ? NAME : data.baseName);
      expect(r.rows.map((x) => x.values)).toEqual(expected);
      // The xlsx puts a header's unit on a line of its own; the header is quoted as written.
      const nl = format === 'xlsx' ? '\n' : '';
      expect(r.rows[0].headers).toMatchObject({ name: '企业名称', amount: `融资金额${nl}（万元）`, credit: `授信金额${nl}（万元）` });
    });
  }
});

describe("an analyst's 融资需求 workbook", () => {
  it('finds the table on the sheet after a 说明 sheet, under its title, by the names, units, spaces and 必填 marks of its headers', async () => {
    const header = ['序号', ' * 企业名称 ', '统一社会信用代码', '融资项目', '融资需求金额（亿元）', '＊融资用途', '融资 方式', '期限（年）', '对接银行', '推送日期', '对接结果', '授信金额(亿元)', '放款金额（万元）', '原因', '结对银行', '结对日期', '银行'];
    const bytes = await workbook([
      ['填报说明', [['填报说明'], ['企业名称、统一社会信用代码、项目名称、融资金额必填'], ['融资用途', '融资方式', '推送银行'], ['金额以亿元计']]],
      [
        '融资需求',
        [
          ['2023年第三季度重点企业融资需求汇总'],
          ['填报单位：运河街道', null, null, null, null, null, null, null, null, '2023年7月28日'],
          [],
          header,
          [1, '鑫金山机械', XIN, '智能化改造', 1.2, '技术改造', '项目贷款', '3年', '工商银行', '2023年8月1日', '已授信', 0.5, null, null, '枣庄银行', new Date(Date.UTC(2023, 5, 1)), '建设银行'],
          [null, ' ', '', null],
          [2, '永彬木业', YONG, '智能化改造（说明：分两期实施）', '0.3亿', '流动资金', '信用贷款', null, '农业银行', '2023/8/2', '未成功', 0, 0, '抵押物不足'],
          [null, '  合计 ', null, null, 1.5],
          ['说明：金额单位亿元，放款金额单位万元'],
        ],
      ],
    ]);
    const r = await read(bytes, '三季度融资需求.xlsx');
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ format: 'xlsx', sheet: '融资需求' });
    expect(r.rows.map((x) => [x.sheet, x.row])).toEqual([
      ['融资需求', 5],
      ['融资需求', 7],
    ]);
    expect(r.rows[0].values).toEqual({ name: '鑫金山机械', credit_code: XIN, project: '智能化改造', amount: 12000, purpose: '技术改造', method: '项目贷款', term: '3年', bank: '工商银行', pushed_on: '2023-08-01', result: '已授信', credit: 5000, loan: null, reason: null, mentor_bank: '枣庄银行', mentor_since: '2023-06-01' });
    expect(r.rows[1].values).toMatchObject({ name: '永彬木业', project: '智能化改造（说明：分两期实施）', amount: 3000, term: null, pushed_on: '2023-08-02', credit: 0, loan: 0 });
    // The first of two columns for one field is read (推送银行 from 对接银行, not the later 银行); headers as written.
    expect(r.rows[0].headers).toMatchObject({ name: '* 企业名称', project: '融资项目', amount: '融资需求金额（亿元）', bank: '对接银行', term: '期限（年）' });
  });

  it('refuses a money column whose unit it cannot read (千万元, 美元), at the header, instead of reading it as 万元', async () => {
    const r = await read(utf8Csv(['企业名称,统一社会信用代码,项目名称,融资金额（千万元）,融资用途,融资方式,授信金额（美元）', `鑫金山机械,${XIN},智能化改造,1.2,技术改造,项目贷款,`]), '融资.csv');
    expect(r.problems.map((p) => [p.row, p.column, p.value, p.reason])).toEqual([
      [1, '融资金额（千万元）', '千万元', '无法识别的金额单位“千万元”（可用元、万元、亿元）'],
      [1, '授信金额（美元）', '美元', '无法识别的金额单位“美元”（可用元、万元、亿元）'],
    ]);
  });

  it('checks every cell: each bad or missing value is reported at its sheet, row and column, and its row is not taken', async () => {
    const r = await read(
      utf8Csv([
        '2023年融资需求',
        `序号,${HEADER}`,
        `1,鑫金山机械,${XIN},智能化改造,1.2亿,技术改造,项目贷款,工商银行,2023-08-01,已授信,5000`,
        `2,鑫金山机械,${XIN},新厂房,三千万,,抵押贷款,,,,`,
        `3,永彬木业,${YONG},流动资金,3500万元,周转,信用贷款,农业银行,2023-02-30,放款,-200`,
        `4,永彬木业,${YONG},,0,研发,信用贷款,,,,`,
        `,,,,,,,,,,`,
        // Blank 序号, 企业名称 and 信用代码: a row to check, not a 合计 row, whatever its project is called.
        `,,,总计量中心改造,800,技术改造,项目贷款,,,,`,
      ]),
      '融资.csv',
    );
    expect(r.problems.map((p) => [p.sheet, p.row, p.column, p.value, p.reason])).toEqual([
      ['融资', 4, '融资金额（万元）', '三千万', '不是数字'],
      ['融资', 4, '融资用途', null, '必填，不能为空'],
      ['融资', 5, '融资用途', '周转', '应为以下之一：流动资金、固定资产投资、技术改造、研发、其他'],
      ['融资', 5, '推送日期', '2023-02-30', '不是有效日期'],
      ['融资', 5, '对接结果', '放款', '应为以下之一：对接中、已授信、已放款、未成功'],
      ['融资', 5, '授信金额（万元）', '-200', '金额不能为负数'],
      ['融资', 6, '项目名称', null, '必填，不能为空'],
      ['融资', 8, '企业名称', null, '必填，不能为空'],
      ['融资', 8, '统一社会信用代码', null, '必填，不能为空'],
    ]);
    expect(r.rows.map((x) => x.row)).toEqual([3]);
    expect(r.rows[0].values).toMatchObject({ amount: 12000, pushed_on: '2023-08-01', credit: 5000, result: '已授信' });
  });
});

describe('a file without the list’s table', () => {
  const noTable = '没有找到融资需求名单的表头（前 30 行内须有一行不少于 3 个列名，其中须有：企业名称、统一社会信用代码、项目名称、融资金额（万元）、融资用途、融资方式）。请使用本程序导出的表格格式。';

  it('gives one problem naming the list and the columns it needs, when a required column is missing', async () => {
    const r = await read(utf8Csv(['企业名称,统一社会信用代码,项目名称,融资金额（万元）,融资用途,推送银行', `鑫金山机械,${XIN},智能化改造,12000,技术改造,工商银行`]), '旧表.csv');
    expect(r).toEqual({ format: 'csv', sheet: null, rows: [], problems: [{ level: 'error', sheet: '旧表.csv', row: null, column: null, value: null, reason: noTable }] });
  });

  it('looks for the header in the first 30 rows only', async () => {
    const preamble = (n: number) => Array.from({ length: n }, (_, i) => [`填报说明第${i + 1}条`]);
    const rows = [HEADER.split(','), ['鑫金山机械', XIN, '智能化改造', 12000, '技术改造', '项目贷款']];
    const at30 = await read(await workbook([['名单', [...preamble(29), ...rows]]]), '名单.xlsx');
    expect(at30.problems).toEqual([]);
    expect(at30.rows.map((x) => [x.row, x.values.amount])).toEqual([[31, 12000]]);
    const at31 = await read(await workbook([['名单', [...preamble(30), ...rows]]]), '名单.xlsx');
    expect(at31).toMatchObject({ format: 'xlsx', sheet: null, rows: [], problems: [{ sheet: '名单.xlsx', reason: noTable }] });
  });

  it('names what is wrong with a file that is no table at all: a damaged workbook, a PDF', async () => {
    const damaged = await read(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]), '名单.xlsx');
    expect(damaged).toMatchObject({ sheet: null, rows: [], problems: [{ level: 'error', sheet: '名单.xlsx', row: null, reason: expect.stringMatching(/^不是可读取的 xlsx 工作簿.*另存为 \.xlsx/) }] });
    expect(damaged.problems).toHaveLength(1);
    const pdf = await read(new Uint8Array([...Buffer.from('%PDF-1.7\n'), 0, 1, 2, 0, 0, 0, 255, 254, 0]), '名单.pdf');
    expect(pdf.problems).toEqual([{ level: 'error', sheet: '名单.pdf', row: null, column: null, value: null, reason: expect.stringMatching(/^不是表格文件/) }]);
  });
});

describe('CSV as Excel saves it', () => {
  const lines = [HEADER, `鑫金山机械,${XIN},智能化改造（说明：分两期实施）,1.2亿,技术改造,项目贷款,工商银行,2023年8月1日,已授信,5000`];
  const want = { name: '鑫金山机械', credit_code: XIN, project: '智能化改造（说明：分两期实施）', amount: 12000, pushed_on: '2023-08-01', credit: 5000 };

  it('reads 「CSV（逗号分隔）」 in GBK, as Chinese Windows writes it', async () => {
    const r = await read(new Uint8Array(iconv.encode(lines.join('\r\n') + '\r\n', 'gbk')), '融资.csv');
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => x.values)).toEqual([expect.objectContaining(want)]);
  });

  it('reads 「Unicode 文本」: UTF-16 with tabs', async () => {
    const text = lines.map((l) => l.replaceAll(',', '\t')).join('\r\n') + '\r\n';
    const r = await read(new Uint8Array([0xff, 0xfe, ...iconv.encode(text, 'utf16le')]), '融资.txt');
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => x.values)).toEqual([expect.objectContaining(want)]);
  });

  it('reads a semicolon-separated CSV (a European-locale Excel)', async () => {
    const r = await read(utf8Csv(lines.map((l) => l.replaceAll(',', ';'))), '融资.csv');
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => x.values)).toEqual([expect.objectContaining(want)]);
  });
});

describe('a 上市后备库 list, with two required columns', () => {
  const LISTING: ListColumn[] = [
    { key: 'name', names: ['企业名称', '企业'], kind: 'text', required: true },
    { key: 'credit_code', names: ['统一社会信用代码', '信用代码'], kind: 'credit_code' },
    { key: 'reserve', names: ['后备库'], kind: 'choice', required: true, choices: ['竞跃', '凌云'] },
    { key: 'entered_on', names: ['入库日期'], kind: 'date' },
  ];
  const readListing = (lines: string[]) => read(utf8Csv(lines), '后备库.csv', LISTING, '上市后备库');

  it('is read from three of its columns', async () => {
    const r = await readListing(['企业,后备库,入库日期', '鑫金山机械,凌云,2023年3月1日', '永彬木业,竞跃,']);
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => x.values)).toEqual([
      { name: '鑫金山机械', reserve: '凌云', entered_on: '2023-03-01' },
      { name: '永彬木业', reserve: '竞跃', entered_on: null },
    ]);
  });

  it('is not found in a row naming only two of its columns, and the message says three are needed', async () => {
    const r = await readListing(['企业名称,后备库', '鑫金山机械,凌云']);
    expect(r.rows).toEqual([]);
    expect(r.problems.map((p) => p.reason)).toEqual(['没有找到上市后备库的表头（前 30 行内须有一行不少于 3 个列名，其中须有：企业名称、后备库）。请使用本程序导出的表格格式。']);
  });
});
