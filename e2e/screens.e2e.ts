// Every screen at 1280×720 as a new analyst first sees it, for the README's pictures (e2e/artifacts/screen-*.png,
// copied to docs/screenshots once checked by eye), each also measured: nothing cut off, chips on one line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startApp, type RunningApp } from './support/app';
import { layoutProblems } from './support/layout';
import { PoolPage } from './support/pages';
import { RefreshPage } from './support/refreshPage';
import { ShortlistPage } from './support/shortlistPage';

let app: RunningApp;

beforeAll(async () => {
  app = await startApp({ today: '2026-11-30' });
  await app.page.setViewportSize({ width: 1280, height: 720 });
  await new PoolPage(app.page).waitForRows(11);
});
afterAll(async () => {
  await app?.close();
});

async function shoot(name: string) {
  await app.page.waitForTimeout(400); // charts and lazy sections settle
  await screenshot(app.page, `screen-${name}`);
  expect(await layoutProblems(app.page), name).toEqual([]);
}

async function open(section: string, ready: string) {
  await app.page.locator(`a[data-nav="${section}"]`).click();
  await app.page.locator(ready).first().waitFor();
}

describe('every screen at 1280×720', () => {
  it('总览', async () => {
    await open('overview', '[data-testid="overview"]');
    await shoot('overview');
  });

  it('培育库', async () => {
    await open('pool', '[data-testid="pool-table"] tbody .firm-name');
    await shoot('pool');
  });

  it('企业详情 and its evaluation', async () => {
    await new PoolPage(app.page).openFirm('台城新材料');
    await shoot('firm');
    await app.page.getByTestId('evaluation-cn-champion-2023').scrollIntoViewIfNeeded();
    await shoot('evaluation');
  });

  it('对标分析, each chart', async () => {
    await open('benchmark', 'rect.bm-bar');
    await shoot('benchmark-bars');
    for (const tab of ['quadrant', 'trend', 'matrix', 'funnel']) {
      await app.page.locator(`[data-tab="${tab}"]`).click();
      await app.page.waitForTimeout(300);
      await shoot(`benchmark-${tab}`);
    }
  });

  it('推荐名单 and its printable report', async () => {
    const sl = new ShortlistPage(app.page);
    await sl.open();
    await sl.openProposal();
    await shoot('shortlist-new');
    await sl.submitProposal();
    await shoot('shortlist');
  });

  it('年度更新: the preview before anything is written', async () => {
    const rf = new RefreshPage(app.page);
    await rf.open();
    await shoot('refresh');
    const exported = Buffer.from((await app.call('data.export', { poolYear: 2023, format: 'csv' })).base64, 'base64').toString('utf8');
    await rf.choose('台儿庄区-2022年度数据.csv', exported.replace('44408.6', '48000'));
    await rf.counts().waitFor();
    await rf.step('preview').scrollIntoViewIfNeeded();
    await shoot('refresh-preview');
  });

  it('标准库', async () => {
    await open('criteria', '[data-testid="criteria-library"]');
    await shoot('criteria');
  });
});
