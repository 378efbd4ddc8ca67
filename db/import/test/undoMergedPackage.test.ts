// Undoing a merged district package takes back the list rows it added (诉求, 融资需求, 上市后备库, 奖补兑现) and
// the judgements and shortlists it brought — they are the merge's own, not later work on the firms it created.
// A list row the city worked on since is listed by its list and name, and kept or removed as the analyst chooses.
import { describe, expect, it } from 'vitest';
import { call } from '../../test/helpers';
import { city, district, fileInput, firmIdOf, packageOf } from '../../package/test/fixtures';

const XJS = '91370405MA3C7K2E3Q'; // 鑫金山机械 of the default pool

/** 峄城区 with a judgement and a shortlist on 鑫金山机械, a request and a financing need of it, and a payment. */
async function yicheng() {
  const a = district('峄城区');
  const firm = await firmIdOf(a, '鑫金山机械');
  await call(a.service, 'analyst.record', { firmId: firm, kind: 'judgement', key: 'c1', setId: 'cn-champion-2023', value: true, note: '龙头地位明确' });
  await call(a.service, 'shortlist.create', { name: '冠军推荐', year: 2023, setId: 'cn-champion-2023', firmIds: [firm] });
  await call(a.service, 'requests.create', { creditCode: XJS, origin: '镇街走访', category: '用地厂房', content: '扩建厂房用地指标', received: '2024-01-10', takenBy: '王专员', handling: '上报专班', asOf: '2024-01-10' } as never);
  await call(a.service, 'finance.save', { creditCode: XJS, name: '鑫金山机械', project: '智能化改造', amount: '1.2亿', purpose: '技术改造', method: '项目贷款', term: '3年' } as never);
  await call(a.service, 'payments.save', { creditCode: XJS, name: '鑫金山机械', kind: '股改奖补', year: 2023, amount: '50万元', document: '区股改奖补文件' } as never);
  return a;
}

const LISTS = ['analyst_inputs', 'shortlists', 'requests', 'financing_needs', 'listing_firms', 'payments'];

describe('undo of a merged package', () => {
  it('sees the judgements, shortlists and list rows it brought as its own, and takes all of them back', async () => {
    const town = city();
    await call(town.service, 'package.merge', { files: [fileInput(packageOf(await yicheng()))] });
    const counts = () => LISTS.map((t) => town.pool.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number);
    const merged = counts();
    expect(merged.every((n) => n > 0)).toBe(true);

    const plan = await call(town.service, 'import.undoPlan', {});
    expect(plan.conflicts).toEqual([]);
    expect(plan.counts.records).toBe(merged.reduce((a, b) => a + b, 0));
    const r = await call(town.service, 'import.undo', {});
    expect(counts()).toEqual([0, 0, 0, 0, 0, 0]);
    expect(town.pool.db.prepare('SELECT count(*) FROM firms').pluck().get()).toBe(0);
    // Every write and row the plan counted is taken back, one by one.
    expect(r).toMatchObject({ reverted: Object.values(plan.counts).reduce((a, b) => a + b, 0), kept: 0 });
  });

  it.each(['keep', 'revert'] as const)('lists the request and the financing need worked on since, and %ss them as told', async (choice) => {
    const town = city();
    await call(town.service, 'package.merge', { files: [fileInput(packageOf(await yicheng()))] });
    const db = town.pool.db;
    const [req] = (await call(town.service, 'requests.list', {})).rows;
    await call(town.service, 'requests.progress', { id: req.id, date: '2024-03-05', note: '市级协调会', by: '市工信局' });
    const need = db.prepare('SELECT id FROM financing_needs').pluck().get() as number;
    await call(town.service, 'finance.push', { needId: need, banks: ['工商银行'], pushedOn: '2024-03-06' });
    const xjs = db.prepare('SELECT id FROM firms WHERE credit_code = ?').pluck().get(XJS) as number;

    const plan = await call(town.service, 'import.undoPlan', {});
    expect(plan.conflicts.filter((c) => c.kind === 'record').map((c) => [c.field, c.name, c.firmId, c.what])).toEqual([
      ['诉求台账', '扩建厂房用地指标', xjs, '合并之后有改动'],
      ['融资需求', '鑫金山机械 · 智能化改造', xjs, '合并之后有改动'],
    ]);
    // Only the firm the request hangs on is listed; the financing need's push is not a request worked on.
    const firms = plan.conflicts.filter((c) => c.kind === 'firm');
    expect(firms.map((c) => c.firmId)).toEqual([xjs]);
    expect(firms[0].what.split('；').filter((w) => !/^\d{4}-/.test(w))).toEqual(['诉求台账中有 1 条合并来的诉求之后有改动']);

    const r = await call(town.service, 'import.undo', { conflicts: choice });
    const left = (t: string) => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
    if (choice === 'keep') {
      expect([left('requests'), left('request_progress'), left('financing_needs'), left('financing_pushes')]).toEqual([1, 1, 1, 1]);
      expect(db.prepare('SELECT name FROM firms').pluck().all()).toEqual(['鑫金山机械']);
      // Kept: the two list rows and the firm they hang on; the summary says so.
      expect(r).toMatchObject({ reverted: 15, kept: 3 });
      expect(db.prepare("SELECT note FROM audit_log WHERE entity = 'undo_import'").pluck().all()).toEqual(['撤销导入 峄城区.cpool：撤销 15 项写入，保留之后的改动 3 项']);
    } else {
      expect([left('requests'), left('request_progress'), left('financing_needs'), left('financing_pushes')]).toEqual([0, 0, 0, 0]);
      expect(left('firms')).toBe(0);
      expect(r).toMatchObject({ reverted: 18, kept: 0 });
    }
    // The judgement, shortlist and payment it brought go either way.
    expect([left('analyst_inputs'), left('shortlists'), left('payments')]).toEqual([0, 0, 0]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
