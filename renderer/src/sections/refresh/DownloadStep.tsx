// Step 1: the blank template and the pool's current data in the template layout, as xlsx or CSV. The desktop
// shell saves the file where the user chooses (savedTo); in browser mode the bytes are downloaded.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportFileT } from '../../../../db/contract';
import { call } from '../../api';
import type { SectionContext } from '../context';
import { downloadFile } from '../shortlist/download';

type Format = 'xlsx' | 'csv';
type What = 'template' | 'data';
type Outcome = { kind: 'ok' | 'cancelled'; text: string } | { kind: 'error'; text: string };

export function DownloadStep({ ctx }: { ctx: SectionContext }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const run = async (what: What, format: Format) => {
    setBusy(`${what}-${format}`);
    setOutcome(null);
    try {
      const file: ExportFileT = what === 'template' ? await call('template.file', { format }) : await call('data.export', { poolYear: ctx.poolYear, format });
      if (file.savedTo) setOutcome({ kind: 'ok', text: t('refresh.download.savedTo', { path: file.savedTo }) });
      else {
        downloadFile(file);
        setOutcome({ kind: 'ok', text: t('refresh.download.downloaded', { file: file.fileName }) });
      }
    } catch (e) {
      const err = e as Error & { code?: string };
      if (err.code === 'cancelled') setOutcome({ kind: 'cancelled', text: t('refresh.download.cancelled') });
      else setOutcome({ kind: 'error', text: t('refresh.download.failed', { message: err.message }) });
    } finally {
      setBusy(null);
    }
  };

  const button = (what: What, format: Format) => (
    <button type="button" onClick={() => void run(what, format)} disabled={busy != null} data-testid={`rf-${what}-${format}`}>
      {busy === `${what}-${format}` ? t('refresh.download.busy') : t(`refresh.download.${format}`)}
    </button>
  );

  return (
    <>
      <p className="hint muted">{t('refresh.download.hint')}</p>
      <div className="rf-downloads">
        <div className="rf-download-group">
          <span>{t('refresh.download.template')}</span>
          {button('template', 'xlsx')}
          {button('template', 'csv')}
        </div>
        <div className="rf-download-group">
          <span>{t('refresh.download.data', { year: ctx.poolYear })}</span>
          {button('data', 'xlsx')}
          {button('data', 'csv')}
        </div>
      </div>
      {outcome &&
        (outcome.kind === 'error' ? (
          <p className="error rf-outcome" role="alert" data-testid="rf-download-outcome">
            {outcome.text}
          </p>
        ) : (
          <p className={`rf-outcome ${outcome.kind === 'cancelled' ? 'muted' : 'status-line'}`} role="status" data-testid="rf-download-outcome">
            {outcome.text}
          </p>
        ))}
    </>
  );
}
