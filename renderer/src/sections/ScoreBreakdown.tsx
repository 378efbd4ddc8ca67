import { useTranslation } from 'react-i18next';
import type { AnalystInputT, CriteriaSetInfoT, EvaluationT } from '../../../db/contract';
import { PointsControl } from './InputControls';

/** Each indicator's points (an interval while its input is unknown); input-scored ones can be recorded here. */
export function ScoreBreakdown({ firmId, set, evaluation, inputs, onSaved }: { firmId: number; set: CriteriaSetInfoT; evaluation: EvaluationT; inputs: AnalystInputT[]; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <>
      {Object.entries(set.scores).map(([name, table]) => {
        const result = evaluation.scores[name];
        if (!result) return null;
        return (
          <div key={name} className="score-breakdown" data-testid={`score-${name}`}>
            <h3>
              {en ? table.label.en : table.label.zh} ·{' '}
              {result.lo === result.hi ? t('evaluation.scoreExact', { lo: result.lo, max: result.max }) : t('evaluation.score', { lo: result.lo, hi: result.hi, max: result.max })}
            </h3>
            <table className="indicator-table">
              <tbody>
                {table.indicators.map((ind) => {
                  const r = result.indicators.find((x) => x.id === ind.id);
                  const key = ind.input ?? (ind.metric?.startsWith('input:') ? ind.metric.slice(6) : null);
                  return (
                    <tr key={ind.id} className={ind.confidence === 'unconfirmed' ? 'is-unconfirmed' : undefined}>
                      <td>{en ? ind.label.en : ind.label.zh}</td>
                      <td className="num">{r ? (r.lo === r.hi ? `${r.lo}` : `${r.lo}–${r.hi}`) : '—'} / {ind.max}</td>
                      <td>
                        {key && (
                          <PointsControl
                            target={{ firmId, kind: 'points', key }}
                            max={ind.input ? ind.max : 10}
                            current={inputs.find((i) => i.kind === 'points' && i.key === key)}
                            onSaved={onSaved}
                          />
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        );
      })}
    </>
  );
}
