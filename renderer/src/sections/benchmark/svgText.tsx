// Chart labels on a white plate, so a threshold line or grid line never runs through the digits.
import { usePlotArea, useXAxisScale } from 'recharts';
import { textWidth } from './exportPng';

interface PlateProps {
  x: number;
  /** Baseline-free: the vertical centre of the text. */
  y: number;
  text: string;
  anchor?: 'start' | 'middle' | 'end';
  size?: number;
  fill?: string;
  className?: string;
  data?: Record<string, string>;
}

export function PlateText({ x, y, text, anchor = 'start', size = 12, fill = '#1f2933', className, data }: PlateProps) {
  const w = textWidth(text, size) + 4;
  const left = anchor === 'start' ? x - 2 : anchor === 'middle' ? x - w / 2 : x - w + 2;
  const attrs = Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [`data-${k}`, v]));
  return (
    <g>
      <rect x={left} y={y - size / 2 - 3} width={w} height={size + 6} fill="#ffffff" fillOpacity={0.92} />
      <text x={x} y={y + size * 0.36} fontSize={size} textAnchor={anchor} fill={fill} className={className} {...attrs}>
        {text}
      </text>
    </g>
  );
}

type Num = number | string | undefined;

/** A LabelList `content`: the value just past the end of a horizontal bar (or at the axis for an empty one). */
export function BarEndLabel(props: { x?: Num; y?: Num; width?: Num; height?: Num; value?: unknown; className?: string; series?: string }) {
  const x = Number(props.x ?? 0) + Math.max(0, Number(props.width ?? 0));
  const y = Number(props.y ?? 0) + Number(props.height ?? 0) / 2;
  return <PlateText x={x + 6} y={y} text={String(props.value ?? '')} className={props.className} data={props.series ? { series: props.series } : undefined} />;
}

/** The threshold's caption above the plot, centred on a vertical reference line at `value`. */
export function TopCaption({ value, text, fill = '#1f2933' }: { value: number; text: string; fill?: string }) {
  const xs = useXAxisScale();
  const area = usePlotArea();
  const x = xs?.(value);
  if (x == null || !area) return null;
  // Keep the caption inside the chart when the line is near an edge.
  const half = textWidth(text, 12) / 2 + 4;
  const cx = Math.min(Math.max(x, area.x + half), area.x + area.width + 40 - half);
  return <PlateText x={cx} y={area.y - 12} text={text} anchor="middle" fill={fill} className="bm-threshold-caption" />;
}

/** "no data" at the axis for the rows of a horizontal bar chart that have no value (Recharts draws nothing). */
export function NoDataMarks({ rows, text }: { rows: { value: number | null }[]; text: string }) {
  const xs = useXAxisScale();
  const area = usePlotArea();
  if (!area || !xs || rows.length === 0) return null;
  const band = area.height / rows.length;
  const x0 = xs(0) ?? area.x;
  return (
    <g>
      {rows.map((r, i) =>
        r.value == null ? <PlateText key={i} x={x0 + 6} y={area.y + (i + 0.5) * band} text={text} fill="#6b7785" className="bm-no-data" /> : null,
      )}
    </g>
  );
}

/** A LabelList `content` for line points: the value above (or below) its dot. */
export function PointLabel(props: { x?: Num; y?: Num; value?: unknown; below?: boolean; fill?: string }) {
  const text = String(props.value ?? '');
  if (!text) return null;
  const y = Number(props.y ?? 0) + (props.below ? 16 : -14);
  return <PlateText x={Number(props.x ?? 0)} y={y} text={text} anchor="middle" fill={props.fill} className="bm-point-value" />;
}
