// 诉求台账 through the service: a request from 镇街走访 through 交办, progress, 办结 and 回访; 不满意 reopening it with
// its history kept; every change audited; a firm outside the pool recorded and marked; the statistics.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Method, MethodInput, MethodOutput } from '../../contract';
import { call, callError, defaultService, makeCreditCode } from '../../test/helpers';
import type { PoolDb } from '../../open';
import type { Service } from '../index';

let h: PoolDb;
let service: Service;
const XJS = '91370405MA3C7K2E3Q'; // 鑫金山机械, a pool firm
const YC = '91370405MA3D1R8N2F'; // 越成制动

const ok = <M extends Method>(method: M, input: unknown): Promise<MethodOutput<M>> => call(service, method, input as MethodInput<M>);

beforeEach(() => {
  ({ pool: h, service } = defaultService('analyst-li'));
});

const base = { creditCode: XJS, origin: '镇街走访', category: '用地厂房', content: '扩建厂房用地指标', received: '2024-03-01', takenBy: '王专员', handling: '上报专班' };

describe('a request from 镇街走访 to 回访', () => {
  it('follows the status through 交办, progress, 办结 and 回访, each step audited', async () => {
    let r = await ok('requests.create', { ...base, asOf: '2024-03-01' });
    expect(r).toMatchObject({ firm: '鑫金山机械', town: '涧头集镇', inPool: true, status: 'pending', overdue: false, light: 'green' });
    r = await ok('requests.handover', { id: r.id, department: '区自然资源局', assigned: '2024-03-02', deadline: '2024-03-31', by: '专班', asOf: '2024-03-29' });
    expect(r).toMatchObject({ status: 'in_progress', light: 'yellow', daysLeft: 2 });
    r = await ok('requests.progress', { id: r.id, date: '2024-03-15', note: '已踏勘现场', by: '区自然资源局张科长', asOf: '2024-04-01' });
    expect(r).toMatchObject({ overdue: true, light: 'red', lastProgress: '已踏勘现场' });
    r = await ok('requests.close', { id: r.id, closed: '2024-04-03', result: '已纳入年度供地计划', by: '区自然资源局', asOf: '2024-04-03' });
    expect(r).toMatchObject({ status: 'closed', overdue: false, closedLate: true, light: null });
    r = await ok('requests.visit', { id: r.id, visited: '2024-04-10', rating: '满意', by: '王专员', asOf: '2024-04-10' });
    expect(r.status).toBe('visited');
    expect(r.progress.map((p) => p.kind)).toEqual(['handover', 'progress', 'close', 'visit']);
    const fields = r.history.map((a) => a.field);
    for (const f of ['create', '责任部门', '交办日期', '办理时限', 'progress', '办结日期', '办理结果', '回访日期', '企业评价']) expect(fields).toContain(f);
    // The same request read as of an earlier day is what the ledger said then.
    expect((await ok('requests.get', { id: r.id, asOf: '2024-03-20' })).status).toBe('in_progress');
  });

  it('reopens on 不满意 as 重办, keeping the closed round in its progress and the audit log', async () => {
    let r = await ok('requests.create', { ...base, department: '区自然资源局', assigned: '2024-03-02', deadline: '2024-03-31' });
    r = await ok('requests.close', { id: r.id, closed: '2024-03-20', result: '初步答复', by: '区自然资源局' });
    r = await ok('requests.visit', { id: r.id, visited: '2024-03-25', rating: '不满意', note: '未落实', by: '王专员', asOf: '2024-03-25' });
    expect(r).toMatchObject({ status: 'reopened', rounds: 2, closed: null, rating: null, visited: null, overdue: false });
    expect(r.progress.map((p) => [p.round, p.kind])).toEqual([[1, 'handover'], [1, 'close'], [1, 'visit'], [2, 'reopen']]);
    expect(r.history.find((a) => a.field === '办结日期' && a.newValue === null)?.oldValue).toBe('2024-03-20');
    r = await ok('requests.handover', { id: r.id, department: '区自然资源局', assigned: '2024-03-26', deadline: '2024-04-15', by: '专班', asOf: '2024-04-16' });
    expect(r).toMatchObject({ status: 'reopened', overdue: true });
    r = await ok('requests.close', { id: r.id, closed: '2024-04-12', result: '已落实', by: '区自然资源局', asOf: '2024-04-16' });
    expect(r).toMatchObject({ status: 'closed', closedLate: false });
  });

  it('refuses dates that do not exist or come before the request, changing nothing', async () => {
    const before = h.db.prepare('SELECT count(*) FROM requests').pluck().get();
    expect((await callError(service, 'requests.create', { ...base, received: '2023-02-29' })).code).toBe('invalid_input');
    expect((await callError(service, 'requests.create', { ...base, deadline: '2024-02-01' })).message).toContain('早于提出日期');
    expect((await callError(service, 'requests.create', { ...base, category: '不存在的类别' })).message).toContain('不在列表中');
    expect(h.db.prepare('SELECT count(*) FROM requests').pluck().get()).toBe(before);
    const r = await ok('requests.create', base);
    expect((await callError(service, 'requests.visit', { id: r.id, visited: '2024-03-05', rating: '满意', by: 'x' })).message).toContain('尚未办结');
    expect((await callError(service, 'requests.close', { id: r.id, closed: '2024-02-01', result: 'x', by: 'x' })).message).toContain('早于提出日期');
  });
});

describe('firms', () => {
  it('records a firm outside the pool, marked so, and needs its name', async () => {
    const code = makeCreditCode(42);
    expect((await callError(service, 'requests.create', { ...base, creditCode: code })).message).toContain('请填写企业名称');
    const r = await ok('requests.create', { ...base, creditCode: code, firmName: '库外机械厂', town: '泥沟镇' });
    expect(r).toMatchObject({ firm: '库外机械厂', inPool: false, town: '泥沟镇' });
    const firm = h.db.prepare('SELECT note FROM firms WHERE credit_code = ?').get(code) as { note: string };
    expect(firm.note).toContain('不在培育库');
    expect(h.db.prepare('SELECT count(*) FROM pool_members m JOIN firms f ON f.id = m.firm_id WHERE f.credit_code = ?').pluck().get(code)).toBe(0);
    expect((await callError(service, 'requests.create', { ...base, creditCode: '91370405MA3C7K2E3X' })).message).toContain('校验位');
  });

  it("lists a firm's requests open ones first", async () => {
    const closed = await ok('requests.create', { ...base, content: '已解决的', received: '2024-01-05' });
    await ok('requests.close', { id: closed.id, closed: '2024-01-10', result: '已解决', by: 'x' });
    const open = await ok('requests.create', { ...base, content: '仍在办', received: '2024-02-01' });
    await ok('requests.create', { ...base, creditCode: YC, content: '别家的' });
    const firmId = open.firmId;
    const list = await ok('requests.list', { firmId, asOf: '2024-05-01' });
    expect(list.rows.map((r) => r.content)).toEqual(['仍在办', '已解决的']);
  });
});

describe('the ledger and its statistics', () => {
  async function ledger() {
    // 自然资源局: one on time, one late, one open overdue; 人社局: one open without deadline, one rated 基本满意.
    const a = await ok('requests.create', { ...base, department: '区自然资源局', assigned: '2024-03-02', deadline: '2024-03-31' });
    await ok('requests.close', { id: a.id, closed: '2024-03-31', result: '办结', by: 'x' });
    await ok('requests.visit', { id: a.id, visited: '2024-04-02', rating: '满意', by: 'x' });
    const b = await ok('requests.create', { ...base, content: 'b', received: '2024-03-10', department: '区自然资源局', assigned: '2024-03-10', deadline: '2024-03-20' });
    await ok('requests.close', { id: b.id, closed: '2024-03-25', result: '办结', by: 'x' });
    await ok('requests.visit', { id: b.id, visited: '2024-03-28', rating: '不满意', by: 'x' });
    await ok('requests.create', { ...base, content: 'c', received: '2024-04-02', department: '区自然资源局', assigned: '2024-04-02', deadline: '2024-04-10' });
    await ok('requests.create', { ...base, creditCode: YC, category: '用工人才', content: 'd', received: '2024-04-05', department: '区人力资源和社会保障局', assigned: '2024-04-06' });
    const e = await ok('requests.create', { ...base, creditCode: YC, category: '用工人才', content: 'e', received: '2024-04-06', department: '区人力资源和社会保障局', assigned: '2024-04-06', deadline: '2024-04-20' });
    await ok('requests.close', { id: e.id, closed: '2024-04-16', result: '办结', by: 'x' });
    await ok('requests.visit', { id: e.id, visited: '2024-04-18', rating: '基本满意', by: 'x' });
  }

  it('filters by scope, department, search and period as of a day', async () => {
    await ledger();
    const asOf = '2024-04-15';
    const all = await ok('requests.list', { asOf });
    expect(all.counts).toMatchObject({ all: 5, open: 4, overdue: 2 });
    expect((await ok('requests.list', { asOf, scope: 'overdue' })).rows.map((r) => r.content)).toEqual(['b', 'c']);
    expect((await ok('requests.list', { asOf, department: '区人力资源和社会保障局' })).total).toBe(2);
    expect((await ok('requests.list', { asOf, search: '越成' })).total).toBe(2);
    expect((await ok('requests.list', { asOf, from: '2024-04-01', to: '2024-04-30' })).total).toBe(3);
    // Raised after the day asked: not in the ledger yet.
    expect((await ok('requests.list', { asOf: '2024-03-05' })).total).toBe(1);
  });

  it('counts per department: received, closed on time and late, open, overdue, days to close, satisfaction', async () => {
    await ledger();
    const s = await ok('requests.stats', { asOf: '2024-04-30' });
    const land = s.byDepartment.find((g) => g.key === '区自然资源局')!;
    // b was reopened by its 不满意, so it is open (and overdue) again; its first round stays in its history.
    expect(land).toMatchObject({ received: 3, closed: 1, closedOnTime: 1, closedLate: 0, open: 2, overdue: 2, avgDaysToClose: 30, rated: 1, satisfied: 1, satisfactionRate: 100 });
    const hr = s.byDepartment.find((g) => g.key === '区人力资源和社会保障局')!;
    expect(hr).toMatchObject({ received: 2, closed: 1, open: 1, overdue: 0, avgDaysToClose: 10, satisfactionRate: 100 });
    expect(s.byMonth.map((g) => [g.key, g.received])).toEqual([['2024-03', 2], ['2024-04', 3]]);
    expect(s.byCategory.map((g) => g.key)).toEqual(['用地厂房', '用工人才']);
    const april = await ok('requests.stats', { asOf: '2024-04-30', from: '2024-04-01', to: '2024-04-30' });
    expect(april.total.received).toBe(3);
    // As of an earlier day, what was closed later is open.
    const early = await ok('requests.stats', { asOf: '2024-04-12' });
    expect(early.total).toMatchObject({ received: 5, closed: 1, overdue: 2 });
  });

  it('keeps the editable lists, audited', async () => {
    const lists = await ok('requests.setList', { kind: 'category', names: ['用地厂房', '数字化改造'] });
    expect(lists.categories).toEqual(['用地厂房', '数字化改造']);
    expect(await ok('requests.create', { ...base, category: '数字化改造' })).toMatchObject({ category: '数字化改造' });
    expect(h.db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'request_list'").pluck().get()).toBe(1);
  });
});

describe('editing a request', () => {
  it('audits each changed field and refuses a raised day after its closing', async () => {
    const r = await ok('requests.create', { ...base, department: '区自然资源局', assigned: '2024-03-02', deadline: '2024-03-31' });
    await ok('requests.close', { id: r.id, closed: '2024-03-20', result: '办结', by: 'x' });
    const edited = await ok('requests.update', { id: r.id, content: '扩建厂房用地指标 30 亩', deadline: null });
    expect(edited).toMatchObject({ content: '扩建厂房用地指标 30 亩', deadline: null, closedLate: false });
    expect(edited.history.filter((a) => a.field === '办理时限').map((a) => [a.oldValue, a.newValue])).toEqual([['2024-03-31', null]]);
    expect((await callError(service, 'requests.update', { id: r.id, received: '2024-03-25' })).message).toContain('早于提出日期');
    // the hand-over day can be cleared
    expect((await ok('requests.update', { id: r.id, assigned: null })).assigned).toBeNull();
  });
});
