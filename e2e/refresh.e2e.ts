// 年度更新, the whole refresh in the UI on the default 2023 pool: download the template and the pool's data,
// choose a file whose revenue header is not recognised (map it by hand) and which has a bad credit code (see it
// refused), choose the corrected file, see the preview, apply, see the pool and the firm page change, undo,
// see it back as before, restore a snapshot; then the pool year (start 2024, mark a member, compare).
import Papa from 'papaparse';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkCharacter } from '../db/creditCode';
import { screenshot, startApp, type RunningApp } from './support/app';
import { FirmPage, PoolPage } from './support/pages';
import { RefreshPage } from './support/refreshPage';

const BOM = '\uFEFF';
const NEW_FIRM = '峄城新能源装备';
const NEW_CODE_17 = '91370405MA3N8P2X1';
const NEW_CODE = NEW_CODE_17 + checkCharacter(NEW_CODE_17);
/** The same firm's code with a wrong check character (the last one moved on by one). */
const BAD_CODE = NEW_CODE_17 + (checkCharacter(NEW_CODE_17) === 'H' ? 'J' : 'H');

/** The district's file: the pool's export with one changed revenue, one new firm and the revenue header renamed. */
function districtFile(exported: string, withBadRow: boolean): string {
  const rows = Papa.parse<string[]>(exported.replace(/^\uFEFF/, '').trim()).data;
  const header = rows[0];
  // Money and percent headers carry their unit (营业收入（万元）).
  const col = (name: string) => header.findIndex((h) => h === name || h.startsWith(`${name}（`));
  const revenue = col('营业收入');
  expect(revenue).toBeGreaterThan(0);
  header[revenue] = '营业收入合计'; // a synonym the importer does not know
  const hanzhuang = rows.find((r) => r[col('企业名称')] === '汉庄数控' && r[col('年度')] === '2022')!;
  expect(hanzhuang[revenue]).toBe('44408.6');
  hanzhuang[revenue] = '48000';
  const fresh = header.map(() => '');
  fresh[col('统一社会信用代码')] = NEW_CODE;
  fresh[col('企业名称')] = NEW_FIRM;
  fresh[col('年度')] = '2022';
  fresh[col('所属镇街')] = '峨山镇';
  fresh[revenue] = '12000';
  fresh[col('主营业务收入')] = '11000';
  rows.push(fresh);
  if (withBadRow) {
    const bad = [...fresh];
    bad[col('统一社会信用代码')] = BAD_CODE;
    bad[col('企业名称')] = '代码有误的企业';
    rows.push(bad);
  }
  return BOM + Papa.unparse(rows);
}

describe('年度更新 on the default 2023 pool', () => {
  let app: RunningApp;
  let rf: RefreshPage;
  let exported = '';
  const revenueOf = (name: string, year: number) =>
    app.handle.db.prepare('SELECT y.revenue FROM firm_years y JOIN firms f ON f.id = y.firm_id WHERE f.name = ? AND y.year = ?').pluck().get(name, year);
  const count = (sql: string) => app.handle.db.prepare(sql).pluck().get() as number;

  const CORRECTED = '台儿庄区-2022年度数据（已更正）.csv';
  const MAPPING = { 营业收入合计: 'revenue' };

  /** The mapping test 2 makes by hand, as the page remembers it for this header row. */
  async function rememberMapping(): Promise<void> {
    const headers = Papa.parse<string[]>(districtFile(exported, false).replace(/^\uFEFF/, '')).data[0];
    await app.page.evaluate(([key, value]) => localStorage.setItem('champion-pool-import-mappings', JSON.stringify({ [key]: value })), [JSON.stringify(headers), MAPPING] as const);
  }

  /** The corrected file applied with its new firm added to the pool, as test 4 does on the page. */
  async function applyCorrected(): Promise<void> {
    const base64 = Buffer.from(districtFile(exported, false), 'utf8').toString('base64');
    await app.call('import.apply', { fileName: CORRECTED, base64, mapping: MAPPING, poolYear: 2023, addToPool: true });
  }

  beforeAll(async () => {
    app = await startApp();
    rf = new RefreshPage(app.page);
    // The pool's data in the template layout, the district file's starting point (test 1 downloads it too).
    exported = Buffer.from((await app.call('data.export', { poolYear: 2023, format: 'csv' })).base64, 'base64').toString('utf8');
  });
  // Each test reaches its own start state from the default pool (through the service where an earlier test
  // got there through the page), on a freshly loaded 年度更新.
  beforeEach(async () => {
    await app.reset();
    await new PoolPage(app.page).waitForRows(11);
    await rf.open();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('1 · downloads the blank template and the pool’s data in the template layout', async () => {
    await expect(app.page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('年度更新');
    const xlsx = await rf.download('template', 'xlsx');
    expect(xlsx.name).toBe('企业年度数据模板.xlsx');
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    await expect(app.page.getByTestId('rf-download-outcome').textContent()).resolves.toBe('已下载 企业年度数据模板.xlsx');

    const blank = await rf.download('template', 'csv');
    expect(blank.bytes.toString('utf8')).toMatch(/^\uFEFF统一社会信用代码,企业名称,年度,/);

    const data = await rf.download('data', 'csv');
    expect(data.name).toMatch(/^企业年度数据-2023年度培育库-.*\.csv$/);
    const downloaded = data.bytes.toString('utf8');
    expect(downloaded.trim().split(/\r?\n/)).toHaveLength(1 + 11 * 3);
    expect(downloaded).toContain('汉庄数控');
    expect(downloaded).toBe(exported);
    await screenshot(app.page, 'refresh-start');
  });

  it('2 · a file with an unknown header and a bad credit code: the analyst maps the column and sees the row refused', async () => {
    await rf.choose('台儿庄区-2022年度数据.csv', districtFile(exported, true));
    // The renamed revenue column is named as not recognised.
    await expect(app.page.getByTestId('rf-unrecognised').textContent()).resolves.toContain('营业收入合计');
    await expect(rf.mappingItem('营业收入合计').getAttribute('class')).resolves.toContain('is-unrecognised');
    // The bad row is refused with sheet, row, column, value and reason; nothing can be applied.
    await expect(rf.errorRows().count()).resolves.toBe(1);
    const error = rf.errorRows().first();
    await expect(error.getAttribute('data-row')).resolves.toBe('36');
    const cells = await error.locator('td').allTextContents();
    expect(cells[2]).toBe('36');
    expect(cells[3]).toBe('统一社会信用代码');
    expect(cells[4]).toBe(BAD_CODE);
    expect(cells[5]).toMatch(/校验/);
    await expect(app.page.getByTestId('rf-blocked').isVisible()).resolves.toBe(true);
    await expect(rf.applyButton().isDisabled()).resolves.toBe(true);
    await rf.step('mapping').scrollIntoViewIfNeeded();
    await screenshot(app.page, 'refresh-mapping');

    // The analyst maps it to 营业收入; the file is analysed again with that mapping, which is remembered.
    await rf.mapColumn('营业收入合计', 'revenue');
    await expect(app.page.getByTestId('rf-unrecognised').count()).resolves.toBe(0);
    await expect(rf.errorRows().count()).resolves.toBe(1);
    await expect(rf.applyButton().isDisabled()).resolves.toBe(true);
    const remembered = await app.page.evaluate(() => localStorage.getItem('champion-pool-import-mappings'));
    expect(remembered).toContain('"营业收入合计":"revenue"');
    await rf.step('problems').scrollIntoViewIfNeeded();
    await screenshot(app.page, 'refresh-errors');
    expect(revenueOf('汉庄数控', 2022)).toBe(44408.6); // nothing written
  });

  it('3 · the corrected file: the remembered mapping applies, and the preview shows old → new, the new firm and the verdict', async () => {
    await rememberMapping();
    await rf.choose(CORRECTED, districtFile(exported, false));
    await app.page.getByTestId('rf-remembered').waitFor();
    await app.page.getByTestId('rf-no-problems').waitFor();
    expect(await rf.countValues()).toEqual({ rows: 34, newFirms: 1, changedFirms: 1, unchangedFirms: 10, changedValues: 1, newYears: 1, newValues: 2 });

    const changed = (await rf.changedFirm('汉庄数控').textContent()) ?? '';
    expect(changed).toContain('2022 年（第 4 行）');
    expect(changed).toContain('营业收入');
    expect(changed).toContain('44,408.6 万元 → 48,000 万元');
    await expect(rf.newFirms().locator(`tr[data-firm="${NEW_FIRM}"]`).textContent()).resolves.toContain(NEW_CODE);

    // Unticked, the new firm is not judged (it would not join the pool); ticked, its verdict appears.
    await expect(rf.verdicts().textContent()).resolves.toContain('没有企业的判定因这次导入而变化');
    await app.page.getByTestId('rf-add-to-pool').check();
    const verdictRow = rf.verdicts().locator('tbody tr');
    await expect(verdictRow.count()).resolves.toBe(1);
    const verdictCells = await verdictRow.locator('td').allTextContents();
    // The new firm holds no 省级单项冠军 (Shandong's recommendation condition): not eligible, whatever figures it lacks.
    expect(verdictCells).toEqual([NEW_FIRM, '未评估', '未达标']);
    await expect(rf.applyButton().isEnabled()).resolves.toBe(true);
    await rf.step('preview').scrollIntoViewIfNeeded();
    await screenshot(app.page, 'refresh-preview');
    expect(count('SELECT count(*) FROM firms')).toBe(11); // still nothing written
  });

  it('4 · applies: a snapshot first, the history lists it, and the pool and the firm page show the new figures', async () => {
    await rememberMapping();
    await rf.choose(CORRECTED, districtFile(exported, false));
    await app.page.getByTestId('rf-no-problems').waitFor();
    await app.page.getByTestId('rf-add-to-pool').check();
    await expect(rf.applyButton().isEnabled()).resolves.toBe(true);
    await rf.apply();
    const applied = (await app.page.getByTestId('rf-applied').textContent()) ?? '';
    expect(applied).toContain('已应用 台儿庄区-2022年度数据（已更正）.csv：读入 34 行，新企业 1 家，变更数值 1 个，新增企业年度 1 个');
    expect(applied).toMatch(/应用前的快照：.*\.sqlite/);
    await expect(rf.history().locator('li').first().textContent()).resolves.toContain('台儿庄区-2022年度数据（已更正）.csv');
    await expect(rf.snapshots().locator('li').first().textContent()).resolves.toContain('导入前：台儿庄区-2022年度数据（已更正）.csv');
    expect(revenueOf('汉庄数控', 2022)).toBe(48000);
    expect(count("SELECT count(*) FROM pool_members WHERE year = 2023 AND status = 'new'")).toBe(1);
    await screenshot(app.page, 'refresh-applied');

    const pool = new PoolPage(app.page);
    await app.page.locator('a[data-nav="pool"]').click();
    await pool.waitForRows(12);
    expect(await pool.nameList()).toContain(NEW_FIRM);
    await pool.openFirm('汉庄数控');
    await expect(new FirmPage(app.page).value('revenue', 2022)).resolves.toBe('48,000');
    await screenshot(app.page, 'refresh-firm-after');
  });

  it('5 · undoes the import after confirming on the page, and everything is as before', async () => {
    await applyCorrected();
    await rf.open();
    await rf.history().locator('li', { hasText: CORRECTED }).waitFor();
    await rf.undo();
    await expect(app.page.getByTestId('rf-undo-confirm').textContent()).resolves.toContain('撤销导入「台儿庄区-2022年度数据（已更正）.csv」');
    await rf.history().scrollIntoViewIfNeeded();
    await screenshot(app.page, 'refresh-undo-confirm');
    await rf.confirmUndo();
    await expect(app.page.getByTestId('rf-undone').textContent()).resolves.toContain('已撤销 台儿庄区-2022年度数据（已更正）.csv');
    await rf.history().getByTestId('rf-undone-mark').waitFor(); // kept in the history, marked undone
    expect(revenueOf('汉庄数控', 2022)).toBe(44408.6);
    expect(count('SELECT count(*) FROM firms')).toBe(11);
    await screenshot(app.page, 'refresh-undone');

    const pool = new PoolPage(app.page);
    await app.page.locator('a[data-nav="pool"]').click();
    await pool.waitForRows(11);
    expect(await pool.nameList()).not.toContain(NEW_FIRM);
    await pool.openFirm('汉庄数控');
    await expect(new FirmPage(app.page).value('revenue', 2022)).resolves.toBe('44,408.6');
  });

  it('6 · restores the snapshot taken before the undo, after confirming on the page', async () => {
    await applyCorrected();
    await app.call('import.undo', {});
    expect(revenueOf('汉庄数控', 2022)).toBe(44408.6);
    await rf.open();
    await rf.snapshots().locator('li', { hasText: '撤销导入前' }).waitFor();
    await rf.restore(/撤销导入前：/);
    await expect(app.page.getByTestId('rf-restored').textContent()).resolves.toMatch(/^已恢复快照 .*\.sqlite/);
    expect(revenueOf('汉庄数控', 2022)).toBe(48000);
    await rf.history().locator('li', { hasText: '台儿庄区-2022年度数据（已更正）.csv' }).waitFor();
    // The restored import can be undone once more.
    await rf.undo();
    await rf.confirmUndo();
    expect(revenueOf('汉庄数控', 2022)).toBe(44408.6);
  });

  it('7 · the pool year: re-check flags, start 2024 from 2023, mark a member graduated with a reason, compare', async () => {
    await rf.openPoolYear();
    await rf.member('泥沟精密铸造').waitFor();
    const flags = await rf.member('泥沟精密铸造').locator('[data-flag]').evaluateAll((els) => els.map((e) => e.getAttribute('data-flag')));
    expect(flags).toEqual(expect.arrayContaining(['share_fell', 'profit_fell']));
    await expect(rf.member('泥沟精密铸造').textContent()).resolves.toMatch(/国内市场占有率下降：[\d.]+% → [\d.]+%/);
    await screenshot(app.page, 'refresh-pool-year');

    await app.page.getByTestId('rf-start-submit').click();
    await expect(app.page.getByTestId('rf-start-done').textContent()).resolves.toContain('已建立「2024年度制造业单项冠军培育库」，结转 11 家');
    await app.page.getByTestId('pool-year').selectOption('2024');
    await app.page.getByRole('heading', { name: '2024年度成员与复核' }).waitFor();
    await rf.setMember('台城新材料', 'graduated', '2024年获评国家级单项冠军');
    await expect(app.page.getByTestId('rf-member-saved').textContent()).resolves.toBe('已保存：台城新材料 → 已晋级（2024年获评国家级单项冠军）');
    await expect(rf.member('台城新材料').textContent()).resolves.toContain('2024年获评国家级单项冠军');

    const row = app.page.locator('[data-testid="rf-compare-table"] tr[data-firm="台城新材料"]');
    await row.waitFor();
    await expect(row.locator('td').allTextContents()).resolves.toEqual(expect.arrayContaining(['在库', '已晋级', '2024年获评国家级单项冠军']));
    await app.page.getByTestId('rf-compare').scrollIntoViewIfNeeded();
    await screenshot(app.page, 'refresh-compare');
    const audit = app.handle.db.prepare("SELECT old_value, new_value, note, actor FROM audit_log WHERE entity = 'pool' AND field = 'status'").get();
    expect(audit).toEqual({ old_value: 'kept', new_value: 'graduated', note: '2024年获评国家级单项冠军', actor: 'e2e-analyst' });
  });
});
