// The line the import screen shows while a file is analysed: opening it, rows read and checked (a bar where the
// service knows how much of the file that is), the plan against the data file — asked again until the report comes.
import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answers, calls } from './fakeApi';

vi.mock('../src/api', () => import('./fakeApi'));
const { ImportProgress } = await import('../src/sections/refresh/ImportProgress');

afterEach(() => {
  calls.length = 0;
});

const idle = { running: false, fileName: null, phase: null, rows: 0, done: 0, total: 0 };

describe('ImportProgress', () => {
  it('shows opening, then rows checked with a bar, then the plan, as the service reports them', async () => {
    const steps = [
      { running: true, fileName: '全省.csv', phase: 'reading', rows: 0, done: 0, total: 0 },
      { running: true, fileName: '全省.csv', phase: 'checking', rows: 200_000, done: 52_000_000, total: 130_000_000 },
      { running: true, fileName: '全省.csv', phase: 'planning', rows: 500_000, done: 0, total: 0 },
    ];
    let i = 0;
    answers['import.progress'] = () => steps[Math.min(i++, steps.length - 1)];
    const { container } = render(<ImportProgress label="正在分析 全省.csv" />);
    const line = () => screen.getByTestId('rf-import-progress');
    await waitFor(() => expect(line().textContent).toBe('正在打开文件…'));
    await waitFor(() => expect(line().textContent).toBe('已读取并检查 200,000 行（40%）'));
    expect(container.querySelector('progress')?.getAttribute('value')).toBe('52000000');
    await waitFor(() => expect(line().textContent).toBe('正在与数据文件比对 500,000 条记录…'));
    expect(container.querySelector('progress')?.hasAttribute('value')).toBe(false);
  });

  it('counts the rows of a workbook without a share of the file, and shows the bare bar when nothing is under way', async () => {
    answers['import.progress'] = () => ({ running: true, fileName: '全省.xlsx', phase: 'checking', rows: 12_000, done: 1, total: 0 });
    const { container, unmount } = render(<ImportProgress label="x" />);
    await waitFor(() => expect(screen.getByTestId('rf-import-progress').textContent).toBe('已读取并检查 12,000 行'));
    expect(container.querySelector('progress')?.hasAttribute('value')).toBe(false);
    unmount();
    answers['import.progress'] = () => idle;
    const again = render(<ImportProgress label="x" />);
    await waitFor(() => expect(calls.length).toBeGreaterThan(1));
    expect(screen.queryByTestId('rf-import-progress')).toBeNull();
    expect(again.container.querySelector('progress')).not.toBeNull();
  });
});
