import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FirmDetailT } from '../../../db/contract';
import { call } from '../api';
import { formatDateTime, type Lang } from '../format';
import { href } from '../route';
import { isLapsed } from '../components/TitleChips';
import { useAsync } from '../useAsync';
import { EvaluationPanel } from './EvaluationPanel';
import { FiguresGrid } from './FiguresGrid';
import type { SectionContext } from './context';
import { FirmHistory } from './FirmHistory';
import { FirmRequests } from './requests/FirmRequests';
import { FirmLists } from './lists/FirmLists';

function Profile({ detail }: { detail: FirmDetailT }) {
  const { t } = useTranslation();
  const f = detail.firm;
  const yesNo = (b: boolean) => (b ? t('firm.yes') : t('firm.no'));
  const source = detail.sources.find((s) => s.id === f.sourceId);
  const profileSource = detail.sources.find((s) => s.id === f.profileSourceId);
  const rows: [string, string | number | null][] = [
    [t('firm.creditCode'), f.creditCode],
    [t('firm.town'), f.town],
    [t('firm.chain'), f.chain],
    [t('firm.mainProduct'), f.mainProduct],
    [t('firm.productCode'), f.productCode],
    [t('firm.segmentSince'), f.segmentSince],
    [t('firm.foundedYear'), f.foundedYear],
    [t('firm.isNewProduct'), yesNo(f.isNewProduct)],
    [t('firm.listed'), yesNo(f.listed)],
  ];
  return (
    <div className="card profile">
      <h2>{t('firm.profile')}</h2>
      <dl>
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v ?? '—'}</dd>
          </div>
        ))}
      </dl>
      {f.note && (
        <p className="note">
          <strong>{t('firm.note')}：</strong>
          {f.note}
        </p>
      )}
      {source && (
        <p className={`provenance src-${source.kind}`}>
          {t('sources.identity', { label: source.label })}
        </p>
      )}
      {profileSource && (
        <p className={`provenance src-${profileSource.kind}`}>
          {t('sources.profile', { label: profileSource.label })}
        </p>
      )}
    </div>
  );
}

function Titles({ detail, asOf }: { detail: FirmDetailT; asOf: number | null }) {
  const { t } = useTranslation();
  return (
    <div className="card titles-card">
      <h2>{t('firm.titles')}</h2>
      {detail.titles.length ? (
        <ul className="plain">
          {detail.titles.map((x) => (
            <li key={x.code} data-testid={`title-${x.code}`}>
              <span className={`chip chip-${x.code}${isLapsed(x, asOf) ? ' is-lapsed' : ''}`}>{t(`titles.${x.code}`)}</span> {t(`levels.${x.level}`)}
              {x.year != null && <span className="muted"> · {t('firm.titleYear', { year: x.year })}</span>}
              {isLapsed(x, asOf) && <span className="title-lapsed"> · {t('firm.titleLapsed', { until: x.validUntil, year: asOf })}</span>}
              {detail.sources.find((s) => s.id === x.sourceId)?.kind === 'sample' && <span className="tag-sample">{t('sources.sample')}</span>}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('firm.noTitles')}</p>
      )}
      <h2>{t('firm.memberships')}</h2>
      <ul className="plain">
        {detail.memberships.map((m) => (
          <li key={m.year}>
            {t('firm.membership', { year: m.year, status: t(`pool.status.${m.status}`) })}
            {m.reason && <span className="muted"> · {m.reason}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function FirmSection({ firmId, ctx, refresh, onChanged }: { firmId: number | null; ctx: SectionContext | null; refresh: number; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const [saved, setSaved] = useState(0);
  // The detail a save returns is shown at once, until the next load replaces it.
  const [justSaved, setJustSaved] = useState<{ replaces: unknown; detail: FirmDetailT } | null>(null);
  const detail = useAsync(() => (firmId == null ? Promise.resolve(null) : call('firm.get', { firmId })), [firmId, refresh]);
  if (firmId == null) {
    return (
      <section className="section">
        <p className="muted">{t('firm.choose')}</p>
        <a href={href('pool')}>{t('firm.back')}</a>
      </section>
    );
  }
  if (detail.error) return <p className="error" role="alert">{detail.error.message}</p>;
  const d = justSaved && justSaved.replaces === detail.data ? justSaved.detail : detail.data;
  if (!d) return <p className="muted">{t('app.loading')}</p>;
  const lastChange = d.sources.filter((s) => s.kind === 'manual').at(-1);
  return (
    <section className="section firm-section">
      <header className="section-head">
        <a href={href('pool')} className="back">
          ← {t('firm.back')}
        </a>
        <h1 data-testid="firm-name">{d.firm.name}</h1>
        {lastChange && <span className="muted">{t('sources.lastChange', { actor: lastChange.actor, at: formatDateTime(lastChange.at, i18n.language as Lang) })}</span>}
      </header>
      <div className="firm-top">
        <Profile detail={d} />
        <Titles detail={d} asOf={ctx?.dataYear ?? d.years.at(-1)?.year ?? null} />
      </div>
      {ctx && <EvaluationPanel firmId={d.firm.id} setId={ctx.setId} refresh={refresh + saved} onChanged={onChanged} />}
      <FiguresGrid
        detail={d}
        onSaved={(updated) => {
          setJustSaved({ replaces: detail.data, detail: updated });
          setSaved((n) => n + 1);
          onChanged();
        }}
      />
      <FirmRequests firmId={d.firm.id} refresh={refresh} />
      <FirmLists creditCode={d.firm.creditCode} refresh={refresh} />
      <FirmHistory firmId={d.firm.id} refresh={refresh + saved} />
    </section>
  );
}
