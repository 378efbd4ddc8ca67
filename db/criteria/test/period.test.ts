// Whether a set's rules apply to a pool year (its effective_from / effective_to against the calendar year).
import { describe, expect, it } from 'vitest';
import { endOf, inForce, startOf } from '../period';
import { criteriaSet } from '../sets';

describe('effective periods', () => {
  it('reads month and year bounds as their first and last days', () => {
    expect(startOf('2022-06')).toBe('2022-06-01');
    expect(endOf('2024-02')).toBe('2024-02-29');
    expect(endOf('2026')).toBe('2026-12-31');
    expect(startOf('2026-04-01')).toBe('2026-04-01');
  });

  it('the 2022 SME sets: in force for 2022–2025, ending within 2026, not in force from 2027', () => {
    const lg = criteriaSet('cn-little-giant-2022')!;
    expect([2021, 2022, 2025, 2026, 2027].map((y) => inForce(lg, y))).toEqual(['no', 'yes', 'yes', 'partly', 'no']);
  });

  it('a set starting within the pool year is the one that year uses', () => {
    expect(inForce(criteriaSet('cn-champion-2023')!, 2023)).toBe('yes');
    expect(inForce(criteriaSet('cn-champion-2023')!, 2022)).toBe('no');
    expect(inForce({ effective_from: '2026-04-01', effective_to: null }, 2026)).toBe('yes');
  });
});
