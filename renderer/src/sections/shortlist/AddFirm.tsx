// 添加企业: search the pool year's firms by name or credit code and add one to the end of the shortlist.
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShortlistDetailT } from '../../../../db/contract';
import { call } from '../../api';
import { useAsync } from '../../useAsync';
import type { SectionContext } from '../context';

interface Props {
  detail: ShortlistDetailT;
  ctx: SectionContext;
  busy: boolean;
  onAdd: (firmId: number) => Promise<boolean>;
}

export function AddFirm({ detail, ctx, busy, onAdd }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const query = useDeferredValue(search.trim());
  const found = useAsync(
    () =>
      query
        ? call('pool.list', { year: detail.poolYear, dataYear: detail.dataYear ?? undefined, setId: detail.setId, search: query, sort: { column: 'name', dir: 'asc' }, offset: 0, limit: 8 })
        : Promise.resolve(null),
    [query, detail.poolYear, detail.dataYear, detail.setId, ctx.refresh],
  );
  const listed = new Set(detail.entries.map((e) => e.firmId));
  const rows = found.data?.rows ?? [];

  return (
    <div className="card sl-add" data-testid="sl-add">
      <h2>{t('shortlist.add.heading')}</h2>
      <input type="search" className="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('shortlist.add.search')} aria-label={t('shortlist.add.search')} data-testid="sl-add-search" />
      {found.error && (
        <p className="error" role="alert">
          {found.error.message}
        </p>
      )}
      {query && found.loading && !found.data && <p className="muted small">{t('shortlist.add.searching')}</p>}
      {query && found.data && rows.length === 0 && <p className="muted small">{t('shortlist.add.none')}</p>}
      {rows.length > 0 && (
        <ul className="sl-found" data-testid="sl-found">
          {rows.map((r) => (
            <li key={r.firmId} data-firm={r.name}>
              <span className="sl-found-name">
                {r.name}
                {r.sample && <span className="tag-sample">{t('pool.sampleTag')}</span>}
              </span>
              <span className="firm-code">{r.creditCode}</span>
              <span className="muted small">{r.town ?? ''}</span>
              {r.verdict && <span className={`verdict verdict-${r.verdict}`}>{t(`verdicts.${r.verdict}`)}</span>}
              {listed.has(r.firmId) ? (
                <span className="muted small">{t('shortlist.add.already')}</span>
              ) : (
                <button type="button" disabled={busy} aria-label={t('shortlist.add.addFirm', { name: r.name })} onClick={() => void onAdd(r.firmId)}>
                  {t('shortlist.add.add')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
