// 报送区县 of a pool year: how many firms each district reported (a firm two districts reported counts for
// both, and once in the pool), the packages merged, and how many conflicts are open. Used in 报送包 and 总览.
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { formatDateTime, type Lang } from '../../format';
import { useAsync } from '../../useAsync';
import './package.css';

export function DistrictsCard({ year, refresh, onDistrict }: { year: number; refresh: number; onDistrict?: (district: string) => void }) {
  const { t, i18n } = useTranslation();
  const data = useAsync(() => call('package.districts', { year }), [year, refresh]);
  const d = data.data;
  return (
    <section className="card pk-card" aria-labelledby="pk-districts-h" data-testid="pk-districts">
      <h2 id="pk-districts-h">{t('package.districts.heading')}</h2>
      {data.error && <p className="error">{data.error.message}</p>}
      {d && d.districts.length === 0 && <p className="muted">{t('package.districts.none')}</p>}
      {d && d.districts.length > 0 && (
        <>
          <ul className="pk-districts">
            {d.districts.map((x) => (
              <li key={x.district} data-testid="pk-district-row">
                {onDistrict ? (
                  <button type="button" className="link-button" onClick={() => onDistrict(x.district)}>
                    {x.district}
                  </button>
                ) : (
                  x.district
                )}{' '}
                <span className="muted">{t('package.districts.firms', { count: x.firms })}</span>
              </li>
            ))}
          </ul>
          <p className="muted">
            {t('package.districts.shared', { count: d.shared })}
            {d.openConflicts > 0 && ` · ${t('package.districts.openConflicts', { count: d.openConflicts })}`}
          </p>
          <h3 className="pk-h3">{t('package.districts.packages')}</h3>
          <ul className="pk-list">
            {d.packages
              .filter((p) => p.poolYear === year)
              .map((p) => (
                <li key={p.importId}>
                  {p.fileName} <span className="muted">{t('package.districts.merged', { date: formatDateTime(p.mergedAt, i18n.language as Lang) })}</span>
                </li>
              ))}
          </ul>
        </>
      )}
    </section>
  );
}
