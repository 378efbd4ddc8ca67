// 导出: the xlsx 申报汇总表 and the CSV — the 推荐 entries, or drafts too (with a 状态 column) when the analyst
// ticks 含草稿. The desktop shell saves the file where the user chooses and says where (savedTo); in browser
// mode the bytes come back and are downloaded.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { downloadFile } from './download';

type Format = 'xlsx' | 'csv';
type Outcome = { kind: 'saved' | 'downloaded' | 'cancelled'; text: string } | { kind: 'error'; text: string };

export function ExportBar({ id }: { id: number }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<Format | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [includeDrafts, setIncludeDrafts] = useState(false);

  const run = async (format: Format) => {
    setBusy(format);
    setOutcome(null);
    try {
      const file = await call('shortlist.export', { id, format, includeDrafts });
      if (file.savedTo) setOutcome({ kind: 'saved', text: t('shortlist.export.savedTo', { path: file.savedTo }) });
      else {
        downloadFile(file);
        setOutcome({ kind: 'downloaded', text: t('shortlist.export.downloaded', { file: file.fileName }) });
      }
    } catch (e) {
      const err = e as Error & { code?: string };
      if (err.code === 'cancelled') setOutcome({ kind: 'cancelled', text: t('shortlist.export.cancelled') });
      else setOutcome({ kind: 'error', text: t('shortlist.export.failed', { message: err.message }) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <button type="button" onClick={() => void run('xlsx')} disabled={busy != null} data-testid="sl-export-xlsx">
        {busy === 'xlsx' ? t('shortlist.export.busy') : t('shortlist.export.xlsx')}
      </button>
      <button type="button" onClick={() => void run('csv')} disabled={busy != null} data-testid="sl-export-csv">
        {busy === 'csv' ? t('shortlist.export.busy') : t('shortlist.export.csv')}
      </button>
      <label className="sl-drafts" title={t('shortlist.export.draftsHint')}>
        <input type="checkbox" checked={includeDrafts} onChange={(e) => setIncludeDrafts(e.target.checked)} data-testid="sl-export-drafts" />
        {t('shortlist.export.drafts')}
      </label>
      {outcome &&
        (outcome.kind === 'error' ? (
          <p className="error sl-outcome" role="alert" data-testid="sl-export-outcome">
            {outcome.text}
          </p>
        ) : (
          <p className={`sl-outcome${outcome.kind === 'cancelled' ? ' muted' : ' status-line'}`} role="status" data-testid="sl-export-outcome">
            {outcome.text}
          </p>
        ))}
    </>
  );
}
