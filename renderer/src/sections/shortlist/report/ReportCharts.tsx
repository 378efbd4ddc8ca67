// The report's charts: the 对标分析 bars (metric against threshold) and readiness matrix, drawn for the listed
// firms only. Their on-screen controls (criterion choice, PNG export) stay on screen and are not printed.
import { useTranslation } from 'react-i18next';
import type { BenchData } from '../../benchmark/BenchmarkSection';
import { MetricBars } from '../../benchmark/MetricBars';
import { ReadinessMatrix } from '../../benchmark/ReadinessMatrix';
import '../../benchmark/benchmark.css';
import { setName } from '../model';
import type { ReportProps } from './ReportSections';

export function ReportCharts({ data, lang, sample }: ReportProps & { sample: boolean }) {
  const { t } = useTranslation();
  const listed = data.detail.entries.filter((e) => e.status !== 'withdrawn');
  const evaluation = listed.flatMap((e) => data.evaluation.get(e.firmId) ?? []);
  const bench: BenchData = {
    set: data.set,
    evaluation,
    pool: listed.flatMap((e) => data.pool.get(e.firmId) ?? []),
    dataYear: data.dataYear,
    lang,
    poolName: data.poolName,
    subtitle: t('shortlist.report.charts.context', { year: data.dataYear ?? '—', set: setName(data.set, lang, data.detail.setId) }),
    notes: sample ? [t('benchmark.sampleDetail')] : [],
    refresh: 0,
  };
  return (
    <section className="rp-section rp-charts" data-testid="report-charts">
      <h2>{t('shortlist.report.charts.heading')}</h2>
      {evaluation.length === 0 ? (
        <p>{t('shortlist.report.charts.none')}</p>
      ) : (
        <>
          <MetricBars data={bench} />
          <ReadinessMatrix data={bench} />
        </>
      )}
    </section>
  );
}
