import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ARTIFACTS, screenshot, startApp, type RunningApp } from './support/app';
import { OverviewPage } from './support/overviewPage';
import { PoolPage } from './support/pages';

const SET = 'cn-champion-2023';
// The calendar's order and windows depend on the day: a fixed one, not the machine's clock.
const TODAY = '2024-05-20';

describe('总览 on the default 2023 pool', () => {
  let app: RunningApp;
  let ov: OverviewPage;

  beforeAll(async () => {
    app = await startApp({ today: TODAY });
    ov = new OverviewPage(app);
  });
  // Each test starts from the default pool on a freshly loaded 总览, whatever the one before it did.
  beforeEach(async () => {
    await app.reset();
    // These tests exercise the feature on the national standard alone (Shandong's condition off, as an analyst can).
    await app.call('criteria.setEnabled', { setId: 'cn-champion-2023', criterionId: '8', enabled: false });
    await app.page.reload();
    await new PoolPage(app.page).waitForRows(11);
    await ov.open();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('renders the gradient, rewards, targets, calendar and status with the service’s numbers', async () => {
    const service = await ov.service('overview.get', { year: 2023, setId: SET, dataYear: 2022 });
    const pool = await ov.service('evaluate.pool', { year: 2023, setId: SET, dataYear: 2022 });
    expect(await ov.text('ov-kpi-firms')).toBe('11 家');
    expect(await ov.text('ov-kpi-growth')).toBe(`${service.targets.items[0].current} 家`);
    expect(await ov.text('ov-kpi-budget')).toBe('430 万元');
    expect(service.rewards.total).toBe(430);
    for (const v of ['eligible', 'needs_review', 'incomplete', 'not_eligible'] as const) {
      expect(Number(await ov.text(`ov-count-${v}`))).toBe(pool.counts[v]);
    }
    // The gradient table: every pool cell as the service counts it.
    const table = app.page.getByTestId('ov-gradient-table');
    for (const c of service.gradient.cells.filter((x) => x.year === 2022)) {
      const text = await table.locator(`tr[data-code="${c.code}"] button[data-year="2022"]`).textContent();
      expect(Number(text)).toBe(c.list.total);
    }
    expect(await table.locator('tr[data-code="srdi_provincial"] td[data-series="2023-07"]').textContent()).toBe('32');
    // The reward table: per title, per year and in total.
    const nat = service.rewards.rows.find((r) => r.code === 'champion_national')!;
    expect(await ov.text('ov-total-champion_national')).toBe(`${nat.total} 万元`);
    const rewards = app.page.getByTestId('ov-reward-table');
    expect(await rewards.locator('tr[data-code="champion_national"] td[data-year="2024"]').textContent()).toBe('200 万元（2 家）');
    expect(await rewards.locator('tfoot td[data-year="2030"]').textContent()).toBe('200 万元');
    // The calendar: the next deadline first, as the service orders it.
    const tracks = await app.page.locator('[data-testid="ov-calendar"] li[data-track]').evaluateAll((els) => els.map((e) => e.getAttribute('data-track')));
    expect(service.today).toBe(TODAY);
    expect(tracks).toEqual(service.calendar.map((c) => c.track));
    // On 2024年5月20日: 省级专精特新 closes 5月31日, then 小巨人, 瞪羚, 国家级 and 省级单项冠军; 创新型's closed till 2025.
    expect(tracks).toEqual(['srdi_provincial', 'little_giant', 'gazelle_provincial', 'champion_national', 'champion_provincial', 'innovative_sme']);
    expect(await ov.text('ov-calendar')).toContain('2024年5月20日');
    expect(await app.page.getByTestId('ov-missing-industrial').textContent()).toBe('请录入规上工业企业数');
    expect(await ov.text('ov-sample')).toContain('示例数据');
    await screenshot(app.page, 'overview-top');
    // The funnel says 0 and 未提供 where there is no bar, rather than leaving a blank row.
    const funnel = app.page.getByTestId('ov-funnel');
    await funnel.scrollIntoViewIfNeeded();
    const labels = await funnel.locator('text[data-series]').allTextContents();
    expect(labels).toEqual(['5', '10', '2', '4', '1', '0', '0', '0', '42', '32', '8', '5', '1', '未提供', '未提供', '未提供']);
    await screenshot(app.page, 'overview-funnel');
  });

  it('lists the firms behind a number, each linking to its page', async () => {
    const giants = await ov.listBehind(() => app.page.getByTestId('ov-gradient-table').locator('tr[data-code="little_giant"] button[data-year="2022"]').click());
    expect(giants.title).toBe('2022年末持有“国家级专精特新“小巨人””的培育库企业');
    expect(giants.names.sort()).toEqual(['台城新材料', '汉庄数控', '越成制动', '鑫金山机械'].sort());
    expect(giants.links.every((l) => /^#\/firm\/\d+$/.test(l))).toBe(true);

    const review = await ov.listBehind(
      () => app.page.getByTestId('ov-reward-table').locator('tr[data-code="champion_national"] td.ov-review button').click(),
      (page) => screenshot(page, 'overview-list-behind'),
    );
    expect(review.names.sort()).toEqual(['台城新材料', '鑫金山机械'].sort());

    const budget = await ov.listBehind(() => app.page.getByTestId('ov-kpi-budget').click());
    expect(budget.names.sort()).toEqual(['汉庄数控', '运河锂能科技', '鲁南电解液', '马兰屯智能装备', '鲁南电解液'].sort());

    const needsReview = await ov.listBehind(() => app.page.locator('button.ov-verdict[data-verdict="needs_review"]').click());
    expect(needsReview.names.sort()).toEqual(['台城新材料', '鑫金山机械'].sort());

    // Following a link opens the firm, and 总览 comes back as it was.
    await app.page.getByTestId('ov-gradient-table').locator('tr[data-code="champion_provincial"] button[data-year="2022"]').click();
    await app.page.getByTestId('ov-drawer').locator('ol.ov-firms a').first().click();
    await app.page.waitForFunction(() => window.location.hash.startsWith('#/firm/'));
    await app.page.getByText('台城新材料').first().waitFor();
    await ov.open();
  });

  it('changes the budget when a reward is edited, and logs who changed it', async () => {
    await app.page.getByTestId('ov-rewards').scrollIntoViewIfNeeded();
    await screenshot(app.page, 'overview-rewards');
    // The chart puts each year's total on its stack.
    const chart = app.page.getByTestId('ov-reward-chart');
    await chart.scrollIntoViewIfNeeded();
    // Every year from the first to the last has its place; the years without rewards carry no label.
    const labels = await chart.locator('.recharts-label-list text').allTextContents();
    expect(labels.filter((l) => l.trim())).toEqual(['30 万元', '200 万元', '200 万元']);
    expect(labels.filter((l) => l.trim() === '—')).toEqual([]);
    await screenshot(app.page, 'overview-reward-chart');
    const png = await ov.exportPng('ov-rewards');
    expect(png.name).toBe('总览-各年预计奖励资金.png');
    expect(png.bytes.subarray(1, 4).toString()).toBe('PNG');
    fs.writeFileSync(path.join(ARTIFACTS, 'overview-reward-chart-export.png'), png.bytes);
    await app.page.getByTestId('ov-rewards-edit').click();
    await app.page.getByTestId('ov-reward-amount-champion_national').fill('150');
    await app.page.getByTestId('ov-reward-source-champion_national').fill('台儿庄区扶持办法（2024年修订）');
    await app.page.getByTestId('ov-reward-save-champion_national').click();
    await ov.waitForText('ov-total-champion_national', (s) => s === '600 万元');
    expect(await ov.text('ov-kpi-budget')).toBe('630 万元');
    expect(await ov.text('ov-amount-champion_national')).toBe('150 万元');
    const after = await ov.service('overview.get', { year: 2023, setId: SET, dataYear: 2022 });
    expect(after.rewards.total).toBe(630);
    expect(after.rewards.table.find((r) => r.code === 'champion_national')).toMatchObject({ amount: 150, updatedBy: 'e2e-analyst' });
    const history = await ov.text('ov-history');
    expect(history).toContain('e2e-analyst');
    expect(history).toContain('国家级单项冠军 奖励金额（万元）');
    await screenshot(app.page, 'overview-reward-edited');
    await app.page.getByTestId('ov-rewards-edit').click();
  });

  it('measures the 专精特新 share once the 规上 count is typed', async () => {
    const share = app.page.getByTestId('ov-target-srdi_share');
    await share.scrollIntoViewIfNeeded();
    await app.page.getByTestId('ov-industrial-count').fill('25');
    await app.page.getByTestId('ov-industrial-save').click();
    await share.getByTestId('ov-target-current').waitFor();
    expect(await share.getByTestId('ov-target-current').textContent()).toBe('40%');
    const counted = await ov.listBehind(() => share.getByTestId('ov-target-counted').click());
    expect(counted.names).toHaveLength(10);
    expect(counted.names).not.toContain('鲁南电解液');
    await app.page.getByTestId('ov-targets').scrollIntoViewIfNeeded();
    await screenshot(app.page, 'overview-targets-calendar');
  });

  it('keeps edited calendar dates as the analyst’s, not defaults', async () => {
    const track = app.page.getByTestId('ov-track-champion_national');
    await track.scrollIntoViewIfNeeded();
    expect(await track.locator('.ov-default').count()).toBe(1);
    await app.page.getByTestId('ov-calendar-edit-champion_national').click();
    const year = Number(TODAY.slice(0, 4)) + 1;
    await app.page.getByTestId('ov-calendar-opens').fill(`${year}-06-20`);
    await app.page.getByTestId('ov-calendar-deadline').fill(`${year}-09-10`);
    await app.page.getByTestId('ov-calendar-save').click();
    await track.locator('.ov-default').waitFor({ state: 'detached' });
    expect(await track.getByTestId('ov-window').textContent()).toMatch(/6月20日 — \d{4}年9月10日/);
    const o = await ov.service('overview.get', { year: 2023, setId: SET });
    expect(o.calendar.find((c) => c.track === 'champion_national')).toMatchObject({ opens: '06-20', deadline: '09-10', isDefault: false });
    await app.page.getByTestId('ov-status').scrollIntoViewIfNeeded();
    await screenshot(app.page, 'overview-status');
  });

  it('reads in English too', async () => {
    await app.page.getByTestId('lang-switch').click();
    await app.page.getByText('Reward exposure').waitFor();
    await app.page.locator('.content').evaluate((el) => el.scrollTo(0, 0));
    await screenshot(app.page, 'overview-en');
    await app.page.getByTestId('lang-switch').click();
    await app.page.getByText('奖励资金测算').waitFor();
  });
});
