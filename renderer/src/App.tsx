import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, onEvent } from './api';
import { setLanguage, type Lang } from './i18n';
import { SetNotice } from './components/SetNotice';
import { navigate, SECTIONS, href, useRoute, type Section } from './route';
import type { SectionContext } from './sections/context';
import { PoolSection } from './sections/PoolSection';
import { useAsync } from './useAsync';

// The pool table is the first screen; every other section (and recharts with them) loads when first opened,
// so the first rows do not wait for code they do not use.
const BenchmarkSection = lazy(() => import('./sections/benchmark/BenchmarkSection').then((m) => ({ default: m.BenchmarkSection })));
const CriteriaSection = lazy(() => import('./sections/criteria/CriteriaSection').then((m) => ({ default: m.CriteriaSection })));
const FinanceSection = lazy(() => import('./sections/lists/FinanceSection').then((m) => ({ default: m.FinanceSection })));
const ListingSection = lazy(() => import('./sections/lists/ListingSection').then((m) => ({ default: m.ListingSection })));
const PayoutsSection = lazy(() => import('./sections/lists/PayoutsSection').then((m) => ({ default: m.PayoutsSection })));
const FirmSection = lazy(() => import('./sections/FirmSection').then((m) => ({ default: m.FirmSection })));
const PackageSection = lazy(() => import('./sections/package/PackageSection').then((m) => ({ default: m.PackageSection })));
const OverviewSection = lazy(() => import('./sections/overview/OverviewSection').then((m) => ({ default: m.OverviewSection })));
const RefreshSection = lazy(() => import('./sections/refresh/RefreshSection').then((m) => ({ default: m.RefreshSection })));
const RequestsSection = lazy(() => import('./sections/requests/RequestsSection').then((m) => ({ default: m.RequestsSection })));
const ReportPage = lazy(() => import('./sections/shortlist/report/ReportPage').then((m) => ({ default: m.ReportPage })));
const ShortlistSection = lazy(() => import('./sections/shortlist/ShortlistSection').then((m) => ({ default: m.ShortlistSection })));

const SET_KEY = 'champion-pool-set';

function SampleBanner({ refresh }: { refresh: number }) {
  const { t } = useTranslation();
  const info = useAsync(() => call('app.info', {}), [refresh]);
  const s = info.data?.sample;
  if (!s || (s.firms === 0 && s.values === 0)) return null;
  return (
    <div className="banner banner-sample" role="note" data-testid="sample-banner">
      {t('banner.sample', { firms: s.firms, values: s.values })}
    </div>
  );
}

export function App() {
  const { t, i18n } = useTranslation();
  const route = useRoute();
  const [refresh, setRefresh] = useState(0);
  const years = useAsync(() => call('pool.years', {}), [refresh]);
  const [poolYear, setPoolYear] = useState<number | null>(null);
  const [dataYear, setDataYear] = useState<number | null>(null);
  const [setId, setSetId] = useState(() => localStorage.getItem(SET_KEY) ?? 'cn-champion-2023');

  useEffect(() => {
    const offChanged = onEvent('data:changed', () => setRefresh((n) => n + 1));
    const offNavigate = onEvent('menu:navigate', (section) => {
      if ((SECTIONS as readonly string[]).includes(section as string)) navigate(section as Section);
    });
    return () => {
      offChanged();
      offNavigate();
    };
  }, []);

  const list = years.data ?? [];
  const pool = list.find((p) => p.year === poolYear) ?? list[0];
  const effectiveDataYear = dataYear ?? pool?.defaultDataYear ?? null;
  const lang = i18n.language as Lang;
  const changed = () => setRefresh((n) => n + 1);
  // Reloaded after a write (a set added or removed) and for the pool year (is the set in force in it?).
  const sets = useAsync(() => call('criteria.list', { poolYear: pool?.year }), [refresh, pool?.year]);
  const selectedSet = sets.data?.find((s) => s.id === setId);
  const chooseSet = (id: string) => {
    setSetId(id);
    localStorage.setItem(SET_KEY, id);
  };
  const choose = (c: { setId?: string; dataYear?: number }) => {
    // A view names a set or data year this file or pool may no longer have: those stay as chosen.
    if (c.setId && sets.data?.some((x) => x.id === c.setId)) chooseSet(c.setId);
    if (c.dataYear != null && pool?.dataYears.includes(c.dataYear)) setDataYear(c.dataYear);
  };
  const ctx: SectionContext | null = pool ? { poolYear: pool.year, poolName: pool.name, dataYear: effectiveDataYear, setId, refresh, onChanged: changed, choose } : null;

  // The printable report stands alone: no sidebar or top bar, so it prints as it is shown.
  if (route.section === 'report' && route.shortlistId != null)
    return (
      <Suspense fallback={<p className="status-line">{t('app.loading')}</p>}>
        <ReportPage id={route.shortlistId} />
      </Suspense>
    );

  return (
    <div className="app">
      <nav className="sidebar" aria-label={t('app.title')}>
        <div className="brand">
          <strong>{t('app.title')}</strong>
          <small>{t('app.subtitle')}</small>
        </div>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s}>
              <a href={href(s)} className={route.section === s ? 'active' : undefined} data-nav={s}>
                {t(`nav.${s}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="main">
        <div className="topbar">
          {pool && (
            <>
              <label>
                {t('pool.year')}
                <select value={pool.year} onChange={(e) => { setPoolYear(Number(e.target.value)); setDataYear(null); }} data-testid="pool-year">
                  {list.map((p) => (
                    <option key={p.year} value={p.year}>
                      {p.year}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('pool.dataYear')}
                <select value={effectiveDataYear ?? ''} onChange={(e) => setDataYear(Number(e.target.value))} data-testid="data-year">
                  {pool.dataYears.map((y) => (
                    <option key={y} value={y}>
                      {y}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('pool.criteriaSet')}
                <select
                  value={setId}
                  onChange={(e) => chooseSet(e.target.value)}
                  data-testid="criteria-set"
                  className="set-select"
                >
                  {sets.data?.map((s) => (
                    <option key={s.id} value={s.id}>
                      {lang === 'en' ? s.title.en : s.title.zh}
                    </option>
                  ))}
                </select>
              </label>
            </>
          )}
          <span className="spacer" />
          <button type="button" className="lang" onClick={() => setLanguage(lang === 'en' ? 'zh-CN' : 'en')} data-testid="lang-switch">
            {t('app.language')}
          </button>
        </div>
        {selectedSet && pool && <SetNotice set={selectedSet} poolYear={pool.year} compact />}
        <SampleBanner refresh={refresh} />
        {years.error && <p className="error" role="alert">{years.error.message}</p>}
        <main className="content">
          <Suspense fallback={<p className="status-line">{t('app.loading')}</p>}>
            {route.section === 'pool' && ctx && <PoolSection ctx={ctx} />}
            {route.section === 'firm' && <FirmSection firmId={route.firmId} ctx={ctx} refresh={refresh} onChanged={changed} />}
            {route.section === 'benchmark' && ctx && <BenchmarkSection ctx={ctx} />}
            {route.section === 'criteria' && ctx && <CriteriaSection ctx={ctx} />}
            {route.section === 'shortlist' && ctx && <ShortlistSection ctx={ctx} shortlistId={route.shortlistId} />}
            {route.section === 'overview' && ctx && <OverviewSection ctx={ctx} />}
            {route.section === 'finance' && ctx && <FinanceSection ctx={ctx} />}
            {route.section === 'listing' && ctx && <ListingSection ctx={ctx} />}
            {route.section === 'payouts' && ctx && <PayoutsSection ctx={ctx} />}
            {route.section === 'refresh' && ctx && <RefreshSection ctx={ctx} />}
            {route.section === 'requests' && ctx && <RequestsSection ctx={ctx} />}
            {route.section === 'package' && <PackageSection ctx={ctx} refresh={refresh} onChanged={changed} />}
          </Suspense>
        </main>
      </div>
    </div>
  );
}
