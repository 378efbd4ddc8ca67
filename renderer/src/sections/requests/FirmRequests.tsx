// 企业详情's requests: the firm's requests as of today, open ones first, each opening the ledger.
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { href } from '../../route';
import { useAsync } from '../../useAsync';
import { DueText, Light, StatusText } from './LedgerTable';
import { formatDay, type Lang } from './model';
import './requests.css';

export function FirmRequests({ firmId, refresh }: { firmId: number; refresh: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const list = useAsync(() => call('requests.list', { firmId, sort: { column: 'open_first', dir: 'asc' } }), [firmId, refresh]);
  const rows = list.data?.rows ?? [];
  const open = rows.filter((r) => r.light !== null).length;
  return (
    <div className="card fr-requests" data-testid="firm-requests">
      <div className="card-head">
        <h2>
          {t('requests.firm.heading')} {rows.length > 0 && <small className="muted">{t('requests.firm.open', { count: open })}</small>}
        </h2>
        <a href={href('requests')}>{t('requests.firm.all')}</a>
      </div>
      {list.error && <p className="error">{list.error.message}</p>}
      {list.data && rows.length === 0 && <p className="muted">{t('requests.firm.none')}</p>}
      {rows.length > 0 && (
        <table className="rq-table">
          <thead>
            <tr>
              <th>{t('requests.col.light')}</th>
              <th>{t('requests.col.received')}</th>
              <th>{t('requests.col.category')}</th>
              <th>{t('requests.col.content')}</th>
              <th>{t('requests.col.department')}</th>
              <th>{t('requests.col.deadline')}</th>
              <th>{t('requests.col.status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-request={r.id}>
                <td>
                  <Light row={r} />
                </td>
                <td>{formatDay(r.received, lang)}</td>
                <td>{r.category}</td>
                <td className="rq-content">{r.content}</td>
                <td>{r.department ?? '—'}</td>
                <td>
                  {formatDay(r.deadline, lang)}
                  <DueText row={r} />
                </td>
                <td>
                  <StatusText row={r} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
