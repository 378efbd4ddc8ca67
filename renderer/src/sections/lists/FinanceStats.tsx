// 融资需求 statistics: per bank (its own 授信 / 放款 and results) and per purpose, over the needs shown.
import { useTranslation } from 'react-i18next';
import type { FinanceListT } from '../../../../db/contract';
import type { Lang } from '../../format';
import { PUSH_RESULTS } from './choices';
import { formatAmount } from './listFormat';

export function FinanceStats({ data }: { data: FinanceListT }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const c = (k: 'bank' | 'purpose' | 'needs' | 'amount' | 'credit' | 'loan' | 'results') => t(`lists.finance.statCols.${k}`);
  return (
    <div className="lists-stats">
      <div className="card">
        <h2>{t('lists.finance.byBank')}</h2>
        <table className="lists-table" data-testid="fn-by-bank">
          <thead>
            <tr>
              <th>{c('bank')}</th>
              <th>{c('needs')}</th>
              <th>{c('amount')}</th>
              <th>{c('credit')}</th>
              <th>{c('loan')}</th>
              <th>{c('results')}</th>
            </tr>
          </thead>
          <tbody>
            {data.byBank.map((b) => (
              <tr key={b.bank} data-bank={b.bank}>
                <td>{b.bank}</td>
                <td className="num">{b.needs}</td>
                <td className="num">{formatAmount(b.amount, lang)}</td>
                <td className="num" data-testid="fn-bank-credit">
                  {formatAmount(b.credit, lang)}
                </td>
                <td className="num">{formatAmount(b.loan, lang)}</td>
                <td>{PUSH_RESULTS.filter((r) => b.results[r]).map((r) => `${r} ${b.results[r]}`).join('，') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="card">
        <h2>{t('lists.finance.byPurpose')}</h2>
        <table className="lists-table" data-testid="fn-by-purpose">
          <thead>
            <tr>
              <th>{c('purpose')}</th>
              <th>{c('needs')}</th>
              <th>{c('amount')}</th>
              <th>{c('credit')}</th>
              <th>{c('loan')}</th>
            </tr>
          </thead>
          <tbody>
            {data.byPurpose.map((p) => (
              <tr key={p.purpose} data-purpose={p.purpose}>
                <td>{p.purpose}</td>
                <td className="num">{p.needs}</td>
                <td className="num">{formatAmount(p.amount, lang)}</td>
                <td className="num">{formatAmount(p.credit, lang)}</td>
                <td className="num">{formatAmount(p.loan, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
