import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, LabelList, ReferenceLine, XAxis, YAxis, useXAxisScale, type BarShapeProps } from 'recharts';
import type { BenchData } from './BenchmarkSection';
import { ChartCard, useWidth } from './ChartCard';
import { BarEndLabel, NoDataMarks, TopCaption } from './svgText';
import { FONT, textWidth } from './exportPng';
import { axisLabel, comparableCriteria, criterionText, fileName, fmt, metricLabel, modalThreshold, OP_TEXT, scaleFor, sortBest, STATUS_COLOUR, withUnit, type Status, type Unit } from './model';

interface Datum {
  firmId: number;
  name: string;
  value: number | null;
  threshold: number | null;
  status: Status;
  label: string;
}

/** One bar, coloured by the firm's status, with a tick at its own threshold when firms' thresholds differ. */
function StatusBar(props: Partial<BarShapeProps> & { common?: number | null }) {
  const xScale = useXAxisScale();
  const { x = 0, y = 0, width = 0, height = 0, payload, common } = props as BarShapeProps & { common?: number | null };
  const d = payload as Datum;
  const left = Math.min(x, x + width);
  const own = d.threshold != null && d.threshold !== common ? xScale?.(d.threshold) : undefined;
  return (
    <g>
      <rect x={left} y={y} width={Math.abs(width)} height={height} fill={STATUS_COLOUR[d.status]} data-status={d.status} data-firm={d.name} className="bm-bar" />
      {own != null && <line x1={own} x2={own} y1={y - 3} y2={y + height + 3} stroke="#1f2933" strokeWidth={2} />}
    </g>
  );
}

export function MetricBars({ data }: { data: BenchData }) {
  const { t } = useTranslation();
  const [ref, width] = useWidth();
  const [picked, setPicked] = useState<string | null>(null);
  const criteria = comparableCriteria(data.set, data.evaluation);
  const firstMoney = criteria.find((c) => data.evaluation.some((r) => r.criteria.some((x) => x.id === c.id && x.unit === 'money')));
  const chosen = criteria.find((c) => c.id === picked) ?? firstMoney ?? criteria[0];

  if (!chosen) {
    return (
      <ChartCard chart="bars" frame={{ title: t('benchmark.bars.heading') }} file={fileName(t('benchmark.filePrefix'), t('benchmark.bars.heading'))} figureRef={ref}>
        <div ref={ref}>
          <p className="muted">{t('benchmark.bars.noCriteria')}</p>
        </div>
      </ChartCard>
    );
  }

  const checks = data.evaluation.map((r) => ({ row: r, c: r.criteria.find((x) => x.id === chosen.id) }));
  const sample = checks.find((x) => x.c?.metric)?.c;
  const metric = sample?.metric ?? '';
  const unit = (sample?.unit ?? 'count') as Unit;
  const op = sample?.op ?? null;
  const scale = scaleFor(unit, checks.flatMap((x) => [x.c?.value, x.c?.threshold]), t, data.lang);
  const items: Datum[] = sortBest(
    checks.map(({ row, c }) => ({
      firmId: row.firmId,
      name: row.name,
      value: c?.value != null ? c.value / scale.div : null,
      threshold: c?.threshold != null ? c.threshold / scale.div : null,
      status: (c?.status ?? 'unknown') as Status,
      label: c?.value != null ? fmt(c.value, scale) : t('benchmark.bars.noData'),
    })),
    op,
  );
  const common = modalThreshold(items.map((d) => d.threshold));
  const varies = items.some((d) => d.threshold != null && d.threshold !== common);
  const missing = items.filter((d) => d.value == null).map((d) => d.name);
  const label = metricLabel(metric, t);
  const nameWidth = Math.min(220, Math.max(72, ...items.map((d) => textWidth(d.name, 13))) + 14);
  const chartWidth = Math.max(560, width);
  const height = 96 + items.length * 30;
  const thresholdText = common != null && op ? t('benchmark.bars.threshold', { op: OP_TEXT[op], value: withUnit(common * scale.div, scale) }) : '';
  const present = new Set(items.map((d) => d.status));

  const frame = {
    title: t('benchmark.bars.title', { metric: label }),
    subtitle: `${data.subtitle} · ${t('benchmark.criterionOption', { id: chosen.id, text: criterionText(chosen, data.lang) })}`,
    legend: [
      ...(['pass', 'fail', 'unknown', 'review'] as const).filter((s) => present.has(s)).map((s) => ({ colour: STATUS_COLOUR[s], label: t(`benchmark.status.${s}`) })),
      ...(thresholdText ? [{ colour: '#1f2933', label: thresholdText, line: true }] : []),
    ],
    notes: [
      t('benchmark.bars.order'),
      ...(varies ? [t('benchmark.bars.varies')] : []),
      ...(missing.length ? [t('benchmark.bars.missing', { count: missing.length, names: missing.join('、') })] : []),
      ...data.notes,
    ],
  };

  const controls = (
    <label className="bm-control">
      {t('benchmark.bars.pick')}
      <select value={chosen.id} onChange={(e) => setPicked(e.target.value)} data-testid="bars-criterion" className="bm-wide-select">
        {criteria.map((c) => (
          <option key={c.id} value={c.id}>
            {t('benchmark.criterionOption', { id: c.id, text: criterionText(c, data.lang) }) + ((data.set?.effective[c.id] ?? c.enabled) ? '' : t('benchmark.criterionDisabled'))}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <ChartCard chart="bars" frame={frame} file={fileName(t('benchmark.filePrefix'), label)} controls={controls} figureRef={ref}>
      <div ref={ref} className="bm-figure" data-testid="bars-figure" data-threshold={common ?? ''} data-unit={scale.unit}>
        <BarChart width={chartWidth} height={height} data={items} layout="vertical" margin={{ top: 26, right: 64, bottom: 8, left: 8 }} style={{ fontFamily: FONT }}>
          <CartesianGrid horizontal={false} stroke="#e5e7eb" />
          <XAxis
            type="number"
            tick={{ fontSize: 12, fill: '#374151' }}
            tickFormatter={(v: number) => v.toLocaleString('zh-CN', { maximumFractionDigits: scale.decimals })}
            height={46}
            label={{ value: axisLabel(label, scale, t), position: 'insideBottom', offset: 0, fontSize: 13, fill: '#1f2933' }}
          />
          <YAxis type="category" dataKey="name" width={nameWidth} tick={{ fontSize: 13, fill: '#1f2933' }} interval={0} />
          <Bar dataKey="value" isAnimationActive={false} barSize={18} shape={<StatusBar common={common} />}>
            <LabelList dataKey="label" content={<BarEndLabel className="bm-bar-value" />} />
          </Bar>
          {common != null && (
            <ReferenceLine
              x={common}
              stroke="#1f2933"
              strokeWidth={1.5}
              strokeDasharray="6 4"
              ifOverflow="extendDomain"
            />
          )}
          {common != null && <TopCaption value={common} text={thresholdText} />}
          <NoDataMarks rows={items} text={t('benchmark.bars.noData')} />
        </BarChart>
      </div>
    </ChartCard>
  );
}
