// One numbered step of the import, greyed until the steps before it have given it something to show.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  n: number;
  title: string;
  id: string;
  ready?: boolean;
  /** Why the step has nothing to show yet (by default: finish the step above). */
  waiting?: string;
  /** Dimmed while a newer analysis is on its way. */
  stale?: boolean;
  children?: ReactNode;
}

export function Step({ n, title, id, ready = true, waiting, stale = false, children }: Props) {
  const { t } = useTranslation();
  return (
    <section className={`card rf-step${ready ? '' : ' is-waiting'}${ready && stale ? ' is-stale' : ''}`} data-testid={`rf-step-${id}`} aria-labelledby={`rf-step-${id}-title`}>
      <h2 id={`rf-step-${id}-title`}>
        <span className="rf-step-n" aria-hidden="true">
          {n}
        </span>
        {title}
      </h2>
      {ready ? children : <p className="muted rf-waiting">{waiting ?? t('refresh.steps.waiting')}</p>}
    </section>
  );
}
