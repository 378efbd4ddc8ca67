// 推荐名单: the proposal and creation, the edits (move, annotate, remove, add), exports, deletion, and the report.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { answers, calls } from './fakeApi';
import type { CriteriaSetInfoT, EvaluationRowT, PoolRowT, ShortlistDetailT, ShortlistEntryT } from '../../db/contract';
import { shortlistEn, shortlistZh } from '../src/i18n/shortlist';

vi.mock('../src/api', () => import('./fakeApi'));

const { ShortlistSection } = await import('../src/sections/shortlist/ShortlistSection');
const { ReportPage } = await import('../src/sections/shortlist/report/ReportPage');
const { ApiError } = await import('../src/api');

// happy-dom lays nothing out: a box for every element (the report's charts take their width from it).
Object.defineProperties(HTMLElement.prototype, {
  clientHeight: { configurable: true, get: () => 640 },
  clientWidth: { configurable: true, get: () => 700 },
});

const onChanged = vi.fn();
const CTX = { poolYear: 2023, poolName: '2023年度制造业单项冠军培育库', dataYear: 2022, setId: 'cn-champion-2023', refresh: 0, onChanged };

const SET = {
  id: 'cn-champion-2023',
  title: { zh: '国家级制造业单项冠军企业（2023年认定管理办法）', en: 'National manufacturing single champion (2023 measures)' },
  document: { name: '制造业单项冠军企业认定管理办法', number: '工信部政法〔2023〕138号', date: '2023-08' },
  confidence: 'multi',
  level: 'national',
  criteria: [
    { id: '2', text: { zh: '近三年主营业务收入平均不低于4亿元', en: 'Main revenue' }, rule: { cmp: 'avg_3y(main_revenue)', op: '>=', value: 40000 }, enabled: true },
    { id: '3', text: { zh: '全球前三', en: 'Top 3' }, rule: { cmp: 'rank_global', op: '<=', value: 3 }, enabled: true },
    { id: '4', text: { zh: '技术国际领先', en: 'Tech' }, rule: { review: 'tech' }, enabled: true },
    { id: 'u1', text: { zh: '产品占比70%以上', en: 'Share 70' }, rule: { cmp: 'product_share_of_main', op: '>=', value: 70 }, enabled: false, confidence: 'unconfirmed' },
  ],
  scores: {},
  effective: { '2': true, '3': true, '4': true, u1: true },
  switchedBy: { u1: { actor: '王分析', at: '2026-11-20T09:30:00+08:00' } },
} as unknown as CriteriaSetInfoT;

type Crit = EvaluationRowT['criteria'][number];
const crit = (id: string, status: Crit['status'], metric: string | null, unit: Crit['unit'], value: number | null, threshold: number | null, gap: Crit['gap'] = null): Crit => ({
  ...{ id, enabled: id !== 'u1', status, metric, unit, value, threshold, gap, projection: { kind: 'none' } },
  op: metric ? (unit === 'rank' ? '<=' : '>=') : null,
});
const evalRow = (firmId: number, name: string, verdict: EvaluationRowT['verdict'], projection: EvaluationRowT['projection'], criteria: Crit[]): EvaluationRowT => ({
  ...{ firmId, creditCode: `91370405MA3C7K2E${firmId}Q`, name, town: '涧头集镇', chain: null, year: 2022 },
  ...{ verdict, score: null, projection, criteria },
});
const PROPOSAL: EvaluationRowT[] = [
  evalRow(5, '台城新材料', 'needs_review', { kind: 'none' }, [crit('2', 'pass', 'avg_3y(main_revenue)', 'money', 62200, 40000), crit('3', 'pass', 'rank_global', 'rank', 2, 3), crit('4', 'review', null, null, null, null), crit('u1', 'pass', 'product_share_of_main', 'percent', 80, 70)]),
  evalRow(1, '鑫金山机械', 'needs_review', { kind: 'none' }, [crit('2', 'pass', 'avg_3y(main_revenue)', 'money', 52000, 40000), crit('3', 'pass', 'rank_global', 'rank', 3, 3), crit('4', 'review', null, null, null, null), crit('u1', 'pass', 'product_share_of_main', 'percent', 75, 70)]),
  evalRow(10, '汉庄数控', 'not_eligible', { kind: 'years', years: 1 }, [crit('2', 'fail', 'avg_3y(main_revenue)', 'money', 36000, 40000, { abs: 4000, rel: 0.1 }), crit('3', 'unknown', 'rank_global', 'rank', null, 3), crit('4', 'review', null, null, null, null), crit('u1', 'pass', 'product_share_of_main', 'percent', 72, 70)]),
];

const entry = (e: EvaluationRowT, position: number, over: Partial<ShortlistEntryT> = {}): ShortlistEntryT => ({
  ...{ firmId: e.firmId, name: e.name, creditCode: e.creditCode, town: e.town, mainProduct: null, position, note: null, status: 'draft' },
  ...{ verdictAtAdd: e.verdict, verdictNow: e.verdict, projection: e.projection, addedBy: 'e2e', addedAt: '2026-11-26T08:00:00+08:00' },
  ...over,
});
const DETAIL: ShortlistDetailT = {
  id: 7,
  name: '2023年度国家级制造业单项冠军企业推荐名单',
  poolYear: 2023,
  setId: 'cn-champion-2023',
  dataYear: 2022,
  fillingUnit: '台儿庄区工业和信息化局',
  entries: [
    entry(PROPOSAL[0], 1, { status: 'recommended', note: '细分市场全球第二' }),
    entry(PROPOSAL[1], 2, { verdictAtAdd: 'eligible' }),
    entry(PROPOSAL[2], 3, { status: 'withdrawn' }),
  ],
  createdBy: '王分析',
  createdAt: '2026-11-26T08:00:00+08:00',
  updatedAt: '2026-11-26T09:00:00+08:00',
  history: [
    { id: 3, at: '2026-11-26T09:00:00+08:00', actor: '王分析', entity: 'shortlist', year: null, field: 'position', oldValue: '3', newValue: '1', note: null, firmName: '台城新材料' },
    { id: 2, at: '2026-11-26T08:30:00+08:00', actor: '王分析', entity: 'shortlist', year: null, field: 'status', oldValue: 'draft', newValue: 'recommended', note: null, firmName: null },
    { id: 1, at: '2026-11-26T08:00:00+08:00', actor: '王分析', entity: 'shortlist', year: null, field: 'create', oldValue: null, newValue: '2023年度国家级制造业单项冠军企业推荐名单', note: null, firmName: null },
  ],
};
const SUMMARY = { ...DETAIL, entries: 3 };
const poolRow = (e: EvaluationRowT, sample: boolean): PoolRowT => ({
  ...{ firmId: e.firmId, creditCode: e.creditCode, name: e.name, town: e.town, chain: null, mainProduct: null, titles: [], revenue: 50000 },
  ...{ mainShare: null, shareDomestic: null, rankNational: null, rankGlobal: null, status: 'member', sample, verdict: e.verdict, statuses: [] },
});

const inputs = (method: string) => calls.filter((c) => c.method === method).map((c) => c.input);

beforeEach(() => {
  calls.length = 0;
  onChanged.mockClear();
  window.location.hash = '#/shortlist';
  answers['criteria.list'] = () => [SET];
  answers['shortlist.list'] = () => [SUMMARY];
  answers['shortlist.get'] = () => DETAIL;
  answers['shortlist.propose'] = () => PROPOSAL;
  answers['shortlist.create'] = (input) => ({ ...DETAIL, id: 8, name: input.name });
  for (const m of ['shortlist.move', 'shortlist.annotate', 'shortlist.removeFirm', 'shortlist.addFirm', 'shortlist.update']) answers[m] = () => DETAIL;
  answers['pool.years'] = () => [{ year: 2023, name: CTX.poolName, members: 11, dataYears: [2020, 2021, 2022], defaultDataYear: 2022 }];
  answers['evaluate.pool'] = () => ({ total: PROPOSAL.length, counts: {}, rows: PROPOSAL });
  answers['pool.list'] = (input) => {
    const rows = PROPOSAL.map((e) => poolRow(e, e.firmId !== 1)).filter((r) => !input.search || r.name.includes(String(input.search)));
    return { rows, total: rows.length, offset: 0, dataYear: 2022 };
  };
});
afterEach(() => {
  delete window.api;
  vi.restoreAllMocks();
});

function leaves(o: object, prefix = ''): [string, string][] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : leaves(v as object, `${prefix}${k}.`)));
}

it('shortlist messages: English has the Chinese keys and placeholders, none empty', () => {
  const zh = new Map(leaves(shortlistZh));
  const en = new Map(leaves(shortlistEn));
  expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
  const vars = (s: string) => (s.match(/{{\w+}}/g) ?? []).sort();
  for (const [key, text] of zh) {
    expect(en.get(key)!.trim(), key).not.toBe('');
    expect(vars(en.get(key)!), key).toEqual(vars(text));
  }
});

describe('新建推荐名单', () => {
  it('shows the proposal with verdict and outlook, then creates the shortlist with the ticked firms in order', async () => {
    answers['shortlist.list'] = () => [];
    render(<ShortlistSection ctx={CTX} shortlistId={null} />);
    await screen.findByText('本年度还没有推荐名单。');
    fireEvent.click(screen.getByTestId('sl-new'));
    const form = await screen.findByTestId('sl-create');
    await waitFor(() => expect(within(form).getAllByRole('checkbox')).toHaveLength(3));
    expect((screen.getByTestId('sl-create-name') as HTMLInputElement).value).toBe('2023年度国家级制造业单项冠军企业推荐名单');
    expect((screen.getByTestId('sl-create-unit') as HTMLInputElement).value).toBe('台儿庄区工业和信息化局');
    const items = within(screen.getByTestId('sl-proposal')).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-firm'))).toEqual(['台城新材料', '鑫金山机械', '汉庄数控']);
    expect(items[0].textContent).toContain('待研判');
    expect(items[2].textContent).toContain('未达标');
    expect(items[2].textContent).toContain('1年后可达标');
    expect(inputs('shortlist.propose')[0]).toMatchObject({ year: 2023, setId: 'cn-champion-2023', dataYear: 2022 });

    fireEvent.click(within(items[1]).getByRole('checkbox'));
    fireEvent.change(screen.getByTestId('sl-create-unit'), { target: { value: '台儿庄区工信局' } });
    expect(screen.getByTestId('sl-create-submit').textContent).toBe('创建推荐名单（2 家）');
    fireEvent.click(screen.getByTestId('sl-create-submit'));
    await waitFor(() => expect(inputs('shortlist.create')).toHaveLength(1));
    expect(inputs('shortlist.create')[0]).toEqual({
      name: '2023年度国家级制造业单项冠军企业推荐名单',
      year: 2023,
      setId: 'cn-champion-2023',
      dataYear: 2022,
      fillingUnit: '台儿庄区工信局',
      firmIds: [5, 10],
    });
    await waitFor(() => expect(window.location.hash).toBe('#/shortlist/8'));
    expect(onChanged).toHaveBeenCalled();
  });

  it('does not propose a name that is taken, and shows a failed create loudly', async () => {
    answers['shortlist.create'] = () => {
      throw new ApiError('conflict', '已有同名推荐名单');
    };
    render(<ShortlistSection ctx={CTX} shortlistId={7} />);
    await screen.findByTestId('sl-detail');
    fireEvent.click(screen.getByTestId('sl-new'));
    await waitFor(() => expect((screen.getByTestId('sl-create-name') as HTMLInputElement).value).toBe('2023年度国家级制造业单项冠军企业推荐名单（2）'));
    await waitFor(() => expect(screen.getByTestId('sl-create-submit')).not.toHaveProperty('disabled', true));
    fireEvent.click(screen.getByTestId('sl-create-submit'));
    expect((await within(screen.getByTestId('sl-create')).findByRole('alert')).textContent).toContain('已有同名推荐名单');
  });
});

describe('a shortlist', () => {
  async function open() {
    render(<ShortlistSection ctx={CTX} shortlistId={7} />);
    await screen.findByTestId('sl-entries');
    return (name: string) => screen.getByTestId('sl-entries').querySelector<HTMLTableRowElement>(`tr[data-firm="${name}"]`)!;
  }

  it('lists the firms in order with verdict then and now, outlook, status and note', async () => {
    const row = await open();
    const names = [...screen.getByTestId('sl-entries').querySelectorAll('tbody tr')].map((tr) => tr.getAttribute('data-firm'));
    expect(names).toEqual(['台城新材料', '鑫金山机械', '汉庄数控']);
    expect(row('台城新材料').textContent).toContain('91370405MA3C7K2E5Q');
    expect(row('鑫金山机械').querySelector('[data-testid="sl-verdict-changed"]')!.textContent).toBe('判定已变化 · 加入时：达标');
    expect(row('台城新材料').querySelector('[data-testid="sl-verdict-changed"]')).toBeNull();
    expect(row('汉庄数控').textContent).toContain('1年后可达标');
    expect((row('台城新材料').querySelector('[data-testid="sl-status"]') as HTMLSelectElement).value).toBe('recommended');
    expect((row('台城新材料').querySelector('[data-testid="sl-note"]') as HTMLInputElement).value).toBe('细分市场全球第二');
    expect(screen.getByTestId('sl-counts').textContent).toBe('共 3 家：推荐 1 · 草稿 1 · 撤回 1');
    const history = screen.getByTestId('sl-history').textContent;
    expect(history).toContain('台城新材料：调整顺序：第 3 位 → 第 1 位');
    expect(history).toContain('状态：草稿 → 推荐');
    expect(history).toContain('创建名单「2023年度国家级制造业单项冠军企业推荐名单」');
    expect(history).toContain('王分析');
  });

  it('moves, annotates and removes through the service, then tells the app', async () => {
    const row = await open();
    fireEvent.click(within(row('鑫金山机械')).getByTestId('sl-up'));
    await waitFor(() => expect(inputs('shortlist.move')).toEqual([{ id: 7, firmId: 1, position: 1 }]));
    await waitFor(() => expect(within(row('鑫金山机械')).getByTestId('sl-down')).not.toHaveProperty('disabled', true));
    fireEvent.click(within(row('鑫金山机械')).getByTestId('sl-down'));
    await waitFor(() => expect(inputs('shortlist.move').at(-1)).toEqual({ id: 7, firmId: 1, position: 3 }));
    expect((within(row('台城新材料')).getByTestId('sl-up') as HTMLButtonElement).disabled).toBe(true);

    await waitFor(() => expect(within(row('鑫金山机械')).getByTestId('sl-status')).not.toHaveProperty('disabled', true));
    fireEvent.change(within(row('鑫金山机械')).getByTestId('sl-status'), { target: { value: 'recommended' } });
    await waitFor(() => expect(inputs('shortlist.annotate')).toEqual([{ id: 7, firmId: 1, status: 'recommended' }]));

    await waitFor(() => expect(within(row('鑫金山机械')).getByTestId('sl-note')).not.toHaveProperty('disabled', true));
    const note = within(row('鑫金山机械')).getByTestId('sl-note');
    fireEvent.change(note, { target: { value: '  链轮国内市场占有率第一 ' } });
    fireEvent.keyDown(note, { key: 'Enter' });
    await waitFor(() => expect(inputs('shortlist.annotate').at(-1)).toEqual({ id: 7, firmId: 1, note: '链轮国内市场占有率第一' }));
    // Clearing a note sends null; leaving an unchanged field sends nothing.
    await waitFor(() => expect(within(row('台城新材料')).getByTestId('sl-note')).not.toHaveProperty('disabled', true));
    fireEvent.blur(within(row('汉庄数控')).getByTestId('sl-note'));
    fireEvent.change(within(row('台城新材料')).getByTestId('sl-note'), { target: { value: '' } });
    fireEvent.blur(within(row('台城新材料')).getByTestId('sl-note'));
    await waitFor(() => expect(inputs('shortlist.annotate').at(-1)).toEqual({ id: 7, firmId: 5, note: null }));
    expect(inputs('shortlist.annotate')).toHaveLength(3);

    await waitFor(() => expect(within(row('汉庄数控')).getByTestId('sl-remove')).not.toHaveProperty('disabled', true));
    fireEvent.click(within(row('汉庄数控')).getByTestId('sl-remove'));
    await waitFor(() => expect(inputs('shortlist.removeFirm')).toEqual([{ id: 7, firmId: 10 }]));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(6));
  });

  it('adds a pool firm found by search, and saves a new name and filling unit', async () => {
    answers['shortlist.get'] = () => ({ ...DETAIL, entries: DETAIL.entries.slice(0, 1) });
    await open();
    fireEvent.change(screen.getByTestId('sl-add-search'), { target: { value: '汉庄' } });
    const found = await screen.findByTestId('sl-found');
    expect(inputs('pool.list').at(-1)).toMatchObject({ year: 2023, search: '汉庄', setId: 'cn-champion-2023' });
    fireEvent.click(within(found).getByRole('button', { name: '添加 汉庄数控' }));
    await waitFor(() => expect(inputs('shortlist.addFirm')).toEqual([{ id: 7, firmId: 10 }]));
    fireEvent.change(screen.getByTestId('sl-add-search'), { target: { value: '台城' } });
    await waitFor(() => expect(within(screen.getByTestId('sl-found')).getByText('已在名单中')).toBeTruthy());

    fireEvent.change(screen.getByTestId('sl-name'), { target: { value: '2023年度推荐名单（报市局）' } });
    fireEvent.change(screen.getByTestId('sl-unit'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('sl-save-heading'));
    await waitFor(() => expect(inputs('shortlist.update')).toEqual([{ id: 7, name: '2023年度推荐名单（报市局）', fillingUnit: null }]));
  });

  it('deletes only after the confirmation on the page', async () => {
    answers['shortlist.delete'] = () => ({ deleted: 7 });
    await open();
    fireEvent.click(screen.getByTestId('sl-delete'));
    const confirm = screen.getByTestId('sl-delete-confirm');
    expect(confirm.textContent).toContain('确定删除「2023年度国家级制造业单项冠军企业推荐名单」吗');
    expect(inputs('shortlist.delete')).toHaveLength(0);
    fireEvent.click(within(confirm).getByRole('button', { name: '取消' }));
    expect(screen.queryByTestId('sl-delete-confirm')).toBeNull();
    fireEvent.click(screen.getByTestId('sl-delete'));
    fireEvent.click(within(screen.getByTestId('sl-delete-confirm')).getByRole('button', { name: '确认删除' }));
    await waitFor(() => expect(inputs('shortlist.delete')).toEqual([{ id: 7 }]));
    expect(onChanged).toHaveBeenCalled();
  });
});

describe('exports', () => {
  const FILE = { fileName: '推荐名单.csv', mime: 'text/csv; charset=utf-8', base64: btoa('\u00ef\u00bb\u00bf' + 'a,b'), savedTo: null };

  it('downloads the file under its name when the shell has not saved it', async () => {
    answers['shortlist.export'] = () => FILE;
    const blobs: Blob[] = [];
    const clicked: { href: string; download: string }[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => (blobs.push(b), 'blob:report'));
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    });
    render(<ShortlistSection ctx={CTX} shortlistId={7} />);
    fireEvent.click(await screen.findByTestId('sl-export-csv'));
    await waitFor(() => expect(clicked).toEqual([{ href: 'blob:report', download: '推荐名单.csv' }]));
    expect(inputs('shortlist.export')).toEqual([{ id: 7, format: 'csv', includeDrafts: false }]);
    expect(blobs[0].type).toBe('text/csv; charset=utf-8');
    expect([...new Uint8Array(await blobs[0].arrayBuffer())]).toEqual([0xef, 0xbb, 0xbf, 0x61, 0x2c, 0x62]);
    expect(screen.getByTestId('sl-export-outcome').textContent).toBe('已下载 推荐名单.csv');
  });

  it('asks for the drafts too only when 含草稿 is ticked', async () => {
    answers['shortlist.export'] = () => ({ ...FILE, savedTo: 'D:\\申报\\推荐名单.xlsx' });
    render(<ShortlistSection ctx={CTX} shortlistId={7} />);
    const drafts = (await screen.findByTestId('sl-export-drafts')) as HTMLInputElement;
    expect(drafts.checked).toBe(false);
    expect(drafts.closest('label')!.textContent).toBe('含草稿');
    fireEvent.click(drafts);
    fireEvent.click(screen.getByTestId('sl-export-xlsx'));
    await waitFor(() => expect(inputs('shortlist.export')).toEqual([{ id: 7, format: 'xlsx', includeDrafts: true }]));
  });

  it('says where the desktop shell saved it, and shows a failure loudly', async () => {
    answers['shortlist.export'] = () => ({ ...FILE, fileName: '推荐名单.xlsx', base64: '', savedTo: 'D:\\申报\\推荐名单.xlsx' });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click');
    render(<ShortlistSection ctx={CTX} shortlistId={7} />);
    fireEvent.click(await screen.findByTestId('sl-export-xlsx'));
    await waitFor(() => expect(screen.getByTestId('sl-export-outcome').textContent).toBe('已保存到 D:\\申报\\推荐名单.xlsx'));
    expect(click).not.toHaveBeenCalled();
    expect(inputs('shortlist.export')).toEqual([{ id: 7, format: 'xlsx', includeDrafts: false }]);

    answers['shortlist.export'] = () => {
      throw new ApiError('internal', '写入失败');
    };
    fireEvent.click(screen.getByTestId('sl-export-xlsx'));
    expect((await screen.findByRole('alert')).textContent).toBe('导出失败：写入失败');
  });
});

describe('the report', () => {
  it('renders cover, counts of listed firms, what they lack, charts, sources and the sample note, then marks itself ready', async () => {
    render(<ReportPage id={7} />);
    await waitFor(() => expect(screen.getByTestId('report').getAttribute('data-report-ready')).toBe('true'));
    expect(screen.getByTestId('report-title').textContent).toBe('2023年度国家级制造业单项冠军企业申报推荐名单报告');
    const cover = screen.getByTestId('report-cover').textContent;
    expect(cover).toContain('台儿庄区工业和信息化局');
    expect(cover).toContain('《制造业单项冠军企业认定管理办法》（工信部政法〔2023〕138号）');
    expect(cover).toMatch(/报告日期：\d{4}年\d{1,2}月\d{1,2}日/);
    // The withdrawn firm is counted as withdrawn and left out of the table and the charts.
    const summary = screen.getByTestId('report-summary');
    expect(summary.textContent).toContain('列入名单企业 2 家（不含撤回）');
    expect(summary.querySelector('[data-verdict="needs_review"] strong')!.textContent).toBe('2');
    expect(summary.querySelector('[data-verdict="eligible"] strong')!.textContent).toBe('0');
    expect(summary.querySelector('[data-status="recommended"] strong')!.textContent).toBe('1');
    expect(summary.querySelector('[data-status="draft"] strong')!.textContent).toBe('1');
    expect(summary.querySelector('[data-status="withdrawn"] strong')!.textContent).toBe('1');
    const table = screen.getByTestId('report-table');
    // 二、推荐企业名单 lists the 推荐 firm; the draft follows in its own, labelled table.
    expect([...table.querySelectorAll(':scope > table tbody tr')].map((tr) => tr.getAttribute('data-firm'))).toEqual(['台城新材料']);
    const drafts = screen.getByTestId('report-drafts');
    expect(drafts.querySelector('h3')!.textContent).toBe('附：草稿企业 1 家（尚未确定推荐，不属于推荐名单）');
    expect([...drafts.querySelectorAll('tbody tr')].map((tr) => tr.getAttribute('data-firm'))).toEqual(['鑫金山机械']);
    expect(table.textContent).toContain('待研判：条件4');
    expect(table.textContent).toContain('细分市场全球第二');
    expect(document.querySelectorAll('rect.bm-bar')).toHaveLength(2);
    expect(document.querySelectorAll('g.bm-matrix-row')).toHaveLength(2);
    const sources = screen.getByTestId('report-sources').textContent;
    expect(sources).toContain('依据文件：《制造业单项冠军企业认定管理办法》，文号 工信部政法〔2023〕138号，发布时间 2023-08');
    expect(sources).toContain('标准可信度：多来源一致');
    expect(screen.getByTestId('report-switched-on').textContent).toBe('分析员启用的未证实条件：条件u1（王分析，2026年11月20日 09:30）');
    expect(screen.getByTestId('report-sample').textContent).toContain('台城新材料 等 1 家企业');
  });

  it('says what a listed firm lacks, with the gap, and shows no sample note for real figures', async () => {
    answers['shortlist.get'] = () => ({ ...DETAIL, entries: [entry(PROPOSAL[2], 1)] });
    answers['pool.list'] = () => ({ rows: [poolRow(PROPOSAL[2], false)], total: 1, offset: 0, dataYear: 2022 });
    render(<ReportPage id={7} />);
    await waitFor(() => expect(screen.getByTestId('report').getAttribute('data-report-ready')).toBe('true'));
    const text = screen.getByTestId('report-table').textContent;
    expect(text).toContain('条件2 近三年平均主营业务收入：差距 4,000 万元（10%）');
    expect(text).toContain('条件3 全球排名：缺数据');
    expect(screen.queryByTestId('report-sample')).toBeNull();
  });

  it('reads in English when the app does', async () => {
    await i18next.changeLanguage('en');
    try {
      render(<ReportPage id={7} />);
      await waitFor(() => expect(screen.getByTestId('report').getAttribute('data-report-ready')).toBe('true'));
      expect(screen.getByTestId('report-title').textContent).toBe('2023 National manufacturing single champion: application shortlist report');
      expect(screen.getByTestId('report-cover').textContent).toMatch(/Filing unit:台儿庄区工业和信息化局.*Date:\d{4}-\d{2}-\d{2}/);
      expect(screen.getByTestId('report-summary').textContent).toContain('2 firms listed (withdrawn excluded)');
      expect(screen.getByTestId('report-print').textContent).toBe('Print / save as PDF');
    } finally {
      await i18next.changeLanguage('zh-CN');
    }
  });

  it('prints with the browser, or asks the desktop shell for a PDF and says where it went', async () => {
    const print = vi.fn();
    window.print = print;
    const { unmount } = render(<ReportPage id={7} />);
    fireEvent.click(await screen.findByTestId('report-print'));
    expect(print).toHaveBeenCalledTimes(1);
    expect(inputs('report.pdf')).toHaveLength(0);
    unmount();

    window.api = { invoke: vi.fn(), on: vi.fn() };
    answers['report.pdf'] = () => ({ fileName: 'r.pdf', mime: 'application/pdf', base64: '', savedTo: '/home/u/推荐名单报告.pdf' });
    render(<ReportPage id={7} />);
    const button = await screen.findByTestId('report-print');
    expect(button.textContent).toBe('生成 PDF');
    fireEvent.click(button);
    await waitFor(() => expect(screen.getByTestId('report-outcome').textContent).toBe('PDF 已保存到 /home/u/推荐名单报告.pdf'));
    expect(inputs('report.pdf')).toEqual([{ shortlistId: 7 }]);
    expect(print).toHaveBeenCalledTimes(1);
  });
});
