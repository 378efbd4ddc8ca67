// What undoing the last import would do, and the later work touching what it wrote (each listed, so the
// analyst can choose to keep it or revert it too); what restoring a whole snapshot would take back.
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../db/contract';
import { formatDateTime, type Lang } from '../../format';
import { columnLabel } from './columns';

type UndoPlan = MethodOutput<'import.undoPlan'>;
type DoneSince = MethodOutput<'snapshot.since'>;

export function UndoDetails({ plan }: { plan: UndoPlan }) {
  const { t } = useTranslation();
  const c = plan.counts;
  return (
    <div className="rf-undo-details" data-testid="rf-undo-details">
      <p>
        {t('refresh.history.reverts', { values: c.values, profile: c.profile, newFirms: c.newFirms, newYears: c.newYears, titles: c.titles, members: c.members })}
        {c.records > 0 && ` ${t('refresh.history.revertsRecords', { count: c.records })}`}
      </p>
      {plan.conflicts.length > 0 && (
        <>
          <p>
            <strong>{t('refresh.history.conflicts', { count: plan.conflicts.length })}</strong>
          </p>
          <ul data-testid="rf-undo-conflicts">
            {plan.conflicts.map((x, i) => (
              <li key={i}>
                {x.kind === 'value'
                  ? t('refresh.history.conflictValue', { name: x.name, year: x.year ?? '', field: columnLabel(t, x.field ?? ''), written: x.written ?? t('refresh.preview.empty'), current: x.current ?? t('refresh.preview.empty') })
                  : x.kind === 'record'
                    ? t('refresh.history.conflictRecord', { name: x.name, list: x.field ?? '' })
                    : t(x.kind === 'firm' ? 'refresh.history.conflictFirm' : 'refresh.history.conflictYear', { name: x.name, year: x.year ?? '' })}
                <span className="muted small"> {x.what}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function DoneSinceList({ since }: { since: DoneSince }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return (
    <div className="rf-undo-details" data-testid="rf-done-since">
      <p>{since.total ? t('refresh.snapshots.since', { count: since.total }) : t('refresh.snapshots.sinceNone')}</p>
      {since.done.length > 0 && (
        <ul>
          {since.done.map((d, i) => (
            <li key={i}>
              <span className="muted small">{formatDateTime(d.at, lang)} · {d.actor}</span> {d.what || d.entity}
            </li>
          ))}
        </ul>
      )}
      {since.total > since.done.length && <p className="muted small">{t('refresh.snapshots.sinceMore', { count: since.done.length })}</p>}
    </div>
  );
}
