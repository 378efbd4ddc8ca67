// The forms of one need: its own fields (add or edit), pushing it to banks, and one bank's 对接结果.
// Amounts are sent as typed (1.2亿, 3500万元, 12,345.6): the service reads them as the figures import does.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NeedT } from '../../../../db/contract';
import { FINANCE_METHODS, FINANCE_PURPOSES, PUSH_RESULTS } from './choices';
import { call } from '../../api';
import { ChoiceField, fieldValue as value, FormActions, FormError, TextField, useSubmit } from './FormParts';
import { todayIso } from './listFormat';

type Done = (need: NeedT) => void;



export function NeedForm({ need, firms, onDone, onCancel }: { need?: NeedT; firms: { name: string; creditCode: string }[]; onDone: Done; onCancel: () => void }) {
  const { t } = useTranslation();
  const { error, busy, submit } = useSubmit<NeedT>(onDone);
  const [name, setName] = useState(need?.name ?? '');
  const [code, setCode] = useState(need?.creditCode ?? '');
  return (
    <form
      className="lists-form card"
      data-testid="fn-form"
      onSubmit={(e) => {
        const f = e.currentTarget;
        void submit(() =>
          call('finance.save', {
            id: need?.id,
            creditCode: code,
            name,
            project: value(f, 'project'),
            amount: value(f, 'amount'),
            purpose: value(f, 'purpose') as NeedT['purpose'],
            method: value(f, 'method') as NeedT['method'],
            term: value(f, 'term') || null,
            mentorBank: value(f, 'mentorBank') || null,
            mentorSince: value(f, 'mentorSince') || null,
          }),
        )(e);
      }}
    >
      <label>
        {t('lists.finance.form.name')}
        <input
          name="name"
          list="fn-firms"
          required
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            const known = firms.find((x) => x.name === e.target.value);
            if (known) setCode(known.creditCode);
          }}
        />
        <datalist id="fn-firms">
          {firms.map((x) => (
            <option key={x.creditCode} value={x.name} />
          ))}
        </datalist>
      </label>
      <label>
        {t('lists.finance.form.creditCode')}
        <input name="creditCode" required value={code} onChange={(e) => setCode(e.target.value)} />
      </label>
      <TextField label={t('lists.finance.form.project')} name="project" required defaultValue={need?.project} />
      <TextField label={t('lists.finance.form.amount')} name="amount" required defaultValue={need ? String(need.amount) : ''} />
      <ChoiceField label={t('lists.finance.purpose')} name="purpose" choices={FINANCE_PURPOSES} defaultValue={need?.purpose} />
      <ChoiceField label={t('lists.finance.method')} name="method" choices={FINANCE_METHODS} defaultValue={need?.method} />
      <TextField label={t('lists.finance.form.term')} name="term" defaultValue={need?.term} />
      <TextField label={t('lists.finance.form.mentorBank')} name="mentorBank" defaultValue={need?.mentorBank} />
      <TextField label={t('lists.finance.form.mentorSince')} name="mentorSince" type="date" defaultValue={need?.mentorSince} />
      <FormActions saveTestId="fn-save" busy={busy} onCancel={onCancel} error={error} />
    </form>
  );
}

export function PushForm({ need, onDone }: { need: NeedT; onDone: Done }) {
  const { t } = useTranslation();
  const { error, busy, submit } = useSubmit<NeedT>(onDone);
  return (
    <form
      className="lists-inline"
      data-testid="fn-push-form"
      onSubmit={(e) => {
        const f = e.currentTarget;
        const banks = value(f, 'banks')
          .split(/[、,，;；\s]+/)
          .filter(Boolean);
        void submit(async () => {
          const pushed = await call('finance.push', { needId: need.id, banks, pushedOn: value(f, 'pushedOn') });
          (f.elements.namedItem('banks') as HTMLInputElement).value = '';
          return pushed;
        })(e);
      }}
    >
      <TextField label={t('lists.finance.pushBanks')} name="banks" required testId="fn-push-banks" />
      <TextField label={t('lists.finance.pushedOn')} name="pushedOn" type="date" required defaultValue={todayIso()} testId="fn-push-date" />
      <button type="submit" disabled={busy} data-testid="fn-push-save">
        {t('lists.finance.push')}
      </button>
      <FormError error={error} />
    </form>
  );
}

export function ResultForm({ need, onDone }: { need: NeedT; onDone: Done }) {
  const { t } = useTranslation();
  const { error, busy, submit } = useSubmit<NeedT>(onDone);
  const [bank, setBank] = useState(need.pushes[0]?.bank ?? '');
  const push = need.pushes.find((p) => p.bank === bank);
  if (!need.pushes.length) return null;
  return (
    <form
      className="lists-inline"
      key={bank}
      data-testid="fn-result-form"
      onSubmit={(e) => {
        const f = e.currentTarget;
        void submit(() =>
          call('finance.setResult', {
            needId: need.id,
            bank,
            result: value(f, 'result') as NeedT['pushes'][number]['result'],
            reason: value(f, 'reason') || null,
            credit: value(f, 'credit') || null,
            loan: value(f, 'loan') || null,
          }),
        )(e);
      }}
    >
      <label>
        {t('lists.finance.bank')}
        <select value={bank} onChange={(e) => setBank(e.target.value)} data-testid="fn-result-bank">
          {need.pushes.map((p) => (
            <option key={p.bank}>{p.bank}</option>
          ))}
        </select>
      </label>
      <ChoiceField label={t('lists.finance.result')} name="result" choices={PUSH_RESULTS} defaultValue={push?.result} testId="fn-result-value" />
      <TextField label={t('lists.finance.credit')} name="credit" defaultValue={push?.credit} testId="fn-result-credit" />
      <TextField label={t('lists.finance.loan')} name="loan" defaultValue={push?.loan} testId="fn-result-loan" />
      <TextField label={t('lists.finance.reason')} name="reason" defaultValue={push?.reason} testId="fn-result-reason" />
      <button type="submit" disabled={busy} data-testid="fn-result-save">
        {t('lists.finance.setResult')}
      </button>
      <FormError error={error} />
    </form>
  );
}
