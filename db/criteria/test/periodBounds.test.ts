// Period bounds written as a year or a month, and a set whose period starts or ends on the first or last day of
// the pool year.
import { describe, expect, it } from 'vitest';
import { endOf, inForce, startOf } from '../period';

describe('period bounds', () => {
  it('reads a year as its first and last day, a month as its first and last day, a day as itself', () => {
    expect(startOf('2022')).toBe('2022-01-01');
    expect(startOf('2022-06')).toBe('2022-06-01');
    expect(endOf('2022-06')).toBe('2022-06-30');
    expect(endOf('2023-02')).toBe('2023-02-28');
    expect(endOf('2022-12')).toBe('2022-12-31');
    expect(endOf('2022-06-15')).toBe('2022-06-15');
  });
});

describe('in force in a pool year', () => {
  it('counts a set starting on the last day of the year, and not one starting the day after', () => {
    expect(inForce({ effective_from: '2023-12-31', effective_to: null }, 2023)).toBe('yes');
    expect(inForce({ effective_from: '2024-01-01', effective_to: null }, 2023)).toBe('no');
  });

  it('counts a set ending on the first day of the year as ending within it, and one ending the day before as out', () => {
    expect(inForce({ effective_from: '2020', effective_to: '2023-01-01' }, 2023)).toBe('partly');
    expect(inForce({ effective_from: '2020', effective_to: '2022-12-31' }, 2023)).toBe('no');
  });

  it('is fully in force for a set ending on the year’s last day, written as a day, a month or the year', () => {
    for (const to of ['2023-12-31', '2023-12', '2023']) expect(inForce({ effective_from: '2020', effective_to: to }, 2023), to).toBe('yes');
    expect(inForce({ effective_from: '2020', effective_to: '2023-11' }, 2023)).toBe('partly');
  });
});
