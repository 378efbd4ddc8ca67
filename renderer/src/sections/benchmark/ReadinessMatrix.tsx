import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { EvaluationRowT } from '../../../../db/contract';
import type { BenchData } from './BenchmarkSection';
import { ChartCard, useWidth } from './ChartCard';
import { FONT, textWidth } from './exportPng';
import { criterionText, fileName, OP_TEXT, scaleFor, STATUS_COLOUR, VERDICT_STATUS, withUnit, type Status, type Unit } from './model';

const ROW = 30;
const HEAD = 40;
const GAP = 3;

type Cell = EvaluationRowT['criteria'][number];

function valueText(c: Cell, t: TFunction, lang: 'zh-CN' | 'en'): string {
  if (c.value == null || c.threshold == null || !c.op || !c.unit || c.unit === 'flag') return '';
  const s = scaleFor(c.unit as Unit, [c.value, c.threshold], t, lang);
  return t('benchmark.matrix.valueVs', { value: withUnit(c.value, s), op: OP_TEXT[c.op], threshold: withUnit(c.threshold, s) });
}

/** Firms × criteria of the chosen set, one coloured cell per status; drawn as SVG so it exports like the charts. */
export function ReadinessMatrix({ data }: { data: BenchData }) {
  const { t } = useTranslation();
  const [ref] = useWidth();
  const criteria = data.set?.criteria ?? [];
  const enabled = (id: string) => data.set?.effective[id] ?? criteria.find((c) => c.id === id)?.enabled ?? true;
  const words = (['pass', 'fail', 'unknown', 'review'] as const).map((s) => t(`benchmark.status.${s}`));
  const colW = Math.ceil(Math.max(64, ...words.map((w) => textWidth(w, 12) + 14)));
  const verdictW = Math.ceil(Math.max(72, ...(['eligible', 'not_eligible', 'incomplete', 'needs_review'] as const).map((v) => textWidth(t(`benchmark.verdict.${v}`), 12) + 16)));
  const nameW = Math.ceil(Math.min(240, Math.max(80, ...data.evaluation.map((r) => textWidth(r.name, 13))) + 16));
  const width = nameW + criteria.length * (colW + GAP) + GAP + verdictW + 8;
  const height = HEAD + data.evaluation.length * (ROW + GAP) + 4;
  const xOf = (i: number) => nameW + i * (colW + GAP);
  const vx = xOf(criteria.length) + GAP;

  const frame = {
    title: t('benchmark.matrix.heading'),
    subtitle: data.subtitle,
    legend: [
      ...(['pass', 'fail', 'unknown', 'review'] as const).map((s) => ({ colour: STATUS_COLOUR[s], label: t(`benchmark.status.${s}`) })),
      ...(criteria.some((c) => !enabled(c.id)) ? [{ colour: '#9aa3ad', label: t('benchmark.status.disabled'), hatched: true }] : []),
    ],
    notes: [
      ...criteria.map((c) => t('benchmark.criterionOption', { id: c.id, text: criterionText(c, data.lang) }) + (enabled(c.id) ? '' : t('benchmark.criterionDisabled'))),
      ...data.notes,
    ],
  };

  return (
    <ChartCard chart="matrix" frame={frame} file={fileName(t('benchmark.filePrefix'), t('benchmark.matrix.heading'))} figureRef={ref}>
      <div ref={ref} className="bm-figure bm-scroll-x" data-testid="matrix-figure">
        <svg data-export="matrix" xmlns="http://www.w3.org/2000/svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} fontFamily={FONT} role="img" aria-label={frame.title}>
          <defs>
            <pattern id="bm-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" fill="#eef0f3" />
              <line x1="0" y1="0" x2="0" y2="6" stroke="#c3c9d0" strokeWidth="2" />
            </pattern>
          </defs>
          <text x={4} y={HEAD - 12} fontSize={13} fontWeight={700} fill="#374151">
            {t('benchmark.matrix.firm')}
          </text>
          {criteria.map((c, i) => (
            <text key={c.id} x={xOf(i) + colW / 2} y={HEAD - 12} fontSize={13} fontWeight={700} textAnchor="middle" fill={enabled(c.id) ? '#374151' : '#9aa3ad'} data-criterion={c.id}>
              <title>{criterionText(c, data.lang)}</title>
              {t('benchmark.criterionShort', { id: c.id })}
            </text>
          ))}
          <text x={vx + verdictW / 2} y={HEAD - 12} fontSize={13} fontWeight={700} textAnchor="middle" fill="#374151">
            {t('benchmark.matrix.verdict')}
          </text>
          <line x1={0} x2={width} y1={HEAD - 4} y2={HEAD - 4} stroke="#dfe4ea" />
          {data.evaluation.map((r, j) => {
            const y = HEAD + j * (ROW + GAP);
            const vs: Status = r.verdict ? VERDICT_STATUS[r.verdict] : 'unknown';
            return (
              <g key={r.firmId} className="bm-matrix-row" data-firm={r.name}>
                <text x={4} y={y + ROW / 2 + 5} fontSize={13} fill="#1f2933">
                  {r.name}
                </text>
                {criteria.map((c, i) => {
                  const cell = r.criteria.find((x) => x.id === c.id);
                  const status = (cell?.status ?? 'unknown') as Status;
                  const on = enabled(c.id);
                  const word = t(`benchmark.status.${status}`);
                  return (
                    <g key={c.id} className="bm-cell" data-criterion={c.id} data-status={status} data-enabled={on ? 'true' : 'false'}>
                      <title>{t('benchmark.matrix.cellTitle', { firm: r.name, id: c.id, status: on ? word : `${word}${t('benchmark.criterionDisabled')}` }) + (cell ? valueText(cell, t, data.lang) : '')}</title>
                      <rect x={xOf(i)} y={y} width={colW} height={ROW} rx={3} fill={on ? STATUS_COLOUR[status] : 'url(#bm-hatch)'} stroke={on ? 'none' : '#c3c9d0'} />
                      <text x={xOf(i) + colW / 2} y={y + ROW / 2 + 4} fontSize={12} textAnchor="middle" fill={on ? '#ffffff' : '#6b7785'}>
                        {word}
                      </text>
                    </g>
                  );
                })}
                <g className="bm-verdict" data-status={vs}>
                  <rect x={vx} y={y} width={verdictW} height={ROW} rx={3} fill="#ffffff" stroke={STATUS_COLOUR[vs]} strokeWidth={1.5} />
                  <text x={vx + verdictW / 2} y={y + ROW / 2 + 4} fontSize={12} fontWeight={700} textAnchor="middle" fill={STATUS_COLOUR[vs]}>
                    {r.verdict ? t(`benchmark.verdict.${r.verdict}`) : '—'}
                  </text>
                </g>
              </g>
            );
          })}
        </svg>
      </div>
    </ChartCard>
  );
}
