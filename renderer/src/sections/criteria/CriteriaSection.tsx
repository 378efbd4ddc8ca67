// 标准库: every criteria set the app evaluates, readable as the policy reads, with the analyst's switches
// for unconfirmed criteria. The set chosen in the top bar opens first.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CriteriaSetInfoT } from '../../../../db/contract';
import { ApiError, call } from '../../api';
import type { Lang } from '../../format';
import { useAsync } from '../../useAsync';
import type { SectionContext } from '../context';
import { ConfidenceLegend, ConfidenceTag } from './Confidence';
import { CompareSets } from './CompareSets';
import { ImportSet } from './ImportSet';
import { SetDetail } from './SetDetail';
import './criteria.css';

function SetList({ sets, selected, inUse, onSelect }: { sets: CriteriaSetInfoT[]; selected: string; inUse: string; onSelect: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return (
    <nav className="cl-sets" aria-label={t('criteriaLib.sets')}>
      <h2>
        {t('criteriaLib.sets')} <span className="count">{t('criteriaLib.setCount', { count: sets.length })}</span>
      </h2>
      <ul data-testid="criteria-sets">
        {sets.map((s) => {
          const doubtful = s.criteria.filter((c) => c.confidence === 'unconfirmed').length;
          return (
            <li key={s.id}>
              <button type="button" className={s.id === selected ? 'cl-set is-selected' : 'cl-set'} aria-current={s.id === selected ? 'true' : undefined} onClick={() => onSelect(s.id)} data-set={s.id}>
                <span className="cl-set-title">{lang === 'en' ? s.title.en : s.title.zh}</span>
                <span className="cl-set-tags">
                  <span className={`cl-level cl-level-${s.level}`}>{t(`levels.${s.level}`)}</span>
                  <ConfidenceTag value={s.confidence} />
                  {s.id === inUse && <span className="cl-inuse">{t('criteriaLib.inUse')}</span>}
                </span>
                <span className="cl-set-doc">{s.document.name}</span>
                <span className="cl-set-doc">{[s.document.number, s.document.date].filter(Boolean).join(' · ')}</span>
                {s.notice && <span className="cl-set-notice">{lang === 'en' ? s.notice.en : s.notice.zh}</span>}
                {s.origin === 'imported' && <span className="cl-set-added">{t('criteriaLib.importedTag', { version: s.version })}</span>}
                <span className="cl-set-count">
                  {doubtful > 0 ? t('criteriaLib.criteriaCountDoubtful', { count: s.criteria.length, doubtful }) : t('criteriaLib.criteriaCount', { count: s.criteria.length })}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

export function CriteriaSection({ ctx }: { ctx: SectionContext }) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const list = useAsync(() => call('criteria.list', { poolYear: ctx.poolYear }), [ctx.refresh, version, ctx.poolYear]);
  const [view, setView] = useState<'sets' | 'import' | 'compare'>('sets');
  // A pick made here holds until the top bar chooses another set.
  const [pick, setPick] = useState<{ id: string; base: string } | null>(null);
  const [fresh, setFresh] = useState<Record<string, CriteriaSetInfoT>>({});
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const selectedId = pick && pick.base === ctx.setId ? pick.id : ctx.setId;
  // While the list reloads after a switch, show the set the service returned rather than the stale one.
  const sets = (list.data ?? []).map((s) => (list.loading && fresh[s.id]) || s);
  const selected = sets.find((s) => s.id === selectedId) ?? sets[0];

  const toggle = async (set: CriteriaSetInfoT, criterionId: string, enabled: boolean) => {
    setPending(criterionId);
    setError(null);
    try {
      const updated = await call('criteria.setEnabled', { setId: set.id, criterionId, enabled });
      setFresh((f) => ({ ...f, [set.id]: updated }));
      setVersion((v) => v + 1);
      ctx.onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? t(`errors.${e.code}`, { message: e.message, defaultValue: e.message }) : String(e));
    } finally {
      setPending(null);
    }
  };

  const remove = async (set: CriteriaSetInfoT) => {
    if (!window.confirm(t('criteriaLib.removeConfirm', { id: set.id, version: set.version }))) return;
    setError(null);
    try {
      await call('criteria.remove', { setId: set.id });
      setPick(null);
      setVersion((v) => v + 1);
      ctx.onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <section className="section cl-section" data-testid="criteria-library">
      <div className="section-head">
        <h1>{t('criteriaLib.title')}</h1>
        <span className="muted">{t('criteriaLib.intro')}</span>
      </div>
      <div className="cl-views" role="tablist">
        {(['sets', 'import', 'compare'] as const).map((v) => (
          <button key={v} type="button" role="tab" aria-selected={view === v} className={view === v ? 'is-active' : undefined} onClick={() => setView(v)} data-testid={`cl-view-${v}`}>
            {t(`criteriaLib.views.${v}`)}
          </button>
        ))}
      </div>
      {view === 'import' && (
        <ImportSet
          onImported={(id) => {
            setPick({ id, base: ctx.setId });
            setVersion((v) => v + 1);
            ctx.onChanged();
            setView('sets');
          }}
        />
      )}
      {view === 'compare' && list.data && <CompareSets sets={list.data} ctx={ctx} />}
      <ConfidenceLegend />
      {list.error && (
        <p className="error" role="alert">
          {list.error.message}
        </p>
      )}
      {!list.data && !list.error && <p className="muted">{t('criteriaLib.loading')}</p>}
      {view === 'sets' && selected && (
        <div className="cl-layout">
          <SetList sets={sets} selected={selected.id} inUse={ctx.setId} onSelect={(id) => setPick({ id, base: ctx.setId })} />
          <SetDetail set={selected} inUse={selected.id === ctx.setId} pending={pending} error={error} onToggle={(id, on) => void toggle(selected, id, on)} poolYear={ctx.poolYear} onRemove={selected.origin === 'imported' ? () => void remove(selected) : undefined} />
        </div>
      )}
    </section>
  );
}
