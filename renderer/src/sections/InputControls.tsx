// The analyst's word on a qualitative item: yes / no (with a note) for judgements and route flags,
// a number for input-scored indicators. Every record keeps who and when (shown beside it).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalystInputT, MethodInput } from '../../../db/contract';
import { call } from '../api';
import { formatDateTime, type Lang } from '../format';

type Record = Omit<MethodInput<'analyst.record'>, 'value' | 'note'>;

function Recorded({ input }: { input: AnalystInputT | undefined }) {
  const { t, i18n } = useTranslation();
  if (!input || input.value === null) return <span className="muted">{t('evaluation.notRecorded')}</span>;
  const value = typeof input.value === 'boolean' ? (input.value ? t('evaluation.yes') : t('evaluation.no')) : String(input.value);
  return (
    <span className="muted" data-testid="recorded">
      {t('evaluation.recordedBy', { value, actor: input.actor, at: formatDateTime(input.at, i18n.language as Lang) })}
      {input.note ? ` · ${input.note}` : ''}
    </span>
  );
}

export function YesNoControl({ target, label, current, onSaved }: { target: Record; label: string; current: AnalystInputT | undefined; onSaved: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const save = async (value: boolean | null) => {
    setBusy(true);
    try {
      await call('analyst.record', { ...target, value, note: note.trim() || undefined });
      setNote('');
      onSaved();
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="input-control" data-key={target.key}>
      <span className="input-kind">{target.kind === 'flag' ? t('evaluation.flag') : t('evaluation.judgement')}</span>
      <span className="input-label">{label}</span>
      <input className="note-input" placeholder={t('evaluation.note')} aria-label={`${label} ${t('evaluation.note')}`} value={note} onChange={(e) => setNote(e.target.value)} />
      <button type="button" disabled={busy} onClick={() => void save(true)}>
        {t('evaluation.yes')}
      </button>
      <button type="button" disabled={busy} onClick={() => void save(false)}>
        {t('evaluation.no')}
      </button>
      {current && current.value !== null && (
        <button type="button" className="link-button" disabled={busy} onClick={() => void save(null)}>
          {t('evaluation.clear')}
        </button>
      )}
      <Recorded input={current} />
    </div>
  );
}

export function PointsControl({ target, max, current, onSaved }: { target: Record; max: number; current: AnalystInputT | undefined; onSaved: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const save = async () => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n) || n < 0 || n > max) return;
    await call('analyst.record', { ...target, value: n });
    setText('');
    onSaved();
  };
  return (
    <span className="points-control" data-key={target.key}>
      <input className="points-input" inputMode="decimal" aria-label={`${target.key} ${t('evaluation.pointsInput')}`} placeholder={`0–${max}`} value={text} onChange={(e) => setText(e.target.value)} />
      <button type="button" onClick={() => void save()} disabled={!text}>
        {t('evaluation.save')}
      </button>
      <Recorded input={current} />
    </span>
  );
}
