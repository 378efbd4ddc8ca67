// 融资需求名单 (implements the `finance.*` methods of db/contracts/financing.ts): needs keyed by the firm's
// credit code, the banks each was pushed to with each bank's 对接结果, totals and statistics. Every change is
// one transaction with its audit lines.
import type Database from 'better-sqlite3';
import type { MethodOutput, ParsedInput } from '../contract';
import { NEED_STATUSES, PUSH_RESULTS, FINANCE_PURPOSES, type NeedT } from '../contracts/financing';
import { creditCodeProblem, normaliseCreditCode } from '../creditCode';
import { AppError } from '../errors';
import { nowIso } from '../time';
import { nameSortKey } from '../sortKey';
import { auditList, listHistory } from './audit';
import { amountOf, sumAmounts } from './listAmounts';

type PushResult = (typeof PUSH_RESULTS)[number];
type Status = (typeof NEED_STATUSES)[number];

interface NeedRow {
  id: number;
  credit_code: string;
  name: string;
  project: string;
  amount: number;
  purpose: NeedT['purpose'];
  method: NeedT['method'];
  term: string | null;
  mentor_bank: string | null;
  mentor_since: string | null;
  note: string | null;
  source: string;
  updated_by: string;
  updated_at: string;
  firm_id: number | null;
}
interface PushRow {
  need_id: number;
  bank: string;
  pushed_on: string;
  result: PushResult;
  reason: string | null;
  credit_amount: number | null;
  loan_amount: number | null;
  updated_by: string;
  updated_at: string;
}

/** The furthest any bank got: 已放款 over 已授信 over 对接中 over 未成功; 未推送 before the first push. */
export function needStatus(results: PushResult[]): Status {
  if (!results.length) return '未推送';
  for (const r of ['已放款', '已授信', '对接中'] as const) if (results.includes(r)) return r;
  return '未成功';
}

/** A credit code as typed, checked (GB 32100); the message says what to do. */
export function checkedCode(raw: string): string {
  const code = normaliseCreditCode(raw);
  const problem = creditCodeProblem(code);
  if (problem) throw new AppError('invalid_input', `统一社会信用代码“${raw}”${problem === 'length' ? '应为 18 位' : problem === 'characters' ? '含有不允许的字符' : '校验位不符'}，请核对后重填。`, { creditCode: raw });
  return code;
}

const NEED_SQL = `SELECT n.*, f.id AS firm_id FROM financing_needs n LEFT JOIN firms f ON f.credit_code = n.credit_code`;

function needsOf(db: Database.Database, rows: NeedRow[]): NeedT[] {
  if (!rows.length) return [];
  const pushes = db
    .prepare(`SELECT * FROM financing_pushes WHERE need_id IN (${rows.map(() => '?').join(',')}) ORDER BY pushed_on, id`)
    .all(...rows.map((r) => r.id)) as PushRow[];
  const byNeed = new Map<number, PushRow[]>();
  for (const p of pushes) byNeed.set(p.need_id, [...(byNeed.get(p.need_id) ?? []), p]);
  return rows.map((r) => {
    const ps = byNeed.get(r.id) ?? [];
    return {
      id: r.id,
      creditCode: r.credit_code,
      name: r.name,
      firmId: r.firm_id,
      project: r.project,
      amount: r.amount,
      purpose: r.purpose,
      method: r.method,
      term: r.term,
      mentorBank: r.mentor_bank,
      mentorSince: r.mentor_since,
      note: r.note,
      source: r.source,
      status: needStatus(ps.map((p) => p.result)),
      credit: sumAmounts(ps.map((p) => p.credit_amount)),
      loan: sumAmounts(ps.map((p) => p.loan_amount)),
      pushes: ps.map((p) => ({
        bank: p.bank,
        pushedOn: p.pushed_on,
        result: p.result,
        reason: p.reason,
        credit: p.credit_amount,
        loan: p.loan_amount,
        updatedBy: p.updated_by,
        updatedAt: p.updated_at,
      })),
      updatedBy: r.updated_by,
      updatedAt: r.updated_at,
    };
  });
}

export function getNeed(db: Database.Database, id: number): NeedT {
  const row = db.prepare(`${NEED_SQL} WHERE n.id = ?`).get(id) as NeedRow | undefined;
  if (!row) throw new AppError('not_found', `找不到融资需求（编号 ${id}）`, { id });
  return needsOf(db, [row])[0];
}

/** Every need, in the order of the 名单: firms by pinyin, each firm's needs as entered. */
export function allNeeds(db: Database.Database): NeedT[] {
  const rows = db.prepare(`${NEED_SQL} ORDER BY n.id`).all() as NeedRow[];
  const keys = new Map(rows.map((r) => [r.name, nameSortKey(r.name)]));
  rows.sort((a, b) => (keys.get(a.name)! < keys.get(b.name)! ? -1 : keys.get(a.name)! > keys.get(b.name)! ? 1 : a.id - b.id));
  return needsOf(db, rows);
}

const sums = (needs: NeedT[]) => ({ needs: needs.length, amount: sumAmounts(needs.map((n) => n.amount)), credit: sumAmounts(needs.map((n) => n.credit)), loan: sumAmounts(needs.map((n) => n.loan)) });

export function listNeeds(db: Database.Database, input: ParsedInput<'finance.list'>): MethodOutput<'finance.list'> {
  const all = allNeeds(db);
  const search = input.search?.trim().toLowerCase();
  const code = input.creditCode ? normaliseCreditCode(input.creditCode) : undefined;
  const needs = all.filter(
    (n) =>
      (!search || `${n.name} ${n.creditCode} ${n.project}`.toLowerCase().includes(search)) &&
      (!code || n.creditCode === code) &&
      (!input.bank || n.pushes.some((p) => p.bank === input.bank)) &&
      (!input.purpose || n.purpose === input.purpose) &&
      (!input.status || n.status === input.status),
  );
  const banks = [...new Set(all.flatMap((n) => n.pushes.map((p) => p.bank)))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  const byBank = banks
    .map((bank) => {
      const pushed = needs.flatMap((n) => n.pushes.filter((p) => p.bank === bank).map((p) => ({ n, p })));
      const results = Object.fromEntries(PUSH_RESULTS.map((r) => [r, pushed.filter((x) => x.p.result === r).length])) as Record<PushResult, number>;
      return {
        bank,
        needs: pushed.length,
        amount: sumAmounts(pushed.map((x) => x.n.amount)),
        credit: sumAmounts(pushed.map((x) => x.p.credit)),
        loan: sumAmounts(pushed.map((x) => x.p.loan)),
        results,
      };
    })
    .filter((b) => b.needs > 0);
  const byPurpose = FINANCE_PURPOSES.map((purpose) => ({ purpose, ...sums(needs.filter((n) => n.purpose === purpose)) })).filter((p) => p.needs > 0);
  return { needs, totals: sums(needs), byBank, byPurpose, banks, history: listHistory(db, 'financing') };
}

const NEED_FIELDS = ['credit_code', 'name', 'project', 'amount', 'purpose', 'method', 'term', 'mentor_bank', 'mentor_since', 'note'] as const;
type NeedFields = Record<(typeof NEED_FIELDS)[number], string | number | null>;

/** Writes a need's fields (inserting it when `id` is null), auditing each change; returns its id. */
export function writeNeed(db: Database.Database, id: number | null, fields: NeedFields, source: string, actor: string): number {
  const now = nowIso();
  const label = `${fields.name} · ${fields.project}`;
  if (id === null) {
    const newId = Number(
      db
        .prepare(`INSERT INTO financing_needs (${NEED_FIELDS.join(', ')}, source, updated_by, updated_at) VALUES (${NEED_FIELDS.map(() => '?').join(', ')}, ?, ?, ?)`)
        .run(...NEED_FIELDS.map((f) => fields[f]), source, actor, now).lastInsertRowid,
    );
    auditList(db, actor, 'financing', fields.credit_code as string, 'need', null, `${fields.project}（${fields.amount}万元）`, `新增融资需求：${label}`);
    return newId;
  }
  const old = db.prepare('SELECT * FROM financing_needs WHERE id = ?').get(id) as NeedFields | undefined;
  if (!old) throw new AppError('not_found', `找不到融资需求（编号 ${id}）`, { id });
  const changed = NEED_FIELDS.filter((f) => old[f] !== fields[f]);
  if (!changed.length) return id;
  db.prepare(`UPDATE financing_needs SET ${changed.map((f) => `${f} = ?`).join(', ')}, updated_by = ?, updated_at = ? WHERE id = ?`).run(...changed.map((f) => fields[f]), actor, now, id);
  for (const f of changed) auditList(db, actor, 'financing', fields.credit_code as string, f, old[f], fields[f], `修改融资需求：${label}`);
  return id;
}

export function saveNeed(db: Database.Database, input: ParsedInput<'finance.save'>, actor: string): NeedT {
  const amount = amountOf(input.amount, '融资金额');
  if (amount === null || amount <= 0) throw new AppError('invalid_input', '融资金额须大于 0（万元）');
  const fields: NeedFields = {
    credit_code: checkedCode(input.creditCode),
    name: input.name,
    project: input.project,
    amount,
    purpose: input.purpose,
    method: input.method,
    term: input.term?.trim() || null,
    mentor_bank: input.mentorBank?.trim() || null,
    mentor_since: input.mentorSince ?? null,
    note: input.note?.trim() || null,
  };
  const id = db.transaction(() => writeNeed(db, input.id ?? null, fields, '手工录入', actor))();
  return getNeed(db, id);
}

export function deleteNeed(db: Database.Database, id: number, actor: string): { deleted: number } {
  const need = getNeed(db, id);
  db.transaction(() => {
    db.prepare('DELETE FROM financing_needs WHERE id = ?').run(id);
    auditList(db, actor, 'financing', need.creditCode, 'need', `${need.project}（${need.amount}万元）`, null, `删除融资需求：${need.name} · ${need.project}`);
  })();
  return { deleted: 1 };
}

/** Pushes a need to banks on a date; a bank it was pushed to before keeps its result and its first date. */
export function pushNeed(db: Database.Database, input: ParsedInput<'finance.push'>, actor: string): NeedT {
  const need = getNeed(db, input.needId);
  const banks = [...new Set(input.banks.map((b) => b.trim()))];
  db.transaction(() => {
    for (const bank of banks) {
      if (need.pushes.some((p) => p.bank === bank)) continue;
      db.prepare('INSERT INTO financing_pushes (need_id, bank, pushed_on, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)').run(need.id, bank, input.pushedOn, actor, nowIso());
      auditList(db, actor, 'financing', need.creditCode, 'push', null, `${bank}（${input.pushedOn}）`, `推送银行：${need.name} · ${need.project}`);
    }
  })();
  return getNeed(db, need.id);
}

export interface PushFields {
  result: PushResult;
  reason: string | null;
  credit: number | null;
  loan: number | null;
}

/** A bank's 对接结果: 未成功 needs its reason; 已授信 needs the 授信 amount, 已放款 the 放款 amount. */
export function checkResult(f: PushFields): string | null {
  if (f.result === '未成功' && !f.reason) return '对接未成功时须填写原因';
  if (f.result === '已授信' && f.credit === null) return '已授信时须填写授信金额（万元）';
  if (f.result === '已放款' && f.loan === null) return '已放款时须填写放款金额（万元）';
  if (f.credit !== null && f.loan !== null && f.loan > f.credit && f.result !== '已放款') return '放款金额大于授信金额';
  return null;
}

export function writeResult(db: Database.Database, need: NeedT, bank: string, f: PushFields, actor: string): void {
  const push = need.pushes.find((p) => p.bank === bank);
  if (!push) throw new AppError('invalid_input', `该需求尚未推送至${bank}，请先推送`, { bank });
  const before = { result: push.result, reason: push.reason, credit: push.credit, loan: push.loan };
  const cols = { result: 'result', reason: 'reason', credit: 'credit_amount', loan: 'loan_amount' } as const;
  const changed = (Object.keys(cols) as (keyof typeof cols)[]).filter((k) => before[k] !== f[k]);
  if (!changed.length) return;
  db.prepare(`UPDATE financing_pushes SET ${changed.map((k) => `${cols[k]} = ?`).join(', ')}, updated_by = ?, updated_at = ? WHERE need_id = ? AND bank = ?`).run(
    ...changed.map((k) => f[k]),
    actor,
    nowIso(),
    need.id,
    bank,
  );
  for (const k of changed) auditList(db, actor, 'financing', need.creditCode, `${bank}.${cols[k]}`, before[k], f[k], `对接结果：${need.name} · ${need.project}`);
}

export function setResult(db: Database.Database, input: ParsedInput<'finance.setResult'>, actor: string): NeedT {
  const need = getNeed(db, input.needId);
  const f: PushFields = {
    result: input.result,
    reason: input.reason?.trim() || null,
    credit: amountOf(input.credit, '授信金额'),
    loan: amountOf(input.loan, '放款金额'),
  };
  const problem = checkResult(f);
  if (problem) throw new AppError('invalid_input', problem, { bank: input.bank });
  db.transaction(() => writeResult(db, need, input.bank.trim(), f, actor))();
  return getNeed(db, need.id);
}
