// Step 4: the file's errors (which block applying) and warnings (which do not), with counts.
import { useTranslation } from 'react-i18next';
import { ProblemTable } from './ProblemTable';
import type { ImportReport } from './useImport';

export function ProblemsStep({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const { errors, warnings } = report.problemCounts;
  if (!report.problems.length) return <p className="status-line" data-testid="rf-no-problems">{t('refresh.problems.none')}</p>;
  // Errors first, then warnings, each in the file's order.
  const sorted = [...report.problems].sort((a, b) => (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1));
  return (
    <>
      <p className="rf-problem-counts" data-testid="rf-problem-counts">
        <span className={errors ? 'rf-count-error' : undefined}>{t('refresh.problems.errors', { count: errors })}</span>
        <span className={warnings ? 'rf-count-warning' : undefined}>{t('refresh.problems.warnings', { count: warnings })}</span>
      </p>
      {errors > 0 ? (
        <p className="rf-error" role="alert" data-testid="rf-blocked">
          <strong>{t('refresh.problems.blocking')}</strong>
        </p>
      ) : (
        <p className="rf-warn">{t('refresh.problems.warningsOnly')}</p>
      )}
      <ProblemTable problems={sorted} total={errors + warnings} />
    </>
  );
}
