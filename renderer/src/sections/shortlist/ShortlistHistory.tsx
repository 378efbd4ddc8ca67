import { useTranslation } from 'react-i18next';
import type { AuditEntryT } from '../../../../db/contract';
import { formatDateTime, type Lang } from '../../format';
import { historyText } from './model';

/** The shortlist's changes, newest first: what, who, when. */
export function ShortlistHistory({ history }: { history: AuditEntryT[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return (
    <div className="card sl-history" data-testid="sl-history">
      <h2>{t('shortlist.history.heading')}</h2>
      {history.length === 0 ? (
        <p className="muted">{t('shortlist.history.empty')}</p>
      ) : (
        <ol className="plain">
          {history.map((h) => (
            <li key={h.id} data-field={h.field ?? ''}>
              {h.firmName && <strong className="sl-history-firm">{h.firmName}：</strong>}
              <span>{historyText(h, t)}</span>
              <span className="muted"> · {t('shortlist.history.at', { actor: h.actor, at: formatDateTime(h.at, lang) })}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
