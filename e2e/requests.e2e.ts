// 诉求台账 in the browser: a request from 镇街走访 through 交办, progress, 办结 and 回访, its light and status as of
// the day chosen, the statistics checked against the service, 总览's counts leading to the ledger, and a
// refused ledger import that changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { screenshot, startApp, type RunningApp } from './support/app';
import { RequestsPage } from './support/requestsPage';

const XJS = '91370405MA3C7K2E3Q'; // 鑫金山机械

describe('诉求台账', () => {
  let app: RunningApp;
  let rq: RequestsPage;

  beforeAll(async () => {
    app = await startApp({ today: '2024-04-30' });
    rq = new RequestsPage(app.page);
  });
  beforeEach(async () => {
    await app.reset();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('records a request from 镇街走访 through 交办, progress, 办结 and 回访, and counts it in the statistics', async () => {
    await rq.open();
    await rq.asOf('2024-03-01');
    const id = await rq.add({ creditCode: XJS, origin: '镇街走访', category: '用地厂房', content: '扩建厂房需新增用地 20 亩', received: '2024-03-01', takenBy: '王专员' });
    await rq.expectStatus('pending');
    await rq.asOf('2024-03-02');
    await rq.step('handover', { department: '区自然资源局', date: '2024-03-02', deadline: '2024-03-31', by: '专班' });
    await rq.expectStatus('in_progress');
    await rq.asOf('2024-03-29');
    expect(await rq.light(id)).toBe('yellow');
    await rq.step('progress', { date: '2024-03-15', note: '已现场踏勘，列入供地计划', by: '区自然资源局' });
    await rq.asOf('2024-04-01');
    expect(await rq.light(id)).toBe('red');
    await screenshot(app.page, 'requests-ledger-overdue');
    await rq.step('finish', { date: '2024-04-03', note: '已纳入年度供地计划并办理手续', by: '区自然资源局' });
    await rq.asOf('2024-04-10');
    await rq.expectStatus('closed');
    expect(await rq.panel().textContent()).toContain('超期办结');
    await rq.step('visit', { date: '2024-04-10', rating: '满意', by: '王专员' });
    await rq.expectStatus('visited');
    expect(await rq.panel().getByTestId('rq-timeline').locator('li').evaluateAll((li) => li.map((x) => x.getAttribute('data-kind')))).toEqual(['handover', 'progress', 'close', 'visit']);
    await screenshot(app.page, 'requests-panel');

    const stored = await app.call('requests.get', { id });
    expect(stored).toMatchObject({ received: '2024-03-01', assigned: '2024-03-02', deadline: '2024-03-31', closed: '2024-04-03', visited: '2024-04-10', rating: '满意', department: '区自然资源局' });
    expect(stored.history.length).toBeGreaterThanOrEqual(8);

    await rq.asOf('2024-04-30');
    await rq.tab('stats');
    const row = await rq.statsRow('department', '区自然资源局');
    const service = (await app.call('requests.stats', { asOf: '2024-04-30' })).byDepartment.find((g) => g.key === '区自然资源局')!;
    expect(row).toMatchObject({ received: '1', closed: '1', closedOnTime: '0', closedLate: '1', open: '0', overdue: '0', avgDays: '33', satisfaction: '100%' });
    expect(service).toMatchObject({ received: 1, closedLate: 1, avgDaysToClose: 33, satisfactionRate: 100 });
    await app.page.locator('.recharts-surface').first().waitFor();
    await screenshot(app.page, 'requests-stats');
  });

  it('shows open and overdue counts on 总览, each leading to the ledger so filtered', async () => {
    const base = { creditCode: XJS, origin: '企业反馈', category: '融资', handling: '上报专班', department: '区地方金融服务中心' } as const;
    await app.call('requests.create', { ...base, content: '流动资金贷款', received: '2024-04-01', assigned: '2024-04-01', deadline: '2024-04-20' });
    await app.call('requests.create', { ...base, content: '设备融资租赁', received: '2024-04-10', assigned: '2024-04-10', deadline: '2024-05-20' });
    await app.page.locator('a[data-nav="overview"]').click();
    const card = app.page.getByTestId('ov-requests');
    await card.waitFor();
    expect((await app.page.getByTestId('ov-requests-open').textContent())?.replace(/\s/g, '')).toBe('未办结2');
    expect((await app.page.getByTestId('ov-requests-overdue').textContent())?.replace(/\s/g, '')).toBe('超期未办结1');
    await app.page.getByTestId('ov-requests-overdue').click();
    await rq.table().waitFor();
    await expect.poll(() => rq.table().locator('tbody tr').count()).toBe(1);
    expect(await rq.table().locator('tbody tr').first().textContent()).toContain('流动资金贷款');
    expect(await app.page.locator('button[data-scope="overdue"]').getAttribute('aria-pressed')).toBe('true');
    // 企业详情 lists the firm's requests, open ones first.
    const firmId = app.handle.db.prepare('SELECT id FROM firms WHERE credit_code = ?').pluck().get(XJS) as number;
    await app.page.evaluate((to) => (window.location.hash = to), `#/firm/${firmId}`);
    const mine = app.page.getByTestId('firm-requests');
    await mine.locator('tbody tr').first().waitFor();
    expect(await mine.locator('tbody tr [data-light]').evaluateAll((x) => x.map((e) => e.getAttribute('data-light')))).toEqual(['red', 'green']);
    await screenshot(app.page, 'requests-firm');
  });

  it('refuses a ledger naming row and column, and writes nothing', async () => {
    const file = path.join(app.dir, '诉求台账.csv');
    fs.writeFileSync(file, ['统一社会信用代码,企业名称,诉求来源,诉求类别,诉求内容,提出日期,办理时限', `${XJS},鑫金山机械,镇街走访,用地厂房,扩建,2024-03-10,2024-03-01`].join('\n'));
    const before = app.handle.db.prepare('SELECT count(*) FROM requests').pluck().get();
    await rq.open();
    await rq.tab('import');
    await app.page.getByTestId('rq-file').setInputFiles(file);
    const problems = app.page.getByTestId('rq-import-problems');
    await problems.waitFor();
    expect(await problems.locator('tbody tr').first().textContent()).toContain('办理时限（2024年3月1日）早于提出日期（2024年3月10日）');
    expect(await problems.locator('tbody tr td').nth(2).textContent()).toBe('2');
    expect(await problems.locator('tbody tr td').nth(3).textContent()).toBe('办理时限');
    expect(await app.page.getByTestId('rq-import-apply').count()).toBe(0);
    await screenshot(app.page, 'requests-import-refused');
    expect(app.handle.db.prepare('SELECT count(*) FROM requests').pluck().get()).toBe(before);
  });
});
