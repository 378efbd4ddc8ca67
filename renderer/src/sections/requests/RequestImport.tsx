// 导入已有诉求台账: choose a file, see every request it would add and every problem (sheet, row, column, value,
// reason) before anything is written; a refused file changes nothing.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, sendFile, type FileRef } from '../../api';
import type { MethodOutput } from '../../../../db/contract';
import { formatDay, type Lang } from './model';
import { useFileAnswer } from './useFileAnswer';

type Report = MethodOutput<'requests.importAnalyse'>;

export function RequestImport({ onImported }: { onImported: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [file, setFile] = useState<{ name: string; ref: FileRef } | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const template = useFileAnswer();

  const choose = async (f: File) => {
    setBusy(t('requests.import.reading', { name: f.name }));
    setError(null);
    setDone(null);
    setReport(null);
    try {
      const ref = await sendFile(f);
      setFile({ name: f.name, ref });
      setReport(await call('requests.importAnalyse', { fileName: f.name, ...ref }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const apply = async () => {
    if (!file) return;
    setBusy(t('requests.import.applying'));
    setError(null);
    try {
      const r = await call('requests.importApply', { fileName: file.name, ...file.ref });
      setDone(t('requests.import.done', { added: r.added }));
      setReport(null);
      onImported();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="card rq-import" data-testid="rq-import">
      <div className="card-head">
        <h2>{t('requests.import.heading')}</h2>
        <button type="button" disabled={template.busy} onClick={() => void template.run(() => call('requests.template', {}))} data-testid="rq-template">
          {t('requests.import.template')}
        </button>
      </div>
      <p className="muted">{t('requests.import.hint')}</p>
      <label className="rq-file">
        {t('requests.import.choose')}
        <input
          type="file"
          accept=".xlsx,.xls,.et,.ods,.csv"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void choose(f);
            e.target.value = '';
          }}
          data-testid="rq-file"
        />
      </label>
      {busy && <p className="status-line">{busy}</p>}
      {template.outcome && <p className={template.outcome.error ? 'error' : 'status-line'}>{template.outcome.text}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {done && (
        <p className="status-line" role="status" data-testid="rq-import-done">
          {done}
        </p>
      )}
      {report && (
        <div data-testid="rq-import-report">
          {report.refused ? (
            <p className="error" role="alert">
              {t('requests.import.refused')}
            </p>
          ) : (
            <p data-testid="rq-import-ready">{t('requests.import.ready', { rows: report.counts.rows, newFirms: report.counts.newFirms, outside: report.counts.outsidePool })}</p>
          )}
          {[...report.newCategories, ...report.newDepartments].length > 0 && <p className="muted">{t('requests.import.newLists', { names: [...report.newCategories, ...report.newDepartments].join('、') })}</p>}
          {report.problems.length > 0 && (
            <table className="rq-table" data-testid="rq-import-problems">
              <thead>
                <tr>
                  {(['level', 'sheet', 'row', 'column', 'value', 'reason'] as const).map((k) => (
                    <th key={k}>{t(`requests.import.problem.${k}`)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {report.problems.map((p, i) => (
                  <tr key={i} className={p.level === 'error' ? 'rq-problem-error' : undefined}>
                    <td>{t(`requests.import.problem.${p.level}`)}</td>
                    <td>{p.sheet}</td>
                    <td>{p.row ?? '—'}</td>
                    <td>{p.column ?? '—'}</td>
                    <td>{p.value ?? ''}</td>
                    <td>{p.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {!report.refused && (
            <>
              <table className="rq-table" data-testid="rq-import-rows">
                <thead>
                  <tr>
                    <th>{t('requests.import.problem.row')}</th>
                    <th>{t('requests.col.firm')}</th>
                    <th>{t('requests.col.category')}</th>
                    <th>{t('requests.col.department')}</th>
                    <th>{t('requests.col.received')}</th>
                    <th>{t('requests.col.deadline')}</th>
                    <th>{t('requests.col.closed')}</th>
                    <th>{t('requests.col.rating')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.rows.map((r) => (
                    <tr key={r.row}>
                      <td>{r.row}</td>
                      <td>
                        {r.firm} {r.newFirm && <small className="rq-outside">{t('requests.import.newFirm')}</small>}
                      </td>
                      <td>{r.category}</td>
                      <td>{r.department ?? '—'}</td>
                      <td>{formatDay(r.received, lang)}</td>
                      <td>{formatDay(r.deadline, lang)}</td>
                      <td>{formatDay(r.closed, lang)}</td>
                      <td>{r.rating ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <button type="button" className="primary" disabled={!!busy || report.counts.rows === 0} onClick={() => void apply()} data-testid="rq-import-apply">
                {t('requests.import.apply', { rows: report.counts.rows })}
              </button>
            </>
          )}
        </div>
      )}
    </div>
  );
}
