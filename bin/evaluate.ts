// `champion-pool evaluate` and `champion-pool criteria`: the evaluation as a table, JSON or CSV.
import Papa from 'papaparse';
import type { MethodOutput } from '../db/contract';

type Pool = MethodOutput<'evaluate.pool'>;
type Sets = MethodOutput<'criteria.list'>;
type Row = Pool['rows'][number];

const VERDICT_ZH: Record<string, string> = { eligible: '达标', not_eligible: '未达标', incomplete: '数据不全', needs_review: '待研判' };
const STATUS_MARK: Record<string, string> = { pass: '✓', fail: '✗', unknown: '?', review: '…' };

export function projectionText(p: Row['projection']): string {
  if (p.kind === 'none') return '';
  if (p.kind === 'not_projectable') return '无法预测';
  return p.years > 10 ? '10年以上' : `${p.years}年后`;
}

/** The JSON the issue names: per firm credit_code, name, year, verdict, score, projection and criteria. */
export function evaluationJson(pool: Pool) {
  return pool.rows.map((r) => ({
    credit_code: r.creditCode,
    name: r.name,
    year: r.year,
    verdict: r.verdict,
    score: r.score,
    projection: r.projection,
    criteria: r.criteria.map((c) => ({ id: c.id, enabled: c.enabled, status: c.status, value: c.value, threshold: c.threshold, gap: c.gap })),
  }));
}

/** Display width in a terminal: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

export function evaluationTable(pool: Pool, setTitle: string): string {
  const ids = pool.rows[0]?.criteria.filter((c) => c.enabled).map((c) => c.id) ?? [];
  const header = ['企业名称', '数据年度', '达标情况', '评分', '预计', ...ids.map((id) => `条件${id}`)];
  const lines = pool.rows.map((r) => [
    r.name,
    String(r.year ?? '—'),
    r.verdict ? VERDICT_ZH[r.verdict] : '—',
    r.score ? (r.score.lo === r.score.hi ? `${r.score.lo}` : `${r.score.lo}–${r.score.hi}`) : '',
    projectionText(r.projection),
    ...r.criteria.filter((c) => c.enabled).map((c) => STATUS_MARK[c.status]),
  ]);
  const widths = header.map((h, i) => Math.max(width(h), ...lines.map((l) => width(l[i]))));
  const fmt = (cells: string[]) => cells.map((c, i) => pad(c, widths[i])).join('  ').trimEnd();
  const counts = Object.entries(pool.counts).map(([k, n]) => `${VERDICT_ZH[k]} ${n}`).join('，');
  return [setTitle, fmt(header), ...lines.map(fmt), `共 ${pool.total} 家：${counts}（✓ 符合  ✗ 不符合  ? 缺数据  … 待研判）`].join('\n') + '\n';
}

/** A cell that a spreadsheet would run as a formula is neutralised with a leading apostrophe. */
function safe(v: unknown): unknown {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

export function evaluationCsv(pool: Pool): string {
  const ids = pool.rows[0]?.criteria.map((c) => c.id) ?? [];
  const fields = ['credit_code', 'name', 'year', 'verdict', 'score_lo', 'score_hi', 'projection', ...ids.flatMap((id) => [`c${id}_status`, `c${id}_value`, `c${id}_threshold`, `c${id}_gap`])];
  const data = pool.rows.map((r) => [
    r.creditCode,
    r.name,
    r.year,
    r.verdict,
    r.score?.lo ?? '',
    r.score?.hi ?? '',
    projectionText(r.projection),
    ...r.criteria.flatMap((c) => [c.enabled ? c.status : `${c.status} (off)`, c.value ?? '', c.threshold ?? '', c.gap?.abs ?? '']),
  ]);
  return '\ufeff' + Papa.unparse({ fields, data: data.map((row) => row.map(safe)) }, { newline: '\r\n' }) + '\r\n';
}

export function criteriaTable(sets: Sets): string {
  const CONF: Record<string, string> = { text: '原文', multi: '多来源', single: '单一来源', unconfirmed: '未证实' };
  return (
    sets
      .map((s) => {
        const off = s.criteria.filter((c) => !s.effective[c.id]).map((c) => c.id);
        const added = s.added ? `\n  分析员导入：${s.added.by}，${s.added.at}，文件 ${s.added.fileName}（第 ${s.version} 版）` : '';
        const notice = s.notice ? `\n  注意：${s.notice.zh}` : '';
        return `${s.id}\n  ${s.title.zh}\n  ${s.document.number ?? `${s.document.name}，无文号`}（${s.document.date}）· 适用期 ${s.effective_from} 至 ${s.effective_to ?? '今'} · 可信度：${CONF[s.confidence]} · ${s.criteria.length} 项条件${off.length ? `（未启用：${off.join('、')}）` : ''}${added}${notice}`;
      })
      .join('\n') + '\n'
  );
}
