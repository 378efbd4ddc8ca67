// 总览's view of the 诉求台账: open and overdue requests as of today, each count a link to the ledger so filtered.
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { href } from '../../route';
import { useAsync } from '../../useAsync';
import './requests.css';

export function RequestsCard({ refresh }: { refresh: number }) {
  const { t } = useTranslation();
  const counts = useAsync(() => call('requests.list', { limit: 1 }), [refresh]);
  const c = counts.data?.counts;
  if (!c) return null;
  return (
    <div className="card" data-testid="ov-requests">
      <div className="card-head">
        <h2>{t('requests.overview.heading')}</h2>
        <small className="muted">{t('requests.overview.note')}</small>
      </div>
      <div className="ov-requests">
        <a className="ov-kpi" href={`${href('requests')}?scope=open`} data-testid="ov-requests-open">
          <span>{t('requests.overview.open')}</span>
          <strong>{c.open}</strong>
        </a>
        <a className="ov-kpi" href={`${href('requests')}?scope=overdue`} data-testid="ov-requests-overdue">
          <span>{t('requests.overview.overdue')}</span>
          <strong className={c.overdue ? 'error' : undefined}>{c.overdue}</strong>
        </a>
      </div>
    </div>
  );
}
