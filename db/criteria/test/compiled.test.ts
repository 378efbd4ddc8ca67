// The compiled set (compileSet) against the engine it stands in for: for every shipped set, under its shipped
// switches and with every criterion switched on, each firm of a synthetic pool gets the same verdict, main score and
// projection — over the bench's generated figures, and over firms whose figures sit exactly on each threshold.
import { describe, expect, it } from 'vitest';
import { syntheticRows, YEARS } from '../../../bench/synthetic';
import { FIGURE_KEYS, TITLE_CODES, type FigureKey } from '../../figures';
import { TEMPLATE } from '../../import/template';
import { compileSet } from '../compiled';
import { evaluate } from '../engine';
import { parseMetric, withoutProvenance, type FirmFacts, type YearFigures } from '../metrics';
import type { Rule } from '../schema';
import { criteriaSets } from '../sets';
import { rng } from '../../test/helpers';

const FLAGS = ['maker_china_top50', 'maker_china_top500', 'rd_institution_provincial', 'st_award_3y', 'st_award_national_3y_top3', 'st_award_srdi'];
const POINTS = ['inn_field', 'inn_ip_level', 'srdi_distinctive', 'srdi_ip_level', 'srdi_product_field', 'srdi_quality', 'srdi_rd_institution'];
const REVIEWS = ['clean_record_3y', 'compliance', 'energy_advanced', 'field', 'innovation_leading', 'margin_above_industry', 'qualitative', 'rd_institution', 'tech_and_ip', 'tech_leading'];


/** The bench's synthetic firms as the engine reads them, with titles, flags, points and judgements drawn at random. */
function syntheticPool(firms: number): FirmFacts[] {
  const r = rng(7);
  const keys = TEMPLATE.map((c) => c.key);
  const figureKeys = FIGURE_KEYS.filter((k) => keys.includes(k));
  const out: FirmFacts[] = [];
  let current: FirmFacts | null = null;
  for (const row of syntheticRows(firms, 11)) {
    const cell = (k: string) => row[keys.indexOf(k)];
    if (cell('year') === YEARS[0]) {
      current = {
        segmentSince: cell('segment_since') as number,
        foundedYear: r() < 0.05 ? null : (cell('founded_year') as number),
        isNewProduct: cell('is_new_product') === '是',
        listed: cell('listed') === '是',
        titles: Array.from({ length: Math.floor(r() * 3) }, () => ({ code: TITLE_CODES[Math.floor(r() * TITLE_CODES.length)], year: r() < 0.1 ? null : 2016 + Math.floor(r() * 9) })),
        figures: new Map(),
        inputs: new Map(),
      };
      const at = { note: null, actor: 't', at: '2024-01-01' };
      for (const f of FLAGS) if (r() < 0.2) current.inputs.set(`flag:${f}`, { value: r() < 0.5, ...at });
      for (const p of POINTS) if (r() < 0.4) current.inputs.set(`points:${p}`, { value: Math.round(r() * 120) / 10, ...at });
      for (const set of criteriaSets()) for (const k of REVIEWS) if (r() < 0.3) current.inputs.set(`judgement:${set.id}:${k}`, { value: r() < 0.7, ...at });
      out.push(current);
    }
    const values: YearFigures['values'] = {};
    for (const k of figureKeys) values[k] = cell(k) as number | null;
    current!.figures.set(cell('year') as number, { values, sourceId: 1 });
  }
  return out;
}

function cmps(rule: Rule, out: { metric: string; value: number }[]): void {
  if ('cmp' in rule) out.push({ metric: rule.cmp, value: rule.value });
  else if ('all' in rule) for (const x of rule.all) cmps(x, out);
  else if ('any' in rule) for (const x of rule.any) cmps(x, out);
  else if ('each_year' in rule) cmps(rule.rule, out);
  else if ('when' in rule) for (const x of [rule.when, rule.then, rule.else]) cmps(x, out);
  else if ('band' in rule) {
    for (const c of rule.cases) for (const b of [c.gte, c.gt, c.lt, c.lte]) if (b !== undefined) out.push({ metric: rule.band, value: b });
    for (const c of rule.cases) cmps(c.rule, out);
  }
}

const DERIVED: Record<string, [FigureKey, FigureKey]> = {
  debt_ratio: ['total_liabilities', 'total_assets'],
  rd_intensity: ['rd_expense', 'revenue'],
  main_share: ['main_revenue', 'revenue'],
  product_share_of_total: ['product_revenue', 'revenue'],
  product_share_of_main: ['product_revenue', 'main_revenue'],
  net_margin: ['net_profit', 'revenue'],
};

/** Copies of `base` whose figures put one metric exactly on one threshold of the sets (every year), and one 元 off. */
function onThresholds(base: FirmFacts[]): FirmFacts[] {
  const found: { metric: string; value: number }[] = [];
  for (const set of criteriaSets()) for (const c of set.criteria) cmps(c.rule, found);
  const out: FirmFacts[] = [];
  found.forEach(({ metric, value }, i) => {
    const p = parseMetric(metric);
    for (const delta of [0, 0.0001, -0.0001]) {
      const b = base[i % base.length];
      const f: FirmFacts = { ...b, figures: new Map([...b.figures].map(([y, v]) => [y, { ...v, values: { ...v.values } }])) };
      for (const y of f.figures.values()) {
        if (p?.kind === 'raw' || (p?.kind === 'fn' && /^avg/.test(p.fn))) y.values[p.key] = value + delta;
        else if (p?.kind === 'fn' && p.fn === 'sum_2y') y.values[p.key] = value / 2 + delta;
        else if (p?.kind === 'fn' && p.fn === 'sum_3y') y.values[p.key] = value / 4 + delta; // 0.75 of it over 3 years
        else if (p?.kind === 'derived') {
          const [a, d] = DERIVED[p.name];
          y.values[d] = 10000;
          y.values[a] = value * 100 + delta;
        }
      }
      if (p?.kind === 'fn' && (p.fn === 'growth' || p.fn === 'avg_growth_2y')) {
        // Revenue growing by exactly `value` percent a year.
        let v = 10000;
        for (const y of [...f.figures.keys()].sort()) {
          f.figures.get(y)!.values[p.key] = Math.round(v * 100) / 100 + delta;
          v = v * (1 + value / 100);
        }
      }
      if (p?.kind === 'firm' && p.name === 'years_in_segment') f.segmentSince = 2022 - value;
      if (p?.kind === 'firm' && p.name === 'years_operating') f.foundedYear = 2022 - value;
      out.push(f);
    }
  });
  return out;
}

describe('the compiled sets give the engine’s verdicts, scores and projections', () => {
  const pool = syntheticPool(1500);
  const edges = onThresholds(pool);
  const firms = [...pool, ...edges];
  const projections = new Set<string>();
  it('has firms on the thresholds of every set', () => {
    expect(edges.length).toBeGreaterThan(100);
  });
  for (const set of criteriaSets()) {
    for (const [label, enabled] of [['as shipped', (c: { enabled: boolean }) => c.enabled], ['every criterion on', () => true]] as const) {
      it(`${set.id}, ${label}`, () => {
        const summary = compileSet(set, enabled);
        const verdicts = new Set<string>();
        for (const [i, f] of firms.entries()) {
          for (const year of [2022, 2024]) {
            const e = withoutProvenance(() => evaluate(set, f, year, enabled));
            const s = summary(f, year);
            verdicts.add(s.verdict);
            projections.add(s.projection.kind);
            expect(s, `firm ${i}, ${year}`).toEqual({ year: e.year, verdict: e.verdict, score: e.score, projection: e.projection });
          }
        }
        // A comparison that proves something: more than one outcome over the pool.
        expect(verdicts.size).toBeGreaterThan(1);
      });
    }
  }
  it('met every kind of projection on the way', () => {
    expect([...projections].sort()).toEqual(['none', 'not_projectable', 'years']);
  });
});
