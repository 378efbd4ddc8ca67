// The conflicts merges left open: per firm, year and figure, every district's value and where it comes from;
// the analyst picks one and it is written with that package as its source (the city's own value can be kept).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConflictT } from '../../../../db/contract';
import { call } from '../../api';
import { href } from '../../route';
import { useAsync } from '../../useAsync';
import { valueText, whatText } from './values';

function ConflictItem({ c, onChanged }: { c: ConflictT; onChanged: () => void }) {
  const { t } = useTranslation();
  const [pick, setPick] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const resolve = async () => {
    setBusy(true);
    setError(null);
    try {
      await call('package.resolve', { id: c.id, district: pick });
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="pk-conflict" data-testid="pk-open-conflict">
      <div>
        <a href={href('firm', c.firmId)}>{c.name}</a> <span className="muted">{c.creditCode}</span> · {whatText(c.year, c.field, t)}{' '}
        <span className="muted">{t('package.conflicts.current', { value: valueText(c.current, t) })}</span>
      </div>
      <fieldset className="pk-choices">
        <legend className="visually-hidden">{whatText(c.year, c.field, t)}</legend>
        {c.values.map((v) => (
          <label key={v.district}>
            <input type="radio" name={`conflict-${c.id}`} value={v.district} checked={pick === v.district} onChange={() => setPick(v.district)} />
            {v.district}：<strong>{valueText(v.value, t)}</strong> <span className="muted">（{v.source}）</span>
          </label>
        ))}
      </fieldset>
      <button type="button" disabled={!pick || busy} onClick={() => void resolve()} data-testid="pk-resolve">
        {t('package.conflicts.pick')}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

export function ConflictsCard({ refresh, onChanged }: { refresh: number; onChanged: () => void }) {
  const { t } = useTranslation();
  const list = useAsync(() => call('package.conflicts', {}), [refresh]);
  return (
    <section className="card pk-card" aria-labelledby="pk-conflicts-h" data-testid="pk-open-conflicts">
      <h2 id="pk-conflicts-h">
        {t('package.conflicts.heading')} {list.data && list.data.length > 0 && <span className="count">{list.data.length}</span>}
      </h2>
      {list.error && <p className="error">{list.error.message}</p>}
      {list.data?.length === 0 && <p className="muted">{t('package.conflicts.none')}</p>}
      <ul className="pk-list">
        {list.data?.map((c) => (
          <ConflictItem key={c.id} c={c} onChanged={onChanged} />
        ))}
      </ul>
    </section>
  );
}
