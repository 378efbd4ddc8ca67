// Problems of a file as a table: level, sheet, row, column, the value and the reason. Long lists are cut.
import { useTranslation } from 'react-i18next';
import type { ImportReport } from './useImport';

type Problem = ImportReport['problems'][number];
const SHOWN = 300;

/** `total`: the file's whole count (the service lists at most 1,000). */
export function ProblemTable({ problems, total = problems.length }: { problems: Problem[]; total?: number }) {
  const { t } = useTranslation();
  const shown = problems.slice(0, SHOWN);
  return (
    <div className="rf-table-wrap">
      <table className="rf-table rf-problems" data-testid="rf-problems">
        <thead>
          <tr>
            <th>{t('refresh.problems.levelHead')}</th>
            <th>{t('refresh.problems.sheet')}</th>
            <th className="num">{t('refresh.problems.row')}</th>
            <th>{t('refresh.problems.column')}</th>
            <th>{t('refresh.problems.value')}</th>
            <th>{t('refresh.problems.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((p, i) => (
            <tr key={i} className={`is-${p.level}`} data-level={p.level} data-row={p.row ?? ''}>
              <td>
                <span className={`rf-level rf-level-${p.level}`}>{t(`refresh.problems.level.${p.level}`)}</span>
              </td>
              <td>{p.sheet}</td>
              <td className="num">{p.row ?? t('refresh.problems.wholeFile')}</td>
              <td>{p.column ?? '—'}</td>
              <td className="rf-value">{p.value ?? '—'}</td>
              <td>{p.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > shown.length && <p className="muted">{t('refresh.problems.more', { count: total - shown.length })}</p>}
    </div>
  );
}
