// 导出报送包: the district names itself (and its bureau) and exports the pool year as one .cpool file; the
// desktop saves it where the analyst chooses, browser mode downloads it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { downloadFile } from '../shortlist/download';

const DISTRICT_KEY = 'champion-pool-district';

export function ExportCard({ poolYear }: { poolYear: number }) {
  const { t } = useTranslation();
  const [district, setDistrict] = useState(() => localStorage.getItem(DISTRICT_KEY) ?? '');
  const [bureau, setBureau] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  const run = async () => {
    const name = district.trim();
    if (!name) return setOutcome({ ok: false, text: t('package.export.needDistrict') });
    localStorage.setItem(DISTRICT_KEY, name);
    setBusy(true);
    setOutcome(null);
    try {
      const file = await call('package.export', { poolYear, district: name, bureau: bureau.trim() || undefined });
      if (file.savedTo) setOutcome({ ok: true, text: t('package.export.savedTo', { path: file.savedTo }) });
      else if (file.base64) {
        downloadFile(file);
        setOutcome({ ok: true, text: t('package.export.downloaded', { file: file.fileName }) });
      } else setOutcome({ ok: true, text: t('package.export.cancelled') });
    } catch (e) {
      setOutcome({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card pk-card" aria-labelledby="pk-export-h" data-testid="pk-export">
      <h2 id="pk-export-h">{t('package.export.heading')}</h2>
      <p className="muted">{t('package.export.hint', { year: poolYear })}</p>
      <div className="pk-form">
        <label>
          {t('package.export.district')}
          <input value={district} onChange={(e) => setDistrict(e.target.value)} placeholder={t('package.export.districtPlaceholder')} maxLength={100} data-testid="pk-district" />
        </label>
        <label>
          {t('package.export.bureau')}
          <input value={bureau} onChange={(e) => setBureau(e.target.value)} placeholder={t('package.export.bureauPlaceholder')} maxLength={100} data-testid="pk-bureau" />
        </label>
        <button type="button" className="primary" onClick={() => void run()} disabled={busy} data-testid="pk-export-button">
          {busy ? t('package.export.busy') : t('package.export.button')}
        </button>
      </div>
      {outcome && (
        <p className={outcome.ok ? 'pk-ok' : 'error'} role={outcome.ok ? 'status' : 'alert'} data-testid="pk-export-outcome">
          {outcome.text}
        </p>
      )}
    </section>
  );
}
