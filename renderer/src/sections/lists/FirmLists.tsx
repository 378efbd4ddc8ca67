// On 企业详情: the firm's financing needs (by its credit code), each with its banks and results.
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import type { Lang } from '../../format';
import { href } from '../../route';
import { useAsync } from '../../useAsync';
import { formatAmount, formatDay } from './listFormat';

export function FirmLists({ creditCode, refresh }: { creditCode: string; refresh: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const needs = useAsync(() => call('finance.list', { creditCode }), [creditCode, refresh]);
  return (
    <div className="card" data-testid="firm-finance">
      <h2>
        <a href={href('finance')}>{t('lists.finance.firmHeading')}</a>
      </h2>
      {needs.data && !needs.data.needs.length && <p className="muted">{t('lists.finance.firmEmpty')}</p>}
      <ul className="plain">
        {needs.data?.needs.map((n) => (
          <li key={n.id} data-need={n.id}>
            <strong>{n.project}</strong> {formatAmount(n.amount, lang)} · {n.purpose} · {n.method} · {n.status}
            {n.pushes.map((p) => (
              <span key={p.bank} className="muted">
                {' '}
                · {p.bank}（{formatDay(p.pushedOn, lang)}）{p.result}
                {p.credit != null ? ` ${formatAmount(p.credit, lang)}` : ''}
              </span>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}
