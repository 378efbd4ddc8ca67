// 新建推荐名单: name and 填报单位, then the proposal (eligible first, then the closest by projection) with a
// checkbox per firm; the ticked firms become the shortlist, in the proposal's order.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CriteriaSetInfoT } from '../../../../db/contract';
import { call } from '../../api';
import type { Lang } from '../../format';
import { useAsync } from '../../useAsync';
import type { SectionContext } from '../context';
import { applicationYear, freeName, outlookText, setName } from './model';

interface Props {
  ctx: SectionContext;
  set: CriteriaSetInfoT | undefined;
  /** Names already used (a shortlist's name is unique). */
  taken: string[];
  onCancel: () => void;
  onCreated: (id: number) => void;
}

export function CreateShortlist({ ctx, set, taken, onCancel, onCreated }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [name, setNameText] = useState<string | null>(null);
  const [unit, setUnit] = useState<string | null>(null);
  const [unchecked, setUnchecked] = useState<ReadonlySet<number>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const proposal = useAsync(
    () => call('shortlist.propose', { year: ctx.poolYear, setId: ctx.setId, dataYear: ctx.dataYear ?? undefined, limit: 50 }),
    [ctx.poolYear, ctx.setId, ctx.dataYear, ctx.refresh],
  );

  const title = setName(set, lang, ctx.setId);
  const defaultName = freeName(t('shortlist.create.defaultName', { year: applicationYear(ctx.dataYear, ctx.poolYear), set: title }), taken);
  const shownName = name ?? defaultName;
  const shownUnit = unit ?? t('shortlist.create.defaultUnit');
  const rows = proposal.data ?? [];
  const picked = rows.filter((r) => !unchecked.has(r.firmId)).map((r) => r.firmId);
  const nameTaken = taken.includes(shownName.trim());

  const toggle = (firmId: number, on: boolean) =>
    setUnchecked((old) => {
      const next = new Set(old);
      if (on) next.delete(firmId);
      else next.add(firmId);
      return next;
    });

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const detail = await call('shortlist.create', {
        name: shownName.trim(),
        year: ctx.poolYear,
        setId: ctx.setId,
        dataYear: ctx.dataYear ?? undefined,
        fillingUnit: shownUnit.trim() || undefined,
        firmIds: picked,
      });
      onCreated(detail.id);
    } catch (e) {
      setError(t('shortlist.failed', { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="card sl-create"
      data-testid="sl-create"
      aria-label={t('shortlist.create.heading')}
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
    >
      <h2>{t('shortlist.create.heading')}</h2>
      <label className="sl-field">
        {t('shortlist.create.name')}
        <input value={shownName} onChange={(e) => setNameText(e.target.value)} maxLength={100} required data-testid="sl-create-name" aria-invalid={nameTaken || undefined} />
      </label>
      {nameTaken && <span className="error small">{t('shortlist.create.nameTaken')}</span>}
      <label className="sl-field">
        {t('shortlist.create.unit')}
        <input value={shownUnit} onChange={(e) => setUnit(e.target.value)} maxLength={100} data-testid="sl-create-unit" />
      </label>
      <p className="muted small">{t('shortlist.create.basis', { set: title, year: ctx.dataYear ?? t('shortlist.create.latestYear') })}</p>
      <p className="hint muted">{t('shortlist.create.hint')}</p>
      {proposal.error && (
        <p className="error" role="alert">
          {proposal.error.message}
        </p>
      )}
      {proposal.loading && !proposal.data && <p className="muted">{t('shortlist.create.proposing')}</p>}
      {proposal.data && rows.length === 0 && <p className="muted">{t('shortlist.create.none')}</p>}
      {rows.length > 0 && (
        <>
          <div className="sl-check-all">
            <button type="button" className="link-button" onClick={() => setUnchecked(new Set())}>
              {t('shortlist.create.all')}
            </button>
            <button type="button" className="link-button" onClick={() => setUnchecked(new Set(rows.map((r) => r.firmId)))}>
              {t('shortlist.create.clear')}
            </button>
          </div>
          <ol className="sl-proposal" data-testid="sl-proposal">
            {rows.map((r) => (
              <li key={r.firmId} data-firm={r.name}>
                <label>
                  <input type="checkbox" checked={!unchecked.has(r.firmId)} onChange={(e) => toggle(r.firmId, e.target.checked)} />
                  <span className="sl-proposal-name">{r.name}</span>
                  {r.verdict && <span className={`verdict verdict-${r.verdict}`}>{t(`verdicts.${r.verdict}`)}</span>}
                  <span className="sl-outlook">{outlookText(r.verdict, r.projection, t)}</span>
                </label>
              </li>
            ))}
          </ol>
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="sl-actions">
        <button type="submit" className="primary" disabled={busy || !proposal.data || !shownName.trim() || nameTaken} data-testid="sl-create-submit">
          {t('shortlist.create.submit', { count: picked.length })}
        </button>
        <button type="button" onClick={onCancel}>
          {t('shortlist.create.cancel')}
        </button>
      </div>
    </form>
  );
}
