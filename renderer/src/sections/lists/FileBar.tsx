// A list's files: export (the desktop saves where the user chooses; browser mode downloads) and import with a
// check first — every problem located by sheet, row and column — and an explicit confirm before anything is written.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportFileT, ListImportReportT } from '../../../../db/contract';
import { call, sendFile, type FileRef } from '../../api';
import { downloadFile } from '../shortlist/download';

type ImportMethod = 'finance.import' | 'listing.import' | 'payments.import';
type Outcome = { error: boolean; text: string };

export function useSaveFile() {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const save = async (make: () => Promise<ExportFileT>) => {
    setOutcome(null);
    try {
      const file = await make();
      if (file.savedTo) setOutcome({ error: false, text: t('lists.file.savedTo', { path: file.savedTo }) });
      else {
        downloadFile(file);
        setOutcome({ error: false, text: t('lists.file.downloaded', { file: file.fileName }) });
      }
    } catch (e) {
      const err = e as Error & { code?: string };
      setOutcome(err.code === 'cancelled' ? { error: false, text: t('lists.file.cancelled') } : { error: true, text: t('lists.file.failed', { message: err.message }) });
    }
  };
  return { outcome, save };
}

export function Outcome({ outcome, testId }: { outcome: Outcome | null; testId: string }) {
  if (!outcome) return null;
  return (
    <p className={outcome.error ? 'error' : 'ok'} role="status" data-testid={testId}>
      {outcome.text}
    </p>
  );
}

export function ImportBox({ method, prefix, onChanged }: { method: ImportMethod; prefix: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const [state, setState] = useState<{ name: string; ref: FileRef; report: ListImportReportT | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (name: string, ref: FileRef, dryRun: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const report = await call(method, { fileName: name, ...ref, dryRun });
      setState({ name, ref, report });
      if (report.applied) onChanged();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const choose = async (file: File | undefined) => {
    if (!file) return;
    setState(null);
    try {
      const ref = await sendFile(file);
      setState({ name: file.name, ref, report: null });
      await run(file.name, ref, true);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const r = state?.report;
  return (
    <div className="lists-import" data-testid={`${prefix}-import`}>
      <label className="lists-choose">
        {t('lists.file.import')}
        <input
          type="file"
          accept=".xlsx,.xls,.et,.ods,.csv"
          data-testid={`${prefix}-import-file`}
          onChange={(e) => {
            void choose(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </label>
      {busy && state && <span className="muted">{t('lists.file.checking', { file: state.name })}</span>}
      {error && <p className="error" role="alert">{error}</p>}
      {r && r.refused && (
        <div className="error" role="alert" data-testid={`${prefix}-import-refused`}>
          <p>{t('lists.file.refused', { file: r.fileName, count: r.problems.length })}</p>
          <ul>
            {r.problems.map((p, i) => (
              <li key={i}>{p.row ? t('lists.file.problem', { sheet: p.sheet, row: p.row, column: p.column ?? '', value: p.value ?? '', reason: p.reason }) : t('lists.file.problemFile', { sheet: p.sheet, reason: p.reason })}</li>
            ))}
          </ul>
        </div>
      )}
      {r && !r.refused && !r.applied && state && (
        <p data-testid={`${prefix}-import-ready`}>
          {t('lists.file.ready', { file: r.fileName, records: r.records, added: r.added, updated: r.updated })}{' '}
          <button type="button" disabled={busy} onClick={() => void run(state.name, state.ref, false)} data-testid={`${prefix}-import-apply`}>
            {t('lists.file.apply')}
          </button>
        </p>
      )}
      {r && r.applied && (
        <p className="ok" role="status" data-testid={`${prefix}-import-done`}>
          {t('lists.file.applied', { file: r.fileName, added: r.added, updated: r.updated })}
        </p>
      )}
    </div>
  );
}
