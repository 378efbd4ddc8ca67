// 上市后备库: the reserve firms with their dated stages (and 退出 with the reason), the funnel, the letter's
// district totals with their source, adding a firm and recording a stage, the list as a file in and out.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListingFirmT } from '../../../../db/contract';
import { call } from '../../api';
import type { Lang } from '../../format';
import { href } from '../../route';
import { useAsync } from '../../useAsync';
import type { SectionContext } from '../context';
import { MARKETS, RESERVES, STAGES } from './choices';
import { DistrictContext } from './DistrictContext';
import { ChoiceField, fieldValue as field, FilterSelect, FormActions, FormError, TextField, useSubmit } from './FormParts';
import { ImportBox, Outcome, useSaveFile } from './FileBar';
import { ListHistory } from './ListHistory';
import { ListingFunnel } from './ListingFunnel';
import { formatAmount, formatDay, todayIso } from './listFormat';
import './lists.css';

function StageForm({ firm, onDone }: { firm: ListingFirmT; onDone: () => void }) {
  const { t } = useTranslation();
  const { error, submit } = useSubmit(onDone);
  return (
    <form
      className="lists-inline"
      data-testid="ls-stage-form"
      onSubmit={(e) => {
        const f = e.currentTarget;
        void submit(() => call('listing.setStage', { id: firm.id, stage: field(f, 'stage') as Exclude<ListingFirmT['stage'], '入库'>, onDate: field(f, 'onDate'), reason: field(f, 'reason') || null }))(e);
      }}
    >
      <ChoiceField label={t('lists.listing.stage')} name="stage" choices={STAGES.slice(1)} testId="ls-stage" />
      <TextField label={t('lists.listing.stageDate')} name="onDate" type="date" required defaultValue={todayIso()} testId="ls-stage-date" />
      <TextField label={t('lists.listing.reason')} name="reason" testId="ls-stage-reason" />
      <button type="submit" data-testid="ls-stage-save">
        {t('lists.listing.record')}
      </button>
      <FormError error={error} />
    </form>
  );
}

function FirmForm({ firm, onDone, onCancel }: { firm?: ListingFirmT; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { error, submit } = useSubmit(onDone);
  return (
    <form
      className="lists-form card"
      data-testid="ls-form"
      onSubmit={(e) => {
        const f = e.currentTarget;
        void submit(() =>
          call('listing.save', {
            id: firm?.id,
            name: field(f, 'name'),
            creditCode: field(f, 'creditCode') || null,
            reserve: field(f, 'reserve') as ListingFirmT['reserve'],
            enteredOn: field(f, 'enteredOn') || null,
            market: (field(f, 'market') || null) as ListingFirmT['market'],
            intermediaries: field(f, 'intermediaries') || null,
            problems: field(f, 'problems') || null,
            requestId: firm?.requestId ?? null,
          }),
        )(e);
      }}
    >
      <TextField label={t('lists.listing.form.name')} name="name" required defaultValue={firm?.name} />
      <TextField label={t('lists.listing.form.creditCode')} name="creditCode" defaultValue={firm?.creditCode} />
      <ChoiceField label={t('lists.listing.reserve')} name="reserve" choices={RESERVES} defaultValue={firm?.reserve} />
      <TextField label={t('lists.listing.form.enteredOn')} name="enteredOn" type="date" defaultValue={firm?.enteredOn} />
      <ChoiceField label={t('lists.listing.form.market')} name="market" choices={MARKETS} optional defaultValue={firm?.market} />
      <TextField label={t('lists.listing.form.intermediaries')} name="intermediaries" defaultValue={firm?.intermediaries} />
      <TextField label={t('lists.listing.form.problems')} name="problems" defaultValue={firm?.problems} />
      <FormActions saveTestId="ls-save" onCancel={onCancel} error={error} />
    </form>
  );
}

export function ListingSection({ ctx }: { ctx: SectionContext }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [reserve, setReserve] = useState<ListingFirmT['reserve'] | ''>('');
  const [local, setLocal] = useState(0);
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const list = useAsync(() => call('listing.list', { reserve: reserve || undefined }), [reserve, ctx.refresh, local]);
  const files = useSaveFile();
  const changed = () => {
    setAdding(false);
    setEditing(null);
    setOpen(null);
    setLocal((n) => n + 1);
    ctx.onChanged();
  };
  const d = list.data;
  return (
    <section className="section lists-section" data-testid="listing-section">
      <header className="section-head">
        <h1>{t('lists.listing.title')}</h1>
        <span className="muted">{t('lists.listing.intro')}</span>
      </header>
      <div className="lists-toolbar">
        <FilterSelect label={t('lists.listing.reserve')} value={reserve} choices={RESERVES} onChange={(v) => setReserve(v ?? '')} testId="ls-filter-reserve" />
        <span className="spacer" />
        <button type="button" onClick={() => setAdding(true)} data-testid="ls-add">
          {t('lists.listing.add')}
        </button>
      </div>
      {adding && <FirmForm onDone={changed} onCancel={() => setAdding(false)} />}
      {list.error && <p className="error" role="alert">{list.error.message}</p>}
      {d && (
        <div className="lists-stats">
          <ListingFunnel data={d} />
          <DistrictContext context={d.district} testId="ls-context" />
        </div>
      )}
      <div className="card lists-table-card">
        <table className="lists-table" data-testid="ls-table">
          <thead>
            <tr>
              {(['name', 'reserve', 'stage', 'stages', 'market', 'intermediaries', 'problems', 'subsidy', 'source'] as const).map((k) => (
                <th key={k}>{t(`lists.listing.cols.${k}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {d?.firms.map((f) => (
              <FirmRow key={f.id} firm={f} lang={lang} open={open === f.id} editing={editing === f.id} onOpen={(o) => setOpen(o ? f.id : null)} onEdit={(e) => setEditing(e ? f.id : null)} onChanged={changed} />
            ))}
          </tbody>
        </table>
      </div>
      <div className="lists-files card">
        <button type="button" onClick={() => void files.save(() => call('listing.export', { format: 'xlsx', reserve: reserve || undefined }))} data-testid="ls-export-xlsx">
          {t('lists.listing.exportXlsx')}
        </button>
        <button type="button" onClick={() => void files.save(() => call('listing.export', { format: 'csv', reserve: reserve || undefined }))} data-testid="ls-export-csv">
          {t('lists.file.exportCsv')}
        </button>
        <Outcome outcome={files.outcome} testId="ls-export-outcome" />
        <ImportBox method="listing.import" prefix="ls" onChanged={changed} />
      </div>
      {d && <ListHistory history={d.history} />}
    </section>
  );
}

function FirmRow(p: { firm: ListingFirmT; lang: Lang; open: boolean; editing: boolean; onOpen: (o: boolean) => void; onEdit: (e: boolean) => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const f = p.firm;
  return (
    <>
      <tr data-listing={f.id} data-name={f.name}>
        <td>
          {f.firmId != null ? <a href={href('firm', f.firmId)}>{f.name}</a> : f.name}
          <div className="muted">{f.creditCode ?? t('lists.listing.noCode')}</div>
        </td>
        <td>{f.reserve}</td>
        <td data-testid="ls-stage-now">{f.stage}</td>
        <td>
          <ul className="plain">
            {f.stages.map((s) => (
              <li key={s.stage} data-stage={s.stage}>
                {s.stage} · {formatDay(s.onDate, p.lang)}
                {s.reason && <span className="muted">（{s.reason}）</span>}
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => p.onOpen(!p.open)} data-testid="ls-open">
            {t('lists.listing.record')}
          </button>{' '}
          <button type="button" onClick={() => p.onEdit(!p.editing)}>
            {t('lists.finance.edit')}
          </button>
        </td>
        <td>{f.market ?? '—'}</td>
        <td>{f.intermediaries ?? '—'}</td>
        <td>
          {f.problems ?? '—'}
          {f.requestId != null && <div className="muted">{t('lists.listing.requestLink', { id: f.requestId })}</div>}
        </td>
        <td className="num">{formatAmount(f.subsidy, p.lang)}</td>
        <td className="muted" data-testid="ls-source">
          {f.source}
        </td>
      </tr>
      {(p.open || p.editing) && (
        <tr className="fn-detail">
          <td colSpan={9}>
            {p.open && <StageForm firm={f} onDone={p.onChanged} />}
            {p.editing && <FirmForm firm={f} onDone={p.onChanged} onCancel={() => p.onEdit(false)} />}
          </td>
        </tr>
      )}
    </>
  );
}
