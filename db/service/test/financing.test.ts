import { describe, expect, it } from 'vitest';
import ExcelJS from '../../exceljs';
import { call, callError, defaultService, makeCreditCode } from '../../test/helpers';
import { amountOf, sumAmounts } from '../listAmounts';
import { needStatus } from '../financing';

const XIN = '91370405MA3C7K2E3Q'; // 鑫金山机械 of the default pool

const need = (over: Record<string, unknown> = {}) => ({ creditCode: XIN, name: '鑫金山机械', project: '智能化改造', amount: '1.2亿', purpose: '技术改造', method: '项目贷款', term: '3年', ...over }) as never;

describe('amounts of the lists', () => {
  it('read the forms the figures import accepts, in 万元', () => {
    expect(amountOf('1.2亿', '金额')).toBe(12000);
    expect(amountOf('3500万元', '金额')).toBe(3500);
    expect(amountOf('12,345.6', '金额')).toBe(12345.6);
    expect(amountOf(858.737, '金额')).toBe(858.737);
    expect(amountOf('', '金额')).toBeNull();
    expect(() => amountOf('三千万', '授信金额')).toThrow(/授信金额“三千万”无法识别/);
    expect(() => amountOf('-5', '金额')).toThrow(/不能为负数/);
  });
  it('sum exactly (no binary drift)', () => {
    expect(sumAmounts([292, 858.737])).toBe(1150.737);
    expect(sumAmounts([0.1, 0.2])).toBe(0.3);
    expect(sumAmounts([null, 1.5, undefined])).toBe(1.5);
  });
  it('a need is as far as its furthest bank got', () => {
    expect(needStatus([])).toBe('未推送');
    expect(needStatus(['未成功', '对接中'])).toBe('对接中');
    expect(needStatus(['已授信', '已放款'])).toBe('已放款');
    expect(needStatus(['未成功'])).toBe('未成功');
  });
});

describe('融资需求名单', () => {
  it('adds a need, pushes it to two banks, records 授信, with totals, statistics and the audit', async () => {
    const { service, changes } = defaultService();
    const n = await call(service, 'finance.save', need());
    expect(n).toMatchObject({ amount: 12000, status: '未推送', firmId: expect.any(Number), source: '手工录入' });
    const pushed = await call(service, 'finance.push', { needId: n.id, banks: ['工商银行', '农业银行'], pushedOn: '2023-08-01' });
    expect(pushed.pushes.map((p) => [p.bank, p.result])).toEqual([['工商银行', '对接中'], ['农业银行', '对接中']]);
    const done = await call(service, 'finance.setResult', { needId: n.id, bank: '工商银行', result: '已授信', credit: '5000万元' });
    expect(done).toMatchObject({ status: '已授信', credit: 5000, loan: 0 });
    await call(service, 'finance.save', need({ creditCode: makeCreditCode(7), name: '永彬木业', project: '流动资金贷款', amount: '3500万元', purpose: '流动资金', method: '信用贷款' }));

    const list = await call(service, 'finance.list', {});
    expect(list.totals).toEqual({ needs: 2, amount: 15500, credit: 5000, loan: 0 });
    expect(list.byBank).toEqual([
      { bank: '工商银行', needs: 1, amount: 12000, credit: 5000, loan: 0, results: { 对接中: 0, 已授信: 1, 已放款: 0, 未成功: 0 } },
      { bank: '农业银行', needs: 1, amount: 12000, credit: 0, loan: 0, results: { 对接中: 1, 已授信: 0, 已放款: 0, 未成功: 0 } },
    ].sort((a, b) => a.bank.localeCompare(b.bank, 'zh-CN')));
    expect(list.byPurpose.map((p) => [p.purpose, p.amount])).toEqual([['流动资金', 3500], ['技术改造', 12000]]);
    expect((await call(service, 'finance.list', { bank: '农业银行' })).needs.map((x) => x.project)).toEqual(['智能化改造']);
    expect((await call(service, 'finance.list', { status: '未推送' })).needs.map((x) => x.name)).toEqual(['永彬木业']);
    expect((await call(service, 'finance.list', { creditCode: XIN })).totals.needs).toBe(1);
    expect(list.history.map((h) => h.field)).toEqual(expect.arrayContaining(['need', 'push', '工商银行.result', '工商银行.credit_amount']));
    expect(changes).toEqual(['finance.save', 'finance.push', 'finance.setResult', 'finance.save']);
  });

  it('refuses what would be wrong, changing nothing', async () => {
    const { service } = defaultService();
    expect((await callError(service, 'finance.save', need({ creditCode: '91370405MA3C7K2E3X' }))).message).toMatch(/校验位不符/);
    expect((await callError(service, 'finance.save', need({ amount: '一亿' }))).message).toMatch(/融资金额“一亿”无法识别/);
    const n = await call(service, 'finance.save', need());
    expect((await callError(service, 'finance.setResult', { needId: n.id, bank: '工商银行', result: '已授信', credit: 100 })).message).toMatch(/尚未推送/);
    await call(service, 'finance.push', { needId: n.id, banks: ['工商银行'], pushedOn: '2023-08-01' });
    expect((await callError(service, 'finance.setResult', { needId: n.id, bank: '工商银行', result: '未成功' })).message).toBe('对接未成功时须填写原因');
    expect((await callError(service, 'finance.setResult', { needId: n.id, bank: '工商银行', result: '已授信' })).message).toMatch(/须填写授信金额/);
    expect((await callError(service, 'finance.push', { needId: n.id, banks: ['工商银行'], pushedOn: '2023-02-30' })).code).toBe('invalid_input');
    const after = await call(service, 'finance.list', {});
    expect(after.needs[0].pushes).toMatchObject([{ bank: '工商银行', result: '对接中', credit: null }]);
  });

  it('exports the 名单 as the bank receives it (title, 填报单位, date, units, 合计) and per bank', async () => {
    const { service } = defaultService();
    const n = await call(service, 'finance.save', need());
    await call(service, 'finance.push', { needId: n.id, banks: ['工商银行', '农业银行'], pushedOn: '2023-08-01' });
    await call(service, 'finance.setResult', { needId: n.id, bank: '工商银行', result: '已授信', credit: 5000 });
    await call(service, 'finance.save', need({ project: '新厂房', amount: 858.737, purpose: '固定资产投资' }));
    const file = await call(service, 'finance.export', { format: 'xlsx', date: '2023-07-28' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe('台儿庄区重点企业项目融资需求名单');
    expect(String(ws.getCell('A2').value)).toBe('填报单位：台儿庄区工业和信息化局');
    expect(ws.getRow(2).values).toContain('填报日期：2023年7月28日');
    expect(String(ws.getCell('A3').value)).toMatch(/^单位：万元/);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, fitToWidth: 1 });
    // Three rows (the first need on two banks), then 合计: each need's amount once.
    expect(ws.getCell('A8').value).toBe('合计');
    expect(ws.getCell('E8').value).toBe(12858.737);
    expect(ws.getCell('L8').value).toBe(5000);
    const perBank = await call(service, 'finance.export', { format: 'xlsx', bank: '农业银行' });
    expect(perBank.fileName).toBe('台儿庄区重点企业项目融资需求名单（推送农业银行）.xlsx');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(Buffer.from(perBank.base64, 'base64') as unknown as ArrayBuffer);
    const rows = wb2.worksheets[0].getSheetValues().filter(Boolean).length;
    expect(rows).toBe(6); // title, unit/date, units, header, one need, 合计
    expect(wb2.worksheets[0].getCell('I5').value).toBe('农业银行');
  });

  it('round-trips: the exported 名单 imported into another data file gives the same needs', async () => {
    const a = defaultService();
    const n = await call(a.service, 'finance.save', need({ mentorBank: '枣庄银行', mentorSince: '2023-06-01' }));
    await call(a.service, 'finance.push', { needId: n.id, banks: ['工商银行', '农业银行'], pushedOn: '2023-08-01' });
    await call(a.service, 'finance.setResult', { needId: n.id, bank: '工商银行', result: '已放款', credit: 5000, loan: '0.45亿' });
    await call(a.service, 'finance.setResult', { needId: n.id, bank: '农业银行', result: '未成功', reason: '抵押物不足' });
    await call(a.service, 'finance.save', need({ project: '研发中心', amount: 858.737, purpose: '研发', method: '信用贷款' }));
    const strip = (l: Awaited<ReturnType<typeof listOf>>) => l.needs.map(({ id: _id, updatedAt: _u, updatedBy: _b, source: _s, pushes, ...rest }) => ({ ...rest, pushes: pushes.map(({ updatedAt: _a, updatedBy: _c, ...p }) => p) }));
    const listOf = (s: typeof a.service) => call(s, 'finance.list', {});
    for (const format of ['xlsx', 'csv'] as const) {
      const file = await call(a.service, 'finance.export', { format });
      const b = defaultService();
      const dry = await call(b.service, 'finance.import', { fileName: `名单.${format}`, base64: file.base64, dryRun: true });
      expect(dry.problems).toEqual([]);
      expect(dry).toMatchObject({ refused: false, applied: false, records: 2, added: 2, updated: 0 });
      expect((await listOf(b.service)).needs).toEqual([]);
      const applied = await call(b.service, 'finance.import', { fileName: `名单.${format}`, base64: file.base64 });
      expect(applied).toMatchObject({ applied: true, added: 2, snapshot: expect.any(String) });
      expect(strip(await listOf(b.service))).toEqual(strip(await listOf(a.service)));
      expect((await listOf(b.service)).needs[0].source).toBe(`导入：名单.${format}${format === 'xlsx' ? '（融资需求名单）' : ''}`);
      // Once more: nothing new, the same needs.
      expect(await call(b.service, 'finance.import', { fileName: `名单.${format}`, base64: file.base64 })).toMatchObject({ added: 0, updated: 2 });
      expect(strip(await listOf(b.service))).toEqual(strip(await listOf(a.service)));
    }
  });

  it('a file with a corrected push date writes that date, audited', async () => {
    const { service } = defaultService();
    const csv = (date: string) =>
      Buffer.from(`企业名称,统一社会信用代码,项目名称,融资金额（万元）,融资用途,融资方式,推送银行,推送日期\n鑫金山机械,${XIN},智能化改造,1.2亿,技术改造,项目贷款,工商银行,${date}\n`).toString('base64');
    await call(service, 'finance.import', { fileName: 'a.csv', base64: csv('2023-08-01') });
    await call(service, 'finance.import', { fileName: 'a.csv', base64: csv('2023-08-03') });
    const l = await call(service, 'finance.list', {});
    expect(l.needs[0].pushes.map((p) => p.pushedOn)).toEqual(['2023-08-03']);
    expect(l.history[0]).toMatchObject({ field: '工商银行.pushed_on', oldValue: '2023-08-01', newValue: '2023-08-03' });
  });

  it('refuses a file with any bad cell, naming sheet, row and column, and writes nothing', async () => {
    const { service } = defaultService();
    const csv = [
      '企业名称,统一社会信用代码,项目名称,融资金额（万元）,融资用途,融资方式,推送银行,推送日期,对接结果,授信金额（万元）',
      `鑫金山机械,${XIN},智能化改造,1.2亿,技术改造,项目贷款,工商银行,2023-08-01,已授信,5000`,
      `鑫金山机械,${XIN},新厂房,三千万,固定资产投资,抵押贷款,,,,`,
      `永彬木业,${makeCreditCode(3)},流动资金,3500万元,周转,信用贷款,农业银行,,,`,
    ].join('\n');
    const r = await call(service, 'finance.import', { fileName: '融资.csv', base64: Buffer.from(csv).toString('base64') });
    expect(r.refused).toBe(true);
    expect(r.problems.map((p) => [p.row, p.column, p.value])).toEqual([
      [3, '融资金额（万元）', '三千万'],
      [4, '融资用途', '周转'],
    ]);
    expect(r.problems[0].sheet).toBe('融资');
    expect((await call(service, 'finance.list', {})).needs).toEqual([]);
    const noHeader = await call(service, 'finance.import', { fileName: 'x.csv', base64: Buffer.from('a,b,c\n1,2,3\n').toString('base64') });
    expect(noHeader).toMatchObject({ refused: true, problems: [{ row: null, reason: expect.stringMatching(/没有找到融资需求名单的表头/) }] });
  });
});
