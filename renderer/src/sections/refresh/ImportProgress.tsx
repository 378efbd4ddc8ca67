// The line under "analysing …" while an import file is read off the service's thread: opening it, rows read and
// checked (with a bar where the service knows how much of the file that is), then the plan against the data file.
import { useTranslation } from 'react-i18next';
import { usePolled } from '../usePolled';

export function ImportProgress({ label }: { label: string }) {
  const { t, i18n } = useTranslation();
  const p = usePolled('import.progress');
  const n = (x: number) => x.toLocaleString(i18n.language);
  const known = !!p?.running && p.total > 0;
  const percent = known ? Math.floor((p.done / p.total) * 100) : 0;
  const step = !p?.running ? null : p.phase === 'checking' ? t('refresh.progress.checking', { rows: n(p.rows) }) + (known ? t('refresh.progress.percent', { percent }) : '') : t(`refresh.progress.${p.phase}`, { rows: n(p.rows) });
  return (
    <>
      {step && (
        <span className="progress-step" data-testid="rf-import-progress">
          {step}
        </span>
      )}
      {known ? <progress max={p.total} value={p.done} aria-label={label} /> : <progress aria-label={label} />}
    </>
  );
}
