import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../db/contract';
import { call } from '../api';

type Progress = MethodOutput<'evaluate.progress'>;

/** How often a waiting screen asks how far the pool's evaluation has got. */
const POLL_MS = 400;

/** The line shown while a verdict sort or filter waits for the pool's evaluation: which step, and how far. */
export function EvaluationProgress() {
  const { t, i18n } = useTranslation();
  const [p, setP] = useState<Progress | null>(null);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = () =>
      call('evaluate.progress', {}).then(
        (r) => {
          if (!live) return;
          setP(r);
          timer = setTimeout(ask, POLL_MS);
        },
        // An answer that did not come only leaves the plain message; the list itself reports real failures.
        () => live && (timer = setTimeout(ask, POLL_MS)),
      );
    void ask();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, []);
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
