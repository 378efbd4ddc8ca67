// The letter's district totals beside a list, with their source: context, not counted from the list.
import { useTranslation } from 'react-i18next';
import type { DistrictContextT } from '../../../../db/contract';
import type { Lang } from '../../format';
import { formatAmount } from './listFormat';

export function DistrictContext({ context, testId }: { context: DistrictContextT; testId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return (
    <div className="card lists-context" data-testid={testId}>
      <h2>{t('lists.listing.context', { source: context.source })}</h2>
      <ul className="plain">
        {context.items.map((i) => (
          <li key={i.key} data-key={i.key}>
            {t('lists.listing.contextItem', { label: i.label, value: i.unit === 'wan' ? formatAmount(i.value, lang) : t('lists.listing.firms', { value: i.value }) })}
          </li>
        ))}
      </ul>
    </div>
  );
}
