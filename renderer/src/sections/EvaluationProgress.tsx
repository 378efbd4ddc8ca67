import { useTranslation } from 'react-i18next';
import { usePolled } from './usePolled';

/** The line shown while a verdict sort or filter waits for the pool's evaluation: which step, and how far. */
export function EvaluationProgress() {
  const { t, i18n } = useTranslation();
  const p = usePolled('evaluate.progress');
  const n = (x: number) => x.toLocaleString(i18n.language);
  const percent = p && p.total > 0 ? Math.floor((p.done / p.total) * 100) : 0;
  const step = !p?.running ? null : p.phase === 'facts' ? t('pool.progress.facts') : t(`pool.progress.${p.phase}`, { done: n(p.done), total: n(p.total), percent });
  return (
    <p className="count" role="status" data-testid="evaluation-progress">
      {t('pool.evaluating')}
      {step && <span className="progress-step">{step}</span>}
      {p?.running && p.total > 0 && <progress max={p.total} value={p.done} aria-label={step ?? undefined} />}
    </p>
  );
}
