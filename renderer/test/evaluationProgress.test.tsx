// The line a verdict sort shows while the pool's evaluation is worked out: the step and how far, asked again and
// again until the list arrives; the plain message alone when nothing says how far.
import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import { answers, calls } from './fakeApi';

vi.mock('../src/api', () => import('./fakeApi'));
const { EvaluationProgress } = await import('../src/sections/EvaluationProgress');

afterEach(() => {
  calls.length = 0;
});

describe('EvaluationProgress', () => {
  it('shows reading, then firms worked out with a bar, then the ordering, as the service reports them', async () => {
    const steps = [
      { running: true, setId: 'cn-champion-2023', year: 2023, phase: 'facts', done: 0, total: 0 },
      { running: true, setId: 'cn-champion-2023', year: 2023, phase: 'evaluating', done: 40_000, total: 100_000 },
      { running: true, setId: 'cn-champion-2023', year: 2023, phase: 'table', done: 95_000, total: 100_000 },
    ];
    let i = 0;
    answers['evaluate.progress'] = () => steps[Math.min(i++, steps.length - 1)];
    render(<EvaluationProgress />);
    const line = () => screen.getByTestId('evaluation-progress');
    expect(line().textContent).toContain('正在计算全库的达标情况');
    await waitFor(() => expect(line().textContent).toContain('读取全库数据…'));
    await waitFor(() => expect(line().textContent).toContain('已算 40,000 / 100,000 家（40%）'));
    expect(line().querySelector('progress')?.getAttribute('value')).toBe('40000');
    await waitFor(() => expect(line().textContent).toContain('排列 95,000 / 100,000 家（95%）'));
    expect(calls.filter((c) => c.method === 'evaluate.progress').length).toBeGreaterThanOrEqual(3);
  });

  it('keeps the plain message when nothing is under way or the question fails, and stops asking once gone', async () => {
    let asks = 0;
    answers['evaluate.progress'] = () => {
      if (asks++ === 0) throw new Error('bridge busy');
      return { running: false, setId: null, year: null, phase: null, done: 0, total: 0 };
    };
    const { unmount } = render(<EvaluationProgress />);
    // A failed question is asked again.
    await waitFor(() => expect(calls.length).toBeGreaterThan(1));
    const line = screen.getByTestId('evaluation-progress');
    expect(line.textContent).toBe('正在计算全库的达标情况，完成后按达标情况列出…');
    expect(line.querySelector('progress')).toBeNull();
    unmount();
    const asked = calls.length;
    await new Promise((ok) => setTimeout(ok, 900));
    expect(calls.length).toBe(asked);
  });
});
