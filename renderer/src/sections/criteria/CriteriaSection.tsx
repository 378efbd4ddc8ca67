import { useTranslation } from 'react-i18next';
import type { SectionContext } from '../context';

export function CriteriaSection(_props: { ctx: SectionContext }) {
  const { t } = useTranslation();
  return <section className="section" data-testid="criteria-library"><h1>{t('criteriaLib.title')}</h1></section>;
}
