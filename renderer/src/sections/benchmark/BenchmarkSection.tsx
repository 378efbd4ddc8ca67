import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CriteriaSetInfoT, EvaluationRowT, PoolRowT } from '../../../../db/contract';
import { call } from '../../api';
import { useAsync } from '../../useAsync';
import type { SectionContext } from '../context';
import './benchmark.css';
import { MetricBars } from './MetricBars';
import { ShareQuadrant } from './ShareQuadrant';
import { TitleFunnel } from './TitleFunnel';
import { ReadinessMatrix } from './ReadinessMatrix';
import { TrendChart } from './TrendChart';

export const CHARTS = ['bars', 'quadrant', 'trend', 'matrix', 'funnel'] as const;
export type ChartId = (typeof CHARTS)[number];

/** What every chart of the section is drawn from (loaded once per pool year, data year, set and refresh). */
export interface BenchData {
  set: CriteriaSetInfoT | undefined;
  /** Every set of the library (the quadrant borrows a line the selected set lacks, and says so). */
  library?: CriteriaSetInfoT[];
  evaluation: EvaluationRowT[];
  /** The pool's firms, largest revenue first. */
  pool: PoolRowT[];
  dataYear: number | null;
  lang: 'zh-CN' | 'en';
  poolName: string;
  /** Pool, data year and set, for the exported picture. */
  subtitle: string;
  /** Notes every export carries (sample data). */
  notes: string[];
  refresh: number;
}

const PAGE = 500;

/** All pool rows, page by page (the service caps a page at 500). */
async function loadPool(year: number, dataYear: number | null) {
  const rows: PoolRowT[] = [];
  let total = Infinity;
  let resolvedYear: number | null = dataYear;
  for (let page = 0; rows.length < total && page < 40; page++) {
    const res = await call('pool.list', {
      year,
      dataYear: dataYear ?? undefined,
      sort: { column: 'revenue', dir: 'desc' },
      offset: rows.length,
      limit: PAGE,
    });
    rows.push(...res.rows);
    total = res.total;
    resolvedYear = res.dataYear;
    if (res.rows.length === 0) break;
  }
  return { rows, dataYear: resolvedYear };
}

export function BenchmarkSection({ ctx }: { ctx: SectionContext }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const [chart, setChart] = useState<ChartId>('bars');
  const { poolYear, dataYear, setId, refresh } = ctx;

  const sets = useAsync(() => call('criteria.list', {}), [refresh]);
  const evaluation = useAsync(
    () => call('evaluate.pool', { year: poolYear, setId, dataYear: dataYear ?? undefined, offset: 0, limit: 1000 }),
    [poolYear, setId, dataYear, refresh],
  );
  const pool = useAsync(() => loadPool(poolYear, dataYear), [poolYear, dataYear, refresh]);

  const set = sets.data?.find((s) => s.id === setId);
  const sample = pool.data?.rows.some((r) => r.sample) ?? false;
  const year = pool.data?.dataYear ?? dataYear;
  const setTitle = set ? (lang === 'en' ? set.title.en : set.title.zh) : setId;
  const data: BenchData | null =
    evaluation.data && pool.data && sets.data
      ? {
          set,
          library: sets.data,
          evaluation: evaluation.data.rows,
          pool: pool.data.rows,
          dataYear: year,
          lang,
          poolName: ctx.poolName,
          subtitle: t('benchmark.context', { pool: ctx.poolName, year: year ?? t('benchmark.latestYear'), set: setTitle }),
          notes: sample ? [t('benchmark.sampleDetail')] : [],
          refresh,
        }
      : null;
  const error = sets.error ?? evaluation.error ?? pool.error;
  const stale = evaluation.loading || pool.loading || sets.loading;

  return (
    <section className="section bm-section" data-testid="benchmark">
      <header className="section-head">
        <h1>{t('benchmark.title')}</h1>
        <span className="count">{data?.subtitle}</span>
        {sample && (
          <span className="tag-sample bm-sample" data-testid="benchmark-sample">
            {t('benchmark.sampleNote')}
          </span>
        )}
      </header>
      <div className="bm-tabs" role="tablist" aria-label={t('benchmark.tabsLabel')}>
        {CHARTS.map((c) => (
          <button
            key={c}
            type="button"
            role="tab"
            id={`bm-tab-${c}`}
            aria-selected={chart === c}
            aria-controls="bm-panel"
            className={chart === c ? 'is-active' : undefined}
            data-tab={c}
            onClick={() => setChart(c)}
          >
            {t(`benchmark.tabs.${c}`)}
          </button>
        ))}
      </div>
      {error && (
        <p className="error" role="alert">
          {error.message}
        </p>
      )}
      <div id="bm-panel" role="tabpanel" aria-labelledby={`bm-tab-${chart}`} className={stale && data ? 'is-stale' : undefined}>
        {!data && !error && <p className="muted">{t('benchmark.loading')}</p>}
        {data && data.pool.length === 0 && data.evaluation.length === 0 && <p className="muted">{t('benchmark.empty')}</p>}
        {data && chart === 'bars' && <MetricBars data={data} />}
        {data && chart === 'quadrant' && <ShareQuadrant data={data} />}
        {data && chart === 'trend' && <TrendChart data={data} />}
        {data && chart === 'matrix' && <ReadinessMatrix data={data} />}
        {data && chart === 'funnel' && <TitleFunnel data={data} />}
      </div>
    </section>
  );
}
