// The forms of one need: its own fields (add or edit), pushing it to banks, and one bank's 对接结果.
// Amounts are sent as typed (1.2亿, 3500万元, 12,345.6): the service reads them as the figures import does.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { NeedT } from '../../../../db/contract';
import { FINANCE_METHODS, FINANCE_PURPOSES, PUSH_RESULTS } from './choices';
import { call } from '../../api';
import { todayIso } from './listFormat';

type Done = (need: NeedT) => void;

function useSubmit(done: Done) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (work: () => Promise<NeedT>) => async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      done(await work());
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, submit };
}

const value = (form: HTMLFormElement, name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value.trim();

export function NeedForm({ need, firms, onDone, onCancel }: { need?: NeedT; firms: { name: string; creditCode: string }[]; onDone: Done; onCancel: () => void }) {
  const { t } = useTranslation();
  const { error, busy, submit } = useSubmit(onDone);
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
      <label>
        {t('lists.finance.form.project')}
        <input name="project" required defaultValue={need?.project} />
      </label>
      <label>
        {t('lists.finance.form.amount')}
        <input name="amount" required defaultValue={need ? String(need.amount) : ''} />
      </label>
      <label>
        {t('lists.finance.purpose')}
        <select name="purpose" defaultValue={need?.purpose ?? FINANCE_PURPOSES[0]}>
          {FINANCE_PURPOSES.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </label>
      <label>
        {t('lists.finance.method')}
        <select name="method" defaultValue={need?.method ?? FINANCE_METHODS[0]}>
          {FINANCE_METHODS.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </label>
      <label>
        {t('lists.finance.form.term')}
        <input name="term" defaultValue={need?.term ?? ''} />
      </label>
      <label>
        {t('lists.finance.form.mentorBank')}
        <input name="mentorBank" defaultValue={need?.mentorBank ?? ''} />
      </label>
      <label>
        {t('lists.finance.form.mentorSince')}
        <input name="mentorSince" type="date" defaultValue={need?.mentorSince ?? ''} />
      </label>
      <div className="lists-form-actions">
        <button type="submit" disabled={busy} data-testid="fn-save">
          {t('lists.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('lists.cancel')}
        </button>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
    </form>
  );
}

export function PushForm({ need, onDone }: { need: NeedT; onDone: Done }) {
  const { t } = useTranslation();
  const { error, busy, submit } = useSubmit(onDone);
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
      <label>
        {t('lists.finance.pushBanks')}
        <input name="banks" required data-testid="fn-push-banks" />
      </label>
      <label>
        {t('lists.finance.pushedOn')}
        <input name="pushedOn" type="date" required defaultValue={todayIso()} data-testid="fn-push-date" />
      </label>
      <button type="submit" disabled={busy} data-testid="fn-push-save">
        {t('lists.finance.push')}
      </button>
      {error && <p className="error" role="alert">{error}</p>}
    </form>
  );
}

export function ResultForm({ need, onDone }: { need: NeedT; onDone: Done }) {
  const { t } = useTranslation();
  const { error, busy, submit } = useSubmit(onDone);
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
      <label>
        {t('lists.finance.result')}
        <select name="result" defaultValue={push?.result} data-testid="fn-result-value">
          {PUSH_RESULTS.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <label>
        {t('lists.finance.credit')}
        <input name="credit" defaultValue={push?.credit ?? ''} data-testid="fn-result-credit" />
      </label>
      <label>
        {t('lists.finance.loan')}
        <input name="loan" defaultValue={push?.loan ?? ''} data-testid="fn-result-loan" />
      </label>
      <label>
        {t('lists.finance.reason')}
        <input name="reason" defaultValue={push?.reason ?? ''} data-testid="fn-result-reason" />
      </label>
      <button type="submit" disabled={busy} data-testid="fn-result-save">
        {t('lists.finance.setResult')}
      </button>
      {error && <p className="error" role="alert">{error}</p>}
    </form>
  );
}
