// The confidence tag every set, criterion and indicator carries, and the legend that explains the tags.
import { useTranslation } from 'react-i18next';

export type Confidence = 'text' | 'multi' | 'single' | 'unconfirmed';
const ALL: Confidence[] = ['text', 'multi', 'single', 'unconfirmed'];

export function ConfidenceTag({ value }: { value: Confidence }) {
  const { t } = useTranslation();
  return (
    <span className={`cl-conf cl-conf-${value}`} title={t(`criteriaLib.confidenceHelp.${value}`)} data-confidence={value}>
      {t(`criteriaLib.confidence.${value}`)}
    </span>
  );
}

export function ConfidenceLegend() {
  const { t } = useTranslation();
  return (
    <dl className="cl-legend" data-testid="confidence-legend">
      <dt className="muted">{t('criteriaLib.legend')}</dt>
      {ALL.map((c) => (
        <dd key={c}>
          <ConfidenceTag value={c} />
          <span>{t(`criteriaLib.confidenceHelp.${c}`)}</span>
        </dd>
      ))}
    </dl>
  );
}
