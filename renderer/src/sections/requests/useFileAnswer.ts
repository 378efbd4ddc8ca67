// A file answer of the service: the desktop shell has saved it (savedTo), browser mode downloads the bytes.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportFileT } from '../../../../db/contract';
import { downloadFile } from '../shortlist/download';

export function useFileAnswer() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ error: boolean; text: string } | null>(null);
  const run = async (get: () => Promise<ExportFileT>) => {
    setBusy(true);
    setOutcome(null);
    try {
      const file = await get();
      if (file.savedTo) setOutcome({ error: false, text: t('requests.savedTo', { path: file.savedTo }) });
      else {
        downloadFile(file);
        setOutcome({ error: false, text: t('requests.exported', { file: file.fileName }) });
      }
    } catch (e) {
      const err = e as Error & { code?: string };
      if (err.code !== 'cancelled') setOutcome({ error: true, text: err.message });
    } finally {
      setBusy(false);
    }
  };
  return { busy, outcome, run };
}
