import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { answers, calls } from './fakeApi';
import type { CriteriaSetInfoT, EvaluationRowT, FirmDetailT, PoolRowT } from '../../db/contract';


vi.mock('../src/api', () => import('./fakeApi'));

// The canvas step needs a real browser (the e2e suite checks the PNG); here: what is exported, under which name.
const exported: { name: string; title: string; notes: string[] }[] = [];
vi.mock('../src/sections/benchmark/exportPng', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/sections/benchmark/exportPng')>();
  return {
    ...real,
    chartPng: vi.fn(async (_svg: SVGSVGElement, frame: { title: string; notes?: string[] }) => new Blob([JSON.stringify(frame)], { type: 'image/png' })),
    download: vi.fn(async (blob: Blob, name: string) => {
      const frame = JSON.parse(await blob.text()) as { title: string; notes?: string[] };
      exported.push({ name, title: frame.title, notes: frame.notes ?? [] });
    }),
  };
});

const { benchmarkEn, benchmarkZh } = await import('../src/i18n/benchmark');
const { BenchmarkSection } = await import('../src/sections/benchmark/BenchmarkSection');
const model = await import('../src/sections/benchmark/model');
const { framedSvg, wrap } = await import('../src/sections/benchmark/exportPng');

// happy-dom lays nothing out: a laptop-sized box for every element (the charts take their width from it).
Object.defineProperties(HTMLElement.prototype, {
  clientHeight: { configurable: true, get: () => 640 },
  clientWidth: { configurable: true, get: () => 1100 },
});
HTMLElement.prototype.getBoundingClientRect = () => ({ x: 0, y: 0, top: 0, left: 0, bottom: 640, right: 1100, width: 1100, height: 640, toJSON: () => ({}) });

const CTX = { poolYear: 2023, poolName: '2023年度培育库', dataYear: 2022, setId: 'cn-champion-2023', refresh: 0, onChanged: () => {} };

const SET = {
  id: 'cn-champion-2023',
  title: { zh: '国家级制造业单项冠军企业', en: 'National champion' },
  document: { name: 'x', number: 'x', date: '2023' },
  confidence: 'multi',
  level: 'national',
  criteria: [
    { id: '1', text: { zh: '从事细分领域10年及以上', en: '10 years' }, rule: { cmp: 'years_in_segment', op: '>=', value: 10 }, enabled: true },
    { id: '2', text: { zh: '近三年主营业务收入平均不低于4亿元', en: 'Main revenue' }, rule: { cmp: 'avg_3y(main_revenue)', op: '>=', value: 40000 }, enabled: true },
    { id: '3', text: { zh: '全球前三', en: 'Top 3' }, rule: { cmp: 'rank_global', op: '<=', value: 3 }, enabled: true },
    { id: '4', text: { zh: '技术国际领先', en: 'Tech' }, rule: { review: 'tech' }, enabled: true },
    { id: 'u1', text: { zh: '产品占比70%以上', en: 'Share 70' }, rule: { cmp: 'product_share_of_main', op: '>=', value: 70 }, enabled: false },
  ],
  scores: {},
  effective: { '1': true, '2': true, '3': true, '4': true, u1: false },
  switchedBy: {},
} as unknown as CriteriaSetInfoT;

type Crit = EvaluationRowT['criteria'][number];
const none = { kind: 'none' } as const;
const crit = (id: string, status: Crit['status'], metric: string | null, unit: Crit['unit'], op: Crit['op'], value: number | null, threshold: number | null, enabled = true): Crit => ({
  id,
  enabled,
  status,
  metric,
  unit,
  op,
  value,
  threshold,
  gap: null,
  projection: none,
});

function evalRow(firmId: number, name: string, verdict: EvaluationRowT['verdict'], c: Crit[]): EvaluationRowT {
  return { firmId, creditCode: `C${firmId}`, name, town: null, chain: null, year: 2022, verdict, score: null, projection: none, criteria: c };
}

const ROWS: EvaluationRowT[] = [
  evalRow(2, '越成制动', 'not_eligible', [
    crit('1', 'pass', 'years_in_segment', 'years', '>=', 12, 10),
    crit('2', 'fail', 'avg_3y(main_revenue)', 'money', '>=', 34866.7, 40000),
    crit('3', 'fail', 'rank_global', 'rank', '<=', 4, 3),
    crit('4', 'review', null, null, null, null, null),
    crit('u1', 'pass', 'product_share_of_main', 'percent', '>=', 80, 70, false),
  ]),
  evalRow(5, '台城新材料', 'needs_review', [
    crit('1', 'pass', 'years_in_segment', 'years', '>=', 16, 10),
    crit('2', 'pass', 'avg_3y(main_revenue)', 'money', '>=', 62200, 40000),
    crit('3', 'pass', 'rank_global', 'rank', '<=', 2, 3),
    crit('4', 'review', null, null, null, null, null),
    crit('u1', 'fail', 'product_share_of_main', 'percent', '>=', 60, 70, false),
  ]),
  evalRow(11, '马兰屯智能装备', 'incomplete', [
    crit('1', 'pass', 'years_in_segment', 'years', '>=', 5, 5),
    crit('2', 'unknown', 'avg_3y(main_revenue)', 'money', '>=', 5300, 40000),
    crit('3', 'unknown', 'rank_global', 'rank', '<=', null, 3),
    crit('4', 'review', null, null, null, null, null),
    crit('u1', 'unknown', 'product_share_of_main', 'percent', '>=', null, 70, false),
  ]),
];

function poolRow(firmId: number, name: string, revenue: number | null, share: number | null, titles: PoolRowT['titles'][number]['code'][], sample = true): PoolRowT {
  return {
    firmId,
    creditCode: `C${firmId}`,
    name,
    town: null,
    chain: null,
    mainProduct: null,
    titles: titles.map((code) => ({ code, level: 'provincial', year: 2021, product: null, validUntil: 2023 })),
    revenue,
    mainShare: null,
    shareDomestic: share,
    rankNational: null,
    rankGlobal: null,
    status: 'member',
    sample,
    verdict: null,
    statuses: [],
  };
}

const POOL: PoolRowT[] = [
  poolRow(5, '台城新材料', 71063.8, 34.1, ['srdi_provincial', 'little_giant', 'champion_provincial']),
  poolRow(2, '越成制动', 40631.6, 7.2, ['srdi_provincial', 'little_giant']),
  poolRow(11, '马兰屯智能装备', 7187.5, 12, ['innovative_sme', 'gazelle_provincial', 'srdi_provincial']),
  poolRow(8, '鲁南电解液', 44489.8, null, ['innovative_sme']),
];

function firmDetail(firmId: number): FirmDetailT {
  const year = (y: number, main: number, rd: number) => ({ year: y, values: { main_revenue: main, rd_expense: rd } as FirmDetailT['years'][number]['values'], sources: {} as FirmDetailT['years'][number]['sources'], sourceRow: null });
  return {
    firm: { id: firmId, creditCode: 'X', name: POOL.find((p) => p.firmId === firmId)!.name, town: null, chain: null, mainProduct: null, productCode: null, segmentSince: 2010, foundedYear: 2000, isNewProduct: false, listed: false, note: null, sourceId: 1, profileSourceId: null },
    titles: [],
    years: [year(2022, 38600, 1500), year(2020, 31200, 1100), year(2021, 34800, 1300)],
    memberships: [],
    sources: [],
  };
}

beforeEach(() => {
  calls.length = 0;
  exported.length = 0;
  answers['criteria.list'] = () => [SET];
  answers['evaluate.pool'] = () => ({ total: ROWS.length, counts: {}, rows: ROWS });
  answers['pool.list'] = (input) => ({ rows: POOL.slice(input.offset as number, (input.offset as number) + (input.limit as number)), total: POOL.length, offset: input.offset, dataYear: 2022 });
  answers['firm.get'] = (input) => firmDetail(input.firmId as number);
});

const figure = (id: string) => screen.getByTestId(id);
const tab = (name: string) => fireEvent.click(screen.getByRole('tab', { name }));

describe('对标分析 · bars', () => {
  it('draws one bar per firm with a value, coloured by status, best first, against the threshold in 亿元', async () => {
    render(<BenchmarkSection ctx={CTX} />);
    await waitFor(() => expect(document.querySelectorAll('rect.bm-bar')).toHaveLength(3));
    const bars = [...document.querySelectorAll('rect.bm-bar')];
    expect(bars.map((b) => b.getAttribute('data-firm'))).toEqual(['台城新材料', '越成制动', '马兰屯智能装备']);
    expect(bars.map((b) => b.getAttribute('data-status'))).toEqual(['pass', 'fail', 'unknown']);
    expect(bars.map((b) => b.getAttribute('fill'))).toEqual(['#2e7d32', '#c62828', '#9aa3ad']);
    expect(figure('bars-figure').getAttribute('data-threshold')).toBe('4');
    expect(figure('bars-figure').textContent).toContain('近三年平均主营业务收入（亿元）');
    expect(figure('bars-figure').textContent).toContain('门槛 ≥ 4.00 亿元');
    expect([...document.querySelectorAll('.bm-bar-value')].map((e) => e.textContent)).toEqual(['6.22', '3.49', '0.53']);
    expect(screen.getByTestId('benchmark-sample').textContent).toBe('含示例数据');
    // Only criteria that compare a number are offered; the switched-off one says so.
    const options = [...(screen.getByTestId('bars-criterion') as HTMLSelectElement).options].map((o) => o.value);
    expect(options).toEqual(['1', '2', '3', 'u1']);
    expect(screen.getByRole('option', { name: /条件u1.*（未启用）/ })).toBeTruthy();
    expect(calls.find((c) => c.method === 'evaluate.pool')?.input).toMatchObject({ year: 2023, setId: 'cn-champion-2023', dataYear: 2022, limit: 1000 });
  });

  it('orders a ≤ criterion smallest first and names the firms without a value', async () => {
    render(<BenchmarkSection ctx={CTX} />);
    await waitFor(() => expect(document.querySelectorAll('rect.bm-bar')).toHaveLength(3));
    fireEvent.change(screen.getByTestId('bars-criterion'), { target: { value: '3' } });
    await waitFor(() => expect(figure('bars-figure').getAttribute('data-threshold')).toBe('3'));
    expect([...document.querySelectorAll('rect.bm-bar')].map((b) => b.getAttribute('data-firm'))).toEqual(['台城新材料', '越成制动']);
    expect(document.querySelectorAll('.bm-no-data')).toHaveLength(1);
    expect(screen.getByText('无数据（1 家）：马兰屯智能装备')).toBeTruthy();
    expect(figure('bars-figure').textContent).toContain('全球排名（名）');
  });

  it('exports the chart under a Chinese file name, with the sample-data note', async () => {
    render(<BenchmarkSection ctx={CTX} />);
    await waitFor(() => expect(document.querySelectorAll('rect.bm-bar')).toHaveLength(3));
    fireEvent.click(screen.getByTestId('export-bars'));
    await waitFor(() => expect(exported).toHaveLength(1));
    expect(exported[0].name).toBe('对标分析-近三年平均主营业务收入.png');
    expect(exported[0].title).toBe('单项指标对标：近三年平均主营业务收入');
    expect(exported[0].notes).toContain('含示例数据：部分企业与数值为演示用虚构数字，不代表真实企业。');
  });

  it('reloads when the set, the data year or the refresh counter changes', async () => {
    const { rerender } = render(<BenchmarkSection ctx={CTX} />);
    await waitFor(() => expect(document.querySelectorAll('rect.bm-bar')).toHaveLength(3));
    rerender(<BenchmarkSection ctx={{ ...CTX, setId: 'cn-little-giant-2022' }} />);
    await waitFor(() => expect(calls.filter((c) => c.method === 'evaluate.pool').at(-1)?.input.setId).toBe('cn-little-giant-2022'));
    rerender(<BenchmarkSection ctx={{ ...CTX, setId: 'cn-little-giant-2022', dataYear: 2021 }} />);
    await waitFor(() => expect(calls.filter((c) => c.method === 'pool.list').at(-1)?.input.dataYear).toBe(2021));
    const before = calls.filter((c) => c.method === 'criteria.list').length;
    rerender(<BenchmarkSection ctx={{ ...CTX, setId: 'cn-little-giant-2022', dataYear: 2021, refresh: 1 }} />);
    await waitFor(() => expect(calls.filter((c) => c.method === 'criteria.list').length).toBe(before + 1));
  });
});

describe('对标分析 · the other charts', () => {
  it('places firms by the selected set’s own metrics and lines: 3-year average main revenue and global rank', async () => {
    render(<BenchmarkSection ctx={CTX} />);
    await screen.findByRole('tab', { name: '市场地位×规模' });
    tab('市场地位×规模');
    await waitFor(() => expect(document.querySelectorAll('circle.bm-dot')).toHaveLength(2));
    const q = Object.fromEntries([...document.querySelectorAll('circle.bm-dot')].map((c) => [c.getAttribute('data-firm'), c.getAttribute('data-quadrant')]));
    // the same values the verdicts read: 越成制动 34,866.7 万元 and 4th worldwide fails both, as criteria 2 and 3 say
    expect(q).toEqual({ 台城新材料: 'both', 越成制动: 'neither' });
    const fig = figure('quadrant-figure');
    expect([fig.getAttribute('data-x-metric'), fig.getAttribute('data-x-line'), fig.getAttribute('data-y-metric'), fig.getAttribute('data-y-line')]).toEqual(['avg_3y(main_revenue)', '40000', 'rank_global', '3']);
    expect(fig.textContent).toContain('近三年平均主营业务收入（亿元）');
    expect(fig.textContent).toContain('全球排名（名）');
    expect(fig.textContent).toContain('均未达标');
    expect(screen.getByText('参考线即所选标准《国家级制造业单项冠军企业》的门槛：准则2 近三年平均主营业务收入 ≥ 4.00 亿元；准则3 全球排名 ≤ 3')).toBeTruthy();
    expect(screen.getByText('缺少近三年平均主营业务收入或全球排名（2 家，未绘出）：马兰屯智能装备、鲁南电解液')).toBeTruthy();
  });

  it('draws a firm’s years in order with the set’s threshold for the figure, and none where the set has none', async () => {
    render(<BenchmarkSection ctx={CTX} />);
    await screen.findByRole('tab', { name: '多年趋势' });
    tab('多年趋势');
    await waitFor(() => expect(document.querySelectorAll('circle.bm-trend-dot')).toHaveLength(3));
    expect(calls.find((c) => c.method === 'firm.get')?.input).toEqual({ firmId: 5 }); // largest revenue first
    expect([...document.querySelectorAll('circle.bm-trend-dot')].map((d) => d.getAttribute('data-year'))).toEqual(['2020', '2021', '2022']);
    expect(figure('trend-figure-chart').getAttribute('data-threshold')).toBe('40000');
    expect(screen.getByText('条件2门槛 ≥ 4.00 亿元（近三年平均主营业务收入）')).toBeTruthy();
    expect(document.querySelectorAll('.recharts-reference-line')).toHaveLength(1);
    fireEvent.change(screen.getByTestId('trend-figure'), { target: { value: 'rd_expense' } });
    await screen.findByText('所选标准对该指标没有门槛');
    expect(document.querySelectorAll('.recharts-reference-line')).toHaveLength(0);
    fireEvent.change(screen.getByTestId('trend-firm'), { target: { value: '2' } });
    await waitFor(() => expect(calls.filter((c) => c.method === 'firm.get').at(-1)?.input).toEqual({ firmId: 2 }));
  });

  it('colours the readiness matrix by status, hatches a switched-off criterion and shows the verdict', async () => {
    render(<BenchmarkSection ctx={CTX} />);
    await screen.findByRole('tab', { name: '达标矩阵' });
    tab('达标矩阵');
    await waitFor(() => expect(document.querySelectorAll('g.bm-matrix-row')).toHaveLength(3));
    expect(document.querySelectorAll('g.bm-cell')).toHaveLength(15);
    const row = document.querySelector('g.bm-matrix-row[data-firm="马兰屯智能装备"]')!;
    const cells = [...row.querySelectorAll('g.bm-cell')].map((c) => [c.getAttribute('data-criterion'), c.getAttribute('data-status'), c.querySelector('rect')!.getAttribute('fill')]);
    expect(cells).toEqual([
      ['1', 'pass', '#2e7d32'],
      ['2', 'unknown', '#9aa3ad'],
      ['3', 'unknown', '#9aa3ad'],
      ['4', 'review', '#c27c00'],
      ['u1', 'unknown', 'url(#bm-hatch)'],
    ]);
    expect(row.querySelector('g.bm-verdict')!.getAttribute('data-status')).toBe('unknown');
    expect(row.querySelector('g.bm-verdict')!.textContent).toBe('数据不全');
    const tip = document.querySelector('g.bm-matrix-row[data-firm="越成制动"] g.bm-cell[data-criterion="2"] title')!.textContent;
    expect(tip).toBe('越成制动 · 条件2：不符合（3.49 亿元，门槛 ≥ 4.00 亿元）');
    expect(screen.getByText('条件u1：产品占比70%以上（未启用）')).toBeTruthy();
  });

  it('counts titles held in the pool next to the reply letter’s district counts', async () => {
    render(<BenchmarkSection ctx={CTX} />);
    await screen.findByRole('tab', { name: '梯度漏斗' });
    tab('梯度漏斗');
    await waitFor(() => expect(document.querySelectorAll('.bm-funnel-value[data-series="district"]').length).toBe(6));
    const byY = (series: string) =>
      [...document.querySelectorAll(`.bm-funnel-value[data-series="${series}"]`)].sort((a, b) => Number(a.getAttribute('y')) - Number(b.getAttribute('y'))).map((e) => e.textContent);
    expect(byY('pool')).toEqual(['2', '3', '1', '2', '1', '0']);
    expect(byY('district')).toEqual(['42', '32', '8', '5', '1', '未提供']);
    expect(screen.getByText('全区（答复函，2023年7月）')).toBeTruthy();
    expect(screen.getByText(/仅作背景参照/)).toBeTruthy();
  });
});

describe('对标分析 · helpers', () => {
  it('has English for every Chinese message, none empty, with the same placeholders', () => {
    const leaves = (o: object, prefix = ''): [string, string][] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : leaves(v as object, `${prefix}${k}.`)));
    const zh = new Map(leaves(benchmarkZh));
    const en = new Map(leaves(benchmarkEn));
    expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
    const vars = (s: string) => (s.match(/{{\w+}}/g) ?? []).sort();
    for (const [key, text] of zh) {
      expect(text.trim(), key).not.toBe('');
      expect(en.get(key)!.trim(), key).not.toBe('');
      expect(vars(en.get(key)!), key).toEqual(vars(text));
    }
  });

  const t = ((key: string, o?: Record<string, unknown>) => `${key}${o ? JSON.stringify(o) : ''}`) as never;

  it('finds the threshold a set applies to a figure, skipping switched-off criteria and growth rates', () => {
    expect(model.thresholdFor(SET, 'main_revenue')).toEqual({ criterionId: '2', metric: 'avg_3y(main_revenue)', op: '>=', value: 40000 });
    expect(model.thresholdFor(SET, 'rank_global')).toMatchObject({ criterionId: '3', value: 3 });
    expect(model.thresholdFor(SET, 'product_revenue')).toBeNull();
    expect(model.thresholdFor(SET, 'revenue')).toBeNull();
    const growth = { ...SET, criteria: [{ id: '3', text: SET.criteria[0].text, rule: { cmp: 'avg_growth_2y(main_revenue)', op: '>=', value: 5 }, enabled: true }], effective: { '3': true } } as CriteriaSetInfoT;
    expect(model.thresholdFor(growth, 'main_revenue')).toBeNull();
  });

  it('scales money to 亿元 from 1 亿 up, rounds axes and counts titles once per firm', () => {
    expect(model.scaleFor('money', [40000, 5300], t, 'zh-CN')).toMatchObject({ div: 10000, unit: 'benchmark.units.yi' });
    expect(model.scaleFor('money', [5300], t, 'zh-CN')).toMatchObject({ div: 1, unit: 'benchmark.units.wan' });
    expect(model.scaleFor('money', [40000], t, 'en')).toMatchObject({ div: 100 });
    expect([7.7, 37.5, 0.53, 42].map(model.niceMax)).toEqual([8, 40, 0.6, 50]);
    const twice = poolRow(1, 'x', 1, 1, ['little_giant', 'little_giant', 'high_tech']);
    expect(model.titleCounts([twice]).little_giant).toBe(1);
    expect(model.fileName('对标分析', '市场占有率 × 营业收入')).toBe('对标分析-市场占有率×营业收入.png');
  });

  it('frames a chart for export: white ground, title, the chart itself, legend and wrapped notes', () => {
    const chart = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    chart.setAttribute('width', '600');
    chart.setAttribute('height', '300');
    chart.innerHTML = '<rect class="bm-bar" width="10" height="10"/>';
    const long = '全区数字摘自答复函（2023年7月），仅作背景参照，口径为全区梯度企业，不是培育库内企业；国家级单项冠军数量答复函未提供。'.repeat(2);
    const out = framedSvg(chart, { title: '达标矩阵', subtitle: '2023年度培育库', legend: [{ colour: '#2e7d32', label: '符合' }], notes: [long] });
    expect(out.width).toBe(640);
    expect(out.height).toBeGreaterThan(300 + 60);
    expect(out.svg).toContain('fill="#ffffff"');
    expect(out.svg).toContain('>达标矩阵</text>');
    expect(out.svg).toContain('class="bm-bar"');
    expect(out.svg).toContain('>符合</text>');
    expect(out.svg).toContain("font-family=\"'Noto Sans CJK SC'");
    expect(wrap(long, 600, 12).length).toBeGreaterThan(2);
    expect(wrap(long, 600, 12).join('')).toBe(long);
  });
});
