// 标准库 → 导入标准: a criteria file (the JSON format of the shipped sets) checked by the service exactly as the
// shipped ones are; a bad file is refused with the file, the place and the rule broken, and nothing is stored.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../../api';

export function ImportSet({ onImported }: { onImported: (setId: string) => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ error: boolean; text: string } | null>(null);

  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setOutcome(null);
    try {
      const r = await call('criteria.import', { fileName: file.name, text: await file.text() });
      setOutcome({ error: false, text: t('criteriaLib.import.done', { id: r.setId, version: r.version }) });
      onImported(r.setId);
    } catch (e) {
      setOutcome({ error: true, text: e instanceof ApiError ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card cl-import" data-testid="criteria-import">
      <h2>{t('criteriaLib.import.title')}</h2>
      <p className="muted">{t('criteriaLib.import.help')}</p>
      <input type="file" accept=".json,application/json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="criteria-file" />
      <button type="button" disabled={!file || busy} onClick={() => void submit()} data-testid="criteria-import-go">
        {busy ? t('criteriaLib.import.busy') : t('criteriaLib.import.go')}
      </button>
      {outcome && (
        <p className={outcome.error ? 'error' : 'ok'} role={outcome.error ? 'alert' : 'status'} data-testid="criteria-import-outcome">
          {outcome.text}
        </p>
      )}
    </section>
  );
}
