// Step 5: what applying would change, before anything is written — counts, new firms, changed values
// (old → new), pool firms the file does not mention, verdict changes under the chosen set — and whether the
// file's firms join the pool year.
import { useTranslation } from 'react-i18next';
import type { CriteriaSetInfoT, VerdictT } from '../../../../db/contract';
import { call } from '../../api';
import { formatNumber, type Lang } from '../../format';
import { useAsync } from '../../useAsync';
import type { SectionContext } from '../context';
import { ChangedFirms, NewFirms } from './FirmChanges';
import type { ImportReport, ImportState } from './useImport';

const COUNTS = ['rows', 'newFirms', 'changedFirms', 'unchangedFirms', 'changedValues', 'newYears', 'newValues'] as const;

function Verdict({ v }: { v: string | null }) {
  const { t } = useTranslation();
  if (v === null) return <span className="muted">{t('refresh.preview.notEvaluated')}</span>;
  return <span className={`verdict verdict-${v}`}>{t(`verdicts.${v as VerdictT}`)}</span>;
}

function Verdicts({ report, ctx, addToPool }: { report: ImportReport; ctx: SectionContext; addToPool: boolean }) {
  const { t, i18n } = useTranslation();
  const sets = useAsync(() => call('criteria.list', {}), []);
  const set: CriteriaSetInfoT | undefined = sets.data?.find((s) => s.id === ctx.setId);
  const setName = set ? ((i18n.language as Lang) === 'en' ? set.title.en : set.title.zh) : ctx.setId;
  // Firms the import itself creates are judged as if they joined the pool; without that choice they do not.
  const known = new Set([...report.firms.map((f) => f.firmId), ...report.missing.map((m) => m.firmId)]);
  const rows = report.verdicts.filter((v) => addToPool || known.has(v.firmId));
  const joining = report.verdicts.some((v) => !known.has(v.firmId));
  return (
    <div className="rf-part" data-testid="rf-verdicts">
      <h3>{t('refresh.preview.verdicts', { set: setName })}</h3>
      {rows.length === 0 ? (
        <p className="muted">{t('refresh.preview.verdictsNone')}</p>
      ) : (
        <table className="rf-table rf-verdicts">
          <thead>
            <tr>
              <th>{t('refresh.preview.firm')}</th>
              <th>{t('refresh.preview.before')}</th>
              <th>{t('refresh.preview.after')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((v) => (
              <tr key={v.firmId} data-firm={v.name}>
                <td>{v.name}</td>
                <td>
                  <Verdict v={v.before} />
                </td>
                <td>
                  <Verdict v={v.after} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {joining && <p className="hint muted">{t('refresh.preview.joiningHint')}</p>}
    </div>
  );
}

export function PreviewStep({ im, ctx }: { im: ImportState; ctx: SectionContext }) {
  const { t } = useTranslation();
  const report = im.analysis!.report;
  const counts = report.counts!;
  const fresh = report.firms.filter((f) => f.firmId === null);
  const changed = report.firms.filter((f) => f.firmId !== null);
  return (
    <div className={`rf-preview${im.analysing ? ' is-stale' : ''}`} data-testid="rf-preview">
      <p className="rf-note">{t('refresh.preview.notWritten')}</p>
      <dl className="rf-counts" data-testid="rf-counts">
        {COUNTS.map((k) => (
          <div key={k} data-count={k} className={k !== 'rows' && k !== 'unchangedFirms' && counts[k] > 0 ? 'is-change' : undefined}>
            <dt>{t(`refresh.preview.counts.${k}`)}</dt>
            <dd>{formatNumber(counts[k])}</dd>
          </div>
        ))}
      </dl>
      {fresh.length === 0 && changed.length === 0 && <p className="status-line">{t('refresh.preview.noChanges')}</p>}
      {changed.length > 0 && (
        <div className="rf-part">
          <h3>
            {t('refresh.preview.changedFirms', { n: formatNumber(counts.changedFirms) })}
            {changed.length < counts.changedFirms && <small> {t('refresh.preview.listedFirst', { listed: formatNumber(changed.length), count: formatNumber(counts.changedFirms) })}</small>}
          </h3>
          <ChangedFirms firms={changed} />
        </div>
      )}
      {fresh.length > 0 && (
        <div className="rf-part">
          <h3>
            {t('refresh.preview.newFirms', { n: formatNumber(counts.newFirms) })}
            {fresh.length < counts.newFirms && <small> {t('refresh.preview.listedFirst', { listed: formatNumber(fresh.length), count: formatNumber(counts.newFirms) })}</small>}
          </h3>
          <NewFirms firms={fresh} />
        </div>
      )}
      {report.missing.length > 0 && (
        <div className="rf-part" data-testid="rf-missing">
          <h3>{t('refresh.preview.missing', { n: formatNumber(report.missing.length) })}</h3>
          <ul className="rf-missing">
            {report.missing.map((m) => (
              <li key={m.firmId} title={m.creditCode}>
                {m.name}
              </li>
            ))}
          </ul>
          <p className="hint muted">{t('refresh.preview.missingHint')}</p>
        </div>
      )}
      <Verdicts report={report} ctx={ctx} addToPool={im.addToPool} />
      <label className="rf-add-to-pool">
        <input type="checkbox" checked={im.addToPool} onChange={(e) => im.setAddToPool(e.target.checked)} data-testid="rf-add-to-pool" />
        <span>
          <strong>{t('refresh.preview.addToPool', { year: ctx.poolYear })}</strong>
          <small className="muted">{t('refresh.preview.addToPoolHint')}</small>
        </span>
      </label>
    </div>
  );
}
