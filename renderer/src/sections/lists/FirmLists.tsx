// On 企业详情: what the letter's other lists hold for the firm (by its credit code): its financing needs with
// their banks and results, its place in the 上市后备库, and the rewards and subsidies it received.
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
  const listing = useAsync(() => call('listing.list', { creditCode }), [creditCode, refresh]);
  const paid = useAsync(() => call('payments.list', { creditCode }), [creditCode, refresh]);
  return (
    <div className="firm-top">
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
        {listing.data?.firms.map((f) => (
          <p key={f.id} data-testid="firm-listing">
            <a href={href('listing')}>{t('lists.listing.title')}</a>：{f.reserve} · {f.stage}
            {f.stages.map((s) => ` · ${s.stage} ${formatDay(s.onDate, lang)}`).join('')}
            <span className="muted"> · {t('lists.source', { source: f.source })}</span>
          </p>
        ))}
      </div>
      <div className="card" data-testid="firm-payments">
        <h2>
          <a href={href('payouts')}>{t('lists.payments.firmHeading')}</a>
        </h2>
        {paid.data && !paid.data.rows.length && <p className="muted">{t('lists.payments.firmEmpty')}</p>}
        <ul className="plain">
          {paid.data?.rows.map((p) => (
            <li key={p.id}>
              {p.year} · {p.kind}
              {p.titleCode ? `（${t(`titles.${p.titleCode}`)}）` : ''} · <strong>{formatAmount(p.amount, lang)}</strong>
              {p.document && <span className="muted"> · {p.document}</span>}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
