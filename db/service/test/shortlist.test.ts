import ExcelJS from '../../exceljs';
import Papa from 'papaparse';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Method, MethodInput, MethodOutput } from '../../contract';
import { call, callError, defaultService } from '../../test/helpers';
import { type PoolDb } from '../../open';
import { type Service } from '../index';

let h: PoolDb;
let service: Service;

const ok = <M extends Method>(method: M, input: unknown): Promise<MethodOutput<M>> => call(service, method, input as MethodInput<M>);
const refused = async (method: Method, input: unknown): Promise<string> => (await callError(service, method, input)).code;

beforeEach(async () => {
  ({ pool: h, service } = defaultService('analyst-li'));
  // These tests exercise the feature on the national standard alone: Shandong's recommendation condition
  // (cn-champion-2023 criterion 8, a provincial title) is switched off, as an analyst can.
  await service['criteria.setEnabled']({ setId: 'cn-champion-2023', criterionId: '8', enabled: false });
});

const firmId = (name: string) => h.db.prepare('SELECT id FROM firms WHERE name = ?').pluck().get(name) as number;

describe('proposing a shortlist', () => {
  it('puts eligible and needs-review firms first, then the closest by projection, never the unprojectable', async () => {
    const rows = await ok('shortlist.propose', { year: 2023, setId: 'cn-champion-2023' });
    expect(rows.map((r) => r.name)).toEqual(['台城新材料', '鑫金山机械', '汉庄数控', '运河锂能科技', '马兰屯智能装备', '鲁南电解液']);
    expect(rows.slice(2).every((r) => r.projection.kind === 'years')).toBe(true);
    expect(await ok('shortlist.propose', { year: 2023, setId: 'cn-champion-2023', limit: 2 })).toHaveLength(2);
  });
});

describe('editing a shortlist', () => {
  async function created() {
    const proposal = await ok('shortlist.propose', { year: 2023, setId: 'cn-champion-2023', limit: 3 });
    return ok('shortlist.create', { name: '2023年度单项冠军推荐名单', year: 2023, setId: 'cn-champion-2023', fillingUnit: '台儿庄区工业和信息化局', firmIds: proposal.map((r) => r.firmId) });
  }

  it('creates it in the proposed order with each verdict at the time it was added', async () => {
    const s = await created();
    expect(s.entries.map((e) => [e.position, e.name, e.verdictAtAdd, e.status])).toEqual([
      [1, '台城新材料', 'needs_review', 'draft'],
      [2, '鑫金山机械', 'needs_review', 'draft'],
      [3, '汉庄数控', 'not_eligible', 'draft'],
    ]);
    expect(s.createdBy).toBe('analyst-li');
    expect(await refused('shortlist.create', { name: '2023年度单项冠军推荐名单', year: 2023, setId: 'cn-champion-2023' })).toBe('conflict');
    expect(await refused('shortlist.create', { name: 'x', year: 2031, setId: 'cn-champion-2023' })).toBe('not_found');
  });

  it('adds, moves, annotates and removes, keeping positions contiguous and every change in the history', async () => {
    const s = await created();
    await ok('shortlist.addFirm', { id: s.id, firmId: firmId('越成制动'), note: '市场占有率接近全球前三' });
    expect(await refused('shortlist.addFirm', { id: s.id, firmId: firmId('越成制动') })).toBe('conflict');
    let d = await ok('shortlist.move', { id: s.id, firmId: firmId('越成制动'), position: 1 });
    expect(d.entries.map((e) => e.name)).toEqual(['越成制动', '台城新材料', '鑫金山机械', '汉庄数控']);
    d = await ok('shortlist.move', { id: s.id, firmId: firmId('越成制动'), position: 99 });
    expect(d.entries.map((e) => e.position)).toEqual([1, 2, 3, 4]);
    expect(d.entries[3].name).toBe('越成制动');
    d = await ok('shortlist.annotate', { id: s.id, firmId: firmId('台城新材料'), note: '建议优先推荐', status: 'recommended' });
    expect(d.entries[0]).toMatchObject({ note: '建议优先推荐', status: 'recommended' });
    d = await ok('shortlist.removeFirm', { id: s.id, firmId: firmId('鑫金山机械') });
    expect(d.entries.map((e) => [e.position, e.name])).toEqual([
      [1, '台城新材料'],
      [2, '汉庄数控'],
      [3, '越成制动'],
    ]);
    const fields = d.history.map((x) => x.field);
    expect(fields).toEqual(['remove', 'status', 'note', 'position', 'position', 'add', 'add', 'add', 'add', 'create']);
    expect(d.history.every((x) => x.actor === 'analyst-li')).toBe(true);
    expect(d.history.find((x) => x.field === 'status')).toMatchObject({ oldValue: 'draft', newValue: 'recommended' });
  });

  it('shows a verdict that changed since it was added', async () => {
    const s = await created();
    for (const key of ['tech_leading', 'energy_advanced', 'innovation_leading', 'clean_record_3y']) {
      await ok('analyst.record', { firmId: firmId('台城新材料'), kind: 'judgement', setId: 'cn-champion-2023', key, value: true });
    }
    const d = await ok('shortlist.get', { id: s.id });
    expect(d.entries[0]).toMatchObject({ verdictAtAdd: 'needs_review', verdictNow: 'eligible' });
  });

  it('renames, deletes, and refuses what does not exist', async () => {
    const s = await created();
    expect((await ok('shortlist.update', { id: s.id, name: '改名后的名单', fillingUnit: '某某局' })).fillingUnit).toBe('某某局');
    expect((await ok('shortlist.list', { year: 2023 })).map((x) => x.name)).toEqual(['改名后的名单']);
    expect(await ok('shortlist.delete', { id: s.id })).toEqual({ deleted: s.id });
    expect(await refused('shortlist.get', { id: s.id })).toBe('not_found');
    expect(await refused('shortlist.removeFirm', { id: 999, firmId: 1 })).toBe('not_found');
  });
});

describe('exporting a shortlist', () => {
  async function shortlist() {
    const proposal = await ok('shortlist.propose', { year: 2023, setId: 'cn-champion-2023', limit: 4 });
    const s = await ok('shortlist.create', { name: '推荐名单甲', year: 2023, setId: 'cn-champion-2023', fillingUnit: '台儿庄区工业和信息化局', firmIds: proposal.map((r) => r.firmId) });
    await ok('shortlist.annotate', { id: s.id, firmId: firmId('台城新材料'), note: '=HYPERLINK("http://x","点我")', status: 'recommended' });
    await ok('shortlist.annotate', { id: s.id, firmId: firmId('运河锂能科技'), status: 'withdrawn' });
    return s;
  }

  it('writes the 申请汇总表: title, unit and date, headers with units, values in 万元, what is missing, notes, sources', async () => {
    const s = await shortlist();
    const file = await ok('shortlist.export', { id: s.id, format: 'xlsx', includeDrafts: true });
    expect(file.fileName).toBe('2023年度国家级制造业单项冠军企业申报汇总表-推荐名单甲.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('申报汇总表')!;
    expect(sheet.getCell('A1').value).toBe('2023年度国家级制造业单项冠军企业申报汇总表');
    expect(JSON.stringify(sheet.getRow(2).values)).toContain('填报单位：台儿庄区工业和信息化局');
    // Headers print with the unit on a line of its own.
    const headers = (sheet.getRow(4).values as unknown[]).filter(Boolean).map((h) => String(h).replace('\n', ''));
    expect(headers.slice(0, 6)).toEqual(['序号', '企业名称', '统一社会信用代码', '所属镇街', '主导产品', '产品分类代码']);
    expect(headers).toEqual(expect.arrayContaining(['营业收入（万元）', '主营业务收入（万元）', '全球排名', '近三年平均主营业务收入（万元）', '达标情况', '未达标或待补情况', '推荐意见']));
    const col = (h: string) => (sheet.getRow(4).values as unknown[]).map((v) => (typeof v === 'string' ? v.replace('\n', '') : v)).indexOf(h);
    // Withdrawn firms are left out: 3 of 4 rows, the drafts marked as such.
    expect([5, 6, 7].map((r) => sheet.getRow(r).getCell(col('企业名称')).value)).toEqual(['台城新材料', '鑫金山机械', '汉庄数控']);
    expect([5, 6, 7].map((r) => sheet.getRow(r).getCell(col('状态')).value)).toEqual(['推荐', '草稿', '草稿']);
    const revenue = sheet.getRow(5).getCell(col('营业收入（万元）'));
    expect(revenue.value).toBe(71063.8);
    expect(revenue.numFmt).toBe('#,##0.0');
    expect(sheet.getRow(7).getCell(col('未达标或待补情况')).value).toContain('条件2差1800万元');
    // A text cell of an xlsx never runs as a formula: kept as written (the CSV guards it).
    expect(sheet.getRow(5).getCell(col('推荐意见')).value).toBe(`=HYPERLINK("http://x","点我")`);
    expect(sheet.getRow(5).getCell(col('推荐意见')).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: false });
    const text = JSON.stringify(sheet.getSheetValues());
    expect(text).toContain('示例数据');
    expect(text).toContain('已撤回的 1 家企业未列入');
    expect(text).toContain('本表含草稿企业 2 家（尚未确定推荐），见“状态”列');
    const sources = wb.getWorksheet('标准与出处')!;
    expect(JSON.stringify(sources.getSheetValues())).toContain('工信部政法〔2023〕138号');
  });

  it('exports the 推荐 entries alone by default, saying how many drafts were left out, with no 状态 column', async () => {
    const s = await shortlist();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from((await ok('shortlist.export', { id: s.id, format: 'xlsx' })).base64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('申报汇总表')!;
    const headers = sheet.getRow(4).values as unknown[];
    expect(headers).not.toContain('状态');
    expect(sheet.getRow(5).getCell(headers.indexOf('企业名称')).value).toBe('台城新材料');
    expect(sheet.getRow(6).getCell(headers.indexOf('企业名称')).value).toBeNull(); // the blank row before the notes
    const text = JSON.stringify(sheet.getSheetValues());
    expect(text).not.toContain('鑫金山机械');
    expect(text).toContain('名单中尚未确定推荐的草稿企业 2 家未列入本表');

    const csv = Buffer.from((await ok('shortlist.export', { id: s.id, format: 'csv' })).base64, 'base64').toString('utf8');
    const rows = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(rows[0]).not.toContain('状态');
    expect(rows[1][1]).toBe('台城新材料');
    expect(rows.slice(2).map((r) => r[0])).toContain('注：名单中尚未确定推荐的草稿企业 2 家未列入本表（导出时选择“含草稿”可一并列出）。');

    const withDrafts = Buffer.from((await ok('shortlist.export', { id: s.id, format: 'csv', includeDrafts: true })).base64, 'base64').toString('utf8');
    const all = Papa.parse<string[]>(withDrafts.slice(1), { skipEmptyLines: true }).data;
    const status = all[0].indexOf('状态');
    expect(status).toBeGreaterThan(0);
    expect(all.slice(1, 4).map((r) => [r[1], r[status]])).toEqual([['台城新材料', '推荐'], ['鑫金山机械', '草稿'], ['汉庄数控', '草稿']]);
  });

  it('files a proposal exported without a unit under the 填报单位 last saved, and says it is unreviewed', async () => {
    const blank = await ok('shortlist.exportProposal', { year: 2023, setId: 'cn-champion-2023', format: 'csv' });
    expect(Buffer.from(blank.base64, 'base64').toString('utf8')).toContain('尚未经分析员确定推荐');
    await shortlist(); // saves 台儿庄区工业和信息化局
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from((await ok('shortlist.exportProposal', { year: 2023, setId: 'cn-champion-2023', format: 'xlsx' })).base64, 'base64') as unknown as ArrayBuffer);
    expect(JSON.stringify(wb.getWorksheet('申报汇总表')!.getRow(2).values)).toContain('填报单位：台儿庄区工业和信息化局');
    await ok('shortlist.exportProposal', { year: 2023, setId: 'cn-champion-2023', format: 'xlsx', fillingUnit: '某某局' }).then(async (f) => {
      const own = new ExcelJS.Workbook();
      await own.xlsx.load(Buffer.from(f.base64, 'base64') as unknown as ArrayBuffer);
      expect(JSON.stringify(own.getWorksheet('申报汇总表')!.getRow(2).values)).toContain('填报单位：某某局');
    });
  });

  it('writes a CSV with a BOM that round-trips the Chinese text, and exports the proposal without saving', async () => {
    const s = await shortlist();
    const csv = Buffer.from((await ok('shortlist.export', { id: s.id, format: 'csv' })).base64, 'base64');
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<string[]>(new TextDecoder('utf-8', { fatal: true }).decode(csv.subarray(3)), { skipEmptyLines: true });
    expect(parsed.data[0][1]).toBe('企业名称');
    expect(parsed.data[1][1]).toBe('台城新材料');
    const before = h.db.prepare('SELECT count(*) FROM shortlists').pluck().get();
    const proposal = await ok('shortlist.exportProposal', { year: 2023, setId: 'cn-champion-2023', format: 'xlsx' });
    expect(proposal.fileName).toContain('系统建议名单');
    expect(h.db.prepare('SELECT count(*) FROM shortlists').pluck().get()).toBe(before);
  });

  it('says the PDF needs the desktop shell when asked outside it', async () => {
    expect(await refused('report.pdf', { shortlistId: 1 })).toBe('unavailable');
  });
});
