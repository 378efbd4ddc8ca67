// A criterion's value cell: "缺少数据" never stands beside a bare source mark, which read as if the missing figure
// had been imported; the marks of the inputs that were found say what they are.
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { EvaluationT, SourceRefT } from '../../db/contract';
import { ValueCell } from '../src/sections/EvaluationPanel';

type Primary = NonNullable<EvaluationT['criteria'][number]['primary']>;
const imported: SourceRefT = { id: 3, kind: 'import', label: '2023年报.xlsx', file: '2023年报.xlsx', sheet: null, actor: null } as SourceRefT;
const sources = new Map([[3, imported]]);
const check = (p: Partial<Primary>): Primary =>
  ({ metric: 'avg_3y(main_revenue)', op: '>=', threshold: 40000, year: 2022, unit: 'money', state: 'known', value: 50000, reason: null, status: 'pass', gap: null, used: [{ key: 'main_revenue', year: 2022, value: 50000, sourceId: 3 }], ...p }) as Primary;

describe('ValueCell', () => {
  it('labels the marks of the values found when the deciding value is missing', () => {
    const { container } = render(<ValueCell p={check({ state: 'unknown', value: null, status: 'unknown' })} years={[2022]} sources={sources} lang="zh-CN" />);
    expect(container.textContent!.startsWith('缺少数据')).toBe(true);
    expect(screen.getByTestId('partial-inputs').textContent).toBe('已有的数值来自：导入');
  });

  it('shows no mark at all when nothing was found', () => {
    const { container } = render(<ValueCell p={check({ state: 'unknown', value: null, status: 'unknown', used: [] })} years={[]} sources={sources} lang="zh-CN" />);
    expect(container.textContent).toBe('缺少数据');
    expect(container.querySelector('[data-source]')).toBeNull();
  });

  it('puts the mark right beside a known value', () => {
    const { container } = render(<ValueCell p={check({})} years={[2022]} sources={sources} lang="zh-CN" />);
    expect(screen.queryByTestId('partial-inputs')).toBeNull();
    expect(container.querySelector('[data-source="import"]')!.textContent).toBe('导入');
  });
});
