// The chosen set: what it is, where it comes from, how sure we are, then its criteria and score tables.
import { useTranslation } from 'react-i18next';
import type { CriteriaSetInfoT } from '../../../../db/contract';
import { SetNotice } from '../../components/SetNotice';
import { formatDateTime, type Lang } from '../../format';
import { ConfidenceTag } from './Confidence';
import { CriterionItem } from './CriterionItem';
import { ScoreTables } from './ScoreTables';

export interface SetDetailProps {
  set: CriteriaSetInfoT;
  inUse: boolean;
  pending: string | null;
  error: string | null;
  onToggle: (criterionId: string, enabled: boolean) => void;
  /** The pool year worked on, for the in-force warning. */
  poolYear: number | null;
  /** Removes an added set (absent for shipped ones). */
  onRemove?: () => void;
}

/** Which enabled alternative stands in for each criterion (the engine's `replaces` rule). */
function replacements(set: CriteriaSetInfoT): Map<string, string> {
  return new Map(set.criteria.filter((c) => c.replaces && (set.effective[c.id] ?? c.enabled)).map((c) => [c.replaces!, c.id]));
}

export function SetDetail({ set, inUse, pending, error, onToggle, poolYear, onRemove }: SetDetailProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const pick = (b: { zh: string; en: string }) => (lang === 'en' ? b.en : b.zh);
  const replaced = replacements(set);
  return (
    <div className="cl-detail" data-testid="set-detail" data-set={set.id}>
      <section className="card cl-head">
        <h2>
          {pick(set.title)}
          <span className={`cl-level cl-level-${set.level}`}>{t(`levels.${set.level}`)}</span>
          {inUse && <span className="cl-inuse">{t('criteriaLib.inUse')}</span>}
        </h2>
        <dl>
          <dt>{t('criteriaLib.document')}</dt>
          <dd data-testid="set-document">{set.document.number === null ? t('criteriaLib.documentNoNumber', set.document) : t('criteriaLib.documentLine', set.document)}</dd>
          <dt>{t('criteriaLib.origin')}</dt>
          <dd data-testid="set-origin">
            {set.added ? t('criteriaLib.addedBy', { by: set.added.by, at: formatDateTime(set.added.at, lang), file: set.added.fileName, version: set.version }) : t('criteriaLib.shipped')}
            {set.replacesVersion != null && <span className="muted"> · {t('criteriaLib.replacesVersion', { version: set.replacesVersion })}</span>}
            {set.added && onRemove && (
              <button type="button" className="cl-remove" onClick={onRemove} data-testid="remove-set">
                {t('criteriaLib.remove')}
              </button>
            )}
          </dd>
          <dt>{t('criteriaLib.setConfidence')}</dt>
          <dd>
            <ConfidenceTag value={set.confidence} /> <span className="muted">{t(`criteriaLib.confidenceHelp.${set.confidence}`)}</span>
          </dd>
          {set.title_code && (
            <>
              <dt>{t('criteriaLib.titleCode')}</dt>
              <dd>{t(`titles.${set.title_code}`)}</dd>
            </>
          )}
        </dl>
        <SetNotice set={set} poolYear={poolYear} />
        {set.note && (
          <p className="cl-note" data-testid="set-note">
            {pick(set.note)}
          </p>
        )}
      </section>
      <section className="card">
        <h2>{t('criteriaLib.criteria')}</h2>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <ol className="cl-criteria">
          {set.criteria.map((c) => (
            <CriterionItem key={c.id} set={set} criterion={c} replacedBy={replaced.get(c.id) ?? null} pending={pending === c.id} onToggle={(on) => onToggle(c.id, on)} />
          ))}
        </ol>
      </section>
      <ScoreTables set={set} />
    </div>
  );
}
