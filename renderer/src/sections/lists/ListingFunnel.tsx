// The 上市后备库 funnel: firms that reached each stage, 入库 to 上市挂牌 (recharts, horizontal bars).
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, LabelList, Rectangle, XAxis, YAxis, type BarShapeProps } from 'recharts';
import type { ListingListT } from '../../../../db/contract';
import { useWidth } from '../benchmark/ChartCard';
import { FONT } from '../benchmark/exportPng';

/** A plain bar as a custom shape, so recharts keeps an empty stage's bar and its label "0". */
const Plain = (props: BarShapeProps) => <Rectangle {...props} />;

export function ListingFunnel({ data }: { data: ListingListT }) {
  const { t } = useTranslation();
  const [ref, width] = useWidth(640);
  const rows = data.funnel.map((s) => ({ stage: s.stage, count: s.count }));
  return (
    <div className="card" data-testid="ls-funnel">
      <h2>{t('lists.listing.funnel', { exited: data.exited })}</h2>
      <div ref={ref}>
        <BarChart layout="vertical" width={Math.max(360, width)} height={44 * rows.length + 40} data={rows} margin={{ top: 8, right: 40, bottom: 8, left: 8 }} style={{ fontFamily: FONT }}>
          <CartesianGrid horizontal={false} stroke="#eef0f3" />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} label={{ value: t('lists.listing.funnelAxis'), position: 'insideBottomRight', offset: -4, fontSize: 12 }} />
          <YAxis type="category" dataKey="stage" width={80} tick={{ fontSize: 13, fill: '#1f2933' }} />
          <Bar dataKey="count" fill="#2f6fb0" maxBarSize={28} shape={Plain} isAnimationActive={false}>
            <LabelList dataKey="count" position="right" fontSize={13} fill="#1f2933" />
          </Bar>
        </BarChart>
      </div>
    </div>
  );
}
