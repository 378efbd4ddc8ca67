import type { SortingState } from '@tanstack/react-table';
import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PoolSortColumn, TitleCode, VerdictT } from '../../../db/contract';
import { call } from '../api';
import { useAsync } from '../useAsync';
import type { SectionContext } from './context';
import { EvaluationProgress } from './EvaluationProgress';
import { PoolTable } from './PoolTable';
import { SavedViews, type ViewSpec } from './SavedViews';
import { usePoolPages, type PoolQuery } from './usePoolPages';

export function PoolSection({ ctx }: { ctx: SectionContext }) {
  const pool = { year: ctx.poolYear, name: ctx.poolName, dataYear: ctx.dataYear };
  const refresh = ctx.refresh;
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [town, setTown] = useState('');
  const [chain, setChain] = useState('');
  const [title, setTitle] = useState<TitleCode | ''>('');
  const [verdict, setVerdict] = useState<VerdictT | ''>('');
  const [district, setDistrict] = useState('');
  // Largest firms first: the order an analyst reads a pool in.
  const [sorting, setSorting] = useState<SortingState>([{ id: 'revenue', desc: true }]);
  const deferredSearch = useDeferredValue(search.trim());
  const facets = useAsync(() => call('pool.facets', { year: pool.year }), [pool.year, refresh]);

  const query: PoolQuery = useMemo(() => {
    const s = sorting[0];
    return {
      year: pool.year,
      dataYear: pool.dataYear ?? undefined,
      search: deferredSearch || undefined,
      town: town || undefined,
      chain: chain || undefined,
      title: title || undefined,
      district: district || undefined,
      setId: ctx.setId,
      verdict: verdict || undefined,
      sort: s ? { column: s.id as PoolSortColumn, dir: s.desc ? 'desc' : 'asc' } : undefined,
    };
  }, [pool.year, pool.dataYear, deferredSearch, town, chain, title, district, verdict, ctx.setId, sorting]);
  const pages = usePoolPages(query, refresh);
  const filtered = Boolean(search || town || chain || title || district || verdict);
  const s0 = sorting[0];
  const current: ViewSpec = {
    search: search.trim() || undefined,
    town: town || undefined,
    chain: chain || undefined,
    title: title || undefined,
    verdict: verdict || undefined,
    sort: s0 ? { column: s0.id as PoolSortColumn, dir: s0.desc ? 'desc' : 'asc' } : undefined,
    setId: ctx.setId,
    dataYear: pool.dataYear ?? undefined,
  };
  const apply = (v: ViewSpec) => {
    setSearch(v.search ?? '');
    setTown(v.town ?? '');
    setChain(v.chain ?? '');
    setTitle(v.title ?? '');
    setVerdict(v.verdict ?? '');
    setSorting(v.sort ? [{ id: v.sort.column, desc: v.sort.dir === 'desc' }] : []);
    ctx.choose?.({ setId: v.setId, dataYear: v.dataYear });
  };

  return (
    <section className="section pool-section">
      <header className="section-head">
        <h1>{t('pool.heading', { name: pool.name })}</h1>
        <span className="count" data-testid="pool-count">
          {pages.total == null ? t('app.loading') : t('pool.total', { count: pages.total })}
        </span>
      </header>
      <SavedViews current={current} onApply={apply} refresh={refresh} onChanged={ctx.onChanged} />
      <div className="filters" role="search">
        <input type="search" className="search" placeholder={t('pool.search')} aria-label={t('pool.search')} value={search} onChange={(e) => setSearch(e.target.value)} />
        <label>
          {t('pool.town')}
          <select value={town} onChange={(e) => setTown(e.target.value)} data-testid="filter-town">
            <option value="">{t('pool.all')}</option>
            {facets.data?.towns.map((x) => (
              <option key={x}>{x}</option>
            ))}
          </select>
        </label>
        <label>
          {t('pool.chain')}
          <select value={chain} onChange={(e) => setChain(e.target.value)} data-testid="filter-chain">
            <option value="">{t('pool.all')}</option>
            {facets.data?.chains.map((x) => (
              <option key={x}>{x}</option>
            ))}
          </select>
        </label>
        <label>
          {t('pool.title')}
          <select value={title} onChange={(e) => setTitle(e.target.value as TitleCode | '')} data-testid="filter-title">
            <option value="">{t('pool.all')}</option>
            {facets.data?.titles.map((x) => (
              <option key={x} value={x}>
                {t(`titles.${x}`)}
              </option>
            ))}
          </select>
        </label>
        {(facets.data?.districts?.length ?? 0) > 0 && (
          <label>
            {t('pool.district')}
            <select value={district} onChange={(e) => setDistrict(e.target.value)} data-testid="filter-district">
              <option value="">{t('pool.all')}</option>
              {facets.data?.districts?.map((x) => (
                <option key={x}>{x}</option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('pool.verdict')}
          <select value={verdict} onChange={(e) => setVerdict(e.target.value as VerdictT | '')} data-testid="filter-verdict">
            <option value="">{t('pool.all')}</option>
            {(['eligible', 'needs_review', 'incomplete', 'not_eligible'] as const).map((v) => (
              <option key={v} value={v}>
                {t(`verdicts.${v}`)}
              </option>
            ))}
          </select>
        </label>
        {filtered && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setSearch('');
              setTown('');
              setChain('');
              setTitle('');
              setDistrict('');
              setVerdict('');
            }}
          >
            {t('pool.clear')}
          </button>
        )}
      </div>
      {pages.stale && query.setId && (query.verdict || query.sort?.column === 'verdict') && (
        <EvaluationProgress />
      )}
      {pages.error && <p className="error" role="alert">{pages.error.message}</p>}
      <PoolTable pages={pages} sorting={sorting} onSortingChange={setSorting} />
    </section>
  );
}
