// The second check against the sources (criteria-spec §1, §5): titles valid Y−2 … Y, the 小巨人 innovation
// conditions and direct route, its 专精特新 prerequisite, the 创新型 honours, Shandong's recommendation condition,
// the 山东单项冠军 waiver on revenue(Y) alone, and the 专精特新 R&D staff bands.
import { describe, expect, it } from 'vitest';
import { evaluate, titleValidity, type Evaluation } from '../engine';
import type { FirmFacts } from '../metrics';
import { criteriaSet } from '../sets';
import type { TitleCode } from '../../figures';
import { facts, flat } from './facts';

const Y = 2022;
const run = (setId: string, f: FirmFacts, enabled?: (c: { id: string; enabled: boolean }) => boolean): Evaluation => evaluate(criteriaSet(setId)!, f, Y, enabled);
const status = (e: Evaluation, id: string) => e.criteria.find((c) => c.id === id)!.status;
const titled = (years: Parameters<typeof facts>[0], titles: { code: TitleCode; year: number | null }[], inputs: Record<string, number | boolean> = {}) => ({ ...facts(years, { inputs }), titles });

describe('titles in force (criteria-spec §1)', () => {
  it('a recognition runs three years: obtained in Y−2 is valid, in Y−3 it has lapsed, after Y it is not yet held', () => {
    expect(titleValidity(Y, Y)).toBe('valid');
    expect(titleValidity(Y - 2, Y)).toBe('valid');
    expect(titleValidity(Y - 3, Y)).toBe('lapsed');
    expect(titleValidity(Y + 1, Y)).toBe('not_yet');
    expect(titleValidity(null, Y)).toBe('unknown');
  });

  it('"holds" counts a lapsed title; "holds valid" does not; a re-recognition (the later year) is valid again', () => {
    // sd-champion-2023a criterion 3 asks only that the firm holds 小巨人.
    const short = { 2020: { revenue: 100 }, 2021: { revenue: 100 }, 2022: { revenue: 100 } };
    expect(status(run('sd-champion-2023a', titled(short, [{ code: 'little_giant', year: 2015 }])), '3')).toBe('pass');
    expect(status(run('sd-champion-2023a', titled(short, [{ code: 'little_giant', year: 2023 }])), '3')).toBe('fail');
  });
});

describe('cn-little-giant-2022: innovation (附件3) and the prerequisite', () => {
  const good = { revenue: 10000, main_revenue: 7000, total_assets: 100, total_liabilities: 50, share_domestic: 10, rd_expense: 300 };
  const srdi = (year: number | null) => [{ code: 'srdi_provincial' as const, year }];
  const judged = { 'judgement:cn-little-giant-2022:rd_institution': true };

  it('the general route needs R&D, the R&D institution and 2 class-I IP rights together', () => {
    expect(status(run('cn-little-giant-2022', titled(flat({ ...good, ip_class1: 2 }), srdi(Y), judged)), '6')).toBe('pass');
    expect(status(run('cn-little-giant-2022', titled(flat({ ...good, ip_class1: 1 }), srdi(Y), judged)), '6')).toBe('fail');
    expect(status(run('cn-little-giant-2022', titled(flat({ ...good, ip_class1: 2 }), srdi(Y))), '6')).toBe('review');
    expect(status(run('cn-little-giant-2022', titled(flat({ ...good, ip_class1: 2 }), srdi(Y), { 'judgement:cn-little-giant-2022:rd_institution': false })), '6')).toBe('fail');
  });

  it('the direct route (a national S&T award, top 3, or 创客中国 top 50) replaces all three, with or without IP', () => {
    const noIp = flat({ ...good, ip_class1: 0, rd_expense: 0 });
    expect(status(run('cn-little-giant-2022', titled(noIp, srdi(Y))), '6')).toBe('fail');
    expect(status(run('cn-little-giant-2022', titled(noIp, srdi(Y), { 'flag:st_award_national_3y_top3': true })), '6')).toBe('pass');
    expect(status(run('cn-little-giant-2022', titled(noIp, srdi(Y), { 'flag:maker_china_top50': true })), '6')).toBe('pass');
    const withIp = flat({ ...good, ip_class1: 5, rd_expense: 0 });
    expect(status(run('cn-little-giant-2022', titled(withIp, srdi(Y), { 'flag:st_award_national_3y_top3': true })), '6')).toBe('pass');
    // The former flag (any S&T award) no longer counts: the route asks a national award.
    expect(status(run('cn-little-giant-2022', titled(noIp, srdi(Y), { 'flag:st_award_3y_top3': true })), '6')).toBe('fail');
    const flag = JSON.stringify(criteriaSet('cn-little-giant-2022')!.criteria.find((c) => c.id === '6')!.rule);
    expect(flag).toContain('近三年获得国家级科技奖励且排名前三');
  });

  it('needs a valid provincial 专精特新 title: obtained Y−2 passes, Y−3 fails, none fails, no year is unknown', () => {
    const f = flat({ ...good, ip_class1: 2 });
    expect(status(run('cn-little-giant-2022', titled(f, srdi(Y - 2))), '7')).toBe('pass');
    expect(status(run('cn-little-giant-2022', titled(f, srdi(Y - 3))), '7')).toBe('fail');
    expect(status(run('cn-little-giant-2022', titled(f, [])), '7')).toBe('fail');
    expect(status(run('cn-little-giant-2022', titled(f, srdi(null))), '7')).toBe('unknown');
    expect(run('cn-little-giant-2022', titled(f, srdi(Y - 3))).verdict).toBe('not_eligible');
  });
});

describe('cn-innovative-2022: the honours route', () => {
  // A score far below 60 (nothing recorded, low figures): only a route can pass it.
  const weak = { 2020: { equity_financing: 0 }, 2021: { main_revenue: 1000, equity_financing: 0 }, 2022: { revenue: 1000, main_revenue: 400, rd_expense: 0, total_assets: 100, total_liabilities: 90, equity_financing: 0 } };
  it.each(['high_tech', 'tech_innovation_demo', 'ip_advantage', 'ip_demo'] as const)('a valid %s passes; lapsed (Y−3) it does not', (code) => {
    expect(run('cn-innovative-2022', titled(weak, [])).verdict).toBe('not_eligible');
    expect(run('cn-innovative-2022', titled(weak, [{ code, year: Y - 2 }])).verdict).toBe('eligible');
    expect(run('cn-innovative-2022', titled(weak, [{ code, year: Y - 3 }])).verdict).toBe('not_eligible');
  });
});

describe('cn-champion-2023: Shandong recommendation condition', () => {
  const base = flat({ main_revenue: 40000, rank_global: 1 });
  it('holds 省级制造业单项冠军; labelled as the province’s condition, single-sourced, and switchable', () => {
    const c = criteriaSet('cn-champion-2023')!.criteria.find((x) => x.id === '8')!;
    expect(c.tag?.zh).toBe('山东省推荐条件，非国家认定标准');
    expect(c.confidence).toBe('single');
    expect(status(run('cn-champion-2023', { ...facts(base), titles: [{ code: 'champion_provincial', year: 2019 }] }), '8')).toBe('pass');
    const without = run('cn-champion-2023', facts(base));
    expect(status(without, '8')).toBe('fail');
    expect(without.verdict).toBe('not_eligible');
    const off = run('cn-champion-2023', facts(base), (x) => x.id !== '8' && x.enabled);
    expect(off.verdict).toBe('needs_review');
  });
});

describe('sd-champion-2023a: the 专精特新 waiver', () => {
  const v = { rank_national: 1, rank_provincial: 1, main_revenue: 9000, product_revenue: 9000 };
  const years = (y2022: number, earlier: number) => ({ 2020: { ...v, revenue: earlier }, 2021: { ...v, revenue: earlier }, 2022: { ...v, revenue: y2022 } });
  const srdi = [{ code: 'srdi_provincial' as const, year: 2021 }];
  it('needs revenue(Y) ≥ 1亿元 only: 9,999 fails, 10,000 passes, whatever the earlier years', () => {
    expect(status(run('sd-champion-2023a', titled(years(9999, 50000), srdi)), '3')).toBe('fail');
    expect(status(run('sd-champion-2023a', titled(years(9999.9999, 50000), srdi)), '3')).toBe('fail');
    expect(status(run('sd-champion-2023a', titled(years(10000, 100), srdi)), '3')).toBe('pass');
    expect(status(run('sd-champion-2023a', titled(years(10000, 100), [])), '3')).toBe('fail');
  });
});

describe('cn-srdi-2022: R&D staff share and R&D institution switched on', () => {
  const points = (share: number | null) => run('cn-srdi-2022', facts(flat({ rd_staff_share: share }))).scores.srdi.indicators.find((i) => i.id === 'rd_staff')!;
  it('bands the R&D staff share from the figure: ≥20 → 5, [10,20) → 3, [5,10) → 1, <5 → 0; unknown → [0, 5]', () => {
    expect([20, 19.9999, 10, 9.9999, 5, 4.9999].map((s) => points(s).lo)).toEqual([5, 3, 3, 1, 1, 0]);
    expect(points(null)).toMatchObject({ lo: 0, hi: 5 });
  });
  it('neither is unconfirmed any more; both single-sourced', () => {
    const ind = criteriaSet('cn-srdi-2022')!.scores.srdi.indicators;
    expect(ind.filter((i) => i.id === 'rd_staff' || i.id === 'rd_institution').map((i) => i.confidence)).toEqual(['single', 'single']);
    expect(ind.some((i) => i.confidence === 'unconfirmed')).toBe(false);
  });
});
