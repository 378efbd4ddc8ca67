// A set's score tables: each indicator with its maximum and its bands written out, grouped by block with
// each block's subtotal maximum, so an analyst can check a score by hand.
import { useTranslation } from 'react-i18next';
import type { CriteriaSetInfoT } from '../../../../db/contract';
import type { Lang } from '../../format';
import { ConfidenceTag } from './Confidence';
import { bandsText, exactBounds, formatAmount, formatBounds, metricName, metricUnit, type Fmt, type Indicator, type ScoreTable } from './ruleText';

function Bands({ metric, bands, f }: { metric: string; bands: NonNullable<Indicator['bands']>; f: Fmt }) {
  const unit = metricUnit(metric);
  return (
    <span className="cl-bands" title={bandsText(metric, bands, f)}>
      {bands.map((b, i) => (
        <span key={i} className="cl-band" title={exactBounds(b, unit, f)}>
          {f.t('criteriaLib.score.band', { range: formatBounds(b, unit, f), points: formatAmount(b.points, 'points', f) })}
        </span>
      ))}
    </span>
  );
}

function IndicatorRule({ ind, f }: { ind: Indicator; f: Fmt }) {
  const { t } = f;
  if (ind.input && ind.min) return <span>{t('criteriaLib.score.inputMin', { min: formatAmount(ind.min, 'points', f), max: formatAmount(ind.max, 'points', f) })}</span>;
  if (ind.input) return <span>{t('criteriaLib.score.input', { max: formatAmount(ind.max, 'points', f) })}</span>;
  if (ind.best_of) {
    return (
      <span className="cl-rule-list">
        <span className="cl-rule-head">{t('criteriaLib.score.bestOf')}</span>
        <ul>
          {ind.best_of.map((b) => (
            <li key={b.metric}>
              <span className="cl-best-metric">{metricName(b.metric, f)}</span>
              <Bands metric={b.metric} bands={b.bands} f={f} />
            </li>
          ))}
        </ul>
      </span>
    );
  }
  return (
    <>
      {ind.metric?.startsWith('input:') && <span className="cl-rule-head">{t('criteriaLib.score.inputLevel')}</span>}
      <Bands metric={ind.metric!} bands={ind.bands ?? []} f={f} />
    </>
  );
}

function Table({ id, table, f }: { id: string; table: ScoreTable; f: Fmt }) {
  const { t, lang } = f;
  const pick = (b: { zh: string; en: string }) => (lang === 'en' ? b.en : b.zh);
  // Indicators in file order, grouped under their block; a table without blocks is one group.
  const blocks = [...new Set(table.indicators.map((i) => i.block ?? ''))];
  return (
    <div className="cl-score" data-testid={`score-${id}`}>
      <h3>{t('criteriaLib.scoreHead', { label: pick(table.label), max: table.max })}</h3>
      <table className="cl-score-table">
        <thead>
          <tr>
            <th>{t('criteriaLib.indicator')}</th>
            <th className="num">{t('criteriaLib.max')}</th>
            <th>{t('criteriaLib.rules')}</th>
          </tr>
        </thead>
        {blocks.map((block) => {
          const rows = table.indicators.filter((i) => (i.block ?? '') === block);
          const blockLabel = block && table.blocks?.[block];
          return (
            <tbody key={block || 'all'}>
              {blockLabel && (
                <tr className="cl-block-row" data-testid={`block-${block}`}>
                  <th colSpan={3}>{t('criteriaLib.blockHead', { block: pick(blockLabel), max: rows.reduce((s, i) => s + i.max, 0) })}</th>
                </tr>
              )}
              {rows.map((ind) => (
                <tr key={ind.id} className={ind.confidence === 'unconfirmed' ? 'is-unconfirmed' : undefined} data-testid={`indicator-${ind.id}`}>
                  <td title={ind.metric ? t('criteriaLib.basis', { metric: metricName(ind.metric, f) }) : undefined}>{pick(ind.label)}</td>
                  <td className="num">{formatAmount(ind.max, 'points', f)}</td>
                  <td>
                    <IndicatorRule ind={ind} f={f} />
                    {ind.confidence && <ConfidenceTag value={ind.confidence} />}
                    {ind.note && <span className="cl-reason">{pick(ind.note)}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          );
        })}
        <tfoot>
          <tr>
            <th colSpan={3}>{t('criteriaLib.total', { max: table.max })}</th>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export function ScoreTables({ set }: { set: CriteriaSetInfoT }) {
  const { t, i18n } = useTranslation();
  const f: Fmt = { t, lang: i18n.language as Lang, scores: set.scores };
  const entries = Object.entries(set.scores);
  if (entries.length === 0) return null;
  return (
    <section className="card cl-scores">
      <h2>{t('criteriaLib.scores')}</h2>
      <p className="hint muted">{t('criteriaLib.bandLegend')}</p>
      {entries.map(([id, table]) => (
        <Table key={id} id={id} table={table} f={f} />
      ))}
    </section>
  );
}
