import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Method, MethodOutput } from '../../contract';
import type { Evaluation } from '../../criteria/engine';
import { openPoolDb, type PoolDb } from '../../open';
import { createService, dispatch, type Service } from '../index';
import { candidate, nextWindow, recognitionYear } from '../overviewMoney';
import { createEvaluator } from '../evaluation';
import { overviewEvaluations, overviewOf } from '../overview';
import { firmList, LIST_CAP, type PoolFirm } from '../overviewGradient';

let dir: string;
let h: PoolDb;
let service: Service;

async function ok<M extends Method>(method: M, input: unknown): Promise<MethodOutput<M>> {
  const r = await dispatch(service, method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.data as MethodOutput<M>;
}
async function refused(method: Method, input: unknown): Promise<string> {
  const r = await dispatch(service, method, input);
  if (r.ok) throw new Error(`${method} was accepted`);
  return r.error.code;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'champion-overview-'));
  h = openPoolDb({ file: path.join(dir, 'data.sqlite'), create: 'default' });
  service = createService({ db: h.db, dataFile: h.file, actor: 'analyst-zhao', appVersion: 'test' });
  // These tests exercise the feature on the national standard alone: Shandong's recommendation condition
  // (cn-champion-2023 criterion 8, a provincial title) is switched off, as an analyst can.
  service['criteria.setEnabled']({ setId: 'cn-champion-2023', criterionId: '8', enabled: false });
});
afterEach(() => {
  h.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const firmId = (name: string) => h.db.prepare('SELECT id FROM firms WHERE name = ?').pluck().get(name) as number;
const get = (extra: Record<string, unknown> = {}) => ok('overview.get', { year: 2023, setId: 'cn-champion-2023', today: '2025-05-10', ...extra });
const names = (list: { name: string }[]) => list.map((f) => f.name).sort((a, b) => a.localeCompare(b, 'zh-CN'));
const auditOf = (entity: string) => h.db.prepare('SELECT actor, field, old_value AS old, new_value AS new, note FROM audit_log WHERE entity = ? ORDER BY id').all(entity);

describe('the settings the migration seeds', () => {
  it('holds the letter’s rewards, targets and default calendar with their provenance', async () => {
    const o = await get();
    expect(o.rewards.table.map((r) => [r.code, r.level, r.amount])).toEqual([
      ['leader_national', 'national', 300],
      ['leader_provincial', 'provincial', 100],
      ['champion_national', 'national', 100],
      ['champion_provincial', 'provincial', 50],
      ['little_giant', 'national', 50],
      ['srdi_provincial', 'provincial', 30],
      ['gazelle_provincial', 'provincial', 30],
    ]);
    expect(o.rewards.table.every((r) => r.source.startsWith('答复函（台工信字〔2023〕16号，2023年7月28日）'))).toBe(true);
    expect(o.targets.items.map((t) => [t.key, t.unit, t.value, t.baseYear, t.dueYear])).toEqual([
      ['high_growth_firms', 'count', 60, 2023, 2026],
      ['high_growth_output', 'money', 1_000_000, 2023, 2026],
      ['srdi_share', 'percent', 40, 2023, 2026],
    ]);
    expect(o.calendar).toHaveLength(6);
    expect(o.calendar.every((c) => c.isDefault && c.note?.includes('默认日期'))).toBe(true);
    expect(o.calendar.find((c) => c.track === 'champion_provincial')).toMatchObject({ opens: '11-15', deadline: '12-15' });
    expect(o.targets.industrialFirms).toBeNull();
  });
});

describe('the gradient', () => {
  it('counts the titles held at the end of each year, the moves up, and the letter’s district series', async () => {
    const g = (await get()).gradient;
    expect(g.years).toEqual([2018, 2019, 2020, 2021, 2022, 2023]);
    const at = (year: number, code: string) => g.cells.find((c) => c.year === year && c.code === code)!.list;
    expect([at(2022, 'innovative_sme').total, at(2022, 'srdi_provincial').total, at(2022, 'gazelle_provincial').total, at(2022, 'little_giant').total, at(2022, 'champion_provincial').total]).toEqual([5, 10, 2, 4, 1]);
    expect(at(2020, 'little_giant').firms.map((f) => f.name)).toEqual(['台城新材料']);
    expect(names(at(2021, 'little_giant').firms)).toEqual(names([{ name: '台城新材料' }, { name: '汉庄数控' }, { name: '鑫金山机械' }]));
    const in2022 = g.moves.filter((m) => m.year === 2022);
    expect(in2022.find((m) => m.name === '越成制动')).toMatchObject({ code: 'little_giant', from: 'srdi_provincial', up: true });
    // 瞪羚 → 专精特新 is a new title on the same step, not a move up.
    expect(in2022.find((m) => m.name === '运河锂能科技')).toMatchObject({ code: 'srdi_provincial', from: 'gazelle_provincial', up: false });
    expect(g.district.source).toContain('台工信字〔2023〕16号');
    expect(g.district.series.find((s) => s.label === '2023-07')!.counts).toEqual({ innovative_sme: 42, srdi_provincial: 32, gazelle_provincial: 8, little_giant: 5, champion_provincial: 1 });
    expect(g.district.series.find((s) => s.label === '2022')).toMatchObject({ derived: true, counts: { innovative_sme: 20, srdi_provincial: 12, gazelle_provincial: 6, little_giant: 4, champion_provincial: 1 } });
  });
});

describe('reward exposure', () => {
  it('budgets reward × firms per title and per year, keeps 待研判 apart and skips titles already held', async () => {
    const r = (await get()).rewards;
    const row = (code: string) => r.rows.find((x) => x.code === code)!;
    // Consecutive years, the empty ones included, so the table never jumps from 2024 to 2030.
    expect(r.years).toEqual([2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030]);
    const nat = row('champion_national');
    expect(nat.cells.filter((c) => c.total > 0).map((c) => [c.year, names(c.firms), c.total])).toEqual([
      [2024, names([{ name: '汉庄数控' }, { name: '运河锂能科技' }]), 200],
      [2030, names([{ name: '鲁南电解液' }, { name: '马兰屯智能装备' }]), 200],
    ]);
    expect(nat.cells.filter((c) => c.total === 0).map((c) => c.year)).toEqual([2023, 2025, 2026, 2027, 2028, 2029]);
    expect(names(nat.review)).toEqual(names([{ name: '台城新材料' }, { name: '鑫金山机械' }]));
    expect([nat.total, nat.reviewTotal]).toEqual([400, 200]);
    // Ten firms hold 专精特新 already: only 鲁南电解液 (创新型 only, eligible now) counts, in 2023.
    expect(row('srdi_provincial')).toMatchObject({ held: 10, total: 30 });
    expect(row('srdi_provincial').cells[0].firms.map((f) => f.name)).toEqual(['鲁南电解液']);
    // 领航 has no criteria set: listed with its amount, nothing estimated.
    expect(row('leader_national')).toMatchObject({ setId: null, total: 0, reviewTotal: 0 });
    expect(r.totals).toEqual([2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030].map((year) => ({ year, total: year === 2023 ? 30 : year === 2024 || year === 2030 ? 200 : 0 })));
    expect(r.total).toBe(430);
    expect(r.reviewTotal).toBe(200 + 250 + 100 + 210);
  });

  it('places a projected firm in data year + 1 + N years', async () => {
    const nat = (await get({ dataYear: 2021 })).rewards.rows.find((x) => x.code === 'champion_national')!;
    const year = (name: string) => nat.cells.find((c) => c.firms.some((f) => f.name === name))?.year;
    expect([year('汉庄数控'), year('马兰屯智能装备'), year('运河锂能科技'), year('鲁南电解液')]).toEqual([2023, 2023, 2024, 2030]);
    expect(nat.cells.flatMap((c) => c.firms).every((f) => f.dataYear === 2021 && recognitionYear(f) === 2022 + f.inYears)).toBe(true);
  });

  it('classifies one evaluation: now, in N years within the horizon, to review, or not at all', () => {
    const firm: PoolFirm = { firmId: 1, name: 'A', sample: false, titles: [{ code: 'srdi_provincial', year: 2020 }] };
    const ev = (verdict: Evaluation['verdict'], projection: Evaluation['projection'] = { kind: 'none' }) => ({ verdict, projection, year: 2022 }) as Evaluation;
    expect(candidate(firm, 'little_giant', ev('eligible'))).toMatchObject({ kind: 'budget', c: { inYears: 0, dataYear: 2022 } });
    expect(candidate(firm, 'little_giant', ev('not_eligible', { kind: 'years', years: 3 }))).toMatchObject({ kind: 'budget', c: { inYears: 3 } });
    expect(candidate(firm, 'little_giant', ev('not_eligible', { kind: 'years', years: 11 }))).toBeNull();
    expect(candidate(firm, 'little_giant', ev('not_eligible', { kind: 'not_projectable' }))).toBeNull();
    expect(candidate(firm, 'little_giant', ev('needs_review'))).toMatchObject({ kind: 'review' });
    expect(candidate(firm, 'little_giant', ev('incomplete'))).toBeNull();
    expect(candidate(firm, 'srdi_provincial', ev('eligible'))).toBeNull();
    expect(candidate(firm, 'little_giant', undefined)).toBeNull();
  });

  it('follows an edited reward and a recorded judgement at once', async () => {
    await ok('overview.setReward', { code: 'champion_national', amount: 150, source: '区政府常务会议纪要（2024年第3次）' });
    let nat = (await get()).rewards.rows.find((x) => x.code === 'champion_national')!;
    expect([nat.total, nat.reviewTotal]).toEqual([600, 300]);
    for (const key of ['tech_leading', 'energy_advanced', 'innovation_leading', 'clean_record_3y']) {
      await ok('analyst.record', { firmId: firmId('鑫金山机械'), kind: 'judgement', setId: 'cn-champion-2023', key, value: true });
    }
    nat = (await get()).rewards.rows.find((x) => x.code === 'champion_national')!;
    expect(nat.cells.find((c) => c.year === 2023)!.firms.map((f) => f.name)).toEqual(['鑫金山机械']);
    expect([nat.total, nat.reviewTotal]).toEqual([750, 150]);
  });
});

describe('targets', () => {
  it('counts high-growth firms and their revenue, and asks for the 规上 count before a share', async () => {
    const t = (await get()).targets;
    const item = (key: string) => t.items.find((x) => x.key === key)!;
    expect(item('high_growth_firms')).toMatchObject({ current: 10, missing: null });
    expect(item('high_growth_firms').ratio).toBeCloseTo(10 / 60);
    expect(item('high_growth_firms').counted.firms.map((f) => f.name)).not.toContain('鲁南电解液');
    const revenue = h.db
      .prepare("SELECT sum(fy.revenue) FROM firm_years fy JOIN firms f ON f.id = fy.firm_id WHERE fy.year = 2022 AND f.name <> '鲁南电解液'")
      .pluck()
      .get() as number;
    expect(item('high_growth_output')).toMatchObject({ dataYear: 2022, missing: null });
    expect(item('high_growth_output').current).toBeCloseTo(revenue);
    expect(item('high_growth_output').ratio).toBeCloseTo(revenue / 1_000_000);
    expect(item('srdi_share')).toMatchObject({ current: null, ratio: null, missing: 'industrial_firms' });
    expect(item('srdi_share').counted.total).toBe(10);
    expect(t.districtSrdi).toBe(32);

    await ok('overview.setIndustrialFirms', { value: 50, year: 2023, source: '区统计局 2023年规上工业企业名录' });
    const share = (await get()).targets.items.find((x) => x.key === 'srdi_share')!;
    expect(share).toMatchObject({ current: 20, missing: null });
    expect(share.ratio).toBeCloseTo(0.5);
    expect((await get()).targets.industrialFirms).toMatchObject({ value: 50, year: 2023, source: '区统计局 2023年规上工业企业名录', updatedBy: 'analyst-zhao' });

    await ok('overview.setTarget', { key: 'srdi_share', value: 25, source: '区工信局 2024年工作要点' });
    expect((await get()).targets.items.find((x) => x.key === 'srdi_share')!.ratio).toBeCloseTo(0.8);
    await ok('overview.setIndustrialFirms', { value: null });
    expect((await get()).targets.items.find((x) => x.key === 'srdi_share')!.missing).toBe('industrial_firms');
    expect(auditOf('overview_input').map((a) => (a as { field: string }).field)).toEqual(['industrial_firms.value', 'industrial_firms.year', 'industrial_firms.source', 'industrial_firms.value']);
  });
});

describe('the calendar', () => {
  it('finds the next window of each yearly track, crossing the new year when it must', () => {
    expect(nextWindow('06-15', '09-15', '2025-05-10')).toEqual({ opens: '2025-06-15', deadline: '2025-09-15', daysToOpen: 36, daysToDeadline: 128, open: false });
    expect(nextWindow('03-01', '05-31', '2025-05-31')).toMatchObject({ deadline: '2025-05-31', daysToDeadline: 0, open: true });
    expect(nextWindow('03-01', '05-31', '2025-06-01')).toMatchObject({ opens: '2026-03-01', deadline: '2026-05-31', open: false });
    expect(nextWindow('12-01', '01-31', '2025-12-20')).toEqual({ opens: '2025-12-01', deadline: '2026-01-31', daysToOpen: -19, daysToDeadline: 42, open: true });
    expect(nextWindow('12-01', '01-31', '2025-01-10')).toMatchObject({ opens: '2024-12-01', deadline: '2025-01-31', open: true });
  });

  it('lists the next deadlines first with the firms to prepare', async () => {
    const c = (await get()).calendar;
    expect(c.map((x) => x.track)).toEqual(['srdi_provincial', 'little_giant', 'gazelle_provincial', 'champion_national', 'champion_provincial', 'innovative_sme']);
    expect(c.map((x) => x.next.daysToDeadline)).toEqual([...c.map((x) => x.next.daysToDeadline)].sort((a, b) => a - b));
    const nat = c.find((x) => x.track === 'champion_national')!;
    expect(nat.setId).toBe('cn-champion-2023');
    expect(nat.prepare.map((p) => [p.verdict, p.inYears])).toEqual([
      ['needs_review', 0],
      ['needs_review', 0],
      ['not_eligible', 1],
      ['not_eligible', 1],
      ['not_eligible', 7],
      ['not_eligible', 7],
    ]);
    // Firms above a step are not prepared for it: no 小巨人 for 瞪羚.
    expect(names(c.find((x) => x.track === 'gazelle_provincial')!.prepare)).toEqual(names([{ name: '兰祺医药' }, { name: '鲁南电解液' }, { name: '明源机械' }]));
  });
});

describe('pool status', () => {
  it('counts verdicts as evaluate.pool does and lists the verdicts changed since the data year before', async () => {
    const o = await get();
    const pool = await ok('evaluate.pool', { year: 2023, setId: 'cn-champion-2023', dataYear: 2022 });
    expect(o.status.counts).toEqual(pool.counts);
    expect(o.status.lists.needs_review.firms.map((f) => f.name).sort()).toEqual(pool.rows.filter((r) => r.verdict === 'needs_review').map((r) => r.name).sort());
    expect(o.status).toMatchObject({ dataYear: 2022, previousYear: 2021 });
    expect(o.status.changes.map((c) => [c.name, c.before, c.after]).sort()).toEqual([
      ['台城新材料', 'incomplete', 'needs_review'],
      ['鑫金山机械', 'incomplete', 'needs_review'],
    ]);
    const srdi = await get({ setId: 'cn-srdi-2022' });
    expect(srdi.status.counts).toEqual((await ok('evaluate.pool', { year: 2023, setId: 'cn-srdi-2022', dataYear: 2022 })).counts);
    expect(srdi.status.changes.map((c) => [c.name, c.before, c.after]).sort()).toEqual([
      ['马兰屯智能装备', 'incomplete', 'eligible'],
      ['鲁南电解液', 'not_eligible', 'eligible'],
    ]);
  });

  it('says which figures are still sample', async () => {
    const o = await get();
    const info = await ok('app.info', {});
    expect(o.sample).toMatchObject(info.sample);
    expect(o.sample.poolFirms.total).toBe(11);
  });

  it('caps a list behind a number but keeps its total', () => {
    const many = Array.from({ length: LIST_CAP + 50 }, (_, i) => ({ firmId: i, name: `F${i}`, sample: false }));
    const l = firmList(many);
    expect([l.total, l.firms.length, l.firms[0].name]).toEqual([LIST_CAP + 50, LIST_CAP, 'F0']);
  });

  it('reads exactly the evaluations it names to be worked out first (off the service thread, where there is one)', async () => {
    const ev = createEvaluator(h.db);
    for (const input of [{ year: 2023, setId: 'cn-champion-2023' }, { year: 2023, setId: 'cn-srdi-2022', dataYear: 2021 }]) {
      const read = new Set<string>();
      overviewOf(h.db, { ...input, today: '2025-05-10' }, (setId, poolYear, dataYear) => {
        read.add(`${setId}|${poolYear}|${dataYear}`);
        return ev.pool(setId, poolYear, dataYear);
      }, () => service['app.info']({}) as MethodOutput<'app.info'>);
      const named = overviewEvaluations(h.db, { ...input, today: '2025-05-10' }).map((w) => `${w.setId}|2023|${w.dataYear}`);
      expect(named.length).toBeGreaterThanOrEqual(3);
      expect(new Set(named)).toEqual(read);
    }
  });

  it('refuses an unknown set or pool year', async () => {
    expect(await refused('overview.get', { year: 2023, setId: 'no-such-set' })).toBe('not_found');
    expect(await refused('overview.get', { year: 2019, setId: 'cn-champion-2023' })).toBe('not_found');
  });
});

describe('editing the settings', () => {
  it('audits each changed field of a reward with who, and refuses invalid amounts and sources', async () => {
    const r = await ok('overview.setReward', { code: 'little_giant', amount: 80, source: '台儿庄区扶持办法（2024年修订）', note: '新办法' });
    expect(r).toMatchObject({ code: 'little_giant', amount: 80, source: '台儿庄区扶持办法（2024年修订）', updatedBy: 'analyst-zhao' });
    expect(auditOf('overview_reward')).toEqual([
      { actor: 'analyst-zhao', field: 'little_giant.amount', old: '50', new: '80', note: '新办法' },
      { actor: 'analyst-zhao', field: 'little_giant.source', old: expect.stringContaining('答复函') as unknown, new: '台儿庄区扶持办法（2024年修订）', note: '新办法' },
    ]);
    // The same values again change nothing and write nothing.
    await ok('overview.setReward', { code: 'little_giant', amount: 80, source: '台儿庄区扶持办法（2024年修订）' });
    expect(auditOf('overview_reward')).toHaveLength(2);
    expect(await refused('overview.setReward', { code: 'little_giant', amount: -5, source: 'x' })).toBe('invalid_input');
    expect(await refused('overview.setReward', { code: 'little_giant', amount: 10, source: '  ' })).toBe('invalid_input');
    expect(await refused('overview.setReward', { code: 'high_tech', amount: 10, source: 'x' })).toBe('invalid_input');
    expect((await get()).rewards.table.find((x) => x.code === 'little_giant')!.amount).toBe(80);
    expect((await get()).history.map((e) => e.field)).toEqual(['little_giant.source', 'little_giant.amount']);
  });

  it('audits targets and refuses a share over 100 %, a fractional firm count, a due year before the start', async () => {
    await ok('overview.setTarget', { key: 'high_growth_firms', value: 70, dueYear: 2027, source: '区委经济工作会议（2024年）' });
    expect(auditOf('overview_target').map((a) => [(a as { field: string }).field, (a as { new: string }).new])).toEqual([
      ['high_growth_firms.value', '70'],
      ['high_growth_firms.due_year', '2027'],
      ['high_growth_firms.source', '区委经济工作会议（2024年）'],
    ]);
    expect(await refused('overview.setTarget', { key: 'srdi_share', value: 120, source: 'x' })).toBe('invalid_input');
    expect(await refused('overview.setTarget', { key: 'high_growth_firms', value: 60.5, source: 'x' })).toBe('invalid_input');
    expect(await refused('overview.setTarget', { key: 'high_growth_output', value: 2_000_000, dueYear: 2020, source: 'x' })).toBe('invalid_input');
    expect(await refused('overview.setTarget', { key: 'high_growth_output', value: 0, source: 'x' })).toBe('invalid_input');
    expect(auditOf('overview_target')).toHaveLength(3);
    expect((await get()).targets.items.find((x) => x.key === 'high_growth_output')!.value).toBe(1_000_000);
  });

  it('audits calendar dates, marks them as no longer defaults, and refuses impossible dates', async () => {
    const e = await ok('overview.setCalendar', { track: 'champion_national', opens: '06-20', deadline: '09-10', note: '2025年通知：工信厅企业函〔2025〕X号' });
    expect(e).toMatchObject({ opens: '06-20', deadline: '09-10', isDefault: false, updatedBy: 'analyst-zhao' });
    expect(auditOf('overview_calendar').map((a) => (a as { field: string }).field)).toEqual(['champion_national.opens', 'champion_national.deadline', 'champion_national.note']);
    for (const bad of [
      { opens: '02-30', deadline: '09-10' },
      { opens: '13-01', deadline: '09-10' },
      { opens: '6-1', deadline: '09-10' },
      { opens: '09-10', deadline: '09-10' },
    ]) {
      expect(await refused('overview.setCalendar', { track: 'champion_national', ...bad })).toBe('invalid_input');
    }
    expect(auditOf('overview_calendar')).toHaveLength(3);
    const c = (await get()).calendar.find((x) => x.track === 'champion_national')!;
    expect(c).toMatchObject({ opens: '06-20', deadline: '09-10', isDefault: false });
    // Without a new note, the shipped remark that the dates are defaults goes; the rest of the note stays.
    const giant = await ok('overview.setCalendar', { track: 'little_giant', opens: '04-10', deadline: '06-20' });
    expect(giant.note).toBe('国家级专精特新“小巨人”：春季至年中');
  });

  it('refuses a 规上 count of zero or a fraction', async () => {
    expect(await refused('overview.setIndustrialFirms', { value: 0 })).toBe('invalid_input');
    expect(await refused('overview.setIndustrialFirms', { value: 12.5 })).toBe('invalid_input');
    const v = await ok('overview.setIndustrialFirms', { value: 120 });
    expect(v).toMatchObject({ value: 120, source: '分析员录入（analyst-zhao）' });
  });

  it('tells the shell about every write', async () => {
    const seen: string[] = [];
    service = createService({ db: h.db, dataFile: h.file, actor: 'a', appVersion: 't', onChange: (m) => seen.push(m) });
    await ok('overview.setReward', { code: 'gazelle_provincial', amount: 40, source: 'x' });
    await ok('overview.setTarget', { key: 'srdi_share', value: 45, source: 'x' });
    await ok('overview.setCalendar', { track: 'innovative_sme', opens: '03-01', deadline: '04-30' });
    await ok('overview.setIndustrialFirms', { value: 90 });
    await refused('overview.setReward', { code: 'gazelle_provincial', amount: -1, source: 'x' });
    expect(seen).toEqual(['overview.setReward', 'overview.setTarget', 'overview.setCalendar', 'overview.setIndustrialFirms']);
  });
});
