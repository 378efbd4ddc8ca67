import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ARTIFACTS, screenshot, startApp, type RunningApp } from './support/app';
import { PoolPage } from './support/pages';
import { ShortlistPage } from './support/shortlistPage';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const POPPLER = ['pdftotext', 'pdfinfo', 'pdftoppm'].map((p) => `/usr/bin/${p}`);

/** Runs a poppler tool; without poppler, says what to install instead of failing on a missing file. */
function poppler(tool: 'pdftotext' | 'pdfinfo' | 'pdftoppm', args: string[]): string {
  const missing = POPPLER.filter((p) => !fs.existsSync(p));
  if (missing.length) throw new Error(`读回 PDF 需要 poppler-utils（缺 ${missing.join('、')}）：apt-get install poppler-utils（npm test 会自动安装）`);
  return execFileSync(`/usr/bin/${tool}`, args, { encoding: 'utf8' });
}
const NAME = '2023年度国家级制造业单项冠军企业推荐名单';
const UNIT = '台儿庄区工业和信息化局';

describe('推荐名单 on the default 2023 pool', () => {
  let app: RunningApp;
  let sl: ShortlistPage;
  let shortlistId: number;

  const firmId = (name: string) => app.handle.db.prepare('SELECT id FROM firms WHERE name = ?').pluck().get(name) as number;

  /** The shortlist as test 1 leaves it: the four ticked firms of the proposal, in its order. */
  async function created(): Promise<number> {
    const firmIds = ['台城新材料', '鑫金山机械', '汉庄数控', '运河锂能科技'].map(firmId);
    return (await app.call('shortlist.create', { name: NAME, year: 2023, setId: 'cn-champion-2023', dataYear: 2022, fillingUnit: UNIT, firmIds })).id;
  }

  /** The shortlist as test 2 leaves it: reordered, annotated, one withdrawn, 越成制动 added. */
  async function edited(): Promise<number> {
    const id = await created();
    await app.call('shortlist.move', { id, firmId: firmId('鑫金山机械'), position: 1 });
    await app.call('shortlist.annotate', { id, firmId: firmId('鑫金山机械'), note: '答复函点名鼓励申报，链轮国内细分市场领先', status: 'recommended' });
    await app.call('shortlist.annotate', { id, firmId: firmId('台城新材料'), status: 'recommended' });
    await app.call('shortlist.annotate', { id, firmId: firmId('运河锂能科技'), status: 'withdrawn' });
    await app.call('shortlist.addFirm', { id, firmId: firmId('越成制动') });
    return id;
  }

  /** Opens a shortlist's page, as the list's link does. */
  async function show(id: number): Promise<void> {
    await app.page.evaluate((to) => (window.location.hash = to), `#/shortlist/${id}`);
    await sl.entries().waitFor();
    shortlistId = Number(await sl.detail().getAttribute('data-shortlist'));
    expect(shortlistId).toBe(id);
  }

  beforeAll(async () => {
    app = await startApp();
    sl = new ShortlistPage(app.page);
  });
  // Each test reaches its own start state from the default pool (through the service where an earlier test
  // built it through the page), on a freshly loaded 推荐名单.
  beforeEach(async () => {
    await app.reset();
    // These tests exercise the feature on the national standard alone (Shandong's condition off, as an analyst can).
    await app.call('criteria.setEnabled', { setId: 'cn-champion-2023', criterionId: '8', enabled: false });
    await app.page.reload();
    await new PoolPage(app.page).waitForRows(11);
    await sl.open();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('1 · proposes eligible and closest firms, and creates the shortlist from the ticked ones in order', async () => {
    await app.page.getByText('本年度还没有推荐名单。').waitFor();
    const proposed = await sl.openProposal();
    // Needs-review firms (all hard thresholds met) first, then the closest by projection; never the unprojectable.
    expect(proposed).toEqual(['台城新材料', '鑫金山机械', '汉庄数控', '运河锂能科技', '马兰屯智能装备', '鲁南电解液']);
    await expect(app.page.getByTestId('sl-create-name').inputValue()).resolves.toBe(NAME);
    await expect(app.page.getByTestId('sl-create-unit').inputValue()).resolves.toBe(UNIT);
    expect(await sl.proposal().locator('li[data-firm="汉庄数控"]').textContent()).toContain('1年后可达标');
    await sl.untick('马兰屯智能装备');
    await sl.untick('鲁南电解液');
    await expect(app.page.getByTestId('sl-create-submit').textContent()).resolves.toBe('创建推荐名单（4 家）');
    await screenshot(app.page, 'shortlist-create');

    await sl.submitProposal();
    expect(await sl.names()).toEqual(['台城新材料', '鑫金山机械', '汉庄数控', '运河锂能科技']);
    shortlistId = Number(await sl.detail().getAttribute('data-shortlist'));
    expect(app.page.url()).toContain(`#/shortlist/${shortlistId}`);
    expect(await sl.list().textContent()).toContain(NAME);
    const row = app.handle.db.prepare('SELECT name, filling_unit, data_year, set_id FROM shortlists WHERE id = ?').get(shortlistId);
    expect(row).toEqual({ name: NAME, filling_unit: UNIT, data_year: 2022, set_id: 'cn-champion-2023' });
  });

  it('2 · reorders, annotates a note and a status, adds a firm, and the history lists each change', async () => {
    await show(await created());
    await sl.moveUp('鑫金山机械');
    await sl.waitForOrder(['鑫金山机械', '台城新材料', '汉庄数控', '运河锂能科技']);
    await sl.writeNote('鑫金山机械', '答复函点名鼓励申报，链轮国内细分市场领先');
    await sl.setStatus('鑫金山机械', 'recommended');
    await sl.setStatus('台城新材料', 'recommended');
    await sl.setStatus('运河锂能科技', 'withdrawn');
    await sl.addFirm('越成', '越成制动');
    await sl.waitForOrder(['鑫金山机械', '台城新材料', '汉庄数控', '运河锂能科技', '越成制动']);
    await expect(app.page.getByTestId('sl-counts').textContent()).resolves.toBe('共 5 家：推荐 2 · 草稿 2 · 撤回 1');

    await sl.history().locator('li').first().waitFor();
    const history = (await sl.history().textContent()) ?? '';
    expect(history).toContain(`创建名单「${NAME}」`);
    expect(history).toContain('调整顺序：第 2 位 → 第 1 位');
    expect(history).toContain('推荐意见：（空） → 答复函点名鼓励申报，链轮国内细分市场领先');
    expect(history).toContain('状态：草稿 → 推荐');
    expect(history).toContain('状态：草稿 → 撤回');
    expect(history).toContain('添加企业（当时判定：未达标）'); // 越成制动
    expect(history).toContain('e2e-analyst');
    expect(await sl.history().locator('li[data-field="add"]').count()).toBe(5);

    // What the page shows is what is stored.
    const stored = app.handle.db
      .prepare('SELECT f.name, e.position, e.status, e.note FROM shortlist_entries e JOIN firms f ON f.id = e.firm_id WHERE e.shortlist_id = ? ORDER BY e.position')
      .all(shortlistId) as { name: string; position: number; status: string; note: string | null }[];
    expect(stored.map((s) => s.name)).toEqual(['鑫金山机械', '台城新材料', '汉庄数控', '运河锂能科技', '越成制动']);
    expect(stored[0]).toMatchObject({ status: 'recommended', note: '答复函点名鼓励申报，链轮国内细分市场领先' });
    await screenshot(app.page, 'shortlist-detail');
    await sl.history().scrollIntoViewIfNeeded();
    await screenshot(app.page, 'shortlist-detail-history');
  });

  it('3 · exports the application summary as xlsx and CSV downloads', async () => {
    await show(await edited());
    const xlsx = await sl.export('xlsx');
    expect(xlsx.name).toMatch(/\.xlsx$/);
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(await sl.outcome().textContent()).toBe(`已下载 ${xlsx.name}`);
    fs.writeFileSync(path.join(ARTIFACTS, 'shortlist.xlsx'), xlsx.bytes);

    // A draft is not a recommendation: by default only the two 推荐 firms go out, and the sheet says so.
    const csv = await sl.export('csv');
    expect(csv.name).toMatch(/\.csv$/);
    expect(csv.bytes.subarray(0, 3).equals(BOM)).toBe(true);
    const text = csv.bytes.toString('utf8');
    for (const firm of ['鑫金山机械', '台城新材料']) expect(text).toContain(firm);
    for (const firm of ['汉庄数控', '越成制动']) expect(text).not.toContain(firm);
    expect(text.indexOf('鑫金山机械')).toBeLessThan(text.indexOf('台城新材料'));
    expect(text).toContain('草稿企业 2 家未列入本表');
    expect(text.split('\r\n')[0].split(',')).not.toContain('状态');
    fs.writeFileSync(path.join(ARTIFACTS, 'shortlist.csv'), csv.bytes);

    // 含草稿: all four, each with its 状态.
    await app.page.getByTestId('sl-export-drafts').check();
    const all = (await sl.export('csv')).bytes.toString('utf8').slice(1).split('\r\n').map((l) => l.split(','));
    const status = all[0].indexOf('状态');
    expect(status).toBeGreaterThan(0);
    expect(all.slice(1, 5).map((r) => [r[1], r[status]])).toEqual([['鑫金山机械', '推荐'], ['台城新材料', '推荐'], ['汉庄数控', '草稿'], ['越成制动', '草稿']]);
  });

  it('4 · opens the printable report, prints it to an A4 PDF with the title, unit, firms and sources', async () => {
    await show(await edited());
    await sl.openReport();
    expect(app.page.url()).toContain(`#/report/${shortlistId}`);
    await expect(app.page.locator('nav.sidebar').count()).resolves.toBe(0);
    await expect(app.page.getByTestId('report-title').textContent()).resolves.toBe('2023年度国家级制造业单项冠军企业申报推荐名单报告');
    await expect(app.page.locator('[data-testid="report-summary"] [data-status="withdrawn"] strong').textContent()).resolves.toBe('1');
    // 二、推荐企业名单 lists the 推荐 firms; the drafts follow in their own, labelled table.
    const firmsOf = (selector: string) => app.page.locator(selector).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-firm')));
    expect(await firmsOf('[data-testid="report-table"] > table tbody tr')).toEqual(['鑫金山机械', '台城新材料']);
    expect(await firmsOf('[data-testid="report-drafts"] tbody tr')).toEqual(['汉庄数控', '越成制动']);
    expect(await app.page.locator('[data-testid="report-charts"] rect.bm-bar').count()).toBe(4);
    expect(await app.page.locator('[data-testid="report-charts"] g.bm-matrix-row').count()).toBe(4);
    await expect(app.page.getByTestId('report-sample').isVisible()).resolves.toBe(true);
    // Nothing wider than the sheet's text box (186 mm), on screen as in print.
    for (const media of ['screen', 'print'] as const) {
      await app.page.emulateMedia({ media });
      const overflow = await app.page.evaluate(() => {
        const paper = document.querySelector('.rp-paper')!;
        const box = paper.getBoundingClientRect();
        const right = box.right - parseFloat(getComputedStyle(paper).paddingRight);
        return [...paper.querySelectorAll('table, svg, .bm-card')].map((e) => e.getBoundingClientRect().right - right).filter((d) => d > 1);
      });
      expect(overflow, media).toEqual([]);
    }
    await app.page.emulateMedia({ media: null }); // page.pdf() prints with print media only when none is emulated
    await screenshot(app.page, 'shortlist-report');

    // Browser mode prints with the browser's own dialog.
    await app.page.evaluate(() => {
      const w = window as Window & { printed?: number };
      w.printed = 0;
      w.print = () => void (w.printed! += 1);
    });
    await app.page.getByTestId('report-print').click();
    await expect(app.page.evaluate(() => (window as Window & { printed?: number }).printed)).resolves.toBe(1);

    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const pdfFile = path.join(ARTIFACTS, 'report.pdf');
    const pdf = await app.page.pdf({ format: 'A4', printBackground: true });
    fs.writeFileSync(pdfFile, pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = poppler('pdftotext', ['-layout', pdfFile, '-']);
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('2023年度国家级制造业单项冠军企业申报推荐名单报告');
    expect(flat).toContain(UNIT);
    for (const firm of ['鑫金山机械', '台城新材料', '越成制动']) expect(flat).toContain(firm);
    expect(flat).toContain('答复函点名'); // the note (it wraps inside its cell)
    expect(flat).toContain('附：草稿企业2家（尚未确定推荐，不属于推荐名单）');
    expect(flat).toContain('四、依据与数据来源');
    expect(flat).toContain('工信部政法〔2023〕138号');
    expect(flat).toContain('本报告含示例数据');
    // The withdrawn firm is counted, not listed (nor charted).
    expect(flat).not.toContain('运河锂能科技');
    // No app chrome in print.
    expect(flat).not.toContain('返回推荐名单');
    expect(flat).not.toContain('导出PNG');
    const pages = Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [pdfFile]))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(4);
    poppler('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfFile, path.join(ARTIFACTS, 'report-page')]);
    expect(fs.readdirSync(ARTIFACTS).some((f) => /^report-page-0?1\.png$/.test(f))).toBe(true);
  });

  it('4b · adds the 总览 summary as its own page when asked, and says where its figures come from', async () => {
    await show(await edited());
    await sl.openReport();
    await app.page.getByTestId('report-with-overview').check();
    await app.page.locator('[data-report-ready="true"]').waitFor();
    await app.page.getByTestId('report-overview-targets').waitFor();
    const pdfFile = path.join(ARTIFACTS, 'report-with-overview.pdf');
    fs.writeFileSync(pdfFile, await app.page.pdf({ format: 'A4', printBackground: true }));
    const flat = poppler('pdftotext', ['-layout', pdfFile, '-']).replace(/\s+/g, '');
    expect(flat).toContain('附：培育库总览摘要');
    expect(flat).toContain('三年目标');
    expect(flat).toContain('奖励资金测算');
    expect(flat).toContain('台工信字〔2023〕16号');
    await app.page.getByTestId('report-with-overview').uncheck();
  });

  it('5 · leads back to the shortlist, and deletes it only after confirming on the page', async () => {
    await show(await edited());
    await sl.openReport();
    await app.page.getByRole('link', { name: /返回推荐名单/ }).click();
    await sl.entries().waitFor();
    expect(await sl.names()).toHaveLength(5);
    await app.page.getByTestId('sl-delete').click();
    await app.page.getByTestId('sl-delete-confirm').getByRole('button', { name: '确认删除' }).click();
    await app.page.getByText('本年度还没有推荐名单。').waitFor();
    expect(app.handle.db.prepare('SELECT count(*) AS n FROM shortlists').get()).toEqual({ n: 0 });
  });
});
