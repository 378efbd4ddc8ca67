import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { href } from '../../route';
import type { Shown } from './model';

/** The firms behind a number, each linking to its page, with where the number comes from. */
export function FirmDrawer({ shown, onClose }: { shown: Shown; onClose: () => void }) {
  const { t } = useTranslation();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <aside className="ov-drawer" role="dialog" aria-modal="false" aria-labelledby="ov-drawer-title" data-testid="ov-drawer">
      <div className="ov-drawer-head">
        <h2 id="ov-drawer-title">{shown.title}</h2>
        <button type="button" ref={closeRef} onClick={onClose} data-testid="ov-drawer-close">
          {t('overview.list.close')}
        </button>
      </div>
      {shown.source && <p className="ov-source">{t('overview.list.source', { source: shown.source })}</p>}
      {shown.note && <p className="ov-note">{shown.note}</p>}
      {!shown.note && shown.firms.length === 0 && <p className="muted">{t('overview.list.empty')}</p>}
      {shown.firms.length > 0 && (
        <ol className="ov-firms">
          {shown.firms.map((f, i) => (
            <li key={`${f.firmId}-${i}`}>
              <a href={href('firm', f.firmId)} data-firm={f.firmId}>
                {f.name}
              </a>
              {f.extra && <span className="ov-extra">{f.extra}</span>}
              {f.sample && <span className="tag-sample">{t('overview.list.sample')}</span>}
              {f.verdict && (
                <span className={`ov-outlook is-${f.verdict}`}>
                  {f.verdict === 'needs_review' ? t('overview.list.review') : f.inYears ? t('overview.list.inYears', { count: f.inYears }) : t('overview.list.now')}
                  {f.dataYear != null && ` · ${t('overview.list.dataYear', { year: f.dataYear })}`}
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      {shown.total > shown.firms.length && <p className="muted">{t('overview.list.more', { shown: shown.firms.length, total: shown.total })}</p>}
    </aside>
  );
}
