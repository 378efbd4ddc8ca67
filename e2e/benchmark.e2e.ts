import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ARTIFACTS, screenshot, startApp, type RunningApp } from './support/app';
import { BenchmarkPage } from './support/benchmarkPage';
import { PoolPage } from './support/pages';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const pngSize = (b: Buffer) => ({ width: b.readUInt32BE(16), height: b.readUInt32BE(20) });

describe('对标分析 on the default 2023 pool', () => {
  let app: RunningApp;
  let bench: BenchmarkPage;

  beforeAll(async () => {
    app = await startApp();
    bench = new BenchmarkPage(app.page);
  });
  // Each test starts from the default pool on a freshly loaded 对标分析, whatever the one before it did.
  beforeEach(async () => {
    await app.reset();
    await new PoolPage(app.page).waitForRows(11);
    await bench.open();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('1 · bars one metric across the 11 firms against its threshold, coloured by status', async () => {
    await bench.show('bars', 'rect.bm-bar');
    expect(await bench.count('bars', 'rect.bm-bar')).toBe(11);
    await expect(app.page.getByTestId('bars-criterion').inputValue()).resolves.toBe('2');
    await expect(app.page.getByTestId('bars-figure').getAttribute('data-threshold')).resolves.toBe('4'); // 40000 万元 in 亿元
    const statuses = await bench.attrs('bars', 'rect.bm-bar', 'data-status');
    expect(statuses.filter((s) => s === 'pass')).toHaveLength(2); // 台城新材料, 鑫金山机械
    expect(statuses.filter((s) => s === 'fail')).toHaveLength(9);
    const fills = await bench.attrs('bars', 'rect.bm-bar', 'fill');
    expect(new Set(fills)).toEqual(new Set(['#2e7d32', '#c62828']));
    const firms = await bench.attrs('bars', 'rect.bm-bar', 'data-firm');
    expect(firms[0]).toBe('台城新材料'); // largest 3-year average first
    const text = (await bench.card('bars').textContent()) ?? '';
    expect(text).toContain('近三年平均主营业务收入（亿元）');
    expect(text).toContain('门槛 ≥ 4.00 亿元');
    await expect(bench.sampleNote().textContent()).resolves.toBe('含示例数据');
    await screenshot(app.page, 'benchmark-1');

    const png = await bench.exportPng('bars');
    expect(png.name).toBe('对标分析-近三年平均主营业务收入.png');
    expect(png.bytes.subarray(0, 8).equals(PNG)).toBe(true);
    expect(pngSize(png.bytes).width).toBeGreaterThan(1600); // drawn at 2×
    fs.writeFileSync(path.join(ARTIFACTS, 'benchmark-1-export.png'), png.bytes);

    // Another criterion of the set: global rank (≤ 3), best first, two firms without a rank.
    await app.page.getByTestId('bars-criterion').selectOption('3');
    await app.page.waitForFunction(() => document.querySelector('[data-testid="bars-figure"]')?.getAttribute('data-threshold') === '3');
    const rankStatuses = await bench.attrs('bars', 'rect.bm-bar', 'data-status');
    expect(rankStatuses.filter((s) => s === 'pass')).toHaveLength(4);
    expect(await bench.card('bars').textContent()).toContain('无数据（2 家）');
    await screenshot(app.page, 'benchmark-1b');
    await app.page.getByTestId('bars-criterion').selectOption('2');
  });

  it('2 · places each firm by the selected set’s own metrics and lines, agreeing with the verdicts, with quadrant captions', async () => {
    await bench.show('quadrant', 'circle.bm-dot');
    const fig = app.page.getByTestId('quadrant-figure');
    // 单项冠军 2023: criterion 2 (3-year average 主营业务收入 ≥ 4亿元) across, criterion 3 (global top 3) up
    expect(await fig.getAttribute('data-x-metric')).toBe('avg_3y(main_revenue)');
    expect(await fig.getAttribute('data-y-metric')).toBe('rank_global');
    expect([await fig.getAttribute('data-x-line'), await fig.getAttribute('data-y-line')]).toEqual(['40000', '3']);
    const quadrants = Object.fromEntries(
      (await bench.card('quadrant').locator('circle.bm-dot').evaluateAll((els) => els.map((e) => [e.getAttribute('data-firm'), e.getAttribute('data-quadrant')]))) as [string, string][],
    );
    // every plotted firm sits where criteria 2 and 3 of its evaluation put it; a firm without a global rank is listed, not plotted
    const evaluation = await app.call('evaluate.pool', { year: 2023, setId: 'cn-champion-2023', offset: 0, limit: 100 });
    const expected: Record<string, string> = {};
    for (const row of evaluation.rows) {
      const [size, rank] = ['2', '3'].map((id) => row.criteria.find((c) => c.id === id)!);
      if (size.value == null || rank.value == null) continue;
      const big = size.status === 'pass';
      const top = rank.status === 'pass';
      expected[row.name] = big && top ? 'both' : top ? 'shareOnly' : big ? 'revenueOnly' : 'neither';
    }
    expect(Object.keys(expected).length).toBeGreaterThan(3);
    expect(quadrants).toEqual(expected);
    expect(quadrants['台城新材料']).toBe('both');
    expect(await bench.count('quadrant', 'text.bm-point-label')).toBe(Object.keys(expected).length);
    // No two firm names overlap.
    const boxes = await bench.card('quadrant').locator('text.bm-point-label').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        expect(a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1).toBe(false);
      }
    const text = (await bench.card('quadrant').textContent()) ?? '';
    expect(text).toContain('近三年平均主营业务收入（亿元）');
    expect(text).toContain('全球排名（名）');
    expect(text).toContain('规模与市场地位均达标');
    expect(text).toContain('参考线即所选标准《国家级制造业单项冠军企业（2023年认定管理办法）》的门槛：准则2 近三年平均主营业务收入 ≥ 4.00 亿元；准则3 全球排名 ≤ 3');
    await screenshot(app.page, 'benchmark-2');
    const png = await bench.exportPng('quadrant');
    expect(png.name).toBe('对标分析-市场地位×规模.png');
    expect(png.bytes.subarray(0, 8).equals(PNG)).toBe(true);
    fs.writeFileSync(path.join(ARTIFACTS, 'benchmark-2-export.png'), png.bytes);
  });

  it('3 · draws a firm’s years of a figure against the set’s threshold for it', async () => {
    await bench.show('trend', 'circle.bm-trend-dot');
    await app.page.getByTestId('trend-firm').selectOption({ label: '越成制动' });
    await bench.card('trend').locator('h2', { hasText: '越成制动' }).waitFor();
    expect(await bench.attrs('trend', 'circle.bm-trend-dot', 'data-year')).toEqual(['2020', '2021', '2022']);
    await expect(app.page.getByTestId('trend-figure-chart').getAttribute('data-threshold')).resolves.toBe('40000');
    expect(await bench.card('trend').textContent()).toContain('条件2门槛 ≥ 4.00 亿元（近三年平均主营业务收入）');
    await screenshot(app.page, 'benchmark-3');
    const png = await bench.exportPng('trend');
    expect(png.name).toBe('对标分析-越成制动-主营业务收入.png');
    expect(png.bytes.subarray(0, 8).equals(PNG)).toBe(true);
    fs.writeFileSync(path.join(ARTIFACTS, 'benchmark-3-export.png'), png.bytes);

    // A figure the set has no threshold for: no reference line, and the chart says so.
    await app.page.getByTestId('trend-figure').selectOption('rd_expense');
    await bench.card('trend').getByText('所选标准对该指标没有门槛').first().waitFor();
    await expect(app.page.getByTestId('trend-figure-chart').getAttribute('data-threshold')).resolves.toBe('');
    expect(await bench.count('trend', '.recharts-reference-line')).toBe(0);
  });

  it('4 · shows the readiness matrix, 11 firms × 10 criteria, switched-off criteria hatched', async () => {
    await bench.show('matrix', 'g.bm-cell');
    expect(await bench.count('matrix', 'g.bm-matrix-row')).toBe(11);
    // 7 national criteria, Shandong's recommendation condition (8) and the two unconfirmed ones.
    expect(await bench.count('matrix', 'g.bm-cell')).toBe(11 * 10);
    const row = bench.card('matrix').locator('g.bm-matrix-row[data-firm="汉庄数控"]');
    const cells = await row.locator('g.bm-cell').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-criterion')}:${e.getAttribute('data-status')}`));
    expect(cells.slice(0, 4)).toEqual(['1:pass', '2:fail', '3:pass', '4:review']);
    await expect(row.locator('g.bm-verdict').getAttribute('data-status')).resolves.toBe('fail');
    const off = await bench.attrs('matrix', 'g.bm-cell[data-enabled="false"] rect', 'fill');
    expect(off).toHaveLength(22); // u1, u2 for 11 firms
    expect(new Set(off)).toEqual(new Set(['url(#bm-hatch)']));
    await screenshot(app.page, 'benchmark-4');
    const png = await bench.exportPng('matrix');
    expect(png.name).toBe('对标分析-达标矩阵.png');
    expect(png.bytes.subarray(0, 8).equals(PNG)).toBe(true);
    fs.writeFileSync(path.join(ARTIFACTS, 'benchmark-4-export.png'), png.bytes);
  });

  it('5 · counts titles held in the pool beside the district counts of the reply letter', async () => {
    await bench.show('funnel', '.bm-funnel-value');
    const pool = await bench.textsTopDown('funnel', '.bm-funnel-value[data-series="pool"]');
    const district = await bench.textsTopDown('funnel', '.bm-funnel-value[data-series="district"]');
    // innovative, srdi, gazelle, little giant, provincial champion, national champion
    expect(pool).toEqual(['5', '10', '2', '4', '1', '0']);
    expect(district).toEqual(['42', '32', '8', '5', '1', '未提供']);
    const text = (await bench.card('funnel').textContent()) ?? '';
    expect(text).toContain('全区（答复函，2023年7月）');
    expect(text).toContain('仅作背景参照');
    await screenshot(app.page, 'benchmark-5');
    const png = await bench.exportPng('funnel');
    expect(png.name).toBe('对标分析-梯度培育漏斗.png');
    expect(png.bytes.subarray(0, 8).equals(PNG)).toBe(true);
    fs.writeFileSync(path.join(ARTIFACTS, 'benchmark-5-export.png'), png.bytes);
  });

  it('reloads when the criteria set changes in the top bar', async () => {
    await app.page.getByTestId('criteria-set').selectOption('cn-little-giant-2022');
    await bench.show('matrix', 'g.bm-cell');
    await app.page.waitForFunction(() => document.querySelectorAll('section[data-chart="matrix"] g.bm-cell').length === 11 * 8);
    await bench.show('bars', 'rect.bm-bar');
    await app.page.getByTestId('bars-criterion').selectOption('5');
    await app.page.waitForFunction(() => document.querySelector('[data-testid="bars-figure"]')?.getAttribute('data-threshold') === '10');
    expect(await bench.count('bars', 'rect.bm-bar')).toBe(11);
    await app.page.getByTestId('criteria-set').selectOption('cn-champion-2023');
  });

  it('speaks English too: axis units in millions of yuan', async () => {
    await app.page.getByTestId('lang-switch').click();
    await bench.show('bars', 'rect.bm-bar');
    await app.page.getByTestId('bars-criterion').selectOption('2');
    await bench.card('bars').getByText('3-year average main business revenue (M CNY)').waitFor();
    expect(await bench.count('bars', 'rect.bm-bar')).toBe(11);
    await expect(app.page.getByTestId('bars-figure').getAttribute('data-threshold')).resolves.toBe('400');
    await screenshot(app.page, 'benchmark-en');
    await bench.show('matrix', 'g.bm-cell');
    await screenshot(app.page, 'benchmark-en-matrix');
    await app.page.getByTestId('lang-switch').click();
    await bench.card('matrix').getByText('达标矩阵').first().waitFor();
  });
});
