// On 总览's reward card: the first-recognition rewards paid (from the 奖补 ledger) beside those budgeted,
// per title, and the other payments recorded.
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../db/contract';
import { call } from '../../api';
import type { Lang } from '../../format';
import { href } from '../../route';
import { useAsync } from '../../useAsync';
import { formatAmount } from './listFormat';

type Rows = MethodOutput<'overview.get'>['rewards']['rows'];

export function PaidRewards({ rows }: { rows: Rows }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const paid = useAsync(() => call('payments.list', {}), []);
  const d = paid.data;
  if (!d) return null;
  const other = d.byKind.filter((k) => k.kind !== '首次认定奖励');
  return (
    <div className="ov-paid" data-testid="ov-paid">
      <h3>
        <a href={href('payouts')}>{t('lists.payments.paidHeading')}</a>
      </h3>
      <table className="ov-table">
        <thead>
          <tr>
            <th>{t('lists.payments.paidTitle')}</th>
            <th className="num">{t('lists.payments.paidBudget')}</th>
            <th className="num">{t('lists.payments.paidPaid')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const p = d.byTitle.find((x) => x.code === r.code);
            return (
              <tr key={r.code} data-code={r.code}>
                <th scope="row">{t(`titles.${r.code}`)}</th>
                <td className="num">{r.total ? formatAmount(r.total, lang) : '—'}</td>
                <td className="num" data-testid={`ov-paid-${r.code}`}>
                  {p ? t('lists.payments.paidCell', { amount: formatAmount(p.amount, lang), firms: p.firms }) : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="ov-source">{other.length ? t('lists.payments.paidOther', { items: other.map((k) => `${k.kind} ${formatAmount(k.amount, lang)}`).join('；') }) : d.rows.length ? '' : t('lists.payments.paidNone')}</p>
    </div>
  );
}
