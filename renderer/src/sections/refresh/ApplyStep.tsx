// Step 6: apply — a snapshot first, then everything in one transaction — and what was done.
import { useTranslation } from 'react-i18next';
import { ServiceError } from './ServiceError';
import type { ImportState } from './useImport';

export function ApplyStep({ im }: { im: ImportState }) {
  const { t } = useTranslation();
  if (im.applied) {
    const { report, snapshot } = im.applied;
    const c = report.counts;
    return (
      <div className="rf-applied" role="status" data-testid="rf-applied">
        <p className="status-line">
          <strong>
            {t('refresh.apply.done', { file: report.fileName, rows: c?.rows ?? 0, newFirms: c?.newFirms ?? 0, changedValues: c?.changedValues ?? 0, newYears: c?.newYears ?? 0 })}
          </strong>
        </p>
        <p className="rf-path">{t('refresh.apply.snapshot', { file: snapshot })}</p>
        <p className="muted">{t('refresh.apply.undoHint')}</p>
        <button type="button" onClick={im.reset} data-testid="rf-another">
          {t('refresh.apply.another')}
        </button>
      </div>
    );
  }
  const report = im.analysis?.report;
  const refused = !report || report.refused;
  return (
    <>
      {refused ? <p className="rf-error-text">{t('refresh.apply.blocked')}</p> : <p className="muted">{t('refresh.apply.ready')}</p>}
      <button type="button" className="primary rf-apply" onClick={() => void im.apply()} disabled={refused || im.analysing || im.applying} data-testid="rf-apply">
        {im.applying ? t('refresh.apply.busy') : t('refresh.apply.button')}
      </button>
      {im.applying && <progress className="rf-bar" aria-label={t('refresh.apply.busy')} />}
      {im.applyError != null && <ServiceError error={im.applyError} testId="rf-apply-error" />}
    </>
  );
}
