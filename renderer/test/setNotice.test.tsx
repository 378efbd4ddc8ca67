// A set's notice and the warning when it is not in force in the pool year worked on.
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SetNotice } from '../src/components/SetNotice';

const notice = { zh: '2022年版标准；修订后的办法自2026年4月1日起施行', en: 'The 2022 rules; a revised version applies from 2026-04-01' };

describe('SetNotice', () => {
  it('shows the notice and the period; warns when the set ends within the pool year or is not in force', () => {
    const { rerender } = render(<SetNotice set={{ id: 'x', notice, effective_from: '2022-06', effective_to: '2026-03-31', inForce: 'yes' }} poolYear={2024} />);
    expect(screen.getByTestId('set-notice').textContent).toContain('适用期：2022-06 至 2026-03-31');
    expect(screen.getByTestId('set-notice').textContent).toContain('2026年4月1日起施行');
    expect(screen.queryByTestId('set-not-in-force')).toBeNull();
    rerender(<SetNotice set={{ id: 'x', notice, effective_from: '2022-06', effective_to: '2026-03-31', inForce: 'partly' }} poolYear={2026} />);
    expect(screen.getByTestId('set-not-in-force').textContent).toContain('只在 2026 年的部分时间适用');
    rerender(<SetNotice set={{ id: 'x', notice, effective_from: '2022-06', effective_to: '2026-03-31', inForce: 'no' }} poolYear={2027} compact />);
    expect(screen.getByTestId('set-banner-notice').textContent).toContain('2026年4月1日起施行');
    expect(screen.getByTestId('set-not-in-force').textContent).toContain('不含 2027 年');
  });

  it('the compact banner shows nothing for a set with no notice that is in force', () => {
    const { container } = render(<SetNotice set={{ id: 'y', effective_from: '2023-08', effective_to: null, inForce: 'yes' }} poolYear={2023} compact />);
    expect(container.innerHTML).toBe('');
  });
});
