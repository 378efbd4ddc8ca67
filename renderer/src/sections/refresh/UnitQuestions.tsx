// 元 typed into a 万元 column: the service refuses such a column until the analyst says, per column, whether it
// is in 元 (divided by 10,000 on import) or really in 万元. Answering re-analyses the file.
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format';
import { columnLabel } from './columns';
import type { ImportState } from './useImport';

export function UnitQuestions({ im }: { im: ImportState }) {
  const { t } = useTranslation();
  const questions = im.analysis?.report.unitQuestions ?? [];
  const answered = Object.entries(im.choices.units);
  if (!questions.length && !answered.length) return null;
  return (
    <div className="rf-part rf-units" data-testid="rf-unit-questions">
      {questions.length > 0 && <h3>{t('refresh.preview.unitHeading')}</h3>}
      {questions.map((q) => (
        <fieldset key={q.key} data-column={q.key}>
          <legend>{t('refresh.preview.unitAsk', { header: q.header, count: q.count })}</legend>
          <ul className="plain muted small">
            {q.examples.map((x) => (
              <li key={x.row}>{t('refresh.preview.unitExample', { row: x.row, name: x.name, value: formatNumber(x.value), compared: formatNumber(x.compared) })}</li>
            ))}
          </ul>
          <button type="button" onClick={() => im.setUnit(q.key, '元')} data-testid="rf-unit-yuan" disabled={im.analysing}>
            {t('refresh.preview.unitYuan')}
          </button>{' '}
          <button type="button" onClick={() => im.setUnit(q.key, '万元')} data-testid="rf-unit-wan" disabled={im.analysing}>
            {t('refresh.preview.unitWan')}
          </button>
        </fieldset>
      ))}
      {answered.map(([key, unit]) => (
        <p key={key} className="muted small" data-testid="rf-unit-answer">
          {t('refresh.preview.unitAnswered', { header: im.analysis?.report.columns.find((c) => c.key === key)?.header ?? columnLabel(t, key), unit })}{' '}
          <button type="button" className="link-button" onClick={() => im.setUnit(key, null)}>
            {t('refresh.preview.unitAgain')}
          </button>
        </p>
      ))}
    </div>
  );
}
