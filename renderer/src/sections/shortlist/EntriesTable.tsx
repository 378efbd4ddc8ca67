// The shortlist's firms in order: verdict when added and now (a change flagged), outlook, status, the
// recommendation note (saved on Enter or when the field is left), move up/down and remove.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShortlistDetailT, ShortlistEntryT } from '../../../../db/contract';
import { href } from '../../route';
import { ENTRY_STATUS, outlookText, type EntryStatus } from './model';
import type { ShortlistState } from './useShortlist';

interface Props {
  detail: ShortlistDetailT;
  busy: boolean;
  write: ShortlistState['write'];
}

function NoteInput({ entry, disabled, onSave }: { entry: ShortlistEntryT; disabled: boolean; onSave: (note: string | null) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(entry.note ?? '');
  const save = () => {
    const note = text.trim() || null;
    if (note !== entry.note) onSave(note);
  };
  return (
    <textarea
      className="sl-note"
      rows={2}
      value={text}
      maxLength={500}
      disabled={disabled}
      placeholder={t('shortlist.notePlaceholder')}
      aria-label={t('shortlist.noteOf', { name: entry.name })}
      data-testid="sl-note"
      onChange={(e) => setText(e.target.value)}
      onBlur={save}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
          e.preventDefault();
          save();
        }
      }}
    />
  );
}

function Verdict({ entry }: { entry: ShortlistEntryT }) {
  const { t } = useTranslation();
  const changed = entry.verdictAtAdd !== entry.verdictNow;
  return (
    <span className="verdict-cell">
      {entry.verdictNow ? <span className={`verdict verdict-${entry.verdictNow}`}>{t(`verdicts.${entry.verdictNow}`)}</span> : <span className="muted">{t('shortlist.noVerdict')}</span>}
      {changed && (
        <span className="sl-changed" data-testid="sl-verdict-changed" title={t('shortlist.verdictChanged')}>
          {t('shortlist.verdictChanged')} · {t('shortlist.verdictAtAdd', { verdict: entry.verdictAtAdd ? t(`verdicts.${entry.verdictAtAdd}`) : t('shortlist.noVerdict') })}
        </span>
      )}
    </span>
  );
}

export function EntriesTable({ detail, busy, write }: Props) {
  const { t } = useTranslation();
  const id = detail.id;
  const last = detail.entries.length;
  if (last === 0) return <p className="muted">{t('shortlist.detail.empty')}</p>;
  return (
    <div className="sl-table-wrap">
      <table className="sl-table" data-testid="sl-entries">
        <thead>
          <tr>
            <th className="num">{t('shortlist.columns.position')}</th>
            <th>{t('shortlist.columns.name')}</th>
            <th>{t('shortlist.columns.town')}</th>
            <th>{t('shortlist.columns.verdict')}</th>
            <th>{t('shortlist.columns.outlook')}</th>
            <th>{t('shortlist.columns.status')}</th>
            <th>{t('shortlist.columns.note')}</th>
            <th>{t('shortlist.columns.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {detail.entries.map((e) => (
            <tr key={e.firmId} data-firm={e.name} data-status={e.status} className={e.status === 'withdrawn' ? 'is-withdrawn' : undefined}>
              <td className="num">{e.position}</td>
              <td>
                <a className="firm-link" href={href('firm', e.firmId)}>
                  <span className="firm-name sl-firm-name">{e.name}</span>
                  <span className="firm-code" title={t('shortlist.columns.creditCode')}>
                    {e.creditCode}
                  </span>
                </a>
              </td>
              <td>{e.town ?? '—'}</td>
              <td>
                <Verdict entry={e} />
              </td>
              <td className="sl-outlook">{outlookText(e.verdictNow, e.projection, t)}</td>
              <td>
                <select
                  value={e.status}
                  disabled={busy}
                  aria-label={t('shortlist.statusOf', { name: e.name })}
                  data-testid="sl-status"
                  onChange={(ev) => void write('shortlist.annotate', { id, firmId: e.firmId, status: ev.target.value as EntryStatus })}
                >
                  {ENTRY_STATUS.map((s) => (
                    <option key={s} value={s}>
                      {t(`shortlist.status.${s}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <NoteInput key={e.note ?? ''} entry={e} disabled={busy} onSave={(note) => void write('shortlist.annotate', { id, firmId: e.firmId, note })} />
              </td>
              <td className="sl-row-actions">
                <button type="button" disabled={busy || e.position === 1} aria-label={t('shortlist.moveUpFirm', { name: e.name })} title={t('shortlist.moveUp')} data-testid="sl-up" onClick={() => void write('shortlist.move', { id, firmId: e.firmId, position: e.position - 1 })}>
                  ↑
                </button>
                <button type="button" disabled={busy || e.position === last} aria-label={t('shortlist.moveDownFirm', { name: e.name })} title={t('shortlist.moveDown')} data-testid="sl-down" onClick={() => void write('shortlist.move', { id, firmId: e.firmId, position: e.position + 1 })}>
                  ↓
                </button>
                <button type="button" className="sl-danger" disabled={busy} aria-label={t('shortlist.removeFirm', { name: e.name })} data-testid="sl-remove" onClick={() => void write('shortlist.removeFirm', { id, firmId: e.firmId })}>
                  {t('shortlist.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
