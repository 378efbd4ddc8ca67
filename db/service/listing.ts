// 上市后备库 (implements `listing.list|save|setStage`): firms in the 竞跃 or 凌云 reserve, keyed by credit code
// (the letter names 永彬木业 without one), their dated stages and 退出 with its reason, the funnel; the
// 股改奖补 each received comes from the payments ledger. Every change is audited.
import type Database from 'better-sqlite3';
import type { MethodOutput, ParsedInput } from '../contract';
import { PROGRESS_STAGES, STAGES, type ListingFirmT } from '../contracts/listing';
import { normaliseCreditCode } from '../creditCode';
import { AppError } from '../errors';
import { nameSortKey } from '../sortKey';
import { nowIso } from '../time';
import { auditList, listHistory } from './audit';
import { checkedCode } from './financing';
import { LISTING_CONTEXT } from './letterContext';
import { sumAmounts } from './listAmounts';

type Stage = (typeof STAGES)[number];
interface Row {
  id: number;
  credit_code: string | null;
  name: string;
  reserve: ListingFirmT['reserve'];
  entered_on: string | null;
  market: ListingFirmT['market'];
  intermediaries: string | null;
  problems: string | null;
  request_id: number | null;
  source: string;
  updated_by: string;
  updated_at: string;
  firm_id: number | null;
}
interface StageRow {
  listing_id: number;
  stage: Stage;
  on_date: string;
  reason: string | null;
  source: string;
  updated_by: string;
  updated_at: string;
}

const order = (s: Stage) => STAGES.indexOf(s);

/**
 * What is wrong with recording `next` among a firm's stages, or null: 退出 needs its reason; nothing moves on
 * after 退出; dates keep the order of the stages (and none comes before the entry date).
 */
export function stageProblem(enteredOn: string | null, stages: { stage: Stage; onDate: string }[], next: { stage: Stage; onDate: string; reason: string | null }): string | null {
  if (next.stage === '入库') return '入库日期请在企业信息中修改';
  if (next.stage === '退出' && !next.reason) return '退出须填写原因';
  const others = stages.filter((s) => s.stage !== next.stage);
  if (next.stage !== '退出' && others.some((s) => s.stage === '退出')) return '该企业已退出后备库，不能再记录后续阶段';
  if (enteredOn && next.onDate < enteredOn) return `日期早于入库日期（${enteredOn}）`;
  for (const s of others) {
    if (s.stage === '退出') continue;
    if (next.stage === '退出' ? s.onDate > next.onDate : order(s.stage) < order(next.stage) && s.onDate > next.onDate) return `日期早于已记录的“${s.stage}”日期（${s.onDate}）`;
    if (next.stage !== '退出' && order(s.stage) > order(next.stage) && s.onDate < next.onDate) return `日期晚于已记录的后续阶段“${s.stage}”日期（${s.onDate}）`;
  }
  return null;
}

/** The furthest stage reached: the last progress stage recorded, 入库 when none. */
export function furthestStage(stages: { stage: Stage }[]): Stage {
  const reached = PROGRESS_STAGES.filter((p) => stages.some((s) => s.stage === p));
  return reached.at(-1) ?? '入库';
}

function subsidies(db: Database.Database): Map<string, number> {
  const rows = db.prepare("SELECT credit_code, amount FROM payments WHERE kind = '股改奖补'").all() as { credit_code: string; amount: number }[];
  const by = new Map<string, number[]>();
  for (const r of rows) by.set(r.credit_code, [...(by.get(r.credit_code) ?? []), r.amount]);
  return new Map([...by].map(([k, v]) => [k, sumAmounts(v)]));
}

function firmsOf(db: Database.Database, rows: Row[]): ListingFirmT[] {
  const stages = db.prepare('SELECT * FROM listing_stages ORDER BY on_date, id').all() as StageRow[];
  const paid = subsidies(db);
  return rows.map((r) => {
    const own = stages.filter((s) => s.listing_id === r.id).sort((a, b) => order(a.stage) - order(b.stage));
    return {
      id: r.id,
      creditCode: r.credit_code,
      name: r.name,
      firmId: r.firm_id,
      reserve: r.reserve,
      enteredOn: r.entered_on,
      market: r.market,
      intermediaries: r.intermediaries,
      problems: r.problems,
      requestId: r.request_id,
      source: r.source,
      stage: own.some((s) => s.stage === '退出') ? '退出' : furthestStage(own),
      exited: own.some((s) => s.stage === '退出'),
      stages: [
        { stage: '入库' as const, onDate: r.entered_on, reason: null, source: r.source, updatedBy: r.updated_by, updatedAt: r.updated_at },
        ...own.map((s) => ({ stage: s.stage, onDate: s.on_date, reason: s.reason, source: s.source, updatedBy: s.updated_by, updatedAt: s.updated_at })),
      ],
      subsidy: r.credit_code ? (paid.get(r.credit_code) ?? 0) : 0,
      updatedBy: r.updated_by,
      updatedAt: r.updated_at,
    };
  });
}

const SQL = 'SELECT l.*, f.id AS firm_id FROM listing_firms l LEFT JOIN firms f ON f.credit_code = l.credit_code';

export function allListing(db: Database.Database): ListingFirmT[] {
  const rows = db.prepare(`${SQL} ORDER BY l.id`).all() as Row[];
  const key = new Map(rows.map((r) => [r.id, nameSortKey(r.name)]));
  rows.sort((a, b) => (a.reserve !== b.reserve ? (a.reserve === '凌云' ? -1 : 1) : key.get(a.id)! < key.get(b.id)! ? -1 : key.get(a.id)! > key.get(b.id)! ? 1 : a.id - b.id));
  return firmsOf(db, rows);
}

export function getListing(db: Database.Database, id: number): ListingFirmT {
  const row = db.prepare(`${SQL} WHERE l.id = ?`).get(id) as Row | undefined;
  if (!row) throw new AppError('not_found', `找不到后备库企业（编号 ${id}）`, { id });
  return firmsOf(db, [row])[0];
}

export function listListing(db: Database.Database, input: ParsedInput<'listing.list'>): MethodOutput<'listing.list'> {
  const search = input.search?.trim().toLowerCase();
  const code = input.creditCode ? normaliseCreditCode(input.creditCode) : undefined;
  const firms = allListing(db).filter(
    (f) => (!input.reserve || f.reserve === input.reserve) && (!search || `${f.name} ${f.creditCode ?? ''}`.toLowerCase().includes(search)) && (!code || f.creditCode === code),
  );
  const funnel = PROGRESS_STAGES.map((stage) => ({ stage, count: firms.filter((f) => stage === '入库' || f.stages.some((s) => s.stage === stage)).length }));
  return { firms, funnel, exited: firms.filter((f) => f.exited).length, district: LISTING_CONTEXT, history: listHistory(db, 'listing') };
}

const FIELDS = ['credit_code', 'name', 'reserve', 'entered_on', 'market', 'intermediaries', 'problems', 'request_id'] as const;
export type ListingFields = Record<(typeof FIELDS)[number], string | number | null>;

/** Writes a reserve firm's fields (inserting when `id` is null), auditing each change; returns its id. */
export function writeListing(db: Database.Database, id: number | null, fields: ListingFields, source: string, actor: string): number {
  const code = fields.credit_code as string | null;
  const taken = code ? (db.prepare('SELECT id FROM listing_firms WHERE credit_code = ?').pluck().get(code) as number | undefined) : undefined;
  if (taken !== undefined && taken !== id) throw new AppError('conflict', `统一社会信用代码 ${code} 已在后备库中（${fields.name}）`, { creditCode: code });
  if (id === null) {
    const newId = Number(
      db.prepare(`INSERT INTO listing_firms (${FIELDS.join(', ')}, source, updated_by, updated_at) VALUES (${FIELDS.map(() => '?').join(', ')}, ?, ?, ?)`).run(...FIELDS.map((f) => fields[f]), source, actor, nowIso()).lastInsertRowid,
    );
    auditList(db, actor, 'listing', code, 'reserve', null, String(fields.reserve), `纳入后备库：${fields.name}`);
    return newId;
  }
  const old = db.prepare('SELECT * FROM listing_firms WHERE id = ?').get(id) as ListingFields | undefined;
  if (!old) throw new AppError('not_found', `找不到后备库企业（编号 ${id}）`, { id });
  const changed = FIELDS.filter((f) => old[f] !== fields[f]);
  if (!changed.length) return id;
  db.prepare(`UPDATE listing_firms SET ${changed.map((f) => `${f} = ?`).join(', ')}, updated_by = ?, updated_at = ? WHERE id = ?`).run(...changed.map((f) => fields[f]), actor, nowIso(), id);
  for (const f of changed) auditList(db, actor, 'listing', code, f, old[f], fields[f], `修改后备库企业：${fields.name}`);
  return id;
}

export function saveListing(db: Database.Database, input: ParsedInput<'listing.save'>, actor: string): ListingFirmT {
  const fields: ListingFields = {
    credit_code: input.creditCode?.trim() ? checkedCode(input.creditCode) : null,
    name: input.name,
    reserve: input.reserve,
    entered_on: input.enteredOn ?? null,
    market: input.market ?? null,
    intermediaries: input.intermediaries?.trim() || null,
    problems: input.problems?.trim() || null,
    request_id: input.requestId ?? null,
  };
  if (input.id !== undefined && fields.entered_on) {
    const first = getListing(db, input.id).stages.slice(1).find((s) => s.stage !== '退出');
    if (first?.onDate && first.onDate < fields.entered_on) throw new AppError('invalid_input', `入库日期晚于已记录的“${first.stage}”日期（${first.onDate}）`);
  }
  const id = db.transaction(() => writeListing(db, input.id ?? null, fields, '手工录入', actor))();
  return getListing(db, id);
}

/** Records a stage on its date (changing the date when it was recorded before), in one audited write. */
export function writeStage(db: Database.Database, f: ListingFirmT, next: { stage: Stage; onDate: string; reason: string | null }, source: string, actor: string): void {
  const problem = stageProblem(
    f.enteredOn,
    f.stages.slice(1).map((s) => ({ stage: s.stage, onDate: s.onDate! })),
    next,
  );
  if (problem) throw new AppError('invalid_input', `${f.name}“${next.stage}”：${problem}`, { stage: next.stage });
  const before = f.stages.find((s) => s.stage === next.stage && s !== f.stages[0]);
  if (before && before.onDate === next.onDate && before.reason === next.reason) return;
  db.prepare(
    `INSERT INTO listing_stages (listing_id, stage, on_date, reason, source, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (listing_id, stage) DO UPDATE SET on_date = excluded.on_date, reason = excluded.reason, source = excluded.source, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  ).run(f.id, next.stage, next.onDate, next.reason, source, actor, nowIso());
  const show = (s: { onDate: string | null; reason: string | null } | undefined) => (s ? `${s.onDate}${s.reason ? `（${s.reason}）` : ''}` : null);
  auditList(db, actor, 'listing', f.creditCode, next.stage, show(before), show(next), `后备库阶段：${f.name}`);
}

export function setStage(db: Database.Database, input: ParsedInput<'listing.setStage'>, actor: string): ListingFirmT {
  const f = getListing(db, input.id);
  db.transaction(() => writeStage(db, f, { stage: input.stage, onDate: input.onDate, reason: input.reason?.trim() || null }, '手工录入', actor))();
  return getListing(db, f.id);
}
