// 奖补兑现: the ledger of rewards and subsidies paid (exact 万元), totals by kind, the letter's district totals
// with their source, recording a payment, the ledger as a file in and out.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaymentT } from '../../../../db/contract';
import { call } from '../../api';
import type { Lang } from '../../format';
import { href } from '../../route';
import { useAsync } from '../../useAsync';
import type { SectionContext } from '../context';
import { PAYMENT_KINDS, REWARD_TITLES } from './choices';
import { DistrictContext } from './DistrictContext';
import { ChoiceField, fieldValue as field, FormActions, TextField, useSubmit } from './FormParts';
import { ImportBox, Outcome, useSaveFile } from './FileBar';
import { formatAmount } from './listFormat';
import './lists.css';

function PaymentForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { error, submit } = useSubmit(onDone);
  return (
    <form
      className="lists-form card"
      data-testid="py-form"
      onSubmit={(e) => {
        const f = e.currentTarget;
        void submit(() => call('payments.save', {
          name: field(f, 'name'),
          creditCode: field(f, 'creditCode'),
          kind: field(f, 'kind') as PaymentT['kind'],
          titleCode: (field(f, 'titleCode') || null) as PaymentT['titleCode'],
          year: Number(field(f, 'year')),
          amount: field(f, 'amount'),
          document: field(f, 'document') || null,
        }))(e);
      }}
    >
      <TextField label={t('lists.payments.form.name')} name="name" required />
      <TextField label={t('lists.payments.form.creditCode')} name="creditCode" required />
      <ChoiceField label={t('lists.payments.form.kind')} name="kind" choices={PAYMENT_KINDS} />
      <ChoiceField label={t('lists.payments.form.title')} name="titleCode" choices={REWARD_TITLES} optional text={(c) => t(`titles.${c}`)} />
      <TextField label={t('lists.payments.form.year')} name="year" type="number" required defaultValue={new Date().getFullYear()} />
      <TextField label={t('lists.payments.form.amount')} name="amount" required />
      <TextField label={t('lists.payments.form.document')} name="document" />
      <FormActions saveTestId="py-save" onCancel={onCancel} error={error} />
    </form>
  );
}

export function PayoutsSection({ ctx }: { ctx: SectionContext }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [local, setLocal] = useState(0);
  const [adding, setAdding] = useState(false);
  const list = useAsync(() => call('payments.list', {}), [ctx.refresh, local]);
  const files = useSaveFile();
  const changed = () => {
    setAdding(false);
    setLocal((n) => n + 1);
    ctx.onChanged();
  };
  const d = list.data;
  return (
    <section className="section lists-section" data-testid="payouts-section">
      <header className="section-head">
        <h1>{t('lists.payments.title')}</h1>
        <span className="muted">{t('lists.payments.intro')}</span>
        <span className="spacer" />
        <button type="button" onClick={() => setAdding(true)} data-testid="py-add">
          {t('lists.payments.add')}
        </button>
      </header>
      {adding && <PaymentForm onDone={changed} onCancel={() => setAdding(false)} />}
      {list.error && <p className="error" role="alert">{list.error.message}</p>}
      {d && (
        <div className="lists-stats">
          <div className="card" data-testid="py-totals">
            <p className="lists-totals">{t('lists.payments.total', { count: d.rows.length, amount: formatAmount(d.total, lang) })}</p>
            <ul className="plain">
              {d.byKind.map((k) => (
                <li key={k.kind}>{t('lists.payments.byKind', { kind: k.kind, firms: k.firms, amount: formatAmount(k.amount, lang) })}</li>
              ))}
            </ul>
          </div>
          <DistrictContext context={d.district} testId="py-context" />
        </div>
      )}
      <div className="card lists-table-card">
        <table className="lists-table" data-testid="py-table">
          <thead>
            <tr>
              {(['name', 'kind', 'title', 'year', 'amount', 'document', 'source'] as const).map((k) => (
                <th key={k}>{t(`lists.payments.cols.${k}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {d?.rows.map((p) => (
              <tr key={p.id} data-payment={p.id}>
                <td>{p.firmId != null ? <a href={href('firm', p.firmId)}>{p.name}</a> : p.name}</td>
                <td>{p.kind}</td>
                <td>{p.titleCode ? t(`titles.${p.titleCode}`) : '—'}</td>
                <td>{p.year}</td>
                <td className="num" data-testid="py-amount">
                  {formatAmount(p.amount, lang)}
                </td>
                <td>{p.document ?? '—'}</td>
                <td className="muted">{p.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="lists-files card">
        <button type="button" onClick={() => void files.save(() => call('payments.export', { format: 'xlsx' }))} data-testid="py-export-xlsx">
          {t('lists.payments.exportXlsx')}
        </button>
        <Outcome outcome={files.outcome} testId="py-export-outcome" />
        <ImportBox method="payments.import" prefix="py" onChanged={changed} />
      </div>
    </section>
  );
}
