// 标准库 → 对比: the pool's firms under two criteria sets — a table of verdicts with the criteria that decide each
// difference, a small chart of the moves, and the same as an xlsx file.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, XAxis, YAxis } from 'recharts';
import type { CriteriaSetInfoT } from '../../../../db/contract';
import { ApiError, call } from '../../api';
import { SetNotice } from '../../components/SetNotice';
import { useAsync } from '../../useAsync';
import type { SectionContext } from '../context';
import { downloadFile } from '../shortlist/download';

const MOVES = ['gained', 'lost', 'changed', 'same'] as const;
const COLOURS: Record<(typeof MOVES)[number], string> = { gained: '#16a34a', lost: '#dc2626', changed: '#d97706', same: '#94a3b8' };

export function CompareSets({ sets, ctx }: { sets: CriteriaSetInfoT[]; ctx: SectionContext }) {
  const { t, i18n } = useTranslation();
  const title = (s: CriteriaSetInfoT) => (i18n.language === 'en' ? s.title.en : s.title.zh);
  const [from, setFrom] = useState(ctx.setId);
  const [to, setTo] = useState(() => sets.find((s) => s.id !== ctx.setId && s.origin === 'imported')?.id ?? sets.find((s) => s.id !== ctx.setId)?.id ?? ctx.setId);
  const [note, setNote] = useState<string | null>(null);
  const input = { from, to, year: ctx.poolYear, dataYear: ctx.dataYear ?? undefined };
  const result = useAsync(() => call('criteria.compare', input), [from, to, ctx.poolYear, ctx.dataYear, ctx.refresh]);
  const r = result.data;
  const verdict = (v: string | null) => (v ? t(`verdicts.${v}`) : t('criteriaLib.compare.noData'));
  const chart = r ? MOVES.map((m) => ({ move: t(`criteriaLib.compare.moves.${m}`), n: r.counts[m], key: m })) : [];

  const exportXlsx = async () => {
    setNote(null);
    try {
      const file = await call('criteria.compareExport', input);
      if (file.savedTo) setNote(t('criteriaLib.compare.savedTo', { path: file.savedTo }));
      else downloadFile(file);
    } catch (e) {
      setNote(e instanceof ApiError ? e.message : String(e));
    }
  };

  const picker = (value: string, onChange: (v: string) => void, testId: string, label: string) => (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {sets.map((s) => (
          <option key={s.id} value={s.id}>
            {title(s)}（{s.id}）
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section className="card cl-compare" data-testid="criteria-compare">
      <h2>{t('criteriaLib.compare.title', { year: ctx.poolYear })}</h2>
      <div className="cl-compare-pick">
        {picker(from, setFrom, 'compare-from', t('criteriaLib.compare.from'))}
        <span aria-hidden="true">→</span>
        {picker(to, setTo, 'compare-to', t('criteriaLib.compare.to'))}
        <button type="button" onClick={() => void exportXlsx()} disabled={!r} data-testid="compare-export">
          {t('criteriaLib.compare.export')}
        </button>
      </div>
      {sets.filter((s) => s.id === from || s.id === to).map((s) => (
        <SetNotice key={s.id} set={s} poolYear={ctx.poolYear} />
      ))}
      {note && <p className="muted">{note}</p>}
      {result.error && (
        <p className="error" role="alert">
          {result.error.message}
        </p>
      )}
      {r && (
        <>
          <p data-testid="compare-counts">{t('criteriaLib.compare.counts', { firms: r.counts.firms, gained: r.counts.gained, lost: r.counts.lost, changed: r.counts.changed, same: r.counts.same })}</p>
          <BarChart width={420} height={160} data={chart} layout="vertical" margin={{ left: 24, right: 32 }} data-testid="compare-chart">
            <CartesianGrid horizontal={false} strokeDasharray="3 3" />
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey="move" width={90} />
            <Bar dataKey="n" isAnimationActive={false}>
              {chart.map((c) => (
                <Cell key={c.key} fill={COLOURS[c.key]} />
              ))}
              <LabelList dataKey="n" position="right" />
            </Bar>
          </BarChart>
          <table className="criteria-table cl-compare-table" data-testid="compare-table">
            <thead>
              <tr>
                <th>{t('criteriaLib.compare.firm')}</th>
                <th>{t('criteriaLib.compare.verdictFrom', { id: r.from.id })}</th>
                <th>{t('criteriaLib.compare.verdictTo', { id: r.to.id })}</th>
                <th>{t('criteriaLib.compare.move')}</th>
                <th>{t('criteriaLib.compare.deciding')}</th>
              </tr>
            </thead>
            <tbody>
              {r.rows.map((row) => (
                <tr key={row.firmId} data-move={row.move} data-testid="compare-row">
                  <td>{row.name}</td>
                  <td>{verdict(row.from)}</td>
                  <td>{verdict(row.to)}</td>
                  <td className={`move-${row.move}`}>{t(`criteriaLib.compare.moves.${row.move}`)}</td>
                  <td>
                    {row.deciding.map((d) => (
                      <div key={`${d.side}-${d.criterionId}`}>
                        {t(d.side === 'from' ? 'criteriaLib.compare.sideFrom' : 'criteriaLib.compare.sideTo', { id: d.criterionId })}：{d.text}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
