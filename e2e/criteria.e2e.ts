import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createService } from '../db/service';
import { screenshot, startApp, type RunningApp } from './support/app';
import { CriteriaPage } from './support/criteriaPage';

const MUTED = 'rgb(107, 119, 133)'; // --muted in styles.css

describe('标准库 in browser mode', () => {
  let app: RunningApp;
  let lib: CriteriaPage;
  /** Whether criteria 2 and u2 count for the first firm of the 2023 pool, as the service evaluates them. */
  async function inForce() {
    // A fresh service over the same open database each time: a service caches evaluations until its own writes.
    const service = createService({ db: app.handle.db, dataFile: app.handle.file, actor: 'e2e-check', appVersion: 'e2e' });
    const pool = await service['evaluate.pool']({ year: 2023, setId: 'cn-champion-2023', offset: 0, limit: 200 });
    const row = pool.rows[0];
    const enabled = (id: string) => row.criteria.find((c) => c.id === id)!.enabled;
    return { c2: enabled('2'), u2: enabled('u2'), total: pool.total };
  }

  beforeAll(async () => {
    app = await startApp();
    lib = new CriteriaPage(app.page);
  });
  // Each test starts from the shipped switches on a freshly loaded 标准库, whatever the one before it did.
  beforeEach(async () => {
    await app.reset();
    await lib.open();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lists all 8 sets with level, document and confidence, and a legend', async () => {
    await expect(lib.sets().count()).resolves.toBe(8);
    const ids = await lib.sets().evaluateAll((bs) => bs.map((b) => b.getAttribute('data-set')));
    expect(ids.sort()).toEqual(
      ['cn-champion-2016-demo', 'cn-champion-2019-product', 'cn-champion-2023', 'cn-innovative-2022', 'cn-little-giant-2022', 'cn-srdi-2022', 'sd-champion-2023a', 'sd-gazelle-2020'].sort(),
    );
    const legend = await app.page.getByTestId('confidence-legend').textContent();
    for (const tag of ['原文', '多来源一致', '单一来源', '未证实']) expect(legend).toContain(tag);
    await expect(app.page.getByTestId('criteria-sets').textContent()).resolves.toContain('工信部企业〔2022〕63号');
  });

  it('shows cn-champion-2023 in words, with u1 and u2 unconfirmed and greyed', async () => {
    await lib.openSet('cn-champion-2023');
    const c2 = await lib.criterion('2').textContent();
    expect(c2).toContain('近三年平均主营业务收入');
    expect(c2).toContain('4亿元');
    expect(await lib.criterion('3').textContent()).toContain('全球前3');
    for (const id of ['u1', 'u2']) {
      await expect(lib.criterion(id).textContent()).resolves.toContain('未证实');
      await expect(lib.criterion(id).getAttribute('data-effective')).resolves.toBe('off');
      await expect(lib.textColour(id)).resolves.toBe(MUTED);
      await expect(lib.toggle(id).isChecked()).resolves.toBe(false);
    }
    expect(await lib.textColour('2')).not.toBe(MUTED);
    expect(await lib.criterion('u2').textContent()).toContain('启用后替代第2条');
    await screenshot(app.page, 'criteria-champion-2023-top');
    await lib.criterion('u2').scrollIntoViewIfNeeded();
    await screenshot(app.page, 'criteria-champion-2023-unconfirmed');
  });

  it('switches u2 on, keeps it after a reload, attributes it to the analyst, and the evaluation follows', async () => {
    expect(await inForce()).toMatchObject({ c2: true, u2: false });
    await lib.switchTo('u2', true);
    await app.page.reload();
    await lib.detail().waitFor();
    await lib.openSet('cn-champion-2023');
    await expect(lib.toggle('u2').isChecked()).resolves.toBe(true);
    await expect(lib.criterion('u2').getByTestId('switched-by').textContent()).resolves.toMatch(/^e2e-analyst 于 \d{4}年\d+月\d+日 \d\d:\d\d 启用$/);
    expect(await lib.textColour('u2')).not.toBe(MUTED);
    await expect(lib.criterion('2').getByTestId('replaced-by').textContent()).resolves.toContain('条件u2');
    // The service now counts u2 in place of criterion 2, and the switch is in the audit log.
    expect(await inForce()).toMatchObject({ c2: false, u2: true });
    const audit = app.handle.db.prepare("SELECT actor, old_value, new_value FROM audit_log WHERE entity = 'criterion' AND field = 'cn-champion-2023/u2'").all();
    expect(audit).toEqual([{ actor: 'e2e-analyst', old_value: 'off', new_value: 'on' }]);
    await lib.criterion('2').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(app.page, 'criteria-champion-2023-u2-on');
  });

  it('writes out the score tables of cn-srdi-2022 and the nested alternatives of the little giant', async () => {
    await lib.openSet('cn-srdi-2022');
    const table = app.page.getByTestId('score-srdi');
    await expect(table.getByTestId('block-innovation').textContent()).resolves.toBe('创新能力 · 小计满分35分');
    await expect(table.getByTestId('indicator-debt').textContent()).resolves.toContain('≤50% → 5分');
    await table.scrollIntoViewIfNeeded();
    await screenshot(app.page, 'criteria-srdi-score');
    await lib.openSet('cn-little-giant-2022');
    await expect(lib.criterion('6').textContent()).resolves.toContain('5000万–1亿元：近两年每年研发投入占比≥6%');
    await lib.criterion('6').scrollIntoViewIfNeeded();
    await screenshot(app.page, 'criteria-little-giant');
  });

  it('reads in English', async () => {
    await app.page.getByTestId('lang-switch').click();
    await lib.openSet('cn-champion-2023');
    await expect(lib.criterion('2').textContent()).resolves.toContain('3-year average main business revenue ≥ CNY 400M');
    await screenshot(app.page, 'criteria-en');
    await app.page.getByTestId('lang-switch').click();
  });
});
