// 诉求台账: the ledger's records — add, edit, 交办, progress, 办结, 回访 (不满意 reopens it as 重办, the closed
// round kept in its progress) — each write one transaction with its audit entries (entity `request`).
import type Database from 'better-sqlite3';
import type { MethodOutput, ParsedInput } from '../contract';
import { creditCodeProblem, normaliseCreditCode } from '../creditCode';
import { AppError } from '../errors';
import { dateProblems, zhDate } from '../requestRules';
import { nameSortKey } from '../sortKey';
import { insertSource } from '../store/sources';
import { nowIso } from '../time';
import { loadRequests, toRow, type StoredRequest } from './requestRows';

type Detail = MethodOutput<'requests.get'>;

/** The note a firm recorded only for its requests carries, so whoever opens it sees why it is there. */
export const OUTSIDE_POOL_NOTE = '诉求台账登记的企业，不在培育库';

const FIELD_ZH: Record<string, string> = {
  firm_id: '企业',
  credit_code: '统一社会信用代码',
  town: '所属镇街',
  origin: '诉求来源',
  category: '诉求类别',
  content: '诉求内容',
  received: '提出日期',
  taken_by: '服务专员',
  handling: '处理方式',
  department: '责任部门',
  assigned: '交办日期',
  deadline: '办理时限',
  closed: '办结日期',
  result: '办理结果',
  visited: '回访日期',
  rating: '企业评价',
  rounds: '办理轮次',
};

export function audit(db: Database.Database, r: { id: number; firm_id: number }, actor: string, field: string | null, oldValue: unknown, newValue: unknown, note: string | null = null): void {
  const s = (v: unknown) => (v === null || v === undefined ? null : String(v));
  db.prepare("INSERT INTO audit_log (at, actor, entity, request_id, firm_id, field, old_value, new_value, note) VALUES (?, ?, 'request', ?, ?, ?, ?, ?, ?)").run(
    nowIso(),
    actor,
    r.id,
    r.firm_id,
    field,
    s(oldValue),
    s(newValue),
    note,
  );
}

function requireRequest(db: Database.Database, id: number): StoredRequest {
  const r = loadRequests(db, 'WHERE r.id = ?', [id])[0];
  if (!r) throw new AppError('not_found', `找不到诉求（编号 ${id}）`, { id });
  return r;
}

export function getRequest(db: Database.Database, id: number, asOf: string): Detail {
  const r = requireRequest(db, id);
  const progress = db.prepare('SELECT id, round, kind, date, note, by, at FROM request_progress WHERE request_id = ? ORDER BY date, id').all(id) as Detail['progress'];
  const history = db
    .prepare(
      `SELECT a.id, a.at, a.actor, a.entity, a.year, a.field, a.old_value AS oldValue, a.new_value AS newValue, a.note, f.name AS firmName
       FROM audit_log a LEFT JOIN firms f ON f.id = a.firm_id WHERE a.request_id = ? ORDER BY a.id DESC`,
    )
    .all(id) as Detail['history'];
  const source = db.prepare('SELECT kind, label, file, sheet FROM sources WHERE id = ?').get(r.source_id) as Omit<Detail['source'], 'row'>;
  return { ...toRow(r, asOf), progress, history: history.map((h) => ({ ...h, field: h.field ? (FIELD_ZH[h.field] ?? h.field) : null })), source: { ...source, row: r.source_row } };
}

export function requestLists(db: Database.Database): MethodOutput<'requests.lists'> {
  const names = (kind: string) => (db.prepare('SELECT name FROM request_lists WHERE kind = ? ORDER BY position, id').all(kind) as { name: string }[]).map((r) => r.name);
  return { categories: names('category'), departments: names('department') };
}

/** Replaces a list; names in use by a request stay valid (the ledger keeps what it recorded). */
export function setRequestList(db: Database.Database, input: ParsedInput<'requests.setList'>, actor: string): MethodOutput<'requests.lists'> {
  const names = [...new Set(input.names.map((n) => n.trim()).filter(Boolean))];
  const before = requestLists(db)[input.kind === 'category' ? 'categories' : 'departments'];
  db.transaction(() => {
    db.prepare('DELETE FROM request_lists WHERE kind = ?').run(input.kind);
    const add = db.prepare('INSERT INTO request_lists (kind, name, position) VALUES (?, ?, ?)');
    names.forEach((n, i) => add.run(input.kind, n, i + 1));
    db.prepare("INSERT INTO audit_log (at, actor, entity, field, old_value, new_value) VALUES (?, ?, 'request_list', ?, ?, ?)").run(nowIso(), actor, input.kind === 'category' ? '诉求类别' : '责任部门', before.join('、'), names.join('、'));
  })();
  return requestLists(db);
}

/** Adds names the lists lack (an imported ledger's own categories and departments). */
export function extendLists(db: Database.Database, kind: 'category' | 'department', names: string[]): void {
  const add = db.prepare('INSERT OR IGNORE INTO request_lists (kind, name, position) VALUES (?, ?, (SELECT coalesce(max(position), 0) + 1 FROM request_lists WHERE kind = ?))');
  for (const n of names) add.run(kind, n, kind);
}

function checkListed(db: Database.Database, kind: 'category' | 'department', value: string | null | undefined): void {
  if (value == null) return;
  const lists = requestLists(db);
  const list = kind === 'category' ? lists.categories : lists.departments;
  if (!list.includes(value)) throw new AppError('invalid_input', `${kind === 'category' ? '诉求类别' : '责任部门'}“${value}”不在列表中；请先在列表中添加，或从列表中选择`, { field: kind });
}

function checkDates(r: Parameters<typeof dateProblems>[0]): void {
  const problems = dateProblems(r);
  if (problems.length) throw new AppError('invalid_input', problems.map((p) => p.reason).join('；'), { field: problems[0].field });
}

/** The firm of a credit code; one not yet known is recorded (not a pool member), which needs its name. */
export function firmFor(db: Database.Database, rawCode: string, firmName: string | undefined, town: string | null, sourceId: () => number): { id: number; created: boolean } {
  const code = normaliseCreditCode(rawCode);
  const problem = creditCodeProblem(code);
  if (problem) throw new AppError('invalid_input', `统一社会信用代码“${rawCode}”无效：${{ length: '应为 18 位', characters: '含有不允许的字符', check_character: '校验位不符' }[problem]}`, { field: 'creditCode' });
  const known = db.prepare('SELECT id FROM firms WHERE credit_code = ?').get(code) as { id: number } | undefined;
  if (known) return { id: known.id, created: false };
  if (!firmName) throw new AppError('invalid_input', `库中没有统一社会信用代码为 ${code} 的企业：请填写企业名称，将登记为培育库外企业`, { field: 'firmName' });
  const id = Number(
    db
      .prepare('INSERT INTO firms (credit_code, name, name_sort, town, note, source_id) VALUES (?, ?, ?, ?, ?, ?)')
      .run(code, firmName, nameSortKey(firmName), town, OUTSIDE_POOL_NOTE, sourceId()).lastInsertRowid,
  );
  return { id, created: true };
}

export function createRequest(db: Database.Database, input: ParsedInput<'requests.create'>, actor: string, asOf: string): Detail {
  checkDates({ received: input.received, assigned: input.assigned ?? null, deadline: input.deadline ?? null });
  checkListed(db, 'category', input.category);
  checkListed(db, 'department', input.department);
  const id = db.transaction(() => {
    let source: number | null = null;
    const sourceId = () => (source ??= insertSource(db, { kind: 'manual', label: '诉求台账录入', actor }));
    const firm = firmFor(db, input.creditCode, input.firmName, input.town ?? null, sourceId);
    const town = input.town ?? (db.prepare('SELECT town FROM firms WHERE id = ?').get(firm.id) as { town: string | null }).town;
    const now = nowIso();
    const newId = Number(
      db
        .prepare(
          `INSERT INTO requests (firm_id, credit_code, town, origin, category, content, received, taken_by, handling, department, assigned, deadline, source_id, created_by, created_at, updated_at)
           VALUES (?, (SELECT credit_code FROM firms WHERE id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(firm.id, firm.id, town, input.origin, input.category, input.content, input.received, input.takenBy ?? null, input.handling, input.department ?? null, input.assigned ?? null, input.deadline ?? null, sourceId(), actor, now, now).lastInsertRowid,
    );
    audit(db, { id: newId, firm_id: firm.id }, actor, 'create', null, input.content, firm.created ? `新登记培育库外企业 ${input.firmName}` : null);
    if (input.assigned && input.department) addProgress(db, newId, 1, 'handover', input.assigned, `交办${input.department}${input.deadline ? `，限${zhDate(input.deadline)}前办结` : ''}`, input.takenBy ?? actor);
    return newId;
  })();
  return getRequest(db, id, asOf);
}

const COLUMN: Record<string, string> = { town: 'town', origin: 'origin', category: 'category', content: 'content', received: 'received', takenBy: 'taken_by', handling: 'handling', department: 'department', assigned: 'assigned', deadline: 'deadline' };

export function updateRequest(db: Database.Database, input: ParsedInput<'requests.update'>, actor: string, asOf: string): Detail {
  const r = requireRequest(db, input.id);
  const next: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(COLUMN)) {
    const v = (input as Record<string, unknown>)[key];
    if (v !== undefined && v !== (r as unknown as Record<string, unknown>)[column]) next[column] = v;
  }
  const after = (column: 'received' | 'assigned' | 'deadline') => (column in next ? (next[column] as string | null) : r[column]);
  checkDates({ received: after('received')!, assigned: after('assigned'), deadline: after('deadline'), closed: r.closed, visited: r.visited });
  if ('category' in next) checkListed(db, 'category', next.category as string);
  if ('department' in next) checkListed(db, 'department', next.department as string | null);
  db.transaction(() => {
    if (input.creditCode !== undefined && normaliseCreditCode(input.creditCode) !== r.credit_code) {
      let source: number | null = null;
      const firm = firmFor(db, input.creditCode, input.firmName, r.town, () => (source ??= insertSource(db, { kind: 'manual', label: '诉求台账录入', actor })));
      next.firm_id = firm.id;
      next.credit_code = normaliseCreditCode(input.creditCode);
    }
    const columns = Object.keys(next);
    if (!columns.length) return;
    db.prepare(`UPDATE requests SET ${columns.map((c) => `${c} = ?`).join(', ')}, updated_at = ? WHERE id = ?`).run(...columns.map((c) => next[c]), nowIso(), r.id);
    for (const c of columns) audit(db, { id: r.id, firm_id: (next.firm_id as number) ?? r.firm_id }, actor, c, (r as unknown as Record<string, unknown>)[c], next[c]);
  })();
  return getRequest(db, r.id, asOf);
}

function addProgress(db: Database.Database, id: number, round: number, kind: Detail['progress'][number]['kind'], date: string, note: string, by: string): void {
  db.prepare('INSERT INTO request_progress (request_id, round, kind, date, note, by, at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(id, round, kind, date, note, by, nowIso());
}

/** Sets columns of a request with an audit entry for each value that changes. */
function setColumns(db: Database.Database, r: StoredRequest, actor: string, values: Record<string, string | number | null>, note: string | null = null): void {
  const columns = Object.keys(values).filter((c) => (r as unknown as Record<string, unknown>)[c] !== values[c]);
  if (!columns.length) return;
  db.prepare(`UPDATE requests SET ${columns.map((c) => `${c} = ?`).join(', ')}, updated_at = ? WHERE id = ?`).run(...columns.map((c) => values[c]), nowIso(), r.id);
  for (const c of columns) audit(db, r, actor, c, (r as unknown as Record<string, unknown>)[c], values[c], note);
}

export function handOver(db: Database.Database, input: ParsedInput<'requests.handover'>, actor: string, asOf: string): Detail {
  const r = requireRequest(db, input.id);
  if (r.closed) throw new AppError('invalid_input', `该诉求已于${zhDate(r.closed)}办结，不能再交办；如企业不满意，请先记录回访`);
  checkListed(db, 'department', input.department);
  checkDates({ received: r.received, assigned: input.assigned, deadline: input.deadline });
  if (input.deadline && input.deadline < input.assigned) throw new AppError('invalid_input', `办理时限（${zhDate(input.deadline)}）早于交办日期（${zhDate(input.assigned)}）`, { field: 'deadline' });
  db.transaction(() => {
    setColumns(db, r, actor, { department: input.department, assigned: input.assigned, deadline: input.deadline, handling: '上报专班' }, input.note ?? null);
    const text = `交办${input.department}${input.deadline ? `，限${zhDate(input.deadline)}前办结` : '，未定时限'}${input.note ? `：${input.note}` : ''}`;
    addProgress(db, r.id, r.rounds, 'handover', input.assigned, text, input.by);
  })();
  return getRequest(db, r.id, asOf);
}

export function addRequestProgress(db: Database.Database, input: ParsedInput<'requests.progress'>, actor: string, asOf: string): Detail {
  const r = requireRequest(db, input.id);
  if (input.date < r.received) throw new AppError('invalid_input', `进展日期（${zhDate(input.date)}）早于提出日期（${zhDate(r.received)}）`, { field: 'date' });
  db.transaction(() => {
    addProgress(db, r.id, r.rounds, 'progress', input.date, input.note, input.by);
    audit(db, r, actor, 'progress', null, `${input.date} ${input.by}：${input.note}`);
  })();
  return getRequest(db, r.id, asOf);
}

export function closeRequest(db: Database.Database, input: ParsedInput<'requests.close'>, actor: string, asOf: string): Detail {
  const r = requireRequest(db, input.id);
  if (r.closed) throw new AppError('invalid_input', `该诉求已于${zhDate(r.closed)}办结`);
  checkDates({ received: r.received, closed: input.closed });
  if (r.assigned && input.closed < r.assigned) throw new AppError('invalid_input', `办结日期（${zhDate(input.closed)}）早于交办日期（${zhDate(r.assigned)}）`, { field: 'closed' });
  db.transaction(() => {
    setColumns(db, r, actor, { closed: input.closed, result: input.result });
    addProgress(db, r.id, r.rounds, 'close', input.closed, `办结：${input.result}`, input.by);
  })();
  return getRequest(db, r.id, asOf);
}

export function visitRequest(db: Database.Database, input: ParsedInput<'requests.visit'>, actor: string, asOf: string): Detail {
  const r = requireRequest(db, input.id);
  if (!r.closed) throw new AppError('invalid_input', '尚未办结，不能记录回访', { field: 'visited' });
  if (r.visited) throw new AppError('invalid_input', `已于${zhDate(r.visited)}回访`, { field: 'visited' });
  checkDates({ received: r.received, closed: r.closed, visited: input.visited });
  db.transaction(() => {
    addProgress(db, r.id, r.rounds, 'visit', input.visited, `回访：${input.rating}${input.note ? `，${input.note}` : ''}`, input.by);
    if (input.rating !== '不满意') {
      setColumns(db, r, actor, { visited: input.visited, rating: input.rating }, input.note ?? null);
      return;
    }
    // 重办: the round's closing and 回访 stay in its progress entries and the audit log; the request is open again.
    setColumns(db, r, actor, { closed: null, result: null, visited: null, rating: null, rounds: r.rounds + 1 }, `回访不满意，重办${input.note ? `：${input.note}` : ''}`);
    addProgress(db, r.id, r.rounds + 1, 'reopen', input.visited, `企业不满意，重办（第 ${r.rounds + 1} 轮）`, input.by);
  })();
  return getRequest(db, r.id, asOf);
}

export function deleteRequest(db: Database.Database, id: number, actor: string): { deleted: number } {
  const r = requireRequest(db, id);
  db.transaction(() => {
    audit(db, r, actor, 'delete', `${r.firm}：${r.content}`, null);
    db.prepare('DELETE FROM requests WHERE id = ?').run(id);
  })();
  return { deleted: 1 };
}
