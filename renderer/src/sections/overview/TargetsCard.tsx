import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { formatMoney, formatNumber, parseFigureInput } from '../../format';
import { IndustrialInput } from './IndustrialInput';
import { listOf, percentText, type Lang, type OverviewData, type Show } from './model';

type Targets = OverviewData['targets'];
type Item = Targets['items'][number];

function valueText(item: Item, v: number | null, lang: Lang, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (v == null) return '—';
  if (item.unit === 'money') return formatMoney(v, lang);
  if (item.unit === 'percent') return `${formatNumber(Math.round(v * 10) / 10)}%`;
  return t('overview.firms', { count: v });
}

function TargetEditor({ item, onDone }: { item: Item; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(item.unit === 'money' ? `${item.value / 10000}亿` : String(item.value));
  const [due, setDue] = useState(String(item.dueYear));
  const [source, setSource] = useState(item.source);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    const v = parseFigureInput(value);
    const y = Number(due);
    if (typeof v !== 'number' || v <= 0 || !Number.isInteger(y) || y < item.baseYear || y > 2100) return setError(t('overview.targets.invalid'));
    if (!source.trim()) return setError(t('overview.targets.needSource'));
    try {
      await call('overview.setTarget', { key: item.key, value: v, dueYear: y, source: source.trim() });
      onDone(true);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div className="ov-editor ov-form" data-testid={`ov-target-editor-${item.key}`}>
      <label>
        {t('overview.targets.value')}
        <input value={value} onChange={(e) => setValue(e.target.value)} className="ov-amount-input" data-testid="ov-target-value" />
      </label>
      <label>
        {t('overview.targets.dueYear')}
        <input value={due} onChange={(e) => setDue(e.target.value)} className="ov-year-input" inputMode="numeric" />
      </label>
      <label className="ov-grow">
        {t('overview.targets.source')}
        <input value={source} onChange={(e) => setSource(e.target.value)} className="ov-source-input" />
      </label>
      <button type="button" className="primary" onClick={() => void save()} data-testid="ov-target-save">
        {t('overview.targets.save')}
      </button>
      <button type="button" onClick={() => onDone(false)}>
        {t('overview.targets.cancel')}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function TargetRow({ item, targets, show, onChanged }: { item: Item; targets: Targets; show: Show; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const [editing, setEditing] = useState(false);
  const name = t(`overview.targets.names.${item.key}`);
  const note = t(`overview.targets.notes.${item.key}`, { year: item.dataYear ?? t('overview.latestYear'), count: item.counted.total });
  const ratio = item.ratio ?? 0;
  const industrial = targets.industrialFirms;
  return (
    <li className="ov-target" data-key={item.key} data-testid={`ov-target-${item.key}`}>
      <div className="ov-target-head">
        <strong>{name}</strong>
        <span className="muted">{t('overview.targets.period', { base: item.baseYear, due: item.dueYear })}</span>
        <span className="spacer" />
        <button type="button" className="link-button" onClick={() => setEditing((e) => !e)}>
          {t('overview.targets.edit')}
        </button>
      </div>
      {item.missing ? (
        <p className="ov-missing" data-testid="ov-missing-industrial">
          {t('overview.targets.missing')}
        </p>
      ) : (
        <>
          <div className="ov-bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(ratio * 100)} aria-label={name}>
            <span style={{ width: `${Math.min(1, ratio) * 100}%` }} />
          </div>
          <p className="ov-target-figures">
            <span className="ov-strong" data-testid="ov-target-current">
              {valueText(item, item.current, lang, t)}
            </span>
            {' / '}
            {valueText(item, item.value, lang, t)}
            <span className="ov-percent">{percentText(item.ratio)}</span>
          </p>
        </>
      )}
      {item.key === 'srdi_share' && <IndustrialInput value={industrial} district={targets.districtSrdi} onChanged={onChanged} />}
      <p className="ov-source">
        <button type="button" className="link-button" onClick={() => show(listOf(t('overview.targets.countedList', { name }), item.counted, note))} data-testid="ov-target-counted">
          {t('overview.targets.counted', { count: item.counted.total })}
        </button>{' '}
        · {note}
      </p>
      <p className="ov-source">{t('overview.targets.sourceLine', { source: item.source })}</p>
      {editing && (
        <TargetEditor
          item={item}
          onDone={(saved) => {
            setEditing(false);
            if (saved) onChanged();
          }}
        />
      )}
    </li>
  );
}

export function TargetsCard({ targets, show, onChanged }: { targets: Targets; show: Show; onChanged: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="card ov-card" aria-labelledby="ov-targets-h" data-testid="ov-targets">
      <h2 id="ov-targets-h">{t('overview.targets.heading')}</h2>
      <ul className="ov-targets">
        {targets.items.map((item) => (
          <TargetRow key={item.key} item={item} targets={targets} show={show} onChanged={onChanged} />
        ))}
      </ul>
    </section>
  );
}
