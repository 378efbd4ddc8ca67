// Year over year: two pool years side by side — who is in each, with what status and reason, and their
// revenue and domestic share in each year's data year.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../../db/contract';
import { call } from '../../../api';
import { formatMoney, formatPercent, type Lang } from '../../../format';
import { href } from '../../../route';
import { useAsync } from '../../../useAsync';
import type { SectionContext } from '../../context';
import { ServiceError } from '../ServiceError';

type Row = MethodOutput<'poolYear.compare'>['firms'][number];
/** Carried over unchanged (member → kept) is no change; joining, leaving, graduating or removal is. */
const norm = (s: Row['statusA']) => (s === 'member' ? 'kept' : s);
const changed = (r: Row) => norm(r.statusA) !== norm(r.statusB);

export function Compare({ ctx }: { ctx: SectionContext }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const years = useAsync(() => call('pool.years', {}), [ctx.refresh]);
  const list = (years.data ?? []).map((p) => p.year).sort((x, y) => x - y);
  const [picked, setPicked] = useState<{ a: number; b: number } | null>(null);
  const b = picked?.b ?? (list.includes(ctx.poolYear) ? ctx.poolYear : list[list.length - 1]);
  const a = picked?.a ?? list.filter((y) => y < b).pop() ?? list.find((y) => y !== b);
  const [changedOnly, setChangedOnly] = useState(false);
  const cmp = useAsync(() => (a != null && b != null && a !== b ? call('poolYear.compare', { a, b }) : Promise.resolve(null)), [a, b, ctx.refresh]);

  if (years.data && list.length < 2) {
    return (
      <section className="card rf-compare" data-testid="rf-compare">
        <h2>{t('refresh.poolYear.compare.heading')}</h2>
        <p className="muted">{t('refresh.poolYear.compare.only')}</p>
      </section>
    );
  }
  const rows = (cmp.data?.firms ?? []).filter((r) => !changedOnly || changed(r));
  const status = (s: Row['statusA']) => (s ? t(`pool.status.${s}`) : t('refresh.poolYear.compare.notIn'));
  const pick = (key: 'a' | 'b', value: number) => setPicked({ a: a!, b: b!, [key]: value });
  const yearSelect = (key: 'a' | 'b', value: number | undefined) => (
    <select value={value ?? ''} onChange={(e) => pick(key, Number(e.target.value))} data-testid={`rf-compare-${key}`}>
      {list.map((y) => (
        <option key={y} value={y}>
          {y}
        </option>
      ))}
    </select>
  );

  return (
    <section className="card rf-compare" data-testid="rf-compare" aria-labelledby="rf-compare-title">
      <div className="card-head">
        <h2 id="rf-compare-title">{t('refresh.poolYear.compare.heading')}</h2>
        <div className="actions">
          <label className="rf-inline">
            {t('refresh.poolYear.compare.a')} {yearSelect('a', a)}
          </label>
          <label className="rf-inline">
            {t('refresh.poolYear.compare.b')} {yearSelect('b', b)}
          </label>
          <label className="rf-inline">
            <input type="checkbox" checked={changedOnly} onChange={(e) => setChangedOnly(e.target.checked)} />
            {t('refresh.poolYear.compare.changedOnly')}
          </label>
        </div>
      </div>
      {cmp.error && <ServiceError error={cmp.error} />}
      {cmp.data && (
        <>
          <p className="muted rf-compare-summary">
            {[cmp.data.a, cmp.data.b].map((s) => (
              <span key={s.year}>{t('refresh.poolYear.compare.summary', { year: s.year, count: s.members, dataYear: s.dataYear ?? '—' })}</span>
            ))}
          </p>
          {rows.length === 0 ? (
            <p className="muted">{t('refresh.poolYear.compare.none')}</p>
          ) : (
            <div className="rf-table-wrap">
              <table className="rf-table" data-testid="rf-compare-table">
                <thead>
                  <tr>
                    <th>{t('refresh.poolYear.compare.firm')}</th>
                    <th>{t('refresh.poolYear.compare.statusIn', { year: cmp.data.a.year })}</th>
                    <th>{t('refresh.poolYear.compare.statusIn', { year: cmp.data.b.year })}</th>
                    <th>{t('refresh.poolYear.compare.reason')}</th>
                    <th className="num">{t('refresh.poolYear.compare.revenue')}</th>
                    <th className="num">{t('refresh.poolYear.compare.share')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.firmId} data-firm={r.name} className={changed(r) ? 'is-changed' : undefined}>
                      <td>
                        <a href={href('firm', r.firmId)}>{r.name}</a>
                      </td>
                      <td>{status(r.statusA)}</td>
                      <td>
                        <span className={r.statusB ? `rf-status rf-status-${r.statusB}` : 'muted'}>{status(r.statusB)}</span>
                      </td>
                      <td className="rf-reason">{r.reasonB ?? ''}</td>
                      <td className="num">
                        {formatMoney(r.revenueA, lang)} → {formatMoney(r.revenueB, lang)}
                      </td>
                      <td className="num">
                        {formatPercent(r.shareA)} → {formatPercent(r.shareB)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
