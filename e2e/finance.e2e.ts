import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../db/exceljs';
import { screenshot, startApp, type RunningApp } from './support/app';
import { FinancePage } from './support/financePage';
import { PoolPage } from './support/pages';

describe('融资需求名单 in browser mode', () => {
  let app: RunningApp;
  let fp: FinancePage;

  beforeAll(async () => {
    app = await startApp();
    await new PoolPage(app.page).waitForRows(11);
    fp = new FinancePage(app.page);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('adds a need, pushes it to two banks, records one 授信 and exports the per-bank list', async () => {
    await fp.open();
    await fp.addNeed({ firm: '鑫金山机械', project: '智能化生产线改造', amount: '1.2亿', purpose: '技术改造', method: '项目贷款', term: '3年' });
    expect(await fp.row('智能化生产线改造').getByTestId('fn-amount').textContent()).toBe('1.2 亿元');
    await fp.openNeed('智能化生产线改造');
    await fp.push('智能化生产线改造', ['工商银行', '农业银行'], '2023-08-01');
    await fp.recordResult('智能化生产线改造', '工商银行', '已授信', { credit: '5000万元' });
    expect(await fp.row('智能化生产线改造').getByTestId('fn-status').textContent()).toBe('已授信');
    expect(await fp.totals().textContent()).toBe('共 1 项，融资金额 1.2 亿元，已授信 5,000 万元，已放款 0 万元');
    expect(await app.page.getByTestId('fn-by-bank').locator('tr[data-bank="工商银行"]').getByTestId('fn-bank-credit').textContent()).toBe('5,000 万元');
    // The service holds exactly what the page shows.
    const list = await app.call('finance.list', {});
    expect(list.needs[0]).toMatchObject({ name: '鑫金山机械', amount: 12000, credit: 5000, status: '已授信' });
    expect(list.needs[0].pushes.map((p) => [p.bank, p.pushedOn, p.result])).toEqual([
      ['工商银行', '2023-08-01', '已授信'],
      ['农业银行', '2023-08-01', '对接中'],
    ]);
    await screenshot(app.page, 'finance-list');

    const file = await fp.exportBank('农业银行');
    expect(file.name).toBe('台儿庄区重点企业项目融资需求名单（推送农业银行）.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe('台儿庄区重点企业项目融资需求名单（推送农业银行）');
    expect(ws.getCell('B5').value).toBe('鑫金山机械');
    expect(ws.getCell('I5').value).toBe('农业银行');
    expect(ws.getCell('K5').value).toBe('对接中');
    expect(ws.getCell('A6').value).toBe('合计');
    expect(ws.getCell('E6').value).toBe(12000);

    // The firm's page lists its need.
    await app.page.locator('a', { hasText: '鑫金山机械' }).first().click();
    const firmBox = app.page.getByTestId('firm-finance');
    await firmBox.locator('li', { hasText: '智能化生产线改造' }).waitFor();
    expect(await firmBox.textContent()).toContain('工商银行（2023年8月1日）已授信 5,000 万元');
    await screenshot(app.page, 'finance-firm');
  });

  it('refuses a file with a bad amount, naming row and column, and imports a good one after the check', async () => {
    await app.reset();
    await new PoolPage(app.page).waitForRows(11);
    await fp.open();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fn-e2e-'));
    const header = '企业名称,统一社会信用代码,项目名称,融资金额（万元）,融资用途,融资方式';
    const bad = path.join(dir, '融资需求.csv');
    fs.writeFileSync(bad, `${header}\n越成制动,91370405MA3D1R8N2F,新厂房,三千万,固定资产投资,抵押贷款\n`);
    await app.page.getByTestId('fn-import-file').setInputFiles(bad);
    const refused = app.page.getByTestId('fn-import-refused');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('融资需求 第 2 行“融资金额（万元）”列（三千万）');
    expect((await app.call('finance.list', {})).needs).toEqual([]);
    fs.writeFileSync(bad, `${header}\n越成制动,91370405MA3D1R8N2F,新厂房,"3,500",固定资产投资,抵押贷款\n`);
    await app.page.getByTestId('fn-import-file').setInputFiles(bad);
    await app.page.getByTestId('fn-import-ready').waitFor();
    expect((await app.call('finance.list', {})).needs).toEqual([]);
    await app.page.getByTestId('fn-import-apply').click();
    await app.page.getByTestId('fn-import-done').waitFor();
    await fp.row('新厂房').waitFor();
    expect((await app.call('finance.list', {})).totals).toMatchObject({ needs: 1, amount: 3500 });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
