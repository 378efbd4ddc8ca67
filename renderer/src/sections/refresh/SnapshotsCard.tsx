// 快照: the copies of the data file taken before imports, undos and restores; any can be restored after a
// question asked on the page that lists what was done since, from the audit log (the service checks the
// snapshot first and snapshots the current state).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { formatDateTime, type Lang } from '../../format';
import { useAsync } from '../../useAsync';
import type { SectionContext } from '../context';
import type { MethodOutput } from '../../../../db/contract';
import { Confirm } from './Confirm';
import { DoneSinceList } from './UndoDetails';
import { humanSize } from './fileBytes';
import { ServiceError } from './ServiceError';
import { useWrite } from './useWrite';

const SHOWN = 8;

export function SnapshotsCard({ ctx }: { ctx: SectionContext }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const info = useAsync(() => call('app.info', {}), [ctx.refresh]);
  const [asking, setAsking] = useState<number | null>(null);
  const [since, setSince] = useState<MethodOutput<'snapshot.since'> | null>(null);
  const { busy, error, done, run, clear } = useWrite(ctx.onChanged);
  const [all, setAll] = useState(false);
  const snapshots = info.data?.snapshots ?? [];
  const shown = all ? snapshots : snapshots.slice(0, SHOWN);

  const restore = (id: number) =>
    run(async () => {
      const r = await call('snapshot.restore', { id });
      return t('refresh.snapshots.done', { file: r.restored, before: r.before });
    }, () => setAsking(null));


  return (
    <section className="card rf-snapshots" data-testid="rf-snapshots" aria-labelledby="rf-snapshots-title">
      <h2 id="rf-snapshots-title">{t('refresh.snapshots.heading')}</h2>
      <p className="hint muted">{t('refresh.snapshots.hint')}</p>
      {info.error && <ServiceError error={info.error} />}
      {done && (
        <p className="status-line rf-path" role="status" data-testid="rf-restored">
          {done}
        </p>
      )}
      {error != null && <ServiceError error={error} testId="rf-restore-error" />}
      {info.data && snapshots.length === 0 && <p className="muted">{t('refresh.snapshots.empty')}</p>}
      <ol className="rf-records">
        {shown.map((s) => {
          const at = formatDateTime(s.createdAt, lang);
          return (
            <li key={s.id} data-snapshot={s.id} className={s.exists ? undefined : 'is-gone'}>
              <div className="rf-record-head">
                <strong>{s.reason}</strong>
              </div>
              <div className="muted small">
                {at}
                {s.bytes != null && <> · {humanSize(s.bytes, t)}</>}
                {!s.exists && <> · {t('refresh.snapshots.gone')}</>}
              </div>
              {asking === s.id ? (
                <Confirm
                  text={t('refresh.snapshots.confirm', { at, reason: s.reason })}
                  yes={t('refresh.snapshots.yes')}
                  no={t('refresh.snapshots.no')}
                  busyText={t('refresh.snapshots.busy')}
                  busy={busy}
                  onYes={() => void restore(s.id)}
                  onNo={() => setAsking(null)}
                  testId="rf-restore-confirm"
                >
                  {since?.snapshot.id === s.id && <DoneSinceList since={since} />}
                </Confirm>
              ) : (
                <button
                  type="button"
                  onClick={() => {
                    clear();
                    setSince(null);
                    setAsking(s.id);
                    call('snapshot.since', { id: s.id }).then(setSince, () => setSince(null));
                  }}
                  disabled={!s.exists || asking !== null}
                  aria-label={t('refresh.snapshots.restoreOf', { at })}
                  data-testid="rf-restore"
                >
                  {t('refresh.snapshots.restore')}
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {snapshots.length > SHOWN && (
        <button type="button" className="link-button" onClick={() => setAll(!all)}>
          {all ? t('refresh.snapshots.fewer') : t('refresh.snapshots.all', { count: snapshots.length })}
        </button>
      )}
    </section>
  );
}
