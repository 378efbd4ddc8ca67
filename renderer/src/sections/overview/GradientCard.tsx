import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, LabelList, Rectangle, XAxis, YAxis, type BarShapeProps } from 'recharts';
import { href } from '../../route';
import { ChartCard, useWidth } from '../benchmark/ChartCard';
import { FONT, textWidth } from '../benchmark/exportPng';
import { BarEndLabel } from '../benchmark/svgText';
import { listOf, type OverviewData, type Show } from './model';

const POOL = '#b4232a';
const DISTRICT = '#94a3b8';

/** A plain bar, given as a custom shape so recharts keeps empty bars and their labels ("0", "未提供"). */
const Plain = (props: BarShapeProps) => <Rectangle {...props} />;

interface Props {
  gradient: OverviewData['gradient'];
  firms: number;
  notes: string[];
  show: Show;
}

export function GradientCard({ gradient: g, firms, notes, show }: Props) {
  const { t } = useTranslation();
  const [ref, width] = useWidth(640);
  const withMoves = g.moves.map((m) => m.year);
  const [year, setYear] = useState(() => (withMoves.length ? Math.max(...withMoves) : g.years[g.years.length - 1]));
  const cell = (y: number, code: string) => g.cells.find((c) => c.year === y && c.code === code)!.list;
  const july = g.district.series.find((s) => s.label === '2023-07');
  const source = t('overview.gradient.source', { source: g.district.source });
  const titleOf = (code: string) => t(`titles.${code}`);

  const rows = g.codes.map((code) => {
    const d = july?.counts[code as keyof typeof july.counts];
    // A missing district count is drawn as an empty bar labelled 未提供.
    return { code, label: titleOf(code), pool: cell(year, code).total, district: d ?? 0, districtLabel: d != null ? String(d) : t('overview.gradient.notGiven') };
  });
  const nameWidth = Math.ceil(Math.max(...rows.map((r) => textWidth(r.label, 13))) + 14);
  const poolName = t('overview.gradient.pool', { year });
  const districtName = t('overview.gradient.district');
  const frame = {
    title: t('overview.gradient.chartTitle', { year }),
    legend: [
      { colour: POOL, label: poolName },
      { colour: DISTRICT, label: districtName },
    ],
    notes: [source, t('overview.gradient.incomplete', { firms }), ...notes],
  };
  const moves = g.moves.filter((m) => m.year === year);

  return (
    <section className="card ov-card ov-gradient" aria-labelledby="ov-gradient-h" data-testid="ov-gradient">
      <div className="card-head">
        <h2 id="ov-gradient-h">{t('overview.gradient.heading')}</h2>
        <label className="ov-inline">
          {t('overview.gradient.year')}
          <select value={year} onChange={(e) => setYear(Number(e.target.value))} data-testid="ov-gradient-year">
            {g.years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="ov-warn">{t('overview.gradient.incomplete', { firms })}</p>
      <h3 className="ov-h3">{t('overview.gradient.tableTitle')}</h3>
      <div className="ov-table-wrap">
        <table className="ov-table" data-testid="ov-gradient-table">
          <thead>
            <tr>
              <th>{t('overview.gradient.title')}</th>
              {g.years.map((y) => (
                <th key={y} className={`num${y === year ? ' is-selected' : ''}`}>
                  {y}
                </th>
              ))}
              {g.district.series.map((s) => (
                <th key={s.label} className="num ov-district-col">
                  {t(`overview.gradient.districtCols.${s.label}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {g.codes.map((code) => (
              <tr key={code} data-code={code}>
                <th scope="row">{titleOf(code)}</th>
                {g.years.map((y) => {
                  const list = cell(y, code);
                  return (
                    <td key={y} className={`num${y === year ? ' is-selected' : ''}`}>
                      <button type="button" className="ov-num" data-year={y} onClick={() => show(listOf(t('overview.gradient.cell', { year: y, title: titleOf(code) }), list, source))}>
                        {list.total}
                      </button>
                    </td>
                  );
                })}
                {g.district.series.map((s) => {
                  const n = s.counts[code as keyof typeof s.counts];
                  const label = t(`overview.gradient.districtCols.${s.label}`);
                  return (
                    <td key={s.label} className="num ov-district-col" data-series={s.label}>
                      {n == null ? (
                        <span className="muted">{t('overview.gradient.notGiven')}</span>
                      ) : (
                        <button
                          type="button"
                          className={`ov-num is-district${s.derived ? ' is-derived' : ''}`}
                          onClick={() => show({ title: t('overview.gradient.districtCell', { title: titleOf(code), label }), source, firms: [], total: n, note: t('overview.gradient.districtNoList') })}
                        >
                          {n}
                        </button>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="ov-source">{source}</p>
      {g.undated > 0 && <p className="ov-source">{t('overview.gradient.undated', { count: g.undated })}</p>}
      <div className="ov-gradient-lower">
        <ChartCard chart="ov-funnel" frame={frame} file={`${t('overview.title')}-${frame.title}.png`} figureRef={ref}>
          <div ref={ref} className="bm-figure" data-testid="ov-funnel">
            <BarChart width={Math.max(420, width)} height={rows.length * 46 + 60} data={rows} layout="vertical" barGap={2} margin={{ top: 4, right: 64, bottom: 4, left: 4 }} style={{ fontFamily: FONT }}>
              <CartesianGrid horizontal={false} stroke="#eef0f3" />
              <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12, fill: '#374151' }} height={40} label={{ value: t('overview.gradient.count'), position: 'insideBottom', offset: 0, fontSize: 12, fill: '#1f2933' }} />
              <YAxis type="category" dataKey="label" width={nameWidth} tick={{ fontSize: 13, fill: '#1f2933' }} interval={0} />
              <Bar dataKey="pool" name={poolName} fill={POOL} barSize={14} shape={Plain} isAnimationActive={false}>
                <LabelList dataKey="pool" content={<BarEndLabel series="pool" />} />
              </Bar>
              <Bar dataKey="district" name={districtName} fill={DISTRICT} barSize={14} shape={Plain} isAnimationActive={false}>
                <LabelList dataKey="districtLabel" content={<BarEndLabel series="district" />} />
              </Bar>
            </BarChart>
          </div>
        </ChartCard>
        <div className="ov-moves" data-testid="ov-moves">
          <h3 className="ov-h3">{t('overview.gradient.moves', { year })}</h3>
          {moves.length === 0 && <p className="muted">{t('overview.gradient.noMoves')}</p>}
          <ul className="ov-list">
            {moves.map((m) => (
              <li key={`${m.firmId}-${m.code}`}>
                <a href={href('firm', m.firmId)}>{m.name}</a>
                <span className={`chip chip-${m.code}`}>{t(`titleShort.${m.code}`)}</span>
                <span className={m.up ? 'ov-up' : 'muted'}>{m.from == null ? t('overview.gradient.first') : m.up ? t('overview.gradient.up') : t('overview.gradient.same')}</span>
                {m.from && <span className="muted">{t('overview.gradient.from', { from: t(`titleShort.${m.from}`) })}</span>}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}
