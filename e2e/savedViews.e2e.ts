// Saved views of the pool table, as an analyst uses them: save the table's filters, sort, criteria set and
// data year under a name, come back to them after a reload, reorder, rename and delete them.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { screenshot, startApp, type RunningApp } from './support/app';
import { PoolPage } from './support/pages';

let app: RunningApp;
let pool: PoolPage;

beforeAll(async () => {
  app = await startApp();
  pool = new PoolPage(app.page);
  await pool.waitForRows(11);
});
afterAll(async () => {
  await app?.close();
});

const LG_VIEW = '小巨人候选 · 高端装备 · 按营收';
const options = () => app.page.getByTestId('view-select').locator('option').allTextContents();

async function saveAs(name: string) {
  await app.page.getByTestId('view-new').click();
  await app.page.getByTestId('view-name').fill(name);
  await app.page.getByTestId('view-name-ok').click();
  await app.page.getByRole('status').filter({ hasText: `已保存视图“${name}”` }).waitFor();
}

describe('saved views of the pool table', () => {
  it('saves filters, sort, criteria set and data year under a name, and restores them after a reload', async () => {
    const page = app.page;
    await page.getByTestId('criteria-set').selectOption('cn-little-giant-2022');
    await pool.filter('filter-title', 'little_giant');
    await pool.filter('filter-chain', '高端装备');
    await pool.waitForNames(['鑫金山机械', '越成制动', '汉庄数控']);
    await pool.sortBy('revenue', 'ascending');
    const order = await pool.nameList();
    await saveAs(LG_VIEW);

    // a second view from another state
    await page.getByRole('button', { name: '清除筛选' }).click();
    await page.getByTestId('criteria-set').selectOption('cn-champion-2023');
    await pool.filter('filter-verdict', 'not_eligible');
    await saveAs('未达标企业');
    await vi.waitFor(async () => expect(await options()).toEqual(['（未选用视图）', LG_VIEW, '未达标企业']));
    await screenshot(page, 'saved-views-1280');

    // the data file keeps them: a fresh load of the app lists them, and choosing one restores everything
    await page.reload();
    await pool.waitForRows(11);
    await vi.waitFor(async () => expect(await options()).toEqual(['（未选用视图）', LG_VIEW, '未达标企业']));
    await page.getByTestId('view-select').selectOption({ label: LG_VIEW });
    await pool.waitForNames(['鑫金山机械', '越成制动', '汉庄数控']);
    await expect(page.getByTestId('criteria-set').inputValue()).resolves.toBe('cn-little-giant-2022');
    await expect(page.getByTestId('filter-title').inputValue()).resolves.toBe('little_giant');
    await expect(page.getByTestId('filter-chain').inputValue()).resolves.toBe('高端装备');
    await expect(page.getByTestId('filter-verdict').inputValue()).resolves.toBe('');
    await page.locator('th[aria-sort="ascending"] button[data-column="revenue"]').waitFor();
    await page.locator('[data-testid="pool-table"]:not(.is-stale)').waitFor();
    expect(await pool.nameList()).toEqual(order);
  });

  it('moves, renames and deletes a view, each written to the data file with who did it', async () => {
    const page = app.page;
    // Its own start: exactly the two views the first test makes (whatever that test left), then a fresh load.
    for (const v of await app.call('views.list', {})) await app.call('views.delete', { id: v.id });
    const auditFrom = app.handle.db.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number;
    await app.call('views.save', { name: LG_VIEW, spec: { setId: 'cn-little-giant-2022', title: 'little_giant', chain: '高端装备', sort: { column: 'revenue', dir: 'asc' } } });
    await app.call('views.save', { name: '未达标企业', spec: { setId: 'cn-champion-2023', verdict: 'not_eligible' } });
    await page.reload();
    await pool.waitForRows(11);
    await vi.waitFor(async () => expect(await options()).toEqual(['（未选用视图）', LG_VIEW, '未达标企业']));
    await page.getByTestId('view-select').selectOption({ label: '未达标企业' });
    await page.getByTestId('view-up').click();
    await page.getByRole('status').filter({ hasText: '已调整“未达标企业”的顺序' }).waitFor();
    await vi.waitFor(async () => expect(await options()).toEqual(['（未选用视图）', '未达标企业', LG_VIEW]));

    await page.getByTestId('view-rename').click();
    await page.getByTestId('view-name').fill('2023 未达标企业');
    await page.getByTestId('view-name-ok').click();
    await page.getByRole('status').filter({ hasText: '已重命名为“2023 未达标企业”' }).waitFor();
    await vi.waitFor(async () => expect(await options()).toEqual(['（未选用视图）', '2023 未达标企业', LG_VIEW]));

    // a name already taken is refused with the reason, and nothing changes
    await page.getByTestId('view-rename').click();
    await page.getByTestId('view-name').fill(LG_VIEW);
    await page.getByTestId('view-name-ok').click();
    await page.getByRole('alert').filter({ hasText: `已有名为“${LG_VIEW}”的视图` }).waitFor();
    await page.getByRole('button', { name: '取消' }).click();

    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('view-delete').click();
    await page.getByRole('status').filter({ hasText: '已删除视图“2023 未达标企业”' }).waitFor();
    await vi.waitFor(async () => expect(await options()).toEqual(['（未选用视图）', LG_VIEW]));

    const views = await app.call('views.list', {});
    expect(views.map((v) => [v.name, v.position, v.createdBy])).toEqual([[LG_VIEW, 1, 'e2e-analyst']]);
    const audit = app.handle.db.prepare("SELECT field FROM audit_log WHERE entity = 'saved_view' AND id > ? ORDER BY id").pluck().all(auditFrom);
    expect(audit).toEqual(['create', 'create', 'order', 'name', 'delete']);
  });
});
