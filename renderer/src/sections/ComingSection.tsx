import { useTranslation } from 'react-i18next';
import type { Section } from '../route';

/** Sections whose capability comes later say so plainly, with no placeholder figures. */
export function ComingSection({ section }: { section: Extract<Section, 'overview' | 'refresh'> }) {
  const { t } = useTranslation();
  return (
    <section className="section coming" data-testid={`coming-${section}`}>
      <span className="badge">{t('coming.badge')}</span>
      <h1>{t('coming.title', { section: t(`nav.${section}`) })}</h1>
      <p>{t(`coming.${section}`)}</p>
      <p className="muted">{t('coming.note')}</p>
    </section>
  );
}
