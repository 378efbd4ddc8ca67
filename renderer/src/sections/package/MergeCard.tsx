// 合并报送包: choose the districts' packages, preview exactly what the merge would write and every conflict
// with each district's value (nothing is written), optionally prefer one district, then merge (a snapshot
// first). The same preview as `champion-pool package merge --dry-run`.
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { MergeReportT } from '../../../../db/contract';
import { call, sendFile } from '../../api';
import { formatDateTime, type Lang } from '../../format';
import { valueText, whatText } from './values';

type Files = { fileName: string; path?: string; upload?: string }[];

/** What a package carries beyond the pool: "诉求台账 3 条（本库没有的 2 条）、推荐名单 1 条". */
function listsText(sections: MergeReportT['packages'][number]['sections'], t: TFunction): string {
  return sections
    .filter((s) => !CORE.has(s.key) && s.rows > 0)
    .map((s) => {
      const label = t(`package.merge.section.${s.key}`, { defaultValue: s.label });
      return s.added === null ? t('package.merge.sectionRows', { label, rows: s.rows }) : t('package.merge.sectionNew', { label, rows: s.rows, added: s.added });
    })
    .join('、');
}
const CORE = new Set(['firms', 'figures', 'titles', 'membership']);

export function MergeCard({ onChanged }: { onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [files, setFiles] = useState<Files>([]);
  const [prefer, setPrefer] = useState('');
  const [report, setReport] = useState<MergeReportT | null>(null);
  const [busy, setBusy] = useState<'sending' | 'preview' | 'merge' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const choose = async (list: FileList | null) => {
    if (!list?.length) return;
    setBusy('sending');
    setError(null);
    setReport(null);
    setDone(null);
    setPrefer('');
    try {
      const sent: Files = [];
      for (const f of Array.from(list)) sent.push({ fileName: f.name, ...(await sendFile(f)) });
      setFiles(sent);
      await preview(sent, '');
    } catch (e) {
      setError((e as Error).message);
      setBusy(null);
    }
  };

  const preview = async (chosen: Files, preferred: string) => {
    setBusy('preview');
    setError(null);
    try {
      setReport(await call('package.preview', { files: chosen, prefer: preferred || undefined }));
    } catch (e) {
      setReport(null);
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const merge = async () => {
    setBusy('merge');
    setError(null);
    try {
      const r = await call('package.merge', { files, prefer: prefer || undefined });
      setDone(t('package.merge.applied', { count: r.importIds.length, snapshot: r.snapshot }));
      setReport(null);
      setFiles([]);
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const districts = report ? [...new Set(report.packages.map((p) => p.district))] : [];
  return (
    <section className="card pk-card" aria-labelledby="pk-merge-h" data-testid="pk-merge">
      <h2 id="pk-merge-h">{t('package.merge.heading')}</h2>
      <div className="pk-form">
        <label className="rf-choose">
          {t('package.merge.choose')}
          <input
            type="file"
            multiple
            accept=".cpool"
            data-testid="pk-files"
            onChange={(e) => {
              void choose(e.target.files);
              e.target.value = '';
            }}
          />
        </label>
        {files.length > 0 && <span className="muted">{t('package.merge.chosen', { count: files.length, files: files.map((f) => f.fileName).join('、') })}</span>}
      </div>
      {busy === 'preview' && <p role="status">{t('package.merge.previewing')}</p>}
      {error && (
        <p className="error" role="alert" data-testid="pk-error">
          {error}
        </p>
      )}
      {done && (
        <p className="pk-ok" role="status" data-testid="pk-done">
          {done}
        </p>
      )}
      {report && (
        <div className="pk-report" data-testid="pk-report">
          <table className="pk-table">
            <thead>
              <tr>
                {(['district', 'file', 'year', 'exportedAt', 'firms', 'newFirms', 'newValues', 'changedValues', 'conflicts', 'signature', 'lists'] as const).map((c) => (
                  <th key={c}>{t(`package.merge.cols.${c}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.packages.map((p) => (
                <tr key={p.fileName} data-testid="pk-package">
                  <td>{p.district}</td>
                  <td>{p.fileName}</td>
                  <td>{p.poolYear}</td>
                  <td>{formatDateTime(p.exportedAt, lang)}</td>
                  <td className="num">{p.firms}</td>
                  <td className="num">{p.newFirms}</td>
                  <td className="num">{p.newValues}</td>
                  <td className="num">{p.changedValues}</td>
                  <td className="num">{p.conflicts}</td>
                  <td title={p.fingerprint ?? undefined}>{t(`package.merge.signature.${p.signature}`)}</td>
                  <td data-testid="pk-lists">{listsText(p.sections, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p data-testid="pk-totals">
            <strong>{t('package.merge.totals', { newFirms: report.newFirms, changed: report.changedValues, conflicts: report.conflictCount })}</strong>
          </p>
          {report.changes.length > 0 && (
            <>
              <h3 className="pk-h3">{t('package.merge.changes')}</h3>
              <ul className="pk-list">
                {report.changes.map((c, i) => (
                  <li key={i}>
                    {c.name} {whatText(c.year, c.field, t)}：{valueText(c.old, t)} → {valueText(c.new, t)}（{c.district}）
                  </li>
                ))}
              </ul>
            </>
          )}
          {report.conflicts.length > 0 && (
            <>
              <h3 className="pk-h3">{t('package.merge.conflicts')}</h3>
              {report.conflictCount > report.conflicts.length && <p className="muted">{t('package.merge.moreConflicts', { count: report.conflictCount, shown: report.conflicts.length })}</p>}
              <ul className="pk-list" data-testid="pk-conflicts">
                {report.conflicts.map((c, i) => (
                  <li key={i} data-testid="pk-conflict">
                    <strong>{c.name}</strong> {whatText(c.year, c.field, t)}：{c.values.map((v) => `${v.district} ${valueText(v.value, t)}`).join('；')}
                    <span className="muted"> — {c.chosen ? t('package.merge.chosenBy', { district: c.chosen }) : t('package.merge.keep')}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className="pk-form">
            <label>
              {t('package.merge.prefer')}
              <select
                value={prefer}
                data-testid="pk-prefer"
                onChange={(e) => {
                  setPrefer(e.target.value);
                  void preview(files, e.target.value);
                }}
              >
                <option value="">{t('package.merge.preferNone')}</option>
                {districts.map((d) => (
                  <option key={d}>{d}</option>
                ))}
              </select>
            </label>
            <button type="button" className="primary" disabled={busy !== null} onClick={() => void merge()} data-testid="pk-apply">
              {busy === 'merge' ? t('package.merge.applying') : t('package.merge.apply')}
            </button>
            <span className="muted">{t('package.merge.nothingWritten')}</span>
          </div>
        </div>
      )}
    </section>
  );
}
