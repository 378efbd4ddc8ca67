// The multi-year figures of one firm: each value with a mark for where it came from; in edit mode every
// cell is an input, and one save sends all years' changes as a single transaction.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FigureKey, FirmDetailT, SourceRefT } from '../../../db/contract';
import { ApiError, call } from '../api';
import { FIGURE_ORDER, FIGURE_UNITS } from '../figures';
import { formatDateTime, formatNumber, parseFigureInput, type Lang } from '../format';

type Drafts = Record<number, Partial<Record<FigureKey, string>>>;
type CellErrors = Record<string, string>;

function SourceMark({ source }: { source: SourceRefT | undefined }) {
  const { t, i18n } = useTranslation();
  if (!source) return null;
  const parts = [t('sources.detail', { label: source.label })];
  if (source.file) parts.push(t('sources.file', { file: source.file }));
  if (source.sheet) parts.push(t('sources.sheet', { sheet: source.sheet }));
  if (source.actor) parts.push(t('sources.by', { actor: source.actor, at: formatDateTime(source.at, i18n.language as Lang) }));
  return (
    <span className={`src src-${source.kind}`} title={parts.join('；')} data-source={source.kind}>
      {t(`sources.${source.kind}`)}
    </span>
  );
}

const asText = (v: number | null | undefined) => (v == null ? '' : String(v));

export function FiguresGrid({ detail, onSaved }: { detail: FirmDetailT; onSaved: (d: FirmDetailT, count: number) => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [drafts, setDrafts] = useState<Drafts>({});
  const [extraYears, setExtraYears] = useState<number[]>([]);
  const [errors, setErrors] = useState<CellErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);

  const sources = new Map(detail.sources.map((s) => [s.id, s]));
  const byYear = new Map(detail.years.map((y) => [y.year, y]));
  const years = [...new Set([...detail.years.map((y) => y.year), ...extraYears])].sort((a, b) => a - b);

  const start = () => {
    setDrafts({});
    setErrors({});
    setMessage(null);
    setNote('');
    setEditing(true);
  };
  const cancel = () => {
    setEditing(false);
    setExtraYears([]);
    setErrors({});
  };
  // Electron has no window.prompt, so the year is typed into a small inline field.
  const [newYear, setNewYear] = useState('');
  const addYear = () => {
    const y = Number(newYear);
    if (Number.isInteger(y) && y >= 1990 && y <= 2100 && !years.includes(y)) setExtraYears((e) => [...e, y]);
    setNewYear('');
  };

  async function save() {
    const cellErrors: CellErrors = {};
    const changes: { year: number; values: Partial<Record<FigureKey, number | null>> }[] = [];
    for (const year of years) {
      const values: Partial<Record<FigureKey, number | null>> = {};
      for (const [key, text] of Object.entries(drafts[year] ?? {}) as [FigureKey, string][]) {
        const parsed = parseFigureInput(text);
        if (parsed === 'invalid') cellErrors[`${year}:${key}`] = t('firm.invalidCell');
        else if (parsed !== (byYear.get(year)?.values[key] ?? null)) values[key] = parsed;
      }
      if (Object.keys(values).length) changes.push({ year, values });
    }
    setErrors(cellErrors);
    if (Object.keys(cellErrors).length) return;
    if (!changes.length) {
      setMessage(t('firm.nothingChanged'));
      cancel();
      return;
    }
    setSaving(true);
    try {
      const updated = await call('firm.updateFigures', { firmId: detail.firm.id, years: changes, note: note.trim() || undefined });
      const count = changes.reduce((n, c) => n + Object.keys(c.values).length, 0);
      setMessage(t('firm.saved', { count }));
      setEditing(false);
      setExtraYears([]);
      onSaved(updated, count);
    } catch (e) {
      if (e instanceof ApiError && Array.isArray(e.details)) {
        const serverErrors: CellErrors = {};
        for (const d of e.details as { year?: number; field?: string; problem?: string; min?: number; max?: number }[]) {
          const range = { min: formatNumber(d.min ?? null), max: formatNumber(d.max ?? null) };
          if (d.year != null && d.field) serverErrors[`${d.year}:${d.field}`] = t(`problems.${d.problem}`, { ...range, defaultValue: d.problem ?? '' });
        }
        setErrors(serverErrors);
      }
      setMessage(e instanceof ApiError ? t(`errors.${e.code}`, { message: e.message, defaultValue: e.message }) : String(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="card figures" data-testid="figures-grid">
      <div className="card-head">
        <h2>{t('firm.figures')}</h2>
        <div className="actions">
          {editing ? (
            <>
              <input
                className="year-input"
                inputMode="numeric"
                placeholder={t('firm.addYearPrompt')}
                aria-label={t('firm.addYearPrompt')}
                value={newYear}
                onChange={(e) => setNewYear(e.target.value)}
              />
              <button type="button" onClick={addYear} disabled={!newYear}>
                {t('firm.addYear')}
              </button>
              <input className="note-input" placeholder={t('firm.editNote')} value={note} onChange={(e) => setNote(e.target.value)} aria-label={t('firm.editNote')} />
              <button type="button" onClick={cancel} disabled={saving}>
                {t('firm.cancel')}
              </button>
              <button type="button" className="primary" onClick={() => void save()} disabled={saving}>
                {t('firm.save')}
              </button>
            </>
          ) : (
            <button type="button" className="primary" onClick={start}>
              {t('firm.edit')}
            </button>
          )}
        </div>
      </div>
      {message && (
        <p className="status-line" role="status">
          {message}
        </p>
      )}
      {editing && <p className="muted hint">{t('firm.inputHint')}</p>}
      <div className="figures-scroll">
        <table className="figures-table">
          <thead>
            <tr>
              <th>{t('firm.figure')}</th>
              <th>{t('firm.unit')}</th>
              {years.map((y) => (
                <th key={y} className="num">
                  {y}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {FIGURE_ORDER.map((key) => (
              <tr key={key} data-figure={key}>
                <th scope="row">{t(`figures.${key}`)}</th>
                <td className="unit">{t(`units.${FIGURE_UNITS[key]}`)}</td>
                {years.map((year) => {
                  const fy = byYear.get(year);
                  const value = fy?.values[key] ?? null;
                  const err = errors[`${year}:${key}`];
                  return (
                    <td key={year} className={`num${err ? ' has-error' : ''}`} data-year={year}>
                      {editing ? (
                        <>
                          <input
                            className="cell-input"
                            aria-label={`${t(`figures.${key}`)} ${year}`}
                            value={drafts[year]?.[key] ?? asText(value)}
                            onChange={(e) => setDrafts((d) => ({ ...d, [year]: { ...d[year], [key]: e.target.value } }))}
                          />
                          {err && <span className="cell-error">{err}</span>}
                        </>
                      ) : (
                        <>
                          <span className="value">{formatNumber(value)}</span>
                          {value != null && fy && <SourceMark source={sources.get(fy.sources[key])} />}
                        </>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
