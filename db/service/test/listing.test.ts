import { describe, expect, it } from 'vitest';
import ExcelJS from '../../exceljs';
import { openPoolDb } from '../../open';
import { call, callError, defaultService, makeCreditCode, serviceFor, tempDir, track } from '../../test/helpers';
import { furthestStage, stageProblem } from '../listing';
import path from 'node:path';

const XIN = '91370405MA3C7K2E3Q';
const LETTER = '答复函（台工信字〔2023〕16号，2023年7月28日）';

describe('stages and their dates', () => {
  it('keep the order of the stages, and 退出 needs its reason', () => {
    const done = [{ stage: '完成股改' as const, onDate: '2023-03-01' }];
    expect(stageProblem('2022-05-01', done, { stage: '辅导备案', onDate: '2023-06-01', reason: null })).toBeNull();
    expect(stageProblem('2022-05-01', done, { stage: '辅导备案', onDate: '2023-02-01', reason: null })).toBe('日期早于已记录的“完成股改”日期（2023-03-01）');
    expect(stageProblem('2022-05-01', [{ stage: '辅导备案', onDate: '2023-06-01' }], { stage: '完成股改', onDate: '2023-07-01', reason: null })).toBe('日期晚于已记录的后续阶段“辅导备案”日期（2023-06-01）');
    expect(stageProblem('2022-05-01', [], { stage: '完成股改', onDate: '2022-01-01', reason: null })).toBe('日期早于入库日期（2022-05-01）');
    expect(stageProblem(null, done, { stage: '退出', onDate: '2023-05-01', reason: null })).toBe('退出须填写原因');
    expect(stageProblem(null, done, { stage: '退出', onDate: '2023-02-01', reason: '经营困难' })).toBe('日期早于已记录的“完成股改”日期（2023-03-01）');
    expect(stageProblem(null, [...done, { stage: '退出', onDate: '2023-05-01' }], { stage: '辅导备案', onDate: '2023-06-01', reason: null })).toBe('该企业已退出后备库，不能再记录后续阶段');
    // Changing a recorded stage's date is checked against the others, not itself.
    expect(stageProblem(null, done, { stage: '完成股改', onDate: '2023-04-01', reason: null })).toBeNull();
  });
  it('the furthest stage is the last one recorded in the order of the stages', () => {
    expect(furthestStage([])).toBe('入库');
    expect(furthestStage([{ stage: '辅导备案' }, { stage: '完成股改' }])).toBe('辅导备案');
  });
});

describe('上市后备库', () => {
  it('holds the letter’s firms with their source, and the district totals as context', async () => {
    const { service } = defaultService();
    const l = await call(service, 'listing.list', {});
    expect(l.firms.map((f) => [f.name, f.reserve, f.creditCode, f.stage, f.source])).toEqual([
      ['鑫金山机械', '凌云', XIN, '入库', `${LETTER}：鑫金山机械等4家企业纳入“凌云”上市后备库`],
      ['永彬木业', '竞跃', null, '入库', `${LETTER}：将永彬木业等20余家企业纳入“竞跃”股改后备库`],
    ]);
    expect(l.firms[0].firmId).toEqual(expect.any(Number));
    expect(l.district.items.map((i) => [i.label, i.value])).toEqual([
      ['“竞跃”股改后备库 20余家', 20],
      ['“凌云”上市后备库', 4],
      ['上市公司', 1],
      ['完成股改企业', 28],
      ['区级股改奖补资金', 420],
    ]);
    expect(l.district.source).toBe(LETTER);
  });

  it('an empty data file holds none of them', async () => {
    const pool = track(openPoolDb({ file: path.join(tempDir(), 'empty.sqlite'), create: 'empty' }));
    const { service } = serviceFor(pool);
    expect((await call(service, 'listing.list', {})).firms).toEqual([]);
  });

  it('records dated stages and 退出, counts the funnel, sums the 股改奖补 paid, audits each change', async () => {
    const { service } = defaultService();
    const xin = (await call(service, 'listing.list', { reserve: '凌云' })).firms[0];
    await call(service, 'listing.save', { id: xin.id, name: xin.name, creditCode: XIN, reserve: '凌云', enteredOn: '2022-06-01', market: '北交所', intermediaries: '某证券' });
    await call(service, 'listing.setStage', { id: xin.id, stage: '完成股改', onDate: '2022-12-20' });
    const moved = await call(service, 'listing.setStage', { id: xin.id, stage: '辅导备案', onDate: '2023-05-10' });
    expect(moved.stage).toBe('辅导备案');
    expect(moved.stages.map((s) => [s.stage, s.onDate])).toEqual([['入库', '2022-06-01'], ['完成股改', '2022-12-20'], ['辅导备案', '2023-05-10']]);
    const code = makeCreditCode(11);
    const other = await call(service, 'listing.save', { name: '运河新材', creditCode: code, reserve: '竞跃', enteredOn: '2023-01-05' });
    expect((await callError(service, 'listing.setStage', { id: other.id, stage: '退出', onDate: '2023-06-01' })).message).toBe('运河新材“退出”：退出须填写原因');
    const out = await call(service, 'listing.setStage', { id: other.id, stage: '退出', onDate: '2023-06-01', reason: '企业主动退出' });
    expect(out).toMatchObject({ stage: '退出', exited: true });
    await call(service, 'payments.save', { creditCode: XIN, name: '鑫金山机械', kind: '股改奖补', year: 2023, amount: '50万元', document: '区股改奖补文件' });
    const l = await call(service, 'listing.list', {});
    expect(l.funnel).toEqual([
      { stage: '入库', count: 3 },
      { stage: '完成股改', count: 1 },
      { stage: '辅导备案', count: 1 },
      { stage: '申报受理', count: 0 },
      { stage: '审核注册', count: 0 },
      { stage: '上市挂牌', count: 0 },
    ]);
    expect(l.exited).toBe(1);
    expect(l.firms.find((f) => f.name === '鑫金山机械')!.subsidy).toBe(50);
    expect(l.history.map((h) => h.field)).toEqual(expect.arrayContaining(['entered_on', 'market', '完成股改', '辅导备案', '退出', 'reserve']));
    expect((await callError(service, 'listing.save', { name: '重复', creditCode: code, reserve: '凌云' })).code).toBe('conflict');
  });

  it('round-trips through its xlsx, stages and dates kept; a refused file changes nothing', async () => {
    const a = defaultService();
    const xin = (await call(a.service, 'listing.list', { reserve: '凌云' })).firms[0];
    await call(a.service, 'listing.save', { id: xin.id, name: xin.name, creditCode: XIN, reserve: '凌云', enteredOn: '2022-06-01', market: '北交所', problems: '土地证办理' });
    await call(a.service, 'listing.setStage', { id: xin.id, stage: '完成股改', onDate: '2022-12-20' });
    const other = await call(a.service, 'listing.save', { name: '运河新材', creditCode: makeCreditCode(11), reserve: '竞跃', enteredOn: '2023-01-05' });
    await call(a.service, 'listing.setStage', { id: other.id, stage: '退出', onDate: '2023-06-01', reason: '企业主动退出' });
    const file = await call(a.service, 'listing.export', { format: 'xlsx', date: '2023-07-28' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets[0].getCell('A1').value).toBe('台儿庄区上市后备库企业名单');
    const b = serviceFor(track(openPoolDb({ file: path.join(tempDir(), 'b.sqlite'), create: 'empty' })));
    const r = await call(b.service, 'listing.import', { fileName: '后备库.xlsx', base64: file.base64 });
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ applied: true, added: 3 });
    const strip = (l: { firms: { id: number; firmId: number | null; source: string; updatedAt: string; updatedBy: string; stages: { source: string; updatedAt: string; updatedBy: string }[] }[] }) =>
      l.firms.map(({ id: _i, firmId: _f, source: _s, updatedAt: _a, updatedBy: _b, stages, ...rest }) => ({ ...rest, stages: stages.map(({ source: _x, updatedAt: _y, updatedBy: _z, ...s }) => s) }));
    expect(strip(await call(b.service, 'listing.list', {}))).toEqual(strip(await call(a.service, 'listing.list', {})));
    const bad = Buffer.from('企业名称,后备库,入库日期,完成股改日期\n某企业,凌霄,2023-01-01,2022-12-01\n').toString('base64');
    const refused = await call(b.service, 'listing.import', { fileName: 'x.csv', base64: bad });
    expect(refused.problems.map((p) => [p.row, p.column, p.reason])).toEqual([[2, '后备库', '应为以下之一：竞跃、凌云']]);
    const wrongOrder = Buffer.from('企业名称,后备库,入库日期,完成股改日期\n某企业,凌云,2023-01-01,2022-12-01\n').toString('base64');
    const late = await call(b.service, 'listing.import', { fileName: 'y.csv', base64: wrongOrder });
    expect(late.problems.map((p) => [p.row, p.column, p.reason])).toEqual([[2, '完成股改日期', '日期早于入库日期（2023-01-01）']]);
    expect((await call(b.service, 'listing.list', {})).firms).toHaveLength(3);
  });
});

describe('奖补兑现台账', () => {
  it('keeps exact amounts and sums them exactly, with the letter’s totals as context', async () => {
    const { service } = defaultService();
    await call(service, 'payments.save', { creditCode: makeCreditCode(1), name: '联润新材料', kind: '人才项目补贴', year: 2022, amount: '858.737' });
    await call(service, 'payments.save', { creditCode: makeCreditCode(2), name: '丰元汇能', kind: '升规纳统奖励', year: 2022, amount: '292万元' });
    await call(service, 'payments.save', { creditCode: XIN, name: '鑫金山机械', kind: '首次认定奖励', titleCode: 'little_giant', year: 2023, amount: 50 });
    const l = await call(service, 'payments.list', {});
    expect(l.total).toBe(1200.737);
    expect(l.rows.find((r) => r.kind === '人才项目补贴')!.amount).toBe(858.737);
    expect(l.byYear).toEqual([{ year: 2023, count: 1, firms: 1, amount: 50 }, { year: 2022, count: 2, firms: 2, amount: 1150.737 }]);
    expect(l.byTitle).toEqual([{ code: 'little_giant', count: 1, firms: 1, amount: 50 }]);
    expect(l.district.items.find((i) => i.key === 'talent')!.value).toBe(858.737);
    expect((await callError(service, 'payments.save', { creditCode: XIN, name: '鑫金山机械', kind: '首次认定奖励', year: 2023, amount: 50 })).message).toBe('首次认定奖励须注明称号');
    expect((await call(service, 'payments.list', { creditCode: XIN })).rows).toHaveLength(1);
  });

  it('round-trips through xlsx and CSV (858.737 stays 858.737); importing again adds nothing', async () => {
    const a = defaultService();
    await call(a.service, 'payments.save', { creditCode: makeCreditCode(1), name: '联润新材料', kind: '人才项目补贴', year: 2022, amount: '858.737', document: '区人才项目文件' });
    await call(a.service, 'payments.save', { creditCode: XIN, name: '鑫金山机械', kind: '首次认定奖励', titleCode: 'little_giant', year: 2023, amount: 50 });
    for (const format of ['xlsx', 'csv'] as const) {
      const file = await call(a.service, 'payments.export', { format });
      const b = defaultService();
      const r = await call(b.service, 'payments.import', { fileName: `台账.${format}`, base64: file.base64 });
      expect(r.problems).toEqual([]);
      expect(r).toMatchObject({ refused: false, applied: true, added: 2 });
      const strip = (rows: { id: number; source: string; updatedAt: string; updatedBy: string }[]) => rows.map(({ id: _i, source: _s, updatedAt: _a, updatedBy: _b, ...r }) => r);
      expect(strip((await call(b.service, 'payments.list', {})).rows)).toEqual(strip((await call(a.service, 'payments.list', {})).rows));
      expect((await call(b.service, 'payments.list', {})).total).toBe(908.737);
      expect(await call(b.service, 'payments.import', { fileName: `台账.${format}`, base64: file.base64 })).toMatchObject({ added: 0, updated: 2 });
    }
  });
});
