import { useTranslation } from 'react-i18next';
import type { FigureKey } from '../../../db/contract';
import { call } from '../api';
import { formatDateTime, type Lang } from '../format';
import { useAsync } from '../useAsync';

export function FirmHistory({ firmId, refresh }: { firmId: number; refresh: number }) {
  const { t, i18n } = useTranslation();
  const history = useAsync(() => call('firm.history', { firmId }), [firmId, refresh]);
  const shown = (v: string | null) => (v == null ? t('firm.empty') : v);
  return (
    <div className="card history" data-testid="firm-history">
      <h2>{t('firm.history')}</h2>
      {history.data?.length ? (
        <ol className="plain">
          {history.data.map((h) => (
            <li key={h.id}>
              <span>
                {h.field
                  ? t('firm.historyEntry', { year: h.year, field: t(`figures.${h.field as FigureKey}`, { defaultValue: h.field }), old: shown(h.oldValue), new: shown(h.newValue) })
                  : h.note}
              </span>
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
