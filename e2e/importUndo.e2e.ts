// Undoing an import keeps later work: on the default 2023 pool the analyst imports a corrected file (one changed
// revenue and a new firm), then edits a figure on the firm page; undoing the import reverts exactly what it
// wrote and keeps the edit. A second import whose value is edited afterwards lists that edit in the undo
// question, and the analyst keeps it. Restoring a whole snapshot lists what was done since it.
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '../db/creditCode';
import { screenshot, startApp, type RunningApp } from './support/app';
import { FirmPage, PoolPage } from './support/pages';
import { RefreshPage } from './support/refreshPage';

const NEW_FIRM = '峄城智能装备';
const NEW_CODE_17 = '91370405MA3Q2R7T5';
const NEW_CODE = NEW_CODE_17 + checkCharacter(NEW_CODE_17);

/** The pool's export with 汉庄数控's 2022 revenue set to `revenue`, and (optionally) a new firm. */
function corrected(exported: string, revenue: string, withNewFirm: boolean): string {
  const rows = Papa.parse<string[]>(exported.replace(/^\uFEFF/, '').trim()).data;
  const header = rows[0];
  const col = (name: string) => header.findIndex((h) => h === name || h.startsWith(`${name}（`));
  const row = rows.find((r) => r[col('企业名称')] === '汉庄数控' && r[col('年度')] === '2022')!;
  row[col('营业收入')] = revenue;
  if (withNewFirm) {
    const fresh = header.map(() => '');
    fresh[col('统一社会信用代码')] = NEW_CODE;
    fresh[col('企业名称')] = NEW_FIRM;
    fresh[col('年度')] = '2022';
    fresh[col('营业收入')] = '15000';
    rows.push(fresh);
  }
  return '\uFEFF' + Papa.unparse(rows);
}

describe('undoing an import keeps later work', () => {
  let app: RunningApp;
  let rf: RefreshPage;
  let exported = '';
  const value = (name: string, year: number, field: string) =>
    app.handle.db.prepare(`SELECT y.${field} FROM firm_years y JOIN firms f ON f.id = y.firm_id WHERE f.name = ? AND y.year = ?`).pluck().get(name, year);
  const firms = () => app.handle.db.prepare('SELECT count(*) FROM firms').pluck().get() as number;

  beforeAll(async () => {
    app = await startApp();
    await new PoolPage(app.page).waitForRows(11);
    rf = new RefreshPage(app.page);
    await rf.open();
    exported = (await rf.download('data', 'csv')).bytes.toString('utf8');
  });
  afterAll(async () => {
    await app?.close();
  });

  async function importFile(name: string, text: string) {
    await rf.open();
    await rf.choose(name, text);
    await app.page.getByTestId('rf-no-problems').waitFor();
    await app.page.getByTestId('rf-add-to-pool').check();
    await rf.apply();
  }

  async function editOnFirmPage(name: string, figure: string, year: number, text: string) {
    const pool = new PoolPage(app.page);
    await app.page.locator('a[data-nav="pool"]').click();
    await pool.openFirm(name);
    const firm = new FirmPage(app.page);
    await firm.editFigure(figure, year, text, '走访核实');
    await firm.cell(figure, year).locator('.value').filter({ hasText: text.replace(/\B(?=(\d{3})+(?!\d))/g, ',') }).waitFor();
  }

  it('1 · reverts what the import wrote and keeps a later edit of another value', async () => {
    await importFile('更正.csv', corrected(exported, '48000', true));
    expect(value('汉庄数控', 2022, 'revenue')).toBe(48000);
    expect(firms()).toBe(12);
    // Later work, on a value the import did not write.
    await editOnFirmPage('汉庄数控', 'net_profit', 2022, '2345');
    expect(value('汉庄数控', 2022, 'net_profit')).toBe(2345);

    await rf.open();
    await rf.undo();
    const question = (await app.page.getByTestId('rf-undo-confirm').textContent()) ?? '';
    expect(question).toContain('撤销导入「更正.csv」');
    expect(question).toContain('将恢复 1 个被改动的数值');
    expect(question).toContain('删除新增企业 1 家');
    expect(await rf.undoConflicts()).toEqual([]);
    await screenshot(app.page, 'import-undo-question');
    await rf.confirmUndo();
    await expect(app.page.getByTestId('rf-undone').textContent()).resolves.toContain('已撤销 更正.csv');
    expect(value('汉庄数控', 2022, 'revenue')).toBe(44408.6);
    expect(firms()).toBe(11);
    expect(value('汉庄数控', 2022, 'net_profit')).toBe(2345); // the later edit is kept
    const pool = new PoolPage(app.page);
    await app.page.locator('a[data-nav="pool"]').click();
    await pool.waitForRows(11);
    expect(await pool.nameList()).not.toContain(NEW_FIRM);
  });

  it('2 · lists a later edit of a value the import wrote, and keeps it when the analyst says so', async () => {
    await importFile('更正2.csv', corrected(exported, '48000', true));
    await editOnFirmPage('汉庄数控', 'revenue', 2022, '49000');
    await rf.open();
    await rf.undo();
    const conflicts = await rf.undoConflicts();
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toContain('汉庄数控 2022 年 营业收入：导入写入 48000，现在为 49000');
    await screenshot(app.page, 'import-undo-conflict');
    await rf.confirmUndo('撤销，保留之后的改动');
    await expect(app.page.getByTestId('rf-undone').textContent()).resolves.toContain('保留之后的改动 1 项');
    expect(value('汉庄数控', 2022, 'revenue')).toBe(49000);
    expect(firms()).toBe(11); // the new firm is gone all the same
  });

  it('3 · restoring a whole snapshot first lists what was done since', async () => {
    await rf.open();
    const since = await rf.askRestore(/导入前：更正2\.csv/);
    expect(since).toMatch(/此快照之后的 \d+ 项操作将被撤回/);
    expect(since).toContain('撤销导入 更正2.csv');
    await screenshot(app.page, 'restore-done-since');
    await app.page.getByTestId('rf-restore-confirm').getByRole('button', { name: '取消' }).click();
  });
});
