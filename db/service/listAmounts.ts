// Amounts of the lists (万元): typed or read as the figures import reads them, and summed exactly.
import { AppError } from '../errors';
import { readMoney } from '../import/values';

/** 万元 from a number or text such as `1.2亿`, `3500万元`, `12,345.6`; null when empty. Refuses negatives. */
export function amountOf(raw: number | string | null | undefined, label: string): number | null {
  const r = readMoney(raw ?? null);
  if ('reason' in r) throw new AppError('invalid_input', `${label}“${raw}”无法识别：${r.reason}。请填写万元数，如 3500、3500万元 或 1.2亿。`, { label, raw });
  if (r.value !== null && r.value < 0) throw new AppError('invalid_input', `${label}不能为负数（${raw}）`, { label, raw });
  return r.value;
}

/** A sum of 万元 amounts without binary drift: added as whole millionths (858.737 + 292 is 1150.737). */
export function sumAmounts(values: Iterable<number | null | undefined>): number {
  let micro = 0;
  for (const v of values) if (v != null) micro += Math.round(v * 1e6);
  return micro / 1e6;
}
