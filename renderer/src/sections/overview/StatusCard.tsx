import { useTranslation } from 'react-i18next';
import type { VerdictT } from '../../../../db/contract';
import { href } from '../../route';
import { listOf, type OverviewData, type Show } from './model';

const VERDICTS: VerdictT[] = ['eligible', 'needs_review', 'incomplete', 'not_eligible'];

export function StatusCard({ data, setTitle, show }: { data: OverviewData; setTitle: (id: string) => string; show: Show }) {
  const { t } = useTranslation();
  const s = data.status;
  const set = setTitle(s.setId);
  const basis = t('overview.status.set', { set, year: s.dataYear ?? t('overview.latestYear') });
  const verdict = (v: VerdictT | null) => (v ? t(`verdicts.${v}`) : t('overview.status.none'));
  return (
    <section className="card ov-card" aria-labelledby="ov-status-h" data-testid="ov-status">
      <h2 id="ov-status-h">{t('overview.status.heading')}</h2>
      <p className="ov-source">{basis}</p>
      <div className="ov-verdicts">
        {VERDICTS.map((v) => (
          <button key={v} type="button" className={`ov-verdict is-${v}`} data-verdict={v} onClick={() => show(listOf(t('overview.status.list', { set, verdict: t(`verdicts.${v}`) }), s.lists[v], basis))}>
            <strong data-testid={`ov-count-${v}`}>{s.counts[v]}</strong>
            <span>{t(`verdicts.${v}`)}</span>
          </button>
        ))}
      </div>
      <h3 className="ov-h3">{s.previousYear != null ? t('overview.status.changes', { year: s.previousYear }) : t('overview.status.noPrevious')}</h3>
      {s.previousYear != null && s.changes.length === 0 && <p className="muted">{t('overview.status.noChanges')}</p>}
      <ul className="ov-list" data-testid="ov-changes">
        {s.changes.map((c) => (
          <li key={c.firmId}>
            <a href={href('firm', c.firmId)}>{c.name}</a>
            <span className="muted">{verdict(c.before)}</span>→<span className={`ov-change is-${c.after ?? 'none'}`}>{verdict(c.after)}</span>
          </li>
        ))}
      </ul>
      <h3 className="ov-h3">{t('overview.status.sampleHeading')}</h3>
      {data.sample.values > 0 || data.sample.firms > 0 ? (
        <p className="ov-sample" data-testid="ov-sample">
          {t('overview.status.sampleLine', { firms: data.sample.firms, values: data.sample.values })}{' '}
          <button type="button" className="link-button" onClick={() => show(listOf(t('overview.status.sampleList'), data.sample.poolFirms))}>
            {t('overview.status.sampleFirms')}（{data.sample.poolFirms.total}）
          </button>
        </p>
      ) : (
        <p className="muted">{t('overview.status.sampleNone')}</p>
      )}
    </section>
  );
}
