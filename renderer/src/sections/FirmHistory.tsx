import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { formatDateTime, type Lang } from '../format';
import { useAsync } from '../useAsync';
import { historyLine } from './historyText';

export function FirmHistory({ firmId, refresh }: { firmId: number; refresh: number }) {
  const { t, i18n } = useTranslation();
  const history = useAsync(() => call('firm.history', { firmId }), [firmId, refresh]);
  return (
    <div className="card history" data-testid="firm-history">
      <h2>{t('firm.history')}</h2>
      {history.data?.length ? (
        <ol className="plain">
          {history.data.map((h) => (
            <li key={h.id}>
              <span>{historyLine(h, t, i18n.language as Lang)}</span>
              <span className="muted"> · {t('firm.historyAt', { actor: h.actor, at: formatDateTime(h.at, i18n.language as Lang) })}</span>
              {h.field && h.note && <span className="muted"> · {h.note}</span>}
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">{history.loading ? t('app.loading') : t('firm.noHistory')}</p>
      )}
    </div>
  );
}
