// One shortlist: its name and 填报单位, exports and report, the ordered firms, the picker that adds firms,
// its history, and deletion confirmed on the page (Electron has no window.confirm).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CriteriaSetInfoT, ShortlistDetailT } from '../../../../db/contract';
import { call } from '../../api';
import { formatDateTime, type Lang } from '../../format';
import { navigate } from '../../route';
import type { SectionContext } from '../context';
import { AddFirm } from './AddFirm';
import { EntriesTable } from './EntriesTable';
import { ExportBar } from './ExportBar';
import { setName, statusCounts } from './model';
import { ShortlistHistory } from './ShortlistHistory';
import { useShortlist } from './useShortlist';

function Heading({ detail, busy, onSave }: { detail: ShortlistDetailT; busy: boolean; onSave: (name: string, unit: string | null) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [name, setName] = useState(detail.name);
  const [unit, setUnit] = useState(detail.fillingUnit ?? '');
  const [saved, setSaved] = useState(false);
  const dirty = name.trim() !== detail.name || (unit.trim() || null) !== detail.fillingUnit;
  return (
    <form
      className="sl-heading"
      onSubmit={async (e) => {
        e.preventDefault();
        setSaved(await onSave(name.trim(), unit.trim() || null));
      }}
    >
      <label className="sl-field sl-name">
        {t('shortlist.detail.name')}
        <input value={name} onChange={(e) => { setName(e.target.value); setSaved(false); }} maxLength={100} required data-testid="sl-name" />
      </label>
      <label className="sl-field sl-unit">
        {t('shortlist.detail.unit')}
        <input value={unit} onChange={(e) => { setUnit(e.target.value); setSaved(false); }} maxLength={100} data-testid="sl-unit" />
      </label>
      <button type="submit" disabled={busy || !dirty || !name.trim()} data-testid="sl-save-heading">
        {t('shortlist.detail.save')}
      </button>
      {saved && !dirty && (
        <span role="status" className="status-line">
          {t('shortlist.detail.saved')}
        </span>
      )}
    </form>
  );
}

function DeleteShortlist({ detail, onDeleted }: { detail: ShortlistDetailT; onDeleted: () => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    try {
      await call('shortlist.delete', { id: detail.id });
      onDeleted();
    } catch (e) {
      setError(t('shortlist.failed', { message: (e as Error).message }));
    }
  };
  if (!asking)
    return (
      <button type="button" className="sl-danger" onClick={() => setAsking(true)} data-testid="sl-delete">
        {t('shortlist.deleteList.button')}
      </button>
    );
  return (
    <div className="sl-confirm" role="alertdialog" aria-label={t('shortlist.deleteList.button')} data-testid="sl-delete-confirm">
      <span>{t('shortlist.deleteList.confirm', { name: detail.name })}</span>
      <button type="button" className="sl-danger is-solid" onClick={() => void remove()}>
        {t('shortlist.deleteList.yes')}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        {t('shortlist.deleteList.no')}
      </button>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

interface Props {
  id: number;
  ctx: SectionContext;
  sets: CriteriaSetInfoT[];
  onDeleted: (id: number) => void;
}

export function ShortlistDetail({ id, ctx, sets, onDeleted }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { detail, error, busy, write } = useShortlist(id, ctx.refresh, ctx.onChanged);

  if (!detail)
    return error ? (
      <p className="error card" role="alert">
        {error.message}
      </p>
    ) : (
      <p className="muted card">{t('shortlist.detail.loading')}</p>
    );

  const set = sets.find((s) => s.id === detail.setId);
  const counts = statusCounts(detail.entries);
  return (
    <div className="sl-detail" data-testid="sl-detail" data-shortlist={detail.id}>
      <div className="card">
        <Heading key={`${detail.name}|${detail.fillingUnit}`} detail={detail} busy={busy} onSave={(name, fillingUnit) => write('shortlist.update', { id: detail.id, name, fillingUnit })} />
        <p className="muted small sl-meta">
          {t('shortlist.detail.meta', { pool: detail.poolYear, set: setName(set, lang, detail.setId), year: detail.dataYear ?? t('shortlist.create.latestYear') })} ·{' '}
          {t('shortlist.detail.createdBy', { actor: detail.createdBy, at: formatDateTime(detail.createdAt, lang) })}
        </p>
        <div className="sl-toolbar">
          <ExportBar id={detail.id} />
          <button type="button" onClick={() => navigate('report', detail.id)} data-testid="sl-print">
            {t('shortlist.print')}
          </button>
          <span className="spacer" />
          <DeleteShortlist detail={detail} onDeleted={() => onDeleted(detail.id)} />
        </div>
      </div>
      {error && (
        <p className="error" role="alert">
          {t('shortlist.failed', { message: error.message })}
        </p>
      )}
      <div className="card">
        <div className="card-head">
          <h2>{t('shortlist.detail.firms')}</h2>
          <span className="muted small" data-testid="sl-counts">
            {t('shortlist.detail.counts', { total: detail.entries.length, ...counts })}
          </span>
        </div>
        <EntriesTable detail={detail} busy={busy} write={write} />
      </div>
      <AddFirm detail={detail} ctx={ctx} busy={busy} onAdd={(firmId) => write('shortlist.addFirm', { id: detail.id, firmId })} />
      <ShortlistHistory history={detail.history} />
    </div>
  );
}
