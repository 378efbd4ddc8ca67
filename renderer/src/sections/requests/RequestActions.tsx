// The steps of a request after it is recorded: 交办 (department, day, deadline), progress notes, 办结 and the 回访.
// Each form checks its days before it is sent; the service refuses anything inconsistent with the request.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { isDay, RATINGS, type RequestDetailT } from './model';

type Step = 'handover' | 'progress' | 'finish' | 'visit';

export function stepsFor(r: RequestDetailT): Step[] {
  if (r.closed) return r.visited ? [] : ['visit'];
  return ['handover', 'progress', 'finish'];
}

interface Values {
  date: string;
  deadline: string;
  department: string;
  by: string;
  note: string;
  rating: string;
}

export function RequestActions({ request, departments, today, asOf, onSaved }: { request: RequestDetailT; departments: string[]; today: string; asOf: string; onSaved: (r: RequestDetailT) => void }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step | null>(null);
  const [v, setV] = useState<Values>({ date: today, deadline: '', department: request.department ?? '', by: '', note: '', rating: '满意' });
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (k: keyof Values) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const steps = stepsFor(request);
  if (!steps.length) return null;

  const open = (s: Step) => {
    setStep(s);
    setError(null);
    setV({ date: today, deadline: s === 'handover' ? (request.deadline ?? '') : '', department: request.department ?? departments[0] ?? '', by: '', note: '', rating: '满意' });
  };

  const submit = async () => {
    if (!isDay(v.date)) return setError(t('requests.panel.badDate', { field: t('requests.panel.date') }));
    if (v.date < request.received) return setError(t('requests.panel.before', { field: t('requests.panel.date') }));
    if (step === 'handover' && v.deadline && !isDay(v.deadline)) return setError(t('requests.panel.badDate', { field: t('requests.panel.deadline') }));
    if (!v.by.trim()) return setError(t('requests.panel.required', { field: t('requests.panel.by') }));
    if ((step === 'progress' || step === 'finish') && !v.note.trim()) return setError(t('requests.panel.required', { field: t(step === 'finish' ? 'requests.panel.result' : 'requests.panel.note') }));
    setSaving(true);
    setError(null);
    try {
      const id = request.id;
      const by = v.by.trim();
      const note = v.note.trim();
      const saved =
        step === 'handover'
          ? await call('requests.handover', { id, department: v.department, assigned: v.date, deadline: v.deadline || null, note: note || undefined, by, asOf })
          : step === 'progress'
            ? await call('requests.progress', { id, date: v.date, note, by, asOf })
            : step === 'finish'
              ? await call('requests.close', { id, closed: v.date, result: note, by, asOf })
              : await call('requests.visit', { id, visited: v.date, rating: v.rating as (typeof RATINGS)[number], note: note || undefined, by, asOf });
      setStep(null);
      onSaved(saved);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const dateLabel = step === 'finish' ? 'closedOn' : step === 'visit' ? 'visited' : step === 'handover' ? 'assigned' : 'date';
  return (
    <div className="rq-actions">
      <div className="rq-buttons">
        {steps.map((s) => (
          <button key={s} type="button" className={step === s ? 'primary' : undefined} onClick={() => open(s)} data-action={s}>
            {t(`requests.panel.${s}`)}
          </button>
        ))}
      </div>
      {step && (
        <form
          className="rq-form rq-step"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
          data-testid="rq-step"
        >
          {step === 'handover' && (
            <label className="rq-field">
              <span>{t('requests.panel.department')}</span>
              <select value={v.department} onChange={set('department')} data-field="department">
                {departments.map((d) => (
                  <option key={d}>{d}</option>
                ))}
              </select>
            </label>
          )}
          <label className="rq-field">
            <span>{t(`requests.panel.${dateLabel}`)}</span>
            <input value={v.date} onChange={set('date')} placeholder="YYYY-MM-DD" data-field="date" />
          </label>
          {step === 'handover' && (
            <label className="rq-field">
              <span>{t('requests.panel.deadline')}</span>
              <input value={v.deadline} onChange={set('deadline')} placeholder="YYYY-MM-DD" data-field="deadline" />
            </label>
          )}
          {step === 'visit' && (
            <label className="rq-field">
              <span>{t('requests.panel.rating')}</span>
              <select value={v.rating} onChange={set('rating')} data-field="rating">
                {RATINGS.map((r) => (
                  <option key={r}>{r}</option>
                ))}
              </select>
              {v.rating === '不满意' && <small className="muted">{t('requests.panel.reopenHint')}</small>}
            </label>
          )}
          <label className="rq-field">
            <span>{t(step === 'finish' ? 'requests.panel.result' : 'requests.panel.note')}</span>
            <textarea value={v.note} onChange={set('note')} rows={2} data-field="note" />
          </label>
          <label className="rq-field">
            <span>{t('requests.panel.by')}</span>
            <input value={v.by} onChange={set('by')} data-field="by" />
          </label>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <div className="rq-buttons">
            <button type="submit" className="primary" disabled={saving} data-testid="rq-step-save">
              {saving ? t('requests.panel.saving') : t('requests.panel.save')}
            </button>
            <button type="button" onClick={() => setStep(null)}>
              {t('requests.panel.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
