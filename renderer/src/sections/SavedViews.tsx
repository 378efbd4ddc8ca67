// The pool table's saved views: pick one to restore its filters, sort, criteria set and data year; save the
// current table as a new view or into the chosen one; rename, move and delete views. Kept in the data file.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput, MethodOutput } from '../../../db/contract';
import { ApiError, call } from '../api';
import { useAsync } from '../useAsync';

export type ViewSpec = MethodInput<'views.save'>['spec'];
type View = MethodOutput<'views.list'>[number];

interface Props {
  /** What the table shows now, as a view would restore it. */
  current: ViewSpec;
  onApply(spec: ViewSpec): void;
  refresh: number;
  onChanged(): void;
}

export function SavedViews({ current, onApply, refresh, onChanged }: Props) {
  const { t } = useTranslation();
  const [reload, setReload] = useState(0);
  const views = useAsync(() => call('views.list', {}), [refresh, reload]);
  const [chosenId, setChosenId] = useState<number | null>(null);
  const [naming, setNaming] = useState<'new' | 'rename' | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const list = views.data ?? [];
  const chosen = list.find((v) => v.id === chosenId) ?? null;

  async function act(what: () => Promise<unknown>, done: string) {
    setError(null);
    setStatus(null);
    try {
      await what();
      setStatus(done);
      setNaming(null);
      setReload((n) => n + 1);
      onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }

  const choose = (id: number | null) => {
    setChosenId(id);
    setNaming(null);
    setStatus(null);
    const v = list.find((x) => x.id === id);
    if (v) onApply(v.spec);
  };
  const move = (v: View, by: -1 | 1) => {
    const ids = list.map((x) => x.id);
    const i = ids.indexOf(v.id);
    [ids[i], ids[i + by]] = [ids[i + by], ids[i]];
    void act(() => call('views.reorder', { ids }), t('views.moved', { name: v.name }));
  };
  const submitName = () => {
    const trimmed = name.trim();
    if (naming === 'rename' && chosen) void act(() => call('views.save', { id: chosen.id, name: trimmed, spec: chosen.spec }), t('views.renamed', { name: trimmed }));
    else
      void act(async () => {
        const saved = await call('views.save', { name: trimmed, spec: current });
        setChosenId(saved.id);
      }, t('views.saved', { name: trimmed }));
  };
  const index = chosen ? list.indexOf(chosen) : -1;

  return (
    <div className="views-bar" data-testid="saved-views">
      <label>
        {t('views.label')}
        <select value={chosenId ?? ''} onChange={(e) => choose(e.target.value ? Number(e.target.value) : null)} data-testid="view-select">
          <option value="">{list.length ? t('views.none') : t('views.empty')}</option>
          {list.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </label>
      {naming ? (
        <form
          className="views-name"
          onSubmit={(e) => {
            e.preventDefault();
            submitName();
          }}
        >
          <input autoFocus value={name} onChange={(e) => setName(e.target.value)} placeholder={t('views.namePlaceholder')} aria-label={t('views.name')} data-testid="view-name" maxLength={100} />
          <button type="submit" className="primary" disabled={!name.trim()} data-testid="view-name-ok">
            {naming === 'rename' ? t('views.rename') : t('views.save')}
          </button>
          <button type="button" onClick={() => setNaming(null)}>
            {t('views.cancel')}
          </button>
        </form>
      ) : (
        <>
          <button
            type="button"
            onClick={() => {
              setName('');
              setNaming('new');
            }}
            data-testid="view-new"
          >
            {t('views.saveAs')}
          </button>
          {chosen && (
            <>
              <button type="button" onClick={() => void act(() => call('views.save', { id: chosen.id, name: chosen.name, spec: current }), t('views.updated', { name: chosen.name }))} data-testid="view-update">
                {t('views.update')}
              </button>
              <button
                type="button"
                onClick={() => {
                  setName(chosen.name);
                  setNaming('rename');
                }}
                data-testid="view-rename"
              >
                {t('views.rename')}
              </button>
              <button type="button" disabled={index <= 0} onClick={() => move(chosen, -1)} aria-label={t('views.up')} title={t('views.up')} data-testid="view-up">
                ↑
              </button>
              <button type="button" disabled={index >= list.length - 1} onClick={() => move(chosen, 1)} aria-label={t('views.down')} title={t('views.down')} data-testid="view-down">
                ↓
              </button>
              <button
                type="button"
                onClick={() => {
                  if (!window.confirm(t('views.deleteConfirm', { name: chosen.name }))) return;
                  void act(async () => {
                    await call('views.delete', { id: chosen.id });
                    setChosenId(null);
                  }, t('views.deleted', { name: chosen.name }));
                }}
                data-testid="view-delete"
              >
                {t('views.delete')}
              </button>
            </>
          )}
        </>
      )}
      {status && (
        <span className="views-status" role="status">
          {status}
        </span>
      )}
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
