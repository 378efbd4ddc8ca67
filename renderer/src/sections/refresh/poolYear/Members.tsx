// The members of the chosen pool year: status, the reason given, the re-check flags (share fell, profit fell,
// verdict got worse), and a status change with its reason.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../../api';
import { href } from '../../../route';
import { useAsync } from '../../../useAsync';
import type { SectionContext } from '../../context';
import { ServiceError } from '../ServiceError';
import { FlagList } from './FlagList';
import { MemberEditor } from './MemberEditor';

export function Members({ ctx }: { ctx: SectionContext }) {
  const { t } = useTranslation();
  const [flaggedOnly, setFlaggedOnly] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const recheck = useAsync(
    () => call('poolYear.recheck', { year: ctx.poolYear, setId: ctx.setId, ...(ctx.dataYear != null ? { dataYear: ctx.dataYear } : {}) }),
    [ctx.poolYear, ctx.setId, ctx.dataYear, ctx.refresh],
  );
  // The reasons given this year (the comparison of a year with itself carries them).
  const reasons = useAsync(() => call('poolYear.compare', { a: ctx.poolYear, b: ctx.poolYear }), [ctx.poolYear, ctx.refresh]);
  const reasonOf = new Map((reasons.data?.firms ?? []).map((f) => [f.firmId, f.reasonB]));
  const firms = recheck.data?.firms ?? [];
  const flagged = firms.filter((f) => f.flags.length > 0).length;
  const shown = flaggedOnly ? firms.filter((f) => f.flags.length > 0) : firms;

  return (
    <section className="card rf-members" data-testid="rf-members" aria-labelledby="rf-members-title">
      <div className="card-head">
        <h2 id="rf-members-title">{t('refresh.poolYear.members.heading', { year: ctx.poolYear })}</h2>
        <label className="rf-inline">
          <input type="checkbox" checked={flaggedOnly} onChange={(e) => setFlaggedOnly(e.target.checked)} data-testid="rf-flagged-only" />
          {t('refresh.poolYear.members.flaggedOnly')}
        </label>
      </div>
      {recheck.data && (
        <p className="hint muted">
          {recheck.data.dataYear != null ? t('refresh.poolYear.members.hint', { dataYear: recheck.data.dataYear }) : t('refresh.poolYear.members.noDataYear')}{' '}
          {t('refresh.poolYear.members.counts', { total: firms.length, flagged })}
        </p>
      )}
      {recheck.error && <ServiceError error={recheck.error} />}
      {saved && (
        <p className="status-line" role="status" data-testid="rf-member-saved">
          {saved}
        </p>
      )}
      {recheck.data && firms.length === 0 && <p className="muted">{t('refresh.poolYear.members.none')}</p>}
      {shown.length > 0 && (
        <div className="rf-table-wrap is-open">
          <table className={`rf-table rf-member-table${recheck.loading ? ' is-stale' : ''}`} data-testid="rf-member-table">
            <thead>
              <tr>
                <th>{t('refresh.poolYear.members.firm')}</th>
                <th>{t('refresh.poolYear.members.status')}</th>
                <th>{t('refresh.poolYear.members.flags')}</th>
                <th>{t('refresh.poolYear.members.change')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((f) => (
                <tr key={f.firmId} data-firm={f.name} data-status={f.status} className={f.flags.length ? 'is-flagged' : undefined}>
                  <td>
                    <a href={href('firm', f.firmId)}>{f.name}</a>
                  </td>
                  <td>
                    <span className={`rf-status rf-status-${f.status}`}>{t(`pool.status.${f.status}`)}</span>
                    {reasonOf.get(f.firmId) && <div className="muted small rf-reason">{reasonOf.get(f.firmId)}</div>}
                  </td>
                  <td>
                    <FlagList flags={f.flags} />
                  </td>
                  <td>
                    <MemberEditor
                      year={ctx.poolYear}
                      firm={f}
                      onSaved={(text) => {
                        setSaved(text);
                        ctx.onChanged();
                      }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
