import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, LabelList, XAxis, YAxis, usePlotArea, useXAxisScale } from 'recharts';
import type { BenchData } from './BenchmarkSection';
import { ChartCard, useWidth } from './ChartCard';
import { FONT, textWidth } from './exportPng';
import { BarEndLabel } from './svgText';
import { DISTRICT_2023, fileName, FUNNEL_TITLES, titleCounts } from './model';

const POOL = '#b4232a';
const DISTRICT = '#94a3b8';

const BAR = 20;
const BAR_GAP = 3;

interface Row {
  code: string;
  pool: number;
  district: number | null;
  districtLabel: string;
}

/** The labels Recharts leaves out with a zero or missing bar ("0", "未提供"), at the bar's place. */
function EmptyBarValues({ rows }: { rows: Row[] }) {
  const area = usePlotArea();
  const xs = useXAxisScale();
  if (!area || !xs) return null;
  const x0 = xs(0) ?? area.x;
  const band = area.height / rows.length;
  return (
    <g>
      {rows.flatMap((r, i) => {
        const top = area.y + i * band + (band - (BAR * 2 + BAR_GAP)) / 2;
        const out = [];
        if (!r.pool) out.push(<BarEndLabel key={`${r.code}-p`} x={x0} y={top} width={0} height={BAR} value={r.pool} series="pool" className="bm-funnel-value" />);
        if (!r.district) out.push(<BarEndLabel key={`${r.code}-d`} x={x0} y={top + BAR + BAR_GAP} width={0} height={BAR} value={r.districtLabel} series="district" className="bm-funnel-value" />);
        return out;
      })}
    </g>
  );
}

export function TitleFunnel({ data }: { data: BenchData }) {
  const { t } = useTranslation();
  const [ref, width] = useWidth();
  const counts = titleCounts(data.pool);
  const rows = FUNNEL_TITLES.map((code) => ({
    code,
    label: t(`titles.${code}`),
    pool: counts[code],
    district: DISTRICT_2023[code] ?? null,
    districtLabel: DISTRICT_2023[code] != null ? String(DISTRICT_2023[code]) : t('benchmark.funnel.notGiven'),
  }));
  const poolName = t('benchmark.funnel.pool', { count: data.pool.length });
  const districtName = t('benchmark.funnel.district');
  const nameWidth = Math.ceil(Math.max(...rows.map((r) => textWidth(r.label, 13))) + 14);

  const frame = {
    title: t('benchmark.funnel.heading'),
    // Titles held do not depend on the data year or the criteria set.
    subtitle: data.poolName,
    legend: [
      { colour: POOL, label: poolName },
      { colour: DISTRICT, label: districtName },
    ],
    notes: [t('benchmark.funnel.context'), t('benchmark.funnel.poolNote'), ...data.notes],
  };

  return (
    <ChartCard chart="funnel" frame={frame} file={fileName(t('benchmark.filePrefix'), t('benchmark.funnel.heading'))} figureRef={ref}>
      <div ref={ref} className="bm-figure" data-testid="funnel-figure">
        <BarChart width={Math.max(560, width)} height={rows.length * 66 + 70} data={rows} layout="vertical" barGap={BAR_GAP} margin={{ top: 8, right: 72, bottom: 8, left: 8 }} style={{ fontFamily: FONT }}>
          <CartesianGrid horizontal={false} stroke="#eef0f3" />
          <XAxis
            type="number"
            allowDecimals={false}
            tick={{ fontSize: 12, fill: '#374151' }}
            height={46}
            label={{ value: t('benchmark.funnel.count'), position: 'insideBottom', offset: 0, fontSize: 13, fill: '#1f2933' }}
          />
          <YAxis type="category" dataKey="label" width={nameWidth} tick={{ fontSize: 13, fill: '#1f2933' }} interval={0} />
          <Bar dataKey="pool" name={poolName} fill={POOL} barSize={BAR} isAnimationActive={false} className="bm-funnel-pool">
            <LabelList dataKey="pool" content={<BarEndLabel series="pool" className="bm-funnel-value" />} />
          </Bar>
          <Bar dataKey="district" name={districtName} fill={DISTRICT} barSize={BAR} isAnimationActive={false} className="bm-funnel-district">
            <LabelList dataKey="districtLabel" content={<BarEndLabel series="district" className="bm-funnel-value" />} />
          </Bar>
          <EmptyBarValues rows={rows} />
        </BarChart>
      </div>
    </ChartCard>
  );
}
