import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import type { Lang, OverviewData } from './model';

/** little_giant.amount → 国家级专精特新“小巨人” 奖励金额（万元）. */
function fieldText(entity: string, field: string | null, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (!field) return '';
  const [id, col] = field.split('.');
  const what =
    entity === 'overview_reward'
      ? t(`titles.${id}`)
      : entity === 'overview_target'
        ? t(`overview.targets.names.${id}`)
        : entity === 'overview_calendar'
          ? t(`overview.calendar.tracks.${id}`)
          : t('overview.targets.industrial');
  return `${what} ${t(`overview.history.cols.${col}`, { defaultValue: col })}`;
}

/** Who changed the reward table, the targets, the calendar or the 规上 count, and when. */
export function HistoryCard({ history }: { history: OverviewData['history'] }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <section className="card ov-card" aria-labelledby="ov-history-h" data-testid="ov-history">
      <h2 id="ov-history-h">{t('overview.history.heading')}</h2>
      {history.length === 0 && <p className="muted">{t('overview.history.empty')}</p>}
      <ol className="ov-history">
        {history.map((h) => (
          <li key={h.id}>
            <span className="muted">{formatDateTime(h.at, lang)}</span>{' '}
            <span className="ov-entity">{t(`overview.history.entities.${h.entity}`, { defaultValue: h.entity })}</span>{' '}
            {t('overview.history.line', { who: h.actor, field: fieldText(h.entity, h.field, t), old: h.oldValue ?? '—', new: h.newValue ?? '—' })}
            {h.note && <span className="muted">（{h.note}）</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
