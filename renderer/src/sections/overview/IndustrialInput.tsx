import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { percentText, type OverviewData } from './model';

type Industrial = OverviewData['targets']['industrialFirms'];

/** The district's 规上 industrial firm count: typed by the analyst with its year and source; nothing by default. */
export function IndustrialInput({ value, district, onChanged }: { value: Industrial; district: number; onChanged: () => void }) {
  const { t } = useTranslation();
  const [count, setCount] = useState(value ? String(value.value) : '');
  const [year, setYear] = useState(value?.year != null ? String(value.year) : '');
  const [source, setSource] = useState(value?.source ?? '');
  const [error, setError] = useState<string | null>(null);

  const write = async (v: number | null) => {
    setError(null);
    try {
      await call('overview.setIndustrialFirms', v == null ? { value: null } : { value: v, year: year ? Number(year) : undefined, source: source.trim() || undefined });
      if (v == null) {
        setCount('');
        setYear('');
        setSource('');
      }
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const save = () => {
    const n = Number(count.trim());
    if (!Number.isInteger(n) || n < 1 || (year && !/^\d{4}$/.test(year))) return setError(t('overview.targets.invalid'));
    void write(n);
  };

  return (
    <div className="ov-industrial" data-testid="ov-industrial">
      {value && (
        <p className="ov-source">
          {t('overview.targets.industrialValue', { value: value.value, year: value.year ?? t('overview.targets.noYear'), source: value.source })}
          {' · '}
          {t('overview.targets.districtShare', { district, share: percentText(district / value.value) })}
        </p>
      )}
      <div className="ov-form">
        <label>
          {t('overview.targets.industrial')}
          <input value={count} onChange={(e) => setCount(e.target.value)} className="ov-year-input" inputMode="numeric" placeholder={t('overview.targets.missing')} data-testid="ov-industrial-count" />
        </label>
        <label>
          {t('overview.targets.industrialYear')}
          <input value={year} onChange={(e) => setYear(e.target.value)} className="ov-year-input" inputMode="numeric" />
        </label>
        <label className="ov-grow">
          {t('overview.targets.source')}
          <input value={source} onChange={(e) => setSource(e.target.value)} className="ov-source-input" />
        </label>
        <button type="button" className="primary" onClick={save} disabled={!count.trim()} data-testid="ov-industrial-save">
          {t('overview.targets.save')}
        </button>
        {value && (
          <button type="button" onClick={() => void write(null)}>
            {t('overview.targets.clear')}
          </button>
        )}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
