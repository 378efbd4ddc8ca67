// Starting a pool year from an earlier one: its members (except those removed) are carried over as “kept”.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../../api';
import { useAsync } from '../../../useAsync';
import type { SectionContext } from '../../context';
import { ServiceError } from '../ServiceError';
import { useWrite } from '../useWrite';

export function StartYear({ ctx }: { ctx: SectionContext }) {
  const { t } = useTranslation();
  const years = useAsync(() => call('pool.years', {}), [ctx.refresh]);
  const list = (years.data ?? []).map((p) => p.year).sort((a, b) => b - a);
  const latest = list[0] ?? ctx.poolYear;
  // Until the analyst types: the year after the latest pool, carried over from the latest.
  const [year, setYear] = useState<string | null>(null);
  const [from, setFrom] = useState<string | null>(null);
  const [name, setName] = useState('');
  const { busy, error, done, run } = useWrite(ctx.onChanged);
  const y = Number(year ?? latest + 1);
  const f = from ?? String(latest);
  const valid = Number.isInteger(y) && y >= 1990 && y <= 2100;
  const exists = list.includes(y);

  const start = () =>
    run(
      async () => {
        const r = await call('poolYear.start', { year: y, ...(f ? { from: Number(f) } : {}), ...(name.trim() ? { name: name.trim() } : {}) });
        return t('refresh.poolYear.start.done', { name: r.name, count: r.carried, year: r.year });
      },
      () => {
        setYear(null);
        setFrom(null);
        setName('');
      },
    );


  return (
    <section className="card rf-start" data-testid="rf-start-year" aria-labelledby="rf-start-title">
      <h2 id="rf-start-title">{t('refresh.poolYear.start.heading')}</h2>
      <p className="hint muted">{t('refresh.poolYear.start.hint')}</p>
      <div className="rf-form">
        <label className="rf-field">
          {t('refresh.poolYear.start.year')}
          <input type="number" min={1990} max={2100} value={year ?? String(latest + 1)} onChange={(e) => setYear(e.target.value)} data-testid="rf-start-year-input" />
        </label>
        <label className="rf-field">
          {t('refresh.poolYear.start.from')}
          <select value={f} onChange={(e) => setFrom(e.target.value)} data-testid="rf-start-from">
            {list
              .filter((x) => x < y)
              .map((x) => (
                <option key={x} value={x}>
                  {x}
                </option>
              ))}
            <option value="">{t('refresh.poolYear.start.none')}</option>
          </select>
        </label>
        <label className="rf-field">
          {t('refresh.poolYear.start.name')}
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('refresh.poolYear.start.namePlaceholder', { year: valid ? y : '' })} maxLength={100} />
        </label>
      </div>
      {exists && <p className="rf-warn">{t('refresh.poolYear.start.exists', { year: y })}</p>}
      <button type="button" className="primary" onClick={() => void start()} disabled={busy || !valid || exists} data-testid="rf-start-submit">
        {busy ? t('refresh.poolYear.start.busy') : t('refresh.poolYear.start.submit', { year: valid ? y : '' })}
      </button>
      {done && (
        <p className="status-line" role="status" data-testid="rf-start-done">
          {done}
        </p>
      )}
      {error != null && <ServiceError error={error} />}
    </section>
  );
}
