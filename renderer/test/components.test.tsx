import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { answers, calls } from './fakeApi';
import type { FirmDetailT, PoolRowT } from '../../db/contract';


vi.mock('../src/api', () => import('./fakeApi'));

const { PoolSection } = await import('../src/sections/PoolSection');
const { FiguresGrid } = await import('../src/sections/FiguresGrid');
const { ApiError } = await import('../src/api');

const CTX = { poolYear: 2023, poolName: '2023年度培育库', dataYear: 2022, setId: 'cn-champion-2023', refresh: 0, onChanged: () => {} };

function poolRow(i: number): PoolRowT {
  return {
    firmId: i,
    creditCode: `CODE${i}`,
    name: `企业${i}`,
    town: '运河街道',
    chain: '高端装备',
    mainProduct: '产品',
    titles: [{ code: 'little_giant', level: 'national', year: 2021, product: null, validUntil: 2023 }],
    revenue: 10000 + i,
    mainShare: 90,
    shareDomestic: 10,
    rankNational: 2,
    rankGlobal: null,
    status: 'member',
    sample: i % 2 === 0,
    verdict: null,
    statuses: [],
  };
}

beforeEach(() => {
  calls.length = 0;
});

// happy-dom lays nothing out: give every element a laptop-sized box so the virtualizer has a viewport.
Object.defineProperties(HTMLElement.prototype, {
  clientHeight: { configurable: true, get: () => 640 },
  clientWidth: { configurable: true, get: () => 1200 },
});
HTMLElement.prototype.getBoundingClientRect = () => ({ x: 0, y: 0, top: 0, left: 0, bottom: 640, right: 1200, width: 1200, height: 640, toJSON: () => ({}) });

describe('培育库 table', () => {
  beforeEach(() => {
    answers['pool.facets'] = () => ({ towns: ['运河街道', '泥沟镇'], chains: ['高端装备'], titles: ['little_giant'] });
    // 1,000 firms: the table asks for pages and renders only what is visible.
    answers['pool.list'] = (input) => {
      const offset = input.offset as number;
      const limit = input.limit as number;
      const rows = Array.from({ length: Math.max(0, Math.min(limit, 1000 - offset)) }, (_, k) => poolRow(offset + k));
      return { rows, total: 1000, offset, dataYear: 2022 };
    };
  });

  it('pages from SQL, virtualises rows and shows figures in 亿元 with sample tags', async () => {
    render(<PoolSection ctx={CTX} />);
    await screen.findByText('企业0');
    expect(screen.getByTestId('pool-count').textContent).toBe('共 1000 家');
    const rendered = screen.getByTestId('pool-table').querySelectorAll('tbody tr');
    expect(rendered.length).toBeGreaterThan(5);
    expect(rendered.length).toBeLessThan(60); // virtualised: nowhere near 1,000 rows in the DOM
    const list = calls.filter((c) => c.method === 'pool.list');
    expect(list[0].input).toMatchObject({ year: 2023, dataYear: 2022, offset: 0, limit: 100, sort: { column: 'revenue', dir: 'desc' } });
    const first = screen.getByTestId('pool-table').querySelector('tbody tr')!;
    expect(within(first as HTMLElement).getByText('1.00 亿元')).toBeTruthy();
    expect(within(first as HTMLElement).getByText('示例')).toBeTruthy();
    expect(within(first as HTMLElement).getByText('小巨人')).toBeTruthy();
  });

  it('sends sort, filters and search to the service', async () => {
    render(<PoolSection ctx={CTX} />);
    await screen.findByText('企业0');
    fireEvent.click(screen.getByRole('button', { name: /全球排名/ }));
    await waitFor(() => expect(calls.at(-1)?.input.sort).toEqual({ column: 'rank_global', dir: 'asc' }));
    fireEvent.change(screen.getByTestId('filter-town'), { target: { value: '泥沟镇' } });
    await waitFor(() => expect(calls.at(-1)?.input.town).toBe('泥沟镇'));
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: '锂能' } });
    await waitFor(() => expect(calls.at(-1)?.input.search).toBe('锂能'));
    fireEvent.click(screen.getByRole('button', { name: '清除筛选' }));
    await waitFor(() => expect(calls.at(-1)?.input).not.toHaveProperty('town'));
  });
});

function detail(revenue: number | null): FirmDetailT {
  const values = Object.fromEntries(
    ['revenue', 'main_revenue', 'product_revenue', 'rd_expense', 'net_profit', 'total_assets', 'total_liabilities', 'intl_revenue', 'equity_financing', 'share_global', 'share_domestic', 'share_provincial', 'rank_global', 'rank_national', 'rank_provincial', 'ip_class1', 'invention_patents', 'utility_software', 'standards_led', 'rd_staff_share', 'employees', 'credit_score'].map((k) => [k, null]),
  ) as FirmDetailT['years'][number]['values'];
  const sources = Object.fromEntries(Object.keys(values).map((k) => [k, 1])) as FirmDetailT['years'][number]['sources'];
  return {
    firm: { id: 7, creditCode: 'X', name: '鑫金山机械', town: null, chain: null, mainProduct: null, productCode: null, segmentSince: null, foundedYear: null, isNewProduct: false, listed: false, note: null, sourceId: 1, profileSourceId: null },
    titles: [],
    years: [{ year: 2022, values: { ...values, revenue }, sources, sourceRow: null }],
    memberships: [],
    sources: [{ id: 1, kind: 'sample', label: '示例数据', file: null, sheet: null, actor: null, at: '2026-11-26T08:00:00+08:00' }],
  };
}

describe('figures grid', () => {
  it('marks sample values, parses 1.2亿 as 12000 万元 and saves all changes in one call', async () => {
    const onSaved = vi.fn();
    answers['firm.updateFigures'] = () => detail(12000);
    render(<FiguresGrid detail={detail(5000)} onSaved={onSaved} />);
    expect(screen.getByText('5,000')).toBeTruthy();
    expect(document.querySelector('[data-source="sample"]')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '编辑数据' }));
    fireEvent.change(screen.getByLabelText('营业收入 2022'), { target: { value: '1.2亿' } });
    fireEvent.change(screen.getByLabelText('净利润 2022'), { target: { value: '-35.5' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(calls).toEqual([{ method: 'firm.updateFigures', input: { firmId: 7, years: [{ year: 2022, values: { revenue: 12000, net_profit: -35.5 } }], note: undefined } }]);
    expect(screen.getByRole('status').textContent).toBe('已保存 2 处修改');
  });

  it('keeps a cell it cannot read in edit mode and sends nothing', () => {
    render(<FiguresGrid detail={detail(5000)} onSaved={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: '编辑数据' }));
    fireEvent.change(screen.getByLabelText('营业收入 2022'), { target: { value: '12a' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    expect(screen.getByText('无法识别的数值')).toBeTruthy();
    expect(calls).toEqual([]);
  });

  it('shows the service’s refusal in the cell it concerns', async () => {
    answers['firm.updateFigures'] = () => {
      throw new ApiError('invalid_input', '有数值不符合要求，未保存任何修改', [{ year: 2022, field: 'share_global', value: 130, problem: 'above_max', min: 0, max: 100 }]);
    };
    render(<FiguresGrid detail={detail(5000)} onSaved={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: '编辑数据' }));
    fireEvent.change(screen.getByLabelText('全球市场占有率 2022'), { target: { value: '130' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await screen.findByText('超出允许范围（0 至 100）'); // says what would be accepted
    expect(screen.getByRole('status').textContent).toContain('输入有误');
  });
});
