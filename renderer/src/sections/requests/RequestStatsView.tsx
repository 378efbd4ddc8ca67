// Statistics as of a day over a period: per 责任部门, category, town and month — received, closed on time and
// late, open, overdue, average days to close, satisfaction — with two charts, the 周报/月报 files, and print.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { call } from '../../api';
import { useAsync } from '../../useAsync';
import { formatDay, isDay, type Lang, type RequestStatsT } from './model';
import { useFileAnswer } from './useFileAnswer';

type Group = RequestStatsT['byDepartment'][number];
const METRICS = ['received', 'closed', 'closedOnTime', 'closedLate', 'open', 'overdue'] as const;
const COLOURS = { closedOnTime: '#16a34a', closedLate: '#f59e0b', open: '#60a5fa', overdue: '#dc2626', received: '#1f4e79', closed: '#16a34a' };

function StatsTable({ title, first, groups, total, testId }: { title: string; first: string; groups: Group[]; total: Group; testId: string }) {
  const { t } = useTranslation();
  const row = (g: Group, isTotal = false) => (
    <tr key={g.key} className={isTotal ? 'rq-total' : undefined} data-key={g.key}>
      <th scope="row">{g.key}</th>
      {METRICS.map((m) => (
        <td key={m} data-metric={m}>
          {g[m]}
        </td>
      ))}
      <td data-metric="avgDays">{g.avgDaysToClose ?? '—'}</td>
      <td data-metric="satisfaction">{g.satisfactionRate === null ? '—' : `${g.satisfactionRate}%`}</td>
    </tr>
  );
  return (
    <div className="card rq-stats-card">
      <h2>{title}</h2>
      <table className="rq-table rq-stats" data-testid={testId}>
        <thead>
          <tr>
            <th>{first}</th>
            {METRICS.map((m) => (
              <th key={m}>{t(`requests.stats.${m}`)}</th>
            ))}
            <th>{t('requests.stats.avgDays')}</th>
            <th>{t('requests.stats.satisfaction')}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => row(g))}
          {row({ ...total, key: t('requests.stats.total') }, true)}
        </tbody>
      </table>
    </div>
  );
}

export function RequestStatsView({ asOf, refresh }: { asOf: string; refresh: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const span = { asOf, from: isDay(from) ? from : undefined, to: isDay(to) && to <= asOf ? to : undefined };
  const stats = useAsync(() => call('requests.stats', span), [asOf, span.from, span.to, refresh]);
  const files = useFileAnswer();
  const s = stats.data;
  const period = s ? (s.from ? t('requests.stats.periodSpan', { from: formatDay(s.from, lang), to: formatDay(s.to, lang) }) : t('requests.stats.periodAll', { to: formatDay(s.to, lang) })) : '';

  return (
    <div className="rq-stats-view" data-testid="rq-stats">
      <div className="card rq-filters rq-noprint">
        <label>
          {t('requests.stats.period')} {t('requests.stats.from')}
          <input value={from} onChange={(e) => setFrom(e.target.value)} placeholder="YYYY-MM-DD" size={10} data-testid="rq-stats-from" />
        </label>
        <label>
          {t('requests.stats.to')}
          <input value={to} onChange={(e) => setTo(e.target.value)} placeholder="YYYY-MM-DD" size={10} data-testid="rq-stats-to" />
        </label>
        <span className="spacer" />
        <button type="button" disabled={files.busy} onClick={() => void files.run(() => call('requests.report', { asOf, period: 'week' }))} data-testid="rq-weekly">
          {t('requests.stats.weekly')}
        </button>
        <button type="button" disabled={files.busy} onClick={() => void files.run(() => call('requests.report', { asOf, period: 'month', ...(span.from ? { from: span.from, to: span.to ?? asOf } : {}) }))} data-testid="rq-monthly">
          {t('requests.stats.monthly')}
        </button>
        <button type="button" onClick={() => window.print()}>
          {t('requests.stats.print')}
        </button>
      </div>
      {files.outcome && <p className={files.outcome.error ? 'error' : 'status-line'}>{files.outcome.text}</p>}
      {stats.error && (
        <p className="error" role="alert">
          {stats.error.message}
        </p>
      )}
      {s && (
        <>
          <h2 className="rq-print-title">{t('requests.stats.heading')}</h2>
          <p className="muted" data-testid="rq-stats-basis">
            {t('requests.stats.basis', { asOf: formatDay(s.asOf, lang), period })}
          </p>
          <div className="rq-charts">
            <div className="card">
              <h2>{t('requests.stats.chartDepartments')}</h2>
              <BarChart width={560} height={Math.max(200, 40 + s.byDepartment.length * 30)} data={s.byDepartment} layout="vertical" margin={{ left: 8, right: 16 }}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" allowDecimals={false} />
                <YAxis type="category" dataKey="key" width={150} tick={{ fontSize: 12 }} interval={0} />
                <Tooltip />
                <Legend />
                {(['closedOnTime', 'closedLate', 'open'] as const).map((m) => (
                  <Bar key={m} dataKey={m} stackId="a" name={t(`requests.stats.${m}`)} fill={COLOURS[m]} isAnimationActive={false} />
                ))}
                <Bar dataKey="overdue" name={t('requests.stats.overdue')} fill={COLOURS.overdue} isAnimationActive={false} />
              </BarChart>
            </div>
            <div className="card">
              <h2>{t('requests.stats.chartMonths')}</h2>
              <LineChart width={420} height={240} data={s.byMonth} margin={{ left: 0, right: 16, top: 8 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="key" tick={{ fontSize: 12 }} />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Legend />
                <Line dataKey="received" name={t('requests.stats.received')} stroke={COLOURS.received} isAnimationActive={false} />
                <Line dataKey="closed" name={t('requests.stats.closed')} stroke={COLOURS.closed} isAnimationActive={false} />
              </LineChart>
            </div>
          </div>
          <StatsTable title={t('requests.stats.byDepartment')} first={t('requests.col.department')} groups={s.byDepartment} total={{ key: '', ...s.total }} testId="rq-stats-department" />
          <StatsTable title={t('requests.stats.byCategory')} first={t('requests.col.category')} groups={s.byCategory} total={{ key: '', ...s.total }} testId="rq-stats-category" />
          <StatsTable title={t('requests.stats.byTown')} first={t('requests.filters.town')} groups={s.byTown} total={{ key: '', ...s.total }} testId="rq-stats-town" />
          <StatsTable title={t('requests.stats.byMonth')} first={t('requests.stats.byMonth')} groups={s.byMonth} total={{ key: '', ...s.total }} testId="rq-stats-month" />
        </>
      )}
    </div>
  );
}
