// The report's parts: cover, summary, the table of listed firms, and the basis and sources.
import { useTranslation } from 'react-i18next';
import type { CriteriaSetInfoT } from '../../../../../db/contract';
import { formatDateTime, type Lang } from '../../../format';
import { countBy, lacks, outlookText, statusCounts, VERDICT_ORDER } from '../model';
import type { ReportData } from './loadReport';

export interface ReportProps {
  data: ReportData;
  lang: Lang;
}

const REPORT_STATUS_ORDER = ['recommended', 'draft', 'withdrawn'] as const;
const listedOf = (data: ReportData) => data.detail.entries.filter((e) => e.status !== 'withdrawn');

export function Cover({ data, lang, title, date }: ReportProps & { title: string; date: string }) {
  const { t } = useTranslation();
  const { detail, set } = data;
  const facts: [string, string, string][] = [
    ['unit', t('shortlist.report.unit'), detail.fillingUnit ?? '—'],
    ['date', t('shortlist.report.date'), date],
    ['name', t('shortlist.report.listName'), detail.name],
    ['set', t('shortlist.report.set'), set ? (lang === 'en' ? set.title.en : set.title.zh) : detail.setId],
    ['document', t('shortlist.report.document'), set ? t('shortlist.report.documentLine', { name: set.document.name, number: set.document.number ?? t('criteriaLib.noNumber') }) : '—'],
    ['dataYear', t('shortlist.report.dataYear'), data.dataYear != null ? String(data.dataYear) : '—'],
  ];
  return (
    <header className="rp-cover" data-testid="report-cover">
      <p className="rp-kicker">{data.poolName}</p>
      <h1 data-testid="report-title">{title}</h1>
      <dl className="rp-facts">
        {facts.map(([key, label, value]) => (
          <div key={key} data-fact={key}>
            <dt>{t('shortlist.report.fact', { label })}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </header>
  );
}

export function Summary({ data }: ReportProps) {
  const { t } = useTranslation();
  const listed = listedOf(data);
  const verdicts = countBy(VERDICT_ORDER, listed.map((e) => e.verdictNow));
  const statuses = statusCounts(data.detail.entries);
  return (
    <section className="rp-section rp-summary" data-testid="report-summary">
      <h2>{t('shortlist.report.summary.heading')}</h2>
      <p className="rp-lead">{t('shortlist.report.summary.listed', { count: listed.length })}</p>
      <div className="rp-counts">
        <div>
          <h3>{t('shortlist.report.summary.byVerdict')}</h3>
          <ul>
            {VERDICT_ORDER.map((v) => (
              <li key={v} data-verdict={v}>
                <span className={`verdict verdict-${v}`}>{t(`verdicts.${v}`)}</span>
                <strong>{verdicts[v]}</strong>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3>{t('shortlist.report.summary.byStatus')}</h3>
          <ul>
            {REPORT_STATUS_ORDER.map((s) => (
              <li key={s} data-status={s}>
                <span className="rp-status">{t(`shortlist.status.${s}`)}</span>
                <strong>{statuses[s]}</strong>
              </li>
            ))}
          </ul>
        </div>
      </div>
      {statuses.withdrawn > 0 && <p className="rp-small">{t('shortlist.report.summary.withdrawn', { count: statuses.withdrawn })}</p>}
    </section>
  );
}

type Entry = ReportData['detail']['entries'][number];

/** The firms of one status as a table: the 推荐 ones are the list the report is about; drafts come apart. */
function EntryTable({ data, lang, entries }: ReportProps & { entries: Entry[] }) {
  const { t } = useTranslation();
  return (
    <table className="rp-table">
      <thead>
        <tr>
          <th className="num">{t('shortlist.columns.position')}</th>
          <th className="rp-col-name">{t('shortlist.columns.name')}</th>
          <th className="rp-nowrap">{t('shortlist.columns.town')}</th>
          <th className="rp-nowrap">{t('shortlist.columns.verdict')}</th>
          <th className="rp-col-lacks">{t('shortlist.report.table.lacks')}</th>
          <th className="rp-col-outlook">{t('shortlist.columns.outlook')}</th>
          <th className="rp-nowrap">{t('shortlist.columns.status')}</th>
          <th className="rp-col-note">{t('shortlist.columns.note')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e, i) => {
          const missing = lacks(data.evaluation.get(e.firmId), data.set, t, lang);
          return (
            <tr key={e.firmId} data-firm={e.name}>
              <td className="num">{i + 1}</td>
              <td>
                <strong>{e.name}</strong>
                {data.pool.get(e.firmId)?.sample && <span className="tag-sample">{t('pool.sampleTag')}</span>}
                <span className="rp-code">{e.creditCode}</span>
              </td>
              <td className="rp-nowrap">{e.town ?? '—'}</td>
              <td>{e.verdictNow ? <span className={`verdict verdict-${e.verdictNow}`}>{t(`verdicts.${e.verdictNow}`)}</span> : '—'}</td>
              <td className="rp-lacks">
                {missing.length === 0 ? (
                  t('shortlist.report.table.none')
                ) : (
                  <ul>
                    {missing.map((m) => (
                      <li key={m}>{m}</li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="rp-nowrap">{outlookText(e.verdictNow, e.projection, t)}</td>
              <td className="rp-nowrap">{t(`shortlist.status.${e.status}`)}</td>
              <td className="rp-note">{e.note ?? '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** 二、推荐企业名单 holds the 推荐 entries only; drafts follow under their own heading, as not (yet) recommended. */
export function FirmsTable({ data, lang }: ReportProps) {
  const { t } = useTranslation();
  const recommended = data.detail.entries.filter((e) => e.status === 'recommended');
  const drafts = data.detail.entries.filter((e) => e.status === 'draft');
  return (
    <section className="rp-section" data-testid="report-table">
      <h2>{t('shortlist.report.table.heading')}</h2>
      {recommended.length === 0 ? <p>{t('shortlist.report.table.empty')}</p> : <EntryTable data={data} lang={lang} entries={recommended} />}
      {drafts.length > 0 && (
        <div className="rp-drafts" data-testid="report-drafts">
          <h3>{t('shortlist.report.table.draftsHeading', { count: drafts.length })}</h3>
          <EntryTable data={data} lang={lang} entries={drafts} />
        </div>
      )}
    </section>
  );
}

function switchedOn(set: CriteriaSetInfoT) {
  // Shipped off (unconfirmed) and switched on by an analyst, or unconfirmed and counting.
  return set.criteria.filter((c) => (set.effective[c.id] ?? c.enabled) && (!c.enabled || c.confidence === 'unconfirmed'));
}

export function Sources({ data, lang }: ReportProps) {
  const { t } = useTranslation();
  const { set, detail } = data;
  const on = set ? switchedOn(set) : [];
  const off = set ? set.criteria.filter((c) => !(set.effective[c.id] ?? c.enabled)).map((c) => t('benchmark.criterionShort', { id: c.id })) : [];
  const sep = lang === 'en' ? ', ' : '、';
  return (
    <section className="rp-section rp-sources" data-testid="report-sources">
      <h2>{t('shortlist.report.sources.heading')}</h2>
      <ul>
        {set && (
          <>
            <li>{t('shortlist.report.sources.set', { set: lang === 'en' ? set.title.en : set.title.zh })}</li>
            <li data-testid="report-document">{t('shortlist.report.sources.document', { name: set.document.name, number: set.document.number ?? t('criteriaLib.noNumber'), date: set.document.date })}</li>
            {set.notice && <li data-testid="report-set-notice">{lang === 'en' ? set.notice.en : set.notice.zh}</li>}
            <li>{t('shortlist.report.sources.confidence', { level: t(`criteriaLib.confidence.${set.confidence}`), help: t(`criteriaLib.confidenceHelp.${set.confidence}`) })}</li>
            <li data-testid="report-switched-on">
              {on.length
                ? t('shortlist.report.sources.switchedOn', {
                    items: on
                      .map((c) => {
                        const by = set.switchedBy[c.id];
                        return by ? t('shortlist.report.sources.switchedOnItem', { id: c.id, actor: by.actor, at: formatDateTime(by.at, lang) }) : c.id;
                      })
                      .join(sep),
                  })
                : t('shortlist.report.sources.switchedOnNone')}
            </li>
            {off.length > 0 && <li>{t('shortlist.report.sources.off', { ids: off.join(sep) })}</li>}
          </>
        )}
        <li>{t('shortlist.report.sources.dataYear', { year: data.dataYear ?? '—' })}</li>
        <li>{t('shortlist.report.sources.generated', { name: detail.name, at: formatDateTime(detail.updatedAt, lang) })}</li>
      </ul>
    </section>
  );
}
