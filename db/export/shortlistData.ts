// Builds the format-independent content of a shortlist export: the columns the criteria set uses, one row
// per recommended firm (drafts too, with their 状态, when asked; withdrawn ones never), what each lacks, and the
// notes a reader must not miss.
import type Database from 'better-sqlite3';
import type { MethodOutput } from '../contract';
import type { Evaluation } from '../criteria/engine';
import { metricUnit } from '../criteria/metrics';
import { needsOf } from '../criteria/needs';
import type { CriteriaSet } from '../criteria/schema';
import { FIGURES, figureSpec, type FigureKey } from '../figures';
import { CONFIDENCE_ZH, STATUS_ZH, UNIT_ZH, VERDICT_ZH, dateZh, figureHeader, metricLabel } from './labels';
import type { ExportColumn, ShortlistExport } from './model';

type Detail = MethodOutput<'shortlist.get'>;

const fmt = (n: number) => String(Math.round(n * 100) / 100);

/** What a firm still lacks, short enough for a printed cell: gaps one by one, then the criteria missing data and
 * those awaiting the analyst's judgement each as one group ("条件4、5、6待研判"). */
function shortfall(e: Evaluation | undefined): string {
  if (!e) return '无数据';
  const parts: string[] = [];
  const unknown: string[] = [];
  const review: string[] = [];
  for (const c of e.criteria) {
    if (!c.enabled || c.status === 'pass') continue;
    const p = c.primary;
    if (c.status === 'review') review.push(c.id);
    else if (c.status === 'unknown') unknown.push(c.id);
    else if (p?.gap && p.gap.abs !== 0) parts.push(`条件${c.id}差${fmt(p.gap.abs)}${UNIT_ZH[p.unit] ?? ''}`);
    else parts.push(`条件${c.id}不符合`);
  }
  if (unknown.length) parts.push(`条件${unknown.join('、')}缺数据`);
  if (review.length) parts.push(`条件${review.join('、')}待研判`);
  return parts.join('；') || '—';
}

/** A threshold in the unit a reader expects: money in 万元 or 亿元, percentages with %, years, ranks, counts. */
export function amountText(value: number, unit: string): string {
  if (unit === 'money') return value >= 10000 ? `${value / 10000}亿元` : `${value}万元`;
  if (unit === 'percent') return `${value} %`;
  if (unit === 'rank') return `第${value}名`;
  if (unit === 'flag') return value ? '是' : '否';
  return `${value}${UNIT_ZH[unit] ?? ''}`;
}

/** "近三年平均主营业务收入 ≥ 4亿元"; a compound rule's simple parts joined by 且/或, the rest left to the criterion's text. */
export function thresholdText(rule: CriteriaSet['criteria'][number]['rule']): string {
  if ('cmp' in rule) {
    const op = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '==': '=' }[rule.op];
    return `${metricLabel(rule.cmp)} ${op} ${amountText(rule.value, metricUnit(rule.cmp))}`;
  }
  const parts = 'all' in rule ? rule.all : 'any' in rule ? rule.any : null;
  if (parts && parts.every((p) => 'cmp' in p)) return parts.map(thresholdText).join('all' in rule ? '，且 ' : '，或 ');
  return '见条件内容';
}

export function shortlistExportData(
  db: Database.Database,
  detail: Detail,
  set: CriteriaSet,
  results: Map<number, Evaluation>,
  effective: (id: string) => boolean,
  dataYear: number,
  includeDrafts = false,
): ShortlistExport {
  // A draft is not a recommendation: it goes out only when asked for, and then says so in its own column.
  const entries = detail.entries.filter((e) => e.status === 'recommended' || (includeDrafts && e.status === 'draft'));
  const drafts = detail.entries.filter((e) => e.status === 'draft').length;
  const keys = FIGURES.map((f) => f.key as FigureKey).filter((k) => needsOf(set).keys.includes(k));
  // One column per criterion whose deciding value is a derived metric (a 3-year average, a share…).
  const derived = set.criteria.filter((c) => effective(c.id) && 'cmp' in c.rule && !keys.includes(c.rule.cmp as FigureKey));
  const columns: ExportColumn[] = [
    { key: 'index', header: '序号', kind: 'index' },
    { key: 'name', header: '企业名称', kind: 'text' },
    { key: 'credit_code', header: '统一社会信用代码', kind: 'text' },
    { key: 'town', header: '所属镇街', kind: 'text' },
    { key: 'main_product', header: '主导产品', kind: 'text' },
    { key: 'product_code', header: '产品分类代码', kind: 'text' },
    ...keys.map((k) => {
      const unit = figureSpec(k).unit;
      return { key: k, header: figureHeader(k), kind: unit === 'persons' ? ('count' as const) : (unit as ExportColumn['kind']) };
    }),
    ...derived.map((c) => {
      const metric = (c.rule as { cmp: string }).cmp;
      const unit = metricUnit(metric);
      return { key: `c${c.id}`, header: unit === 'rank' || unit === 'flag' ? metricLabel(metric) : `${metricLabel(metric)}（${UNIT_ZH[unit] ?? ''}）`, kind: (unit === 'flag' || unit === 'points' ? 'count' : unit) as ExportColumn['kind'] };
    }),
    { key: 'verdict', header: '达标情况', kind: 'text' },
    ...(includeDrafts ? [{ key: 'status', header: '状态', kind: 'text' as const }] : []),
    { key: 'shortfall', header: '未达标或待补情况', kind: 'text' },
    { key: 'note', header: '推荐意见', kind: 'text' },
  ];

  const ids = entries.map((e) => e.firmId);
  const place = ids.map(() => '?').join(',');
  const figures = ids.length
    ? (db.prepare(`SELECT fy.*, s.kind AS source_kind FROM firm_years fy JOIN sources s ON s.id = fy.source_id WHERE fy.year = ? AND fy.firm_id IN (${place})`).all(dataYear, ...ids) as (Record<string, number | null> & { firm_id: number; source_kind: string })[])
    : [];
  const byFirm = new Map(figures.map((f) => [f.firm_id, f]));
  const profile = new Map(
    ids.length ? (db.prepare(`SELECT id, main_product, product_code FROM firms WHERE id IN (${place})`).all(...ids) as { id: number; main_product: string | null; product_code: string | null }[]).map((r) => [r.id, r]) : [],
  );
  // Derived values (averages, shares) keep two decimals: more is noise in a report.
  const round = (v: number | null | undefined) => (v == null ? null : Math.round(v * 100) / 100);

  const rows = entries.map((e, i) => {
    const ev = results.get(e.firmId);
    const fy = byFirm.get(e.firmId);
    const row: Record<string, string | number | null> = {
      index: i + 1,
      name: e.name,
      credit_code: e.creditCode,
      town: e.town,
      main_product: e.mainProduct ?? profile.get(e.firmId)?.main_product ?? null,
      product_code: profile.get(e.firmId)?.product_code ?? null,
      verdict: ev ? VERDICT_ZH[ev.verdict] : '—',
      status: STATUS_ZH[e.status],
      shortfall: shortfall(ev),
      note: e.note,
    };
    for (const k of keys) row[k] = fy?.[k] ?? null;
    for (const c of derived) row[`c${c.id}`] = round(ev?.criteria.find((x) => x.id === c.id)?.primary?.value);
    return row;
  });

  const notes: string[] = [];
  if (figures.some((f) => f.source_kind === 'sample') || entries.length > figures.length) {
    notes.push('注：表中含示例数据（演示用的虚构数字）或缺少数据年度的数字，不代表企业真实情况，报送前请以企业填报或统计数据核实。');
  }
  const unconfirmedOn = set.criteria.filter((c) => c.confidence === 'unconfirmed' && effective(c.id));
  if (unconfirmedOn.length) notes.push(`注：已启用未证实的条件：${unconfirmedOn.map((c) => `条件${c.id}（${c.text.zh}）`).join('；')}。`);
  // The set's own notice (the 2022 rules, a revised version from 2026-04-01) goes with every export under it.
  if (set.notice) notes.push(`注：${set.notice.zh}`);
  const withdrawn = detail.entries.filter((e) => e.status === 'withdrawn').length;
  if (detail.id === 0) notes.push('注：本表为系统按评估结果生成的建议名单，所列企业均为草稿，尚未经分析员确定推荐。');
  else if (includeDrafts && drafts) notes.push(`注：本表含草稿企业 ${drafts} 家（尚未确定推荐），见“状态”列。`);
  else if (drafts) notes.push(`注：名单中尚未确定推荐的草稿企业 ${drafts} 家未列入本表（导出时选择“含草稿”可一并列出）。`);
  if (withdrawn) notes.push(`注：名单中已撤回的 ${withdrawn} 家企业未列入本表。`);

  const kind = set.title.zh.replace(/（.*）$/, '');
  const title = `${dataYear + 1}年度${kind}申报汇总表`;
  return {
    baseName: `${title}-${detail.name}`.replace(/[\\/:*?"<>|]/g, '_'),
    title,
    fillingUnit: detail.fillingUnit ?? '',
    date: dateZh(),
    subtitle: `认定标准：${set.title.zh}（${set.document.number ?? '无文号'}）；数据年度：${dataYear}；名单：${detail.name}`,
    columns,
    rows,
    notes,
    criteria: set.criteria.map((c) => ({
      id: c.id,
      text: c.text.zh,
      threshold: thresholdText(c.rule),
      source: `${set.document.name}（${set.document.number ?? '无文号'}，${set.document.date}）`,
      confidence: CONFIDENCE_ZH[c.confidence ?? set.confidence],
      enabled: effective(c.id),
      reason: c.reason?.zh ?? null,
    })),
  };
}
