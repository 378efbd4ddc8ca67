// New versions as data in the browser: a malformed criteria file refused with a located message (nothing stored);
// a revised set added, compared with the 2022 rules (table, chart, xlsx) and removed; the 2022 notice on screen.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from '../db/exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import srdi from '../assets/criteria/cn-srdi-2022.json';
import { screenshot, startApp, type RunningApp } from './support/app';
import { CriteriaPage } from './support/criteriaPage';

describe('标准库: 导入标准, 对比 and 删除 in browser mode', () => {
  let app: RunningApp;
  let lib: CriteriaPage;
  let good: string;
  let bad: string;

  beforeAll(async () => {
    app = await startApp();
    lib = new CriteriaPage(app.page);
    // A revised 专精特新 set as an analyst would write it (a test set: a revenue floor of 4亿元 so that firms move).
    const revised = { ...JSON.parse(JSON.stringify(srdi)), id: 'cn-srdi-2026', title: { zh: '专精特新中小企业（2026年修订，分析员录入）', en: 'SRDI SME (2026 revision, entered by an analyst)' }, document: { name: '优质中小企业梯度培育管理办法 附件', number: '工信部企业〔2026〕2号', date: '2026-01' }, effective_from: '2026-04-01', effective_to: null, confidence: 'unconfirmed' };
    delete revised.notice;
    revised.criteria[2].rule.any[0].value = 40000;
    good = path.join(app.dir, 'cn-srdi-2026.json');
    fs.writeFileSync(good, JSON.stringify(revised, null, 1));
    const broken = JSON.parse(JSON.stringify(revised));
    broken.scores.srdi.indicators[0].bands[0].gte = 'eighty';
    bad = path.join(app.dir, 'broken.json');
    fs.writeFileSync(bad, JSON.stringify(broken, null, 1));
    await lib.open();
  });
  afterAll(async () => {
    await app?.close();
  });

  const stored = () => app.handle.db.prepare('SELECT count(*) FROM criteria_library WHERE removed_at IS NULL').pluck().get();

  it('says under the set selector and in 标准库 that the 2022 SME rules are superseded from 2026-04-01', async () => {
    await app.page.getByTestId('criteria-set').selectOption('cn-little-giant-2022');
    await expect(app.page.getByTestId('set-banner-notice').textContent()).resolves.toContain('2026年4月1日起施行');
    await lib.openSet('cn-little-giant-2022');
    await expect(lib.detail().getByTestId('set-notice').textContent()).resolves.toContain('适用期：2022-06 至 2026-03-31');
    await app.page.getByTestId('criteria-set').selectOption('cn-champion-2023');
    await app.page.getByTestId('set-banner').waitFor({ state: 'detached' });
  });

  it('refuses a malformed file with the file, the place and the rule broken, and stores nothing', async () => {
    const said = await lib.importFile(bad);
    expect(said).toContain('broken.json');
    expect(said).toContain('scores.srdi.indicators.0.bands.0.gte');
    expect(said).toContain('未作任何改动');
    expect(stored()).toBe(0);
    await screenshot(app.page, 'criteria-import-refused');
  });

  it('adds the revised set, listed with who added it and when', async () => {
    expect(await lib.importFile(good)).toBe('cn-srdi-2026');
    await expect(lib.detail().getByTestId('set-origin').textContent()).resolves.toContain('分析员导入：e2e-analyst');
    await expect(lib.sets().filter({ hasText: '2026年修订' }).count()).resolves.toBe(1);
    expect(stored()).toBe(1);
  });

  it('compares it with the 2022 rules: the verdicts of every firm, a chart of the moves, and an xlsx', async () => {
    await lib.compare('cn-srdi-2022', 'cn-srdi-2026');
    const rows = await lib.compareTable();
    expect(rows).toHaveLength(11);
    const lost = rows.filter((x) => x[3] === '不再达标');
    expect(lost.map((x) => x[0])).toEqual(['明源机械']);
    expect(lost[0].slice(1, 3)).toEqual(['达标', '未达标']);
    await expect(app.page.getByTestId('compare-counts').textContent()).resolves.toContain('不再达标 1 家');
    await expect(app.page.locator('[data-testid="criteria-compare"] .recharts-bar-rectangle').count()).resolves.toBeGreaterThan(0);
    await screenshot(app.page, 'criteria-compare');
    const file = await lib.exportCompare();
    expect(file.name).toBe('标准对比_cn-srdi-2022_cn-srdi-2026_2023.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(file.path) as unknown as ArrayBuffer);
    const text = wb.getWorksheet('标准对比')!.getSheetValues().flat().map(String).join('\n');
    expect(text).toContain('明源机械');
    expect(text).toContain('2026年4月1日起施行');
  });

  it('removes the added set; the shipped sets stay', async () => {
    await lib.showView('sets');
    await lib.openSet('cn-srdi-2026');
    await lib.removeOpenSet();
    expect(stored()).toBe(0);
    await expect(lib.sets().count()).resolves.toBe(8);
    const audit = app.handle.db.prepare("SELECT note FROM audit_log WHERE entity = 'criteria_set' ORDER BY id").pluck().all();
    expect(audit).toEqual(['导入 cn-srdi-2026.json', '删除 cn-srdi-2026.json']);
  });
});
