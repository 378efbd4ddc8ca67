// Narrow laptops: every screen at 1280×720 (and the pool and shortlist tables at 1366×768) with nothing cut
// off that cannot be scrolled to, status chips on one line, and the pool table's last row reachable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startApp, type RunningApp } from './support/app';
import { layoutProblems } from './support/layout';
import { PoolPage } from './support/pages';
import { ShortlistPage } from './support/shortlistPage';

let app: RunningApp;

beforeAll(async () => {
  app = await startApp();
  await app.page.setViewportSize({ width: 1280, height: 720 });
  await new PoolPage(app.page).waitForRows(11);
});
afterAll(async () => {
  await app?.close();
});

async function show(section: string, ready: string) {
  await app.page.locator(`a[data-nav="${section}"]`).click();
  await app.page.locator(ready).first().waitFor();
  await app.page.waitForTimeout(300); // charts and lazy sections settle
}

describe('at 1280×720', () => {
  for (const [section, ready] of [
    ['overview', '[data-testid="overview"]'],
    ['pool', '[data-testid="pool-table"] tbody .firm-name'],
    ['benchmark', 'circle.bm-dot, rect.bm-bar'],
    ['refresh', '[data-testid="refresh"]'],
    ['criteria', '[data-testid="criteria-library"]'],
  ] as const) {
    it(`${section}: nothing cut off, chips on one line`, async () => {
      await show(section, ready);
      await screenshot(app.page, `narrow-${section}-1280`);
      expect(await layoutProblems(app.page)).toEqual([]);
    });
  }

  it('firm: nothing cut off', async () => {
    await show('pool', '[data-testid="pool-table"] tbody .firm-name');
    await new PoolPage(app.page).openFirm('台城新材料');
    await app.page.waitForTimeout(300);
    await screenshot(app.page, 'narrow-firm-1280');
    expect(await layoutProblems(app.page)).toEqual([]);
  });

  it('pool: the last row and the last column can be scrolled fully into view', async () => {
    await show('pool', '[data-testid="pool-table"] tbody .firm-name');
    const table = app.page.getByTestId('pool-table');
    await table.evaluate((el) => el.scrollTo({ top: el.scrollHeight, left: el.scrollWidth }));
    await app.page.waitForTimeout(200);
    const seen = await table.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const rows = [...el.querySelectorAll('tbody tr[data-index]')];
      const last = rows.sort((a, b) => Number(b.getAttribute('data-index')) - Number(a.getAttribute('data-index')))[0].getBoundingClientRect();
      const lastHeader = [...el.querySelectorAll('thead th')].at(-1)!.getBoundingClientRect();
      // the box's own visible area (without its scrollbars) lies inside the window
      const inner = { bottom: box.top + el.clientTop + el.clientHeight, right: box.left + el.clientLeft + el.clientWidth };
      return { rowBottom: last.bottom, headerRight: lastHeader.right, inner, window: { width: innerWidth, height: innerHeight } };
    });
    expect(seen.rowBottom).toBeLessThanOrEqual(seen.inner.bottom + 1);
    expect(seen.headerRight).toBeLessThanOrEqual(seen.inner.right + 1);
    expect(seen.inner.bottom).toBeLessThanOrEqual(seen.window.height);
    expect(seen.inner.right).toBeLessThanOrEqual(seen.window.width);
  });

  it('shortlist: 未达标 on one line, 移除 visible, nothing cut off', async () => {
    const sl = new ShortlistPage(app.page);
    await sl.open();
    await sl.openProposal();
    await sl.submitProposal();
    await app.page.waitForTimeout(300);
    await screenshot(app.page, 'narrow-shortlist-1280');
    expect(await layoutProblems(app.page)).toEqual([]);
    const remove = sl.entries().getByRole('button', { name: '移除' }).first();
    const box = await remove.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(1280);
  });
});

describe('at 1366×768', () => {
  it('pool, shortlist and benchmark: nothing cut off', async () => {
    await app.page.setViewportSize({ width: 1366, height: 768 });
    for (const [section, ready] of [
      ['pool', '[data-testid="pool-table"] tbody .firm-name'],
      ['shortlist', '[data-testid="sl-entries"]'],
      ['benchmark', 'rect.bm-bar'],
    ] as const) {
      await show(section, ready);
      expect(await layoutProblems(app.page), section).toEqual([]);
    }
  });
});
