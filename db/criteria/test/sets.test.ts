// Every shipped set on its boundaries: exactly at a threshold, just below, a missing year, a zero
// denominator, negative profit for a CAGR, a band edge on each side, and score intervals around the pass mark.
import { describe, expect, it } from 'vitest';
import { evaluate, type Evaluation } from '../engine';
import type { FirmFacts } from '../metrics';
import { criteriaSet, criteriaSets } from '../sets';
import type { TitleCode } from '../../figures';
import { facts, flat } from './facts';

const run = (setId: string, f: FirmFacts, enabled?: (c: { id: string; enabled: boolean }) => boolean): Evaluation => evaluate(criteriaSet(setId)!, f, 2022, enabled);
const status = (e: Evaluation, id: string) => e.criteria.find((c) => c.id === id)!.status;
const judged = (setId: string, keys: string[], value = true) => Object.fromEntries(keys.map((k) => [`judgement:${setId}:${k}`, value]));

describe('cn-champion-2023', () => {
  const base = flat({ main_revenue: 40000, rank_global: 3 });
  // Shandong recommends national champions from its provincial champions (criterion 8).
  const titles: TitleCode[] = ['champion_provincial'];
  const reviews = ['tech_leading', 'energy_advanced', 'innovation_leading', 'clean_record_3y'];

  it('passes every number exactly at its threshold and waits for the four judgements', () => {
    const e = run('cn-champion-2023', facts(base, { segmentSince: 2012, titles }));
    expect(['1', '2', '3', '8'].map((id) => status(e, id))).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(e.verdict).toBe('needs_review');
    expect(run('cn-champion-2023', facts(base, { segmentSince: 2012, titles, inputs: judged('cn-champion-2023', reviews) })).verdict).toBe('eligible');
    expect(run('cn-champion-2023', facts(base, { segmentSince: 2012, titles, inputs: { ...judged('cn-champion-2023', reviews), 'judgement:cn-champion-2023:clean_record_3y': false } })).verdict).toBe('not_eligible');
  });

  it('fails just below, with the gap and a projection', () => {
    const f = facts({ 2020: { main_revenue: 36000, rank_global: 2 }, 2021: { main_revenue: 40000, rank_global: 2 }, 2022: { main_revenue: 43999.97, rank_global: 2 } }, { segmentSince: 2013, titles });
    const e = run('cn-champion-2023', f);
    const years = e.criteria.find((c) => c.id === '1')!;
    expect(years.status).toBe('fail');
    expect(years.primary?.gap).toEqual({ abs: 1, rel: 0.1 });
    expect(years.projection).toEqual({ kind: 'years', years: 1 });
    const revenue = e.criteria.find((c) => c.id === '2')!;
    expect(revenue.status).toBe('fail');
    expect(revenue.primary!.gap!.abs).toBeCloseTo(0.01, 6);
    expect(revenue.projection).toEqual({ kind: 'years', years: 1 });
    expect(e.verdict).toBe('not_eligible');
    expect(e.projection).toEqual({ kind: 'years', years: 1 });
  });

  it('asks 5 years of a new product instead of 10', () => {
    expect(status(run('cn-champion-2023', facts(base, { segmentSince: 2017, isNewProduct: true })), '1')).toBe('pass');
    expect(status(run('cn-champion-2023', facts(base, { segmentSince: 2018, isNewProduct: true })), '1')).toBe('fail');
    expect(status(run('cn-champion-2023', facts(base, { segmentSince: 2017 })), '1')).toBe('fail');
  });

  it('is incomplete when a year is missing and nothing fails', () => {
    const f = facts({ 2021: { main_revenue: 50000 }, 2022: { main_revenue: 50000, rank_global: 1 } }, { segmentSince: 2000, titles });
    const e = run('cn-champion-2023', f);
    expect(status(e, '2')).toBe('unknown');
    expect(e.criteria.find((c) => c.id === '2')!.primary!.reason).toBe('missing: main_revenue(2020)');
    expect(e.verdict).toBe('incomplete');
  });

  it('keeps the unconfirmed criteria off until switched on; the lower floor then replaces criterion 2', () => {
    const f = facts(flat({ main_revenue: 25000, product_revenue: 10000, rank_global: 1 }), { segmentSince: 2000, titles: ['little_giant', 'champion_provincial'] });
    const off = run('cn-champion-2023', f);
    expect(off.criteria.filter((c) => !c.enabled).map((c) => c.id)).toEqual(['u1', 'u2']);
    expect(off.verdict).toBe('not_eligible');
    const on = run('cn-champion-2023', f, (c) => c.enabled || c.id === 'u2');
    expect(on.criteria.find((c) => c.id === '2')!.enabled).toBe(false);
    expect(status(on, 'u2')).toBe('pass');
    expect(on.verdict).toBe('needs_review');
    // Short of both floors, a holder of the title is shown the 2亿元 floor of its branch, with its gap.
    const short = run('cn-champion-2023', facts(flat({ main_revenue: 15000, rank_global: 1 }), { segmentSince: 2000, titles: ['little_giant'] }), (c) => c.enabled || c.id === 'u2');
    expect(status(short, 'u2')).toBe('fail');
    expect(short.criteria.find((c) => c.id === 'u2')!.primary).toMatchObject({ threshold: 20000, gap: { abs: 5000 } });
    // Without the title only the general 4亿元 floor applies.
    const plain = run('cn-champion-2023', facts(flat({ main_revenue: 15000, rank_global: 1 }), { segmentSince: 2000 }), (c) => c.enabled || c.id === 'u2');
    expect(plain.criteria.find((c) => c.id === 'u2')!.primary).toMatchObject({ threshold: 40000, gap: { abs: 25000 } });
    const withShare = run('cn-champion-2023', f, (c) => c.enabled || c.id === 'u1');
    expect(status(withShare, 'u1')).toBe('fail'); // 10000 / 25000 = 40 %
  });
});

describe('cn-champion-2016-demo and 2019-product', () => {
  const ok = { revenue: 10000, product_revenue: 7000, rank_global: 3 };
  it('passes a 70 % share computed as 7000/10000, and fails just below', () => {
    expect(status(run('cn-champion-2016-demo', facts(flat(ok))), '1')).toBe('pass');
    expect(status(run('cn-champion-2016-demo', facts(flat({ ...ok, product_revenue: 6999.99 }))), '1')).toBe('fail');
  });
  it('needs 4亿元 of revenue unless the firm is a little giant; new products need 3 years', () => {
    expect(status(run('cn-champion-2016-demo', facts(flat(ok))), '4')).toBe('fail');
    expect(status(run('cn-champion-2016-demo', facts(flat(ok), { titles: ['little_giant'] })), '4')).toBe('pass');
    expect(status(run('cn-champion-2016-demo', facts(flat({ ...ok, revenue: 40000 }))), '4')).toBe('pass');
    expect(status(run('cn-champion-2016-demo', facts(flat(ok), { segmentSince: 2019, isNewProduct: true })), '3')).toBe('pass');
    expect(status(run('cn-champion-2016-demo', facts(flat(ok), { segmentSince: 2020, isNewProduct: true })), '3')).toBe('fail');
  });
  it('the product title drops the 70 % share but keeps the rest', () => {
    const e = run('cn-champion-2019-product', facts(flat({ ...ok, product_revenue: 1000, revenue: 40000 })));
    expect(e.criteria.map((c) => c.id)).toEqual(['2', '3', '4', '5', '6']);
    expect(e.verdict).toBe('needs_review');
  });
  it('fails a zero revenue share as undefined, not as unknown', () => {
    const e = run('cn-champion-2016-demo', facts(flat({ ...ok, revenue: 0 })));
    expect(status(e, '1')).toBe('fail');
    expect(e.criteria.find((c) => c.id === '1')!.primary!.reason).toBe('zero_denominator');
  });
});

describe('sd-champion-2023a', () => {
  const ok = { years: 2018, v: { rank_national: 5, rank_provincial: 1, revenue: 40000, main_revenue: 30000, product_revenue: 21000 } };
  it('needs national top 5 and first in the province', () => {
    expect(status(run('sd-champion-2023a', facts(flat(ok.v), { segmentSince: 2019 })), '2')).toBe('pass');
    expect(status(run('sd-champion-2023a', facts(flat({ ...ok.v, rank_provincial: 2 }), { segmentSince: 2019 })), '2')).toBe('fail');
    expect(status(run('sd-champion-2023a', facts(flat({ ...ok.v, rank_national: 6 }), { segmentSince: 2019 })), '2')).toBe('fail');
    expect(status(run('sd-champion-2023a', facts(flat(ok.v), { segmentSince: 2020 })), '1')).toBe('fail');
  });
  it('needs 4亿元 in each of three years, waived for little giants and for SRDI firms with 1亿元 in the data year', () => {
    const dip = { 2020: { ...ok.v }, 2021: { ...ok.v, revenue: 39999 }, 2022: { ...ok.v } };
    expect(status(run('sd-champion-2023a', facts(flat(ok.v))), '3')).toBe('pass');
    expect(status(run('sd-champion-2023a', facts(dip)), '3')).toBe('fail');
    expect(status(run('sd-champion-2023a', facts(dip, { titles: ['little_giant'] })), '3')).toBe('pass');
    expect(status(run('sd-champion-2023a', facts(dip, { titles: ['srdi_provincial'] })), '3')).toBe('pass');
  });
  it('needs the product at 70 % of main business revenue', () => {
    expect(status(run('sd-champion-2023a', facts(flat(ok.v))), '4')).toBe('pass');
    expect(status(run('sd-champion-2023a', facts(flat({ ...ok.v, product_revenue: 20999 }))), '4')).toBe('fail');
  });
});

describe('cn-little-giant-2022', () => {
  const good = { revenue: 10000, main_revenue: 7000, total_assets: 100, total_liabilities: 70, share_domestic: 10, rd_expense: 300, ip_class1: 2 };
  // 6 % then 4 %: an average of exactly 5 %.
  const growing = { 2020: { ...good, main_revenue: 7000 / 1.04 / 1.06 }, 2021: { ...good, main_revenue: 7000 / 1.04 }, 2022: { ...good } };
  const srdi: TitleCode[] = ['srdi_provincial'];
  const institution = { 'judgement:cn-little-giant-2022:rd_institution': true };

  it('passes every threshold exactly at its value (debt 70 % included) and waits for the judgements', () => {
    const e = run('cn-little-giant-2022', facts(growing, { segmentSince: 2019, titles: srdi }));
    expect(e.criteria.map((c) => c.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'review', 'pass', 'review']);
    expect(run('cn-little-giant-2022', facts(growing, { segmentSince: 2019, titles: srdi, inputs: institution })).criteria[5].status).toBe('pass');
    expect(run('cn-little-giant-2022', facts({ ...growing, 2022: { ...good, total_liabilities: 70.01 } }, { segmentSince: 2019, titles: srdi })).criteria[3].status).toBe('fail');
  });

  it('picks the R&D rule by the revenue band, on each side of 1亿元 and 5000万元', () => {
    const at = (revenue: number, rd: number) => status(run('cn-little-giant-2022', facts(flat({ ...good, revenue, rd_expense: rd }), { inputs: institution })), '6');
    expect(at(10000, 300)).toBe('pass'); // ≥ 1亿: 3 %
    expect(at(9999.99, 300)).toBe('fail'); // [5000万, 1亿): needs 6 %
    expect(at(9999.99, 600)).toBe('pass');
    expect(at(5000, 300)).toBe('pass'); // 6 % of 5000
    expect(at(4999.99, 300)).toBe('fail'); // < 5000万: financing, R&D sum and staff
    const small = facts(flat({ ...good, revenue: 4000, equity_financing: 4000, rd_expense: 1500, rd_staff_share: 50 }), { inputs: institution });
    expect(status(run('cn-little-giant-2022', small), '6')).toBe('pass');
  });

  it('counts a route flag only once an analyst records it', () => {
    const weak = facts(flat({ ...good, rd_expense: 100 }), { inputs: institution });
    expect(status(run('cn-little-giant-2022', weak), '6')).toBe('fail');
    expect(status(run('cn-little-giant-2022', facts(flat({ ...good, rd_expense: 100 }), { inputs: { ...institution, 'flag:maker_china_top50': true } })), '6')).toBe('pass');
  });

  it('needs R&D in each of the last two years, and says which year is missing', () => {
    const e = run('cn-little-giant-2022', facts({ 2021: { ...good, rd_expense: null }, 2022: { ...good } }, { inputs: institution }));
    expect(status(e, '6')).toBe('unknown');
  });
});

describe('cn-srdi-2022', () => {
  const gates = { revenue: 5000, main_revenue: 4500, rd_expense: 150, net_profit: 500, total_assets: 5000, total_liabilities: 2500, equity_financing: 0 };

  it('checks the gates at their edges', () => {
    expect(status(run('cn-srdi-2022', facts(flat(gates), { segmentSince: 2020 })), '1')).toBe('pass');
    expect(status(run('cn-srdi-2022', facts(flat(gates), { segmentSince: 2021 })), '1')).toBe('fail');
    expect(status(run('cn-srdi-2022', facts(flat({ ...gates, rd_expense: 99.99 }))), '2')).toBe('fail');
    expect(status(run('cn-srdi-2022', facts(flat({ ...gates, revenue: 999, rd_expense: 100 }))), '3')).toBe('fail');
    expect(status(run('cn-srdi-2022', facts(flat({ ...gates, revenue: 999, rd_expense: 100, equity_financing: 1000 }))), '3')).toBe('pass');
  });

  it('keeps the score an interval while inputs are missing, and decides once they straddle no longer', () => {
    const f = facts(flat(gates), { segmentSince: 2010 });
    const e = run('cn-srdi-2022', f);
    // Numbers give: main share 90 % → 5, growth 0 % → 2, years 12 → 5, margin 10 % → 10, debt 50 % → 5, R&D 3 % → 2.
    expect(e.score).toEqual({ lo: 29, hi: 84, max: 100 });
    expect(status(e, '4')).toBe('unknown');
    const all = { 'points:srdi_product_field': 5, 'points:digital_level': 3, 'points:srdi_quality': 5, 'points:srdi_distinctive': 10, 'points:srdi_ip_level': 6, 'points:srdi_rd_institution': 0 };
    const staffed = flat({ ...gates, rd_staff_share: 4.9999 }); // R&D staff below 5 % → 0
    const scored = run('cn-srdi-2022', facts(staffed, { segmentSince: 2010, inputs: all }));
    expect(scored.score).toEqual({ lo: 60, hi: 60, max: 100 });
    expect(status(scored, '4')).toBe('pass');
    const short = run('cn-srdi-2022', facts(staffed, { segmentSince: 2010, inputs: { ...all, 'points:srdi_ip_level': 5.99 } }));
    expect(status(short, '4')).toBe('fail');
  });

  it('takes the higher of R&D amount and intensity, and the average-R&D route', () => {
    const rich = run('cn-srdi-2022', facts(flat({ ...gates, revenue: 100000, main_revenue: 90000, rd_expense: 3000 })));
    expect(rich.scores.srdi.indicators.find((i) => i.id === 'rd_spend')).toMatchObject({ lo: 10, hi: 10 });
    expect(status(rich, '4')).toBe('pass'); // (3000 + 3000) / 2 ≥ 1000
  });
});

describe('cn-innovative-2022', () => {
  const f = (values: object, inputs: Record<string, number> = {}, titles: ('high_tech')[] = []) => facts({ 2020: { equity_financing: 0 }, 2021: { main_revenue: 1000, equity_financing: 0 }, 2022: { revenue: 1000, main_revenue: 1150, rd_expense: 50, total_assets: 100, total_liabilities: 55, equity_financing: 0, ...values } }, { inputs, titles });
  it('passes on 60 with every block at its minimum, fails when a block is short', () => {
    // rd 5 % → 20; growth 15 % → 20, debt 55 % → 10; main share > 100 % → 20; IP and field are inputs.
    const e = run('cn-innovative-2022', f({}, { 'points:inn_ip_level': 0, 'points:inn_field': 5 }));
    expect(e.score).toEqual({ lo: 75, hi: 75, max: 100 });
    expect(e.verdict).toBe('eligible');
    const lowInnovation = run('cn-innovative-2022', f({ rd_expense: 19.99 }, { 'points:inn_ip_level': 0, 'points:inn_field': 10 }));
    expect(lowInnovation.scores.innovative.blocks.innovation).toEqual({ lo: 5, hi: 5 }); // 1.999 % → 5
    expect(lowInnovation.verdict).toBe('not_eligible');
  });
  it('counts an unrecorded main-product field as [5, 10], so a lower bound of 60 is 达标', () => {
    // IP Ⅱ类 5 + rd 3 % 15 = 20; growth 8 % 10 + debt 55 % 10 = 20; main share 65 % 15 + field [5, 10] = [20, 25]
    const g = (main: number) => facts({ 2020: { equity_financing: 0 }, 2021: { main_revenue: main / 1.08, equity_financing: 0 }, 2022: { revenue: 1000, main_revenue: main, rd_expense: 30, total_assets: 100, total_liabilities: 55, equity_financing: 0 } }, { inputs: { 'points:inn_ip_level': 5 } });
    const e = run('cn-innovative-2022', g(650));
    expect(e.scores.innovative.indicators.find((i) => i.id === 'field')).toMatchObject({ lo: 5, hi: 10 });
    expect(e.scores.innovative.blocks.specialisation).toEqual({ lo: 20, hi: 25 });
    expect(e.score).toEqual({ lo: 60, hi: 65, max: 100 });
    expect(e.verdict).toBe('eligible');
    // main share 58 % → 10: [55, 60] straddles the pass mark again
    const short = run('cn-innovative-2022', g(580));
    expect(short.score).toEqual({ lo: 55, hi: 60, max: 100 });
    expect(short.verdict).toBe('incomplete');
  });
  it('lets a high-tech enterprise through directly', () => {
    expect(run('cn-innovative-2022', f({ rd_expense: 0 }, {}, ['high_tech'])).verdict).toBe('eligible');
  });
  it('is incomplete while the score interval straddles 60', () => {
    const e = run('cn-innovative-2022', f({ rd_expense: 20 }));
    expect(e.score).toEqual({ lo: 65, hi: 90, max: 100 }); // the field, unrecorded, scores at least 5
    expect(run('cn-innovative-2022', f({ rd_expense: 10, main_revenue: 1000 })).verdict).toBe('incomplete');
  });
});

describe('sd-gazelle-2020', () => {
  const base = (revenue2022: number, revenue2020: number, extra: object = {}) =>
    facts({ 2020: { revenue: revenue2020, rd_expense: revenue2020 * 0.06, net_profit: 10 }, 2021: { revenue: (revenue2020 + revenue2022) / 2, rd_expense: revenue2022 * 0.06 }, 2022: { revenue: revenue2022, rd_expense: revenue2022 * 0.06, net_profit: 10, total_assets: 100, total_liabilities: 69.99, invention_patents: 2, credit_score: 75, ...extra } });
  it('applies the growth rate of the revenue band on each side of every edge', () => {
    const growth = (r22: number, r20: number) => status(run('sd-gazelle-2020', base(r22, r20)), '3');
    expect(growth(999, 100)).toBe('fail'); // below 1000万: never
    expect(growth(1000, 640)).toBe('pass'); // 25 % exactly
    expect(growth(2000, 1390)).toBe('fail'); // 19.95 % < 20 %
    expect(growth(2000, 1388.88)).toBe('pass');
    expect(growth(10000, 7561.43)).toBe('pass'); // 15 %
    expect(growth(9999.99, 7561.43)).toBe('fail'); // back in the 20 % band
    expect(growth(40000, 33057.85)).toBe('pass'); // 10 %
    expect(growth(39999, 33057.85)).toBe('fail'); // 15 % band
  });
  it('accepts net-profit growth, but a negative start makes that CAGR undefined', () => {
    const f = facts({ 2020: { revenue: 5000, net_profit: -100 }, 2022: { revenue: 5000, net_profit: 500 } });
    expect(status(run('sd-gazelle-2020', f), '3')).toBe('fail');
    const g = facts({ 2020: { revenue: 5000, net_profit: 100 }, 2022: { revenue: 5000, net_profit: 144 } });
    expect(status(run('sd-gazelle-2020', g), '3')).toBe('pass');
  });
  it('needs a debt ratio strictly below 70 %, a credit score of 75, and no listing', () => {
    expect(status(run('sd-gazelle-2020', base(2000, 1000)), '2')).toBe('pass');
    expect(status(run('sd-gazelle-2020', base(2000, 1000, { total_liabilities: 70 })), '2')).toBe('fail');
    expect(status(run('sd-gazelle-2020', base(2000, 1000, { credit_score: 74.9 })), '6')).toBe('fail');
    expect(status(run('sd-gazelle-2020', facts(flat({}), { listed: true })), '7')).toBe('fail');
    expect(status(run('sd-gazelle-2020', facts(flat({}))), '7')).toBe('pass');
  });
  it('switches the R&D floor at 1亿元 of revenue', () => {
    const rd = (revenue: number, intensity: number) => status(run('sd-gazelle-2020', facts(flat({ revenue, rd_expense: (revenue * intensity) / 100 }))), '4');
    expect(rd(10000, 2.5)).toBe('pass');
    expect(rd(9999, 2.5)).toBe('fail');
    expect(rd(9999, 5)).toBe('pass');
  });
});

describe('the shipped sets', () => {
  it('are the eight of criteria-spec §5, each with its document, date, effective period and confidence', () => {
    expect(criteriaSets().map((s) => s.id)).toEqual(['cn-champion-2023', 'cn-champion-2016-demo', 'cn-champion-2019-product', 'sd-champion-2023a', 'cn-little-giant-2022', 'cn-srdi-2022', 'cn-innovative-2022', 'sd-gazelle-2020']);
    for (const s of criteriaSets()) {
      // A real document number, or none: never a placeholder such as —.
      if (s.document.number !== null) expect(s.document.number, s.id).toMatch(/^[^〔〕；\s—-]+〔\d{4}〕\d+号(；[^〔〕；\s]+〔\d{4}〕\d+号)*$/);
      expect(s.document.date, s.id).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
      expect(s.effective_from, s.id).toMatch(/^\d{4}/);
      expect(s.version).toBe(1);
      expect(['text', 'multi', 'single', 'unconfirmed']).toContain(s.confidence);
    }
    expect(criteriaSets().filter((s) => s.document.number === null).map((s) => s.id)).toEqual(['sd-champion-2023a', 'sd-gazelle-2020']);
  });

  it('the three 2022 SME sets end on 2026-03-31 and say a revised version applies from 2026-04-01', () => {
    for (const id of ['cn-little-giant-2022', 'cn-srdi-2022', 'cn-innovative-2022']) {
      const s = criteriaSet(id)!;
      expect(s.effective_to).toBe('2026-03-31');
      expect(s.notice?.zh).toMatch(/2022年版.*2026年4月1日起施行/);
      expect(s.notice?.en).toMatch(/2022 rules.*2026-04-01/);
    }
    expect(criteriaSets().filter((s) => s.effective_to !== null)).toHaveLength(3);
  });
});
