// 诉求台账: the ledger as of a day (default today) with its filters, sort and search, the side panel that adds,
// edits and moves a request on, the statistics, and the import of an existing ledger.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAsync } from '../../useAsync';
import type { SectionContext } from '../context';
import { LedgerTable, type Sort } from './LedgerTable';
import { isDay, scopeFromHash, STATUSES, todayIso, type Scope } from './model';
import { RequestImport } from './RequestImport';
import { RequestPanel } from './RequestPanel';
import { RequestStatsView } from './RequestStatsView';
import { useFileAnswer } from './useFileAnswer';
import './requests.css';

type Tab = 'ledger' | 'stats' | 'import';
interface Filters {
  scope: Scope;
  status: string;
  category: string;
  department: string;
  town: string;
  from: string;
  to: string;
  search: string;
}
const NO_FILTERS: Filters = { scope: 'all', status: '', category: '', department: '', town: '', from: '', to: '', search: '' };

export function RequestsSection({ ctx }: { ctx: SectionContext }) {
  const { t } = useTranslation();
  // Empty: the service's today (the answer names it), so the ledger, 总览 and the files agree on the day.
  const [asOfText, setAsOfText] = useState('');
  const chosen = isDay(asOfText) ? asOfText : undefined;
  const [tab, setTab] = useState<Tab>('ledger');
  const [filters, setFilters] = useState<Filters>(() => ({ ...NO_FILTERS, scope: scopeFromHash(window.location.hash) ?? 'all' }));
  const [sort, setSort] = useState<Sort>({ column: 'open_first', dir: 'asc' });
  const [panel, setPanel] = useState<number | 'new' | null>(null);
  const [version, setVersion] = useState(0);
  const exporting = useFileAnswer();

  // 总览's links arrive as #/requests?scope=overdue while the section may already be open.
  useEffect(() => {
    const follow = () => {
      const scope = scopeFromHash(window.location.hash);
      if (scope) {
        setFilters({ ...NO_FILTERS, scope });
        setTab('ledger');
      }
    };
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);

  const lists = useAsync(() => call('requests.lists', {}), [ctx.refresh, version]);
  const query = {
    asOf: chosen,
    scope: filters.scope,
    status: (filters.status || undefined) as (typeof STATUSES)[number] | undefined,
    category: filters.category || undefined,
    department: filters.department || undefined,
    town: filters.town || undefined,
    from: isDay(filters.from) ? filters.from : undefined,
    to: isDay(filters.to) ? filters.to : undefined,
    search: filters.search.trim() || undefined,
  };
  const list = useAsync(() => call('requests.list', { ...query, sort, limit: 5000 }), [JSON.stringify(query), sort, ctx.refresh, version]);
  const all = useAsync(() => call('requests.list', { limit: 5000 }), [ctx.refresh, version]);
  const today = all.data?.asOf ?? todayIso();
  const asOf = chosen ?? today;
  const towns = [...new Set((all.data?.rows ?? []).map((r) => r.town).filter((x): x is string => !!x))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  const counts = list.data?.counts;
  const changed = () => {
    setVersion((n) => n + 1);
    ctx.onChanged();
  };
  const set = (k: keyof Filters) => (e: { target: { value: string } }) => setFilters({ ...filters, [k]: e.target.value });
  const select = (k: keyof Filters, label: string, options: { value: string; text: string }[]) => (
    <label>
      {label}
      <select value={filters[k]} onChange={set(k)} data-filter={k}>
        <option value="">{t('requests.filters.any')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.text}
          </option>
        ))}
      </select>
    </label>
  );
  const plain = (xs: string[]) => xs.map((x) => ({ value: x, text: x }));

  return (
    <section className="section rq-section" data-testid="requests">
      <header className="section-head">
        <h1>{t('requests.title')}</h1>
        <label className="rq-asof">
          {t('requests.asOf')}
          <input value={asOfText} onChange={(e) => setAsOfText(e.target.value)} placeholder={asOf} aria-invalid={asOfText !== '' && !isDay(asOfText)} data-testid="rq-asof" />
        </label>
        {counts && (
          <span className="count" data-testid="rq-counts" data-asof={list.data?.asOf}>
            {t('requests.counts', counts)}
          </span>
        )}
        {counts && counts.sample > 0 && <span className="muted">{t('requests.sample', { count: counts.sample })}</span>}
      </header>
      <div className="rq-tabs" role="tablist">
        {(['ledger', 'stats', 'import'] as const).map((x) => (
          <button key={x} type="button" role="tab" aria-selected={tab === x} className={tab === x ? 'is-active' : undefined} onClick={() => setTab(x)} data-tab={x}>
            {t(`requests.tabs.${x}`)}
          </button>
        ))}
      </div>
      {tab === 'ledger' && (
        <div className={`rq-layout${panel !== null ? ' has-panel' : ''}`}>
          <div className="rq-main">
            <div className="card rq-filters" data-testid="rq-filters">
              <div className="rq-scopes" role="group" aria-label={t('requests.filters.scope')}>
                {(['all', 'open', 'overdue', 'closed'] as const).map((s) => (
                  <button key={s} type="button" className={filters.scope === s ? 'is-active' : undefined} aria-pressed={filters.scope === s} onClick={() => setFilters({ ...filters, scope: s })} data-scope={s}>
                    {t(`requests.filters.scopes.${s}`)}
                  </button>
                ))}
              </div>
              {select('status', t('requests.filters.status'), STATUSES.map((s) => ({ value: s, text: t(`requests.status.${s}`) })))}
              {select('category', t('requests.filters.category'), plain(lists.data?.categories ?? []))}
              {select('department', t('requests.filters.department'), plain(lists.data?.departments ?? []))}
              {select('town', t('requests.filters.town'), plain(towns))}
              <label>
                {t('requests.filters.from')}
                <input value={filters.from} onChange={set('from')} placeholder="YYYY-MM-DD" size={10} data-filter="from" />
              </label>
              <label>
                {t('requests.filters.to')}
                <input value={filters.to} onChange={set('to')} placeholder="YYYY-MM-DD" size={10} data-filter="to" />
              </label>
              <input type="search" value={filters.search} onChange={set('search')} placeholder={t('requests.filters.search')} data-testid="rq-search" />
              <button type="button" onClick={() => setFilters(NO_FILTERS)}>
                {t('requests.filters.clear')}
              </button>
              <span className="spacer" />
              <button type="button" className="primary" onClick={() => setPanel('new')} data-testid="rq-add">
                {t('requests.add')}
              </button>
              <button type="button" disabled={exporting.busy} onClick={() => void exporting.run(() => call('requests.export', query))} data-testid="rq-export">
                {t('requests.export')}
              </button>
            </div>
            {exporting.outcome && (
              <p className={exporting.outcome.error ? 'error' : 'status-line'} role="status" data-testid="rq-export-outcome">
                {exporting.outcome.text}
              </p>
            )}
            {list.error && (
              <p className="error" role="alert">
                {list.error.message}
              </p>
            )}
            {list.data && <LedgerTable rows={list.data.rows} sort={sort} onSort={setSort} selected={typeof panel === 'number' ? panel : null} onSelect={setPanel} />}
          </div>
          {panel !== null && lists.data && <RequestPanel key={String(panel)} id={panel} lists={lists.data} today={today} asOf={asOf} onClose={() => setPanel(null)} onSaved={(id) => {
            changed();
            if (panel === 'new') setPanel(id);
          }} />}
        </div>
      )}
      {tab === 'stats' && <RequestStatsView asOf={asOf} refresh={ctx.refresh + version} />}
      {tab === 'import' && <RequestImport onImported={changed} />}
    </section>
  );
}
