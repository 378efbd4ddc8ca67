// Adding or editing a request, checked before it is sent: required fields, real days, and no day before the
// request was raised (the service checks the same and refuses what slips through).
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { HANDLINGS, isDay, ORIGINS, type RequestDetailT } from './model';

type Lists = { categories: string[]; departments: string[] };

interface Draft {
  creditCode: string;
  firmName: string;
  town: string;
  origin: string;
  category: string;
  content: string;
  received: string;
  takenBy: string;
  handling: string;
  department: string;
  assigned: string;
  deadline: string;
}

const draftOf = (r: RequestDetailT | null, today: string, lists: Lists): Draft => ({
  creditCode: r?.creditCode ?? '',
  firmName: '',
  town: r?.town ?? '',
  origin: r?.origin ?? '镇街走访',
  category: r?.category ?? lists.categories[0] ?? '',
  content: r?.content ?? '',
  received: r?.received ?? today,
  takenBy: r?.takenBy ?? '',
  handling: r?.handling ?? '上报专班',
  department: r?.department ?? '',
  assigned: r?.assigned ?? '',
  deadline: r?.deadline ?? '',
});

export function RequestForm({ request, lists, today, asOf, onSaved, onCancel }: { request: RequestDetailT | null; lists: Lists; today: string; asOf: string; onSaved: (r: RequestDetailT) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [d, setD] = useState<Draft>(() => draftOf(request, today, lists));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => setD({ ...d, [k]: e.target.value });
  const label = (k: string) => t(`requests.panel.${k}`);

  const check = (): Record<string, string> => {
    const p: Record<string, string> = {};
    for (const k of ['creditCode', 'category', 'content', 'received'] as const) if (!d[k].trim()) p[k] = t('requests.panel.required', { field: label(k) });
    for (const k of ['received', 'assigned', 'deadline'] as const) if (d[k] && !isDay(d[k])) p[k] = t('requests.panel.badDate', { field: label(k) });
    for (const k of ['assigned', 'deadline'] as const) if (!p[k] && d[k] && isDay(d.received) && d[k] < d.received) p[k] = t('requests.panel.before', { field: label(k) });
    return p;
  };

  const save = async () => {
    const p = check();
    setProblems(p);
    if (Object.keys(p).length) return;
    setSaving(true);
    setError(null);
    const fields = {
      origin: d.origin as (typeof ORIGINS)[number],
      category: d.category,
      content: d.content.trim(),
      received: d.received,
      takenBy: d.takenBy.trim() || null,
      handling: d.handling as (typeof HANDLINGS)[number],
      town: d.town.trim() || null,
      department: d.department || null,
      assigned: d.assigned || null,
      deadline: d.deadline || null,
      asOf,
    };
    try {
      const saved = request
        ? await call('requests.update', { id: request.id, ...fields, ...(d.creditCode.trim() !== request.creditCode ? { creditCode: d.creditCode.trim(), firmName: d.firmName.trim() || undefined } : {}) })
        : await call('requests.create', { ...fields, creditCode: d.creditCode.trim(), firmName: d.firmName.trim() || undefined });
      onSaved(saved);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const field = (k: keyof Draft, control: ReactNode) => (
    <label className={`rq-field${problems[k] ? ' has-problem' : ''}`}>
      <span>{label(k)}</span>
      {control}
      {problems[k] && <small className="error">{problems[k]}</small>}
    </label>
  );
  const text = (k: keyof Draft, extra: Record<string, unknown> = {}) => <input value={d[k]} onChange={set(k)} data-field={k} {...extra} />;
  const date = (k: keyof Draft) => <input value={d[k]} onChange={set(k)} placeholder="YYYY-MM-DD" data-field={k} inputMode="numeric" />;
  const select = (k: keyof Draft, options: readonly string[], empty = false) => (
    <select value={d[k]} onChange={set(k)} data-field={k}>
      {empty && <option value="">—</option>}
      {options.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </select>
  );

  return (
    <form
      className="rq-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      data-testid="rq-form"
    >
      {field('creditCode', text('creditCode', { maxLength: 18 }))}
      {field('firmName', text('firmName'))}
      {field('town', text('town'))}
      {field('origin', select('origin', ORIGINS))}
      {field('category', select('category', lists.categories))}
      {field('content', <textarea value={d.content} onChange={set('content')} rows={3} data-field="content" />)}
      {field('received', date('received'))}
      {field('takenBy', text('takenBy'))}
      {field('handling', select('handling', HANDLINGS))}
      {field('department', select('department', lists.departments, true))}
      {field('assigned', date('assigned'))}
      {field('deadline', date('deadline'))}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="rq-buttons">
        <button type="submit" className="primary" disabled={saving} data-testid="rq-save">
          {saving ? t('requests.panel.saving') : t('requests.panel.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('requests.panel.cancel')}
        </button>
      </div>
    </form>
  );
}
