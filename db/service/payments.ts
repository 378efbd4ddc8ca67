// 奖补兑现台账 (implements `payments.list|save|delete`): rewards and subsidies paid per firm, by kind and year,
// amounts in 万元 kept exactly (858.737 stays 858.737) and summed exactly; the letter's totals as context.
import type Database from 'better-sqlite3';
import type { MethodOutput, ParsedInput } from '../contract';
import { PAYMENT_KINDS, type PaymentT } from '../contracts/listing';
import { REWARD_CODES } from '../contracts/overview';
import { normaliseCreditCode } from '../creditCode';
import { AppError } from '../errors';
import { nowIso } from '../time';
import { auditList, listHistory } from './audit';
import { checkedCode } from './financing';
import { PAYMENTS_CONTEXT } from './letterContext';
import { amountOf, sumAmounts } from './listAmounts';

interface Row {
  id: number;
  credit_code: string;
  name: string;
  kind: PaymentT['kind'];
  title_code: PaymentT['titleCode'];
  year: number;
  amount: number;
  document: string | null;
  source: string;
  updated_by: string;
  updated_at: string;
  firm_id: number | null;
}

const SQL = 'SELECT p.*, f.id AS firm_id FROM payments p LEFT JOIN firms f ON f.credit_code = p.credit_code';
const shape = (r: Row): PaymentT => ({
  id: r.id,
  creditCode: r.credit_code,
  name: r.name,
  firmId: r.firm_id,
  kind: r.kind,
  titleCode: r.title_code,
  year: r.year,
  amount: r.amount,
  document: r.document,
  source: r.source,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
});

export function allPayments(db: Database.Database): PaymentT[] {
  return (db.prepare(`${SQL} ORDER BY p.year DESC, p.kind, p.id`).all() as Row[]).map(shape);
}

export function getPayment(db: Database.Database, id: number): PaymentT {
  const r = db.prepare(`${SQL} WHERE p.id = ?`).get(id) as Row | undefined;
  if (!r) throw new AppError('not_found', `找不到奖补记录（编号 ${id}）`, { id });
  return shape(r);
}

const sum = (rows: PaymentT[]) => ({ count: rows.length, firms: new Set(rows.map((r) => r.creditCode)).size, amount: sumAmounts(rows.map((r) => r.amount)) });

export function listPayments(db: Database.Database, input: ParsedInput<'payments.list'>): MethodOutput<'payments.list'> {
  const code = input.creditCode ? normaliseCreditCode(input.creditCode) : undefined;
  const rows = allPayments(db).filter((p) => (!code || p.creditCode === code) && (!input.kind || p.kind === input.kind) && (input.year === undefined || p.year === input.year));
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => b - a);
  return {
    rows,
    total: sumAmounts(rows.map((r) => r.amount)),
    byKind: PAYMENT_KINDS.map((kind) => ({ kind, ...sum(rows.filter((r) => r.kind === kind)) })).filter((k) => k.count > 0),
    byYear: years.map((year) => ({ year, ...sum(rows.filter((r) => r.year === year)) })),
    byTitle: REWARD_CODES.map((code) => ({ code, ...sum(rows.filter((r) => r.kind === '首次认定奖励' && r.titleCode === code)) })).filter((k) => k.count > 0),
    district: PAYMENTS_CONTEXT,
    history: listHistory(db, 'payment'),
  };
}

const FIELDS = ['credit_code', 'name', 'kind', 'title_code', 'year', 'amount', 'document'] as const;
export type PaymentFields = Record<(typeof FIELDS)[number], string | number | null>;

/** A 首次认定奖励 names its title; no other kind does. */
export function paymentProblem(f: { kind: unknown; title_code: unknown; amount: unknown }): string | null {
  if (f.kind === '首次认定奖励' && !f.title_code) return '首次认定奖励须注明称号';
  if (f.kind !== '首次认定奖励' && f.title_code) return '只有首次认定奖励注明称号';
  if (typeof f.amount !== 'number' || f.amount <= 0) return '金额须大于 0（万元）';
  return null;
}

export function writePayment(db: Database.Database, id: number | null, fields: PaymentFields, source: string, actor: string): number {
  const label = `${fields.name} · ${fields.year}年${fields.kind}`;
  if (id === null) {
    const newId = Number(
      db.prepare(`INSERT INTO payments (${FIELDS.join(', ')}, source, updated_by, updated_at) VALUES (${FIELDS.map(() => '?').join(', ')}, ?, ?, ?)`).run(...FIELDS.map((f) => fields[f]), source, actor, nowIso()).lastInsertRowid,
    );
    auditList(db, actor, 'payment', fields.credit_code as string, 'amount', null, fields.amount, `登记奖补：${label}`);
    return newId;
  }
  const old = db.prepare('SELECT * FROM payments WHERE id = ?').get(id) as PaymentFields | undefined;
  if (!old) throw new AppError('not_found', `找不到奖补记录（编号 ${id}）`, { id });
  const changed = FIELDS.filter((f) => old[f] !== fields[f]);
  if (!changed.length) return id;
  db.prepare(`UPDATE payments SET ${changed.map((f) => `${f} = ?`).join(', ')}, updated_by = ?, updated_at = ? WHERE id = ?`).run(...changed.map((f) => fields[f]), actor, nowIso(), id);
  for (const f of changed) auditList(db, actor, 'payment', fields.credit_code as string, f, old[f], fields[f], `修改奖补：${label}`);
  return id;
}

export function savePayment(db: Database.Database, input: ParsedInput<'payments.save'>, actor: string): PaymentT {
  const fields: PaymentFields = {
    credit_code: checkedCode(input.creditCode),
    name: input.name,
    kind: input.kind,
    title_code: input.titleCode ?? null,
    year: input.year,
    amount: amountOf(input.amount, '金额'),
    document: input.document?.trim() || null,
  };
  const problem = paymentProblem(fields);
  if (problem) throw new AppError('invalid_input', problem);
  const id = db.transaction(() => writePayment(db, input.id ?? null, fields, '手工录入', actor))();
  return getPayment(db, id);
}

export function deletePayment(db: Database.Database, id: number, actor: string): { deleted: number } {
  const p = getPayment(db, id);
  db.transaction(() => {
    db.prepare('DELETE FROM payments WHERE id = ?').run(id);
    auditList(db, actor, 'payment', p.creditCode, 'amount', p.amount, null, `删除奖补：${p.name} · ${p.year}年${p.kind}`);
  })();
  return { deleted: 1 };
}
