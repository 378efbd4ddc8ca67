// The side panel: a new request's form, or one request — its fields, the next steps (交办, progress, 办结, 回访),
// its course round by round, its source and every change made to it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { formatDateTime } from '../../format';
import { href } from '../../route';
import { useAsync } from '../../useAsync';
import { DueText, Light, StatusText } from './LedgerTable';
import { formatDay, type Lang, type RequestDetailT } from './model';
import { RequestActions } from './RequestActions';
import { RequestForm } from './RequestForm';

type Lists = { categories: string[]; departments: string[] };

function Detail({ r, lang }: { r: RequestDetailT; lang: Lang }) {
  const { t } = useTranslation();
  const rows: [string, string][] = [
    ['creditCode', r.creditCode],
    ['town', r.town ?? '—'],
    ['origin', r.origin],
    ['category', r.category],
    ['received', formatDay(r.received, lang)],
    ['takenBy', r.takenBy ?? '—'],
    ['handling', r.handling],
    ['department', r.department ?? '—'],
    ['assigned', formatDay(r.assigned, lang)],
    ['deadline', r.deadline ? formatDay(r.deadline, lang) : t('requests.noDeadline')],
    ['closedOn', formatDay(r.closed, lang)],
    ['result', r.result ?? '—'],
    ['visited', formatDay(r.visited, lang)],
    ['rating', r.rating ?? '—'],
  ];
  return (
    <dl className="rq-detail">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{t(`requests.panel.${k}`)}</dt>
          <dd data-detail={k}>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function RequestPanel({ id, lists, today, asOf, onClose, onSaved }: { id: number | 'new'; lists: Lists; today: string; asOf: string; onClose: () => void; onSaved: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState(false);
  const detail = useAsync(() => (id === 'new' ? Promise.resolve(null) : call('requests.get', { id, asOf })), [id, asOf, version]);
  const r = detail.data ?? null;
  const saved = (x: RequestDetailT) => {
    setEditing(false);
    setVersion((n) => n + 1);
    onSaved(x.id);
  };

  return (
    <aside className="card rq-panel" data-testid="rq-panel" aria-label={id === 'new' ? t('requests.panel.new') : r?.firm}>
      <div className="card-head">
        <h2>{id === 'new' ? t('requests.panel.new') : r ? r.firm : t('app.loading')}</h2>
        <button type="button" onClick={onClose} aria-label={t('requests.panel.close')}>
          ×
        </button>
      </div>
      {detail.error && (
        <p className="error" role="alert">
          {detail.error.message}
        </p>
      )}
      {id === 'new' && <RequestForm request={null} lists={lists} today={today} asOf={asOf} onSaved={saved} onCancel={onClose} />}
      {r && editing && <RequestForm request={r} lists={lists} today={today} asOf={asOf} onSaved={saved} onCancel={() => setEditing(false)} />}
      {r && !editing && (
        <>
          <p className="rq-panel-status">
            <Light row={r} /> <StatusText row={r} /> <DueText row={r} />
            {r.rounds > 1 && <small className="muted"> · {t('requests.panel.round', { n: r.rounds })}</small>}
          </p>
          <p className="rq-panel-content" data-testid="rq-content">
            {r.content}
          </p>
          <Detail r={r} lang={lang} />
          <p className="rq-links">
            <a href={href('firm', r.firmId)}>{t('requests.panel.firmLink')}</a>
            {!r.inPool && <small className="rq-outside"> {t('requests.outside')}</small>}
            <button type="button" onClick={() => setEditing(true)} data-action="edit">
              {t('requests.panel.edit')}
            </button>
            <button
              type="button"
              onClick={() => {
                if (!window.confirm(t('requests.panel.confirmDelete'))) return;
                void call('requests.delete', { id: r.id }).then(() => {
                  onSaved(r.id);
                  onClose();
                });
              }}
            >
              {t('requests.panel.delete')}
            </button>
          </p>
          <RequestActions key={`${r.id}-${version}`} request={r} departments={lists.departments} today={today} asOf={asOf} onSaved={saved} />
          <h3>{t('requests.panel.timeline')}</h3>
          <ol className="rq-timeline" data-testid="rq-timeline">
            {r.progress.map((p) => (
              <li key={p.id} data-kind={p.kind}>
                <strong>{formatDay(p.date, lang)}</strong> <span className="chip">{t(`requests.panel.kinds.${p.kind}`)}</span>
                {r.rounds > 1 && <small className="muted"> {t('requests.panel.round', { n: p.round })}</small>} {p.note} <small className="muted">— {p.by}</small>
              </li>
            ))}
          </ol>
          <p className="muted">{r.source.row ? t('requests.panel.sourceRow', { file: r.source.file, row: r.source.row }) : t('requests.panel.source', { label: r.source.label })}</p>
          <details>
            <summary>{t('requests.panel.history')}</summary>
            <ul className="rq-history">
              {r.history.map((h) => (
                <li key={h.id}>
                  {formatDateTime(h.at, lang)} {h.actor}：{h.field ?? ''} {h.oldValue ?? '—'} → {h.newValue ?? '—'} {h.note ? `（${h.note}）` : ''}
                </li>
              ))}
            </ul>
          </details>
        </>
      )}
    </aside>
  );
}
