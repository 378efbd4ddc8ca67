// 融资需求名单: the needs with filters and totals, each need's banks and results, statistics per bank and per
// purpose, the 名单 as the bank receives it (all banks or one), imports with a check first, and the changes.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput, NeedT } from '../../../../db/contract';
import { call } from '../../api';
import type { Lang } from '../../format';
import { href } from '../../route';
import { useAsync } from '../../useAsync';
import type { SectionContext } from '../context';
import { FINANCE_PURPOSES, NEED_STATUSES } from './choices';
import { ImportBox, Outcome, useSaveFile } from './FileBar';
import { ListHistory } from './ListHistory';
import { FilterSelect } from './FormParts';
import { formatAmount, formatDay } from './listFormat';
import { NeedForm, PushForm, ResultForm } from './NeedForms';
import { FinanceStats } from './FinanceStats';
import './lists.css';

type Filters = Omit<MethodInput<'finance.list'>, 'creditCode'>;

function NeedRow({ need, open, onOpen, onChanged }: { need: NeedT; open: boolean; onOpen: (id: number | null) => void; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [editing, setEditing] = useState(false);
  const done = () => {
    setEditing(false);
    onChanged();
  };
  return (
    <>
      <tr data-need={need.id} data-testid={`fn-need-${need.id}`}>
        <td>{need.firmId != null ? <a href={href('firm', need.firmId)}>{need.name}</a> : need.name}</td>
        <td>{need.project}</td>
        <td className="num" data-testid="fn-amount">
          {formatAmount(need.amount, lang)}
        </td>
        <td>{need.purpose}</td>
        <td>{need.method}</td>
        <td>{need.term ?? '—'}</td>
        <td>
          <ul className="plain fn-pushes">
            {need.pushes.map((p) => (
              <li key={p.bank} data-bank={p.bank}>
                {t('lists.finance.pushed', { bank: p.bank, date: formatDay(p.pushedOn, lang) })}：<span className={`fn-result fn-${p.result}`}>{p.result}</span>
                {p.credit != null && ` · ${t('lists.finance.cols.credit')} ${formatAmount(p.credit, lang)}`}
                {p.loan != null && ` · ${t('lists.finance.cols.loan')} ${formatAmount(p.loan, lang)}`}
                {p.reason && <span className="muted"> · {p.reason}</span>}
              </li>
            ))}
          </ul>
        </td>
        <td data-testid="fn-status">{need.status}</td>
        <td className="num">{formatAmount(need.credit, lang)}</td>
        <td className="num">{formatAmount(need.loan, lang)}</td>
        <td>{need.mentorBank ? t('lists.finance.mentorLine', { bank: need.mentorBank, date: formatDay(need.mentorSince, lang) }) : '—'}</td>
        <td>
          <button type="button" onClick={() => onOpen(open ? null : need.id)} data-testid="fn-open">
            {t('lists.finance.push')} / {t('lists.finance.result')}
          </button>
        </td>
      </tr>
      {open && (
        <tr className="fn-detail">
          <td colSpan={12}>
            <p className="muted">{t('lists.source', { source: need.source })}</p>
            <PushForm need={need} onDone={onChanged} />
            <ResultForm need={need} onDone={onChanged} />
            {editing ? (
              <NeedForm need={need} firms={[]} onDone={done} onCancel={() => setEditing(false)} />
            ) : (
              <p>
                <button type="button" onClick={() => setEditing(true)}>
                  {t('lists.finance.edit')}
                </button>{' '}
                <button
                  type="button"
                  onClick={() => {
                    if (window.confirm(t('lists.finance.confirmDelete', { project: need.project }))) void call('finance.delete', { id: need.id }).then(onChanged);
                  }}
                >
                  {t('lists.delete')}
                </button>
              </p>
            )}
          </td>
        </tr>
      )}
    </>
  );
}

export function FinanceSection({ ctx }: { ctx: SectionContext }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [filters, setFilters] = useState<Filters>({});
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const [local, setLocal] = useState(0);
  const list = useAsync(() => call('finance.list', filters), [filters, ctx.refresh, local]);
  const firms = useAsync(() => call('pool.list', { year: ctx.poolYear, limit: 500 }), [ctx.poolYear, ctx.refresh]);
  const files = useSaveFile();
  const [bank, setBank] = useState('');
  const changed = () => {
    setLocal((n) => n + 1);
    ctx.onChanged();
  };
  const set = (patch: Filters) => setFilters((f) => ({ ...f, ...patch }));
  const d = list.data;
  const tot = d?.totals;
  return (
    <section className="section lists-section" data-testid="finance-section">
      <header className="section-head">
        <h1>{t('lists.finance.title')}</h1>
        <span className="muted">{t('lists.finance.intro')}</span>
      </header>
      <div className="lists-toolbar">
        <input type="search" placeholder={t('lists.finance.search')} onChange={(e) => set({ search: e.target.value || undefined })} data-testid="fn-search" />
        <FilterSelect label={t('lists.finance.bank')} value={filters.bank} choices={d?.banks ?? []} onChange={(bank) => set({ bank })} testId="fn-filter-bank" />
        <FilterSelect label={t('lists.finance.purpose')} value={filters.purpose} choices={FINANCE_PURPOSES} onChange={(purpose) => set({ purpose })} testId="fn-filter-purpose" />
        <FilterSelect label={t('lists.finance.status')} value={filters.status} choices={NEED_STATUSES} onChange={(status) => set({ status })} testId="fn-filter-status" />
        <span className="spacer" />
        <button type="button" onClick={() => setAdding(true)} data-testid="fn-add">
          {t('lists.finance.add')}
        </button>
      </div>
      {adding && (
        <NeedForm
          firms={(firms.data?.rows ?? []).map((r) => ({ name: r.name, creditCode: r.creditCode }))}
          onDone={() => {
            setAdding(false);
            changed();
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      {list.error && <p className="error" role="alert">{list.error.message}</p>}
      {tot && (
        <p className="lists-totals" data-testid="fn-totals">
          {t('lists.finance.totals', { needs: tot.needs, amount: formatAmount(tot.amount, lang), credit: formatAmount(tot.credit, lang), loan: formatAmount(tot.loan, lang) })}
        </p>
      )}
      <div className="card lists-table-card">
        <table className="lists-table" data-testid="fn-table">
          <thead>
            <tr>
              {(['name', 'project', 'amount', 'purpose', 'method', 'term', 'banks', 'status', 'credit', 'loan', 'mentor', 'actions'] as const).map((k) => (
                <th key={k}>{t(`lists.finance.cols.${k}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {d?.needs.map((n) => <NeedRow key={n.id} need={n} open={open === n.id} onOpen={setOpen} onChanged={changed} />)}
            {d && !d.needs.length && (
              <tr>
                <td colSpan={12} className="muted">
                  {t('lists.none')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <div className="lists-files card">
        <button type="button" onClick={() => void files.save(() => call('finance.export', { format: 'xlsx' }))} data-testid="fn-export-xlsx">
          {t('lists.file.exportXlsx')}
        </button>
        <button type="button" onClick={() => void files.save(() => call('finance.export', { format: 'csv' }))} data-testid="fn-export-csv">
          {t('lists.file.exportCsv')}
        </button>
        <select value={bank} onChange={(e) => setBank(e.target.value)} data-testid="fn-export-bank" aria-label={t('lists.finance.bank')}>
          <option value="">{t('lists.finance.bank')}</option>
          {d?.banks.map((b) => (
            <option key={b}>{b}</option>
          ))}
        </select>
        <button type="button" disabled={!bank} onClick={() => void files.save(() => call('finance.export', { format: 'xlsx', bank }))} data-testid="fn-export-bank-xlsx">
          {t('lists.finance.exportBank')}
        </button>
        <Outcome outcome={files.outcome} testId="fn-export-outcome" />
        <ImportBox method="finance.import" prefix="fn" onChanged={changed} />
      </div>
      {d && <FinanceStats data={d} />}
      {d && <ListHistory history={d.history} testId="fn-history" />}
    </section>
  );
}
