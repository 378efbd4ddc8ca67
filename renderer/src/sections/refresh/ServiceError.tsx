// A refusal or failure of the service, shown loudly with what it gave as details (problems as a table).
import { useTranslation } from 'react-i18next';
import type { ImportReport } from './useImport';
import { ProblemTable } from './ProblemTable';

type Problem = ImportReport['problems'][number];

const isProblems = (d: unknown): d is Problem[] =>
  Array.isArray(d) && d.length > 0 && d.every((p) => p && typeof p === 'object' && 'reason' in p && 'level' in p);

export function ServiceError({ error, testId }: { error: unknown; testId?: string }) {
  const { t } = useTranslation();
  const e = (error instanceof Error ? error : new Error(String(error))) as Error & { code?: string; details?: unknown };
  const details = e.details;
  return (
    <div className="rf-error" role="alert" data-testid={testId}>
      <strong>{e.message}</strong>
      {e.code && <small>{t('refresh.error.code', { code: e.code })}</small>}
      {details != null && (
        <details open>
          <summary>{t('refresh.error.details')}</summary>
          {isProblems(details) ? <ProblemTable problems={details} /> : <pre>{JSON.stringify(details, null, 2)}</pre>}
        </details>
      )}
    </div>
  );
}
