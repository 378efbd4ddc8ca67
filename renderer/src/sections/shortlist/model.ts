// Pure helpers of 推荐名单 and its report: names, outlook words, what a firm lacks, counts, dates.
import type { TFunction } from 'i18next';
import type { AuditEntryT, CriteriaSetInfoT, EvaluationRowT, ProjectionT, ShortlistEntryT, VerdictT } from '../../../../db/contract';
import type { Lang } from '../../format';
import { metricLabel } from '../benchmark/model';
import { formatGap, formatProjection } from '../evaluationFormat';

export const VERDICT_ORDER: VerdictT[] = ['eligible', 'needs_review', 'incomplete', 'not_eligible'];
export const ENTRY_STATUS = ['draft', 'recommended', 'withdrawn'] as const;
export type EntryStatus = (typeof ENTRY_STATUS)[number];

/** A set's title without its parenthesised edition: 国家级制造业单项冠军企业（2023年认定管理办法） → 国家级制造业单项冠军企业. */
export function setName(set: CriteriaSetInfoT | undefined, lang: Lang, fallback: string): string {
  if (!set) return fallback;
  const title = lang === 'en' ? set.title.en : set.title.zh;
  return title.replace(/\s*[（(][^）)]*[）)]\s*$/, '').trim() || title;
}

/** The application year a data year serves (applications in year N use the figures of N−1). */
export const applicationYear = (dataYear: number | null, poolYear: number) => (dataYear != null ? dataYear + 1 : poolYear);

/** A name not yet taken: the base, or the base with （2）, （3）… */
export function freeName(base: string, taken: string[]): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}（${n}）`)) return `${base}（${n}）`;
}

/** What to expect of a firm: in N years, or the words for its verdict when there is no projection. */
export function outlookText(verdict: VerdictT | null, projection: ProjectionT, t: TFunction): string {
  if (verdict === 'eligible') return t('shortlist.outlook.eligible');
  const p = formatProjection(projection, t);
  if (p) return p;
  if (verdict === 'needs_review' || verdict === 'incomplete') return t(`shortlist.outlook.${verdict}`);
  return t('shortlist.outlook.none');
}

/** The criteria a firm does not meet yet, in words: failed (with the gap), missing data, then those awaiting review. */
export function lacks(row: EvaluationRowT | undefined, set: CriteriaSetInfoT | undefined, t: TFunction, lang: Lang): string[] {
  if (!row) return [];
  const on = (id: string, enabled: boolean) => set?.effective[id] ?? enabled;
  const out: string[] = [];
  const review: string[] = [];
  for (const c of row.criteria) {
    if (!on(c.id, c.enabled)) continue;
    const metric = c.metric && c.unit !== 'flag' ? metricLabel(c.metric, t) : null;
    if (c.status === 'fail') {
      const gap = c.gap ? formatGap(c.gap, c.unit, lang, t) : '';
      if (metric && gap) out.push(t('shortlist.report.lack.fail', { id: c.id, metric, gap }));
      else if (metric) out.push(t('shortlist.report.lack.failPlain', { id: c.id, metric }));
      else out.push(t('shortlist.report.lack.failText', { id: c.id }));
    } else if (c.status === 'unknown') {
      out.push(metric ? t('shortlist.report.lack.unknown', { id: c.id, metric }) : t('shortlist.report.lack.unknownText', { id: c.id }));
    } else if (c.status === 'review') review.push(c.id);
  }
  if (review.length) out.push(t('shortlist.report.lack.review', { ids: review.join(lang === 'en' ? ', #' : '、') }));
  return out;
}

export function countBy<K extends string>(keys: readonly K[], values: (K | null)[]): Record<K, number> {
  const counts = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const v of values) if (v != null && v in counts) counts[v] += 1;
  return counts;
}

export const statusCounts = (entries: ShortlistEntryT[]) => countBy(ENTRY_STATUS, entries.map((e) => e.status));

/** A calendar date as the bureau writes it: 2026年11月26日 (English: 2026-11-26). */
export function formatDate(date: Date, lang: Lang, t: TFunction): string {
  const y = date.getFullYear();
  const m = date.getMonth() + 1;
  const d = date.getDate();
  if (lang === 'en') return t('shortlist.report.dateFormat', { y, m: String(m).padStart(2, '0'), d: String(d).padStart(2, '0') });
  return t('shortlist.report.dateFormat', { y, m, d });
}

/** One line of a shortlist's history in words. */
export function historyText(h: AuditEntryT, t: TFunction): string {
  const blank = t('shortlist.history.blank');
  const shown = (v: string | null) => (v == null || v === '' ? blank : v);
  const verdict = (v: string | null) => (v ? t(`verdicts.${v}`, { defaultValue: v }) : t('shortlist.noVerdict'));
  const status = (v: string | null) => (v ? t(`shortlist.status.${v}`, { defaultValue: v }) : blank);
  switch (h.field) {
    case 'create':
      return t('shortlist.history.create', { value: shown(h.newValue) });
    case 'add':
      return t('shortlist.history.add', { verdict: verdict(h.newValue) });
    case 'status':
      return t('shortlist.history.status', { old: status(h.oldValue), new: status(h.newValue) });
    case 'name':
    case 'filling_unit':
    case 'remove':
    case 'position':
    case 'note':
      return t(`shortlist.history.${h.field}`, { old: shown(h.oldValue), new: shown(h.newValue) });
    default:
      return t('shortlist.history.other', { field: h.field ?? '', old: shown(h.oldValue), new: shown(h.newValue) });
  }
}
