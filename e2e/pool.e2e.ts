import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { screenshot, startApp, type RunningApp } from './support/app';
import { FirmPage, PoolPage } from './support/pages';

const toNumber = (s: string) => {
  const m = /([\d,.]+)\s*(亿元|万元)?/.exec(s);
  if (!m) return null;
  const n = Number(m[1].replace(/,/g, ''));
  return m[2] === '亿元' ? n * 10000 : n;
};

describe('the 2023 pool in browser mode', () => {
  let app: RunningApp;
  let pool: PoolPage;

  beforeAll(async () => {
    app = await startApp();
    pool = new PoolPage(app.page);
  });
  // Each test starts from the default pool on a freshly loaded page, whatever the one before it did.
  beforeEach(async () => {
    await app.reset();
    await pool.waitForRows(11);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('opens on the pool with 11 firms and the sample-data banner', async () => {
    await expect(pool.count().textContent()).resolves.toContain('共 11 家');
    await expect(pool.banner().textContent()).resolves.toContain('示例数据');
    const names = await pool.nameList();
    expect(names).toHaveLength(11);
    expect(names).toEqual(expect.arrayContaining(['鑫金山机械', '越成制动', '明源机械']));
    await screenshot(app.page, 'pool-zh');
  });

  it('sorts by revenue (largest first by default), by name and by global rank', async () => {
    const revenueText = await pool.column('revenue');
    const revenue = revenueText.map(toNumber) as number[];
    expect(revenue.every((v, i) => i === 0 || revenue[i - 1] >= v)).toBe(true);
    expect((await pool.nameList())[0]).toBe('台城新材料');

    await pool.sortBy('revenue', 'ascending');
    expect((await pool.nameList())[0]).toBe('马兰屯智能装备');
    const asc = (await pool.column('revenue')).map(toNumber) as number[];
    expect(asc.every((v, i) => i === 0 || asc[i - 1] <= v)).toBe(true);

    await pool.sortBy('name', 'ascending');
    // By pinyin, as Excel and WPS sort Chinese names.
    expect(await pool.nameList()).toEqual(['汉庄数控', '兰祺医药', '鲁南电解液', '马兰屯智能装备', '明源机械', '泥沟精密铸造', '台城新材料', '鑫金山机械', '峄州纺织新材', '越成制动', '运河锂能科技']);

    await pool.sortBy('rank_global', 'ascending');
    const ranks = await pool.column('rank_global');
    const known = ranks.filter((r) => r !== '—').map((r) => Number(r.replace(/\D/g, '')));
    expect(known).toEqual([...known].sort((a, b) => a - b));
    expect(ranks.slice(-2)).toEqual(['—', '—']); // missing ranks last
  });

  it('filters by town, chain and title, and searches by name or credit code', async () => {
    await pool.filter('filter-town', '泥沟镇');
    await pool.waitForNames(['明源机械', '泥沟精密铸造']);

    await pool.filter('filter-town', '');
    await pool.filter('filter-chain', '锂电新能源');
    await pool.waitForNames(['运河锂能科技', '鲁南电解液']);
    await pool.filter('filter-title', 'little_giant');
    await pool.waitForRows(0);
    await pool.filter('filter-chain', '');
    await pool.waitForNames(['台城新材料', '汉庄数控', '越成制动', '鑫金山机械']);
    await pool.filter('filter-title', '');

    await pool.search('锂能');
    await pool.waitForNames(['运河锂能科技']);
    await pool.search('91370405ma3d1');
    await pool.waitForNames(['越成制动']);
    await pool.search('');
    await pool.waitForRows(11);
  });

  it('opens a firm, edits a figure, and after a reload sees it persisted, marked and audited', async () => {
    await pool.openFirm('鑫金山机械');
    const firm = new FirmPage(app.page);
    expect(await firm.value('revenue', 2022)).toBe('56,847.8');

    await firm.editFigure('revenue', 2022, '6.2亿', '企业2022年报更正');
    await app.page.getByRole('status').filter({ hasText: '已保存 1 处修改' }).waitFor();
    expect(await firm.value('revenue', 2022)).toBe('62,000');

    await app.page.reload();
    await app.page.getByTestId('firm-name').waitFor();
    expect(await firm.value('revenue', 2022)).toBe('62,000');
    await expect(firm.cell('revenue', 2022).locator('[data-source]').getAttribute('data-source')).resolves.toBe('manual');
    await expect(firm.cell('revenue', 2021).locator('[data-source]').getAttribute('data-source')).resolves.toBe('sample');
    const history = await firm.historyText();
    expect(history).toContain('2022年 营业收入：56,847.8 万元 → 62,000 万元');
    expect(history).toContain('企业2022年报更正');
    expect(history).toContain('e2e-analyst');

    const audit = app.handle.db.prepare("SELECT old_value, new_value, actor FROM audit_log WHERE field = 'revenue'").all();
    expect(audit).toEqual([{ old_value: '56847.8', new_value: '62000', actor: 'e2e-analyst' }]);
    await screenshot(app.page, 'firm-edited');
  });

  it('refuses an impossible figure with a message in the cell and changes nothing', async () => {
    await pool.openFirm('鑫金山机械');
    const firm = new FirmPage(app.page);
    const before = app.handle.db.prepare('SELECT count(*) AS n FROM audit_log').get();
    await firm.editFigure('share_global', 2022, '130');
    await firm.cell('share_global', 2022).locator('.cell-error').waitFor();
    expect(await firm.cell('share_global', 2022).locator('.cell-error').textContent()).toBe('超出允许范围（0 至 100）');
    expect(app.handle.db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(before);
    await firm.grid().getByRole('button', { name: '取消' }).click();
    expect(await firm.value('share_global', 2022)).toBe('12.5');
  });

  it('switches to English and back, and remembers the choice across a reload', async () => {
    await app.page.locator('a[data-nav="pool"]').click();
    await pool.waitForRows(11);
    await app.page.getByTestId('lang-switch').click();
    await app.page.getByText('11 firms').waitFor();
    await expect(app.page.locator('a[data-nav="pool"]').textContent()).resolves.toBe('Pool');
    await expect(pool.header('revenue').textContent()).resolves.toContain('Revenue');
    await app.page.reload();
    await pool.waitForRows(11);
    await expect(app.page.locator('a[data-nav="pool"]').textContent()).resolves.toBe('Pool');
    await screenshot(app.page, 'pool-en');
    await app.page.getByTestId('lang-switch').click();
    await app.page.getByText('共 11 家').waitFor();
    await expect(app.page.locator('a[data-nav="firm"]').textContent()).resolves.toBe('企业详情');
  });

  it('shows each firm’s verdict under the chosen criteria set, and filters by it', async () => {
    await app.page.locator('a[data-nav="pool"]').click();
    await pool.waitForRows(11);
    await expect(app.page.getByTestId('criteria-set').inputValue()).resolves.toBe('cn-champion-2023');
    const verdicts = await pool.column('verdict');
    // Only 台城新材料 holds 省级制造业单项冠军, Shandong's recommendation condition (criterion 8).
    expect(verdicts.filter((v) => v.startsWith('待研判'))).toHaveLength(1);
    expect(verdicts.filter((v) => v.startsWith('未达标'))).toHaveLength(10);
    await pool.filter('filter-verdict', 'needs_review');
    await pool.waitForNames(['台城新材料']);
    await pool.filter('filter-verdict', '');
    await pool.waitForRows(11);
    await app.page.getByTestId('criteria-set').selectOption('cn-srdi-2022');
    await app.page.waitForFunction(() => [...document.querySelectorAll('[data-testid="pool-table"] .verdict')].filter((e) => e.textContent === '达标').length === 8);
    await app.page.getByTestId('criteria-set').selectOption('cn-champion-2023');
  });

  it('records the four judgements on a firm and sees it become eligible, with who and when', async () => {
    await pool.waitForRows(11);
    await pool.openFirm('台城新材料');
    const panel = app.page.getByTestId('evaluation-cn-champion-2023');
    await expect(panel.getByTestId('set-verdict').textContent()).resolves.toBe('待研判');
    const row = (id: string) => panel.locator(`tr[data-criterion="${id}"]`);
    await expect(row('2').getByTestId('criterion-status').textContent()).resolves.toBe('符合');
    await expect(row('2').textContent()).resolves.toContain('6.22 亿元'); // (58600 + 61200 + 66800) / 3
    for (const id of ['4', '5', '6', '7']) {
      await row(id).getByRole('button', { name: '是', exact: true }).click();
      await row(id).getByTestId('recorded').waitFor();
    }
    await app.page.getByTestId('evaluation-cn-champion-2023').getByTestId('set-verdict').filter({ hasText: '达标' }).waitFor();
    await expect(row('7').getByTestId('recorded').textContent()).resolves.toContain('e2e-analyst');
    await screenshot(app.page, 'firm-evaluation');
    await app.page.locator('a[data-nav="pool"]').click();
    await pool.filter('filter-verdict', 'eligible');
    await pool.waitForNames(['台城新材料']);
    await pool.filter('filter-verdict', '');
  });

  it('opens 年度更新 from the sidebar', async () => {
    await app.page.locator('a[data-nav="refresh"]').click();
    await app.page.getByTestId('refresh').waitFor();
    await expect(app.page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('年度更新');
    await app.page.getByTestId('rf-step-file').getByText('选择文件…').waitFor();
  });
});
