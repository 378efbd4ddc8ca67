import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startApp, type RunningApp } from './support/app';
import { ListingPage, PayoutsPage } from './support/listingPage';
import { OverviewPage } from './support/overviewPage';
import { PoolPage } from './support/pages';

const LETTER = '答复函（台工信字〔2023〕16号，2023年7月28日）';
const XIN = '91370405MA3C7K2E3Q';

describe('上市后备库 and 奖补兑现 in browser mode', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp({ today: '2024-05-20' });
    await new PoolPage(app.page).waitForRows(11);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the letter’s firms and district totals with their source, records dated stages and draws the funnel', async () => {
    const lp = new ListingPage(app.page);
    await lp.open();
    expect(await lp.row('鑫金山机械').getByTestId('ls-source').textContent()).toBe(`${LETTER}：鑫金山机械等4家企业纳入“凌云”上市后备库`);
    expect(await lp.row('永彬木业').textContent()).toContain('未提供代码');
    const context = await lp.context().textContent();
    expect(context).toContain(`全区情况（${LETTER}）`);
    for (const s of ['“竞跃”股改后备库 20余家：20 家', '“凌云”上市后备库：4 家', '上市公司：1 家', '完成股改企业：28 家', '区级股改奖补资金：420 万元']) expect(context).toContain(s);
    await lp.recordStage('鑫金山机械', '完成股改', '2023-03-15');
    await lp.recordStage('鑫金山机械', '辅导备案', '2023-06-30');
    expect(await lp.row('鑫金山机械').getByTestId('ls-stage-now').textContent()).toBe('辅导备案');
    expect(await lp.row('鑫金山机械').locator('li[data-stage="辅导备案"]').textContent()).toBe('辅导备案 · 2023年6月30日');
    await lp.recordStage('永彬木业', '退出', '2023-09-01', '企业暂缓股改');
    expect(await lp.row('永彬木业').getByTestId('ls-stage-now').textContent()).toBe('退出');
    // 入库 2, 完成股改 1, 辅导备案 1, then none.
    await app.page.getByTestId('ls-funnel').locator('.recharts-label-list text').first().waitFor();
    expect(await lp.funnelLabels()).toEqual(['2', '1', '1', '0', '0', '0']);
    const stages = (await app.call('listing.list', {})).firms.find((f) => f.name === '鑫金山机械')!.stages;
    expect(stages.map((s) => [s.stage, s.onDate])).toEqual([['入库', null], ['完成股改', '2023-03-15'], ['辅导备案', '2023-06-30']]);
    await screenshot(app.page, 'listing');
  });

  it('records a payment with exact decimals, shows paid beside budgeted on 总览 and on the firm’s page', async () => {
    const pp = new PayoutsPage(app.page);
    await pp.open();
    await pp.add({ name: '鑫金山机械', creditCode: XIN, kind: '人才项目补贴', year: 2022, amount: '858.737' });
    await pp.add({ name: '鑫金山机械', creditCode: XIN, kind: '首次认定奖励', title: 'little_giant', year: 2023, amount: '50万元' });
    await app.page.getByTestId('py-amount').nth(1).waitFor(); // the list is reloaded after the form closes
    const amounts = await app.page.getByTestId('py-amount').allTextContents();
    expect(amounts.sort()).toEqual(['50 万元', '858.737 万元']);
    expect(await app.page.getByTestId('py-totals').textContent()).toContain('共 2 笔，合计 908.737 万元');
    expect(await app.page.getByTestId('py-context').textContent()).toContain('人才项目补贴奖励：858.737 万元');
    await screenshot(app.page, 'payouts');
    const ov = new OverviewPage(app);
    await ov.open();
    const paid = app.page.getByTestId('ov-paid');
    await paid.scrollIntoViewIfNeeded();
    expect(await paid.getByTestId('ov-paid-little_giant').textContent()).toBe('50 万元（1 家）');
    expect(await paid.textContent()).toContain('人才项目补贴 858.737 万元');
    await screenshot(app.page, 'overview-paid');
    await app.page.locator('a[data-nav="listing"]').click();
    await app.page.getByTestId('ls-table').locator('a', { hasText: '鑫金山机械' }).click();
    const box = app.page.getByTestId('firm-payments');
    await box.locator('li').first().waitFor();
    expect(await box.textContent()).toContain('858.737 万元');
    expect(await app.page.getByTestId('firm-listing').textContent()).toContain('凌云 · 辅导备案');
  });
});
