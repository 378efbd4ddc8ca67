// 推荐名单: the shortlists of the pool year on the left (with the form that proposes a new one), the chosen
// shortlist on the right. The chosen one is in the address (#/shortlist/<id>) so the report can lead back.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { formatDateTime, type Lang } from '../../format';
import { href, navigate } from '../../route';
import { useAsync } from '../../useAsync';
import type { SectionContext } from '../context';
import { CreateShortlist } from './CreateShortlist';
import { ShortlistDetail } from './ShortlistDetail';
import './shortlist.css';

export function ShortlistSection({ ctx, shortlistId }: { ctx: SectionContext; shortlistId: number | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [creating, setCreating] = useState(false);
  // Deleted here: not chosen again while the list reloads.
  const [gone, setGone] = useState<number[]>([]);
  const list = useAsync(() => call('shortlist.list', { year: ctx.poolYear }), [ctx.poolYear, ctx.refresh]);
  const sets = useAsync(() => call('criteria.list', {}), [ctx.refresh]);
  const shortlists = (list.data ?? []).filter((s) => !gone.includes(s.id));
  // Without a choice in the address: the most recently changed shortlist.
  const chosen = (shortlistId != null && !gone.includes(shortlistId) ? shortlistId : shortlists[0]?.id) ?? null;

  return (
    <section className="section sl-section" data-testid="shortlist">
      <header className="section-head">
        <h1>{t('shortlist.title')}</h1>
        <span className="count">{ctx.poolName}</span>
      </header>
      <div className="sl-layout">
        <aside className="sl-side">
          <div className="card sl-lists">
            <div className="card-head">
              <h2>{t('shortlist.list.heading', { year: ctx.poolYear })}</h2>
              {!creating && (
                <button type="button" className="primary" onClick={() => setCreating(true)} data-testid="sl-new">
                  {t('shortlist.create.open')}
                </button>
              )}
            </div>
            {list.error && (
              <p className="error" role="alert">
                {list.error.message}
              </p>
            )}
            {list.data && shortlists.length === 0 && <p className="muted">{t('shortlist.list.empty')}</p>}
            <ul className="sl-list" data-testid="sl-list">
              {shortlists.map((s) => (
                <li key={s.id}>
                  <a href={href('shortlist', s.id)} className={s.id === chosen ? 'is-active' : undefined} aria-current={s.id === chosen ? 'true' : undefined} data-shortlist={s.id}>
                    <strong>{s.name}</strong>
                    <small>
                      {t('shortlist.list.entries', { count: s.entries })} · {t('shortlist.list.updated', { at: formatDateTime(s.updatedAt, lang) })}
                    </small>
                  </a>
                </li>
              ))}
            </ul>
          </div>
          {creating && (
            <CreateShortlist
              ctx={ctx}
              set={sets.data?.find((s) => s.id === ctx.setId)}
              taken={shortlists.map((s) => s.name)}
              onCancel={() => setCreating(false)}
              onCreated={(id) => {
                setCreating(false);
                ctx.onChanged();
                navigate('shortlist', id);
              }}
            />
          )}
        </aside>
        <div className="sl-main">
          {chosen == null ? (
            <p className="muted card">{list.data ? t('shortlist.detail.choose') : t('app.loading')}</p>
          ) : (
            <ShortlistDetail
              key={chosen}
              id={chosen}
              ctx={ctx}
              sets={sets.data ?? []}
              onDeleted={(id) => {
                setGone((g) => [...g, id]);
                ctx.onChanged();
                navigate('shortlist');
              }}
            />
          )}
        </div>
      </div>
    </section>
  );
}
