// The latest changes of one list (融资需求名单, 上市后备库), newest first, as the audit log holds them.
import { useTranslation } from 'react-i18next';
import { formatDateTime, type Lang } from '../../format';

interface Entry {
  id: number;
  at: string;
  actor: string;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  note: string | null;
}

export function ListHistory({ history, testId }: { history: Entry[]; testId?: string }) {
  const { t, i18n } = useTranslation();
  if (!history.length) return null;
  const lang = i18n.language as Lang;
  return (
    <details className="card lists-history" data-testid={testId}>
      <summary>{t('lists.history')}</summary>
      <ul className="plain">
        {history.slice(0, 50).map((h) => (
          <li key={h.id}>{t('lists.historyLine', { at: formatDateTime(h.at, lang), actor: h.actor, note: h.note ?? '', field: h.field ?? '', old: h.oldValue ?? '—', new: h.newValue ?? '—' })}</li>
        ))}
      </ul>
    </details>
  );
}
