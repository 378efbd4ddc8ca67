import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, LabelList, XAxis, YAxis } from 'recharts';
import { formatMoney } from '../../format';
import { ChartCard, useWidth } from '../benchmark/ChartCard';
import { FONT } from '../benchmark/exportPng';
import { TITLE_COLOUR, type Lang, type OverviewData, type Show } from './model';
import { RewardEditor } from './RewardEditor';
import { PaidRewards } from '../lists/PaidRewards';

/** The invisible top of each stack: drawn even at zero height, so the year's total sits on top. */
const Cap = () => <g />;

interface Props {
  rewards: OverviewData['rewards'];
  dataYear: number | null;
  setTitle: (id: string) => string;
  notes: string[];
  show: Show;
  onChanged: () => void;
}

export function RewardCard({ rewards: r, dataYear, setTitle, notes, show, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const [editing, setEditing] = useState(false);
  const [ref, width] = useWidth(900);
  const titleOf = (code: string) => t(`titles.${code}`);
  const money = (v: number) => (v ? formatMoney(v, lang) : '—');
  // The sources of the amounts: the one most titles share as it is, any other with the titles it covers.
  const bySource = new Map<string, string[]>();
  for (const x of r.table) bySource.set(x.source, [...(bySource.get(x.source) ?? []), titleOf(x.code)]);
  const groups = [...bySource].sort((a, b) => b[1].length - a[1].length);
  const sources = groups.map(([source, titles], i) => (i === 0 ? source : `${titles.join('、')}：${source}`));
  const basis = (row: OverviewData['rewards']['rows'][number]) =>
    row.setId ? t('overview.rewards.setLine', { set: setTitle(row.setId), year: dataYear ?? t('overview.latestYear'), amount: formatMoney(row.amount, lang) }) : t('overview.rewards.noSet');

  const shown = r.rows.filter((row) => row.total > 0);
  const div = lang === 'en' ? 100 : 1;
  const unit = lang === 'en' ? t('overview.rewards.chartAxis') : t('overview.rewards.unitWan');
  const data = r.years.map((year, i) => ({
    year: t('overview.rewards.year', { year }),
    ...Object.fromEntries(shown.map((row) => [row.code, row.cells[i].total / div])),
    cap: 0,
    sumLabel: r.totals[i].total ? money(r.totals[i].total) : '', // an empty year keeps its place on the axis, unlabelled
  }));
  const frame = {
    title: t('overview.rewards.chartTitle'),
    subtitle: t('overview.rewards.sourceLine', { source: sources.join('；') }),
    legend: shown.map((row) => ({ colour: TITLE_COLOUR[row.code], label: titleOf(row.code) })),
    notes: [t('overview.rewards.note', { horizon: r.horizon }), ...notes],
  };

  return (
    <section className="card ov-card" aria-labelledby="ov-rewards-h" data-testid="ov-rewards">
      <div className="card-head">
        <h2 id="ov-rewards-h">{t('overview.rewards.heading')}</h2>
        <button type="button" onClick={() => setEditing((e) => !e)} aria-expanded={editing} data-testid="ov-rewards-edit">
          {editing ? t('overview.rewards.done') : t('overview.rewards.edit')}
        </button>
      </div>
      {editing && <RewardEditor table={r.table} onChanged={onChanged} />}
      <div className="ov-table-wrap">
        <table className="ov-table ov-reward-table" data-testid="ov-reward-table">
          <thead>
            <tr>
              <th>{t('overview.rewards.title')}</th>
              <th className="num">{t('overview.rewards.amount')}</th>
              <th className="num">{t('overview.rewards.held')}</th>
              {r.years.map((y) => (
                <th key={y} className="num">
                  {t('overview.rewards.year', { year: y })}
                </th>
              ))}
              <th className="num">{t('overview.rewards.total')}</th>
              <th className="num">{t('overview.rewards.review')}</th>
            </tr>
          </thead>
          <tbody>
            {r.rows.map((row) => (
              <tr key={row.code} data-code={row.code}>
                <th scope="row">{titleOf(row.code)}</th>
                <td className="num" data-testid={`ov-amount-${row.code}`}>
                  {formatMoney(row.amount, lang)}
                </td>
                <td className="num">{row.held}</td>
                {row.setId == null ? (
                  <td colSpan={r.years.length + 2} className="muted ov-noset">
                    {t('overview.rewards.noSet')}
                  </td>
                ) : (
                  <>
                    {row.cells.map((c) => (
                      <td key={c.year} className="num" data-year={c.year}>
                        {c.count > 0 ? (
                          <button type="button" className="ov-num" onClick={() => show({ title: t('overview.rewards.cellList', { year: c.year, title: titleOf(row.code), amount: money(c.total) }), source: basis(row), firms: c.firms, total: c.count })}>
                            {t('overview.rewards.cell', { amount: money(c.total), count: c.count })}
                          </button>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                    ))}
                    <td className="num ov-strong" data-testid={`ov-total-${row.code}`}>
                      {row.total === 0 ? (
                        <span className="muted">—</span>
                      ) : (
                        <button type="button" className="ov-num" onClick={() => show({ title: t('overview.rewards.totalList', { title: titleOf(row.code), amount: money(row.total) }), source: basis(row), firms: row.cells.flatMap((c) => c.firms), total: row.cells.reduce((n, c) => n + c.count, 0) })}>
                          {money(row.total)}
                        </button>
                      )}
                    </td>
                    <td className="num ov-review">
                      {row.reviewCount > 0 ? (
                        <button type="button" className="ov-num" onClick={() => show({ title: t('overview.rewards.reviewList', { title: titleOf(row.code), amount: money(row.reviewTotal) }), source: basis(row), firms: row.review, total: row.reviewCount })}>
                          {t('overview.rewards.cell', { amount: money(row.reviewTotal), count: row.reviewCount })}
                        </button>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                {t('overview.rewards.sum')}
              </th>
              {r.totals.map((x, i) => (
                <td key={x.year} className="num ov-strong" data-year={x.year}>
                  <button
                    type="button"
                    className="ov-num"
                    onClick={() => {
                      const firms = r.rows.flatMap((row) => row.cells[i].firms.map((f) => ({ ...f, extra: `${t(`titleShort.${row.code}`)} · ${formatMoney(row.amount, lang)}` })));
                      const total = r.rows.reduce((n, row) => n + row.cells[i].count, 0);
                      show({ title: t('overview.rewards.yearList', { year: x.year, amount: money(x.total) }), source: t('overview.rewards.note', { horizon: r.horizon }), firms, total });
                    }}
                  >
                    {money(x.total)}
                  </button>
                </td>
              ))}
              <td className="num ov-strong" data-testid="ov-reward-total">
                {money(r.total)}
              </td>
              <td className="num ov-review" data-testid="ov-review-total">
                {money(r.reviewTotal)}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <PaidRewards rows={r.rows} />
      <p className="ov-source">{t('overview.rewards.note', { horizon: r.horizon })}</p>
      <p className="ov-source">{frame.subtitle}</p>
      {data.length > 0 && (
        <ChartCard chart="ov-rewards" frame={frame} file={`${t('overview.title')}-${frame.title}.png`} figureRef={ref}>
          <div ref={ref} className="bm-figure" data-testid="ov-reward-chart">
            <BarChart width={Math.max(480, width)} height={280} data={data} margin={{ top: 24, right: 16, bottom: 4, left: 8 }} style={{ fontFamily: FONT }}>
              <CartesianGrid vertical={false} stroke="#eef0f3" />
              <XAxis dataKey="year" tick={{ fontSize: 13, fill: '#1f2933' }} />
              <YAxis tick={{ fontSize: 12, fill: '#374151' }} width={64} label={{ value: unit, angle: -90, position: 'insideLeft', fontSize: 12, fill: '#1f2933' }} />
              {shown.map((row) => (
                <Bar key={row.code} dataKey={row.code} name={titleOf(row.code)} stackId="a" fill={TITLE_COLOUR[row.code]} maxBarSize={72} isAnimationActive={false} />
              ))}
              <Bar dataKey="cap" stackId="a" fill="transparent" shape={Cap} isAnimationActive={false}>
                <LabelList dataKey="sumLabel" position="top" fontSize={13} fill="#1f2933" />
              </Bar>
            </BarChart>
          </div>
        </ChartCard>
      )}
    </section>
  );
}
