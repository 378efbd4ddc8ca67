// The report's optional summary page: the pool at a glance from 总览 — verdicts, targets, the reward budget
// and the next deadlines — each figure with where it comes from.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../../db/contract';
import { call } from '../../../api';
import { formatMoney, formatNumber, type Lang } from '../../../format';
import { useAsync } from '../../../useAsync';

type Overview = MethodOutput<'overview.get'>;

function Body({ o, lang }: { o: Overview; lang: Lang }) {
  const { t } = useTranslation();
  const targetValue = (unit: string, v: number | null) => (v == null ? '—' : unit === 'money' ? formatMoney(v, lang) : unit === 'percent' ? `${formatNumber(v)}%` : formatNumber(v));
  return (
    <>
      <p className="muted">{t('shortlist.report.overview.scope', { year: o.poolYear, firms: o.firms, dataYear: o.dataYear ?? '—' })}</p>
      <table className="rp-table" data-testid="report-overview-status">
        <tbody>
          {(['eligible', 'needs_review', 'incomplete', 'not_eligible'] as const).map((v) => (
            <tr key={v}>
              <th>{t(`verdicts.${v}`)}</th>
              <td>{o.status.counts[v] ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('overview.targets.heading')}</h3>
      <table className="rp-table" data-testid="report-overview-targets">
        <tbody>
          {o.targets.items.map((x) => (
            <tr key={x.key}>
              <th>{t(`overview.targets.names.${x.key}`)}</th>
              <td>
                {x.missing ? t('overview.targets.missing') : `${targetValue(x.unit, x.current)} / ${targetValue(x.unit, x.value)}`}（{x.baseYear}—{x.dueYear}）
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('shortlist.report.overview.rewards')}</h3>
      <p data-testid="report-overview-rewards">
        {t('shortlist.report.overview.rewardTotal', { total: formatMoney(o.rewards.total, lang), review: formatMoney(o.rewards.reviewTotal, lang) })}
      </p>
      <h3>{t('overview.calendar.heading')}</h3>
      <ul className="plain">
        {[...o.calendar]
          .sort((a, b) => a.next.daysToDeadline - b.next.daysToDeadline)
          .slice(0, 3)
          .map((c) => (
            <li key={c.track}>
              {t(`overview.calendar.tracks.${c.track}`)}：{t('shortlist.report.overview.deadline', { date: c.next.deadline, days: c.next.daysToDeadline })}
              {c.isDefault ? `（${t('shortlist.report.overview.defaultDate')}）` : ''}
            </li>
          ))}
      </ul>
      <p className="muted">{t('shortlist.report.overview.source', { source: o.gradient.district.source })}</p>
    </>
  );
}

export function OverviewSummary({ poolYear, setId, dataYear, lang, onLoaded }: { poolYear: number; setId: string; dataYear: number | null; lang: Lang; onLoaded: () => void }) {
  const { t } = useTranslation();
  const o = useAsync(() => call('overview.get', { year: poolYear, setId, dataYear: dataYear ?? undefined }), [poolYear, setId, dataYear]);
  // The page counts as ready to print only once this summary is in too.
  useEffect(() => {
    if (o.data || o.error) onLoaded();
  }, [o.data, o.error, onLoaded]);
  return (
    <section className="rp-section rp-overview" data-testid="report-overview">
      <h2>{t('shortlist.report.overview.heading')}</h2>
      {o.error && <p className="error">{o.error.message}</p>}
      {o.data && <Body o={o.data} lang={lang} />}
    </section>
  );
}
