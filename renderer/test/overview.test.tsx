// 总览: the numbers as the service gives them, the lists behind them, and the audited edits (rewards, the
// 规上 count, targets, calendar dates) — each sent to the service with what the analyst typed.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CriteriaSetInfoT, MethodOutput } from '../../db/contract';
import { answers, calls } from './fakeApi';
import { overviewEn, overviewZh } from '../src/i18n/overview';

vi.mock('../src/api', () => import('./fakeApi'));

const { OverviewSection } = await import('../src/sections/overview/OverviewSection');
const model = await import('../src/sections/overview/model');

Object.defineProperties(HTMLElement.prototype, {
  clientHeight: { configurable: true, get: () => 640 },
  clientWidth: { configurable: true, get: () => 1100 },
});

type Overview = MethodOutput<'overview.get'>;
const onChanged = vi.fn();
const CTX = { poolYear: 2023, poolName: '2023年度制造业单项冠军培育库', dataYear: 2022, setId: 'cn-champion-2023', refresh: 0, onChanged };
const SETS = [{ id: 'cn-champion-2023', title: { zh: '国家级制造业单项冠军企业', en: 'National champion' } }] as unknown as CriteriaSetInfoT[];

const firm = (firmId: number, name: string, sample = true) => ({ firmId, name, sample });
const A = firm(1, '台城新材料');
const B = firm(2, '鑫金山机械');
const C = firm(3, '鲁南电解液', false);
const list = (...firms: ReturnType<typeof firm>[]) => ({ total: firms.length, firms });
const who = { updatedBy: 'system', updatedAt: '2026-11-26T08:00:00+08:00' };
const LETTER = '答复函（台工信字〔2023〕16号，2023年7月28日）：首次认定奖励';
const candidate = (f: ReturnType<typeof firm>, verdict: 'eligible' | 'needs_review' | 'not_eligible', inYears: number) => ({ ...f, verdict, inYears, dataYear: 2022 });

function overview(): Overview {
  const codes = ['innovative_sme', 'srdi_provincial', 'little_giant'] as const;
  const cells = [2022, 2023].flatMap((year) => [
    { year, code: codes[0], list: list(C) },
    { year, code: codes[1], list: list(A, B) },
    { year, code: codes[2], list: year === 2022 ? list(A) : list(A, B) },
  ]);
  const nat = { code: 'champion_national' as const, level: 'national' as const, amount: 100, source: LETTER, setId: 'cn-champion-2023', ...who };
  const srdi = { code: 'srdi_provincial' as const, level: 'provincial' as const, amount: 30, source: LETTER, setId: 'cn-srdi-2022', ...who };
  const leader = { code: 'leader_national' as const, level: 'national' as const, amount: 300, source: LETTER, setId: null, ...who };
  return {
    poolYear: 2023,
    dataYear: 2022,
    today: '2025-05-10',
    firms: 3,
    gradient: {
      codes: [...codes],
      years: [2022, 2023],
      cells,
      undated: 0,
      moves: [{ year: 2023, firmId: 2, name: '鑫金山机械', sample: true, code: 'little_giant', from: 'srdi_provincial', up: true }],
      district: {
        source: '答复函（台工信字〔2023〕16号，2023年7月28日）',
        series: [
          { label: '2022', derived: true, counts: { innovative_sme: 20, srdi_provincial: 12, little_giant: 4 } },
          { label: '2023-07', derived: false, counts: { innovative_sme: 42, srdi_provincial: 32, little_giant: 5 } },
          { label: '2023-added', derived: false, counts: { innovative_sme: 22, srdi_provincial: 20, little_giant: 1 } },
        ],
      },
    },
    rewards: {
      table: [leader, nat, srdi],
      years: [2023, 2024],
      rows: [
        { code: 'leader_national', amount: 300, setId: null, held: 0, cells: [{ year: 2023, count: 0, firms: [], total: 0 }, { year: 2024, count: 0, firms: [], total: 0 }], reviewCount: 0, review: [], total: 0, reviewTotal: 0 },
        { code: 'champion_national', amount: 100, setId: 'cn-champion-2023', held: 0, cells: [{ year: 2023, count: 0, firms: [], total: 0 }, { year: 2024, count: 1, firms: [candidate(B, 'not_eligible', 1)], total: 100 }], reviewCount: 1, review: [candidate(A, 'needs_review', 0)], total: 100, reviewTotal: 100 },
        { code: 'srdi_provincial', amount: 30, setId: 'cn-srdi-2022', held: 2, cells: [{ year: 2023, count: 1, firms: [candidate(C, 'eligible', 0)], total: 30 }, { year: 2024, count: 0, firms: [], total: 0 }], reviewCount: 0, review: [], total: 30, reviewTotal: 0 },
      ],
      totals: [
        { year: 2023, total: 30 },
        { year: 2024, total: 100 },
      ],
      total: 130,
      reviewTotal: 100,
      horizon: 10,
    },
    targets: {
      items: [
        { key: 'high_growth_firms', unit: 'count', value: 60, baseYear: 2023, dueYear: 2026, source: LETTER, ...who, current: 2, ratio: 2 / 60, missing: null, counted: list(A, B), dataYear: null },
        { key: 'high_growth_output', unit: 'money', value: 1_000_000, baseYear: 2023, dueYear: 2026, source: LETTER, ...who, current: 127911.6, ratio: 0.1279116, missing: null, counted: list(A, B), dataYear: 2022 },
        { key: 'srdi_share', unit: 'percent', value: 40, baseYear: 2023, dueYear: 2026, source: LETTER, ...who, current: null, ratio: null, missing: 'industrial_firms', counted: list(A, B), dataYear: null },
      ],
      industrialFirms: null,
      highGrowthCodes: ['srdi_provincial', 'little_giant'],
      districtSrdi: 32,
    },
    calendar: [
      {
        track: 'srdi_provincial',
        opens: '03-01',
        deadline: '05-31',
        note: '省级专精特新：每年集中申报一批。默认日期',
        isDefault: true,
        ...who,
        setId: 'cn-srdi-2022',
        next: { opens: '2025-03-01', deadline: '2025-05-31', daysToOpen: -70, daysToDeadline: 21, open: true },
        prepare: [candidate(C, 'eligible', 0)],
      },
      {
        track: 'champion_national',
        opens: '06-15',
        deadline: '09-15',
        note: null,
        isDefault: true,
        ...who,
        setId: 'cn-champion-2023',
        next: { opens: '2025-06-15', deadline: '2025-09-15', daysToOpen: 36, daysToDeadline: 128, open: false },
        prepare: [candidate(A, 'needs_review', 0), candidate(B, 'not_eligible', 1)],
      },
    ],
    status: {
      setId: 'cn-champion-2023',
      dataYear: 2022,
      previousYear: 2021,
      counts: { eligible: 0, needs_review: 1, incomplete: 0, not_eligible: 2 },
      lists: { eligible: list(), needs_review: list(A), incomplete: list(), not_eligible: list(B, C) },
      changes: [{ ...A, before: 'incomplete', after: 'needs_review' }],
    },
    sample: { firms: 2, firmYears: 6, values: 120, poolFirms: list(A, B) },
    history: [],
  };
}

beforeEach(() => {
  calls.length = 0;
  onChanged.mockClear();
  answers['overview.get'] = () => overview();
  answers['criteria.list'] = () => SETS;
  answers['package.districts'] = () => ({ districts: [], shared: 0, packages: [], openConflicts: 0 });
  answers['overview.setReward'] = (input) => ({ ...overview().rewards.table[1], ...input });
  answers['overview.setIndustrialFirms'] = (input) => ({ value: input.value, year: input.year ?? null, source: input.source ?? '分析员录入', ...who });
  answers['overview.setCalendar'] = (input) => ({ ...input, isDefault: false, ...who });
  answers['overview.setTarget'] = (input) => input;
});
afterEach(async () => {
  await i18next.changeLanguage('zh-CN');
});

async function shown() {
  render(<OverviewSection ctx={CTX} />);
  await screen.findByTestId('ov-kpis');
}

describe('总览', () => {
  it('asks for the chosen pool, set and data year, and shows the service’s numbers', async () => {
    await shown();
    expect(calls.find((c) => c.method === 'overview.get')?.input).toEqual({ year: 2023, setId: 'cn-champion-2023', dataYear: 2022 });
    expect(screen.getByTestId('ov-kpi-firms').textContent).toBe('3 家');
    expect(screen.getByTestId('ov-kpi-growth').textContent).toBe('2 家');
    expect(screen.getByTestId('ov-kpi-budget').textContent).toBe('130 万元');
    expect(screen.getByTestId('ov-kpi-deadline').textContent).toBe('申报中 · 还有 21 天截止');
    expect(screen.getByTestId('ov-total-champion_national').textContent).toBe('100 万元');
    expect(screen.getByTestId('ov-review-total').textContent).toBe('100 万元');
    expect(screen.getByTestId('ov-count-not_eligible').textContent).toBe('2');
    expect(screen.getByTestId('ov-missing-industrial').textContent).toBe('请录入规上工业企业数');
    expect(screen.getByTestId('ov-rewards').textContent).toContain('无对应认定标准，未测算');
    expect(screen.getByTestId('ov-gradient').textContent).toContain('培育库只有 3 家企业');
    expect(screen.getByTestId('ov-sample-tag')).toBeTruthy();
    // The latest year with a new title is chosen, with its moves.
    expect(within(screen.getByTestId('ov-moves')).getByText('鑫金山机械').getAttribute('href')).toBe('#/firm/2');
    expect(screen.getByTestId('ov-track-srdi_provincial').textContent).toContain('默认日期');
  });

  it('lists the firms behind a number with links and where the number comes from', async () => {
    await shown();
    const table = screen.getByTestId('ov-gradient-table');
    fireEvent.click(table.querySelector('tr[data-code="little_giant"] button[data-year="2023"]')!);
    const drawer = await screen.findByTestId('ov-drawer');
    expect(drawer.textContent).toContain('2023年末持有“国家级专精特新“小巨人””的培育库企业');
    expect([...drawer.querySelectorAll('ol a')].map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['台城新材料', '#/firm/1'],
      ['鑫金山机械', '#/firm/2'],
    ]);
    expect(drawer.textContent).toContain('口径：培育库：企业所持称号');
    fireEvent.click(screen.getByTestId('ov-drawer-close'));
    expect(screen.queryByTestId('ov-drawer')).toBeNull();

    // The district has counts only: the panel says so rather than listing anyone.
    fireEvent.click(table.querySelector('tr[data-code="srdi_provincial"] td[data-series="2023-07"] button')!);
    expect((await screen.findByTestId('ov-drawer')).textContent).toContain('答复函只给出全区数字');
    fireEvent.keyDown(window, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('ov-drawer')).toBeNull());

    // A reward cell: the firms with their outlook and data year.
    fireEvent.click(screen.getByTestId('ov-reward-table').querySelector('tr[data-code="champion_national"] td[data-year="2024"] button')!);
    const reward = await screen.findByTestId('ov-drawer');
    expect(reward.textContent).toContain('预计 2024 年认定“国家级单项冠军”的企业：100 万元');
    expect(reward.textContent).toContain('预计 1 年后达标 · 数据年度 2022');
    expect(reward.textContent).toContain('按“国家级制造业单项冠军企业”评估，数据年度 2022，奖励 100 万元/家');
  });

  it('saves an edited reward with its source and refuses an invalid amount', async () => {
    await shown();
    fireEvent.click(screen.getByTestId('ov-rewards-edit'));
    const amount = screen.getByTestId('ov-reward-amount-champion_national');
    fireEvent.change(amount, { target: { value: 'abc' } });
    fireEvent.click(screen.getByTestId('ov-reward-save-champion_national'));
    expect(await screen.findByText('请输入 0—100000 之间的金额（万元）')).toBeTruthy();
    expect(calls.some((c) => c.method === 'overview.setReward')).toBe(false);

    fireEvent.change(amount, { target: { value: '150' } });
    fireEvent.change(screen.getByTestId('ov-reward-source-champion_national'), { target: { value: '区扶持办法（2024年修订）' } });
    fireEvent.click(screen.getByTestId('ov-reward-save-champion_national'));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(calls.find((c) => c.method === 'overview.setReward')?.input).toEqual({ code: 'champion_national', amount: 150, source: '区扶持办法（2024年修订）' });
  });

  it('takes the 规上 count, a target and calendar dates', async () => {
    await shown();
    fireEvent.change(screen.getByTestId('ov-industrial-count'), { target: { value: '120' } });
    fireEvent.click(screen.getByTestId('ov-industrial-save'));
    await waitFor(() => expect(calls.find((c) => c.method === 'overview.setIndustrialFirms')?.input).toEqual({ value: 120, year: undefined, source: undefined }));

    const output = screen.getByTestId('ov-target-high_growth_output');
    fireEvent.click(within(output).getByText('编辑目标'));
    const value = screen.getByTestId('ov-target-value') as HTMLInputElement;
    expect(value.value).toBe('100亿');
    fireEvent.change(value, { target: { value: '120亿' } });
    fireEvent.click(screen.getByTestId('ov-target-save'));
    await waitFor(() => expect(calls.find((c) => c.method === 'overview.setTarget')?.input).toMatchObject({ key: 'high_growth_output', value: 1_200_000, dueYear: 2026 }));

    fireEvent.click(screen.getByTestId('ov-calendar-edit-champion_national'));
    fireEvent.change(screen.getByTestId('ov-calendar-opens'), { target: { value: '2025-06-20' } });
    fireEvent.change(screen.getByTestId('ov-calendar-deadline'), { target: { value: '2025-09-10' } });
    fireEvent.click(screen.getByTestId('ov-calendar-save'));
    await waitFor(() => expect(calls.find((c) => c.method === 'overview.setCalendar')?.input).toEqual({ track: 'champion_national', opens: '06-20', deadline: '09-10', note: null }));
    expect(onChanged).toHaveBeenCalledTimes(3);
  });

  it('reads in English', async () => {
    await i18next.changeLanguage('en');
    await shown();
    expect(screen.getByTestId('ov-kpi-firms').textContent).toBe('3 firms');
    expect(screen.getByTestId('ov-kpi-budget').textContent).toBe('1.3M CNY');
    expect(screen.getByText('Reward exposure')).toBeTruthy();
    expect(screen.getByTestId('ov-missing-industrial').textContent).toBe('Enter the number of industrial firms above designated size');
  });
});

describe('overview helpers and messages', () => {
  it('writes dates and shares as the bureau does', () => {
    expect(model.dateText('2025-06-15', 'zh-CN')).toBe('2025年6月15日');
    expect(model.dateText('2025-06-15', 'en')).toBe('2025-06-15');
    expect(model.monthDayText('06-05', 'zh-CN')).toBe('6月5日');
    expect(model.percentText(1 / 6)).toBe('16.7%');
    expect(model.percentText(null)).toBe('—');
    expect(model.monthDayOf('2026-12-01')).toBe('12-01');
  });

  it('has every Chinese message in English', () => {
    const keys = (o: object, p = ''): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [`${p}${k}`] : keys(v as object, `${p}${k}.`)));
    expect(keys(overviewEn).sort()).toEqual(keys(overviewZh).sort());
  });
});
