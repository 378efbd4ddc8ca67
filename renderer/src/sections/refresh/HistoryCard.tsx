// 导入记录: every import applied, newest first; the last one in force can be undone — exactly what it wrote is
// reverted and later work kept — after a question on the page that lists what the undo reverts and any later
// edit touching it (keep it, or revert it too).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { formatDateTime, type Lang } from '../../format';
import { useAsync } from '../../useAsync';
import type { MethodOutput } from '../../../../db/contract';
import type { SectionContext } from '../context';
import { Confirm } from './Confirm';
import { UndoDetails } from './UndoDetails';
import { ServiceError } from './ServiceError';
import { useWrite } from './useWrite';

export function HistoryCard({ ctx }: { ctx: SectionContext }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const history = useAsync(() => call('import.history', {}), [ctx.refresh]);
  const [asking, setAsking] = useState<MethodOutput<'import.undoPlan'> | null>(null);
  const [planError, setPlanError] = useState<unknown>(null);
  const { busy, error, done, run, clear } = useWrite(ctx.onChanged);
  const list = history.data ?? [];
  const last = list.find((r) => !r.undoneAt);

  const ask = async () => {
    clear();
    setPlanError(null);
    try {
      setAsking(await call('import.undoPlan', {}));
    } catch (e) {
      setPlanError(e);
    }
  };
  const undo = (conflicts?: 'keep' | 'revert') =>
    run(async () => {
      const r = await call('import.undo', { conflicts });
      return t(r.kept ? 'refresh.history.doneKept' : 'refresh.history.done', { file: r.undone.file, before: r.before, reverted: r.reverted, kept: r.kept });
    }, () => setAsking(null));


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
      {planError != null && <ServiceError error={planError} testId="rf-undo-error" />}
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
            {r.undoneAt && <div className="muted small" data-testid="rf-undone-mark">{t('refresh.history.undoneAt', { at: formatDateTime(r.undoneAt, lang) })}</div>}
            {r === last &&
              (asking ? (
                <Confirm
                  text={t('refresh.history.confirm', { file: r.file })}
                  yes={asking.conflicts.length ? t('refresh.history.keepLater') : t('refresh.history.yes')}
                  no={t('refresh.history.no')}
                  busyText={t('refresh.history.busy')}
                  busy={busy}
                  onYes={() => void undo(asking.conflicts.length ? 'keep' : undefined)}
                  onNo={() => setAsking(null)}
                  alt={asking.conflicts.length ? { label: t('refresh.history.revertLater'), onClick: () => void undo('revert') } : undefined}
                  testId="rf-undo-confirm"
                >
                  <UndoDetails plan={asking} />
                </Confirm>
              ) : (
                <button type="button" className="rf-danger" onClick={() => void ask()} data-testid="rf-undo">
                  {t('refresh.history.undo')}
                </button>
              ))}
          </li>
        ))}
      </ol>
    </section>
  );
}
