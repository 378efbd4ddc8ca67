// 企业详情 · evaluation: for each criteria set the verdict; for the chosen set, per criterion the status,
// the value with the years and sources it came from, the threshold, the gap and the outlook, and the
// controls for the analyst's judgements, route flags and points.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SetNotice } from '../components/SetNotice';
import type { CriteriaSetInfoT, EvaluationT, MethodOutput, SourceRefT } from '../../../db/contract';
import { call } from '../api';
import type { Lang } from '../format';
import { useAsync } from '../useAsync';
import { formatGap, formatProjection, formatThreshold, formatValue } from './evaluationFormat';
import { YesNoControl } from './InputControls';
import { ScoreBreakdown } from './ScoreBreakdown';

type Rule = CriteriaSetInfoT['criteria'][number]['rule'];
type Firm = MethodOutput<'evaluate.firm'>;

/** The wording of each route flag and judgement in a rule tree, by key. */
function itemTexts(rule: Rule, out = new Map<string, { zh: string; en: string }>()) {
  if ('flag' in rule) out.set(rule.flag, rule.text);
  if ('review' in rule && rule.text) out.set(rule.review, rule.text);
  const children: Rule[] = 'all' in rule ? rule.all : 'any' in rule ? rule.any : 'each_year' in rule ? [rule.rule] : 'when' in rule ? [rule.when, rule.then, rule.else] : 'band' in rule ? rule.cases.map((c) => c.rule) : [];
  for (const c of children) itemTexts(c, out);
  return out;
}

type Primary = EvaluationT['criteria'][number]['primary'];

/** A criterion's deciding value with where it came from. When the value is missing, the marks belong to the inputs
 * that were found, and say so — a bare 导入 beside 缺少数据 read as if the missing figure had been imported. */
export function ValueCell({ p, years, sources, lang }: { p: Primary; years: number[]; sources: Map<number, SourceRefT>; lang: Lang }) {
  const { t } = useTranslation();
  if (!p) return <>—</>;
  const marks = <SourceMarks used={p.used} sources={sources} />;
  const yearsLine = years.length > 0 && <div className="muted small">{t('evaluation.usedYears', { years: years.join('、') })}</div>;
  if (p.state === 'unknown') {
    return (
      <>
        {t('evaluation.missing')}
        {p.used.some((u) => u.sourceId != null) && (
          <div className="muted small" data-testid="partial-inputs">
            {t('evaluation.partial')}
            {marks}
          </div>
        )}
        {yearsLine}
      </>
    );
  }
  return (
    <>
      {p.state === 'undefined' ? t('evaluation.undefinedValue', { reason: t(`evaluation.reasons.${p.reason}`, { defaultValue: p.reason ?? '' }) }) : formatValue(p.value, p.unit, lang, t)}
      {marks}
      {yearsLine}
    </>
  );
}

function SourceMarks({ used, sources }: { used: EvaluationT['criteria'][number]['checks'][number]['used']; sources: Map<number, SourceRefT> }) {
  const { t } = useTranslation();
  const kinds = [...new Set(used.flatMap((u) => (u.sourceId != null ? [sources.get(u.sourceId)] : [])).filter(Boolean))] as SourceRefT[];
  return (
    <>
      {kinds.map((s) => (
        <span key={s.id} className={`src src-${s.kind}`} title={t('sources.detail', { label: s.label })} data-source={s.kind}>
          {t(`sources.${s.kind}`)}
        </span>
      ))}
    </>
  );
}

function SetResult({ firm, set, evaluation, data, onSaved }: { firm: number; set: CriteriaSetInfoT; evaluation: EvaluationT; data: Firm; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const sources = new Map(data.sources.map((s) => [s.id, s]));
  const projection = formatProjection(evaluation.projection, t);
  return (
    <div className="set-result" data-testid={`evaluation-${set.id}`}>
      <p className="set-summary">
        <span className={`verdict verdict-${evaluation.verdict}`} data-testid="set-verdict">
          {t(`verdicts.${evaluation.verdict}`)}
        </span>
        {evaluation.score && (
          <span>{evaluation.score.lo === evaluation.score.hi ? t('evaluation.scoreExact', { lo: evaluation.score.lo, max: evaluation.score.max }) : t('evaluation.score', { lo: evaluation.score.lo, hi: evaluation.score.hi, max: evaluation.score.max })}</span>
        )}
        {projection && <span data-testid="set-projection">{t('evaluation.projectionLine', { text: projection })}</span>}
        <span className="muted">
          {set.document.number ?? set.document.name} · {set.document.date}
        </span>
      </p>
      <SetNotice set={set} poolYear={null} />
      <table className="criteria-table">
        <thead>
          <tr>
            <th>{t('evaluation.criterion')}</th>
            <th>{t('evaluation.status')}</th>
            <th className="num">{t('evaluation.value')}</th>
            <th className="num">{t('evaluation.threshold')}</th>
            <th>{t('evaluation.projection')}</th>
          </tr>
        </thead>
        <tbody>
          {evaluation.criteria.map((c) => {
            const def = set.criteria.find((d) => d.id === c.id)!;
            const texts = itemTexts(def.rule);
            const p = c.primary;
            const years = [...new Set((p?.used ?? []).flatMap((u) => (u.year != null ? [u.year] : [])))].sort();
            const inputs = c.items.filter((i) => i.kind === 'review' || i.kind === 'flag');
            return (
              <tr key={c.id} className={c.enabled ? undefined : 'is-disabled'} data-criterion={c.id}>
                <td className="criterion-text">
                  <strong>{c.id}.</strong> {lang === 'en' ? def.text.en : def.text.zh}
                  {!c.enabled && <span className="tag-off">{t('evaluation.disabled')}</span>}
                  {inputs.map((item) => (
                    <YesNoControl
                      key={item.key}
                      target={{ firmId: firm, kind: item.kind === 'flag' ? 'flag' : 'judgement', key: item.key, setId: item.kind === 'review' ? set.id : undefined }}
                      label={(lang === 'en' ? texts.get(item.key)?.en : texts.get(item.key)?.zh) ?? item.key}
                      current={data.inputs.find((i) => i.key === item.key && (item.kind === 'flag' ? i.kind === 'flag' : i.kind === 'judgement' && i.setId === set.id))}
                      onSaved={onSaved}
                    />
                  ))}
                </td>
                <td>
                  <span className={`status-chip status-chip-${c.status}`} data-testid="criterion-status">
                    {t(`statuses.${c.status}`)}
                  </span>
                </td>
                <td className="num">
                  <ValueCell p={p} years={years} sources={sources} lang={lang} />
                </td>
                <td className="num">
                  {p ? formatThreshold(p.op, p.threshold, p.unit, lang, t) : '—'}
                  {p && c.status === 'fail' && <div className="gap">{formatGap(p.gap, p.unit, lang, t)}</div>}
                </td>
                <td>{formatProjection(c.projection, t)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ScoreBreakdown firmId={firm} set={set} evaluation={evaluation} inputs={data.inputs} onSaved={onSaved} />
    </div>
  );
}

export function EvaluationPanel({ firmId, setId, refresh, onChanged }: { firmId: number; setId: string; refresh: number; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const [dataYear, setDataYear] = useState<number | undefined>(undefined);
  const [chosen, setChosen] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const result = useAsync(() => call('evaluate.firm', { firmId, dataYear }), [firmId, dataYear, refresh, version]);
  const sets = useAsync(() => call('criteria.list', {}), [refresh, version]);
  const data = result.data;
  if (!data || !sets.data) return <div className="card">{t('app.loading')}</div>;
  const current = chosen ?? setId;
  const evaluation = data.evaluations.find((e) => e.setId === current) ?? data.evaluations[0];
  const set = sets.data.find((s) => s.id === evaluation?.setId);
  const saved = () => {
    setVersion((v) => v + 1);
    onChanged();
  };
  return (
    <div className="card evaluation" data-testid="evaluation">
      <div className="card-head">
        <h2>{t('evaluation.heading')}</h2>
        <label>
          {t('evaluation.dataYear')}
          <select value={data.dataYear ?? ''} onChange={(e) => setDataYear(Number(e.target.value))} data-testid="evaluation-year">
            {data.dataYears.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="set-tabs" role="tablist">
        {data.evaluations.map((e) => {
          const s = sets.data!.find((x) => x.id === e.setId)!;
          return (
            <button key={e.setId} type="button" role="tab" aria-selected={e.setId === evaluation?.setId} className={e.setId === evaluation?.setId ? 'active' : undefined} onClick={() => setChosen(e.setId)} data-set={e.setId}>
              <span>{i18n.language === 'en' ? s.title.en : s.title.zh}</span>
              <span className={`verdict verdict-${e.verdict}`}>{t(`verdicts.${e.verdict}`)}</span>
            </button>
          );
        })}
      </div>
      {evaluation && set && <SetResult firm={firmId} set={set} evaluation={evaluation} data={data} onSaved={saved} />}
    </div>
  );
}
