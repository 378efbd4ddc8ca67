// Exact comparison of a metric with a threshold (criteria-spec §2): inputs are decimals (万元 to 4 places = 1 元),
// every metric is a ratio of sums of them, so it is compared as a fraction of BigInts — no tolerance, and no binary
// rounding turning 70 % into 69.99999999 %. A CAGR is compared through its square: √r − 1 ≥ t ⇔ r ≥ (1 + t)².

/** n / d with d > 0. */
export interface Rat {
  n: bigint;
  d: bigint;
}

const TEN = 10n;

/** The decimal a double stands for (its shortest round-trip form, which is what was typed or stored). */
export function ratOf(x: number): Rat {
  if (!Number.isFinite(x)) throw new Error(`not a finite number: ${x}`);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!m) throw new Error(`unexpected number form: ${x}`);
  const digits = BigInt(m[2] + (m[3] ?? ''));
  const exp = Number(m[4] ?? 0) - (m[3]?.length ?? 0);
  const sign = m[1] ? -1n : 1n;
  return exp >= 0 ? { n: sign * digits * TEN ** BigInt(exp), d: 1n } : { n: sign * digits, d: TEN ** BigInt(-exp) };
}

export const add = (a: Rat, b: Rat): Rat => ({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
export const sub = (a: Rat, b: Rat): Rat => ({ n: a.n * b.d - b.n * a.d, d: a.d * b.d });
export const mul = (a: Rat, b: Rat): Rat => ({ n: a.n * b.n, d: a.d * b.d });
/** a / b; null when b is 0. */
export function div(a: Rat, b: Rat): Rat | null {
  if (b.n === 0n) return null;
  return b.n < 0n ? { n: -a.n * b.d, d: a.d * -b.n } : { n: a.n * b.d, d: a.d * b.n };
}
export const int = (k: number): Rat => ({ n: BigInt(k), d: 1n });

/** −1, 0 or 1 as a is below, equal to or above b. */
export function cmp(a: Rat, b: Rat): -1 | 0 | 1 {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

export type Op = '>=' | '>' | '<=' | '<' | '==';

export function holds(sign: -1 | 0 | 1, op: Op): boolean {
  switch (op) {
    case '>=':
      return sign >= 0;
    case '>':
      return sign > 0;
    case '<=':
      return sign <= 0;
    case '<':
      return sign < 0;
    case '==':
      return sign === 0;
  }
}

/** A metric's exact value: a fraction, or (for a 2-year CAGR in percent) (√r − 1) × 100. */
export type Exact = { kind: 'rat'; r: Rat } | { kind: 'cagr'; r: Rat };

/** Compares an exact metric value with a decimal threshold. */
export function compareExact(v: Exact, op: Op, threshold: number): boolean {
  const t = ratOf(threshold);
  if (v.kind === 'rat') return holds(cmp(v.r, t), op);
  // (√r − 1) × 100 against t  ⇔  √r against s = 1 + t/100; √r ≥ 0, so a negative s lies below it.
  const s = add(int(1), { n: t.n, d: t.d * 100n });
  if (s.n < 0n) return holds(1, op);
  return holds(cmp(v.r, mul(s, s)), op);
}
