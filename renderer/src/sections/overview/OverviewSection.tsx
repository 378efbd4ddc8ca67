import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { formatMoney } from '../../format';
import { useAsync } from '../../useAsync';
import '../benchmark/benchmark.css';
import type { SectionContext } from '../context';
import { CalendarCard } from './CalendarCard';
import { FirmDrawer } from './FirmDrawer';
import { GradientCard } from './GradientCard';
import { HistoryCard } from './HistoryCard';
import { listOf, type Lang, type OverviewData, type Shown } from './model';
import './overview.css';
import { RewardCard } from './RewardCard';
import { RequestsCard } from '../requests/RequestsCard';
import { StatusCard } from './StatusCard';
import { TargetsCard } from './TargetsCard';
import { DistrictsCard } from '../package/DistrictsCard';
import { districtList } from './districtList';

function Kpis({ data, setTitle, show }: { data: OverviewData; setTitle: (id: string) => string; show: (s: Shown) => void }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const growth = data.targets.items.find((x) => x.key === 'high_growth_firms');
  const next = data.calendar[0];
  const budget = data.rewards.rows.flatMap((r) =>
    r.cells.flatMap((c) => c.firms.map((f) => ({ ...f, extra: `${t(`titleShort.${r.code}`)} · ${t('overview.rewards.year', { year: c.year })} · ${formatMoney(r.amount, lang)}` }))),
  );
  const budgetCount = data.rewards.rows.reduce((n, r) => n + r.cells.reduce((m, c) => m + c.count, 0), 0);
  const all = Object.values(data.status.lists).flatMap((l) => l.firms).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  const track = next ? t(`overview.calendar.tracks.${next.track}`) : '';
  return (
    <div className="ov-kpis" data-testid="ov-kpis">
      <button type="button" className="ov-kpi" onClick={() => show({ title: t('overview.kpi.firms'), firms: all, total: data.firms })}>
        <span>{t('overview.kpi.firms')}</span>
        <strong data-testid="ov-kpi-firms">{t('overview.firms', { count: data.firms })}</strong>
        <small>{t('overview.kpi.firmsNote')}</small>
      </button>
      {growth && (
        <button type="button" className="ov-kpi" onClick={() => show(listOf(t('overview.targets.countedList', { name: t('overview.targets.names.high_growth_firms') }), growth.counted, t('overview.targets.notes.high_growth_firms')))}>
          <span>{t('overview.kpi.highGrowth')}</span>
          <strong data-testid="ov-kpi-growth">{t('overview.firms', { count: growth.current ?? 0 })}</strong>
          <small>{t('overview.kpi.highGrowthNote', { target: growth.value, due: growth.dueYear })}</small>
        </button>
      )}
      <button type="button" className="ov-kpi" onClick={() => show({ title: t('overview.kpi.budget'), source: t('overview.rewards.note', { horizon: data.rewards.horizon }), firms: budget, total: budgetCount })}>
        <span>{t('overview.kpi.budget')}</span>
        <strong data-testid="ov-kpi-budget">{formatMoney(data.rewards.total, lang)}</strong>
        <small>{t('overview.kpi.budgetNote', { amount: formatMoney(data.rewards.reviewTotal, lang) })}</small>
      </button>
      {next && (
        <button type="button" className="ov-kpi" onClick={() => show({ title: t('overview.calendar.prepareList', { track, set: setTitle(next.setId) }), source: t('overview.calendar.basis'), firms: next.prepare, total: next.prepare.length })}>
          <span>{t('overview.kpi.deadline')}</span>
          <strong data-testid="ov-kpi-deadline">{next.next.open ? t('overview.calendar.open', { count: next.next.daysToDeadline }) : t('overview.calendar.opensIn', { count: next.next.daysToOpen })}</strong>
          <small>{t('overview.kpi.deadlineNote', { track })}{next.isDefault ? `（${t('overview.calendar.default')}）` : ''}</small>
        </button>
      )}
    </div>
  );
}

export function OverviewSection({ ctx }: { ctx: SectionContext }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const { poolYear, dataYear, setId, refresh } = ctx;
  const [shown, setShown] = useState<Shown | null>(null);
  const overview = useAsync(() => call('overview.get', { year: poolYear, setId, dataYear: dataYear ?? undefined }), [poolYear, setId, dataYear, refresh]);
  const sets = useAsync(() => call('criteria.list', {}), []);
  const setTitle = useCallback(
    (id: string) => {
      const s = sets.data?.find((x) => x.id === id);
      return s ? (lang === 'en' ? s.title.en : s.title.zh) : id;
    },
    [sets.data, lang],
  );
  const close = useCallback(() => setShown(null), []);
  const data = overview.data;
  const sample = data ? data.sample.values > 0 || data.sample.firms > 0 : false;
  const notes = sample ? [t('benchmark.sampleDetail')] : [];

  return (
    <section className="section ov-section" data-testid="overview">
      <header className="section-head">
        <h1>{t('overview.title')}</h1>
        <span className="count">{t('overview.context', { pool: ctx.poolName, year: data?.dataYear ?? t('overview.latestYear') })}</span>
        {sample && (
          <span className="tag-sample" data-testid="ov-sample-tag">
            {t('overview.sampleNote')}
          </span>
        )}
      </header>
      {overview.error && (
        <p className="error" role="alert">
          {overview.error.message}
        </p>
      )}
      {!data && !overview.error && <p className="muted">{t('overview.loading')}</p>}
      {data && (
        <div className={`ov-body${overview.loading ? ' is-stale' : ''}`}>
          <Kpis data={data} setTitle={setTitle} show={setShown} />
          <RequestsCard refresh={refresh} />
          <GradientCard gradient={data.gradient} firms={data.firms} notes={notes} show={setShown} />
          <RewardCard rewards={data.rewards} dataYear={data.dataYear} setTitle={setTitle} notes={notes} show={setShown} onChanged={ctx.onChanged} />
          <div className="ov-grid-2">
            <div className="ov-col">
              <TargetsCard targets={data.targets} show={setShown} onChanged={ctx.onChanged} />
              <StatusCard data={data} setTitle={setTitle} show={setShown} />
            </div>
            <div className="ov-col">
              <CalendarCard calendar={data.calendar} today={data.today} setTitle={setTitle} show={setShown} onChanged={ctx.onChanged} />
              <HistoryCard history={data.history} />
              <DistrictsCard year={poolYear} refresh={refresh} onDistrict={(d) => void districtList(poolYear, d).then(setShown)} />
            </div>
          </div>
        </div>
      )}
      {shown && <FirmDrawer shown={shown} onClose={close} />}
    </section>
  );
}
