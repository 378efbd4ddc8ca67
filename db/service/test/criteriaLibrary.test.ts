// New versions as data: a criteria set added from a file (validated like the shipped ones, refused with the file,
// the place and the rule broken), listed with who added it and when, removable; an existing id refused unless it
// is a higher version; two sets compared over the default pool, also as xlsx.
import ExcelJS from '../../exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import srdi from '../../../assets/criteria/cn-srdi-2022.json';
import type { Method, MethodInput, MethodOutput } from '../../contract';
import { call, callError, defaultService } from '../../test/helpers';
import type { Service } from '../index';
import type { PoolDb } from '../../open';

let h: PoolDb;
let service: Service;
const ok = <M extends Method>(method: M, input: unknown): Promise<MethodOutput<M>> => call(service, method, input as MethodInput<M>);

beforeEach(() => {
  ({ pool: h, service } = defaultService('analyst-sun'));
});

/** A revised 专精特新 set as an analyst would write it (a test set: a revenue floor of 4亿元 so that firms move). */
function revised(patch: (s: Record<string, unknown>) => void = () => {}): string {
  const s = JSON.parse(JSON.stringify(srdi)) as Record<string, unknown> & typeof srdi;
  s.id = 'cn-srdi-2026';
  s.title = { zh: '专精特新中小企业（2026年修订标准，分析员录入）', en: 'SRDI SME (2026 revision, entered by an analyst)' };
  s.document = { name: '优质中小企业梯度培育管理办法 附件', number: '工信部企业〔2026〕2号', date: '2026-01' };
  (s as Record<string, unknown>).effective_from = '2026-04-01';
  (s as Record<string, unknown>).effective_to = null;
  delete (s as Record<string, unknown>).notice;
  s.confidence = 'unconfirmed';
  // 营收 ≥ 40000万元 instead of 1000万元.
  (s.criteria[2].rule as { any: { value: number }[] }).any[0].value = 40000;
  patch(s);
  return JSON.stringify(s, null, 1);
}

describe('adding a criteria set from a file', () => {
  it('stores it with who and when, lists it with the shipped sets, audited, and evaluates with it', async () => {
    const r = await ok('criteria.import', { fileName: 'cn-srdi-2026.json', text: revised() });
    expect(r).toMatchObject({ setId: 'cn-srdi-2026', version: 1, replacesVersion: null, addedBy: 'analyst-sun' });
    const list = await ok('criteria.list', { poolYear: 2027 });
    const added = list.find((s) => s.id === 'cn-srdi-2026')!;
    expect(added).toMatchObject({ origin: 'imported', added: { fileName: 'cn-srdi-2026.json', by: 'analyst-sun' }, inForce: 'yes' });
    expect(list.find((s) => s.id === 'cn-srdi-2022')).toMatchObject({ origin: 'shipped', added: null, inForce: 'no' });
    expect(list.map((s) => s.id).slice(0, 8)).toContain('cn-champion-2023');
    const pool = await ok('evaluate.pool', { year: 2023, setId: 'cn-srdi-2026' });
    expect(pool.total).toBe(11);
    expect(h.db.prepare("SELECT actor, field, new_value, note FROM audit_log WHERE entity = 'criteria_set'").all()).toEqual([{ actor: 'analyst-sun', field: 'cn-srdi-2026', new_value: 'v1', note: '导入 cn-srdi-2026.json' }]);
  });

  it.each([
    ['a metric that does not exist', (s: Record<string, unknown>) => (((s.criteria as { rule: { any: { cmp: string }[] } }[])[2].rule.any[0].cmp = 'revenu')), 'criteria.2.rule.any.0.cmp', 'unknown metric'],
    ['a placeholder document number', (s: Record<string, unknown>) => ((s.document as { number: string }).number = '—'), 'document.number', 'not a document number'],
    ['score maxima that do not add up', (s: Record<string, unknown>) => ((s.scores as { srdi: { max: number } }).srdi.max = 90), 'scores.srdi', 'add up to 100, not 90'],
  ])('refuses %s with the file, the place and the rule, and stores nothing', async (_label, breakIt, where, problem) => {
    const e = await callError(service, 'criteria.import', { fileName: 'bad.json', text: revised(breakIt) });
    expect(e.code).toBe('invalid_input');
    expect(e.message).toContain('bad.json');
    expect(e.message).toContain(where);
    expect(e.message).toContain(problem);
    expect(e.details).toMatchObject({ file: 'bad.json', where });
    expect(h.db.prepare('SELECT count(*) FROM criteria_library').pluck().get()).toBe(0);
    expect(h.db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'criteria_set'").pluck().get()).toBe(0);
  });

  it('refuses text that is not JSON, naming the line and column', async () => {
    const e = await callError(service, 'criteria.import', { fileName: 'broken.json', text: '{\n "id": "x",\n oops\n}' });
    expect(e.code).toBe('invalid_input');
    expect(e.message).toMatch(/broken\.json.*第 3 行/);
  });

  it('refuses an id that exists unless the file is a higher version, which then stands in for it until removed', async () => {
    const shipped = await callError(service, 'criteria.import', { fileName: 'srdi.json', text: JSON.stringify(srdi) });
    expect(shipped.code).toBe('conflict');
    expect(shipped.message).toContain('"version": 2');
    await ok('criteria.import', { fileName: 'a.json', text: revised() });
    expect((await callError(service, 'criteria.import', { fileName: 'a-again.json', text: revised() })).code).toBe('conflict');
    const v2 = await ok('criteria.import', { fileName: 'a-v2.json', text: revised((s) => (s.version = 2)) });
    expect(v2).toMatchObject({ version: 2, replacesVersion: 1 });
    expect((await ok('criteria.list', {})).filter((s) => s.id === 'cn-srdi-2026').map((s) => s.version)).toEqual([2]);
    const removed = await ok('criteria.remove', { setId: 'cn-srdi-2026' });
    expect(removed).toEqual({ setId: 'cn-srdi-2026', removedVersion: 2, nowVersion: 1 });
    expect(await ok('criteria.remove', { setId: 'cn-srdi-2026' })).toEqual({ setId: 'cn-srdi-2026', removedVersion: 1, nowVersion: null });
    expect((await ok('criteria.list', {})).some((s) => s.id === 'cn-srdi-2026')).toBe(false);
    expect((await callError(service, 'evaluate.pool', { year: 2023, setId: 'cn-srdi-2026' })).code).toBe('not_found');
  });

  it('will not remove a shipped set, nor an added one a saved shortlist still uses', async () => {
    expect((await callError(service, 'criteria.remove', { setId: 'cn-srdi-2022' })).code).toBe('invalid_input');
    await ok('criteria.import', { fileName: 'a.json', text: revised() });
    await ok('shortlist.create', { name: '试用新标准', year: 2023, setId: 'cn-srdi-2026', firmIds: [] });
    const e = await callError(service, 'criteria.remove', { setId: 'cn-srdi-2026' });
    expect(e.code).toBe('conflict');
    expect(e.message).toContain('试用新标准');
  });
});

describe('comparing two sets over a pool', () => {
  it('gives every firm its verdict under each set, the deciding criteria, and the counts of gains and losses', async () => {
    await ok('criteria.import', { fileName: 'a.json', text: revised() });
    const r = await ok('criteria.compare', { from: 'cn-srdi-2022', to: 'cn-srdi-2026', year: 2023 });
    expect(r.rows).toHaveLength(11);
    expect(r.counts.firms).toBe(11);
    expect(r.counts.gained + r.counts.lost + r.counts.changed + r.counts.same).toBe(11);
    // The counts agree with each set's own pool evaluation.
    const before = await ok('evaluate.pool', { year: 2023, setId: 'cn-srdi-2022' });
    const after = await ok('evaluate.pool', { year: 2023, setId: 'cn-srdi-2026' });
    expect(r.counts.from).toEqual(before.counts);
    expect(r.counts.to).toEqual(after.counts);
    for (const row of r.rows) {
      expect(row.from).toBe(before.rows.find((x) => x.firmId === row.firmId)!.verdict);
      expect(row.to).toBe(after.rows.find((x) => x.firmId === row.firmId)!.verdict);
    }
    // A firm under 4亿元 of revenue (and without the financing route) loses eligibility on criterion 3 of the new set.
    const lost = r.rows.filter((x) => x.move === 'lost');
    expect(lost.length).toBeGreaterThan(0);
    for (const row of lost) expect(row.deciding.some((d) => d.side === 'to' && d.criterionId === '3' && d.status === 'fail')).toBe(true);
    expect(r.counts.lost).toBe(lost.length);
    expect(r.counts.moves.reduce((n, m) => n + m.n, 0)).toBe(11);
    expect(r.from.notice).toMatch(/2026年4月1日起施行/);
  });

  it('a set compared with itself moves nothing', async () => {
    const r = await ok('criteria.compare', { from: 'cn-champion-2023', to: 'cn-champion-2023', year: 2023 });
    expect(r.counts).toMatchObject({ gained: 0, lost: 0, changed: 0, same: 11 });
    expect(r.rows.every((x) => x.deciding.length === 0)).toBe(true);
  });

  it('exports the comparison as xlsx with the notice, the firms and the counts', async () => {
    await ok('criteria.import', { fileName: 'a.json', text: revised() });
    const file = await ok('criteria.compareExport', { from: 'cn-srdi-2022', to: 'cn-srdi-2026', year: 2023 });
    expect(file.fileName).toBe('标准对比_cn-srdi-2022_cn-srdi-2026_2023.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('标准对比')!;
    const text = ws.getSheetValues().flat().map(String).join('\n');
    expect(text).toContain('2026年4月1日起施行');
    const r = await ok('criteria.compare', { from: 'cn-srdi-2022', to: 'cn-srdi-2026', year: 2023 });
    for (const row of r.rows) expect(text).toContain(row.name);
    const stats = wb.getWorksheet('统计')!;
    expect(stats.getRow(2).values).toEqual([undefined, '新达标', r.counts.gained]);
    expect(stats.getRow(3).values).toEqual([undefined, '不再达标', r.counts.lost]);
  });
});
