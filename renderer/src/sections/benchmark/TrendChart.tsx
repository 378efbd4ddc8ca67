import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, LabelList, Line, LineChart, ReferenceLine, XAxis, YAxis } from 'recharts';
import type { FigureKey } from '../../../../db/contract';
import { call } from '../../api';
import { FIGURE_ORDER, FIGURE_UNITS } from '../../figures';
import { useAsync } from '../../useAsync';
import type { BenchData } from './BenchmarkSection';
import { ChartCard, useWidth } from './ChartCard';
import { FONT } from './exportPng';
import { PointLabel } from './svgText';
import { axisLabel, fileName, fmt, metricLabel, niceMax, OP_TEXT, scaleFor, thresholdFor, withUnit } from './model';

const LINE = '#1d4ed8';
const AVG = '#7c3aed';
const THRESHOLD = '#b4232a';

export function TrendChart({ data }: { data: BenchData }) {
  const { t } = useTranslation();
  const [ref, width] = useWidth();
  const [firmPick, setFirm] = useState<number | null>(null);
  const [figure, setFigure] = useState<FigureKey>('main_revenue');
  const firmId = data.pool.find((r) => r.firmId === firmPick)?.firmId ?? data.pool[0]?.firmId ?? null;
  const detail = useAsync(() => (firmId == null ? Promise.resolve(null) : call('firm.get', { firmId })), [firmId, data.refresh]);

  const unit = FIGURE_UNITS[figure];
  const threshold = thresholdFor(data.set, figure);
  // The criterion averages the figure over 2 or 3 years: draw that average too, it is what is compared.
  const avgYears = threshold?.metric.startsWith('avg_3y') ? 3 : threshold?.metric.startsWith('avg_2y') ? 2 : 0;
  const years = [...(detail.data?.years ?? [])].sort((a, b) => a.year - b.year);
  const raw = years.map((y) => ({ year: y.year, value: y.values[figure] ?? null }));
  const avgOf = (i: number) => {
    if (!avgYears || i < avgYears - 1) return null;
    const part = raw.slice(i - avgYears + 1, i + 1);
    const consecutive = part.every((p, k) => p.year === raw[i].year - avgYears + 1 + k);
    return consecutive && part.every((p) => p.value != null) ? part.reduce((s, p) => s + p.value!, 0) / avgYears : null;
  };
  const scale = scaleFor(unit, [...raw.map((r) => r.value), threshold?.value], t, data.lang);
  const points = raw.map((r, i) => {
    const avg = avgOf(i);
    return {
      year: String(r.year),
      value: r.value != null ? r.value / scale.div : null,
      avg: avg != null ? avg / scale.div : null,
      label: fmt(r.value, scale),
      avgLabel: avg != null ? fmt(avg, scale) : '',
    };
  });
  const hasAvg = points.some((p) => p.avg != null);
  const name = detail.data?.firm.name ?? data.pool.find((r) => r.firmId === firmId)?.name ?? '';
  const figureName = t(`figures.${figure}`);
  const thresholdText = threshold
    ? t('benchmark.trend.threshold', { criterion: t('benchmark.criterionShort', { id: threshold.criterionId }), op: OP_TEXT[threshold.op], value: withUnit(threshold.value, scale) }) +
      (threshold.metric !== figure ? t('benchmark.trend.of', { metric: metricLabel(threshold.metric, t) }) : '')
    : '';
  const lower = unit === 'rank';
  // Headroom above the highest value or threshold, for the value labels.
  const top = niceMax(Math.max(0, ...points.flatMap((p) => [p.value ?? 0, p.avg ?? 0]), threshold ? threshold.value / scale.div : 0) * 1.12);
  const low = Math.min(0, ...points.map((p) => p.value ?? 0));
  const bottom = low < 0 ? -niceMax(-low * 1.12) : 0;

  const frame = {
    title: `${name} · ${figureName}`,
    subtitle: data.subtitle,
    legend: [
      { colour: LINE, label: t('benchmark.trend.value') },
      ...(hasAvg ? [{ colour: AVG, label: t('benchmark.trend.avg3y') }] : []),
      ...(threshold ? [{ colour: THRESHOLD, label: thresholdText, line: true }] : []),
    ],
    notes: [...(threshold ? [] : [t('benchmark.trend.noThreshold')]), ...data.notes],
  };

  const controls = (
    <>
      <label className="bm-control">
        {t('benchmark.trend.firm')}
        <select value={firmId ?? ''} onChange={(e) => setFirm(Number(e.target.value))} data-testid="trend-firm">
          {data.pool.map((r) => (
            <option key={r.firmId} value={r.firmId}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      <label className="bm-control">
        {t('benchmark.trend.figure')}
        <select value={figure} onChange={(e) => setFigure(e.target.value as FigureKey)} data-testid="trend-figure">
          {FIGURE_ORDER.map((k) => (
            <option key={k} value={k}>
              {t(`figures.${k}`)}
            </option>
          ))}
        </select>
      </label>
    </>
  );

  return (
    <ChartCard chart="trend" frame={frame} file={fileName(t('benchmark.filePrefix'), `${name}-${figureName}`)} controls={controls} figureRef={ref}>
      <div ref={ref} className={`bm-figure${detail.loading ? ' is-stale' : ''}`} data-testid="trend-figure-chart" data-threshold={threshold?.value ?? ''}>
        {detail.error && (
          <p className="error" role="alert">
            {detail.error.message}
          </p>
        )}
        {detail.data && points.length === 0 && <p className="muted">{t('benchmark.trend.noYears')}</p>}
        {points.length > 0 && (
          <LineChart width={Math.max(560, width)} height={420} data={points} margin={{ top: 28, right: 96, bottom: 8, left: 8 }} style={{ fontFamily: FONT }}>
            <CartesianGrid stroke="#eef0f3" />
            <XAxis dataKey="year" tick={{ fontSize: 13, fill: '#1f2933' }} height={46} padding={{ left: 40, right: 40 }} label={{ value: t('benchmark.trend.year'), position: 'insideBottom', offset: 0, fontSize: 13, fill: '#1f2933' }} />
            <YAxis
              reversed={lower}
              allowDecimals={!lower}
              domain={lower ? [1, 'auto'] : [bottom, top]}
              tick={{ fontSize: 12, fill: '#374151' }}
              tickFormatter={(v: number) => v.toLocaleString('zh-CN', { maximumFractionDigits: scale.decimals })}
              width={72}
              label={{ value: axisLabel(figureName, scale, t), angle: -90, position: 'insideLeft', offset: 10, fontSize: 13, fill: '#1f2933', style: { textAnchor: 'middle' } }}
            />
            {threshold && (
              <ReferenceLine
                y={threshold.value / scale.div}
                stroke={THRESHOLD}
                strokeDasharray="6 4"
                strokeWidth={1.5}
                ifOverflow="extendDomain"
                label={{ value: withUnit(threshold.value, scale), position: 'right', fontSize: 12, fill: THRESHOLD }}
              />
            )}
            {hasAvg && (
              <Line dataKey="avg" stroke={AVG} strokeWidth={2} strokeDasharray="4 3" dot={{ r: 4, fill: AVG, strokeDasharray: '' }} isAnimationActive={false} connectNulls>
                <LabelList dataKey="avgLabel" content={<PointLabel below fill={AVG} />} />
              </Line>
            )}
            <Line
              dataKey="value"
              stroke={LINE}
              strokeWidth={2.5}
              dot={(p: { cx?: number; cy?: number; index?: number; payload?: { year: string } }) => <circle key={p.index} cx={p.cx} cy={p.cy} r={4} fill={LINE} className="bm-trend-dot" data-year={p.payload?.year} />}
              isAnimationActive={false}
              className="bm-trend-line"
            >
              <LabelList dataKey="label" content={<PointLabel />} />
            </Line>
          </LineChart>
        )}
      </div>
    </ChartCard>
  );
}
