// Lapsed titles (criteria-spec §1): a three-year recognition older than Y−2 shows as lapsed in the pool table's chips.
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PoolRowT } from '../../db/contract';
import { TitleChips } from '../src/components/TitleChips';

type Title = PoolRowT['titles'][number];
const srdi = (year: number): Title => ({ code: 'srdi_provincial', level: 'provincial', year, product: null, validUntil: year + 2 });

describe('TitleChips', () => {
  it('marks a title obtained in Y−3 as lapsed, and one obtained in Y−2 as held', () => {
    render(<TitleChips titles={[srdi(2019), { code: 'champion_provincial', level: 'provincial', year: 2015, product: null, validUntil: null }]} asOf={2022} />);
    const lapsed = screen.getByText('专精特新').closest('.chip')!;
    expect(lapsed.className).toContain('is-lapsed');
    expect(lapsed.textContent).toContain('已过期');
    expect(lapsed.getAttribute('title')).toContain('有效期至2021年数据');
    // A title that does not lapse stays as it is.
    expect(screen.getByText('省单冠').closest('.chip')!.className).not.toContain('is-lapsed');
  });

  it('a title obtained in Y−2 is not lapsed; without a data year nothing is marked', () => {
    const { container, rerender } = render(<TitleChips titles={[srdi(2020)]} asOf={2022} />);
    expect(container.querySelector('.is-lapsed')).toBeNull();
    rerender(<TitleChips titles={[srdi(2010)]} asOf={null} />);
    expect(container.querySelector('.is-lapsed')).toBeNull();
  });

  it('names the three national honours', () => {
    render(<TitleChips titles={(['tech_innovation_demo', 'ip_advantage', 'ip_demo'] as const).map((code) => ({ code, level: 'national', year: 2022, product: null, validUntil: 2024 }))} asOf={2022} />);
    expect(screen.getByText('技术创新示范').getAttribute('title')).toBe('国家级技术创新示范企业 (2022)');
    expect(screen.getByText('知识产权优势')).toBeTruthy();
    expect(screen.getByText('知识产权示范')).toBeTruthy();
  });
});
