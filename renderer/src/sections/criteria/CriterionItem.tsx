// One criterion as a reader needs it: number, policy wording, threshold in words, confidence and source;
// an unconfirmed or switched criterion also shows its reason, a switch, and who switched it when.
import { useTranslation } from 'react-i18next';
import type { CriteriaSetInfoT } from '../../../../db/contract';
import { formatDateTime, type Lang } from '../../format';
import { ConfidenceTag } from './Confidence';
import { RuleView } from './RuleView';
import { describeCriterion } from './ruleText';

type Criterion = CriteriaSetInfoT['criteria'][number];

export interface CriterionProps {
  set: CriteriaSetInfoT;
  criterion: Criterion;
  /** The criterion that stands in for this one now, if any. */
  replacedBy: string | null;
  pending: boolean;
  onToggle: (enabled: boolean) => void;
}

/** "第2条" for numbered criteria, "条件 u2" for the others. */
export function criterionRef(id: string, t: (k: string, o?: Record<string, unknown>) => string): string {
  return t(/^\d+$/.test(id) ? 'criteriaLib.ref' : 'criteriaLib.refOther', { id });
}

export function CriterionItem({ set, criterion: c, replacedBy, pending, onToggle }: CriterionProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const pick = (b: { zh: string; en: string }) => (lang === 'en' ? b.en : b.zh);
  const effective = set.effective[c.id] ?? c.enabled;
  const switched = set.switchedBy[c.id];
  const unconfirmed = c.confidence === 'unconfirmed';
  // Shipped-off, unconfirmed and tagged (a province's condition) criteria are the analyst's to switch; switched
  // ones must be switchable back.
  const switchable = unconfirmed || !c.enabled || Boolean(c.tag) || Boolean(switched);
  const classes = ['cl-criterion', !effective && 'is-off', unconfirmed && 'is-unconfirmed', replacedBy && 'is-replaced'].filter(Boolean).join(' ');
  return (
    <li className={classes} data-testid={`criterion-${c.id}`} data-effective={effective ? 'on' : 'off'}>
      <span className="cl-num" aria-hidden="true">
        {c.id}
      </span>
      <div className="cl-body">
        <div className="cl-text">
          <span>{pick(c.text)}</span>
          {c.confidence && c.confidence !== set.confidence && <ConfidenceTag value={c.confidence} />}
          {c.tag && (
            <span className="cl-tag" data-testid="criterion-tag">
              {pick(c.tag)}
            </span>
          )}
          {replacedBy && <span className="cl-flag" data-testid="replaced-by">{t('criteriaLib.replacedBy', { ref: criterionRef(replacedBy, t) })}</span>}
        </div>
        <div className="cl-threshold">
          <span className="cl-label">{t('criteriaLib.threshold')}</span>
          <RuleView node={describeCriterion(c.rule, { t, lang, scores: set.scores })} />
        </div>
        {c.reason && <p className="cl-reason">{t('criteriaLib.reason', { reason: pick(c.reason) })}</p>}
        {c.replaces && <p className="cl-replaces">{t('criteriaLib.replaces', { ref: criterionRef(c.replaces, t) })}</p>}
        <p className="cl-source muted">{t('criteriaLib.source', { number: set.document.number ?? set.document.name })}</p>
      </div>
      {switchable && (
        <div className="cl-switch">
          <label>
            <input
              type="checkbox"
              role="switch"
              checked={effective}
              disabled={pending}
              onChange={(e) => onToggle(e.target.checked)}
              data-testid={`toggle-${c.id}`}
              aria-label={`${t('criteriaLib.toggle')} ${c.id}`}
            />
            <span>{pending ? t('criteriaLib.saving') : t(effective ? 'criteriaLib.on' : 'criteriaLib.off')}</span>
          </label>
          {switched ? (
            <small data-testid="switched-by">
              {t('criteriaLib.switched', { actor: switched.actor, at: formatDateTime(switched.at, lang), action: t(effective ? 'criteriaLib.actionOn' : 'criteriaLib.actionOff') })}
            </small>
          ) : (
            !c.enabled && <small className="muted">{t('criteriaLib.shippedOff')}</small>
          )}
        </div>
      )}
    </li>
  );
}
