// The fraction arithmetic under the exact comparisons (criteria-spec §2): reading doubles as decimals, the four
// operations, the sign of a comparison, and a CAGR compared through its square.
import { describe, expect, it } from 'vitest';
import { add, cmp, compareExact, div, holds, int, mul, ratOf, sub, type Op, type Rat } from '../exact';

const r = (n: bigint, d: bigint): Rat => ({ n, d });
/** Whether a fraction equals n/d (any representation). */
const equals = (x: Rat | null, n: bigint, d: bigint) => x !== null && x.n * d === n * x.d;

describe('reading a double as a decimal', () => {
  it('reads integers, negative decimals and both exponent forms', () => {
    expect(ratOf(5)).toEqual({ n: 5n, d: 1n });
    expect(ratOf(0)).toEqual({ n: 0n, d: 1n });
    expect(ratOf(-0.25)).toEqual({ n: -25n, d: 100n });
    expect(ratOf(1e21)).toEqual({ n: 10n ** 21n, d: 1n });
    expect(ratOf(1.5e-7)).toEqual({ n: 15n, d: 10n ** 8n });
    expect(ratOf(-1.25e22)).toEqual({ n: -125n * 10n ** 20n, d: 1n });
  });

  it('refuses what is not a finite number', () => {
    for (const x of [NaN, Infinity, -Infinity]) expect(() => ratOf(x)).toThrow(`not a finite number: ${x}`);
  });
});

describe('fraction arithmetic', () => {
  it('adds, subtracts, multiplies and makes integers', () => {
    expect(equals(add(r(1n, 2n), r(1n, 3n)), 5n, 6n)).toBe(true);
    expect(equals(sub(r(1n, 2n), r(1n, 3n)), 1n, 6n)).toBe(true);
    expect(equals(sub(r(1n, 3n), r(1n, 2n)), -1n, 6n)).toBe(true);
    expect(equals(mul(r(2n, 3n), r(3n, 4n)), 1n, 2n)).toBe(true);
    expect(int(-7)).toEqual({ n: -7n, d: 1n });
  });

  it('divides with a positive denominator kept, and not by zero', () => {
    expect(div(r(1n, 2n), r(0n, 5n))).toBeNull();
    const q = div(r(1n, 2n), r(-1n, 4n))!;
    expect(q.d > 0n).toBe(true);
    expect(equals(q, -2n, 1n)).toBe(true);
    const p = div(r(3n, 4n), r(3n, 2n))!;
    expect(p.d > 0n).toBe(true);
    expect(equals(p, 1n, 2n)).toBe(true);
    expect(equals(div(r(-3n, 4n), r(-3n, 2n)), 1n, 2n)).toBe(true);
  });

  it('compares across denominators', () => {
    expect(cmp(r(1n, 3n), r(1n, 2n))).toBe(-1);
    expect(cmp(r(2n, 4n), r(1n, 2n))).toBe(0);
    expect(cmp(r(2n, 3n), r(1n, 2n))).toBe(1);
    expect(cmp(r(-1n, 2n), r(-1n, 3n))).toBe(-1);
  });
});

describe('operators on a comparison’s sign', () => {
  it('hold exactly as written for below, equal and above', () => {
    const table: [Op, boolean, boolean, boolean][] = [
      ['>=', false, true, true],
      ['>', false, false, true],
      ['<=', true, true, false],
      ['<', true, false, false],
      ['==', false, true, false],
    ];
    for (const [op, below, equal, above] of table) expect([holds(-1, op), holds(0, op), holds(1, op)], op).toEqual([below, equal, above]);
  });
});

describe('comparing an exact value with a threshold', () => {
  it('compares a fraction with a decimal threshold', () => {
    const seventy = { kind: 'rat' as const, r: r(7000n, 100n) };
    expect([compareExact(seventy, '>=', 70), compareExact(seventy, '>', 70), compareExact(seventy, '==', 70), compareExact(seventy, '<', 70.0001)]).toEqual([true, false, true, true]);
  });

  it('compares a CAGR through its square: (√1.44 − 1) × 100 is exactly 20', () => {
    const cagr = { kind: 'cagr' as const, r: r(144n, 100n) };
    expect([compareExact(cagr, '>=', 20), compareExact(cagr, '>', 20), compareExact(cagr, '==', 20), compareExact(cagr, '<', 20.0001), compareExact(cagr, '>', 19.9999)]).toEqual([true, false, true, true, true]);
  });

  it('puts any CAGR above a threshold below −100 %, and a ratio of 0 exactly at −100 %', () => {
    const shrinking = { kind: 'cagr' as const, r: r(1n, 4n) };
    expect((['>=', '>', '<=', '<', '=='] as Op[]).map((op) => compareExact(shrinking, op, -150))).toEqual([true, true, false, false, false]);
    const gone = { kind: 'cagr' as const, r: r(0n, 1n) };
    expect([compareExact(gone, '==', -100), compareExact(gone, '>', -100), compareExact(gone, '<', -99)]).toEqual([true, false, true]);
  });
});
