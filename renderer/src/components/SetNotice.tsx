// What a criteria set says of itself wherever it is used: its notice (the 2022 rules, a revised version from
// 2026-04-01), its effective period, and a warning when it is not in force in the pool year worked on.
import { useTranslation } from 'react-i18next';
import type { CriteriaSetInfoT } from '../../../db/contract';

type SetLike = Pick<CriteriaSetInfoT, 'id' | 'notice' | 'effective_from' | 'effective_to' | 'inForce'>;

export function SetNotice({ set, poolYear, compact = false }: { set: SetLike; poolYear: number | null; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const notice = set.notice ? (i18n.language === 'en' ? set.notice.en : set.notice.zh) : null;
  const period = { from: set.effective_from, to: set.effective_to ?? t('setNotice.open') };
  const warning = poolYear != null && set.inForce && set.inForce !== 'yes' ? t(`setNotice.${set.inForce === 'no' ? 'notInForce' : 'partly'}`, { year: poolYear, ...period }) : null;
  if (compact) {
    // One slim line under the top bar: the notice in full, and the warning.
    if (!notice && !warning) return null;
    return (
      <div className="set-banner" role="note" data-testid="set-banner">
        {notice && <span data-testid="set-banner-notice">{notice}</span>}
        {warning && (
          <span className="set-notice-warning" data-testid="set-not-in-force">
            {warning}
          </span>
        )}
      </div>
    );
  }
  return (
    <div className="set-notice" data-testid="set-notice">
      <p className="muted">{t('setNotice.period', period)}</p>
      {notice && <p className="set-notice-text">{notice}</p>}
      {warning && (
        <p className="set-notice-warning" role="status" data-testid="set-not-in-force">
          {warning}
        </p>
      )}
    </div>
  );
}
