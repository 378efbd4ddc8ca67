import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { formatDateTime } from '../../format';
import { href } from '../../route';
import { dateText, monthDayOf, type Lang, type OverviewData, type Show } from './model';

type Entry = OverviewData['calendar'][number];

function EntryEditor({ entry, onDone }: { entry: Entry; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [opens, setOpens] = useState(entry.next.opens);
  const [deadline, setDeadline] = useState(entry.next.deadline);
  const [note, setNote] = useState(entry.note ?? '');
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    if (!opens || !deadline || monthDayOf(opens) === monthDayOf(deadline)) return setError(t('overview.calendar.invalid'));
    try {
      await call('overview.setCalendar', { track: entry.track, opens: monthDayOf(opens), deadline: monthDayOf(deadline), note: note.trim() || null });
      onDone(true);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div className="ov-editor ov-form" data-testid={`ov-calendar-editor-${entry.track}`}>
      <label>
        {t('overview.calendar.opens')}
        <input type="date" value={opens} onChange={(e) => setOpens(e.target.value)} data-testid="ov-calendar-opens" />
      </label>
      <label>
        {t('overview.calendar.deadline')}
        <input type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} data-testid="ov-calendar-deadline" />
      </label>
      <label className="ov-grow">
        {t('overview.calendar.note')}
        <input value={note} onChange={(e) => setNote(e.target.value)} className="ov-source-input" />
      </label>
      <button type="button" className="primary" onClick={() => void save()} data-testid="ov-calendar-save">
        {t('overview.calendar.save')}
      </button>
      <button type="button" onClick={() => onDone(false)}>
        {t('overview.calendar.cancel')}
      </button>
      <p className="ov-source ov-full">{t('overview.calendar.yearly')}</p>
      {error && (
        <p className="error ov-full" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function EntryRow({ entry, setTitle, show, onChanged }: { entry: Entry; setTitle: (id: string) => string; show: Show; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const [editing, setEditing] = useState(false);
  const track = t(`overview.calendar.tracks.${entry.track}`);
  const n = entry.next;
  const when = n.open ? (n.daysToDeadline === 0 ? t('overview.calendar.dueToday') : t('overview.calendar.open', { count: n.daysToDeadline })) : t('overview.calendar.opensIn', { count: n.daysToOpen });
  const outlook = (p: Entry['prepare'][number]) => (p.verdict === 'needs_review' ? t('overview.list.review') : p.inYears ? t('overview.list.inYears', { count: p.inYears }) : t('overview.list.now'));
  return (
    <li className={`ov-track${n.open ? ' is-open' : ''}`} data-track={entry.track} data-testid={`ov-track-${entry.track}`}>
      <div className="ov-track-head">
        <strong>{track}</strong>
        <span className={`ov-when${n.open ? ' is-open' : ''}`}>{when}</span>
        {entry.isDefault && (
          <span className="ov-default" title={t('overview.calendar.defaultHint')}>
            {t('overview.calendar.default')}
          </span>
        )}
        <span className="spacer" />
        <button type="button" className="link-button" onClick={() => setEditing((e) => !e)} data-testid={`ov-calendar-edit-${entry.track}`}>
          {t('overview.calendar.edit')}
        </button>
      </div>
      <p className="ov-window" data-testid="ov-window">
        {dateText(n.opens, lang)} — {dateText(n.deadline, lang)}
      </p>
      {entry.note && <p className="ov-source">{entry.note}</p>}
      {!entry.isDefault && (
        <p className="ov-source">
          {entry.updatedBy} · {formatDateTime(entry.updatedAt, lang)}
        </p>
      )}
      <div className="ov-prepare">
        <button
          type="button"
          className="link-button"
          onClick={() => show({ title: t('overview.calendar.prepareList', { track, set: setTitle(entry.setId) }), source: t('overview.calendar.basis'), firms: entry.prepare, total: entry.prepare.length })}
        >
          {t('overview.calendar.prepare')}
        </button>
        {entry.prepare.length === 0 && <span className="muted">{t('overview.calendar.nobody')}</span>}
        {entry.prepare.map((p) => (
          <a key={p.firmId} href={href('firm', p.firmId)} className={`ov-firm-chip is-${p.verdict}`} title={outlook(p)}>
            {p.name}
            <small>{outlook(p)}</small>
          </a>
        ))}
      </div>
      {editing && (
        <EntryEditor
          entry={entry}
          onDone={(saved) => {
            setEditing(false);
            if (saved) onChanged();
          }}
        />
      )}
    </li>
  );
}

export function CalendarCard({ calendar, today, setTitle, show, onChanged }: { calendar: Entry[]; today: string; setTitle: (id: string) => string; show: Show; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <section className="card ov-card" aria-labelledby="ov-calendar-h" data-testid="ov-calendar">
      <div className="card-head">
        <h2 id="ov-calendar-h">{t('overview.calendar.heading')}</h2>
        <span className="muted">{dateText(today, lang)}</span>
      </div>
      <ol className="ov-tracks">
        {calendar.map((e) => (
          <EntryRow key={e.track} entry={e} setTitle={setTitle} show={show} onChanged={onChanged} />
        ))}
      </ol>
      <p className="ov-source">{t('overview.calendar.basis')}</p>
    </section>
  );
}
