// The lists a package carries beside the pool (诉求台账, 融资需求名单, 上市后备库, 奖补兑现): exported with their
// child rows, merged by credit code with the package's provenance, a row the city holds already kept as it is,
// counted in the preview, and taken back exactly by the undo of the merge — keeping what was worked on since
// when the analyst says so.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { call, makeCreditCode, tempDir } from '../../test/helpers';
import { nativeBinding } from '../../nativeBinding';
import { city, district, edited, fileInput, packageOf, type District } from './fixtures';

const XJS = '91370405MA3C7K2E3Q'; // 鑫金山机械 of the default pool
const request = { creditCode: XJS, origin: '镇街走访', category: '用地厂房', content: '扩建厂房用地指标', received: '2024-01-10', takenBy: '王专员', handling: '上报专班' } as const;
const need = { creditCode: XJS, name: '鑫金山机械', project: '智能化改造', amount: '1.2亿', purpose: '技术改造', method: '项目贷款', term: '3年' } as const;
const payment = { creditCode: XJS, name: '鑫金山机械', kind: '股改奖补', year: 2023, amount: '50万元', document: '区股改奖补文件' } as const;

/** 峄城区: a request handed over with progress, a need pushed to two banks, 鑫金山机械's reserve entry moved on, a payment. */
async function yicheng(): Promise<District> {
  const a = district('峄城区');
  const r = await call(a.service, 'requests.create', { ...request, asOf: '2024-01-10' } as never);
  await call(a.service, 'requests.handover', { id: r.id, department: '区自然资源局', assigned: '2024-01-11', deadline: '2024-02-29', by: '专班' });
  await call(a.service, 'requests.progress', { id: r.id, date: '2024-01-20', note: '已踏勘现场', by: '区自然资源局' });
  const n = await call(a.service, 'finance.save', need as never);
  await call(a.service, 'finance.push', { needId: n.id, banks: ['工商银行', '农业银行'], pushedOn: '2024-01-15' });
  const xin = (await call(a.service, 'listing.list', { reserve: '凌云' })).firms[0];
  await call(a.service, 'listing.save', { id: xin.id, name: xin.name, creditCode: XJS, reserve: '凌云', enteredOn: '2022-06-01' });
  await call(a.service, 'listing.setStage', { id: xin.id, stage: '完成股改', onDate: '2023-12-20' });
  await call(a.service, 'payments.save', payment as never);
  return a;
}

const rows = (c: ReturnType<typeof city>, sql: string) => c.pool.db.prepare(sql).all() as Record<string, unknown>[];
const count = (c: ReturnType<typeof city>, table: string) => c.pool.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('the lists in a package', () => {
  it('exports the pool firms’ requests with their progress, and the whole finance, reserve and payment lists with their child rows', async () => {
    const a = await yicheng();
    const file = path.join(tempDir(), 'a.cpool');
    fs.writeFileSync(file, packageOf(a).bytes);
    const pkg = new Database(file, { readonly: true, nativeBinding: nativeBinding() });
    try {
      const q = (sql: string) => pkg.prepare(sql).all() as Record<string, unknown>[];
      expect(q('SELECT credit_code, category, content, department, deadline FROM requests')).toEqual([{ credit_code: XJS, category: '用地厂房', content: '扩建厂房用地指标', department: '区自然资源局', deadline: '2024-02-29' }]);
      expect(q('SELECT kind, note FROM request_progress ORDER BY id').map((p) => p.kind)).toEqual(['handover', 'progress']);
      expect(q('SELECT project, amount FROM financing_needs')).toEqual([{ project: '智能化改造', amount: 12000 }]);
      expect(q('SELECT bank FROM financing_pushes ORDER BY bank').map((p) => p.bank)).toEqual(['农业银行', '工商银行'].sort());
      // The letter's two reserve entries, one without a credit code, and the stage 峄城区 recorded.
      expect(q('SELECT name, reserve, credit_code IS NULL AS no_code FROM listing_firms ORDER BY name')).toEqual([
        { name: '永彬木业', reserve: '竞跃', no_code: 1 },
        { name: '鑫金山机械', reserve: '凌云', no_code: 0 },
      ]);
      expect(q('SELECT stage, on_date FROM listing_stages')).toEqual([{ stage: '完成股改', on_date: '2023-12-20' }]);
      expect(q('SELECT kind, year, amount FROM payments')).toEqual([{ kind: '股改奖补', year: 2023, amount: 50 }]);
    } finally {
      pkg.close();
    }
  });

  it('merges them into the city with the package as provenance, keeps a row the city already has, and counts the new ones in the preview', async () => {
    const a = await yicheng();
    // 台儿庄区 reports the same payment and the letter's reserve entries too, and a request of its own.
    const b = district('台儿庄区');
    await call(b.service, 'payments.save', payment as never);
    await call(b.service, 'requests.create', { ...request, category: '融资', content: '流动资金贷款', received: '2024-02-01' } as never);
    const town = city();
    const files = [packageOf(a), packageOf(b, { at: new Date('2024-03-02T09:00:00') })].map(fileInput);

    const preview = await call(town.service, 'package.preview', { files });
    const added = (i: number) => Object.fromEntries(preview.packages[i].sections.filter((s) => s.added !== null).map((s) => [s.key, s.added]));
    expect(added(0)).toEqual({ requests: 1, financing: 1, listing: 2, payments: 1 });
    // Against the empty city each package's rows are all new; within one merge the second's copies are then found present.
    expect(added(1)).toEqual({ requests: 1, financing: 0, listing: 2, payments: 1 });
    expect(count(town, 'requests')).toBe(0);

    await call(town.service, 'package.merge', { files });
    const requests = rows(town, 'SELECT r.content, r.department, s.label FROM requests r JOIN sources s ON s.id = r.source_id ORDER BY r.received');
    expect(requests).toEqual([
      { content: '扩建厂房用地指标', department: '区自然资源局', label: '峄城区报送包（2024年3月1日）' },
      { content: '流动资金贷款', department: null, label: '台儿庄区报送包（2024年3月2日）' },
    ]);
    expect(rows(town, 'SELECT p.kind, p.note FROM request_progress p ORDER BY p.id').map((p) => p.kind)).toEqual(['handover', 'progress']);
    const audit = rows(town, "SELECT note FROM audit_log WHERE entity = 'request' ORDER BY id").map((r) => r.note);
    expect(audit[0]).toMatch(/^合并 峄城区报送包（2024年3月1日）（区县登记：/);
    expect(rows(town, 'SELECT source FROM financing_needs')).toEqual([{ source: expect.stringMatching(/^峄城区报送包（2024年3月1日）：/) }]);
    expect(rows(town, 'SELECT bank, pushed_on FROM financing_pushes ORDER BY bank')).toHaveLength(2);
    // One reserve entry per firm: 峄城区's (with its stage) is kept, 台儿庄区's copy is not added again.
    expect(rows(town, 'SELECT name, reserve FROM listing_firms ORDER BY name')).toHaveLength(2);
    expect(rows(town, 'SELECT stage FROM listing_stages')).toEqual([{ stage: '完成股改' }]);
    expect(rows(town, 'SELECT amount, source FROM payments')).toEqual([{ amount: 50, source: expect.stringMatching(/^峄城区报送包/) }]);
  });

  it('undo takes back exactly the rows the merge added; a request worked on since is listed and kept when the analyst keeps later work', async () => {
    const a = await yicheng();
    const town = city();
    // The city's own payment of another firm, before the merge: not the merge's, so no undo touches it.
    await call(town.service, 'payments.save', { ...payment, creditCode: makeCreditCode(21), name: '市属企业' } as never);
    await call(town.service, 'package.merge', { files: [fileInput(packageOf(a))] });
    expect([count(town, 'requests'), count(town, 'financing_needs'), count(town, 'listing_firms'), count(town, 'payments')]).toEqual([1, 1, 2, 2]);

    const plain = await call(town.service, 'import.undoPlan', {});
    expect(plain.counts.records).toBe(5);
    expect(plain.conflicts).toEqual([]);

    // The city's 专班 records progress on the merged request: undoing the merge now names it.
    const [req] = (await call(town.service, 'requests.list', {})).rows;
    await call(town.service, 'requests.progress', { id: req.id, date: '2024-03-05', note: '市级协调会', by: '市工信局' });
    const plan = await call(town.service, 'import.undoPlan', {});
    expect(plan.conflicts.find((c) => c.kind === 'record')).toMatchObject({ field: '诉求台账', name: '扩建厂房用地指标' });
    expect(plan.conflicts.find((c) => c.kind === 'firm')?.what).toContain('合并来的诉求之后有改动');

    await call(town.service, 'import.undo', { conflicts: 'keep' });
    // The request and the firm it hangs on stay; every other row the merge brought is gone; the city's own payment stays.
    expect(rows(town, 'SELECT content FROM requests')).toEqual([{ content: '扩建厂房用地指标' }]);
    expect(rows(town, 'SELECT name FROM firms')).toEqual([{ name: '鑫金山机械' }]);
    expect([count(town, 'financing_needs'), count(town, 'financing_pushes'), count(town, 'listing_firms'), count(town, 'listing_stages')]).toEqual([0, 0, 0, 0]);
    expect(rows(town, 'SELECT name FROM payments')).toEqual([{ name: '市属企业' }]);
  });

  it('undo with revert removes the worked-on request too', async () => {
    const a = await yicheng();
    const town = city();
    await call(town.service, 'package.merge', { files: [fileInput(packageOf(a))] });
    const [req] = (await call(town.service, 'requests.list', {})).rows;
    await call(town.service, 'requests.progress', { id: req.id, date: '2024-03-05', note: '市级协调会', by: '市工信局' });
    await call(town.service, 'import.undo', { conflicts: 'revert' });
    expect([count(town, 'requests'), count(town, 'request_progress'), count(town, 'payments'), count(town, 'firms')]).toEqual([0, 0, 0, 0]);
  });

  it('merges a package made before the lists travelled (no list tables): the lists count 0 and nothing else changes', async () => {
    const a = await yicheng();
    const lists = ['requests', 'request_progress', 'financing_needs', 'financing_pushes', 'listing_firms', 'listing_stages', 'payments'];
    const old = edited(packageOf(a), (db) => lists.forEach((t) => db.exec(`DROP TABLE ${t}`)), true);
    const town = city();
    const preview = await call(town.service, 'package.preview', { files: [fileInput(old)] });
    expect(preview.packages[0].sections.filter((s) => s.added !== null).map((s) => [s.key, s.rows, s.added])).toEqual([
      ['requests', 0, 0],
      ['financing', 0, 0],
      ['listing', 0, 0],
      ['payments', 0, 0],
    ]);
    await call(town.service, 'package.merge', { files: [fileInput(old)] });
    expect((await call(town.service, 'pool.list', { year: 2023 })).total).toBe(11);
    expect([count(town, 'requests'), count(town, 'listing_firms')]).toEqual([0, 0]);
  });
});
