// 推荐名单报告 (#/report/<id>): a printable A4 page of its own, without the app's chrome. It marks its root
// data-report-ready="true" once the data are in and the charts drawn: the desktop shell prints it then.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../../api';
import type { Lang } from '../../../format';
import { href } from '../../../route';
import { useAsync } from '../../../useAsync';
import { applicationYear, formatDate, setName } from '../model';
import '../shortlist.css';
import { loadReport } from './loadReport';
import { OverviewSummary } from './OverviewSummary';
import { ReportCharts } from './ReportCharts';
import { Cover, FirmsTable, Sources, Summary } from './ReportSections';

/** Resolves after the fonts are in and two frames have been laid out and painted. */
function settled(): Promise<void> {
  const fonts = (document as Document & { fonts?: { ready: Promise<unknown> } }).fonts?.ready ?? Promise.resolve();
  const frame = () => new Promise<void>((r) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => r()) : setTimeout(r, 16)));
  return fonts.then(frame).then(frame);
}

function PrintButton({ id }: { id: number }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ error: boolean; text: string } | null>(null);
  const desktop = Boolean(window.api);
  const print = async () => {
    if (!desktop) {
      window.print();
      return;
    }
    setBusy(true);
    setOutcome(null);
    try {
      const file = await call('report.pdf', { shortlistId: id });
      setOutcome({ error: false, text: t('shortlist.report.savedTo', { path: file.savedTo ?? file.fileName }) });
    } catch (e) {
      const err = e as Error & { code?: string };
      setOutcome(err.code === 'cancelled' ? { error: false, text: t('shortlist.report.cancelled') } : { error: true, text: t('shortlist.report.failed', { message: err.message }) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="primary" onClick={() => void print()} disabled={busy} data-testid="report-print">
        {busy ? t('shortlist.report.printing') : desktop ? t('shortlist.report.printDesktop') : t('shortlist.report.print')}
      </button>
      {outcome && (
        <span className={outcome.error ? 'error' : 'status-line'} role={outcome.error ? 'alert' : 'status'} data-testid="report-outcome">
          {outcome.text}
        </span>
      )}
    </>
  );
}

const OVERVIEW_KEY = 'champion-pool-report-overview';

export function ReportPage({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const report = useAsync(() => loadReport(id), [id]);
  const data = report.data;
  const [ready, setReady] = useState<object | null>(null);
  // Kept in localStorage so the desktop shell's hidden printing window prints the same choice.
  const [withOverview, setWithOverview] = useState(() => localStorage.getItem(OVERVIEW_KEY) === '1');
  const [overviewLoaded, setOverviewLoaded] = useState(false);
  const overviewDone = useCallback(() => setOverviewLoaded(true), []);

  useEffect(() => {
    if (!data) return;
    let live = true;
    void settled().then(() => live && setReady(data));
    return () => {
      live = false;
    };
  }, [data]);

  const sampleFirms = data ? data.detail.entries.filter((e) => e.status !== 'withdrawn' && data.pool.get(e.firmId)?.sample).map((e) => e.name) : [];
  const title = data ? t('shortlist.report.title', { year: applicationYear(data.dataYear, data.detail.poolYear), set: setName(data.set, lang, data.detail.setId) }) : '';

  // The browser offers the document's title as the PDF's file name; the app's title comes back on leaving.
  useEffect(() => {
    if (!title) return;
    const before = document.title;
    document.title = title;
    return () => {
      document.title = before;
    };
  }, [title]);

  return (
    <div className="report" data-testid="report" data-report-ready={data && ready === data && (!withOverview || overviewLoaded) ? 'true' : 'false'}>
      <div className="rp-toolbar" data-testid="report-toolbar">
        <a href={href('shortlist', id)}>← {t('shortlist.report.back')}</a>
        <span className="spacer" />
        <label className="rp-option">
          <input
            type="checkbox"
            checked={withOverview}
            data-testid="report-with-overview"
            onChange={(e) => {
              localStorage.setItem(OVERVIEW_KEY, e.target.checked ? '1' : '0');
              setOverviewLoaded(false);
              setWithOverview(e.target.checked);
            }}
          />
          {t('shortlist.report.overview.include')}
        </label>
        {data && <PrintButton id={id} />}
      </div>
      {report.error && (
        <p className="error" role="alert">
          {report.error.message}
        </p>
      )}
      {!data && !report.error && <p className="muted">{t('shortlist.report.loading')}</p>}
      {data && (
        <article className="rp-paper">
          <Cover data={data} lang={lang} title={title} date={formatDate(new Date(), lang, t)} />
          {sampleFirms.length > 0 && (
            <p className="rp-sample" role="note" data-testid="report-sample">
              {t('shortlist.report.sampleNote', { count: sampleFirms.length, names: sampleFirms.slice(0, 3).join(lang === 'en' ? ', ' : '、') })}
            </p>
          )}
          <Summary data={data} lang={lang} />
          <FirmsTable data={data} lang={lang} />
          <ReportCharts data={data} lang={lang} sample={sampleFirms.length > 0} />
          <Sources data={data} lang={lang} />
          {withOverview && <OverviewSummary poolYear={data.detail.poolYear} setId={data.detail.setId} dataYear={data.dataYear} lang={lang} onLoaded={overviewDone} />}
        </article>
      )}
    </div>
  );
}
