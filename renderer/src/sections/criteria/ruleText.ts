// A criterion's rule tree written out as the policy reads: metric names in words, money in 万元/亿元,
// ranks as "全球前3", compound rules as short lists. Pure functions of the rule, the language and `t`,
// so tests can check the wording of the shipped criteria files directly.
import type { CriteriaSetInfoT } from '../../../../db/contract';
import type { Lang } from '../../format';

export type Rule = CriteriaSetInfoT['criteria'][number]['rule'];
export type ScoreTable = CriteriaSetInfoT['scores'][string];
export type Indicator = ScoreTable['indicators'][number];
type Op = '>=' | '>' | '<=' | '<' | '==';
export type Bounds = { gte?: number; gt?: number; lt?: number; lte?: number };
export type TFn = (key: string, options?: Record<string, unknown>) => string;

/** A line of text, with sub-items when the rule is a list ("满足其一：" …). */
export interface RuleNode {
  text: string;
  items?: RuleNode[];
  /** Set when the text joins several conditions with "且"/"或": mixing the two on one line would be ambiguous. */
  joined?: 'and' | 'or';
}

export interface Fmt {
  t: TFn;
  lang: Lang;
  /** The set's score tables, for the labels of `score` rules. */
  scores?: CriteriaSetInfoT['scores'];
}

type Unit = 'money' | 'percent' | 'years' | 'count' | 'persons' | 'points' | 'rank' | 'flag' | 'level';

// The renderer may not import db/ at run time, so the unit of each figure is restated here.
const MONEY = ['revenue', 'main_revenue', 'product_revenue', 'rd_expense', 'net_profit', 'total_assets', 'total_liabilities', 'intl_revenue', 'equity_financing'];
const PERCENT = ['share_global', 'share_domestic', 'share_provincial', 'rd_staff_share', 'debt_ratio', 'rd_intensity', 'main_share', 'product_share_of_total', 'product_share_of_main', 'net_margin'];
const FN = /^(avg_3y|sum_2y|sum_3y|avg_2y|cagr_2y|growth|avg_growth_2y)\((\w+)\)$/;

export function metricUnit(metric: string): Unit {
  const fn = FN.exec(metric);
  if (fn) return ['cagr_2y', 'growth', 'avg_growth_2y'].includes(fn[1]) ? 'percent' : metricUnit(fn[2]);
  if (metric.startsWith('input:')) return 'level';
  if (MONEY.includes(metric)) return 'money';
  if (PERCENT.includes(metric)) return 'percent';
  if (metric.startsWith('rank_')) return 'rank';
  if (metric.startsWith('years_')) return 'years';
  if (metric === 'is_new_product' || metric === 'listed') return 'flag';
  if (metric === 'employees') return 'persons';
  if (metric === 'credit_score') return 'points';
  return 'count';
}

export function metricName(metric: string, f: Fmt): string {
  const { t } = f;
  const fn = FN.exec(metric);
  if (fn) return t(`criteriaLib.fn.${fn[1]}`, { x: metricName(fn[2], f) });
  if (metric.startsWith('input:')) return t('criteriaLib.metric.input', { key: metric.slice(6) });
  return t(`criteriaLib.metric.${metric}`);
}

const num = (v: number) => String(Math.round(v * 10000) / 10000);

/** Money in 万元 as the policy writes it: 40000 → 4亿元, 1000 → 1000万元 (English: CNY 400M). */
function moneyParts(v: number, lang: Lang): { n: string; key: 'yi' | 'wan' } {
  if (lang === 'en') return { n: num(v / 100), key: 'wan' };
  return Math.abs(v) >= 10000 ? { n: num(v / 10000), key: 'yi' } : { n: num(v), key: 'wan' };
}

export function formatAmount(v: number, unit: Unit, f: Fmt): string {
  if (unit === 'money') {
    const p = moneyParts(v, f.lang);
    return f.t(`criteriaLib.money.${p.key}`, { n: p.n });
  }
  if (unit === 'percent') return `${num(v)}%`;
  if (unit === 'rank' || unit === 'flag') return num(v);
  return f.t(`criteriaLib.unit.${unit}`, { n: num(v) });
}

/** A closed-open span such as "70%–80%", "5000万–1亿元", "2–4年". */
function formatSpan(a: number, b: number, unit: Unit, f: Fmt): string {
  if (unit === 'percent') return `${num(a)}%–${num(b)}%`;
  if (unit === 'money') {
    const pa = moneyParts(a, f.lang);
    const pb = moneyParts(b, f.lang);
    if (pa.key === pb.key) return f.t(`criteriaLib.money.${pb.key}`, { n: `${pa.n}–${pb.n}` });
    return `${f.t(`criteriaLib.money.${pa.key}Short`, { n: pa.n })}–${f.t(`criteriaLib.money.${pb.key}`, { n: pb.n })}`;
  }
  if (unit === 'rank' || unit === 'flag') return `${num(a)}–${num(b)}`;
  return f.t(`criteriaLib.unit.${unit}`, { n: `${num(a)}–${num(b)}` });
}

const SIGN: Record<Op, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '==': '=' };

/** A band's bounds in words: "≥80%", "70%–80%", "<60%"; a one-step level band reads "2级". */
export function formatBounds(b: Bounds, unit: Unit, f: Fmt): string {
  const lo = b.gte ?? b.gt;
  const hi = b.lt ?? b.lte;
  if (lo !== undefined && hi !== undefined) {
    if (unit === 'level' && b.gte !== undefined && b.lt !== undefined && b.lt - b.gte === 1) return formatAmount(b.gte, unit, f);
    return formatSpan(lo, hi, unit, f);
  }
  if (b.gte !== undefined) return `≥${formatAmount(b.gte, unit, f)}`;
  if (b.gt !== undefined) return `>${formatAmount(b.gt, unit, f)}`;
  if (b.lt !== undefined) return `<${formatAmount(b.lt, unit, f)}`;
  if (b.lte !== undefined) return `≤${formatAmount(b.lte, unit, f)}`;
  return '';
}

/** The bounds spelled out exactly ("≥70% 且 <80%"), for a tooltip: spans hide which end is included. */
export function exactBounds(b: Bounds, unit: Unit, f: Fmt): string {
  const parts = (['gte', 'gt', 'lt', 'lte'] as const).flatMap((k) => (b[k] === undefined ? [] : [`${SIGN[{ gte: '>=', gt: '>', lt: '<', lte: '<=' }[k] as Op]}${formatAmount(b[k]!, unit, f)}`]));
  return parts.join(f.t('criteriaLib.rule.andShort'));
}

function formatCmp(metric: string, op: Op, value: number, f: Fmt): string {
  const unit = metricUnit(metric);
  if (unit === 'rank') {
    const scope = metric.slice(5);
    if ((op === '<=' && value === 1) || (op === '==' && value === 1)) return f.t(`criteriaLib.rank.${scope}First`);
    if (op === '<=') return f.t(`criteriaLib.rank.${scope}Top`, { n: num(value) });
    if (op === '<') return f.t(`criteriaLib.rank.${scope}Top`, { n: num(value - 1) });
  }
  if (unit === 'flag') {
    const yes = (op === '==' && value === 1) || (op === '>=' && value === 1) || (op === '>' && value === 0);
    return f.t(`criteriaLib.flagMetric.${metric}.${yes ? 'yes' : 'no'}`);
  }
  return f.t('criteriaLib.rule.cmp', { metric: metricName(metric, f), op: SIGN[op], value: formatAmount(value, unit, f) });
}

const isLeaf = (n: RuleNode) => !n.items;
/** Items that can share one line joined by `as` without a reader misgrouping them. */
const inlineAs = (items: RuleNode[], as: 'and' | 'or') => items.every((i) => isLeaf(i) && (i.joined ?? as) === as);

/** Flattens nested lists of the same kind: any(a, any(b, c)) reads as one "满足其一" list. */
function flat(rules: Rule[], kind: 'any' | 'all'): Rule[] {
  return rules.flatMap((r) => (kind in r ? flat((r as Record<typeof kind, Rule[]>)[kind], kind) : [r]));
}

export function describeRule(rule: Rule, f: Fmt, nested = false): RuleNode {
  const { t } = f;
  if ('cmp' in rule) return { text: formatCmp(rule.cmp, rule.op, rule.value, f) };
  if ('title' in rule) return { text: t(rule.valid ? 'criteriaLib.rule.titleValid' : 'criteriaLib.rule.title', { title: t(`titles.${rule.title}`) }) };
  if ('flag' in rule) return { text: t('criteriaLib.rule.flag', { text: rule.text[f.lang === 'en' ? 'en' : 'zh'] }) };
  if ('review' in rule) return { text: rule.text ? t('criteriaLib.rule.review', { text: rule.text[f.lang === 'en' ? 'en' : 'zh'] }) : t('criteriaLib.rule.reviewPlain') };
  if ('const' in rule) return { text: t(rule.const ? 'criteriaLib.rule.yes' : 'criteriaLib.rule.no') };
  if ('score' in rule) {
    const table = f.scores?.[rule.score];
    const name = f.lang === 'en' ? 'en' : 'zh';
    const label = rule.block ? t('criteriaLib.rule.blockScore', { block: table?.blocks?.[rule.block]?.[name] ?? rule.block }) : (table?.label[name] ?? rule.score);
    return { text: t('criteriaLib.rule.cmp', { metric: label, op: SIGN[rule.op], value: formatAmount(rule.value, 'points', f) }) };
  }
  if ('each_year' in rule) {
    const inner = describeRule(rule.rule, f, true);
    const recent = t(`criteriaLib.recent.${rule.each_year}`);
    return isLeaf(inner) ? { text: t('criteriaLib.rule.eachYear', { recent, rule: inner.text }), joined: inner.joined } : { text: t('criteriaLib.rule.eachYearAll', { recent }), items: [inner] };
  }
  if ('when' in rule) {
    const [cond, then, other] = [rule.when, rule.then, rule.else].map((r) => ruleText(r, f));
    return { text: t('criteriaLib.rule.when', { cond, then, else: other }) };
  }
  if ('any' in rule) {
    const rules = flat(rule.any, 'any');
    // "已获省级专精特新或国家级专精特新“小巨人”称号" rather than two lines.
    const valid = rules.map((r) => 'title' in r && r.valid === true);
    if (rules.every((r) => 'title' in r) && valid.every((v) => v === valid[0])) {
      const titles = rules.map((r) => t(`titles.${(r as { title: string }).title}`)).join(t('criteriaLib.rule.titleOr'));
      return { text: t(valid[0] ? 'criteriaLib.rule.titleValid' : 'criteriaLib.rule.title', { title: titles }) };
    }
    const items = rules.map((r) => describeRule(r, f, true));
    if (nested && inlineAs(items, 'or')) return { text: items.map((i) => i.text).join(t('criteriaLib.rule.or')), joined: 'or' };
    return { text: t('criteriaLib.rule.any'), items };
  }
  if ('all' in rule) {
    const items = flat(rule.all, 'all').map((r) => describeRule(r, f, true));
    if (inlineAs(items, 'and')) return { text: items.map((i) => i.text).join(t('criteriaLib.rule.and')), joined: 'and' };
    return { text: t('criteriaLib.rule.all'), items };
  }
  const unit = metricUnit(rule.band);
  const items = rule.cases.map(({ rule: inner, ...b }) => {
    const range = formatBounds(b, unit, f);
    const node = describeRule(inner, f, true);
    return isLeaf(node) ? { text: t('criteriaLib.rule.case', { range, rule: node.text }) } : { text: t('criteriaLib.rule.case', { range, rule: '' }), items: node.items ?? [node] };
  });
  return { text: t('criteriaLib.rule.band', { metric: metricName(rule.band, f) }), items };
}

/** A criterion's rule as shown on its own: like describeRule, starting with a capital in English. */
export function describeCriterion(rule: Rule, f: Fmt): RuleNode {
  const node = describeRule(rule, f);
  return { ...node, text: node.text.charAt(0).toUpperCase() + node.text.slice(1) };
}

/** The whole rule on one line, sub-lists joined by `sep` ("；"). */
export function nodeText(n: RuleNode, sep: string): string {
  return n.items ? n.text + n.items.map((i) => nodeText(i, sep)).join(sep) : n.text;
}

export function ruleText(rule: Rule, f: Fmt): string {
  return nodeText(describeRule(rule, f), f.t('criteriaLib.rule.sep'));
}

/** A banded indicator's table: "≥80% → 5分；70%–80% → 3分；…". */
export function bandsText(metric: string, bands: (Bounds & { points: number })[], f: Fmt): string {
  const unit = metricUnit(metric);
  return bands.map((b) => f.t('criteriaLib.score.band', { range: formatBounds(b, unit, f), points: formatAmount(b.points, 'points', f) })).join(f.t('criteriaLib.score.sep'));
}
