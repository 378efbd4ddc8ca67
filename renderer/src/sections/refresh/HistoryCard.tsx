// 导入记录: every import applied, newest first; the last one can be undone (back to its snapshot), after a
// question asked on the page.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { formatDateTime, type Lang } from '../../format';
import { useAsync } from '../../useAsync';
import type { SectionContext } from '../context';
import { Confirm } from './Confirm';
import { ServiceError } from './ServiceError';
import { useWrite } from './useWrite';

export function HistoryCard({ ctx }: { ctx: SectionContext }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const history = useAsync(() => call('import.history', {}), [ctx.refresh]);
  const [asking, setAsking] = useState(false);
  const { busy, error, done, run, clear } = useWrite(ctx.onChanged);
  const list = history.data ?? [];
  const last = list[0];

  const undo = () =>
    run(async () => {
      const r = await call('import.undo', {});
      return t('refresh.history.done', { file: r.undone.file, before: r.before });
    }, () => setAsking(false));


  return (
    <section className="card rf-history" data-testid="rf-history" aria-labelledby="rf-history-title">
      <h2 id="rf-history-title">{t('refresh.history.heading')}</h2>
      {history.error && <ServiceError error={history.error} />}
      {done && (
        <p className="status-line rf-path" role="status" data-testid="rf-undone">
          {done}
        </p>
      )}
      {error != null && <ServiceError error={error} testId="rf-undo-error" />}
      {history.data && list.length === 0 && <p className="muted">{t('refresh.history.empty')}</p>}
      <ol className="rf-records">
        {list.map((r) => (
          <li key={r.id} data-import={r.id}>
            <div className="rf-record-head">
              <strong>{r.file}</strong>
              {r.sheet && r.sheet !== r.file.replace(/\.[^.]+$/, '') && <span className="muted">{t('refresh.history.sheet', { sheet: r.sheet })}</span>}
            </div>
            <div className="muted">{t('refresh.history.line', { rows: r.rows, newFirms: r.newFirms, changedValues: r.changedValues })}</div>
            <div className="muted small">{t('refresh.history.by', { actor: r.actor, at: formatDateTime(r.at, lang) })}</div>
            {r === last &&
              (asking ? (
                <Confirm
                  text={t('refresh.history.confirm', { file: r.file })}
                  yes={t('refresh.history.yes')}
                  no={t('refresh.history.no')}
                  busyText={t('refresh.history.busy')}
                  busy={busy}
                  onYes={() => void undo()}
                  onNo={() => setAsking(false)}
                  testId="rf-undo-confirm"
                />
              ) : (
                <button
                  type="button"
                  className="rf-danger"
                  onClick={() => {
                    clear();
                    setAsking(true);
                  }}
                  disabled={!r.snapshotFile}
                  title={r.snapshotFile ? undefined : t('refresh.history.noSnapshot')}
                  data-testid="rf-undo"
                >
                  {t('refresh.history.undo')}
                </button>
              ))}
          </li>
        ))}
      </ol>
    </section>
  );
}
