// Step 2: the file — chosen or dropped on the zone — and how to read it: the sheet (from those the service
// found) and the text encoding (detected, or set by hand). Progress shows while it is read and analysed.
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format';
import { humanSize } from './fileBytes';
import { ImportProgress } from './ImportProgress';
import { ServiceError } from './ServiceError';
import type { Encoding, ImportState } from './useImport';

export function FileStep({ im }: { im: ImportState }) {
  const { t } = useTranslation();
  const [over, setOver] = useState(false);
  const report = im.applied ? null : (im.analysis?.report ?? null);
  const errors = report?.problemCounts.errors ?? 0;
  const warnings = report?.problemCounts.warnings ?? 0;

  const take = (files: FileList | null) => {
    const file = files?.[0];
    if (file) void im.choose(file);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    take(e.dataTransfer.files);
  };

  return (
    <>
      <div
        className={`rf-drop${over ? ' is-over' : ''}`}
        data-testid="rf-drop"
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <span>{over ? t('refresh.file.dropping') : t('refresh.file.drop')}</span>
        <span className="muted">{t('refresh.file.or')}</span>
        <label className="rf-choose">
          {t('refresh.file.choose')}
          <input
            type="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            data-testid="rf-file"
            onChange={(e) => {
              take(e.target.files);
              // The same file chosen again (after correcting it) must be read again.
              e.target.value = '';
            }}
          />
        </label>
      </div>

      {im.reading && (
        <div className="rf-progress" role="status">
          <span>{t('refresh.file.reading', { file: im.reading.name, percent: Math.round(im.reading.fraction * 100) })}</span>
          <progress value={im.reading.fraction} max={1} aria-label={t('refresh.file.reading', { file: im.reading.name, percent: Math.round(im.reading.fraction * 100) })} />
        </div>
      )}
      {im.readError && (
        <p className="rf-error" role="alert">
          <strong>
            {im.readError.kind === 'tooLarge'
              ? t('refresh.file.tooLarge', { mb: formatNumber(im.readError.mb) })
              : t('refresh.file.readFailed', { file: im.readError.name, message: im.readError.message })}
          </strong>
        </p>
      )}

      {im.chosen && (
        <div className="rf-chosen" data-testid="rf-chosen">
          <div>
            <span className="muted">{t('refresh.file.chosen')}</span> <strong data-testid="rf-file-name">{im.chosen.name}</strong>{' '}
            {im.applied && <span className="rf-tag">{t('refresh.file.applied')}</span>}{' '}
            <span className="muted">{humanSize(im.chosen.size, t)}</span>
            {report && (
              <span className="muted">
                {' · '}
                {t(`refresh.file.format.${report.format}`)}
                {report.encoding && <> · {t('refresh.file.detected', { encoding: report.encoding })}</>}
                {report.headerRow != null && <> · {t('refresh.file.headerRow', { row: report.headerRow })}</>}
              </span>
            )}
          </div>
          {report && report.names.length > 0 && (
            <p className="muted small" data-testid="rf-names">
              {t('refresh.file.names', { names: report.names.join('、') })}
            </p>
          )}
          {report && !im.analysing && (
            <p className={errors ? 'rf-error-text rf-summary' : 'status-line rf-summary'} data-testid="rf-summary">
              {t('refresh.file.summary', { errors, warnings })}
            </p>
          )}
          {!im.applied && (
            <div className="rf-read-options">
              <label>
                {t('refresh.file.encoding')}
                <select value={im.choices.encoding ?? ''} onChange={(e) => im.setEncoding((e.target.value || null) as Encoding | null)} data-testid="rf-encoding">
                  <option value="">{t('refresh.file.encodingAuto')}</option>
                  <option value="utf8">{t('refresh.file.utf8')}</option>
                  <option value="gbk">{t('refresh.file.gbk')}</option>
                </select>
              </label>
              {report && report.sheets.length > 1 && (
                <label>
                  {t('refresh.file.sheet')}
                  <select value={im.choices.sheet ?? ''} onChange={(e) => im.setSheet(e.target.value || null)} data-testid="rf-sheet">
                    <option value="">{t('refresh.file.sheetAuto', { sheet: report.sheet ?? '' })}</option>
                    {report.sheets.map((s) => (
                      <option key={s} value={s}>
                        {s}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              <button type="button" onClick={im.reanalyse} disabled={im.analysing}>
                {t('refresh.file.reanalyse')}
              </button>
              <button type="button" onClick={im.reset} disabled={im.analysing || im.applying} data-testid="rf-reset">
                {t('refresh.file.reset')}
              </button>
            </div>
          )}
        </div>
      )}

      {im.analysing && im.chosen && (
        <div className="rf-progress" role="status" data-testid="rf-analysing">
          <span>{t('refresh.file.analysing', { file: im.chosen.name })}</span>
          <ImportProgress label={t('refresh.file.analysing', { file: im.chosen.name })} />
        </div>
      )}
      {im.analyseError != null && <ServiceError error={im.analyseError} testId="rf-analyse-error" />}
    </>
  );
}
