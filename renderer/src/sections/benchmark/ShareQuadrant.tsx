import { useTranslation } from 'react-i18next';
import { CartesianGrid, ReferenceArea, ReferenceLine, Scatter, ScatterChart, XAxis, YAxis, usePlotArea, useXAxisScale, useYAxisScale } from 'recharts';
import type { BenchData } from './BenchmarkSection';
import { ChartCard, useWidth } from './ChartCard';
import { FONT, textWidth } from './exportPng';
import type { PoolRowT } from '../../../../db/contract';
import { axisLabel, fileName, metricLabel, niceMax, OP_TEXT, QUADRANT_COLOUR, scaleFor, withUnit, type Quadrant } from './model';
import { meets, quadrantAxes, valueOf, type QuadrantLine } from './quadrantAxes';

const CAP = 200;
const QUADRANTS: Quadrant[] = ['both', 'shareOnly', 'revenueOnly', 'neither'];

interface Point {
  firmId: number;
  name: string;
  x: number;
  y: number;
  quadrant: Quadrant;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * Firm names beside their dots, placed greedily (right, left, above, below, then further out) so that no two
 * names and no name and dot overlap; the quadrant captions are placed first and kept clear as well.
 */
function Labels({ points, captions }: { points: Point[]; captions: Record<Quadrant, string> }) {
  const xs = useXAxisScale();
  const ys = useYAxisScale();
  const area = usePlotArea();
  if (!xs || !ys || !area) return null;
  const px = points.map((p) => ({ ...p, cx: xs(p.x) ?? 0, cy: ys(p.y) ?? 0 }));
  const size = 12;
  const taken: Box[] = px.map((p) => ({ x: p.cx - 6, y: p.cy - 6, w: 12, h: 12 }));
  const inside = (b: Box) => b.x >= area.x && b.x + b.w <= area.x + area.width && b.y >= area.y && b.y + b.h <= area.y + area.height;

  const corner: Record<Quadrant, { x: number; y: number; anchor: 'start' | 'end' }> = {
    shareOnly: { x: area.x + 8, y: area.y + 18, anchor: 'start' },
    both: { x: area.x + area.width - 8, y: area.y + 18, anchor: 'end' },
    neither: { x: area.x + 8, y: area.y + area.height - 8, anchor: 'start' },
    revenueOnly: { x: area.x + area.width - 8, y: area.y + area.height - 8, anchor: 'end' },
  };
  const captionEls = QUADRANTS.map((q) => {
    const c = corner[q];
    const w = textWidth(captions[q], 13);
    taken.push({ x: c.anchor === 'end' ? c.x - w : c.x, y: c.y - 14, w, h: 18 });
    return (
      <text key={q} x={c.x} y={c.y} textAnchor={c.anchor} fontSize={13} fontWeight={600} fill={QUADRANT_COLOUR[q]} opacity={0.85} className="bm-quadrant-caption">
        {captions[q]}
      </text>
    );
  });

  // Crowded dots first get the nearest free spots.
  const order = [...px].sort((a, b) => a.cx - b.cx || a.cy - b.cy);
  const labels = order.map((p) => {
    const w = textWidth(p.name, size) + 2;
    const h = size + 4;
    const tries: [number, number][] = [];
    for (const d of [0, 14, 28]) {
      tries.push([p.cx + 9, p.cy - h / 2 - d], [p.cx + 9, p.cy - h / 2 + d], [p.cx - 9 - w, p.cy - h / 2 - d], [p.cx - 9 - w, p.cy - h / 2 + d]);
      tries.push([p.cx - w / 2, p.cy - 10 - h - d], [p.cx - w / 2, p.cy + 10 + d]);
    }
    const spot = tries.map(([x, y]) => ({ x, y, w, h })).find((b) => inside(b) && !taken.some((o) => overlaps(o, b))) ?? { x: p.cx + 9, y: p.cy - h / 2, w, h };
    taken.push(spot);
    const far = Math.hypot(spot.x + w / 2 - p.cx, spot.y + h / 2 - p.cy) > w / 2 + 22;
    return (
      <g key={p.firmId}>
        {far && <line x1={p.cx} y1={p.cy} x2={spot.x + (spot.x > p.cx ? 0 : w)} y2={spot.y + h / 2} stroke="#9aa3ad" strokeWidth={0.8} />}
        <text x={spot.x + 1} y={spot.y + h - 4} fontSize={size} fill="#1f2933" className="bm-point-label" data-firm={p.name}>
          {p.name}
        </text>
      </g>
    );
  });
  return (
    <g>
      {captionEls}
      {labels}
    </g>
  );
}

/** The default axes where neither the set nor the library has a line (no shipped set lacks both). */
const FALLBACK = { size: 'revenue', position: 'share_domestic' } as const;

export function ShareQuadrant({ data }: { data: BenchData }) {
  const { t } = useTranslation();
  const [ref, width] = useWidth();
  const axes = quadrantAxes(data.set, data.library ?? []);
  const rows = data.pool.slice(0, CAP);
  const evaluated = new Map(data.evaluation.map((e) => [e.firmId, e]));
  const valueIn = (dimension: 'size' | 'position', r: PoolRowT) => {
    const line = axes[dimension];
    if (line) return valueOf(line, r, evaluated.get(r.firmId));
    return dimension === 'size' ? r.revenue : r.shareDomestic;
  };
  const sizeLine = axes.size;
  const posLine = axes.position;
  const rank = posLine?.unit === 'rank';
  const values = rows.map((r) => ({ r, x: valueIn('size', r), y: valueIn('position', r) }));
  const scale = scaleFor('money', [sizeLine?.value ?? 0, ...values.map((v) => v.x ?? 0)], t, data.lang);
  const quadrant = (x: number, y: number): Quadrant => {
    const big = sizeLine ? meets(sizeLine, x) : false;
    const strong = posLine ? meets(posLine, y) : false;
    return big && strong ? 'both' : strong ? 'shareOnly' : big ? 'revenueOnly' : 'neither';
  };
  const points: Point[] = values
    .filter((v) => v.x != null && v.y != null)
    .map(({ r, x, y }) => ({ firmId: r.firmId, name: r.name, x: x! / scale.div, y: y!, quadrant: quadrant(x!, y!) }));
  const missing = values.filter((v) => v.x == null || v.y == null).map((v) => v.r.name);
  const captions = Object.fromEntries(QUADRANTS.map((q) => [q, t(`benchmark.quadrant.${q}`)])) as Record<Quadrant, string>;
  const xLine = sizeLine ? sizeLine.value / scale.div : null;
  const yLine = posLine?.value ?? null;
  const maxX = niceMax(Math.max((xLine ?? 0) * 1.25, ...points.map((p) => p.x)) * 1.05);
  const maxY = niceMax(Math.max((yLine ?? 0) * (rank ? 2 : 1.5), ...points.map((p) => p.y)) * 1.05);
  const chartWidth = Math.max(600, width);
  const metricName = (dimension: 'size' | 'position') => metricLabel(axes[dimension]?.metric ?? FALLBACK[dimension], t);
  const plain = (m: string) => !m.includes('(');
  const xName = plain(axes.size?.metric ?? FALLBACK.size) && data.dataYear ? t('benchmark.quadrant.x', { year: data.dataYear, metric: metricName('size') }) : metricName('size');
  const xLabel = axisLabel(xName, scale, t);
  const yLabel = axisLabel(metricName('position'), rank ? { div: 1, unit: t('benchmark.units.rank'), decimals: 0 } : { div: 1, unit: '%', decimals: 1 }, t);
  const lineValue = (l: QuadrantLine) => (l.unit === 'money' ? withUnit(l.value, scaleFor('money', [l.value], t, data.lang)) : l.unit === 'percent' ? `${l.value}%` : String(l.value));
  const lineText = (l: QuadrantLine) => t('benchmark.quadrant.line', { id: l.criterionId, metric: metricLabel(l.metric, t), op: OP_TEXT[l.op], value: lineValue(l) });
  const title = (l: QuadrantLine) => (data.lang === 'en' ? l.setTitle.en : l.setTitle.zh);
  const own = [sizeLine, posLine].filter((l): l is QuadrantLine => l != null && l.own);
  const lineNotes = [
    ...(own.length ? [t('benchmark.quadrant.own', { set: title(own[0]), lines: own.map(lineText).join('；') })] : []),
    ...(['size', 'position'] as const).flatMap((d) => {
      const l = axes[d];
      const what = t(`benchmark.quadrant.what.${d}`);
      if (!l) return [t('benchmark.quadrant.none', { what })];
      return l.own ? [] : [t('benchmark.quadrant.borrowed', { what, set: title(l), line: lineText(l) })];
    }),
  ];

  const frame = {
    title: t('benchmark.quadrant.heading'),
    subtitle: data.subtitle,
    legend: QUADRANTS.map((q) => ({ colour: QUADRANT_COLOUR[q], label: captions[q] })),
    notes: [
      ...lineNotes,
      ...(data.pool.length > CAP ? [t('benchmark.quadrant.capped', { count: CAP })] : []),
      ...(missing.length ? [t('benchmark.quadrant.missing', { x: metricName('size'), y: metricName('position'), count: missing.length, names: missing.join('、') })] : []),
      ...data.notes,
    ],
  };
  const tickFormatter = (v: number) => v.toLocaleString('zh-CN', { maximumFractionDigits: 1 });

  return (
    <ChartCard chart="quadrant" frame={frame} file={fileName(t('benchmark.filePrefix'), t('benchmark.quadrant.heading'))} figureRef={ref}>
      <div
        ref={ref}
        className="bm-figure"
        data-testid="quadrant-figure"
        data-x-metric={sizeLine?.metric ?? FALLBACK.size}
        data-y-metric={posLine?.metric ?? FALLBACK.position}
        data-x-line={sizeLine?.value ?? ''}
        data-y-line={posLine?.value ?? ''}
        data-lines-from={[sizeLine?.setId ?? '', posLine?.setId ?? ''].join(' ')}
      >
        <ScatterChart width={chartWidth} height={520} margin={{ top: 24, right: 28, bottom: 8, left: 8 }} style={{ fontFamily: FONT }}>
          <CartesianGrid stroke="#eef0f3" />
          {xLine != null && yLine != null && (
            <ReferenceArea x1={xLine} x2={maxX} y1={rank ? 0 : yLine} y2={rank ? yLine : maxY} fill={QUADRANT_COLOUR.both} fillOpacity={0.06} ifOverflow="hidden" />
          )}
          <XAxis
            type="number"
            dataKey="x"
            domain={[0, maxX]}
            tick={{ fontSize: 12, fill: '#374151' }}
            tickFormatter={tickFormatter}
            height={46}
            label={{ value: xLabel, position: 'insideBottom', offset: 0, fontSize: 13, fill: '#1f2933' }}
          />
          <YAxis
            type="number"
            dataKey="y"
            domain={[0, maxY]}
            reversed={rank}
            allowDecimals={!rank}
            tick={{ fontSize: 12, fill: '#374151' }}
            tickFormatter={tickFormatter}
            width={64}
            label={{ value: yLabel, angle: -90, position: 'insideLeft', offset: 10, fontSize: 13, fill: '#1f2933', style: { textAnchor: 'middle' } }}
          />
          {xLine != null && sizeLine && (
            <ReferenceLine x={xLine} stroke="#b4232a" strokeDasharray="6 4" strokeWidth={1.5} label={{ value: withUnit(sizeLine.value, scale), position: 'top', fontSize: 12, fill: '#b4232a' }} />
          )}
          {yLine != null && posLine && (
            <ReferenceLine
              y={yLine}
              stroke="#b4232a"
              strokeDasharray="6 4"
              strokeWidth={1.5}
              label={{ value: `${OP_TEXT[posLine.op]} ${lineValue(posLine)}`, position: 'insideBottomRight', fontSize: 12, fill: '#b4232a' }}
            />
          )}
          <Scatter
            data={points}
            isAnimationActive={false}
            shape={(p: { cx?: number; cy?: number; payload?: Point }) => (
              <circle cx={p.cx} cy={p.cy} r={6} fill={QUADRANT_COLOUR[p.payload!.quadrant]} stroke="#fff" strokeWidth={1.5} className="bm-dot" data-firm={p.payload!.name} data-quadrant={p.payload!.quadrant} />
            )}
          />
          <Labels points={points} captions={captions} />
        </ScatterChart>
      </div>
    </ChartCard>
  );
}
