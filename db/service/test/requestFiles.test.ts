// The ledger's files: a filled ledger imported after a preview (firms outside the pool recorded and marked), a
// refused one — bad day, deadline or closing before the request, bad credit code, unknown status — naming
// sheet, row and column and changing nothing; the export read back as the same ledger; the template and 月报.
import ExcelJS from '../../exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Method, MethodInput, MethodOutput } from '../../contract';
import { call, callError, defaultService, makeCreditCode } from '../../test/helpers';
import type { PoolDb } from '../../open';
import type { Service } from '../index';

let h: PoolDb;
let service: Service;
const ok = <M extends Method>(method: M, input: unknown): Promise<MethodOutput<M>> => call(service, method, input as MethodInput<M>);

beforeEach(() => {
  ({ pool: h, service } = defaultService('analyst-li'));
});

const HEADER = '统一社会信用代码,企业名称,所属镇街,诉求来源,诉求类别,诉求内容,提出日期,处理方式,责任部门,交办日期,办理时限,办结日期,办理结果,企业评价';
const OUTSIDE = makeCreditCode(7);
const GOOD = [
  `91370405MA3C7K2E3Q,鑫金山机械,涧头集镇,镇街走访,用地厂房,扩建用地,2024-03-01,上报专班,区自然资源局,2024-03-02,2024-03-31,2024-04-02,已供地,满意`,
  `${OUTSIDE},库外机械厂,泥沟镇,企业反馈,融资,流动资金贷款,2024年3月5日,上报专班,区地方金融服务中心,2024/3/6,2024-03-20,,,`,
  `91370405MA3D1R8N2F,越成制动,运河街道,服务专员,用电保障,增容,2024.03.08,就地解决,,,,2024-03-08,当场协调,基本满意`,
];
const csv = (rows: string[]) => ({ fileName: '诉求台账.csv', base64: Buffer.from([HEADER, ...rows].join('\n'), 'utf8').toString('base64') });
const state = () => ({
  requests: h.db.prepare('SELECT count(*) FROM requests').pluck().get(),
  firms: h.db.prepare('SELECT count(*) FROM firms').pluck().get(),
  audit: h.db.prepare('SELECT count(*) FROM audit_log').pluck().get(),
  lists: h.db.prepare('SELECT count(*) FROM request_lists').pluck().get(),
  snapshots: h.db.prepare('SELECT count(*) FROM snapshots').pluck().get(),
});

describe('importing a ledger', () => {
  it('previews, then imports, recording a firm outside the pool and the new category', async () => {
    const before = state();
    const report = await ok('requests.importAnalyse', csv(GOOD));
    expect(report.refused).toBe(false);
    expect(report.counts).toMatchObject({ rows: 3, newFirms: 1, outsidePool: 1, newCategories: 1, newDepartments: 0 });
    expect(report.newCategories).toEqual(['用电保障']);
    expect(state()).toEqual(before); // the preview writes nothing
    const applied = await ok('requests.importApply', csv(GOOD));
    expect(applied.added).toBe(3);
    const list = await ok('requests.list', { asOf: '2024-04-30', sort: { column: 'received', dir: 'asc' } });
    expect(list.rows.map((r) => [r.firm, r.inPool, r.status, r.overdue, r.closedLate])).toEqual([
      ['鑫金山机械', true, 'visited', false, true],
      ['库外机械厂', false, 'in_progress', true, false],
      ['越成制动', true, 'visited', false, false],
    ]);
    const detail = await ok('requests.get', { id: list.rows[0].id });
    expect(detail.source).toMatchObject({ kind: 'import', file: '诉求台账.csv', row: 2 });
    // Importing the same file again adds nothing: each request is already in the ledger.
    const again = await ok('requests.importAnalyse', csv(GOOD));
    expect(again.counts.rows).toBe(0);
    expect(again.problems.every((p) => p.level === 'warning')).toBe(true);
  });

  it('refuses a bad ledger naming sheet, row and column, and changes nothing', async () => {
    const before = state();
    const bad = [
      GOOD[0],
      `91370405MA3D1R8N2F,越成制动,运河街道,镇街走访,融资,贷款,2023-02-29,上报专班,区财政局,,,,,`,
      `91370405MA3D1R8N2F,越成制动,运河街道,镇街走访,融资,贴息,2024-03-10,上报专班,区财政局,2024-03-10,2024-03-01,,,`,
      `91370405MA3D1R8N2F,越成制动,运河街道,镇街走访,融资,担保,2024-03-10,上报专班,区财政局,2024-03-10,,2024-03-09,办结,`,
      `91370405MA3D1R8N2X,越成制动,运河街道,镇街走访,融资,授信,2024-03-10,上报专班,区财政局,,,,,`,
      `91370405MA3D1R8N2F,越成制动,运河街道,上门,融资,转贷,2024-03-10,上报专班,区财政局,,,,,`,
      `91370405MA3D1R8N2F,越成制动,运河街道,镇街走访,融资,保险,2024-03-10,上报专班,区财政局,,,2024-03-12,办结,非常好`,
    ];
    const report = await ok('requests.importAnalyse', csv(bad));
    expect(report.refused).toBe(true);
    const errors = report.problems.filter((p) => p.level === 'error').map((p) => [p.row, p.column, p.reason]);
    expect(errors).toEqual([
      [3, '提出日期', expect.stringContaining('不是存在的日期')],
      [4, '办理时限', expect.stringContaining('早于提出日期')],
      [5, '办结日期', expect.stringContaining('早于提出日期')],
      [6, '统一社会信用代码', '统一社会信用代码校验位不符'],
      [7, '诉求来源', expect.stringContaining('无法识别的诉求来源“上门”')],
      [8, '企业评价', expect.stringContaining('无法识别的企业评价“非常好”')],
    ]);
    expect(report.problems.every((p) => p.sheet === '诉求台账')).toBe(true);
    const e = await callError(service, 'requests.importApply', csv(bad));
    expect(e.message).toContain('数据文件未作任何改动');
    expect(state()).toEqual(before);
  });

  it('refuses an unknown status in the file', async () => {
    const withStatus = { fileName: 'x.csv', base64: Buffer.from(`${HEADER},办理状态\n${GOOD[0]},处理中\n`, 'utf8').toString('base64') };
    const report = await ok('requests.importAnalyse', withStatus);
    expect(report.refused).toBe(true);
    expect(report.problems[0]).toMatchObject({ row: 2, column: '办理状态', value: '处理中' });
  });

  it('reads a GBK ledger as Chinese', async () => {
    const iconv = (await import('iconv-lite')).default;
    const bytes = iconv.encode([HEADER, ...GOOD].join('\r\n'), 'gbk');
    const report = await ok('requests.importAnalyse', { fileName: 'gbk.csv', base64: Buffer.from(bytes).toString('base64') });
    expect(report.encoding).toMatch(/gb/i);
    expect(report.rows[0].firm).toBe('鑫金山机械');
  });
});

async function sheetRows(base64: string, sheet: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(sheet)!;
  const out: unknown[][] = [];
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

describe('exporting the ledger', () => {
  it('prints the 专班 layout with a title and the as-of date, and reads back as the same ledger', async () => {
    await ok('requests.importApply', csv(GOOD));
    const r = (await ok('requests.list', { asOf: '2024-04-30' })).rows.find((x) => x.firm === '库外机械厂')!;
    await ok('requests.visit', { id: (await ok('requests.close', { id: r.id, closed: '2024-04-01', result: '已放款', by: 'x' })).id, visited: '2024-04-03', rating: '不满意', by: 'x' });
    const file = await ok('requests.export', { asOf: '2024-04-30' });
    expect(file.fileName).toBe('企业诉求办理台账（截至2024年4月30日）.xlsx');
    const printed = await sheetRows(file.base64, '诉求台账（报送）');
    expect(printed[0][0]).toBe('企业诉求办理台账');
    expect(printed.some((row) => row.some((c) => c === '截至：2024年4月30日'))).toBe(true);
    expect(printed[3]).toEqual(['序号', '企业名称', '诉求内容', '责任部门', '办理时限', '办理情况', '办结时间', '企业评价']);
    expect(printed[4]).toEqual([1, '鑫金山机械', '扩建用地', '区自然资源局', '2024年3月31日', '已回访（超期办结）；结果：已供地', '2024年4月2日', '满意']);
    expect(String(printed[5][5])).toContain('重办');

    const exported = (await ok('requests.list', { asOf: '2024-04-30' })).rows;
    // Into a fresh data file: the same requests, dates and states.
    ({ pool: h, service } = defaultService('analyst-wang'));
    const back = await ok('requests.importApply', { fileName: file.fileName, base64: file.base64 });
    expect(back.report.problems.filter((p) => p.level === 'error')).toEqual([]);
    const read = (await ok('requests.list', { asOf: '2024-04-30' })).rows;
    const shape = (rows: typeof read) => rows.map(({ id: _i, firmId: _f, lastProgress: _l, ...rest }) => rest);
    expect(shape(read)).toEqual(shape(exported));
  });

  it('writes the template that imports and the 月报 of a period', async () => {
    const t = await ok('requests.template', {});
    const rows = await sheetRows(t.base64, '诉求台账');
    expect(rows[3].slice(0, 14).join(',')).toBe(HEADER);
    await ok('requests.importApply', csv(GOOD));
    const report = await ok('requests.report', { asOf: '2024-03-31', period: 'month' });
    expect(report.fileName).toBe('企业诉求办理月报（2024年3月1日至2024年3月31日）.xlsx');
    const byDept = await sheetRows(report.base64, '按责任部门');
    const land = byDept.find((r) => r[0] === '区自然资源局')!;
    expect(land.slice(0, 7)).toEqual(['区自然资源局', 1, 0, 0, 0, 1, 0]);
    const overdue = await sheetRows(report.base64, '超期未办结');
    expect(overdue[4]).toEqual([1, '库外机械厂', '流动资金贷款', '区地方金融服务中心', '2024年3月20日', 11]);
  });
});
